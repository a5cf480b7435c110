"""The one structural parser: lines -> :class:`~lawdiff.model.Document`.

Every reader (text, Markdown, .docx, HTML) produces :class:`SourceLine` values;
:func:`parse_lines` turns them into a Document. It understands two layouts:

* the **Markdown corpus format** (LawRefBook / PRCLawDataset): an HTML comment
  on line 1, ``---`` front matter, ``# title`` (a file-name date suffix such as
  ``_20210530`` is dropped), the 题注 lines up to ``<!-- INFO END -->``, and
  ``##``/``###`` headings for 编/分编/章/节;
* the **official layout** (.docx, HTML, plain text): the title, possibly over
  several lines; a 题注 in ``（…）``, possibly over several lines; an optional
  主席令/国务院令 block (kept in ``front``); a 目录 (skipped, with an info
  notice); 序言/前言 and a decision's opening sentence (kept in ``intro``).

The body grammar is in :mod:`lawdiff.patterns`: divisions 编/分编/章/节
(nested by level, so a 章 is identified within its 编), articles ``第X条`` and
``第X条之一`` with optional headings ``【立法目的】``/``（立法目的）``,
``（删去）`` placeholders, 款 (each later paragraph), 项 ``（一）`` attached to
the 款 that introduces them, 目 ``1.`` nested under the 项, and a plain
paragraph after items starting a new 款. A text without any ``第X条`` but with
items ``一、二、`` (a decision) has those items as its units (``kind="item"``);
when both occur, 条 win and ``一、`` lines are ordinary paragraphs.

PDF-style text is repaired only where it is clearly needed: page furniture
(``— 3 —``) is dropped (with an info notice) and, when most lines have the
same width, a full-width line that does not end a sentence is joined to the
next one unless that one starts a marker.

Ids are Akoma Ntoso eIds derived from the structure: divisions
``book_1``, ``book_1__subbook_1``, ``chp_2``, ``chp_2__sec_1`` (an unnumbered
附则 is ``chp_u1``/``book_u1``); articles carry their divisions' eId as a
prefix: ``chp_2__art_15``, ``art_12_1`` for 第十二条之一; then
``__para_N`` for the N-th 款, ``__point_N`` for 项 （N）, ``__subpoint_N`` for
目 N.; a decision's items are ``art_N``. A repeated eId gets ``_dupN``.

Nothing is dropped silently: every non-blank character of the input ends up
in the Document (title, stage, 题注, intro, headings, labels, text) or in
``front`` (metadata) or in the ``text`` of a :class:`~lawdiff.model.Notice`.

>>> doc = parse("某某条例\\n第一章　总　　则\\n第一条　为了……，制定本条例。\\n第二条　本条例所称：\\n（一）甲；\\n（二）乙。\\n前款规定……")
>>> doc.title, doc.kind, [a.label for a in doc.units()]
('某某条例', 'regulation', ['第一条', '第二条'])
>>> art = list(doc.units())[1]
>>> [(c.index, c.text, [i.label for i in c.items]) for c in art.clauses]
[(1, '本条例所称：', ['（一）', '（二）']), (2, '前款规定……', [])]
>>> art.eid, art.clauses[0].items[1].eid, art.path
('chp_1__art_2', 'chp_1__art_2__para_1__point_2', ('第一章',))
"""
from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from . import patterns as P
from ._gc import gc_paused
from .errors import ParseError
from .io.base import SourceLine
from .model import Article, Clause, Division, Document, Item, Level, Node, Notice, Span
from .normalize import ZERO_WIDTH, strip_whitespace
from .numerals import cn_to_int

__all__ = ["parse", "parse_lines", "guess_kind", "split_stage"]

_LEVELS = {"编": Level.BOOK, "編": Level.BOOK, "分编": Level.SUBBOOK, "分編": Level.SUBBOOK,
           "章": Level.CHAPTER, "节": Level.SECTION, "節": Level.SECTION}
_RANK = {Level.BOOK: 0, Level.SUBBOOK: 1, Level.CHAPTER: 2, Level.SECTION: 3}
_INSTRUCTION = ("修改为", "修改", "增加", "删去", "删除", "改为", "作为", "后增加", "前增加")


