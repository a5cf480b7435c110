"""Read HTML pages (government sites, saved web pages) as source lines.

Decoding: a byte-order mark wins; then a ``<meta charset>`` or
``<meta http-equiv="Content-Type" content="...; charset=...">`` declaration in
the first 4 KiB; else strict UTF-8; else strict GB18030. ``gb2312`` and
``gbk`` are read as GB18030 (their superset, as browsers do). Bytes that do
not decode in the chosen encoding raise :class:`~lawdiff.errors.InputError`:
nothing is replaced silently.

Parsing uses lxml.html with a parser that drops comments and processing
instructions and never touches the network. ``script``, ``style``,
``noscript``, ``template``, ``iframe``, ``object``, ``embed``, ``svg``,
``math``, ``head`` (including ``<title>``) and the like are skipped with
their content; attributes (``onload`` ...) are never looked at except
``align``/``style`` for centring.

Lines: each block element (``p``, ``div``, ``h1``-``h6``, ``li``, ``tr``,
``td``/``th``, ``blockquote``, ``section`` ...) starts and ends a line, so a
table cell is a line of its own (rows top to bottom, cells left to right);
``br`` ends a line; ``pre`` keeps its own line breaks. Whitespace is collapsed
the way a browser renders it: runs of ASCII whitespace become one space and
are trimmed at line ends, and a source line break between two CJK characters
disappears (CSS Text 3 segment-break rule), so a hard-wrapped article reads
as typed. ``&nbsp;`` stays U+00A0 and U+3000 stays, for the normaliser. A
line whose block (or an ancestor block) has ``align="center"``,
``style="text-align: center"`` or is inside ``<center>`` gets
``align="center"``. Blank blocks produce no line; ``SourceLine.number`` counts
the lines produced.
"""
from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from ..errors import InputError
from .base import MAX_INPUT_BYTES, SourceLine

if TYPE_CHECKING:  # pragma: no cover
    from lxml import html as _lhtml

__all__ = ["read_lines", "decode"]

_SKIP = frozenset(
    """head script style noscript template iframe frame frameset object embed applet svg math
    canvas audio video source track map select option datalist input button textarea link meta
    title base param""".split()
)
_BLOCK = frozenset(
    """address article aside blockquote body center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li listing main
    menu nav ol p plaintext pre section summary table caption thead tbody tfoot tr td th ul xmp""".split()
)
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
_CJK_BREAK = re.compile(f"(?<=[{_CJK}])[ \\t\\r\\f]*\\n[ \\t\\r\\n\\f]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "euc-cn": "gb18030", "cp936": "gb18030", "x-euc-cn": "gb18030"}


def decode(data: bytes, *, source: str) -> str:
    """Decode an HTML page's bytes (BOM, meta charset, UTF-8, GB18030 in that order)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _strict(data[len(bom):], enc, source, "its byte-order mark")
    match = _META_CHARSET.search(data[:4096])
    if match:
        name = match.group(1).decode("ascii", "replace").lower()
        name = _ALIASES.get(name, name)
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            raise InputError(f"unknown charset {name!r} declared in <meta>", source=source) from None
        if codec.startswith("utf-16"):
            codec = "utf-8"  # a page that decodes as ASCII here cannot be UTF-16: browsers do the same
        return _strict(data, codec, source, "its <meta> charset")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as err:
        raise InputError(
            f"cannot decode the page: neither UTF-8 nor GB18030 (byte {err.start}); declare <meta charset>",
            source=source,
        ) from None


def _strict(data: bytes, codec: str, source: str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(
            f"invalid {codec} byte at offset {err.start} (encoding taken from {why})", source=source
        ) from None


def _parse(text: str, source: str) -> "_lhtml.HtmlElement":
    from lxml import etree
    from lxml import html as lhtml

    parser = lhtml.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        remove_blank_text=False,
        default_doctype=False,
        collect_ids=False,
        huge_tree=False,
        encoding="utf-8",
    )
    # the text is already decoded: hand lxml UTF-8 and say so, whatever <meta> declares
    try:
        root = lhtml.document_fromstring(text.encode("utf-8"), parser=parser, base_url=None)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise InputError(f"cannot parse the page as HTML: {err}", source=source) from None
    # libxml2 stops (and lxml returns what it had) at a resource limit: elements nested deeper
    # than 256, a text node over 10 MB. Refuse the page rather than silently drop the rest.
    fatal = [e for e in parser.error_log if e.level >= etree.ErrorLevels.FATAL]
    if fatal:
        raise InputError(
            f"cannot read the whole page (line {fatal[0].line}: {fatal[0].message.strip()}); "
            "refusing it rather than dropping text",
            source=source,
        )
    return root


class _Lines:
    def __init__(self) -> None:
        self.buf: list[str] = []
        self.align: str | None = None
        self.lines: list[tuple[str, str | None]] = []

    def add(self, text: str, align: str | None) -> None:
        if text:
            if not self.buf:
                self.align = align
            self.buf.append(text)

    def flush(self, pre: bool = False) -> None:
        raw = "".join(self.buf)
        self.buf = []
        text = raw if pre else _collapse(raw)
        if text.strip(" \t\r\n\f"):
            self.lines.append((text, self.align))
        self.align = None


def _collapse(raw: str) -> str:
    text = _CJK_BREAK.sub("", raw)
    text = _SPACES.sub(" ", text)
    return text.strip(" ")


def _centred(el: "_lhtml.HtmlElement", inherited: str | None) -> str | None:
    if el.tag == "center":
        return "center"
    align = (el.get("align") or "").strip().lower()
    style = el.get("style") or ""
    if align == "center" or _CENTER_STYLE.search(style):
        return "center"
    if align in ("left", "right", "justify") or re.search(r"text-align\s*:", style, re.IGNORECASE):
        return None
    return inherited


def _walk(el, out: _Lines, align: str | None, pre: bool) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.lower()
    if tag in _SKIP or not tag:
        # comments/PIs are removed by the parser; skipped elements drop their content,
        # but the tail text after them belongs to the parent
        if el.tail:
            out.add(el.tail, align)
        return
    block = tag in _BLOCK
    here = _centred(el, align)
    if tag == "br":
        out.flush(pre)
        if el.tail:
            out.add(el.tail, align)
        return
    if block:
        out.flush(pre)
    inner_pre = pre or tag in ("pre", "listing", "plaintext", "xmp")
    if el.text:
        _add_text(out, el.text, here, inner_pre)
    for child in el:
        _walk(child, out, here, inner_pre)
    if block:
        out.flush(inner_pre)
    if el.tail:
        _add_text(out, el.tail, align, pre)


def _add_text(out: _Lines, text: str, align: str | None, pre: bool) -> None:
    if not pre or "\n" not in text:
        out.add(text, align)
        return
    parts = text.split("\n")
    for i, part in enumerate(parts):
        if i:
            out.flush(True)
        out.add(part.rstrip("\r"), align)


def read_lines(data: bytes, *, source: str) -> tuple[SourceLine, ...]:
    """Read an HTML page as source lines (see the module docstring)."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"file too large ({len(data)} bytes, limit {MAX_INPUT_BYTES})", source=source)
    if not data.strip():
        raise InputError("empty file", source=source)
    text = decode(data, source=source)
    if "\x00" in text:
        raise InputError("binary data (NUL characters) in an HTML file", source=source)
    root = _parse(text, source)
    out = _Lines()
    body = root.find("body")
    _walk(body if body is not None else root, out, None, False)
    out.flush()
    return tuple(SourceLine(t, i, a) for i, (t, a) in enumerate(out.lines, start=1))
