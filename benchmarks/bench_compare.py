"""Benchmark ``lawdiff compare`` against difflib, measured in the same run, and score pairing quality.

Run from a checkout::

    python benchmarks/bench_compare.py [--bulk /tmp/bulk] [--quick] [--python PATH]

It prints:

(s) start-up: wall time of ``python -c pass``, ``python -c "import lawdiff"``
    and ``python cli.py --help`` (best of 7), so that the cost of importing
    lawdiff shows apart from the interpreter's own;
(a) the Civil Code (the 8 files of 民法典 in the bulk corpus joined, 1,260
    articles) against a copy with scripted edits (modified articles, moves,
    insertions, deletions, splits, merges, renumbering): in-process
    compare time; ``lawdiff compare --format json`` wall time including
    interpreter start-up; difflib ``SequenceMatcher`` on the two whole
    texts and ``HtmlDiff.make_file`` on their lines; ratios; and pairing
    precision/recall against the known script;
(b) every pair of consecutive versions of one law in the bulk corpus
    (``反垄断法(2007-08-30).md`` -> ``反垄断法(2022-06-24).md``): total compare
    time against SequenceMatcher and HtmlDiff over the same pairs;
(c) pairing precision/recall and relation accuracy against the hand-checked
    gold alignments in tests/fixtures/gold/.

``--python PATH`` runs the command-line measurements ((s) and the CLI wall time
of (a)) with another interpreter, for example the ``python`` of a fresh virtual
environment with lawdiff's requirements installed (``python -m venv /tmp/v &&
/tmp/v/bin/pip install .``): that is the start-up a user has, while a
development machine's global interpreter may load site hooks (``.pth`` files) on
every start. The checkout's ``cli.py`` is what runs either way.

``--quick`` bounds the difflib baselines (one HtmlDiff on the Civil Code is
skipped, and (b) uses a deterministic sample of pairs) so the whole run takes
well under a minute.

The package is byte-compiled first (``compileall``; ``__pycache__`` is
ignored by git), as an installed package is: with ``PYTHONDONTWRITEBYTECODE``
set, a module edited since its last ``.pyc`` would otherwise be compiled from
source by every subprocess, which is not what a user's start-up costs.
"""
from __future__ import annotations

import argparse
import compileall
import difflib
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdiff.align import align  # noqa: E402
from lawdiff.compare import compare  # noqa: E402
from lawdiff.io import read  # noqa: E402
from lawdiff.model import Article, Clause, Document  # noqa: E402
from lawdiff.numerals import article_label  # noqa: E402

CIVIL_CODE_PARTS = [
    ("第一编", "总则"),
    ("第二编", "物权编"),
    ("第三编", "合同编"),
    ("第四编", "人格权编"),
    ("第五编", "婚姻家庭编"),
    ("第六编", "继承编"),
    ("第七编", "侵权责任编"),
    ("", "附则"),
]


def timed(fn, *args, repeat: int = 1, **kwargs):
    """(best wall time in seconds over ``repeat`` runs, result of the last run)."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - t0)
    return best, result


def join_civil_code(folder: Path) -> str:
    """The 8 files of 民法典 as one Markdown text: one header, each 编 as a ``##`` heading."""
    out: list[str] = []
    for k, (label, name) in enumerate(CIVIL_CODE_PARTS):
        text = (folder / f"{name}.md").read_text(encoding="utf-8")
        head, _, body = text.partition("<!-- INFO END -->")
        if k == 0:
            out.append(head.replace("# 总则\n", "") + "<!-- INFO END -->\n")
        heading = f"## {label}　{name.removesuffix('编')}" if label else "## 附　　则"
        out.append(heading + "\n" + body.replace("\n## ", "\n### "))
    return "\n".join(out)


