"""The Word 对照表: an A4 landscape table, one row per pair, one column per draft (+ 说明).

Title and 题注 on top, then the legend of the marking style, then the table:
header row repeated on every page (``w:tblHeader``), rows never split across
pages (``w:cantSplit``), chapter headings as merged rows. Fonts are set
through ``w:eastAsia`` (body 仿宋_GB2312, headings 黑体 by default).

Marking styles (``mark_style``), each printed with its own legend:

* ``underline`` (default): insertions **bold + underlined**, deletions struck through;
* ``heiti`` (云南 技术规范 style): insertions in 黑体 (bold as fallback), deletions 加框 (``w:bdr``);
* ``brackets``: insertions as ``［增：…］``, deletions as ``［删：…］``, the brackets in
  bold and the marked text in italics, so that brackets that occur in the law
  text itself (〔2019〕, ［］) cannot be mistaken for marks.

In every style a jurisdiction term that differs (云南省 ↔ 贵州省) carries 着重号
(emphasis dots, ``w:em``), distinct from a real edit, and a difference of
format only (``(`` ↔ ``（`` in a pair found identical) a dotted underline. The body is built as
XML with lxml through :mod:`lawdiff.render._oxml` (not ``add_row``/``cell``,
which are quadratic), so the 1,260-article Civil Code renders quickly.
"""
from __future__ import annotations

import io
from typing import Any

from ..errors import ConfigError
from ..model import Comparison, Pair
from . import _oxml as ox
from .marks import Run, chapter_rows, clean, has_format_marks, has_terms, is_revision, note_for, side_runs, unit_paragraphs

__all__ = ["render_docx_table", "MARK_STYLES", "legend_text"]

MARK_STYLES = ("underline", "heiti", "brackets")

#: usable width of A4 landscape with 20 mm side margins, in twips
_TEXT_WIDTH = 14570
_BODY_SIZE = 24  # 小四 (12 pt), in half-points
_TITLE_SIZE = 36  # 小二 (18 pt)


def legend_text(mark_style: str, *, terms: bool = False, formats: bool = False) -> str:
    """The 注 printed above the table, matching ``mark_style``."""
    if mark_style == "underline":
        text = "（注：加粗下划线为增加的内容，删除线为删除的内容"
    elif mark_style == "heiti":
        text = "（注：黑体字为修改或者增加的内容，加框的为删除的内容"
    elif mark_style == "brackets":
        text = "（注：“［增：……］”内为增加的内容，“［删：……］”内为删除的内容"
    else:
        raise ConfigError(f"unknown mark style {mark_style!r}; choose one of {', '.join(MARK_STYLES)}")
    if terms:
        text += "，加着重号的为辖区用语不同的内容"
    if formats:
        text += "，加点线的为仅格式（全角半角、空格）不同的内容"
    return text + "）"


class _Styles:
    """The run styles of one report."""

    def __init__(self, mark_style: str, heading_font: str) -> None:
        self.mark_style = mark_style
        self.label = ox.RunStyle(east_asia=heading_font)
        self.heading = ox.RunStyle(east_asia=heading_font, bold=True)
        self.term = ox.RunStyle(emphasis="dot")
        self.fmt = ox.RunStyle(underline="dotted")
        self.bracket = ox.RunStyle(bold=True)
        if mark_style == "underline":
            self.ins = ox.RunStyle(bold=True, underline="single")
            self.dele = ox.RunStyle(strike=True)
        elif mark_style == "heiti":
            self.ins = ox.RunStyle(east_asia="黑体", bold=True)
            self.dele = ox.RunStyle(border=True)
        else:
            self.ins = ox.RunStyle(italic=True)
            self.dele = ox.RunStyle(italic=True)

    def runs(self, run: Run) -> list[Any]:
        if run.kind == "same":
            return [ox.run(run.text)]
        if run.kind == "term":
            return [ox.run(run.text, self.term)]
        if run.kind == "fmt":
            return [ox.run(run.text, self.fmt)]
        style = self.ins if run.kind == "ins" else self.dele
        if self.mark_style == "brackets":
            opener = "［增：" if run.kind == "ins" else "［删："
            return [ox.run(opener, self.bracket), ox.run(run.text, style), ox.run("］", self.bracket)]
        return [ox.run(run.text, style)]


def default_title(comparison: Comparison) -> str:
    left, right = clean(comparison.left.title), clean(comparison.right.title)
    if is_revision(comparison):
        return f"《{right}》修改前后对照表"
    return f"《{left}》与《{right}》对照表"


