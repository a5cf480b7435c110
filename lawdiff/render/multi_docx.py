"""Word 对照表 for N-way and three-way comparisons: A4 landscape, a column per draft.

Same page, fonts and marking styles as the pairwise table
(:mod:`lawdiff.render.docx_table`, whose run styles and legend it reuses):
header row repeated on every page, rows never split, chapter headings of the
pivot (or base) as merged rows. The first column holds the agreement
(``A=B≠C``) or the three-way status with short notes per draft; ``notes=False``
leaves it out. The reference draft of each row is plain; the others are
marked against it (insertions, deletions, jurisdiction terms, format).
"""
from __future__ import annotations

import io
from typing import Any, Sequence

from ..model import Document
from ..multi import (
    CATEGORIES,
    CATEGORY_ZH,
    NOTE_ZH,
    STATUS_ZH,
    MultiComparison,
    Row,
    Status,
    ThreeWay,
    agreement_label,
    multi_summary,
    row_category,
    three_summary,
)
from . import _oxml as ox
from .docx_table import _BODY_SIZE, _TEXT_WIDTH, _TITLE_SIZE, _Styles, cell_paragraphs, legend_text
from .marks import clean, division_heading, note_for
from .multi_marks import cell_runs, cell_units

__all__ = ["render_multi_docx", "render_three_docx"]

_AGREE_WIDTH = 1700  # twips (3 cm)


def _document(body_font: str) -> Any:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    ox.set_default_fonts(document, east_asia=body_font, size=_BODY_SIZE)
    return document


def _has(rows: Sequence[Row], kind: str) -> bool:
    for row in rows:
        for k, units in enumerate(row.cells):
            if row.pairs[k] is not None and units:
                if any(r.kind == kind for p in cell_runs(row.pairs[k], units) for r in p):
                    return True
    return False


def _widths(ndocs: int, notes: bool) -> list[int]:
    rest = _TEXT_WIDTH - (_AGREE_WIDTH if notes else 0)
    each = rest // ndocs
    widths = [each] * ndocs
    widths[-1] = rest - each * (ndocs - 1)
    return ([_AGREE_WIDTH] if notes else []) + widths


def _side(row: Row, k: int, styles: _Styles) -> list[Any]:
    units = row.cells[k]
    if not units:
        return [ox.paragraph()]
    return cell_paragraphs(cell_units(units), cell_runs(row.pairs[k], units), styles)


def _note_paragraphs(row: Row, tags: Sequence[str], head: str, extra: str = "") -> list[Any]:
    paras = [ox.paragraph([ox.run(head, ox.RunStyle(bold=True))], align="center")]
    for k, pair in enumerate(row.pairs):
        if pair is None:
            continue
        if pair.relation.value == "identical" and not (pair.renumbered or pair.moved or pair.format_notes):
            continue
        text = "无此条" if not pair.new else "；".join(note_for(pair)) or "相同"
        paras.append(ox.paragraph([ox.run(f"{tags[k]}：{text}", ox.RunStyle(size=18))]))
    if extra:
        paras.append(ox.paragraph([ox.run(extra, ox.RunStyle(size=18))]))
    return paras


def _header_row(heads: Sequence[str], widths: Sequence[int], styles: _Styles) -> Any:
    return ox.row(
        [
            ox.cell([ox.paragraph([ox.run(clean(h), styles.heading)], align="center")], w, shading="D9D9D9")
            for h, w in zip(heads, widths)
        ],
        header=True,
    )


def _chapter(doc: Document, row: Row, pivot: int, last: list[tuple[str, ...]], widths: Sequence[int], styles: _Styles):
    units = row.cells[pivot]
    if not units or units[0].path == last[0]:
        return None
    last[0] = units[0].path
    heading = division_heading(doc, units[0].path)
    if not heading:
        return None
    para = ox.paragraph([ox.run(heading, styles.heading)], align="center", keep_next=True)
    return ox.row([ox.cell([para], sum(widths), span=len(widths))])


