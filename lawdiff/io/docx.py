"""Read and write Word .docx files (WordprocessingML), for WPS and LibreOffice files as well.

Reading (:func:`read_lines`) works on the raw package with :mod:`zipfile` and
lxml, not python-docx: the raw XML gives full control over revisions
(``w:ins``/``w:del``) and automatic numbering (``numbering.xml``), and lets us
check every part's size before inflating anything. The result is one
:class:`~lawdiff.io.base.SourceLine` per paragraph, in document order:

* body paragraphs and tables (each cell paragraph is a line, rows top to
  bottom, cells left to right, nested tables in place); content controls
  (``w:sdt``) and custom XML are looked through; text-box paragraphs follow
  the paragraph that anchors them;
* ``w:br``/``w:cr`` inside a paragraph is *not* a new paragraph: it joins with
  nothing between two CJK characters (a wrapped title or 题注), else with one
  space; ``w:tab`` is a tab character;
* headers, footers, comments, footnotes and endnotes are ignored; fields and
  hyperlinks keep their displayed text (field codes are skipped);
* tracked changes are read as if accepted: ``w:del``/``w:moveFrom`` text is
  excluded, ``w:ins``/``w:moveTo`` text included, a deleted paragraph mark
  joins the paragraph with the next one, deleted table rows are skipped;
* a centred paragraph (``w:jc`` center, directly or through its style chain)
  gets ``align="center"``;
* Word automatic numbering is rendered like Word does (see
  :class:`_Numbering`), prefixed to the text and followed by U+3000 when the
  level's suffix is a tab or a space, and recorded in ``SourceLine.numbering``.

Hostile input: not a zip, a truncated zip, a missing main part, a part (or all
parts together) above :data:`~lawdiff.io.base.MAX_DOCX_PART_BYTES`, a
compression ratio above :data:`MAX_COMPRESSION_RATIO`, or a part with a DTD
(OPC forbids them) raise :class:`~lawdiff.errors.InputError`. Sizes are
checked from the zip directory before anything is inflated, and reads are
bounded as well in case the directory lies. The XML parser never resolves
entities, loads a DTD or touches the network.

Writing (:func:`write_document`) uses python-docx to lay a
:class:`~lawdiff.model.Document` out in the usual official style (A4, centred
title and headings, article paragraphs indented by two U+3000 typed in the
text, East Asian fonts set through ``w:eastAsia``).
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from ..errors import InputError
from .base import MAX_DOCX_PART_BYTES, SourceLine
from ._xml import declares_dtd, safe_parser

if TYPE_CHECKING:  # pragma: no cover
    from lxml import etree

    from ..model import Document

__all__ = ["read_lines", "write_document", "layout", "MAX_COMPRESSION_RATIO", "render_number"]

#: Largest uncompressed/compressed size ratio accepted for a part larger than 1 MiB.
#: Real WordprocessingML compresses 5-30x; zip bombs reach 1000x and more.
MAX_COMPRESSION_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # small parts may compress well (a run of spaces): only check above this

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "/officeDocument"
_NUMBERING_REL = "/numbering"
_STYLES_REL = "/styles"

_CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)


# ---------------------------------------------------------------------------
# package access


def _fail(source: str, problem: str) -> InputError:
    return InputError(problem, source=source)


class _Package:
    """A size-checked view of the zip: reads parts with bounded inflation."""

    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        if not data:
            raise _fail(source, "empty file, not a .docx")
        if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            raise _fail(source, "a legacy .doc or a password-protected file (OLE compound document), "
                                "not a .docx: save it as .docx without a password")
        if not data.startswith(b"PK"):
            raise _fail(source, "not a .docx file (not a zip archive)")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as err:
            raise _fail(source, f"not a readable .docx (corrupt or truncated zip: {err})") from None
        total = 0
        self.names: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            size, packed = info.file_size, info.compress_size
            if size > MAX_DOCX_PART_BYTES:
                raise _fail(
                    source,
                    f"refusing .docx part {info.filename}: {size} bytes uncompressed "
                    f"(limit {MAX_DOCX_PART_BYTES})",
                )
            total += size
            if total > MAX_DOCX_PART_BYTES:
                raise _fail(
                    source,
                    f"refusing .docx: parts total more than {MAX_DOCX_PART_BYTES} bytes uncompressed",
                )
            if size > _RATIO_FLOOR and size > MAX_COMPRESSION_RATIO * max(packed, 1):
                raise _fail(
                    source,
                    f"refusing .docx part {info.filename}: suspicious compression ratio "
                    f"{size // max(packed, 1)}:1 (zip bomb?)",
                )
            self.names[info.filename.lstrip("/")] = info

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        info = self.names[name]
        try:
            with self.zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError, NotImplementedError,
                RuntimeError) as err:  # RuntimeError: an encrypted zip entry
            raise _fail(self.source, f"corrupt .docx part {name}: {err}") from None
        if len(data) > info.file_size:  # pragma: no cover - zipfile already stops at file_size
            raise _fail(self.source, f"corrupt .docx part {name}: larger than its declared size")
        return data

    def xml(self, name: str) -> "etree._Element":
        return _parse_xml(self.read(name), self.source, name)


def _parse_xml(data: bytes, source: str, name: str) -> "etree._Element":
    from lxml import etree

    if declares_dtd(data):
        raise _fail(source, f".docx part {name} declares a DTD (not allowed in Office Open XML); refusing it")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as err:
        raise _fail(source, f"malformed XML in .docx part {name}: {err}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise _fail(source, f".docx part {name} declares a DTD (not allowed in Office Open XML); refusing it")
    return root


def _rel_target(pkg: _Package, rels_name: str, suffix: str, base_dir: str) -> str | None:
    """Target part name of the first relationship whose type ends with ``suffix``."""
    if not pkg.has(rels_name):
        return None
    root = pkg.xml(rels_name)
    for rel in root.iter("{%s}Relationship" % _REL_NS):
        if rel.get("Type", "").endswith(suffix) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            parts = [p for p in (base_dir + "/" + target).split("/") if p and p != "."]
            out: list[str] = []
            for part in parts:
                if part == "..":
                    if out:
                        out.pop()
                else:
                    out.append(part)
            return "/".join(out)
    return None


# ---------------------------------------------------------------------------
# styles and numbering


@dataclass
class _Style:
    based_on: str | None = None
    jc: str | None = None
    num_id: str | None = None
    ilvl: int | None = None


def _read_styles(root: "etree._Element | None") -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for st in root.iter(_W + "style"):
        sid = st.get(_W + "styleId")
        if not sid:
            continue
        entry = _Style()
        based = st.find(_W + "basedOn")
        if based is not None:
            entry.based_on = based.get(_W + "val")
        ppr = st.find(_W + "pPr")
        if ppr is not None:
            jc = ppr.find(_W + "jc")
            if jc is not None:
                entry.jc = jc.get(_W + "val")
            numpr = ppr.find(_W + "numPr")
            if numpr is not None:
                nid = numpr.find(_W + "numId")
                lvl = numpr.find(_W + "ilvl")
                if nid is not None:
                    entry.num_id = nid.get(_W + "val")
                if lvl is not None:
                    entry.ilvl = _int(lvl.get(_W + "val"), 0)
        styles[sid] = entry
    return styles


def _style_chain(styles: dict[str, _Style], sid: str | None) -> Iterator[_Style]:
    seen: set[str] = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        yield styles[sid]
        sid = styles[sid].based_on


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    suff: str = "tab"
    restart: int | None = None  # w:lvlRestart (1-based level, 0 = never); None = default
    legal: bool = False


def _read_level(lvl: "etree._Element", base: _Level | None = None) -> _Level:
    level = _Level(**vars(base)) if base is not None else _Level()
    for tag, attr in (("start", "start"), ("numFmt", "fmt"), ("lvlText", "text"), ("suff", "suff")):
        el = lvl.find(_W + tag)
        if el is not None:
            val = el.get(_W + "val")
            if attr == "start":
                level.start = _int(val, 1)
            elif val is not None:
                setattr(level, attr, val)
    el = lvl.find(_W + "lvlRestart")
    if el is not None:
        level.restart = _int(el.get(_W + "val"), 0)
    el = lvl.find(_W + "isLgl")
    if el is not None:
        level.legal = el.get(_W + "val", "true") not in ("0", "false", "off")
    return level


@dataclass
class _Numbering:
    """Word's list numbering, rendered the way Word displays it.

    Counters belong to the abstract definition (``w:abstractNum``), so two
    ``w:num`` instances of one definition continue each other, as in Word; a
    ``w:num`` with a ``w:lvlOverride/w:startOverride`` restarts that level at
    its override value the first time the instance is used. Numbering a level
    resets the deeper levels (unless their ``w:lvlRestart`` says otherwise);
    ``w:numStyleLink`` is followed to the linked definition. ``%1``..``%9`` in
    ``w:lvlText`` are replaced by the counters of those levels in their own
    ``w:numFmt`` (decimal when ``w:isLgl``).
    """

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    style_links: dict[str, str] = field(default_factory=dict)  # abstractId -> numStyleLink style id
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractId
    overrides: dict[str, dict[int, _Level]] = field(default_factory=dict)
    start_overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used_nums: set[str] = field(default_factory=set)
    styles: dict[str, _Style] = field(default_factory=dict)

    @classmethod
    def load(cls, root: "etree._Element | None", styles: dict[str, _Style]) -> "_Numbering":
        numbering = cls(styles=styles)
        if root is None:
            return numbering
        for absn in root.findall(_W + "abstractNum"):
            aid = absn.get(_W + "abstractNumId")
            if aid is None:
                continue
            numbering.abstract[aid] = {
                _int(lvl.get(_W + "ilvl"), 0): _read_level(lvl) for lvl in absn.findall(_W + "lvl")
            }
            link = absn.find(_W + "numStyleLink")
            if link is not None and link.get(_W + "val"):
                numbering.style_links[aid] = link.get(_W + "val")
        for num in root.findall(_W + "num"):
            nid = num.get(_W + "numId")
            ref = num.find(_W + "abstractNumId")
            if nid is None or ref is None:
                continue
            numbering.nums[nid] = ref.get(_W + "val", "")
            for ov in num.findall(_W + "lvlOverride"):
                ilvl = _int(ov.get(_W + "ilvl"), 0)
                start = ov.find(_W + "startOverride")
                if start is not None:
                    numbering.start_overrides.setdefault(nid, {})[ilvl] = _int(start.get(_W + "val"), 1)
                lvl = ov.find(_W + "lvl")
                if lvl is not None:
                    base = numbering.abstract.get(numbering.nums[nid], {}).get(ilvl)
                    numbering.overrides.setdefault(nid, {})[ilvl] = _read_level(lvl, base)
        return numbering

    def _abstract_id(self, nid: str) -> str | None:
        aid = self.nums.get(nid)
        seen: set[str] = set()
        while aid is not None and aid in self.style_links and aid not in seen:
            seen.add(aid)
            style = self.styles.get(self.style_links[aid])
            target = self.nums.get(style.num_id) if style is not None and style.num_id else None
            if target is None:
                break
            aid = target
        return aid

    def _levels(self, nid: str, aid: str) -> dict[int, _Level]:
        levels = dict(self.abstract.get(aid, {}))
        levels.update(self.overrides.get(nid, {}))
        return levels

    def label(self, nid: str, ilvl: int) -> tuple[str, str] | None:
        """Advance the counter of ``(numId, ilvl)`` and return ``(label, suffix)``."""
        if nid in ("", "0"):
            return None
        aid = self._abstract_id(nid)
        if aid is None:
            return None
        levels = self._levels(nid, aid)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(aid, {})
        if nid not in self.used_nums:
            self.used_nums.add(nid)
            for lvl_i, start in self.start_overrides.get(nid, {}).items():
                counters[lvl_i] = start - 1
                for deeper in [k for k in counters if k > lvl_i]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper, dlevel in levels.items():
            if deeper <= ilvl or deeper not in counters:
                continue
            restart = dlevel.restart
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                del counters[deeper]
        if level.fmt == "none":
            return ("", level.suff)
        template = level.text if level.text is not None else f"%{ilvl + 1}."
        if level.fmt == "bullet":
            return (template, level.suff)

        def sub(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lv = levels.get(k, level)
            value = counters.get(k, lv.start)
            fmt = "decimal" if (level.legal and k < ilvl) else lv.fmt
            return render_number(value, fmt)

        return (re.sub(r"%([1-9])", sub, template), level.suff)


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 -> AA, 28 -> BB
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


#: Largest counter rendered in its number format (Word's own limit for a list's start value);
#: above it the counter is written in decimal.
_MAX_COUNTER = 32767


def render_number(value: int, fmt: str) -> str:
    """Render counter ``value`` in Word number format ``fmt`` (``w:numFmt/@w:val``).

    Chinese counting formats give the usual form (``十``, ``十一``, ``一百零一``),
    as ``lawdiff.numerals.int_to_cn`` writes article numbers; unknown formats
    fall back to decimal.
    """
    if value <= 0 and fmt not in ("decimal", "decimalZero"):
        return str(value)
    if value > _MAX_COUNTER:  # a forged w:start must not expand into megabytes of Roman numerals or letters
        return str(value)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):
        from ..numerals import int_to_cn

        return int_to_cn(value)
    if fmt in ("chineseLegalSimplified",):
        from ..numerals import int_to_cn

        plain = int_to_cn(value)
        if plain.startswith("十"):
            plain = "一" + plain
        return plain.translate(str.maketrans(_CN_DIGITS[1:] + "零十百千万", _CN_LEGAL[1:] + "零拾佰仟万"))
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    if fmt == "ideographTraditional":
        return _TIANGAN[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(value - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and value <= 20:
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperLetter":
        return _letters(value)
    if fmt == "lowerLetter":
        return _letters(value).lower()
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    return str(value)


# ---------------------------------------------------------------------------
# document walk


@dataclass
class _Para:
    text: str
    align: str | None
    numbering: str | None
    mark_deleted: bool = False


class _Reader:
    def __init__(self, styles: dict[str, _Style], numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.paras: list[_Para] = []

    # blocks -------------------------------------------------------------
    def blocks(self, parent: "etree._Element") -> None:
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _W + "p":
                self.paragraph(child)
            elif tag == _W + "tbl":
                self.table(child)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.blocks(content)
            elif tag in (_W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"):
                self.blocks(child)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                self.blocks(choice if choice is not None else child)
            # w:del / w:moveFrom blocks, w:sectPr, bookmarks, w:altChunk: nothing to read

    def table(self, tbl: "etree._Element") -> None:
        for row in tbl.iter(_W + "tr"):
            if row.getparent() is not None and _owner_table(row) is not tbl:
                continue  # rows of nested tables are read through their cell
            trpr = row.find(_W + "trPr")
            if trpr is not None and trpr.find(_W + "del") is not None:
                continue
            for cell in _row_cells(row):
                self.blocks(cell)

    def paragraph(self, p: "etree._Element") -> None:
        ppr = p.find(_W + "pPr")
        pieces: list[str] = []
        boxes: list["etree._Element"] = []
        self.runs(p, pieces, boxes)
        text = _join_breaks(pieces)
        align = self.alignment(ppr)
        label = self.number_label(ppr)
        numbering = None
        if label is not None:
            numbering, suff = label
            if numbering:
                sep = "\u3000" if suff in ("tab", "space") else ""
                text = numbering + sep + text
            else:
                numbering = None
        mark_deleted = False
        if ppr is not None:
            rpr = ppr.find(_W + "rPr")
            if rpr is not None and rpr.find(_W + "del") is not None:
                mark_deleted = True
        self.paras.append(_Para(text, align, numbering, mark_deleted))
        for box in boxes:
            self.blocks(box)

    def runs(self, el: "etree._Element", out: list[str], boxes: list["etree._Element"]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "tab" and el.tag == _W + "r":
                out.append("\t")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _W + "sym":
                code = child.get(_W + "char")
                try:
                    out.append(chr(int(code or "", 16)))
                except ValueError:
                    pass
            elif tag in (_W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr", _W + "instrText",
                         _W + "delText", _W + "delInstrText", _W + "fldData", _MC + "Fallback"):
                continue
            elif tag == _W + "txbxContent":
                boxes.append(child)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self.runs(choice, out, boxes)
            else:
                # w:r, w:ins, w:moveTo, w:hyperlink, w:fldSimple, w:smartTag, w:sdt(Content),
                # w:customXml, w:drawing/w:pict subtrees (for text boxes), w:dir, w:bdo ...
                self.runs(child, out, boxes)

    def alignment(self, ppr: "etree._Element | None") -> str | None:
        jc_val = None
        style_id = None
        if ppr is not None:
            jc = ppr.find(_W + "jc")
            if jc is not None:
                jc_val = jc.get(_W + "val")
            ps = ppr.find(_W + "pStyle")
            if ps is not None:
                style_id = ps.get(_W + "val")
        if jc_val is None:
            for st in _style_chain(self.styles, style_id or _default_style(self.styles)):
                if st.jc is not None:
                    jc_val = st.jc
                    break
        return "center" if jc_val == "center" else None

    def number_label(self, ppr: "etree._Element | None") -> tuple[str, str] | None:
        nid: str | None = None
        ilvl: int | None = None
        style_id = None
        if ppr is not None:
            numpr = ppr.find(_W + "numPr")
            if numpr is not None:
                n = numpr.find(_W + "numId")
                lv = numpr.find(_W + "ilvl")
                if n is not None:
                    nid = n.get(_W + "val")
                if lv is not None:
                    ilvl = _int(lv.get(_W + "val"), 0)
            ps = ppr.find(_W + "pStyle")
            if ps is not None:
                style_id = ps.get(_W + "val")
        if nid is None or ilvl is None:
            for st in _style_chain(self.styles, style_id):
                if nid is None and st.num_id is not None:
                    nid = st.num_id
                if ilvl is None and st.ilvl is not None:
                    ilvl = st.ilvl
        if nid is None:
            return None
        return self.numbering.label(nid, ilvl or 0)


def _default_style(styles: dict[str, _Style]) -> str | None:
    return "Normal" if "Normal" in styles else None


def _owner_table(el: "etree._Element") -> "etree._Element | None":
    parent = el.getparent()
    while parent is not None and parent.tag != _W + "tbl":
        parent = parent.getparent()
    return parent


def _row_cells(row: "etree._Element") -> Iterator["etree._Element"]:
    for child in row:
        if child.tag == _W + "tc":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from (c for c in content if c.tag == _W + "tc")


def _join_breaks(pieces: list[str]) -> str:
    """Join run texts; a line break becomes nothing between CJK characters, else one space."""
    text = "".join(pieces)
    if "\n" not in text:
        return text
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        left = out[-1:] if out else ""
        right = part[:1]
        if not left or not right or (_CJK.match(left) and _CJK.match(right)) or left.isspace() or right.isspace():
            out += part
        else:
            out += " " + part
    return out


def read_lines(data: bytes, *, source: str) -> tuple[SourceLine, ...]:
    """Read the paragraphs of a .docx as source lines (see the module docstring)."""
    pkg = _Package(data, source)
    main = _rel_target(pkg, "_rels/.rels", _OFFICE_DOC, "")
    if main is None or not pkg.has(main):
        main = "word/document.xml"
    if not pkg.has(main):
        raise _fail(source, "not a .docx: word/document.xml is missing")
    main_dir = main.rsplit("/", 1)[0] if "/" in main else ""
    rels = f"{main_dir}/_rels/{main.rsplit('/', 1)[-1]}.rels" if main_dir else f"_rels/{main}.rels"
    styles_name = _rel_target(pkg, rels, _STYLES_REL, main_dir)
    numbering_name = _rel_target(pkg, rels, _NUMBERING_REL, main_dir)
    styles = _read_styles(pkg.xml(styles_name) if styles_name and pkg.has(styles_name) else None)
    numbering = _Numbering.load(
        pkg.xml(numbering_name) if numbering_name and pkg.has(numbering_name) else None, styles
    )
    root = pkg.xml(main)
    body = root.find(_W + "body")
    if body is None:
        raise _fail(source, f"not a WordprocessingML document: {main} has no w:body")
    reader = _Reader(styles, numbering)
    reader.blocks(body)

    lines: list[SourceLine] = []
    carry: _Para | None = None
    for para in reader.paras:
        if carry is not None:
            # the previous paragraph mark was deleted: accepting the change joins them
            para = _Para(carry.text + para.text, carry.align or para.align, carry.numbering or para.numbering,
                         para.mark_deleted)
            carry = None
        if para.mark_deleted:
            carry = para
            continue
        lines.append(SourceLine(para.text, len(lines) + 1, para.align, para.numbering))
    if carry is not None:
        lines.append(SourceLine(carry.text, len(lines) + 1, carry.align, carry.numbering))
    return tuple(lines)


# ---------------------------------------------------------------------------
# writer


def _set_run_fonts(run, east_asia: str, *, size_pt: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:  # pragma: no cover - font.name created it
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asia)
    if size_pt is not None:
        run.font.size = Pt(size_pt)
    if bold:
        run.font.bold = True


def layout(doc: "Document") -> Iterator[tuple[str, str]]:
    """The paragraphs of ``doc`` as ``(role, text)``, role one of ``title``, ``preamble``,
    ``intro``, ``heading``, ``body`` or ``blank`` (an empty paragraph after the title, the 题注
    and the intro, as official documents space them); the same lines as the canonical text
    layout (``lawdiff.io.text.write_text``), without indentation.
    """
    from ..model import Division

    if doc.title or doc.stage:
        yield "title", doc.title + (f"（{doc.stage}）" if doc.stage else "")
        yield "blank", ""
    for line in doc.preamble:
        yield "preamble", line
    if doc.preamble:
        yield "blank", ""
    for line in doc.intro:
        yield "intro", line
    if doc.intro:
        yield "blank", ""

    def nodes(children) -> Iterator[tuple[str, str]]:
        for node in children:
            if isinstance(node, Division):
                yield "heading", "\u3000".join(part for part in (node.label, node.heading) if part)
                yield from nodes(node.children)
            else:
                yield from article(node)

    def article(art) -> Iterator[tuple[str, str]]:
        first = True
        for clause in art.clauses:
            if first:
                head = art.label
                if art.kind != "item" and head:
                    head += "\u3000"
                if art.heading:
                    head += art.heading_raw or f"【{art.heading}】"
                yield "body", head + clause.text
                first = False
            elif clause.text or not clause.items:
                yield "body", clause.text
            for item in clause.items:
                yield from item_lines(item)
        if first:
            yield "body", art.label

    def item_lines(item) -> Iterator[tuple[str, str]]:
        yield "body", item.label + item.text
        for sub in item.subitems:
            yield from item_lines(sub)

    yield from nodes(doc.body)


def write_document(
    doc: "Document",
    *,
    body_font: str = "仿宋_GB2312",
    heading_font: str = "黑体",
    title_font: str = "方正小标宋简体",
    preamble_font: str = "楷体_GB2312",
) -> bytes:
    """Lay ``doc`` out as a .docx in the usual official style and return its bytes.

    A4 with GB/T 9704 margins; the title centred (二号, ``title_font``); the 题注
    lines centred in 楷体; 序言/intro paragraphs indented; division headings
    (编/分编/章/节) centred in ``heading_font``; each article starts with two
    U+3000 typed in the text, then its label, one U+3000, its heading as
    written (``【立法目的】``) and its first clause; later clauses, 项 and 目 are
    paragraphs of their own, indented the same way. Decision items (``一、``)
    are followed directly by their text. The paragraphs are those of
    :func:`layout`. Body text is 三号 (16 pt) ``body_font``. East Asian
    fonts go into ``w:rFonts/@w:eastAsia``; no automatic numbering is used.
    """
    from docx import Document as _DocxDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from .base import refuse_xml_unsafe

    refuse_xml_unsafe(doc, ".docx")
    out = _DocxDocument()
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = out.styles["Normal"]
    normal.font.size = Pt(16)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(28.95)

    def para(text: str, font: str, *, center: bool = False, size: float | None = None) -> None:
        p = out.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            _set_run_fonts(p.add_run(text), font, size_pt=size)

    indent = "\u3000\u3000"
    for role, text in layout(doc):
        if role == "title":
            para(text, title_font, center=True, size=22)
        elif role == "preamble":
            para(text, preamble_font, center=True)
        elif role == "heading":
            para(text, heading_font, center=True)
        elif role == "blank":
            para("", body_font)
        else:
            para(indent + text, body_font)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