def parse(text: str, *, source: str | None = None) -> Document:
    """Parse a text (plain, Markdown corpus format or official layout) into a Document.

    Raises :class:`~lawdiff.errors.ParseError` when no article (``第X条``) and
    no numbered item (``一、``) is found.

    >>> parse("国务院关于某事的决定\\n为了……，作出如下决定：\\n一、甲。\\n二、乙。").kind
    'decision'
    >>> parse("没有条文的文字")
    Traceback (most recent call last):
    ...
    lawdiff.errors.ParseError: <text>: no articles or numbered items found
    """
    from .io.text import split_lines

    return parse_lines(split_lines(text), source=source)


def guess_kind(title: str, stage: str | None = None) -> str:
    """``draft`` when there is a stage, else from the title's ending.

    >>> [guess_kind(t) for t in ("中华人民共和国刑法修正案（十一）", "关于修改某法的决定", "某某条例", "某法")]
    ['amendment', 'decision', 'regulation', 'law']
    """
    if stage:
        return "draft"
    if "修正案" in title:
        return "amendment"
    if title.endswith(("决定", "决议")):
        return "decision"
    if title.endswith(("条例", "办法", "规定", "细则", "规则", "规程")):
        return "regulation"
    return "law"


def split_stage(title: str) -> tuple[str, str | None]:
    """Split a draft stage suffix off a title.

    >>> split_stage("厦门经济特区社会信用条例（草案修改二稿征求意见稿）")
    ('厦门经济特区社会信用条例', '草案修改二稿征求意见稿')
    >>> split_stage("某法")
    ('某法', None)
    """
    m = P.STAGE_SUFFIX.search(title)
    if not m or m.start() == 0:
        return title, None
    return title[: m.start()].rstrip(), m.group("stage")


# ---------------------------------------------------------------------------
# lines


@dataclass
class _Line:
    text: str  # cleaned: zero-width characters removed, outer whitespace stripped
    number: int
    end: int


# zero-width characters and NUL, removed from every line
_INVISIBLE = re.compile("[" + re.escape("".join(sorted(ZERO_WIDTH))) + "\x00]")


def _clean(line: SourceLine) -> _Line:
    text = line.text
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return _Line(text.strip(), line.number, line.number)


def _skip_blank(lines: list[_Line], i: int) -> int:
    while i < len(lines) and not lines[i].text:
        i += 1
    return i


def _article_match(text: str):
    m = P.ARTICLE.match(text)
    if not m:
        return None
    if not m.group("sep") and m.group("rest").startswith(_INSTRUCTION):
        return None  # 第五条修改为… is an instruction, not an article
    return m


def _is_marker(text: str) -> bool:
    """Does the line start a unit, division, item or heading?"""
    body = text
    md = P.MD_HEADING.match(text)
    if md:
        return True
    return bool(
        _article_match(body)
        or P.DIVISION.match(body)
        or P.ITEM.match(body)
        or P.SUBITEM.match(body)
        or P.DECISION_ITEM.match(body)
        or P.TOC.match(body)
        or P.PREFACE.match(body)
        or P.UNNUMBERED_DIVISION.match(body)
        or P.MD_COMMENT.match(body)
    )


# ---------------------------------------------------------------------------
# builders


@dataclass
class _ItemB:
    number: int
    label: str
    text: str
    start: int
    end: int
    subitems: list["_ItemB"] = field(default_factory=list)


@dataclass
class _ClauseB:
    text: str
    start: int
    end: int
    items: list[_ItemB] = field(default_factory=list)


@dataclass
class _ArticleB:
    number: int
    suffix: int
    label: str
    kind: str
    heading: str | None
    heading_raw: str | None
    start: int
    end: int
    clauses: list[_ClauseB] = field(default_factory=list)
    pending_first: bool = False


@dataclass
class _DivisionB:
    level: Level
    number: int
    label: str
    heading: str
    start: int
    end: int
    children: list = field(default_factory=list)


@dataclass
class _State:
    source: str | None
    title: str | None = None
    stage: str | None = None
    preamble: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    front: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def notice(self, line: int, message: str, text: str = "", severity: str = "warning") -> None:
        self.notices.append(Notice(line=line, message=message, text=text, severity=severity))


# ---------------------------------------------------------------------------
# header


