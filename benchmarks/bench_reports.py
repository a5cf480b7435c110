"""Benchmark the report renderers on the Civil Code against python-docx's ``add_row()``, in the same run.

Run from a checkout::

    python benchmarks/bench_reports.py [--bulk /tmp/bulk] [--repeat 3] [--with-cell-baseline]

It builds the Civil Code pair exactly as ``benchmarks/bench_compare.py`` does
(the 8 files of 民法典 in the bulk corpus joined, 1,260 articles, against a
copy with scripted edits; its builder functions are imported, not copied),
runs :func:`lawdiff.compare` once, then times (best of ``--repeat`` runs):

* ``render_html``;
* ``render_docx_table`` in each mark style (underline, heiti, brackets);
* ``render_docx_redline``;
* ``render_markdown``;
* baseline 1: a python-docx table of the same rows (header, chapter rows and
  one row per pair; 3 columns as in the default 对照表 with 说明; the same cell
  text, one plain run per paragraph, no marks) built with ``table.add_row()``
  and saved to a ``BytesIO``. The cell texts are computed before the clock
  starts, so the baseline times python-docx alone;
* baseline 2 (``--with-cell-baseline``): the same rows written through
  ``table.cell(i, j)`` into a pre-sized table, on the first ``--cell-rows``
  rows (300) and on half as many. ``cell()`` walks the whole table on every
  call, so the time grows with the square of the rows; the full-table figure
  is an extrapolation (labelled as such), never a measurement.

Each output is checked before its time is printed (the .docx is a valid zip
whose ``word/document.xml`` parses and holds the expected number of table
rows or tracked changes; the HTML parses with lxml and holds one ``tr.pair``
per pair; the Markdown table has one line per row), so a broken renderer
cannot look fast.

Without ``--bulk``, ``/tmp/bulk`` is used when it holds ``民法典/``; otherwise
the 民法典 files are unpacked from ``../shared/corpora-bulk/lawrefbook-*.tar.xz``
into a temporary directory. The script exits with a message when neither exists.
"""
from __future__ import annotations

import argparse
import io
import math
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_compare import join_civil_code, scripted_copy  # noqa: E402

from lawdiff.compare import compare  # noqa: E402
from lawdiff.io import read  # noqa: E402
from lawdiff.model import Comparison  # noqa: E402

DEFAULT_BULK = Path("/tmp/bulk")
ARCHIVE = ROOT.parent / "shared" / "corpora-bulk" / "lawrefbook-2f4c5c2.tar.xz"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ---------------------------------------------------------------------------
# corpus


def civil_code_folder(bulk: Path | None, tmp: Path) -> Path:
    """The folder holding the 8 files of 民法典; exits with a message when there is none."""
    if bulk is not None:
        folder = bulk / "民法典"
        if not folder.is_dir():
            sys.exit(f"bench_reports: {folder} not found (--bulk must point at the unpacked bulk corpus)")
        return folder
    if (DEFAULT_BULK / "民法典").is_dir():
        return DEFAULT_BULK / "民法典"
    if not ARCHIVE.is_file():
        sys.exit(
            f"bench_reports: no bulk corpus: neither {DEFAULT_BULK}/民法典 nor the archive {ARCHIVE} exists; "
            "pass --bulk DIR"
        )
    print(f"unpacking 民法典/ from {ARCHIVE.name} into a temporary directory")
    with tarfile.open(ARCHIVE, "r:xz") as tar:
        members = [m for m in tar.getmembers() if m.isfile() and Path(m.name).parts[:1] == ("民法典",)
                   and len(Path(m.name).parts) == 2]
        tar.extractall(tmp, members=members, filter="data")
    found = [p for p in tmp.rglob("民法典") if p.is_dir()]
    if not found:
        sys.exit(f"bench_reports: {ARCHIVE} holds no 民法典/ folder")
    return found[0]