def scripted_copy(doc: Document, seed: int = 20240101) -> tuple[Document, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """A revised copy of ``doc`` and the true pairing as (old indices, new indices) groups.

    Edits: 4% of articles get a phrase changed, 20 deleted, 20 new ones inserted,
    10 moved far away, 5 split in two at a sentence end, 5 pairs of neighbours
    merged. Everything is renumbered sequentially, as a republished text is.
    """
    rng = random.Random(seed)
    units = list(doc.units())
    n = len(units)
    items: list[tuple[tuple[int, ...], list[str]]] = [((i,), [u.text]) for i, u in enumerate(units)]
    ids = list(range(n))
    rng.shuffle(ids)
    deleted = set(ids[:20])
    moved = ids[20:30]
    modified = set(ids[30:80])
    split = [i for i in ids[80:200] if len(re.findall("。", units[i].text)) >= 2][:5]
    merge_starts = [i for i in ids[200:260] if i + 1 < n][:5]
    taken = deleted | set(moved) | modified | set(split)
    merge_starts = [i for i in merge_starts if not ({i, i + 1} & taken)]
    new_items: list[tuple[tuple[int, ...], list[str]]] = []
    skip: set[int] = set()
    for idx, (key, texts) in enumerate(items):
        i = key[0]
        if i in skip or i in deleted or i in moved:
            continue
        text = texts[0]
        if i in modified:
            pos = rng.randrange(max(1, len(text) - 6))
            text = text[:pos] + "依照国家有关规定" + text[pos + 4 :]
            new_items.append(((i,), [text]))
        elif i in split:
            cut = text.index("。") + 1
            new_items.append(((i,), [text[:cut], text[cut:].lstrip("\n")]))
        elif i in merge_starts:
            new_items.append(((i, i + 1), [text + units[i + 1].text]))
            skip.add(i + 1)
        else:
            new_items.append(((i,), [text]))
    for i in moved:
        new_items.insert(rng.randrange(len(new_items)), ((i,), [units[i].text]))
    for k in range(20):
        text = f"国家建立健全第{k + 1}项新增的民事制度，具体办法由国务院规定，并向社会公布实施情况。"
        new_items.insert(rng.randrange(len(new_items)), ((), [text]))
    body: list[Article] = []
    truth: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for old_key, texts in new_items:
        new_idx = []
        for t in texts:
            number = len(body) + 1
            paras = [p for p in t.split("\n") if p] or [t]
            body.append(Article(number, article_label(number), tuple(Clause(c + 1, p) for c, p in enumerate(paras))))
            new_idx.append(number - 1)
        truth.append((old_key, tuple(new_idx)))
    truth.extend(((i,), ()) for i in sorted(deleted))
    return Document(title=doc.title, body=tuple(body)), truth


def pairing_scores(pairs, truth_links: set[tuple], old_units, new_units) -> tuple[float, float]:
    """Precision and recall of the predicted (old, new) unit links."""
    opos = {id(u): k for k, u in enumerate(old_units)}
    npos = {id(u): k for k, u in enumerate(new_units)}
    got = {(opos[id(a)], npos[id(b)]) for p in pairs for a in p.old for b in p.new}
    hit = len(got & truth_links)
    return (hit / len(got) if got else 1.0), (hit / len(truth_links) if truth_links else 1.0)


def render_difflib_html(a: str, b: str) -> str:
    return difflib.HtmlDiff().make_file(a.splitlines(), b.splitlines())


def sequence_matcher(a: str, b: str):
    return difflib.SequenceMatcher(None, a, b).get_opcodes()


#: The interpreter of the command-line runs (``--python``).
PYTHON = sys.executable


def bench_startup() -> None:
    """(s) interpreter start-up alone, plus ``import lawdiff``, plus the CLI's ``--help``."""
    print(f"(s) interpreter for the command-line runs: {PYTHON}")
    cases = [
        ("python -c pass", [PYTHON, "-c", "pass"]),
        ('python -c "import lawdiff"', [PYTHON, "-c", "import lawdiff"]),
        ("python cli.py --help", [PYTHON, str(ROOT / "cli.py"), "--help"]),
    ]
    base = None
    for label, cmd in cases:
        t, proc = timed(subprocess.run, cmd, capture_output=True, cwd=ROOT, repeat=7)
        if proc.returncode != 0:
            print(f"(s) {label} failed:", proc.stderr.decode("utf-8", "replace").strip())
        base = t if base is None else base
        extra = "" if t is base else f"  ({(t - base) * 1000:+.1f} ms over the interpreter)"
        print(f"(s) {label:28s} {t * 1000:7.1f} ms{extra}")


def bench_civil_code(bulk: Path, quick: bool) -> None:
    from lawdiff.io.text import write_text

    folder = bulk / "民法典"
    if not folder.is_dir():
        print(f"(a) skipped: {folder} not found")
        return
    with tempfile.TemporaryDirectory() as tmp:
        left_path = Path(tmp) / "民法典.md"
        left_path.write_text(join_civil_code(folder), encoding="utf-8")
        left = read(left_path)
        right_doc, truth = scripted_copy(left)
        right_path = Path(tmp) / "民法典-修改稿.txt"
        right_path.write_text(write_text(right_doc), encoding="utf-8")
        right = read(right_path)
        n_left, n_right = len(list(left.units())), len(list(right.units()))
        a_text, b_text = left_path.read_text(encoding="utf-8"), right_path.read_text(encoding="utf-8")
        print(f"(a) Civil Code: {n_left} articles vs scripted copy with {n_right} "
              f"({len(a_text):,} / {len(b_text):,} characters)")

        t_compare, comparison = timed(compare, left, right, repeat=3)
        t_parse_compare, _ = timed(lambda: compare(left_path, right_path), repeat=3)
        cmd = [PYTHON, str(ROOT / "cli.py"), "compare", str(left_path), str(right_path), "--format", "json"]
        t_cli, proc = timed(subprocess.run, cmd, capture_output=True, repeat=9)
        if proc.returncode != 0:
            print("    lawdiff compare failed:", proc.stderr.decode("utf-8", "replace").strip())
        t_sm, _ = timed(sequence_matcher, a_text, b_text)
        print(f"    lawdiff compare (in process, parsed docs) {t_compare * 1000:9.1f} ms")
        print(f"    lawdiff compare (in process, read+parse)  {t_parse_compare * 1000:9.1f} ms")
        print(f"    lawdiff compare --format json (CLI wall)  {t_cli * 1000:9.1f} ms")
        print(f"    difflib SequenceMatcher, whole texts      {t_sm * 1000:9.1f} ms")
        print(f"    -> CLI wall (start-up included) is {t_sm / t_cli:,.0f}x faster than SequenceMatcher "
              f"(in process: {t_sm / t_parse_compare:,.0f}x)")
        if quick:
            print("    difflib HtmlDiff: skipped (--quick)")
        else:
            t_html, _ = timed(render_difflib_html, a_text, b_text)
            print(f"    difflib HtmlDiff.make_file (lines)        {t_html * 1000:9.1f} ms "
                  f"-> lawdiff CLI is {t_html / t_cli:,.0f}x faster")
        links = {(o, nw) for olds, news in truth for o in olds for nw in news}
        precision, recall = pairing_scores(comparison.pairs, links, list(left.units()), list(right.units()))
        print(f"    pairing vs the edit script: precision {precision:.4f}, recall {recall:.4f}")
        print(f"    summary: {dict((r.value, c) for r, c in comparison.summary.counts)}, "
              f"renumbered {comparison.summary.renumbered}, moved {comparison.summary.moved}")


def revision_pairs(bulk: Path) -> list[tuple[Path, Path]]:
    groups: dict[tuple[Path, str], list[tuple[str, Path]]] = defaultdict(list)
    for path in bulk.rglob("*.md"):
        m = re.fullmatch(r"(.+)\((\d{4}-\d{2}-\d{2})\)\.md", path.name)
        if m:
            groups[(path.parent, m.group(1))].append((m.group(2), path))
    pairs = []
    for key in sorted(groups):
        versions = sorted(groups[key])
        pairs.extend((a[1], b[1]) for a, b in zip(versions, versions[1:]))
    return pairs


def bench_revisions(bulk: Path, quick: bool) -> None:
    pairs = revision_pairs(bulk)
    if not pairs:
        print("(b) skipped: no versioned files found")
        return
    docs = []
    for a, b in pairs:
        try:
            docs.append((a, b, read(a), read(b)))
        except Exception as err:  # noqa: BLE001 - a benchmark reports and goes on
            print(f"    skipped {a.name}: {err}")
    t0 = time.perf_counter()
    counts: dict[str, int] = defaultdict(int)
    for _, _, da, db in docs:
        for rel, c in compare(da, db).summary.counts:
            counts[rel.value] += c
    t_all = time.perf_counter() - t0
    print(f"(b) {len(docs)} consecutive-version pairs of the bulk corpus: lawdiff compare {t_all:.2f} s "
          f"({t_all / len(docs) * 1000:.1f} ms a pair); relations {dict(counts)}")
    sample = docs
    if quick:
        sample = random.Random(7).sample(docs, min(12, len(docs)))
    texts = [(a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) for a, b, _, _ in sample]
    t_lawdiff = 0.0
    for _, _, da, db in sample:
        t, _ = timed(compare, da, db)
        t_lawdiff += t
    t_sm = sum(timed(sequence_matcher, x, y)[0] for x, y in texts)
    t_html = sum(timed(render_difflib_html, x, y)[0] for x, y in texts)
    label = f"a sample of {len(sample)}" if quick else f"all {len(sample)}"
    print(f"    on {label} pairs: lawdiff {t_lawdiff:.2f} s, SequenceMatcher {t_sm:.2f} s "
          f"({t_sm / t_lawdiff:,.1f}x), HtmlDiff {t_html:.2f} s ({t_html / t_lawdiff:,.1f}x)")


def bench_gold(bulk: Path | None) -> None:
    gold_dir = ROOT / "tests" / "fixtures" / "gold"
    total = {"links": 0, "got": 0, "hit": 0, "pairs": 0, "right": 0}
    for f in sorted(gold_dir.glob("*.json")):
        gold = json.loads(f.read_text(encoding="utf-8"))
        if bulk is not None and (bulk / gold["left"]).exists():
            left, right = bulk / gold["left"], bulk / gold["right"]
        else:
            left, right = (ROOT / "corpora" / name for name in gold["bundled"])
        al = align(left, right)
        got_pairs = {(tuple(u.label for u in p.old), tuple(u.label for u in p.new)): p.relation.value for p in al.pairs}
        gold_links = {(a, b) for p in gold["pairs"] for a in p["left"] for b in p["right"]}
        got_links = {(a, b) for (ls, rs) in got_pairs for a in ls for b in rs}
        right_rel = sum(1 for p in gold["pairs"] if got_pairs.get((tuple(p["left"]), tuple(p["right"]))) == p["relation"])
        hit = len(gold_links & got_links)
        print(f"(c) {f.stem}: precision {hit / max(1, len(got_links)):.4f}, recall {hit / max(1, len(gold_links)):.4f}, "
              f"relation accuracy {right_rel / len(gold['pairs']):.4f} ({len(gold['pairs'])} gold pairs)")
        total["links"] += len(gold_links)
        total["got"] += len(got_links)
        total["hit"] += hit
        total["pairs"] += len(gold["pairs"])
        total["right"] += right_rel
    if total["pairs"]:
        p = total["hit"] / max(1, total["got"])
        r = total["hit"] / max(1, total["links"])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"    all gold: precision {p:.4f}, recall {r:.4f}, F1 {f1:.4f}, "
              f"relation accuracy {total['right'] / total['pairs']:.4f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bulk", type=Path, default=Path("/tmp/bulk"), help="unpacked bulk corpus")
    parser.add_argument("--quick", action="store_true", help="bound the difflib baselines (sample, no HtmlDiff on (a))")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter for the command-line runs (default: this one), e.g. a fresh venv's python")
    args = parser.parse_args(argv)
    global PYTHON
    PYTHON = args.python
    compileall.compile_dir(ROOT / "lawdiff", quiet=1)
    bench_startup()
    bulk = args.bulk if args.bulk.is_dir() else None
    if bulk is None:
        print(f"bulk corpus not found at {args.bulk}: unpack ../shared/corpora-bulk/*.tar.xz there; (a) and (b) skipped")
    else:
        bench_civil_code(bulk, args.quick)
        bench_revisions(bulk, args.quick)
    bench_gold(bulk)


if __name__ == "__main__":
    main()