def _header(lines: list[_Line], st: _State) -> int:
    """Consume the Markdown header and the official-layout header; return the body start."""
    n = len(lines)
    i = _skip_blank(lines, 0)
    if i < n and P.MD_COMMENT.match(lines[i].text) and not P.INFO_END.match(lines[i].text):
        st.front.append(lines[i].text)
        i = _skip_blank(lines, i + 1)
    if i < n and P.MD_RULE.match(lines[i].text):
        j = i + 1
        while j < n and j < i + 40 and not P.MD_RULE.match(lines[j].text):
            j += 1
        if j < n and P.MD_RULE.match(lines[j].text):
            st.front.extend(l.text for l in lines[i : j + 1] if l.text)
            i = _skip_blank(lines, j + 1)
    md_title = None
    if i < n:
        m = P.MD_HEADING.match(lines[i].text)
        if m and len(m.group("hashes")) == 1 and not P.DIVISION.match(m.group("text")):
            md_title = m.group("text").strip()
            sfx = P.FILE_DATE_SUFFIX.search(md_title)
            if sfx:
                st.notice(lines[i].number, "file-name date suffix removed from the title", sfx.group("suffix"), "info")
                md_title = md_title[: sfx.start()]
            st.title = md_title
            i += 1
            end = _find_info_end(lines, i)
            if end is not None:
                i = _md_title_remnant(lines, i, end, st)
                for line in lines[i:end]:
                    if not line.text:
                        continue
                    hm = P.MD_HEADING.match(line.text)
                    if P.MD_COMMENT.match(line.text) or (hm and len(hm.group("hashes")) == 1):
                        st.front.append(line.text)
                        if hm:
                            st.notice(line.number, "second title line kept as metadata", "", "info")
                    else:
                        st.preamble.append(line.text)
                st.front.append(lines[end].text)
                i = _skip_duplicate_front(lines, end + 1, st)
    return _official_header(lines, i, st)


def _md_title_remnant(lines: list[_Line], i: int, end: int, st: _State) -> int:
    """Lines before ``<!-- INFO END -->`` that spell the title again, split over lines."""
    target = strip_whitespace(st.title or "")
    acc = ""
    j = i
    while j < end and target:
        t = lines[j].text
        if t:
            acc += strip_whitespace(t)
            if not target.startswith(acc):
                return i
            if acc == target:
                texts = [l.text for l in lines[i : j + 1] if l.text]
                st.notice(lines[i].number, "title repeated before the 题注", "\n".join(texts), "info")
                return j + 1
        j += 1
    return i


def _find_info_end(lines: list[_Line], i: int) -> int | None:
    for j in range(i, len(lines)):
        t = lines[j].text
        if P.INFO_END.match(t):
            return j
        if _article_match(t) or P.DIVISION.match(t) or (t.startswith("##") and P.MD_HEADING.match(t)):
            return None
    return None


def _skip_duplicate_front(lines: list[_Line], i: int, st: _State) -> int:
    """A source that repeats its front matter after ``<!-- INFO END -->`` (seen in PRCLawDataset)."""
    n = len(lines)
    j = _skip_blank(lines, i)
    if j >= n or not (P.MD_FRONT_KEY.match(lines[j].text) or P.MD_RULE.match(lines[j].text)):
        return i
    k = j
    while k < n and k < j + 20:
        t = lines[k].text
        if P.INFO_END.match(t):
            st.front.extend(l.text for l in lines[j : k + 1] if l.text)
            st.notice(lines[j].number, f"duplicated front matter (lines {lines[j].number}-{lines[k].number}) kept as metadata", "", "info")
            return k + 1
        ok = (not t or P.MD_FRONT_KEY.match(t) or P.MD_RULE.match(t) or P.MD_HEADING.match(t)
              or P.DATE_LINE.match(t) or P.BARE_DATE.match(t))
        if not ok:
            return i
        k += 1
    return i