def civil_code_comparison(folder: Path, tmp: Path) -> Comparison:
    """The Civil Code against its scripted copy, built as bench_compare.py (a) builds it."""
    from lawdiff.io.text import write_text

    left_path = tmp / "民法典.md"
    left_path.write_text(join_civil_code(folder), encoding="utf-8")
    left = read(left_path)
    right_doc, _truth = scripted_copy(left)
    right_path = tmp / "民法典-修改稿.txt"
    right_path.write_text(write_text(right_doc), encoding="utf-8")
    right = read(right_path)
    return compare(left, right)


# ---------------------------------------------------------------------------
# timing


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """(best wall time in seconds over ``repeat`` runs, result of the last run)."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


# ---------------------------------------------------------------------------
# the baseline rows: the same cells as the Word 对照表, as plain text


def table_rows(comparison: Comparison) -> list[tuple[list[str], list[str], list[str]]]:
    """Header, chapter rows and one row per pair; each cell a list of paragraph texts."""
    from lawdiff.render.marks import chapter_rows, note_for, side_runs, unit_paragraphs

    def side(pair: Any, which: str) -> list[str]:
        units = pair.old if which == "old" else pair.new
        if not units:
            return [""]
        starts = dict(zip(unit_paragraphs(units), units))
        paragraphs = []
        for k, runs in enumerate(side_runs(pair, which)):
            unit = starts.get(k)
            prefix = ""
            if unit is not None:
                prefix = unit.label + (unit.heading_raw or "")
                if unit.kind != "item" and not unit.heading_raw:
                    prefix += "\u3000"
            paragraphs.append(prefix + "".join(r.text for r in runs))
        return paragraphs

    rows: list[tuple[list[str], list[str], list[str]]] = [(["现行条文"], ["修改后条文"], ["说明"])]
    for pair, headings in chapter_rows(comparison):
        for _level, old, new in headings:
            if old == new or not old or not new:
                rows.append(([new or old], [""], [""]))
            else:
                rows.append(([old], [new], [""]))
        rows.append((side(pair, "old"), side(pair, "new"), note_for(pair) or [""]))
    return rows


def _fill(cell: Any, paragraphs: list[str]) -> None:
    cell.paragraphs[0].add_run(paragraphs[0])
    for text in paragraphs[1:]:
        cell.add_paragraph().add_run(text)


def docx_add_row(rows: list[tuple[list[str], list[str], list[str]]]) -> bytes:
    """Baseline 1: python-docx ``table.add_row()``, one plain run per paragraph, saved to BytesIO."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for row in rows:
        cells = table.add_row().cells
        for cell, paragraphs in zip(cells, row):
            _fill(cell, paragraphs)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_cell(rows: list[tuple[list[str], list[str], list[str]]]) -> bytes:
    """Baseline 2: a pre-sized table filled through ``table.cell(i, j)`` (quadratic)."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=3)
    for i, row in enumerate(rows):
        for j, paragraphs in enumerate(row):
            _fill(table.cell(i, j), paragraphs)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------
# validity checks: a broken path must not be timed as a fast one


class Invalid(Exception):
    """An output that is not what its renderer promises."""


def document_xml(data: bytes) -> Any:
    """Open the .docx bytes as a zip and parse ``word/document.xml``."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            bad = z.testzip()
            if bad is not None:
                raise Invalid(f"corrupt zip member {bad}")
            return etree.fromstring(z.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as err:
        raise Invalid(f"not a valid .docx: {err}") from err


def check_docx_table(data: bytes, n_rows: int) -> str:
    root = document_xml(data)
    tables = root.findall(f".//{W}tbl")
    if len(tables) != 1:
        raise Invalid(f"{len(tables)} tables, expected 1")
    got = len(tables[0].findall(f"{W}tr"))
    if got != n_rows:
        raise Invalid(f"{got} table rows, expected {n_rows}")
    return f"{got} rows"


def check_redline(data: bytes, changed: int) -> str:
    root = document_xml(data)
    ins, dels = len(root.findall(f".//{W}ins")), len(root.findall(f".//{W}del"))
    paras = len(root.findall(f".//{W}p"))
    if changed and not (ins and dels):
        raise Invalid(f"{changed} changed pairs but {ins} w:ins and {dels} w:del")
    return f"{paras} paragraphs, {ins} w:ins, {dels} w:del"


def check_html(text: str, n_pairs: int, n_chapters: int) -> str:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"))
    except (etree.ParserError, ValueError) as err:
        raise Invalid(f"HTML does not parse: {err}") from err
    pairs = len(root.xpath("//table[@id='comparison']/tbody/tr[contains(concat(' ', @class, ' '), ' pair ')]"))
    chapters = len(root.xpath("//table[@id='comparison']/tbody/tr[@class='chapter']"))
    if (pairs, chapters) != (n_pairs, n_chapters):
        raise Invalid(f"{pairs} pair rows and {chapters} chapter rows, expected {n_pairs} and {n_chapters}")
    return f"{pairs} pair rows + {chapters} chapter rows"


def check_markdown(text: str, n_rows: int) -> str:
    table = [line for line in text.splitlines() if line.startswith("|")]
    if len(table) - 2 != n_rows:
        raise Invalid(f"{len(table) - 2} table lines, expected {n_rows}")
    return f"{n_rows} table lines"


# ---------------------------------------------------------------------------


def _size(data: bytes | str) -> str:
    n = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    return f"{n / 1e6:.2f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def _cols(text: str) -> int:
    """Terminal columns of ``text`` (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns."""
    return text + " " * max(0, width - _cols(text))


def _versus(t: float, base: float) -> str:
    if t <= base:
        return f"{base / t:.1f}x faster than add_row()"
    return f"{t / base:.1f}x slower than add_row()"


def run(comparison: Comparison, repeat: int, with_cell: bool, cell_rows: int) -> int:
    """Time every renderer and the baselines; print the figures. Returns the exit status."""
    from lawdiff.render.docx_redline import render_docx_redline
    from lawdiff.render.docx_table import MARK_STYLES, render_docx_table
    from lawdiff.render.html import render_html
    from lawdiff.render.markdown import render_markdown
    from lawdiff.render.marks import chapter_rows

    n_pairs = len(comparison.pairs)
    n_chapters = sum(len(h) for _, h in chapter_rows(comparison))
    changed = sum(1 for p in comparison.pairs if p.relation.changed)
    rows = table_rows(comparison)
    print(f"table: {len(rows)} rows (1 header + {n_chapters} chapter rows + {n_pairs} pairs, {changed} changed); "
          f"best of {repeat}")

    # Warm the imports (python-docx, lxml) so that no timing below pays for them.
    t_import0 = time.perf_counter()
    import docx  # noqa: F401
    import lxml.html  # noqa: F401
    t_import = time.perf_counter() - t_import0

    cases: list[tuple[str, Callable[[], Any], Callable[[Any], str]]] = [
        ("python-docx add_row() baseline", lambda: docx_add_row(rows), lambda out: check_docx_table(out, len(rows))),
        ("HTML (render_html)", lambda: render_html(comparison), lambda out: check_html(out, n_pairs, n_chapters)),
    ]
    for style in MARK_STYLES:
        cases.append((
            f"Word 对照表, {style}",
            lambda style=style: render_docx_table(comparison, mark_style=style),
            lambda out: check_docx_table(out, len(rows)),
        ))
    cases.append(("Word 对照表, underline, no 说明",
                  lambda: render_docx_table(comparison, notes=False),
                  lambda out: check_docx_table(out, len(rows))))
    cases.append(("Word redline", lambda: render_docx_redline(comparison, date="2024-01-01T00:00:00Z"),
                  lambda out: check_redline(out, changed)))
    cases.append(("Markdown", lambda: render_markdown(comparison), lambda out: check_markdown(out, n_chapters + n_pairs)))

    # Interleaved rounds: every case runs once per round, so a burst of load from
    # other jobs hits the baseline and the renderers alike; the best round counts.
    best = [float("inf")] * len(cases)
    outputs: list[Any] = [None] * len(cases)
    for _ in range(repeat):
        for k, (_name, fn, _check) in enumerate(cases):
            t, outputs[k] = best_of(fn, 1)
            best[k] = min(best[k], t)

    status = 0
    t_base = best[0]
    width = max(_cols(name) for name, _, _ in cases) + 2
    for k, (name, _fn, check) in enumerate(cases):
        try:
            what = check(outputs[k])
        except Invalid as err:
            print(f"{_pad(name, width)} INVALID OUTPUT: {err}")
            status = 1
            continue
        ratio = "(3 columns, same cell text, plain runs)" if k == 0 else _versus(best[k], t_base)
        print(f"{_pad(name, width)} {best[k]:7.3f} s  {_size(outputs[k]):>9}  {ratio}  (valid: {what})")
    t_prep, _ = best_of(lambda: table_rows(comparison), repeat)
    print(f"(not included above: import docx + lxml.html {t_import:.3f} s; preparing the baseline's cell text "
          f"from the marks, done before its clock starts, {t_prep:.3f} s)")

    if with_cell:
        full = len(rows)
        n = min(cell_rows, full)
        half = max(2, n // 2)
        t_half, out_half = best_of(lambda: docx_cell(rows[:half]), repeat)
        t_n, out_n = best_of(lambda: docx_cell(rows[:n]), repeat)
        try:
            check_docx_table(out_half, half)
            check_docx_table(out_n, n)
        except Invalid as err:
            print(f"table.cell(i, j) baseline: INVALID OUTPUT: {err}")
            return 1
        t_add_n, _ = best_of(lambda: docx_add_row(rows[:n]), repeat)
        k = math.log(t_n / t_half) / math.log(n / half) if t_n > t_half else float("nan")
        print(f"table.cell(i, j) baseline, measured on the first {half} rows: {t_half:.3f} s "
              f"({t_half / half * 1000:.2f} ms a row)")
        print(f"table.cell(i, j) baseline, measured on the first {n} rows: {t_n:.3f} s "
              f"({t_n / n * 1000:.2f} ms a row); add_row() on the same {n} rows: {t_add_n:.3f} s, "
              f"{t_n / t_add_n:.1f}x faster")
        print(f"    growth exponent fitted on {half} -> {n} rows: {k:.2f} (2 = quadratic)")
        if n < full:
            quad = t_n * (full / n) ** 2
            fitted = t_n * (full / n) ** k if k == k else float("nan")
            print(f"    EXTRAPOLATED (not measured) to all {full} rows: {quad:.1f} s if quadratic, "
                  f"{fitted:.1f} s with the fitted exponent -> add_row() would be {quad / t_base:.0f}x "
                  f"(fitted: {fitted / t_base:.0f}x) faster")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bulk", type=Path, default=None,
                        help="unpacked bulk corpus (default: /tmp/bulk, else unpack the archive into a temp dir)")
    parser.add_argument("--repeat", "-n", type=int, default=3, metavar="N", help="best of N runs (default 3)")
    parser.add_argument("--with-cell-baseline", action="store_true",
                        help="also time table.cell(i, j) on the first --cell-rows rows (quadratic) and extrapolate")
    parser.add_argument("--cell-rows", type=int, default=300, metavar="N",
                        help="rows for the table.cell(i, j) baseline (default 300)")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.cell_rows < 4:
        parser.error("--repeat must be >= 1 and --cell-rows >= 4")
    with tempfile.TemporaryDirectory(prefix="bench_reports-") as tmp_name:
        tmp = Path(tmp_name)
        folder = civil_code_folder(args.bulk, tmp)
        t0 = time.perf_counter()
        comparison = civil_code_comparison(folder, tmp)
        t_build = time.perf_counter() - t0
        s = comparison.summary
        print(f"Civil Code: {s.left_units} articles vs scripted copy with {s.right_units} "
              f"(read + parse + compare {t_build:.2f} s); "
              f"{dict((r.value, c) for r, c in s.counts)}")
        return run(comparison, args.repeat, args.with_cell_baseline, args.cell_rows)


if __name__ == "__main__":
    sys.exit(main())
