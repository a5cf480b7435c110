"""Independent quality evaluation of the aligner against hand-checked and constructed gold alignments.

    python benchmarks/eval_align.py [--cases DIR] [--verbose]

Cases are the JSON files of ``tests/fixtures/eval/`` (see the "Evaluation" section of
docs/alignment.md): real revision pairs whose pairing was written by reading both texts, the
real 赤水河 云南/贵州 pair, and province-vs-municipality / three-party variants constructed from real
texts. For every case the script prints pairing precision, recall and F1 (over unit links: a
split old 第三条 -> new 第三、四条 is two links) and relation accuracy (share of gold pairs found with
the same units and the same relation), for lawdiff and for a greedy baseline measured in the
same run; then the totals over all cases (links and gold pairs pooled).

The baseline is the "simple greedy" aligner of the issue: (1) exact pass on the normalised text,
(2) exact pass after masking every province/city name and 本省/本市, (3) best-first fuzzy matching
(Indel similarity >= 0.5, highest first, each unit used once), the rest added/deleted. It knows no
split, merge or level wording (省人民政府/市人民政府).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CASES = ROOT / "tests" / "fixtures" / "eval"

Triple = tuple[tuple[str, ...], tuple[str, ...], str]  # left labels, right labels, relation


@dataclass(frozen=True)
class Score:
    """Counts behind precision/recall/F1 and relation accuracy (so cases can be pooled)."""

    links_gold: int
    links_got: int
    links_both: int
    pairs_gold: int
    pairs_right: int

    @property
    def precision(self) -> float:
        return self.links_both / self.links_got if self.links_got else 1.0

    @property
    def recall(self) -> float:
        return self.links_both / self.links_gold if self.links_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.pairs_right / self.pairs_gold if self.pairs_gold else 1.0

    def __add__(self, other: "Score") -> "Score":
        return Score(*(a + b for a, b in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple[int, ...]:
        return (self.links_gold, self.links_got, self.links_both, self.pairs_gold, self.pairs_right)


def _links(triples: list[Triple]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for left, right, _ in triples:
        out.update((a, b) for a in left for b in right)
        # added/deleted units count as links to nothing, so that pairing a unit that should stay
        # unpaired is a false positive and leaving a unit unpaired that should be paired is a miss
        if not right:
            out.update((a, "") for a in left)
        if not left:
            out.update(("", b) for b in right)
    return out


def score(got: list[Triple], gold: list[Triple]) -> Score:
    """Pairing links and relation accuracy of ``got`` against ``gold``."""
    g, s = _links(gold), _links(got)
    by_units = {(left, right): rel for left, right, rel in got}
    right = sum(1 for left, r, rel in gold if by_units.get((left, r)) == rel)
    return Score(len(g), len(s), len(g & s), len(gold), right)


# ---------------------------------------------------------------------------
# cases


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    left: Path
    right: Path
    gold: list[Triple]
    equiv: tuple[tuple[str, str], ...] = ()


def load_cases(folder: Path = CASES) -> list[Case]:
    """Every ``*.json`` case of ``folder``, by name."""
    cases = []
    for f in sorted(folder.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        gold = [(tuple(p["left"]), tuple(p["right"]), p["relation"]) for p in data["pairs"]]
        equiv = tuple(tuple(e) for e in data.get("equiv", ()))
        cases.append(Case(data["name"], data["kind"], (f.parent / data["left"]).resolve(),
                          (f.parent / data["right"]).resolve(), gold, equiv))
    return cases


def run_lawdiff(case: Case, **options) -> list[Triple]:
    from lawdiff.align import align

    al = align(case.left, case.right, equiv=case.equiv, **options)
    return [(tuple(u.label for u in p.old), tuple(u.label for u in p.new), p.relation.value) for p in al.pairs]


# ---------------------------------------------------------------------------
# baseline


def _name_regex() -> re.Pattern[str]:
    from lawdiff.jurisdiction import CITIES, PROVINCES

    names = set(PROVINCES) | {c for cities in CITIES.values() for c in cities} | {"本省", "本市", "本自治区"}
    return re.compile("|".join(map(re.escape, sorted(names, key=lambda s: (-len(s), s)))))


def run_baseline(case: Case, threshold: float = 0.5) -> list[Triple]:
    """Greedy: exact pass, exact pass after name masking, best-first fuzzy matching."""
    from rapidfuzz.distance import Indel

    from lawdiff.io import read
    from lawdiff.normalize import compare_key

    a, b = read(case.left), read(case.right)
    ua, ub = list(a.units()), list(b.units())
    names = _name_regex()
    ka = [compare_key(u.text) for u in ua]
    kb = [compare_key(u.text) for u in ub]
    ma = [names.sub("〇", k) for k in ka]
    mb = [names.sub("〇", k) for k in kb]
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for la, lb in ((ka, kb), (ma, mb)):
        free: dict[str, list[int]] = {}
        for j, k in enumerate(lb):
            if j not in used:
                free.setdefault(k, []).append(j)
        for i, k in enumerate(la):
            if i in pairs or not free.get(k):
                continue
            j = free[k].pop(0)
            pairs[i] = j
            used.add(j)
    cand = sorted(
        (-Indel.normalized_similarity(ma[i], mb[j]), i, j)
        for i in range(len(ua)) if i not in pairs
        for j in range(len(ub)) if j not in used
    )
    for neg, i, j in cand:
        if -neg < threshold:
            break
        if i in pairs or j in used:
            continue
        pairs[i] = j
        used.add(j)
    out: list[Triple] = []
    for i, j in sorted(pairs.items(), key=lambda t: t[1]):
        rel = "identical" if ka[i] == kb[j] else "equivalent" if ma[i] == mb[j] else "modified"
        out.append(((ua[i].label,), (ub[j].label,), rel))
    out.extend(((u.label,), (), "deleted") for i, u in enumerate(ua) if i not in pairs)
    out.extend(((), (u.label,), "added") for j, u in enumerate(ub) if j not in used)
    return out


# ---------------------------------------------------------------------------
# report


def evaluate(cases: list[Case], verbose: bool = False, out=sys.stdout) -> dict[str, Score]:
    """Print the table; return the pooled scores of ``lawdiff`` and ``baseline``."""
    totals = {"lawdiff": Score(0, 0, 0, 0, 0), "baseline": Score(0, 0, 0, 0, 0)}
    by_kind: dict[tuple[str, str], Score] = {}
    print(f"{'case':42} {'system':9} {'P':>6} {'R':>6} {'F1':>6} {'rel.acc':>8}  gold pairs", file=out)
    for case in cases:
        for system, run in (("lawdiff", run_lawdiff), ("baseline", run_baseline)):
            got = run(case)
            s = score(got, case.gold)
            totals[system] = totals[system] + s
            kind = "revision" if case.kind == "revision" else "coordination"
            by_kind[kind, system] = by_kind.get((kind, system), Score(0, 0, 0, 0, 0)) + s
            print(f"{case.name:42} {system:9} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.accuracy:8.3f}  "
                  f"{s.pairs_gold}", file=out)
            if verbose and system == "lawdiff":
                by_units = {(l, r): rel for l, r, rel in got}
                for l, r, rel in case.gold:
                    if by_units.get((l, r)) != rel:
                        near = [t for t in got if set(t[0]) & set(l) or set(t[1]) & set(r)]
                        print(f"    gold {'+'.join(l) or '-'} -> {'+'.join(r) or '-'} {rel}; got {near}", file=out)
    print(file=out)
    for (kind, system), s in sorted(by_kind.items(), key=lambda t: (t[0][0] != "revision", t[0][1] != "lawdiff")):
        print(f"{'all ' + kind + ' cases':42} {system:9} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
              f"{s.accuracy:8.3f}  {s.pairs_gold}", file=out)
    for system, s in totals.items():
        print(f"{'ALL (' + str(len(cases)) + ' cases)':42} {system:9} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
              f"{s.accuracy:8.3f}  {s.pairs_gold}", file=out)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--verbose", action="store_true", help="list every gold pair lawdiff gets wrong")
    args = parser.parse_args(argv)
    evaluate(load_cases(args.cases), verbose=args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