def render_docx_table(
    comparison: Comparison,
    *,
    mark_style: str = "underline",
    notes: bool = True,
    body_font: str = "仿宋_GB2312",
    heading_font: str = "黑体",
    title: str | None = None,
) -> bytes:
    """The comparison as a Word 对照表 (.docx bytes)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    legend = legend_text(mark_style, terms=has_terms(comparison), formats=has_format_marks(comparison))
    styles = _Styles(mark_style, heading_font)
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    ox.set_default_fonts(document, east_asia=body_font, size=_BODY_SIZE)

    body: list[Any] = [
        ox.paragraph(
            [ox.run(clean(title) if title else default_title(comparison), ox.RunStyle(east_asia=heading_font, size=_TITLE_SIZE))],
            align="center",
            spacing_after=120,
        )
    ]
    source = comparison.right if comparison.right.preamble else comparison.left
    for line in source.preamble:
        body.append(ox.paragraph([ox.run(line)], align="center"))
    body.append(ox.paragraph([ox.run(legend)], spacing_after=120))
    body.append(_table(comparison, styles, notes))
    body.append(ox.paragraph())  # Word wants a paragraph after a table before sectPr
    ox.append_to_body(document, body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _widths(notes: bool) -> list[int]:
    if notes:
        side = _TEXT_WIDTH * 42 // 100
        return [side, side, _TEXT_WIDTH - 2 * side]
    return [_TEXT_WIDTH // 2, _TEXT_WIDTH - _TEXT_WIDTH // 2]


def _table(comparison: Comparison, styles: _Styles, notes: bool) -> Any:
    widths = _widths(notes)
    if is_revision(comparison):
        heads = ["现行条文", "修改后条文"]
    else:
        heads = [clean(comparison.left.title), clean(comparison.right.title)]
    if notes:
        heads.append("说明" if is_revision(comparison) else "差异说明")
    header = ox.row(
        [
            ox.cell([ox.paragraph([ox.run(h, styles.heading)], align="center")], w, shading="D9D9D9")
            for h, w in zip(heads, widths)
        ],
        header=True,
    )
    rows = [header]
    for pair, headings in chapter_rows(comparison):
        rows.extend(_chapter_row(heading[1:], widths, styles) for heading in headings)
        rows.append(_pair_row(pair, widths, styles, notes))
    return ox.table(widths, rows)


def _chapter_row(heading: tuple[str, str], widths: list[int], styles: _Styles) -> Any:
    old, new = heading
    if old == new or not old or not new:
        text = new or old
        para = ox.paragraph([ox.run(text, styles.heading)], align="center", keep_next=True)
        return ox.row([ox.cell([para], sum(widths), span=len(widths))])
    cells = [
        ox.cell([ox.paragraph([ox.run(old, styles.heading)], align="center", keep_next=True)], widths[0]),
        ox.cell([ox.paragraph([ox.run(new, styles.heading)], align="center", keep_next=True)], widths[1]),
    ]
    if len(widths) > 2:
        cells.append(ox.cell([ox.paragraph()], widths[2]))
    return ox.row(cells)


def _pair_row(pair: Pair, widths: list[int], styles: _Styles, notes: bool) -> Any:
    cells = [
        ox.cell(_side(pair, "old", styles), widths[0]),
        ox.cell(_side(pair, "new", styles), widths[1]),
    ]
    if notes:
        cells.append(ox.cell([ox.paragraph([ox.run(n)]) for n in note_for(pair)], widths[2]))
    return ox.row(cells)


def _side(pair: Pair, side: str, styles: _Styles) -> list[Any]:
    units = pair.old if side == "old" else pair.new
    if not units:
        return [ox.paragraph()]
    return cell_paragraphs(dict(zip(unit_paragraphs(units), units)), side_runs(pair, side), styles)


def cell_paragraphs(starts: dict[int, Any], paragraph_runs: Any, styles: _Styles) -> list[Any]:
    """The ``w:p`` elements of one table cell.

    ``paragraph_runs`` yields the marked runs of each paragraph; ``starts``
    maps a paragraph's index to the unit (article or item) it begins, whose
    label (and heading) is written before it in the label style, followed by
    one U+3000 after an article label. Shared with the N-way table.
    """
    paragraphs = []
    for k, runs in enumerate(paragraph_runs):
        children: list[Any] = []
        unit = starts.get(k)
        if unit is not None:
            children.append(ox.run(unit.label + (unit.heading_raw or ""), styles.label))
            if unit.kind != "item" and not unit.heading_raw:
                children.append(ox.run("\u3000"))
        for run in runs:
            children.extend(styles.runs(run))
        paragraphs.append(ox.paragraph(children, first_line_chars=2))
    return paragraphs
