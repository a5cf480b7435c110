"""Amendment instructions and the parser that reads them from a decision's text.

A 修改决定 (or a 修正案) is a list of numbered items (``一、`` ``二、`` …), each
made of one or more phrases in a small, fixed phrasebook (conventions §6)::

    将第十四条修改为：“…”
    将第二十一条改为第二十二条，其中的“x”修改为“y”，“p”修改为“q”。
    第五条增加一款，作为第三款：“…”
    删去第四十六条。
    增加一条，作为第二十五条：“…”（multi-paragraph quotes: every paragraph opens
    with “ and only the last one closes）
    将第二十三条、第四十五条合并，作为第二十四条，修改为：“…”

:func:`parse_decision` turns the text into a :class:`Decision`: a tuple of
:class:`Instruction` values, each naming the decision item it came from.
Locators (:class:`Ref`) carry **old** numbers; the numbers after ``作为`` and
``改为`` are **new** ones. A phrase outside the phrasebook raises
:class:`~lawdiff.errors.ParseError` naming the item: nothing is skipped.

Quoted payloads are read with balanced quotes, so a definition such as
``“经营者”是指…`` inside a payload stays intact; the leading ``“`` of each
continuation paragraph is the continuation marker and is removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ParseError
from .numerals import cn_to_int

__all__ = ["Ref", "Instruction", "Decision", "parse_decision", "OPS"]

#: The instruction vocabulary (``Instruction.op``).
OPS = (
    "replace",  # 将第A条[第K款][第I项]修改为：“…”  (targets: one or several units)
    "replace_words",  # 将第A条中的“x”修改为“y”  (words: (x, y) pairs, applied in order)
    "insert_words",  # 在第A条中的“x”后增加“y”  (words: (anchor, text); where: after/before)
    "delete",  # 删去第A条 / 删去第A条第K款 / 删去第K款第I项
    "delete_words",  # 删去第A条中的“x”  (words: (x, "") pairs)
    "add",  # [在第A条后|第A条|第K款]增加N条/款/项，作为第…：“…”
    "renumber",  # 将第A条改为第B条 / 第一款、第二款改为第二款、第三款 / 将第二款改为第十九条
    "merge",  # 将第A条、第B条合并，作为第N条
    "rename_division",  # 将第三章的章名修改为“…”
    "add_division",  # [在第五章后|第二编]增加一章，作为第六章，章名为“…”，将第P条至第Q条列入该章
    "delete_division",  # 删去第三章的章名 (its articles join the division before it)
    "place",  # 将第P条至第Q条列入第三章 (new article numbers; old division numbers)
)

_NUM = r"[一二三四五六七八九十百千零〇两]+"
_COUNT = r"[一二两三四五六七八九十]+"
_ITEM_LINE = re.compile(r"^\s*(" + _NUM + r")、\s*")
_LOC = re.compile(
    r"(?:(?:《[^》]+》|本法|本条例|刑法|宪法)?"
    r"第(?P<a>" + _NUM + r")条(?:之(?P<s>" + _NUM + r"))?)?"
    r"(?:第(?P<k>" + _NUM + r")款)?"
    r"(?:第(?P<i>" + _NUM + r")项)?"
)
_DIV = re.compile(r"第(?P<n>" + _NUM + r")(?P<lv>编|分编|章|节)")
_TAIL_REORDER = re.compile(r"条文顺序作(?:相应|了相应)?调整")
_TAIL_EFFECT = re.compile(r"^本(?:决定|修正案)自(.+?)起施行")
_TAIL_REPUBLISH = re.compile(r"根据本决定作(?:相应|了相应)?修改")
_INTRO = re.compile(r"(?:作如下修改|修改如下|作出如下修改|作以下修改)[：:]?\s*$")
_PREFIX = re.compile(r"(?:相应地|同时|并且|并|另外|其中，)")
_SEP = re.compile(r"[\s，,；;。\n]+")
#: What :func:`lawdiff.amend` writes when the two texts have the same articles (a decision without items).
NO_CHANGE = "（两个文本的条文相同，无需修改。）"


@dataclass(frozen=True)
class Ref:
    """A unit named by a decision: article ``(number, suffix)``, 款 ``clause``, 项 ``item``.

    Numbers are **old** ones unless ``new`` is true (a unit this decision
    creates, named by the number it gets). ``None`` means "not given"; a
    ``clause`` of ``None`` with an ``item`` means "the clause that holds the
    items" (an article cited ``第X条第Y项`` has one such clause).
    """

    article: tuple[int, int] | None = None
    clause: int | None = None
    item: int | None = None
    new: bool = False
    division: tuple[tuple[str, int], ...] = ()  # (("章", 3), ("节", 2)) for 第三章第二节

    @property
    def level(self) -> str:
        if self.item is not None:
            return "item"
        if self.clause is not None:
            return "clause"
        if self.article is not None:
            return "article"
        return "division" if self.division else "none"

    def label(self) -> str:
        """The Chinese locator, e.g. ``第十二条之一第二款第三项``."""
        from .numerals import article_label, int_to_cn

        out = ""
        for level, number in self.division:
            out += f"第{int_to_cn(number)}{level}"
        if self.article:
            out += article_label(*self.article)
        if self.clause is not None:
            out += f"第{int_to_cn(self.clause)}款"
        if self.item is not None:
            out += f"第{int_to_cn(self.item)}项"
        return out + ("（新）" if self.new else "")


@dataclass(frozen=True)
class Instruction:
    """One amendment operation (see :data:`OPS`).

    ``targets`` are the units acted on (old numbers, or new ones for units
    this decision creates); ``to`` are the new positions of ``add``,
    ``renumber`` and ``merge``; ``paragraphs`` is the quoted new wording
    split into paragraphs; ``words`` are (old, new) pairs for word-level ops.
    ``item`` is the decision item label (``十五、``) and ``phrase`` the text the
    instruction was read from, for messages.
    """

    op: str
    targets: tuple[Ref, ...] = ()
    to: tuple[Ref, ...] = ()
    paragraphs: tuple[str, ...] = ()
    words: tuple[tuple[str, str], ...] = ()
    level: str = ""  # add: article / clause / item / 章 / 节
    count: int = 0
    where: str = ""  # insert_words: after / before; add: after / before an anchor article
    anchor: Ref | None = None  # add: 在第A条后 / 第三章增加一条
    item: str = ""
    phrase: str = ""
    members: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()  # new article ranges (first, last)


@dataclass(frozen=True)
class Decision:
    """A parsed amendment decision."""

    instructions: tuple[Instruction, ...]
    reorder: bool = False  # 此外，对条文顺序作相应调整
    effective: str | None = None  # 本决定自…起施行
    title: str = ""
    style: str = "decision"  # "decision" (修改决定, renumbered) or "amendment" (修正案, 之一)
    items: tuple[str, ...] = field(default=(), compare=False)  # item labels in order


# ---------------------------------------------------------------------------
# splitting the text into items


def _clean_line(line: str) -> str:
    line = line.strip().lstrip("\ufeff")
    line = re.sub(r"^#+\s*", "", line)
    return line.strip()


def _split_items(text: str, source: str) -> tuple[list[tuple[str, list[str]]], list[str], str]:
    """Return ([(label, lines)], tail lines, title)."""
    lines = [_clean_line(x) for x in text.splitlines()]
    lines = [x for x in lines if x and not x.startswith("<!--")]
    title = lines[0] if lines else ""
    items: list[tuple[str, list[str]]] = []
    tail: list[str] = []
    started = False
    quote_open = False
    intro_seen = False
    for line in lines:
        if quote_open:  # continuation of a multi-paragraph quote
            items[-1][1].append(line)
            quote_open = _quote_depth_after(line, continuation=True) > 0
            continue
        if line == NO_CHANGE:
            continue
        if _is_tail(line) or (tail and not _ITEM_LINE.match(line)):
            tail.append(line)
            continue
        m = _ITEM_LINE.match(line)
        if m and (started or intro_seen or not items):
            body = line[m.end():]
            if _looks_like_instruction(body):
                items.append((m.group(1) + "、", [body]))
                started = True
                quote_open = _quote_depth_after(body) > 0
                continue
        if started or intro_seen:
            if not items:  # a decision without numbered items (国务院 one-liners)
                items.append(("", []))
                started = True
            items[-1][1].append(line)
            quote_open = _quote_depth_after(line, continuation=line.startswith("“")) > 0
            continue
        if _INTRO.search(line):
            intro_seen = True
    if not items and NO_CHANGE in lines:
        return [], tail, title
    if not items:
        raise ParseError("no amendment instructions found (expected items 一、二、… after …作如下修改：)", source=source)
    return items, tail, title


def _is_tail(line: str) -> bool:
    return bool(
        (_TAIL_REORDER.search(line) and not line.startswith("“") and len(line) < 60)
        or _TAIL_EFFECT.match(line)
        or (_TAIL_REPUBLISH.search(line) and "重新公布" in line)
    )


def _looks_like_instruction(body: str) -> bool:
    return bool(re.match(r"(?:相应地|同时|在|将|删|第|增加|对)", body))


def _quote_depth_after(line: str, *, continuation: bool = False) -> int:
    depth = 1 if continuation else 0
    start = 1 if continuation and line.startswith("“") else 0
    for ch in line[start:]:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
    return depth


# ---------------------------------------------------------------------------
# phrase parsing


class _Cursor:
    """The text of one item (paragraphs joined by newlines) and a position."""

    def __init__(self, text: str, item: str, source: str) -> None:
        self.text = text
        self.pos = 0
        self.item = item
        self.source = source

    def rest(self) -> str:
        return self.text[self.pos:]

    def fail(self, what: str) -> ParseError:
        snippet = self.rest().split("\n", 1)[0][:40]
        where = f"item {self.item}" if self.item else "the decision"
        return ParseError(f"{where}: {what} at “{snippet}”", source=self.source)

    def match(self, regex: re.Pattern[str]) -> re.Match[str] | None:
        m = regex.match(self.text, self.pos)
        if m:
            self.pos = m.end()
        return m

    def quoted(self) -> str:
        """Read one single-paragraph “…” (balanced) and return its content."""
        if not self.text.startswith("“", self.pos):
            raise self.fail("expected a quotation “…”")
        depth = 0
        for i in range(self.pos, len(self.text)):
            ch = self.text[i]
            if ch == "\n":
                break
            if ch == "“":
                depth += 1
            elif ch == "”":
                depth -= 1
                if depth == 0:
                    content = self.text[self.pos + 1 : i]
                    self.pos = i + 1
                    return content
        raise self.fail("unclosed quotation")

    def payload(self) -> tuple[str, ...]:
        """Read a (possibly multi-paragraph) quoted payload into paragraphs."""
        if not self.text.startswith("“", self.pos):
            raise self.fail("expected the quoted new wording “…”")
        depth = 0
        paragraphs: list[str] = []
        buf: list[str] = []
        i = self.pos
        while i < len(self.text):
            ch = self.text[i]
            if ch == "\n":
                paragraphs.append("".join(buf))
                buf = []
                i += 1
                if depth > 0 and self.text.startswith("“", i):
                    i += 1  # continuation marker
                continue
            if ch == "“":
                depth += 1
                if depth == 1 and i == self.pos:
                    i += 1
                    continue
            elif ch == "”":
                depth -= 1
                if depth == 0:
                    paragraphs.append("".join(buf))
                    self.pos = i + 1
                    return tuple(paragraphs)
            buf.append(ch)
            i += 1
        raise self.fail("unclosed quotation")


def _int(text: str | None) -> int | None:
    return cn_to_int(text) if text else None


def _count(text: str) -> int:
    return cn_to_int(text.replace("两", "二"))


class _Context:
    """What a phrase without an explicit article refers to."""

    def __init__(self) -> None:
        self.refs: tuple[Ref, ...] = ()  # current unit(s)
        self.words_target: Ref | None = None

    @property
    def article(self) -> Ref | None:
        return self.refs[0] if self.refs else None


def _read_loc(cur: _Cursor) -> dict[str, int | None] | None:
    m = _LOC.match(cur.text, cur.pos)
    if not m or m.end() == cur.pos:
        return None
    cur.pos = m.end()
    return {
        "a": _int(m.group("a")),
        "s": _int(m.group("s")) or 0,
        "k": _int(m.group("k")),
        "i": _int(m.group("i")),
    }


def _read_loclist(cur: _Cursor) -> list[dict[str, int | None]]:
    out: list[dict[str, int | None]] = []
    first = _read_loc(cur)
    if first is None:
        return out
    out.append(first)
    while True:
        save = cur.pos
        if cur.match(re.compile(r"(?:、|和|及)")):
            nxt = _read_loc(cur)
            if nxt is not None:
                out.append(nxt)
                continue
        cur.pos = save
        return out


def _resolve(loc: dict[str, int | None], ctx: _Context, cur: _Cursor) -> Ref:
    """A locator in the context of the phrase: fills in the article (and clause)."""
    if loc["a"] is not None:
        return Ref(article=(loc["a"], loc["s"] or 0), clause=loc["k"], item=loc["i"])
    base = ctx.article
    if base is None or base.article is None:
        raise cur.fail("a 款/项 without an article to refer to")
    clause = loc["k"]
    if clause is None and loc["i"] is not None and base.clause is not None:
        clause = base.clause
    return Ref(article=base.article, clause=clause, item=loc["i"], new=base.new)


def _resolve_new(loc: dict[str, int | None], ctx: _Context, level: str, cur: _Cursor) -> Ref:
    """A new position (after 作为/改为): absolute article or within the context unit."""
    if loc["a"] is not None:
        return Ref(article=(loc["a"], loc["s"] or 0), clause=loc["k"], item=loc["i"], new=True)
    base = ctx.article
    if base is None:
        raise cur.fail(f"a new {level} position without an article to refer to")
    clause = loc["k"]
    if clause is None and loc["i"] is not None:
        clause = base.clause
    return Ref(article=base.article, clause=clause, item=loc["i"], new=base.new)


_ART = r"第(" + _NUM + r")条(?:之(" + _NUM + r"))?"
_R_MEMBERS = re.compile(r"将?((?:" + _ART + r")(?:(?:至|、|和|及)" + _ART + r")*)列入")
_R_DIV_NAME = re.compile(r"[，,]?\s*(?:编名|分编名|章名|节名|名称|标题)为")
_R_DIV_NAME_OF = re.compile(r"的?(?:编名|分编名|章名|节名|名称|标题)")
_R_THIS_DIV = re.compile(r"该(?:编|分编|章|节)")


def _members(text: str) -> tuple[tuple[tuple[int, int], tuple[int, int]], ...]:
    """``第十条至第十二条、第十五条`` -> (((10, 0), (12, 0)), ((15, 0), (15, 0)))."""
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for m in re.finditer(r"(至|、|和|及)?" + _ART, text):
        key = (cn_to_int(m.group(2)), cn_to_int(m.group(3)) if m.group(3) else 0)
        if m.group(1) == "至" and out:
            out[-1] = (out[-1][0], key)
        else:
            out.append((key, key))
    return tuple(out)


def _read_divpath(cur: "_Cursor") -> tuple[tuple[str, int], ...]:
    path: list[tuple[str, int]] = []
    while (m := cur.match(_DIV)) is not None:
        path.append((m.group("lv"), cn_to_int(m.group("n"))))
    return tuple(path)


_R_MERGE = re.compile(r"合并[，,]?(?:作为|为)")
_R_RENUMBER = re.compile(r"改为")
_R_MODIFY = re.compile(r"(?:修改|改)为[：:]\s*(?:即[：:])?")
_R_WORDS = re.compile(r"(?:中的|其中的)?(?=“)")
_R_ADD = re.compile(r"增加(" + _COUNT + r")(条|款|项|目|分编|编|章|节)[，,]?\s*(?:作为|为)")
_R_ADD_ANCHOR = re.compile(r"在")
_R_AFTER = re.compile(r"(后|前|之后|之前)")
_R_DELETE = re.compile(r"删(?:去|除)")
_R_WORDS_TAIL = re.compile(r"(?:中的|其中的)")
_R_COLON = re.compile(r"[，,]?\s*[：:，,]?\s*(?:即[：:])?\s*")
_R_REPLACE_OP = re.compile(r"修改为")
_R_INSERT_OP = re.compile(r"(后|前)(?:增加|增写|添加)")


_SUB_MARK = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、])\s*(?=[将删在增第相同对])")


def _parse_item(label: str, lines: list[str], source: str) -> list[Instruction]:
    # sub-numbered instructions (（一）将第五条… / 1.将第六条…) read like separate paragraphs
    cleaned: list[str] = []
    open_quote = False
    for line in lines:
        cleaned.append(line if open_quote else _SUB_MARK.sub("", line))
        open_quote = _quote_depth_after(line, continuation=open_quote and line.startswith("“")) > 0
    text = "\n".join(cleaned)
    cur = _Cursor(text, label, source)
    ctx = _Context()
    out: list[Instruction] = []

    def emit(**kw: object) -> None:
        out.append(Instruction(item=label, **kw))  # type: ignore[arg-type]

    while True:
        cur.match(_SEP)
        if cur.pos >= len(text):
            break
        start = cur.pos
        cur.match(_PREFIX)
        cur.match(_SEP)
        # 将第P条至第Q条列入第三章
        m_members = cur.match(_R_MEMBERS)
        if m_members:
            path = _read_divpath(cur)
            if not path:
                raise cur.fail("expected a 编/章/节 after 列入")
            emit(op="place", to=(Ref(division=path),), members=_members(m_members.group(1)),
                 phrase=text[start:cur.pos])
            continue
        # 在第A条后增加一条 / 在第A条中的“x”后增加“y”
        if cur.match(_R_ADD_ANCHOR):
            path = _read_divpath(cur)
            if path:  # 在第五章后增加一章
                m = cur.match(_R_AFTER)
                if not m:
                    raise cur.fail("expected 后 or 前 after 在第…章")
                _parse_add(cur, ctx, emit, start, anchor=Ref(division=path),
                           where="after" if "后" in m.group(1) else "before")
                continue
            loc = _read_loc(cur)
            if loc is not None:
                ref = _resolve(loc, ctx, cur)
            elif (text.startswith("“", cur.pos) or text.startswith("其中的", cur.pos)) and (
                ctx.words_target is not None or ctx.refs
            ):
                cur.match(re.compile("其"))
                ref = ctx.words_target or ctx.refs[0]  # 在“x”后增加“y”: the unit in context
            else:
                raise cur.fail("expected an article after 在")
            if cur.match(_R_WORDS_TAIL) or cur.text.startswith("“", cur.pos):
                anchor = cur.quoted()
                m = cur.match(_R_INSERT_OP)
                if not m:
                    raise cur.fail("expected 后增加/前增加 after the quoted words")
                new = cur.quoted()
                emit(op="insert_words", targets=(ref,), words=((anchor, new),),
                     where="after" if m.group(1) == "后" else "before", phrase=text[start:cur.pos])
                if loc is not None:
                    ctx.refs = (ref,)
                ctx.words_target = ref
                continue
            m = cur.match(_R_AFTER)
            if not m:
                raise cur.fail("expected 后 or 前 after 在第…条")
            _parse_add(cur, ctx, emit, start, anchor=ref, where="after" if "后" in m.group(1) else "before")
            continue
        # 删去…
        if cur.match(_R_DELETE):
            path = _read_divpath(cur)
            if path:  # 删去第三章的章名
                if not cur.match(_R_DIV_NAME_OF):
                    raise cur.fail("删去 a 章/节 names its heading: 删去第三章的章名")
                emit(op="delete_division", targets=(Ref(division=path),), phrase=text[start:cur.pos])
                continue
            locs = _read_loclist(cur)
            refs = tuple(_resolve(x, ctx, cur) for x in locs)
            if not refs:
                if not ctx.refs:
                    raise cur.fail("删去 without a unit")
                refs = ctx.refs
            if cur.match(_R_WORDS_TAIL) or cur.text.startswith("“", cur.pos):
                words = [cur.quoted()]
                while cur.match(re.compile(r"[、和，,](?=“)")):
                    words.append(cur.quoted())
                emit(op="delete_words", targets=refs[:1], words=tuple((w, "") for w in words),
                     phrase=text[start:cur.pos])
            else:
                if not locs:
                    raise cur.fail("删去 without a unit")
                emit(op="delete", targets=refs, phrase=text[start:cur.pos])
            ctx.refs = refs[:1]
            continue
        # 增加…，作为… (on the context unit)
        if text.startswith("增加", cur.pos):
            _parse_add(cur, ctx, emit, start, anchor=None, where="")
            continue
        # “x”修改为“y” chained on the previous words target
        if text.startswith("“", cur.pos):
            target = ctx.words_target or ctx.article
            if target is None:
                raise cur.fail("quoted words without a unit")
            _parse_words(cur, ctx, emit, start, target)
            continue
        cur.match(re.compile(r"将|把|对"))
        div = cur.match(_DIV)
        if div:
            path = [(div.group("lv"), cn_to_int(div.group("n")))]
            while (more := cur.match(_DIV)) is not None:
                path.append((more.group("lv"), cn_to_int(more.group("n"))))
            dref = Ref(division=tuple(path))
            if cur.match(re.compile(r"的?(?:章名|节名|编名|标题|名称)(?:修改|改)为[：:]?")):
                new = cur.quoted()
                emit(op="rename_division", targets=(dref,), paragraphs=(new,), phrase=text[start:cur.pos])
                continue
            if text.startswith("增加", cur.pos) or text.startswith("中增加", cur.pos):
                cur.match(re.compile("中"))
                _parse_add(cur, ctx, emit, start, anchor=dref, where="in")
                continue
            raise cur.fail("unknown phrasing for a 章/节")
        locs = _read_loclist(cur)
        if not locs and not ctx.refs:
            raise cur.fail("unknown phrasing")
        refs = tuple(_resolve(x, ctx, cur) for x in locs) if locs else ctx.refs
        if locs:
            ctx.refs = refs
            ctx.words_target = None
        if cur.match(_R_MERGE):
            to = _read_loclist(cur)
            if len(to) != 1:
                raise cur.fail("expected one new article after 合并，作为")
            new = _resolve_new(to[0], ctx, "article", cur)
            emit(op="merge", targets=refs, to=(new,), phrase=text[start:cur.pos])
            ctx.refs = (Ref(article=new.article, new=True),)
            continue
        if cur.match(_R_RENUMBER):
            to_locs = _read_loclist(cur)
            if not to_locs:
                raise cur.fail("expected the new number after 改为")
            to = tuple(_resolve_new(x, _ctx_of(refs), "unit", cur) for x in to_locs)
            if len(to) != len(refs):
                raise cur.fail("改为 lists a different number of old and new units")
            emit(op="renumber", targets=refs, to=to, phrase=text[start:cur.pos])
            # a 款 turned into an article: later phrases speak of the new article
            if refs[0].level in ("clause", "item") and to[0].level == "article" or (
                refs[0].level == "clause" and to[0].article != refs[0].article
            ):
                ctx.refs = (Ref(article=to[0].article, new=True),)
            continue
        if cur.match(_R_MODIFY):
            paragraphs = cur.payload()
            emit(op="replace", targets=refs, paragraphs=paragraphs, phrase=text[start:cur.pos])
            continue
        if cur.match(_R_WORDS_TAIL) or text.startswith("“", cur.pos):
            _parse_words(cur, ctx, emit, start, refs[0])
            continue
        if text.startswith("增加", cur.pos):
            _parse_add(cur, ctx, emit, start, anchor=None, where="")
            continue
        m_after = cur.match(re.compile(r"(之?后|之?前)(?=增加)"))
        if m_after and locs:
            _parse_add(cur, ctx, emit, start, anchor=refs[0], where="after" if "后" in m_after.group(1) else "before")
            continue
        if cur.match(re.compile(r"[，,]")):
            continue  # "将第A条，" followed by the operation after the comma
        raise cur.fail("unknown phrasing")
    return out


def _ctx_of(refs: tuple[Ref, ...]) -> _Context:
    c = _Context()
    c.refs = refs
    return c


def _parse_words(cur: _Cursor, ctx: _Context, emit, start: int, target: Ref) -> None:  # type: ignore[no-untyped-def]
    pairs: list[tuple[str, str]] = []
    inserts: list[tuple[str, str, str]] = []
    while True:
        old = cur.quoted()
        m_ins = cur.match(_R_INSERT_OP)
        if m_ins:
            inserts.append((old, cur.quoted(), "after" if m_ins.group(1) == "后" else "before"))
        elif cur.match(_R_REPLACE_OP):
            pairs.append((old, cur.quoted()))
        else:
            raise cur.fail("expected 修改为 after the quoted words")
        if not cur.match(re.compile(r"[，,、](?=“)")):
            break
    phrase = cur.text[start:cur.pos]
    if pairs:
        emit(op="replace_words", targets=(target,), words=tuple(pairs), phrase=phrase)
    for anchor, new, where in inserts:
        emit(op="insert_words", targets=(target,), words=((anchor, new),), where=where, phrase=phrase)
    ctx.words_target = target


_LEVELS = {"条": "article", "款": "clause", "项": "item", "目": "subitem", "章": "章", "节": "节", "编": "编",
           "分编": "分编"}


def _parse_add(cur: _Cursor, ctx: _Context, emit, start: int, *, anchor: Ref | None, where: str) -> None:  # type: ignore[no-untyped-def]
    m = cur.match(_R_ADD)
    if not m:
        raise cur.fail("unknown 增加 phrasing (expected 增加N条/款/项，作为第…)")
    count = _count(m.group(1))
    level = _LEVELS[m.group(2)]
    if level in ("章", "节", "编", "分编"):
        _parse_division_add(cur, emit, start, level, count, anchor=anchor, where=where)
        return
    if level == "subitem":
        raise cur.fail(f"adding a {m.group(2)} is not supported")
    base = ctx
    if level != "article" and anchor is not None and anchor.article is not None:
        base = _ctx_of((anchor,))
    locs = _read_loclist(cur)
    if len(locs) != count:
        raise cur.fail(f"增加{m.group(1)}{m.group(2)} lists {len(locs)} positions")
    to = tuple(_resolve_new(x, base, level, cur) for x in locs)
    paragraphs: tuple[str, ...] = ()
    cur.match(_R_COLON)
    if cur.text.startswith("“", cur.pos):
        paragraphs = cur.payload()
    else:
        raise cur.fail("expected the quoted new wording after 作为…")
    container = None
    if level != "article":
        container = anchor if anchor is not None and anchor.article is not None else ctx.article
        if container is None:
            raise cur.fail(f"增加一{m.group(2)} without an article to add it to")
    emit(
        op="add",
        targets=(container,) if container is not None else (),
        to=to,
        paragraphs=paragraphs,
        level=level,
        count=count,
        where=where,
        anchor=anchor if level == "article" else None,
        phrase=cur.text[start:cur.pos],
    )
    if level == "article":
        ctx.refs = (Ref(article=to[0].article, new=True),)
        ctx.words_target = None


def _parse_division_add(cur: _Cursor, emit, start: int, level: str, count: int, *,  # type: ignore[no-untyped-def]
                        anchor: Ref | None, where: str) -> None:
    """增加一章，作为第六章，章名为“…”[，将第P条至第Q条列入该章] (after 在第五章后 / 第二编 / nothing)."""
    if count != 1:
        raise cur.fail(f"add one {level} at a time")
    path = _read_divpath(cur)
    if not path or path[-1][0] != level:
        raise cur.fail(f"expected the new {level}'s number after 作为")
    heading = None
    if cur.match(_R_DIV_NAME):
        heading = cur.quoted()
    else:
        cur.match(_R_COLON)
        if cur.text.startswith("“", cur.pos):
            heading = re.sub(r"^第" + _NUM + r"(?:编|分编|章|节)[\s\u3000]*", "", cur.quoted())
    if heading is None:
        raise cur.fail(f"expected the new {level}'s heading (…，{level}名为“…”)")
    members: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    save = cur.pos
    cur.match(re.compile(r"[，,]\s*"))
    m = cur.match(_R_MEMBERS)
    if m:
        if not cur.match(_R_THIS_DIV):
            raise cur.fail("expected 列入该章")
        members = _members(m.group(1))
    else:
        cur.pos = save
    parent = anchor if where == "in" else None
    emit(op="add_division", targets=(parent,) if parent is not None else (), to=(Ref(division=path, new=True),),
         paragraphs=(heading,), level=level, count=1, where=where,
         anchor=anchor if where in ("after", "before") else None, members=members,
         phrase=cur.text[start:cur.pos])


# ---------------------------------------------------------------------------


def parse_decision(text: str, *, source: str | None = None) -> Decision:
    """Parse the text of a 修改决定 or 修正案 into a :class:`Decision`.

    Raises :class:`~lawdiff.errors.ParseError` naming the item for any phrase
    outside the phrasebook, and when the text holds no instructions at all.
    """
    src = source or "<decision>"
    items, tail, title = _split_items(text, src)
    instructions: list[Instruction] = []
    for label, lines in items:
        try:
            parsed = _parse_item(label, lines, src)
        except ValueError as err:  # a numeral that does not read (第十十条) deep inside the phrase
            raise ParseError(f"item {label or '(unnumbered)'}: {err}", source=src) from None
        if not parsed:
            raise ParseError(f"item {label or '(unnumbered)'}: no instruction found", source=src)
        instructions.extend(parsed)
    reorder = any(_TAIL_REORDER.search(x) for x in tail)
    effective = None
    for line in tail:
        m = _TAIL_EFFECT.match(line)
        if m:
            effective = m.group(1)
    style = "amendment" if re.search(r"修正案(?:[（(][^）)]*[）)])?$", title) else "decision"
    return Decision(
        instructions=tuple(instructions),
        reorder=reorder,
        effective=effective,
        title=title,
        style=style,
        items=tuple(label for label, _ in items),
    )
