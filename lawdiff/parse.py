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
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Callable, Iterable

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

# A pattern anchored at the start of a line is run only on a line whose first character can start a match
# (patterns.FIRST): a set lookup is cheaper than a failing regex call, and a pattern that no line can match
# is never compiled. ``text[:1]`` is "" for an empty line, which is in no set.
_FIRST = P.FIRST
_ARTICLE_FIRST = _FIRST["ARTICLE"]
_DIVISION_FIRST = _FIRST["DIVISION"]
_HEADING_FIRST = _FIRST["ARTICLE_HEADING"]
_ITEM_FIRST = _FIRST["ITEM"]
_SUBITEM_FIRST = _FIRST["SUBITEM"]
_DECISION_FIRST = _FIRST["DECISION_ITEM"]
_MD_HEADING_FIRST = _FIRST["MD_HEADING"]
_MD_COMMENT_FIRST = _FIRST["MD_COMMENT"]
# every first character with which _Body.feed tries a pattern (any other line is text), and those with which
# it tries only ITEM
_FED = ("MD_HEADING", "MD_COMMENT", "DIVISION", "UNNUMBERED_DIVISION", "PREFACE", "DECISION_ITEM", "TOC", "ARTICLE",
        "ITEM", "SUBITEM")
_STARTS = frozenset().union(*(_FIRST[name] for name in _FED))
_ITEM_ONLY = _FIRST["ITEM"].difference(*(_FIRST[name] for name in _FED if name != "ITEM"))


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
    from .io.text import _line_texts

    # parse_lines(split_lines(text)) without building a SourceLine per line (line i is texts[i - 1])
    texts = _line_texts(text)
    return _parse_texts(texts, range(1, len(texts) + 1), source)


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


# The parser's own classes are plain classes with __slots__ rather than dataclasses: creating the six
# dataclasses took 2.5 ms at import, and a slotted object is quicker to create and to read.


class _Line:
    """A line as the parser sees it; ``end`` is the last source line when wrapped lines were joined."""

    __slots__ = ("text", "number", "end")

    def __init__(self, text: str, number: int, end: int) -> None:
        self.text = text  # cleaned: zero-width characters removed, outer whitespace stripped
        self.number = number
        self.end = end


# zero-width characters and NUL, removed from every line
_INVISIBLE = "".join(sorted(ZERO_WIDTH)) + "\x00"
_DELETE_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))  # a str.translate table


def _clean(texts: list[str], numbers: Iterable[int]) -> list[_Line]:
    """The lines as :class:`_Line` values: invisible characters removed, outer whitespace stripped."""
    whole = "".join(texts)
    # one scan of the whole text for each invisible character instead of a regex search per line
    if any(ch in whole for ch in _INVISIBLE):
        texts = [t.translate(_DELETE_INVISIBLE) for t in texts]
    return list(map(_Line, map(str.strip, texts), numbers, numbers))


def _skip_blank(lines: list[_Line], i: int) -> int:
    while i < len(lines) and not lines[i].text:
        i += 1
    return i


def _article_match(text: str) -> re.Match[str] | None:
    m = P.ARTICLE.match(text) if text[:1] in _ARTICLE_FIRST else None
    if m is not None and not m.group("sep") and m.group("rest").startswith(_INSTRUCTION):
        return None  # 第五条修改为… is an instruction, not an article
    return m


def _starts(name: str, text: str) -> re.Match[str] | None:
    """``patterns.<name>.match(text)``, run only when the first character of ``text`` can start a match."""
    return getattr(P, name).match(text) if text[:1] in _FIRST[name] else None


def _is_marker(text: str) -> bool:
    """Does the line start a unit, division, item or heading?"""
    if _article_match(text):
        return True
    return any(_starts(name, text) for name in _MARKERS)


_MARKERS = ("MD_HEADING", "DIVISION", "ITEM", "SUBITEM", "DECISION_ITEM", "TOC", "PREFACE", "UNNUMBERED_DIVISION",
            "MD_COMMENT")


# ---------------------------------------------------------------------------
# builders


