"""Size and memory: large inputs parse and compare in bounded memory and time.

Run from a checkout::

    python benchmarks/bench_size.py [--quick]

Every measurement runs in a fresh interpreter (``python -c``) so that its peak
resident set size (``VmHWM`` in /proc/self/status) belongs to that stage alone. The
inputs are built from the real corpus (corpora/*.md): their articles are
reused, renumbered and lengthened. It prints, each with ratios against
baselines measured in the same run:

(a) a 20 MB text (about 7,000 long articles): peak RSS and time of reading
    the file (baseline: ``import lawdiff`` + read + decode), of parsing it,
    and of comparing it with a revised copy (5% of the articles modified, 1%
    deleted, 1% inserted, so everything after an edit is renumbered);
(b) a 5,000-article document (ordinary article lengths): the same stages;
(c) a pathological pair: 1,000 articles where every article of the new text
    is rewritten (its characters shuffled), against the same document with 5%
    of the articles modified (baseline), and against difflib's
    ``SequenceMatcher`` on the two whole texts (the approach that does *not*
    work per pair); then the same with the 5,000 articles of (b) all
    rewritten (25 times the cells of the 1,000-article pair).

``--quick`` uses a 5 MB text in (a) and 2,000 articles in (b) and (c).
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdiff.numerals import article_label, int_to_cn  # noqa: E402

MB = 1024 * 1024


def corpus_paragraphs() -> list[str]:
    """Every article paragraph of the corpus (label removed), in corpus order."""
    import lawdiff

    out: list[str] = []
    for path in sorted((ROOT / "corpora").glob("*.md")):
        if path.name == "README.md":
            continue
        for unit in lawdiff.read(path).units():
            out.extend(p for p in unit.paragraphs() if len(p) > 10)
    return out


def build_text(n_articles: int, paragraphs_per_article: int, seed: int) -> tuple[str, list[list[str]]]:
    """A law of ``n_articles`` articles, each made of consecutive corpus paragraphs."""
    pool = corpus_paragraphs()
    rng = random.Random(seed)
    articles = []
    for i in range(n_articles):
        start = rng.randrange(len(pool))
        k = max(1, paragraphs_per_article + rng.randrange(-1, 2))
        paras = [pool[(start + j) % len(pool)] for j in range(k)]
        # corpus paragraphs repeat when many articles are drawn: make each article's text unique,
        # as in a real law (identical articles would all be left to the similarity pass)
        paras[0] = f"第{int_to_cn(i + 1)}类事项，" + paras[0]
        articles.append(paras)
    return render(articles), articles


def render(articles: list[list[str]]) -> str:
    lines = ["某某法规汇编", ""]
    for i, paras in enumerate(articles, 1):
        if (i - 1) % 50 == 0:
            lines.append(f"第{article_label(i // 50 + 1)[1:-1]}章　第{i // 50 + 1}部分")
        lines.append(f"{article_label(i)}　{paras[0]}")
        lines.extend(paras[1:])
    return "\n".join(lines) + "\n"


def revise(articles: list[list[str]], seed: int, *, rewrite_all: bool = False) -> list[list[str]]:
    """A revised copy: 5% modified, 1% deleted, 1% inserted (or every article rewritten)."""
    rng = random.Random(seed)
    out = []
    for paras in articles:
        if rewrite_all:
            chars = list("".join(paras))
            rng.shuffle(chars)
            out.append(["".join(chars)])
            continue
        r = rng.random()
        if r < 0.01:
            continue  # deleted
        if r < 0.06:
            paras = [paras[0].replace("的", "之", 1) + "新增规定的内容。"] + paras[1:]
        out.append(paras)
        if rng.random() < 0.01:
            out.append(["本条为修订时新增的条文，规定有关事项。"])
    return out


def measure(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; it prints a JSON dict; add peak RSS (MiB) and wall time."""
    prog = textwrap.dedent(
        f"""
        import json, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        t0 = time.perf_counter()
        out = {{}}
        """
    ) + textwrap.dedent(code) + textwrap.dedent(
        """
        out["seconds"] = time.perf_counter() - t0
        # VmHWM: the peak of this process image (ru_maxrss would include the parent's peak, kept across exec)
        with open("/proc/self/status") as fh:
            out["peak_mib"] = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")) / 1024
        print(json.dumps(out))
        """
    )
    proc = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"measurement failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