def _official_header(lines: list[_Line], i: int, st: _State) -> int:
    n = len(lines)
    i = _skip_blank(lines, i)
    # 主席令 / 国务院令 / 公告 block: metadata up to the signature date
    if i < n and P.ORDER_BLOCK.match(lines[i].text):
        end = i
        for j in range(i, min(n, i + 12)):
            if P.BARE_DATE.match(lines[j].text):
                end = j
                break
        st.front.extend(l.text for l in lines[i : end + 1] if l.text)
        st.notice(lines[i].number, "promulgation order kept as metadata", "", "info")
        i = _skip_blank(lines, end + 1)
    # title lines
    cand, j = _title_lines(lines, i, first=st.title is None)
    if cand:
        if st.title is None:
            st.title = "".join(l.text for l in cand)
            i = j
        else:
            targets = (strip_whitespace(st.title), strip_whitespace(split_stage(st.title)[0]))
            for k in range(len(cand), 0, -1):
                joined = "".join(l.text for l in cand[:k])
                if strip_whitespace(joined) in targets:
                    st.notice(cand[0].number, "title repeated in the body", joined, "info")
                    i = lines.index(cand[k - 1], i) + 1
                    break
    # 题注
    i = _tizhu(lines, i, st)
    # 目录
    i = _skip_blank(lines, i)
    if i < n and P.TOC.match(_md_text(lines[i].text)):
        i = _skip_toc(lines, i, st)
    return i


def _md_text(text: str) -> str:
    m = P.MD_HEADING.match(text)
    return m.group("text") if m else text


def _title_lines(lines: list[_Line], i: int, *, first: bool = True) -> tuple[list[_Line], int]:
    """The lines that make the title.

    The first line is the title unless it starts a unit or 题注 or is a
    sentence; up to three more short lines continue it while it does not yet
    end like a title (法, 条例, 决定…). A line ``（草案）`` is a stage and
    belongs to it. With ``first=False`` (the title is already known from
    Markdown) the first line must be short as well.
    """
    n = len(lines)
    cand: list[_Line] = []
    j = i
    after = i
    while j < n and len(cand) < 4:
        t = lines[j].text
        if not t:
            j += 1
            continue
        sm = P.STAGE_SUFFIX.match(t)
        if sm is not None and sm.start() == 0:
            if not cand:
                break
        else:
            if cand and P.TITLE_END.search("".join(l.text for l in cand)):
                break
            if _is_marker(t) or P.TIZHU_START.match(t) or P.DATE_LINE.match(t) or P.MD_RULE.match(t):
                break
            if P.ORDER_BLOCK.match(t) or P.DOC_NUMBER.search(t):
                break
            if cand or not first:
                if len(t) > 60 or (P.TERMINAL.search(t) and not P.TITLE_END.search(t)) or any(c.isdigit() for c in t):
                    break
            elif len(t) > 150 or t.endswith(("。", "；", "：", ":", ";")) or "。" in t:
                break
        cand.append(lines[j])
        j += 1
        after = j
    return cand, after


def _tizhu_line(text: str) -> bool:
    """A line that starts a 题注 event: ``（2021年…`` or ``2021年5月28日 …`` (not a sentence ending in 。)."""
    return bool(P.TIZHU_START.match(text) or (P.DATE_LINE.match(text) and not text.endswith("。")))


def _tizhu(lines: list[_Line], i: int, st: _State) -> int:
    n = len(lines)
    j = _skip_blank(lines, i)
    if j >= n or not _tizhu_line(lines[j].text):
        return i
    depth = 0
    opened = False
    while j < n:
        t = lines[j].text
        if not t:
            k = _skip_blank(lines, j)
            if depth <= 0 and k < n and _tizhu_line(lines[k].text):
                j = k
                continue
            if depth > 0 and k < n and not _is_marker(lines[k].text):
                j = k  # a 题注 in （…） split by blank lines
                continue
            break
        if depth <= 0 and st.preamble and not _tizhu_line(t):
            prev = lines[j - 1].text if j else ""
            if (not prev or _is_marker(t) or t.endswith(("：", ":")) or P.MD_COMMENT.match(t)
                    or P.MD_RULE.match(t) or opened):
                break
        if depth <= 0 and (P.TIZHU_START.match(t)):
            opened = True
        elif depth <= 0:
            opened = False
        depth += t.count("（") + t.count("(") - t.count("）") - t.count(")")
        if depth < 0:
            depth = 0
        st.preamble.append(t)
        j += 1
        if depth <= 0 and opened:
            # a （…） block closed: continue only with another 题注 line
            k = _skip_blank(lines, j)
            if k < n and _tizhu_line(lines[k].text):
                j = k
                continue
            break
    return j


