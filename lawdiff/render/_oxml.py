"""Raw WordprocessingML builders: the only place in lawdiff that writes ``w:`` XML.

The Word reports build their bodies here with :mod:`lxml` (building a 1,260-row
table through python-docx's ``add_row``/``cell`` API is quadratic). Elements
are created detached and appended to a python-docx document's ``w:body`` by
:func:`append_to_body`. Text goes through :func:`lawdiff.render.marks.clean`
before it reaches :func:`run`, and :func:`run` cleans again, so a control
character in an article never yields an invalid ``document.xml``.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Sequence

from .marks import clean

__all__ = [
    "W",
    "qn",
    "RunStyle",
    "rpr",
    "run",
    "paragraph",
    "revision",
    "mark_revision",
    "table",
    "cell",
    "row",
    "append_to_body",
    "set_default_fonts",
    "RevisionIds",
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@lru_cache(maxsize=None)
def qn(tag: str) -> str:
    """``w:p`` -> ``{namespace}p``."""
    prefix, _, local = tag.partition(":")
    assert prefix == "w", tag
    return f"{{{W}}}{local}"


_NSMAP = {"w": W}
_etree: Any = None


def _lxml() -> Any:
    global _etree
    if _etree is None:
        from lxml import etree

        _etree = etree
    return _etree


def _el(tag: str, **attrs: str) -> Any:
    el = _lxml().Element(qn(tag), nsmap=_NSMAP)
    for key, value in attrs.items():
        el.set(qn("w:" + key), value)
    return el


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    el = _lxml().SubElement(parent, qn(tag))
    for key, value in attrs.items():
        el.set(qn("w:" + key), value)
    return el


@dataclass(frozen=True)
class RunStyle:
    """Character formatting of a run (what the report's mark styles need)."""

    east_asia: str | None = None  # w:rFonts/@w:eastAsia, e.g. 黑体
    bold: bool = False
    italic: bool = False
    underline: str | None = None  # w:u/@w:val: single, double, wave, dotted
    strike: bool = False
    border: bool = False  # 加框 (w:bdr)
    emphasis: str | None = None  # 着重号 w:em/@w:val: dot
    size: int | None = None  # half-points (w:sz)
    shading: str | None = None  # fill colour (w:shd)


def rpr(style: RunStyle | None) -> Any | None:
    """``w:rPr`` for ``style`` (None when the style sets nothing). Child order follows the schema (CT_RPr)."""
    if style is None or style == RunStyle():
        return None
    return copy.deepcopy(_rpr_template(style))


@lru_cache(maxsize=256)
def _rpr_template(style: RunStyle) -> Any:
    el = _el("w:rPr")
    if style.east_asia:
        _sub(el, "w:rFonts", eastAsia=style.east_asia)
    if style.bold:
        _sub(el, "w:b")
        _sub(el, "w:bCs")
    if style.italic:
        _sub(el, "w:i")
    if style.strike:
        _sub(el, "w:strike")
    if style.size:
        _sub(el, "w:sz", val=str(style.size))
        _sub(el, "w:szCs", val=str(style.size))
    if style.underline:
        _sub(el, "w:u", val=style.underline)
    if style.border:
        _sub(el, "w:bdr", val="single", sz="4", space="0", color="auto")
    if style.shading:
        _sub(el, "w:shd", val="clear", color="auto", fill=style.shading)
    if style.emphasis:
        _sub(el, "w:em", val=style.emphasis)
    return el


def run(text: str, style: RunStyle | None = None, *, deleted: bool = False) -> Any:
    """A ``w:r`` holding ``text`` (``w:delText`` when ``deleted``)."""
    r = _el("w:r")
    props = rpr(style)
    if props is not None:
        r.append(props)
    t = _sub(r, "w:delText" if deleted else "w:t")
    t.set(XML_SPACE, "preserve")
    t.text = clean(text)
    return r


class RevisionIds:
    """Unique ``w:id`` values for the revisions of one document."""

    def __init__(self, author: str, date: str) -> None:
        self.author = clean(author)
        self.date = date
        self._next = 1

    def attrs(self) -> dict[str, str]:
        value = self._next
        self._next += 1
        return {"id": str(value), "author": self.author, "date": self.date}


def revision(kind: str, runs: Iterable[Any], ids: RevisionIds) -> Any:
    """Wrap runs in ``w:ins`` or ``w:del`` (``kind`` ``ins``/``del``)."""
    el = _el("w:" + kind, **ids.attrs())
    for r in runs:
        el.append(r)
    return el


def mark_revision(kind: str, ids: RevisionIds) -> Any:
    """``w:ins``/``w:del`` for a paragraph mark (goes inside ``w:pPr/w:rPr``)."""
    return _el("w:" + kind, **ids.attrs())


def paragraph(
    children: Iterable[Any] = (),
    *,
    align: str | None = None,
    first_line_chars: int | None = None,
    char_size: int = 24,
    keep_next: bool = False,
    spacing_after: int | None = None,
    mark: Any | None = None,
    mark_style: RunStyle | None = None,
) -> Any:
    """A ``w:p``. ``first_line_chars`` indents the first line by N characters of ``char_size`` half-points."""
    p = _el("w:p")
    ppr = _sub(p, "w:pPr")
    if keep_next:
        _sub(ppr, "w:keepNext")
    if spacing_after is not None:
        _sub(ppr, "w:spacing", after=str(spacing_after))
    if first_line_chars:
        # firstLineChars for Word, firstLine (twips) for LibreOffice and older readers
        _sub(ppr, "w:ind", firstLineChars=str(first_line_chars * 100), firstLine=str(first_line_chars * char_size * 10))
    if align:
        _sub(ppr, "w:jc", val=align)
    if mark is not None or mark_style is not None:
        mark_rpr = _sub(ppr, "w:rPr")
        if mark is not None:
            mark_rpr.append(mark)
        props = rpr(mark_style)
        if props is not None:
            for child in props:
                mark_rpr.append(child)
    if len(ppr) == 0:
        p.remove(ppr)
    for child in children:
        p.append(child)
    return p


def cell(paragraphs: Sequence[Any], width: int, *, span: int = 1, shading: str | None = None) -> Any:
    """A ``w:tc`` of ``width`` twips holding ``paragraphs`` (at least one, as Word requires)."""
    tc = _el("w:tc")
    tcpr = _sub(tc, "w:tcPr")
    _sub(tcpr, "w:tcW", w=str(width), type="dxa")
    if span > 1:
        _sub(tcpr, "w:gridSpan", val=str(span))
    if shading:
        _sub(tcpr, "w:shd", val="clear", color="auto", fill=shading)
    for p in paragraphs or [paragraph()]:
        tc.append(p)
    return tc


def row(cells: Sequence[Any], *, header: bool = False, cant_split: bool = True) -> Any:
    """A ``w:tr``; ``header`` repeats it on every page (w:tblHeader); rows are not split (w:cantSplit)."""
    tr = _el("w:tr")
    trpr = _sub(tr, "w:trPr")
    if cant_split:
        _sub(trpr, "w:cantSplit")
    if header:
        _sub(trpr, "w:tblHeader")
    for c in cells:
        tr.append(c)
    return tr


def table(widths: Sequence[int], rows: Iterable[Any]) -> Any:
    """A bordered, fixed-layout ``w:tbl`` with columns of ``widths`` twips."""
    tbl = _el("w:tbl")
    tblpr = _sub(tbl, "w:tblPr")
    _sub(tblpr, "w:tblW", w=str(sum(widths)), type="dxa")
    borders = _sub(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, "w:" + side, val="single", sz="4", space="0", color="auto")
    _sub(tblpr, "w:tblLayout", type="fixed")
    margins = _sub(tblpr, "w:tblCellMar")
    _sub(margins, "w:left", w="85", type="dxa")
    _sub(margins, "w:right", w="85", type="dxa")
    grid = _sub(tbl, "w:tblGrid")
    for width in widths:
        _sub(grid, "w:gridCol", w=str(width))
    for tr in rows:
        tbl.append(tr)
    return tbl


def append_to_body(document: Any, elements: Iterable[Any]) -> None:
    """Append elements to a python-docx document's body, before its final ``w:sectPr``."""
    body = document.element.body
    sect = body.find(qn("w:sectPr"))
    for el in elements:
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)


def set_default_fonts(document: Any, *, east_asia: str, latin: str = "Times New Roman", size: int = 28) -> None:
    """Set the document's default fonts (``w:docDefaults``) and size in half-points (28 = 四号)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _el("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = _sub(defaults, "w:rPrDefault")
        defaults.remove(rpr_default)
        defaults.insert(0, rpr_default)
    props = rpr_default.find(qn("w:rPr"))
    if props is not None:
        rpr_default.remove(props)
    props = _sub(rpr_default, "w:rPr")
    _sub(props, "w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)
    _sub(props, "w:sz", val=str(size))
    _sub(props, "w:szCs", val=str(size))
    _sub(props, "w:lang", val="en-US", eastAsia="zh-CN")
    # the Normal style of python-docx's template names its own fonts; drop them
    normal = document.styles["Normal"].element
    normal_rpr = normal.find(qn("w:rPr"))
    if normal_rpr is not None:
        fonts = normal_rpr.find(qn("w:rFonts"))
        if fonts is not None:
            normal_rpr.remove(fonts)