class _ItemB:
    __slots__ = ("number", "label", "text", "start", "end", "subitems")

    def __init__(self, number: int, label: str, text: str, start: int, end: int) -> None:
        self.number = number
        self.label = label
        self.text = text
        self.start = start
        self.end = end
        self.subitems: list[_ItemB] = []


class _ClauseB:
    __slots__ = ("text", "start", "end", "items")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.items: list[_ItemB] = []


class _ArticleB:
    __slots__ = ("number", "suffix", "label", "kind", "heading", "heading_raw", "start", "end", "clauses",
                 "pending_first")

    def __init__(self, number: int, suffix: int, label: str, kind: str, heading: str | None,
                 heading_raw: str | None, start: int, end: int) -> None:
        self.number = number
        self.suffix = suffix
        self.label = label
        self.kind = kind
        self.heading = heading
        self.heading_raw = heading_raw
        self.start = start
        self.end = end
        self.clauses: list[_ClauseB] = []
        self.pending_first = False


class _DivisionB:
    __slots__ = ("level", "rank", "number", "label", "heading", "start", "end", "children")

    def __init__(self, level: Level, rank: int, number: int, label: str, heading: str, start: int, end: int) -> None:
        self.level = level
        self.rank = rank  # _RANK[level]
        self.number = number
        self.label = label
        self.heading = heading
        self.start = start
        self.end = end
        self.children: list[_ArticleB | _DivisionB] = []


class _State:
    __slots__ = ("source", "title", "stage", "preamble", "intro", "front", "notices")

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.title: str | None = None
        self.stage: str | None = None
        self.preamble: list[str] = []
        self.intro: list[str] = []
        self.front: list[str] = []
        self.notices: list[Notice] = []

    def notice(self, line: int, message: str, text: str = "", severity: str = "warning") -> None:
        self.notices.append(Notice(line=line, message=message, text=text, severity=severity))


# ---------------------------------------------------------------------------
# header


def _header(lines: list[_Line], st: _State) -> int:
    """Consume the Markdown header and the official-layout header; return the body start."""
    n = len(lines)
    i = _skip_blank(lines, 0)
    if i < n and _starts("MD_COMMENT", lines[i].text) and not _starts("INFO_END", lines[i].text):
        st.front.append(lines[i].text)
        i = _skip_blank(lines, i + 1)
    if i < n and _starts("MD_RULE", lines[i].text):
        j = i + 1
        while j < n and j < i + 40 and not _starts("MD_RULE", lines[j].text):
            j += 1
        if j < n and _starts("MD_RULE", lines[j].text):
            st.front.extend(l.text for l in lines[i : j + 1] if l.text)
            i = _skip_blank(lines, j + 1)
    md_title = None
    if i < n:
        m = _starts("MD_HEADING", lines[i].text)
        if m and len(m.group("hashes")) == 1 and not _starts("DIVISION", m.group("text")):
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
                    hm = _starts("MD_HEADING", line.text)
                    if _starts("MD_COMMENT", line.text) or (hm and len(hm.group("hashes")) == 1):
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
        if _starts("INFO_END", t):
            return j
        if _article_match(t) or _starts("DIVISION", t) or (t.startswith("##") and _starts("MD_HEADING", t)):
            return None
    return None


def _skip_duplicate_front(lines: list[_Line], i: int, st: _State) -> int:
    """A source that repeats its front matter after ``<!-- INFO END -->`` (seen in PRCLawDataset)."""
    n = len(lines)
    j = _skip_blank(lines, i)
    if j >= n or not (_starts("MD_FRONT_KEY", lines[j].text) or _starts("MD_RULE", lines[j].text)):
        return i
    k = j
    while k < n and k < j + 20:
        t = lines[k].text
        if _starts("INFO_END", t):
            st.front.extend(l.text for l in lines[j : k + 1] if l.text)
            st.notice(lines[j].number, f"duplicated front matter (lines {lines[j].number}-{lines[k].number}) kept as metadata", "", "info")
            return k + 1
        ok = (not t or _starts("MD_FRONT_KEY", t) or _starts("MD_RULE", t) or _starts("MD_HEADING", t)
              or _starts("DATE_LINE", t) or _starts("BARE_DATE", t))
        if not ok:
            return i
        k += 1
    return i