def _skip_toc(lines: list[_Line], i: int, st: _State) -> int:
    n = len(lines)
    entries = [lines[i]]
    first_key = None
    j = i + 1
    while j < n:
        t = lines[j].text
        if not t:
            j += 1
            continue
        if _article_match(t):
            break
        key = strip_whitespace(_md_text(t))
        if first_key is not None and key == first_key:
            break
        if first_key is None:
            first_key = key
        entries.append(lines[j])
        j += 1
    st.notice(lines[i].number, f"目录 skipped (lines {lines[i].number}-{entries[-1].end})",
              "\n".join(l.text for l in entries), "info")
    return j


# ---------------------------------------------------------------------------
# body preprocessing


def _drop_furniture(lines: list[_Line], st: _State) -> list[_Line]:
    out = []
    for line in lines:
        if line.text and P.PAGE_FURNITURE.match(line.text):
            st.notice(line.number, "page furniture dropped", line.text, "info")
            continue
        out.append(line)
    return out


def _join_wraps(lines: list[_Line], st: _State) -> list[_Line]:
    """Join hard-wrapped lines (PDF or OCR text), only when the layout clearly is wrapped.

    The layout is wrapped when at least a quarter of the lines (and at least
    three) have the same width ``W`` (±1), ``W`` <= 80. Then a line of width
    ``W-2..W+1`` that does not end a sentence (``。；：？！”）``) is joined to
    the next non-blank line unless that one starts a marker (条, 章, 项, …).
    Blank lines between the two do not matter (some sources put one after
    every physical line).
    """
    texts = [l.text for l in lines if l.text]
    lengths = [len(t) for t in texts if len(t) >= 10]
    if len(texts) < 6 or not lengths:
        return lines
    counts = collections.Counter(lengths)
    width = max(counts, key=lambda w: (counts[w] + counts.get(w - 1, 0), w))
    full = counts[width] + counts.get(width - 1, 0)
    if width > 80 or full < 0.25 * len(texts) or full < 3:
        return lines
    out: list[_Line] = []
    joined = 0
    last_len = 0  # width of the last physical line of out[-1]
    for line in lines:
        if not line.text:
            continue
        prev = out[-1] if out else None
        if (prev is not None and width - 2 <= last_len <= width + 1 and not P.TERMINAL.search(prev.text)
                and not _is_marker(line.text) and not P.DIVISION.match(prev.text)
                and not P.MD_HEADING.match(prev.text)):
            a, b = prev.text[-1:], line.text[:1]
            glue = " " if a.isascii() and a.isalnum() and b.isascii() and b.isalnum() else ""
            out[-1] = _Line(prev.text + glue + line.text, prev.number, line.end)
            joined += 1
        else:
            out.append(line)
        last_len = len(line.text)
    if joined:
        st.notice(lines[0].number, f"joined {joined} hard-wrapped lines (fixed-width layout)", "", "info")
    return out


def _units_mode(lines: list[_Line]) -> str | None:
    has_item = False
    for line in lines:
        t = _md_text(line.text)
        if _article_match(t):
            return "article"
        if not has_item:
            m = P.DECISION_ITEM.match(t)
            if m and _num(m.group("num")) == 1:
                has_item = True
    return "item" if has_item else None


@lru_cache(maxsize=4096)
def _num(text: str) -> int:
    try:
        return cn_to_int(text.replace(" ", "").replace("\u3000", ""))
    except ValueError:
        return -1


# ---------------------------------------------------------------------------
# body


