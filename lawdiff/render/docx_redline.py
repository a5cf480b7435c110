"""The new text as a Word document whose differences are real tracked changes.

Every difference is a revision a drafter can accept or reject in Word's Review
pane: inserted text in ``w:ins``, deleted text in ``w:del``/``w:delText``, each
with ``w:author``, ``w:date`` and a unique ``w:id``. Whole added or deleted
articles (and chapter headings, 题注 lines) are inserted or deleted
paragraphs: their paragraph marks carry ``w:pPr/w:rPr/w:ins`` or ``w:del``.

The document is modelled as one stream of text in which ``"\\n"`` separates
paragraphs; each piece of the stream is ``equal``, ``delete`` or ``insert``,
and a paragraph mark takes the tag of its ``"\\n"``. Accepting every revision
therefore yields exactly the new text in official layout (title, 题注, 序言,
chapter headings, ``第十条　…`` paragraphs), rejecting every revision exactly
the old one. Units are placed by a block-level diff of the two documents
(pairs, headings, 题注 lines); a moved unit is deleted where it was and
inserted where it is.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import io
from typing import Any, Iterator

from ..model import Article, Comparison, Division, Document, Pair
from . import _oxml as ox
from .marks import _difflib_ops, clean, division_text, labelled_ops, unit_prefix

__all__ = ["render_docx_redline", "document_paragraphs"]

_BODY_SIZE = 32  # 三号 (16 pt), official layout
_TITLE_SIZE = 44  # 二号 (22 pt)

Piece = tuple[str, str, str, str]  # (tag, text, paragraph style, role)


def document_paragraphs(doc: Document) -> list[str]:
    """The paragraphs of ``doc`` in official layout, as the redline shows them.

    Title, 题注 lines, 序言/opening lines, then the body: a division as
    ``第一章　总　　则``, a unit's first paragraph prefixed by its label
    (``第十条　``, ``一、``), its other paragraphs as they are.
    """
    paragraphs = [doc.title, *doc.preamble, *doc.intro]

    def walk(nodes: tuple[Any, ...]) -> None:
        for node in nodes:
            if isinstance(node, Division):
                paragraphs.append(division_text(node))
                walk(node.children)
            else:
                paragraphs.extend(_unit_text(node).split("\n"))

    walk(doc.body)
    return [clean(p) for p in paragraphs]


def _unit_text(unit: Article) -> str:
    return unit_prefix(unit) + unit.text


# ---------------------------------------------------------------------------
# block tokens


def _tokens(doc: Document, side: str, owner: dict[int, int], whole: set[int]) -> list[tuple[Any, ...]]:
    """The document as tokens: text lines, and units grouped by the pair they belong to."""
    tokens: list[tuple[Any, ...]] = []
    tokens += [("text", "preamble", clean(line)) for line in doc.preamble]
    tokens += [("text", "intro", clean(line)) for line in doc.intro]
    seen: dict[int, int] = {}

    def walk(nodes: tuple[Any, ...]) -> None:
        for node in nodes:
            if isinstance(node, Division):
                tokens.append(("text", "heading", clean(division_text(node))))
                walk(node.children)
                continue
            index = owner.get(id(node), -1)
            last = tokens[-1] if tokens else None
            if index >= 0 and last is not None and last[0] in ("pair", side) and last[1] == index:
                tokens[-1] = last + (node,)
                continue
            if index >= 0 and index in whole:
                tokens.append(("pair", index, node))
            else:
                seen[index] = seen.get(index, 0) + 1
                tokens.append((side, index, seen[index], node) if index >= 0 else (side, -1, len(tokens), node))

    walk(doc.body)
    return tokens


def _key(token: tuple[Any, ...]) -> tuple[Any, ...]:
    if token[0] == "text":
        return token
    if token[0] == "pair":
        return ("pair", token[1])
    return token[:3]


def _units(token: tuple[Any, ...]) -> tuple[Article, ...]:
    if token[0] == "pair":
        return tuple(token[2:])
    return tuple(token[3:])


def _owners(comparison: Comparison) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """Map unit ids to pair indexes; find pairs whose units are consecutive on both sides."""
    old_owner: dict[int, int] = {}
    new_owner: dict[int, int] = {}
    by_value_old: dict[Article, int] = {}
    by_value_new: dict[Article, int] = {}
    for index, pair in enumerate(comparison.pairs):
        for unit in pair.old:
            old_owner[id(unit)] = index
            by_value_old.setdefault(unit, index)
        for unit in pair.new:
            new_owner[id(unit)] = index
            by_value_new.setdefault(unit, index)
    # units of the documents that are equal (not identical objects) to a pair's unit
    for doc, owner, by_value in (
        (comparison.left, old_owner, by_value_old),
        (comparison.right, new_owner, by_value_new),
    ):
        for unit in doc.units():
            if id(unit) not in owner and unit in by_value:
                owner[id(unit)] = by_value[unit]
    whole = set()
    for index, pair in enumerate(comparison.pairs):
        if pair.old and pair.new:
            whole.add(index)
    # a pair is "whole" only if its units form one consecutive, complete group on each side
    for doc, owner, side in ((comparison.left, old_owner, "old"), (comparison.right, new_owner, "new")):
        groups: dict[int, int] = {}
        previous = None
        members: dict[int, list[Article]] = {}
        for unit in doc.units():
            index = owner.get(id(unit), -1)
            if index != previous and index >= 0:
                groups[index] = groups.get(index, 0) + 1
            members.setdefault(index, []).append(unit)
            previous = index
        for index in list(whole):
            units = comparison.pairs[index].old if side == "old" else comparison.pairs[index].new
            if groups.get(index) != 1 or tuple(members.get(index, ())) != units:
                whole.discard(index)
    return old_owner, new_owner, whole


# ---------------------------------------------------------------------------
# the stream


def _stream(comparison: Comparison) -> Iterator[Piece]:
    old_owner, new_owner, whole = _owners(comparison)
    old_tokens = _tokens(comparison.left, "old", old_owner, whole)
    new_tokens = _tokens(comparison.right, "new", new_owner, whole)
    # the title is always the first paragraph of both sides
    for tag, old, new in _text_diff(clean(comparison.left.title), clean(comparison.right.title)):
        yield from _piece(tag, old, new, "title", "text")
    matcher = difflib.SequenceMatcher(
        None, [_key(t) for t in old_tokens], [_key(t) for t in new_tokens], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = old_tokens[i1:i2], new_tokens[j1:j2]
        if tag == "equal":
            for old_token, new_token in zip(olds, news):
                yield ("equal", "\n", "", "text")
                yield from _equal_token(comparison, old_token, new_token)
            continue
        if (
            len(olds) == len(news)
            and all(t[0] == "text" for t in olds + news)
            and all(a[1] == b[1] for a, b in zip(olds, news))
        ):
            for a, b in zip(olds, news):  # a changed heading or 题注 line: diff it in place
                yield ("equal", "\n", "", "text")
                for op_tag, old, new in _text_diff(a[2], b[2]):
                    yield from _piece(op_tag, old, new, a[1], "text")
            continue
        for token in olds:
            yield ("delete", "\n", "", "text")
            yield from _whole(token, "delete")
        for token in news:
            yield ("insert", "\n", "", "text")
            yield from _whole(token, "insert")


def _piece(tag: str, old: str, new: str, style: str, role: str) -> Iterator[Piece]:
    if tag == "equal":
        yield ("equal", old, style, role)
        return
    if old:
        yield ("delete", old, style, role)
    if new:
        yield ("insert", new, style, role)


def _text_diff(old: str, new: str) -> list[tuple[str, str, str]]:
    return [(op.tag, op.old, op.new) for op in _difflib_ops(old, new)] or [("equal", "", "")]


def _whole(token: tuple[Any, ...], tag: str) -> Iterator[Piece]:
    if token[0] == "text":
        yield (tag, token[2], token[1], "text")
        return
    for k, unit in enumerate(_units(token)):
        if k:
            yield (tag, "\n", "article", "text")
        yield (tag, clean(unit_prefix(unit)), "article", "label")
        yield (tag, clean(unit.text), "article", "text")


def _equal_token(comparison: Comparison, old: tuple[Any, ...], new: tuple[Any, ...]) -> Iterator[Piece]:
    if old[0] == "text":
        yield ("equal", old[2], old[1], "text")
        return
    pair = comparison.pairs[old[1]]
    view = Pair(
        old=_units(old),
        new=_units(new),
        relation=pair.relation,
        score=pair.score,
        ops=pair.ops if _units(old) == pair.old and _units(new) == pair.new else (),
    )
    for tag, text, role in labelled_ops(view):
        yield (tag, clean(text), "article", role)


# ---------------------------------------------------------------------------
# paragraphs and XML


class _Paragraph:
    __slots__ = ("runs", "style", "mark")

    def __init__(self) -> None:
        self.runs: list[tuple[str, str, str]] = []  # (tag, text, role)
        self.style = ""
        self.mark = "equal"


def _paragraphs(pieces: Iterator[Piece]) -> list[_Paragraph]:
    paragraphs = [_Paragraph()]
    for tag, text, style, role in pieces:
        parts = text.split("\n")
        for k, part in enumerate(parts):
            current = paragraphs[-1]
            if part:
                if not current.style:
                    current.style = style
                if current.runs and current.runs[-1][0] == tag and current.runs[-1][2] == role:
                    current.runs[-1] = (tag, current.runs[-1][1] + part, role)
                else:
                    current.runs.append((tag, part, role))
            if k < len(parts) - 1:
                if not current.style:
                    current.style = style
                current.mark = tag
                paragraphs.append(_Paragraph())
    return paragraphs


def _iso(date: _dt.datetime | str | None) -> str:
    if isinstance(date, str):
        return date
    if date is None:
        date = _dt.datetime.now(_dt.timezone.utc)
    if date.tzinfo is not None:
        date = date.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return date.replace(microsecond=0).isoformat() + "Z"


def render_docx_redline(
    comparison: Comparison,
    *,
    author: str = "lawdiff",
    date: _dt.datetime | str | None = None,
    body_font: str = "仿宋_GB2312",
    heading_font: str = "黑体",
) -> bytes:
    """The new text with the differences as Word tracked changes (.docx bytes).

    ``date`` (a datetime, or an ISO 8601 string) stamps every revision; the
    default is the current time (UTC).
    """
    import docx
    from docx.shared import Mm

    ids = ox.RevisionIds(author, _iso(date))
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    ox.set_default_fonts(document, east_asia=body_font, size=_BODY_SIZE)
    # python-docx's template starts with no paragraph; the stream's first
    # paragraph is the title
    styles = {
        "title": ox.RunStyle(east_asia=heading_font, size=_TITLE_SIZE),
        "heading": ox.RunStyle(east_asia=heading_font),
        "label": ox.RunStyle(east_asia=heading_font),
        "preamble": ox.RunStyle(east_asia="楷体_GB2312"),
    }
    body = []
    for para in _paragraphs(_stream(comparison)):
        body.append(_paragraph_xml(para, styles, ids))
    ox.append_to_body(document, body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph_xml(para: _Paragraph, styles: dict[str, ox.RunStyle], ids: ox.RevisionIds) -> Any:
    style = para.style or "article"
    text_style = styles.get(style) if style in ("title", "heading", "preamble") else None
    children: list[Any] = []
    group: list[Any] = []
    group_tag = "equal"

    def flush() -> None:
        if group_tag == "equal":
            children.extend(group)
        elif group:
            children.append(ox.revision("ins" if group_tag == "insert" else "del", group, ids))
        group.clear()

    for tag, text, role in para.runs:
        if tag != group_tag:
            flush()
            group_tag = tag
        run_style = styles["label"] if role == "label" else text_style
        group.append(ox.run(text, run_style, deleted=tag == "delete"))
    flush()
    mark = None
    if para.mark != "equal":
        mark = ox.mark_revision("ins" if para.mark == "insert" else "del", ids)
    align = "center" if style in ("title", "heading", "preamble") else "both"
    return ox.paragraph(
        children,
        align=align,
        first_line_chars=None if align == "center" else 2,
        char_size=_BODY_SIZE,
        keep_next=style in ("title", "heading"),
        mark=mark,
    )