def _official_header(lines: list[_Line], i: int, st: _State) -> int:
    n = len(lines)
    i = _skip_blank(lines, i)
    # 主席令 / 国务院令 / 公告 block: metadata up to the signature date
    if i < n and "号" in lines[i].text and P.ORDER_BLOCK.match(lines[i].text):  # (ORDER_BLOCK needs a 号)
        end = i
        for j in range(i, min(n, i + 12)):
            if _starts("BARE_DATE", lines[j].text):
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
    if i < n and _starts("TOC", _md_text(lines[i].text)):
        i = _skip_toc(lines, i, st)
    return i


def _md_text(text: str) -> str:
    m = _starts("MD_HEADING", text)
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
            # each test ends the title; the cheaper ones come first, so that a title followed by a marker (the
            # usual case) is decided without compiling TITLE_END, and ORDER_BLOCK and DOC_NUMBER, which both
            # need a 号, are compiled only for a line that has one (together 1 ms)
            if _is_marker(t) or _starts("TIZHU_START", t) or _starts("DATE_LINE", t) or _starts("MD_RULE", t):
                break
            if cand and P.TITLE_END.search("".join(l.text for l in cand)):
                break
            if "号" in t and (P.ORDER_BLOCK.match(t) or P.DOC_NUMBER.search(t)):
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
    return bool(_starts("TIZHU_START", text) or (_starts("DATE_LINE", text) and not text.endswith("。")))


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
            if (not prev or _is_marker(t) or t.endswith(("：", ":")) or _starts("MD_COMMENT", t)
                    or _starts("MD_RULE", t) or opened):
                break
        if depth <= 0 and (_starts("TIZHU_START", t)):
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


def _may_be_furniture(text: str) -> bool:
    """Can the line be a page number or header (``— 3 —``, ``第3页``)? Decided by its first two characters.

    Only then does PAGE_FURNITURE run: a line starting with 第 is furniture only when a blank or a digit
    follows (an article or heading label never is), and a text without page numbers never compiles the
    pattern (0.5 ms).
    """
    first = text[:1]
    return first in _FURNITURE_FIRST and (first != "第" or text[1:2] in P.FURNITURE_AFTER_DI)


_FURNITURE_FIRST = _FIRST["PAGE_FURNITURE"]
_TEXT = attrgetter("text")
_FIRST_TWO = itemgetter(slice(None, 2))