class _Body:
    def __init__(self, st: _State, mode: str | None) -> None:
        self.st = st
        self.mode = mode
        self.top: list = []
        self.stack: list[_DivisionB] = []
        self.art: _ArticleB | None = None
        self.clause: _ClauseB | None = None
        self.item: _ItemB | None = None
        self.orphan = False
        self.started = False
        self.preface = False
        self.last_key: tuple[int, int] | None = None
        self.unnumbered = 0
        self.units = 0

    # -- structure helpers
    def _attach(self, node) -> None:
        (self.stack[-1].children if self.stack else self.top).append(node)

    def _close_article(self) -> None:
        self.art = None
        self.clause = None
        self.item = None

    def division(self, line: _Line, level: Level, number: int, label: str, heading: str) -> None:
        self._close_article()
        while self.stack and _RANK[self.stack[-1].level] >= _RANK[level]:
            self.stack.pop()
        div = _DivisionB(level, number, label, heading, line.number, line.end)
        self._attach(div)
        self.stack.append(div)
        self.started = True
        self.orphan = False

    def article(self, line: _Line, number: int, suffix: int, label: str, rest: str, kind: str) -> None:
        self._close_article()
        heading = heading_raw = None
        if kind == "article":
            hm = P.ARTICLE_HEADING.match(rest)
            if hm:
                heading, heading_raw, rest = hm.group("heading"), hm.group("raw"), hm.group("rest")
        art = _ArticleB(number, suffix, label, kind, heading, heading_raw, line.number, line.end)
        if rest:
            art.clauses.append(_ClauseB(rest, line.number, line.end))
        else:
            art.pending_first = True
        self._attach(art)
        self.art = art
        self.clause = art.clauses[-1] if art.clauses else None
        self.item = None
        self.started = True
        self.orphan = False
        self.last_key = (number, suffix)
        self.units += 1

    def _ensure_clause(self, line: _Line) -> _ClauseB:
        assert self.art is not None
        if self.clause is None:
            self.clause = _ClauseB("", line.number, line.end)
            self.art.clauses.append(self.clause)
            self.art.pending_first = False
        return self.clause

    def add_item(self, line: _Line, number: int, label: str, rest: str) -> None:
        clause = self._ensure_clause(line)
        self.item = _ItemB(number, label, rest, line.number, line.end)
        clause.items.append(self.item)
        clause.end = line.end
        self._touch(line)

    def add_subitem(self, line: _Line, number: int, label: str, rest: str) -> None:
        if self.item is not None and P.ITEM.match(self.item.label):
            sub = _ItemB(number, label, rest, line.number, line.end)
            self.item.subitems.append(sub)
            self.item.end = line.end
            assert self.clause is not None
            self.clause.end = line.end
            self._touch(line)
        else:
            clause = self._ensure_clause(line)
            self.item = _ItemB(number, label, rest, line.number, line.end)
            clause.items.append(self.item)
            clause.end = line.end
            self._touch(line)

    def paragraph(self, line: _Line, text: str) -> None:
        assert self.art is not None
        if self.art.pending_first:
            self.art.pending_first = False
            self.clause = _ClauseB(text, line.number, line.end)
            self.art.clauses.append(self.clause)
        else:
            self.clause = _ClauseB(text, line.number, line.end)
            self.art.clauses.append(self.clause)
        self.item = None
        self._touch(line)

    def _touch(self, line: _Line) -> None:
        assert self.art is not None
        end = line.end
        if end > self.art.end:
            self.art.end = end
        for div in self.stack:
            if end > div.end:
                div.end = end

    # -- the line dispatcher
    def feed(self, line: _Line) -> None:
        raw = line.text
        if not raw:
            return
        st = self.st
        md = P.MD_HEADING.match(raw) if raw[0] == "#" else None
        text = md.group("text").strip() if md else raw
        if raw[0] == "<" and P.MD_COMMENT.match(raw):
            st.notice(line.number, "markdown comment skipped", raw, "info")
            return
        if md and not text:
            st.notice(line.number, "empty heading skipped", raw.replace("#", "").strip(), "info")
            return
        # every pattern below is anchored at a fixed first character: test that first (a speed-up)
        first = text[0]
        dm = P.DIVISION.match(text) if first == "第" else None
        if dm:
            level = _LEVELS[dm.group("level")]
            number = _num(dm.group("num"))
            label = strip_whitespace(text[: dm.start("sep")])
            self.division(line, level, number, label, dm.group("heading").strip())
            return
        if first == "附" and P.UNNUMBERED_DIVISION.match(text) and (self.units or md):
            level = self.stack[0].level if self.stack else Level.CHAPTER
            if self.stack and self.stack[0].level == Level.BOOK:
                level = Level.BOOK
            self.unnumbered += 1
            self.division(line, level, 0, "", text)
            return
        if first in "序前" and P.PREFACE.match(text) and not self.started:
            st.intro.append(text)
            self.preface = True
            return
        if md and self.mode == "item":
            im = P.DECISION_ITEM.match(text)
            if im and _num(im.group("num")) == ((self.last_key[0] + 1) if self.last_key else 1):
                self.article(line, _num(im.group("num")), 0, im.group("label"), im.group("rest").strip(), "item")
                return
        if (not md and self.stack and not self.stack[-1].children and self.art is None
                and self._heading_continuation(line, text)):
            return
        if md:
            st.notice(line.number, "unrecognised heading", text)
            self._close_article()
            self.orphan = True
            return
        if first == "目" and P.TOC.match(text) and not self.started:
            st.notice(line.number, "目录 skipped", text, "info")
            return
        if self.mode == "article":
            am = _article_match(text) if first == "第" else None
            if am and self._accept_article(am):
                number, suffix = _num(am.group("num")), (_num(am.group("sub")) if am.group("sub") else 0)
                label = strip_whitespace(text[: am.start("sep")])
                self.article(line, number, suffix, label, am.group("rest").strip(), "article")
                return
        elif self.mode == "item":
            im = P.DECISION_ITEM.match(text)
            if im:
                number = _num(im.group("num"))
                expected = (self.last_key[0] + 1) if self.last_key else 1
                if number == expected:
                    self.article(line, number, 0, im.group("label"), im.group("rest").strip(), "item")
                    return
        if self.art is not None and not self.orphan:
            im = P.ITEM.match(text) if first in "（(" else None
            if im:
                self.add_item(line, _num(im.group("num")), im.group("label"), im.group("rest").strip())
                return
            sm = P.SUBITEM.match(text)
            if sm:
                self.add_subitem(line, _num(sm.group("num")), sm.group("label"), sm.group("rest").strip())
                return
            self.paragraph(line, text)
            return
        if not self.started:
            st.intro.append(text)
            if not self.preface and self.mode == "article":
                st.notice(line.number, "text before the first article kept in intro", "", "info")
            return
        st.notice(line.number, f"unrecognised line {line.number}", text)

    def _heading_continuation(self, line: _Line, text: str) -> bool:
        """A division heading wrapped onto the next line (``第五章 人民代表大会及其常务委员会`` / ``信访事项的受理和办理``)."""
        div = self.stack[-1]
        if (len(text) > 20 or P.TERMINAL.search(text) or _is_marker(text) or not div.heading
                or line.number > div.end + 2 or len(div.heading) + len(text) > 40):
            return False
        div.heading += text
        div.end = line.end
        self.st.notice(line.number, "division heading continued on the next line", "", "info")
        return True

    def _accept_article(self, m) -> bool:
        """A label glued to its text (第一条为了) is accepted only as the expected next number."""
        if m.group("sep"):
            return True
        number = _num(m.group("num"))
        suffix = _num(m.group("sub")) if m.group("sub") else 0
        if self.last_key is None:
            return number == 1 or suffix == 0
        last_n, last_s = self.last_key
        return (number == last_n + 1 and suffix == 0) or (number == last_n and suffix == last_s + 1)