READ = """
import lawdiff
data = open({path!r}, "rb").read()
from lawdiff.io.text import decode
text = decode(data, source={path!r})
out["chars"] = len(text)
"""
PARSE = """
import lawdiff
doc = lawdiff.read({path!r})
out["units"] = sum(1 for _ in doc.units())
"""
COMPARE = """
import lawdiff
a = lawdiff.read({path!r})
b = lawdiff.read({other!r})
t = time.perf_counter()
c = lawdiff.compare(a, b)
out["compare_seconds"] = time.perf_counter() - t
out["pairs"] = len(c.pairs)
out["summary"] = {{r.value: n for r, n in c.summary.counts}}
"""
SEQUENCE_MATCHER = """
import difflib
a = open({path!r}, encoding="utf-8").read()
b = open({other!r}, encoding="utf-8").read()
t = time.perf_counter()
sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
out["opcodes"] = len(sm.get_opcodes())
out["compare_seconds"] = time.perf_counter() - t
"""


def stage_report(title: str, path: Path, other: Path) -> None:
    size = path.stat().st_size
    base = measure(READ.format(path=str(path)))
    parse = measure(PARSE.format(path=str(path)))
    comp = measure(COMPARE.format(path=str(path), other=str(other)))
    print(f"\n{title}: {size / MB:.1f} MB, {base['chars']:,} characters, {parse['units']:,} articles")
    print(f"  {'stage':<34}{'peak RSS':>10}{'x read':>8}{'x file':>8}{'seconds':>9}{'x read':>8}")
    for name, m in (("read + decode (baseline)", base), ("read + parse", parse), ("read both + compare", comp)):
        print(f"  {name:<34}{m['peak_mib']:>8.0f}MB{m['peak_mib'] / base['peak_mib']:>8.2f}"
              f"{m['peak_mib'] * MB / size:>8.1f}{m['seconds']:>9.2f}{m['seconds'] / max(base['seconds'], 1e-3):>8.1f}")
    print(f"  compare alone: {comp['compare_seconds']:.2f} s for {comp['pairs']:,} pairs {comp['summary']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller inputs (5 MB, 2,000 articles)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # (a) a 20 MB text
        target = (5 if args.quick else 20) * MB
        n = 700
        text, arts = build_text(n, 10, seed=1)
        n = int(n * target / len(text.encode("utf-8")))
        text, arts = build_text(n, 10, seed=1)
        big, big2 = folder / "big.md", folder / "big_revised.md"
        big.write_text(text, encoding="utf-8")
        big2.write_text(render(revise(arts, seed=2)), encoding="utf-8")
        stage_report("(a) large text", big, big2)
        # (b) 5,000 articles of ordinary length
        n = 2000 if args.quick else 5000
        text, arts = build_text(n, 2, seed=3)
        many, many2 = folder / "many.md", folder / "many_revised.md"
        many.write_text(text, encoding="utf-8")
        many2.write_text(render(revise(arts, seed=4)), encoding="utf-8")
        many3 = folder / "many_rewritten.md"
        many3.write_text(render(revise(arts, seed=8, rewrite_all=True)), encoding="utf-8")
        stage_report(f"(b) {n:,}-article document", many, many2)
        # (c) the pathological pair
        text, arts = build_text(1000, 2, seed=5)
        old, light, heavy = folder / "old.md", folder / "light.md", folder / "rewritten.md"
        old.write_text(text, encoding="utf-8")
        light.write_text(render(revise(arts, seed=6)), encoding="utf-8")
        heavy.write_text(render(revise(arts, seed=7, rewrite_all=True)), encoding="utf-8")
        lite = measure(COMPARE.format(path=str(old), other=str(light)))
        path = measure(COMPARE.format(path=str(old), other=str(heavy)))
        sm = measure(SEQUENCE_MATCHER.format(path=str(old), other=str(heavy)))
        print(f"\n(c) pathological pair: 1,000 articles, every article of the new text rewritten "
              f"({old.stat().st_size / MB:.2f} MB each)")
        print(f"  5% modified (baseline)    compare {lite['compare_seconds']:7.2f} s  peak {lite['peak_mib']:5.0f} MB  "
              f"{lite['summary']}")
        print(f"  every article rewritten   compare {path['compare_seconds']:7.2f} s  peak {path['peak_mib']:5.0f} MB  "
              f"x{path['compare_seconds'] / lite['compare_seconds']:.1f} the baseline  {path['summary']}")
        print(f"  difflib SequenceMatcher on the whole texts: {sm['compare_seconds']:7.2f} s "
              f"(x{sm['compare_seconds'] / path['compare_seconds']:.1f} lawdiff's time)  peak {sm['peak_mib']:5.0f} MB")
        big_path = measure(COMPARE.format(path=str(many), other=str(many3)))
        print(f"  {n:,} articles (b), every one rewritten: compare {big_path['compare_seconds']:7.2f} s  "
              f"peak {big_path['peak_mib']:5.0f} MB  x{big_path['compare_seconds'] / path['compare_seconds']:.1f} "
              f"the 1,000-article pair ({(n / 1000) ** 2:.0f}x its cells)  {big_path['summary']}")


if __name__ == "__main__":
    main()