def _drop_furniture(lines: list[_Line], st: _State) -> list[_Line]:
    # each distinct start of a line (collected in C) is tested once, not every line: 0.6 ms less on the Civil Code pair
    if not any(map(_may_be_furniture, set(map(_FIRST_TWO, map(_TEXT, lines))))):
        return lines  # the common case
    out = []
    for line in lines:
        if _may_be_furniture(line.text) and P.PAGE_FURNITURE.match(line.text):
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
    texts = list(filter(None, map(_TEXT, lines)))  # the non-blank texts, collected in C
    lengths = [n for n in map(len, texts) if n >= 10]
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
                and not _is_marker(line.text) and not _starts("DIVISION", prev.text)
                and not _starts("MD_HEADING", prev.text)):
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
        if not has_item and t[:1] in _DECISION_FIRST:
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
    __slots__ = ("st", "mode", "top", "stack", "art", "clause", "item", "orphan", "started", "preface", "last_key",
                 "unnumbered", "units")

    def __init__(self, st: _State, mode: str | None) -> None:
        self.st = st
        self.mode = mode
        self.top: list[_ArticleB | _DivisionB] = []
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
    def _attach(self, node: _ArticleB | _DivisionB) -> None:
        (self.stack[-1].children if self.stack else self.top).append(node)

    def _close_article(self) -> None:
        self.art = None
        self.clause = None
        self.item = None

    def division(self, line: _Line, level: Level, number: int, label: str, heading: str) -> None:
        self._close_article()
        rank = _RANK[level]  # (a Level hashes in Python: looked up once, kept on the division)
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        div = _DivisionB(level, rank, number, label, heading, line.number, line.end)
        self._attach(div)
        self.stack.append(div)
        self.started = True
        self.orphan = False

    def article(self, line: _Line, number: int, suffix: int, label: str, rest: str, kind: str) -> None:
        heading = heading_raw = None
        if kind == "article" and rest[:1] in _HEADING_FIRST:
            hm = P.ARTICLE_HEADING.match(rest)
            if hm:
                heading, heading_raw, rest = hm.group("heading", "raw", "rest")
        art = _ArticleB(number, suffix, label, kind, heading, heading_raw, line.number, line.end)
        clause = None
        if rest:
            clause = _ClauseB(rest, line.number, line.end)
            art.clauses.append(clause)
        else:
            art.pending_first = True
        self._attach(art)
        self.art = art
        self.clause = clause
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
        item = self.item
        if item is not None and item.label[:1] in _ITEM_FIRST and P.ITEM.match(item.label):
            item.subitems.append(_ItemB(number, label, rest, line.number, line.end))
            item.end = line.end
            assert self.clause is not None
            self.clause.end = line.end
        else:
            clause = self._ensure_clause(line)
            self.item = _ItemB(number, label, rest, line.number, line.end)
            clause.items.append(self.item)
            clause.end = line.end
        self._touch(line)

    def paragraph(self, line: _Line, text: str) -> None:
        art = self.art
        assert art is not None
        art.pending_first = False  # a first paragraph after a bare label is the article's first 款
        self.clause = clause = _ClauseB(text, line.number, line.end)
        art.clauses.append(clause)
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
        """Place one line: a division, a unit, an item, a paragraph, intro text, or a notice.

        Most lines are a paragraph, an article label or an item. They take a short way when it settles
        them, with the result the full order of tests (:meth:`_feed`) gives, which every other line takes:
        the parse loop takes a fifth less time (2 ms on the Civil Code pair).
        """
        raw = line.text
        if not raw:
            return
        first = raw[0]
        if first not in _STARTS:
            # no pattern can match a line starting with this character: in an open article it is the next 款
            if self.art is not None and not self.orphan:
                self.paragraph(line, raw)
                return
        elif first in _ARTICLE_FIRST and self.mode == "article":
            # an article label: no test that _feed runs before its article test applies to such a line
            # (DIVISION never matches what ARTICLE matches, as 条 is not 编/章/节; _heading_continuation
            # refuses a marker)
            am = _article_match(raw)
            if am is not None and self._article(line, raw, am):
                return
        elif first in _ITEM_ONLY and self.art is not None and not self.orphan:
            # only ITEM can match such a line, and _feed tries nothing else first in an open article
            im = P.ITEM.match(raw)
            if im is not None:
                self._item(line, im)
                return
        self._feed(line, raw)

    def _feed(self, line: _Line, raw: str) -> None:
        st = self.st
        md = P.MD_HEADING.match(raw) if raw[0] in _MD_HEADING_FIRST else None
        text = md.group("text").strip() if md else raw
        if raw[0] in _MD_COMMENT_FIRST and P.MD_COMMENT.match(raw):
            st.notice(line.number, "markdown comment skipped", raw, "info")
            return
        if md and not text:
            st.notice(line.number, "empty heading skipped", raw.replace("#", "").strip(), "info")
            return
        # each pattern below is tried only on a line whose first character can start it (see _FIRST)
        first = text[0]
        dm = P.DIVISION.match(text) if first in _DIVISION_FIRST else None
        if dm:
            label, num, level_name, _sep, heading = dm.groups()  # all the groups of DIVISION, in order
            self.division(line, _LEVELS[level_name], _num(num), _squeeze(label), heading.strip())
            return
        if first in _FIRST["UNNUMBERED_DIVISION"] and P.UNNUMBERED_DIVISION.match(text) and (self.units or md):
            level = self.stack[0].level if self.stack else Level.CHAPTER
            if self.stack and self.stack[0].level == Level.BOOK:
                level = Level.BOOK
            self.unnumbered += 1
            self.division(line, level, 0, "", text)
            return
        if first in _FIRST["PREFACE"] and P.PREFACE.match(text) and not self.started:
            st.intro.append(text)
            self.preface = True
            return
        if md and self.mode == "item" and first in _DECISION_FIRST:
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
        if first in _FIRST["TOC"] and P.TOC.match(text) and not self.started:
            st.notice(line.number, "目录 skipped", text, "info")
            return
        if self.mode == "article":
            am = _article_match(text)
            if am is not None and self._article(line, text, am):
                return
        elif self.mode == "item" and first in _DECISION_FIRST:
            im = P.DECISION_ITEM.match(text)
            if im:
                number = _num(im.group("num"))
                expected = (self.last_key[0] + 1) if self.last_key else 1
                if number == expected:
                    self.article(line, number, 0, im.group("label"), im.group("rest").strip(), "item")
                    return
        if self.art is not None and not self.orphan:
            im = P.ITEM.match(text) if first in _ITEM_FIRST else None
            if im:
                self._item(line, im)
                return
            sm = P.SUBITEM.match(text) if first in _SUBITEM_FIRST else None
            if sm:
                label, num, rest = sm.groups()  # all the groups of SUBITEM, in order
                self.add_subitem(line, _num(num), label, rest.strip())
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
        # the cheap tests first (all are pure, only the order changed): the next article, the usual line
        # here, is then decided without compiling TERMINAL (0.3 ms)
        if (len(text) > 20 or not div.heading or line.number > div.end + 2 or len(div.heading) + len(text) > 40
                or _is_marker(text) or P.TERMINAL.search(text)):
            return False
        div.heading += text
        div.end = line.end
        self.st.notice(line.number, "division heading continued on the next line", "", "info")
        return True

    def _item(self, line: _Line, im: re.Match[str]) -> None:
        label, num, rest = im.groups()  # all the groups of ITEM, in order
        self.add_item(line, _num(num), label, rest.strip())

    def _article(self, line: _Line, text: str, am: re.Match[str]) -> bool:
        """Start the article whose label ``am`` matched, unless a label glued to its text (第一条为了) is not
        the expected next number; True when it started."""
        label, num, sub, sep, rest = am.groups()  # all the groups of ARTICLE, in order
        number, suffix = _num(num), (_num(sub) if sub else 0)
        if not sep:
            if self.last_key is None:
                accept = number == 1 or suffix == 0
            else:
                last_n, last_s = self.last_key
                accept = (number == last_n + 1 and suffix == 0) or (number == last_n and suffix == last_s + 1)
            if not accept:
                return False
        self.article(line, number, suffix, _squeeze(label), rest.strip(), "article")
        return True