# ---------------------------------------------------------------------------
# freezing


class _Ids:
    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def unique(self, eid: str) -> str:
        count = self.seen.get(eid, 0) + 1
        self.seen[eid] = count
        return eid if count == 1 else f"{eid}_dup{count}"


def _join(prefix: str, part: str) -> str:
    return f"{prefix}__{part}" if prefix else part


def _freeze_item(b: _ItemB, prefix: str, level: Level, ids: _Ids) -> Item:
    eid = ids.unique(_join(prefix, f"{level.eid_prefix}_{b.number}"))
    end = b.end
    subs: tuple[Item, ...] = ()
    if b.subitems:
        subs = tuple(_freeze_item(s, eid, Level.SUBITEM, ids) for s in b.subitems)
        end = max([end] + [s.span.end for s in subs if s.span])
    return Item(number=b.number, label=b.label, text=b.text, subitems=subs, span=Span(b.start, end), eid=eid)


def _freeze_article(b: _ArticleB, prefix: str, path: tuple[str, ...], ids: _Ids) -> Article:
    num = f"art_{b.number}" + (f"_{b.suffix}" if b.suffix else "")
    eid = ids.unique(_join(prefix, num))
    clauses = []
    art_end = b.end
    for idx, c in enumerate(b.clauses or [_ClauseB("", b.start, b.end)], 1):
        ceid = ids.unique(f"{eid}__para_{idx}")
        end = c.end
        items: tuple[Item, ...] = ()
        if c.items:
            items = tuple(_freeze_item(it, ceid, Level.ITEM, ids) for it in c.items)
            end = max([end] + [i.span.end for i in items if i.span])
        clauses.append(Clause(index=idx, text=c.text, items=items, span=Span(c.start, end), eid=ceid))
        art_end = max(art_end, end)
    return Article(
        number=b.number, label=b.label, clauses=tuple(clauses), suffix=b.suffix, heading=b.heading,
        heading_raw=b.heading_raw, kind=b.kind, span=Span(b.start, art_end), eid=eid, path=path,
    )