def _build(
    title: str,
    doc_lines: list[str],
    summary: str,
    legend: str,
    table: Any,
    body_font: str,
    heading_font: str,
) -> bytes:
    document = _document(body_font)
    body: list[Any] = [
        ox.paragraph(
            [ox.run(title, ox.RunStyle(east_asia=heading_font, size=_TITLE_SIZE))], align="center", spacing_after=120
        )
    ]
    for line in doc_lines:
        body.append(ox.paragraph([ox.run(clean(line))]))
    body.append(ox.paragraph([ox.run(summary)]))
    body.append(ox.paragraph([ox.run(legend)], spacing_after=120))
    body.append(table)
    body.append(ox.paragraph())
    ox.append_to_body(document, body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _legend(rows: Sequence[Row], mark_style: str) -> str:
    text = legend_text(mark_style, terms=_has(rows, "term"), formats=_has(rows, "fmt"))
    return text[:-1] + "；标记均相对于每行的参照稿：基准稿（首稿），该稿无此条的，为最先有此条的稿本" + text[-1]


def _multi_summary_zh(multi: MultiComparison) -> str:
    counts = multi_summary(multi)
    parts = [f"{CATEGORY_ZH[c]}{counts[c]}行" for c in CATEGORIES if counts[c]]
    return f"{len(multi.documents)}稿共{counts['rows']}行：" + "，".join(parts) + "。"


def _three_summary_zh(three: ThreeWay) -> str:
    counts = three_summary(three)
    parts = [f"{STATUS_ZH[s]}{counts[s.value]}行" for s in Status if counts[s.value]]
    return f"共{counts['rows']}行：" + "，".join(parts) + "。"


def render_multi_docx(
    multi: MultiComparison,
    *,
    mark_style: str = "underline",
    notes: bool = True,
    body_font: str = "仿宋_GB2312",
    heading_font: str = "黑体",
    title: str | None = None,
) -> bytes:
    """The N-way comparison as a Word 对照表 (.docx bytes), a column per draft."""
    legend = _legend(multi.rows, mark_style)
    styles = _Styles(mark_style, heading_font)
    n = len(multi.documents)
    widths = _widths(n, notes)
    heads = (["一致性"] if notes else []) + [f"{t} {x}" for t, x in zip(multi.tags, multi.names)]
    rows = [_header_row(heads, widths, styles)]
    last: list[tuple[str, ...]] = [()]
    for row in multi.rows:
        chapter = _chapter(multi.documents[multi.pivot], row, multi.pivot, last, widths, styles)
        if chapter is not None:
            rows.append(chapter)
        cells = []
        if notes:
            category = row_category(row)
            head = agreement_label(row, multi.tags, absent_word="无")
            paras = _note_paragraphs(row, multi.tags, head, CATEGORY_ZH[category])
            cells.append(ox.cell(paras, widths[0]))
        offset = 1 if notes else 0
        for k in range(n):
            cells.append(ox.cell(_side(row, k, styles), widths[offset + k]))
        rows.append(ox.row(cells))
    doc_lines = [f"{t}：{x}（{d.title}）" if d.title and d.title != x else f"{t}：{x}"
                 for t, x, d in zip(multi.tags, multi.names, multi.documents)]
    page_title = clean(title) if title else f"{'、'.join(clean(x) for x in multi.names)}{n}稿对照表"
    return _build(page_title, doc_lines, _multi_summary_zh(multi), legend, ox.table(widths, rows), body_font, heading_font)


def render_three_docx(
    three: ThreeWay,
    *,
    mark_style: str = "underline",
    notes: bool = True,
    body_font: str = "仿宋_GB2312",
    heading_font: str = "黑体",
    title: str | None = None,
) -> bytes:
    """The three-way comparison as a Word 对照表: 状态 | 基准稿 | 甲方 | 乙方."""
    multi = three.multi
    legend = _legend(multi.rows, mark_style)
    styles = _Styles(mark_style, heading_font)
    widths = _widths(3, notes)
    roles = ("基准稿", "甲方", "乙方")
    tags = ("基准", "甲", "乙")
    heads = (["状态"] if notes else []) + [f"{r} {x}" for r, x in zip(roles, multi.names)]
    rows = [_header_row(heads, widths, styles)]
    last: list[tuple[str, ...]] = [()]
    for row, status, note in zip(multi.rows, three.statuses, three.notes):
        chapter = _chapter(multi.documents[0], row, 0, last, widths, styles)
        if chapter is not None:
            rows.append(chapter)
        cells = []
        if notes:
            cells.append(ox.cell(_note_paragraphs(row, tags, STATUS_ZH[status], NOTE_ZH.get(note, note)), widths[0]))
        offset = 1 if notes else 0
        for k in range(3):
            cells.append(ox.cell(_side(row, k, styles), widths[offset + k]))
        rows.append(ox.row(cells))
    doc_lines = [f"{r}：{x}（{d.title}）" if d.title and d.title != x else f"{r}：{x}"
                 for r, x, d in zip(roles, multi.names, multi.documents)]
    page_title = clean(title) if title else f"《{clean(multi.documents[0].title)}》三方对照表"
    return _build(page_title, doc_lines, _three_summary_zh(three), legend, ox.table(widths, rows), body_font, heading_font)