def _squeeze(label: str) -> str:
    """A label without the blanks the patterns allow in it (``第 一 条`` -> ``第一条``); the same as
    :func:`~lawdiff.normalize.strip_whitespace` there, as U+0020 and U+3000 are the only ones allowed, at a
    third of its cost (it runs a regex) for the 2,500 labels of the Civil Code pair."""
    return label.replace(" ", "").replace("\u3000", "")


# ---------------------------------------------------------------------------
# freezing


class _Ids:
    """The eIds given so far; a repeated eId gets ``_dupN``."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def unique(self, eid: str) -> str:
        count = self.seen.get(eid, 0) + 1
        self.seen[eid] = count
        return eid if count == 1 else f"{eid}_dup{count}"


_POINT = Level.ITEM.eid_prefix
_SUBPOINT = Level.SUBITEM.eid_prefix


def _freeze_item(b: _ItemB, prefix: str, part: str, unique: Callable[[str], str]) -> Item:
    """A 项 (``part`` "point") or 目 ("subpoint"); ``prefix`` is the eId of its 款 or 项, never empty."""
    eid = unique(f"{prefix}__{part}_{b.number}")
    end = b.end
    subs: tuple[Item, ...] = ()
    if b.subitems:
        subs = tuple([_freeze_item(s, eid, _SUBPOINT, unique) for s in b.subitems])
        for sub in subs:
            if sub.span.end > end:  # type: ignore[union-attr]
                end = sub.span.end  # type: ignore[union-attr]
    return Item(b.number, b.label, b.text, subs, Span(b.start, end), eid)  # positional: see _freeze_body


def _freeze_article(b: _ArticleB, prefix: str, path: tuple[str, ...], unique: Callable[[str], str]) -> Article:
    eid = f"{prefix}__art_{b.number}" if prefix else f"art_{b.number}"
    if b.suffix:
        eid = f"{eid}_{b.suffix}"
    eid = unique(eid)
    clauses = []
    art_end = b.end
    index = 0
    for c in b.clauses or [_ClauseB("", b.start, b.end)]:
        index += 1
        # unique without asking: its article's eId is, and no other kind of eId ends in __para_N (0.6 ms)
        ceid = f"{eid}__para_{index}"
        end = c.end
        items: tuple[Item, ...] = ()
        if c.items:
            items = tuple([_freeze_item(it, ceid, _POINT, unique) for it in c.items])
            for item in items:
                if item.span.end > end:  # type: ignore[union-attr]
                    end = item.span.end  # type: ignore[union-attr]
        span = Span(c.start, end)
        clauses.append(Clause(index, c.text, items, span, ceid))
        if end > art_end:
            art_end = end
    if index != 1 or c.start != b.start or end != art_end:
        span = Span(b.start, art_end)  # else the article spans what its one 款 spans: one Span serves both
    return Article(b.number, b.label, tuple(clauses), b.suffix, b.heading, b.heading_raw, b.kind, span, eid, path)


def _freeze(nodes: list[_ArticleB | _DivisionB], prefix: str, path: tuple[str, ...], unique: Callable[[str], str],
            unnumbered: list[int]) -> tuple[Node, ...]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, _ArticleB):
            out.append(_freeze_article(node, prefix, path, unique))
            continue
        if node.label:
            part = f"{node.level.eid_prefix}_{node.number}"
        else:
            unnumbered[0] += 1
            part = f"{node.level.eid_prefix}_u{unnumbered[0]}"
        eid = unique(f"{prefix}__{part}" if prefix else part)
        label = node.label or strip_whitespace(node.heading)
        children = _freeze(node.children, eid, path + (label,), unique, unnumbered)
        end = node.end
        for child in children:
            if child.span:
                end = max(end, child.span.end)
        out.append(Division(node.level, node.number, node.label, node.heading, children, Span(node.start, end), eid))
    return tuple(out)


def _freeze_body(top: list[_ArticleB | _DivisionB]) -> tuple[Node, ...]:
    """The frozen body, with unique eIds (a repeated one gets ``_dupN``, see :class:`_Ids`).

    The model classes are called with positional arguments, in the order of their fields
    (``tests/test_speed_parse.py`` checks it): keyword arguments cost a dict per object, a fifth of the
    freezing time.
    """
    return _freeze(top, "", (), _Ids().unique, [0])


# ---------------------------------------------------------------------------
# entry point


def parse_lines(lines: Iterable[SourceLine], *, source: str | None = None) -> Document:
    """Parse reader output into a :class:`~lawdiff.model.Document` (see the module docstring).

    ``source`` names the input in notices and errors. Raises
    :class:`~lawdiff.errors.ParseError` when no unit is found.
    """
    texts: list[str] = []
    numbers: list[int] = []
    for line in lines:
        texts.append(line.text)
        numbers.append(line.number)
    return _parse_texts(texts, numbers, source)


def _parse_texts(texts: list[str], numbers: Iterable[int], source: str | None) -> Document:
    """The parser, on the texts of the lines and their numbers (what it needs of each SourceLine)."""
    with gc_paused():  # a tree of new objects, no cycles: the collector's passes would be wasted
        return _parse_lines(_clean(texts, numbers), source)


def _parse_lines(cleaned: list[_Line], source: str | None) -> Document:
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
    nodes = _freeze_body(body.top)
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