def _freeze(nodes: list, prefix: str, path: tuple[str, ...], ids: _Ids, unnumbered: list[int]) -> tuple[Node, ...]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, _ArticleB):
            out.append(_freeze_article(node, prefix, path, ids))
            continue
        if node.label:
            part = f"{node.level.eid_prefix}_{node.number}"
        else:
            unnumbered[0] += 1
            part = f"{node.level.eid_prefix}_u{unnumbered[0]}"
        eid = ids.unique(_join(prefix, part))
        label = node.label or strip_whitespace(node.heading)
        children = _freeze(node.children, eid, path + (label,), ids, unnumbered)
        end = node.end
        for child in children:
            if child.span:
                end = max(end, child.span.end)
        out.append(Division(level=node.level, number=node.number, label=node.label, heading=node.heading,
                            children=children, span=Span(node.start, end), eid=eid))
    return tuple(out)


# ---------------------------------------------------------------------------
# entry point


def parse_lines(lines: Iterable[SourceLine], *, source: str | None = None) -> Document:
    """Parse reader output into a :class:`~lawdiff.model.Document` (see the module docstring).

    ``source`` names the input in notices and errors. Raises
    :class:`~lawdiff.errors.ParseError` when no unit is found.
    """
    with gc_paused():  # a tree of new objects, no cycles: the collector's passes would be wasted
        return _parse_lines(lines, source)


def _parse_lines(lines: Iterable[SourceLine], source: str | None) -> Document:
    cleaned = [_clean(l) for l in lines]
    st = _State(source)
    start = _header(cleaned, st)
    body_lines = _join_wraps(_drop_furniture(cleaned[start:], st), st)
    title = st.title or ""
    title, stage = split_stage(title)
    kind = guess_kind(title, stage)
    mode = _units_mode(body_lines)
    body = _Body(st, mode)
    for line in body_lines:
        body.feed(line)
    if body.units == 0:
        _single_instruction_decision(body, st, kind, body_lines)
    if body.units == 0:
        raise ParseError("no articles or numbered items found", source=source or "<text>")
    ids = _Ids()
    nodes = _freeze(body.top, "", (), ids, [0])
    return Document(
        title=title,
        body=nodes,
        preamble=tuple(st.preamble),
        intro=tuple(st.intro),
        kind=kind,
        source=source,
        stage=stage,
        notices=tuple(st.notices),
        front=tuple(st.front),
    )


def _single_instruction_decision(body: _Body, st: _State, kind: str, lines: list[_Line]) -> None:
    """A decision without numbered items (国务院关于修改《…》的决定 with one instruction).

    The paragraphs after the opening sentence (``…作如下修改：``) form one
    unnumbered unit: ``number=1``, ``label=""``, ``kind="item"``.
    """
    if kind not in ("decision", "amendment", "draft") or not st.intro or body.top:
        return
    opening = None
    for idx, text in enumerate(st.intro):
        if P.DECISION_OPENING.search(text):
            opening = idx
    if opening is None or opening == len(st.intro) - 1:
        return
    rest = st.intro[opening + 1 :]
    del st.intro[opening + 1 :]
    by_text = [l for l in lines if l.text]
    # find the source lines of the moved paragraphs (in order)
    spans: list[_Line] = []
    pos = 0
    for text in rest:
        while pos < len(by_text) and _md_text(by_text[pos].text).strip() != text:
            pos += 1
        spans.append(by_text[pos] if pos < len(by_text) else _Line(text, 0, 0))
        pos += 1
    first = spans[0]
    body.article(first, 1, 0, "", rest[0], "item")
    for line, text in zip(spans[1:], rest[1:]):
        body.paragraph(line, text)
    st.notice(first.number, "decision without numbered items: its instructions form one unnumbered unit", "", "info")
