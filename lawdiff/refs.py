"""Cross-references in Chinese legislative text: find them, resolve them, look them up.

Three small, pure steps that the checker (``lawdiff check``) and the
renumbering aid share:

1. :func:`find_references` scans one paragraph and returns every
   :class:`Reference` with its character span, its scope (this act, another act
   《…》, unscoped, or relative to where the text sits) and its targets
   (:class:`Target`: one :class:`Locator`, or a range ``第X条至第Y条``). Lists
   ``第十条第一款、第二款`` inherit the levels they leave out from the locator
   before them, so the second target is article 10, clause 2.
2. :func:`resolve` turns a :class:`Locator` into absolute :class:`Address`
   values, given the :class:`Context` (article and clause index) where the text
   sits: ``前款`` in clause 3 of article 12 is ``(12, 0, clause=2)``; ``前两款``
   gives two addresses; ``本条第二款`` and a bare ``第二款`` mean the current
   article. ``前款`` in a first clause cannot be resolved and says so.
3. :func:`lookup` checks an address against a :class:`UnitIndex` built from a
   :class:`~lawdiff.model.Document` and names the missing level, if any.

>>> [r.text for r in find_references("依照本法第十条第一款、第二款和前款的规定")]
['本法第十条第一款、第二款', '前款']
>>> ref = find_references("违反《中华人民共和国行政处罚法》第三条至第五条的")[0]
>>> ref.scope, ref.act, ref.targets[0].first.article, ref.targets[0].last.article
('other', '《中华人民共和国行政处罚法》', 3, 5)
>>> resolve(find_references("前两款")[0].targets[0].first, Context(12, 0, 3)).addresses
(Address(article=12, suffix=0, clause=1, item=None, subitem=None), Address(article=12, suffix=0, clause=2, item=None, subitem=None))
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from .model import Article, Document
from .numerals import cn_to_int

__all__ = [
    "Locator",
    "Target",
    "Reference",
    "Context",
    "Address",
    "Resolution",
    "UnitIndex",
    "find_references",
    "resolve",
    "lookup",
]

# Relative bases of a locator (``Locator.base``).
ABSOLUTE = "absolute"  # 第X条… (the article is named)
ARTICLE = "article"  # 本条…, or a bare 第X款 / 第X项: the current article
CLAUSE = "clause"  # 本款…: the current clause
ITEM = "item"  # 本项
PREVIOUS_CLAUSES = "previous_clauses"  # 前款 (back=1), 前两款 (back=2), …
PREVIOUS_ARTICLE = "previous_article"  # 前条
PREVIOUS_ITEMS = "previous_items"  # 前项, 前两项

_LEVELS = ("article", "clause", "item", "subitem")
_UNIT_LEVEL = {"条": 0, "款": 1, "项": 2, "目": 3}

_NUM = r"(?:[零〇○一二两三四五六七八九十百千]+|[0-9０-９]{1,4})"
#: Names of this act: 本法, 本条例, … (longest first so that 本条例 wins over 本条).
_THIS_ACT = (
    "本实施细则|本实施办法|本法典|本条例|本规定|本办法|本细则|本决定|本规则|本准则|本章程|本修正案|本解释|本法"
)
_TOKEN = re.compile(
    rf"""
      (?P<other>《[^《》\n]{{1,120}}》)
    | (?P<this>{_THIS_ACT})
    | (?P<rel>前(?P<back>[两二三四五六七八九十]?)(?P<runit>[款项条])|本条|本款|本项)
    | (?P<seg>第(?:(?P<n>{_NUM})|[（(](?P<np>{_NUM})[）)])(?P<unit>[条款项目])(?:之(?P<sfx>{_NUM}))?)
    | (?P<conn>以及|或者|、|和|或|及|与|至|到)
    """,
    re.VERBOSE,
)
#: Endings of an act's name written without 《》 (刑法第X条, 该条例第X条): the article belongs to that act.
_ACT_NAME_END = re.compile(r"(?:法典|法|条例|规定|办法|细则|规则|决定|章程|公约|协定|解释|修正案)$")
#: Words ending like an act name that are not one (依法第…).
_NOT_ACT = re.compile(r"(?:依法|合法|违法|非法|方法|(?<!法)立法|执法|(?<!公)司法|守法|不法)$")
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_RANGE_CONN = {"至", "到"}


@dataclass(frozen=True)
class Locator:
    """One addressed unit as written: ``第十二条之一第二款第三项``, ``前款第一项``, ``本条第二款``.

    ``base`` says what the locator is relative to (``absolute`` when the
    article is named); ``back`` is how many units ``前…`` reaches back (1 for
    前款, 2 for 前两款). Levels not written are ``None``.
    """

    base: str = ABSOLUTE
    article: int | None = None
    suffix: int = 0
    clause: int | None = None
    item: int | None = None
    subitem: int | None = None
    back: int = 0

    @property
    def deepest(self) -> int:
        """Index of the deepest written level (0 article … 3 subitem), -1 when none is written."""
        for level in range(3, -1, -1):
            if getattr(self, _LEVELS[level]) is not None:
                return level
        return -1


@dataclass(frozen=True)
class Target:
    """One target of a reference: a single locator, or a range ``first`` … ``last``.

    ``start``/``end`` are character offsets of the target's own text in the
    paragraph (for a range: from the first locator to the end of the last one).
    """

    first: Locator
    last: Locator | None = None
    start: int = 0
    end: int = 0

    @property
    def is_range(self) -> bool:
        return self.last is not None


@dataclass(frozen=True)
class Reference:
    """A cross-reference found in a paragraph.

    ``scope`` is ``this`` (本法第X条…), ``other`` (《…》第X条 or an act named
    without 《》 such as 刑法第X条), ``unscoped`` (a bare 第X条: this act by
    default) or ``relative`` (前款, 本条第二款, a bare 第二款). ``act`` is the
    scope word as written (``本条例``, ``《中华人民共和国行政处罚法》``, ``刑法``).
    ``quoted`` is true when the reference sits inside quotation marks (the
    payload of an amendment, a quoted term): such text speaks of another act.
    """

    text: str
    start: int
    end: int
    scope: str
    targets: tuple[Target, ...]
    act: str | None = None
    quoted: bool = False

    @property
    def internal(self) -> bool:
        """True when the reference points into the text that contains it (and is not quoted)."""
        return self.scope != "other" and not self.quoted


@dataclass(frozen=True)
class Context:
    """Where a paragraph sits: the article (number, suffix), 1-based clause index and item number."""

    article: int
    suffix: int = 0
    clause: int = 1
    item: int | None = None


@dataclass(frozen=True)
class Address:
    """An absolute address inside one act. ``clause`` is ``None`` for ``第X条第Y项`` (item of the article)."""

    article: int
    suffix: int = 0
    clause: int | None = None
    item: int | None = None
    subitem: int | None = None


@dataclass(frozen=True)
class Resolution:
    """The addresses a locator stands for, or ``problem`` when it stands for none.

    ``problem`` is one of ``no-previous-clause`` (前款 in a first clause, 前两款
    in a second), ``no-previous-article`` (前条 in the first article),
    ``no-previous-item`` (前项 outside an item or in a first item).
    """

    addresses: tuple[Address, ...] = ()
    problem: str | None = None


# ---------------------------------------------------------------------------
# Finding


def _number(text: str | None) -> int | None:
    """The value of a numeral, ``None`` when absent or malformed (a typo such as 十十八)."""
    if text is None:
        return None
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def _quoted_mask(text: str) -> list[bool]:
    """For each character, whether it is inside quotation marks (nesting aware, unbalanced-tolerant)."""
    mask = [False] * len(text)
    stack: list[str] = []
    for index, char in enumerate(text):
        if char in _QUOTES:
            stack.append(_QUOTES[char])
        elif stack and char == stack[-1]:
            stack.pop()
            mask[index] = True
            continue
        elif char in _QUOTES.values() and char in stack:
            while stack and stack.pop() != char:
                pass
        mask[index] = bool(stack)
    return mask


def _locator_from_seg(match: re.Match[str], inherited: Locator | None) -> Locator | None:
    """Build a locator from a 第X条/款/项/目 token, inheriting the levels above it from ``inherited``."""
    value = _number(match.group("n") or match.group("np"))
    if value is None or (match.group("sfx") and _number(match.group("sfx")) is None):
        return None  # malformed numeral: not a citation we can follow
    level = _UNIT_LEVEL[match.group("unit")]
    if level == 0:
        return Locator(ABSOLUTE, article=value, suffix=_number(match.group("sfx")) or 0)
    if match.group("sfx"):
        return None  # 第二款之一: not a legislative citation form
    if inherited is None or level <= _IMPLIED_LEVEL[inherited.base]:
        inherited = Locator(ARTICLE if level in (1, 2) else ITEM)
    fields = {name: getattr(inherited, name) for name in _LEVELS[: level]}
    fields.update({_LEVELS[level]: value})
    for name in _LEVELS[level + 1 :]:
        fields[name] = None
    return replace(inherited, **fields)


def _locator_from_rel(match: re.Match[str]) -> Locator:
    word = match.group("rel")
    if word == "本条":
        return Locator(ARTICLE)
    if word == "本款":
        return Locator(CLAUSE)
    if word == "本项":
        return Locator(ITEM)
    back = cn_to_int(match.group("back")) if match.group("back") else 1
    unit = match.group("runit")
    if unit == "款":
        return Locator(PREVIOUS_CLAUSES, back=back)
    if unit == "项":
        return Locator(PREVIOUS_ITEMS, back=back)
    return Locator(PREVIOUS_ARTICLE, back=back)


_ALIAS_NOTE = re.compile(r"[（(][^（）()]{0,30}[）)]$")
_DIVISION_TAIL = re.compile(r"(?:分则|总则)?(?:第[零一二三四五六七八九十百]+(?:编|分编|章|节))+$")


def _act_before(text: str, start: int) -> str | None:
    """The name of the act right before ``start`` when it is not 本法: 刑法, 该条例, or
    《…》 followed by an alias note (``《中华人民共和国著作权法》(以下称著作权法)第四十四条``)."""
    before = _ALIAS_NOTE.sub("", text[max(0, start - 60) : start])
    before = _DIVISION_TAIL.sub("", before)  # 刑法分则第九章第三百九十八条
    if before.endswith("》"):
        title = re.search(r"《[^《》]*》$", before)
        return title.group(0) if title else None
    before = before[-12:]
    if not _ACT_NAME_END.search(before) or _NOT_ACT.search(before):
        return None
    name = re.search(r"[\u4e00-\u9fff]{1,12}$", before)
    if not name:
        return None
    return re.sub(r"^.*?(?:依照|按照|根据|违反|适用|参照|执行|对照)", "", name.group(0)) or name.group(0)


_IMPLIED_LEVEL = {
    ABSOLUTE: 0,
    ARTICLE: 0,
    PREVIOUS_ARTICLE: 0,
    CLAUSE: 1,
    PREVIOUS_CLAUSES: 1,
    ITEM: 2,
    PREVIOUS_ITEMS: 2,
}


def _implied(locator: Locator) -> int:
    """The deepest level a locator already fixes (本款 fixes the clause, 前款第一项 the item)."""
    return max(locator.deepest, _IMPLIED_LEVEL[locator.base])


def _deeper(prev: Locator, nxt: re.Match[str]) -> bool:
    """Whether segment ``nxt`` continues ``prev`` downwards (第十条 then 第二款)."""
    return _UNIT_LEVEL[nxt.group("unit")] > _implied(prev)


def find_references(text: str) -> tuple[Reference, ...]:
    """Every cross-reference in ``text`` (one paragraph), in order.

    Recognised: ``本法/本条例/…第X条``, ``《…》第X条``, act names without
    brackets (``刑法第X条``), ``第X条之一``, ``第X条第Y款第Z项第W目``,
    ``第（一）项`` (with brackets, a common slip), ``前款``, ``前两款``,
    ``前项``, ``前条``, ``本条``, ``本款``, ``本项``, bare ``第二款``, ranges
    ``第X条至第Y条`` and lists joined by 、 和 或者 及 以及 与. ``本条``/``本款``
    alone are references too (they always exist); 本法 alone is not.
    """
    tokens = list(_TOKEN.finditer(text))
    quoted = _quoted_mask(text)
    refs: list[Reference] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.lastgroup
        scope: str
        act: str | None = None
        cursor = index
        if kind in ("other", "this"):
            if cursor + 1 >= len(tokens) or tokens[cursor + 1].start() != token.end():
                index += 1
                continue
            following = tokens[cursor + 1]
            if following.lastgroup != "seg" or following.group("unit") != "条":
                index += 1
                continue
            scope = "other" if kind == "other" else "this"
            act = token.group(0)
            cursor += 1
        elif kind == "rel":
            scope = "relative"
        elif kind == "seg":
            if token.group("unit") == "条":
                act = _act_before(text, token.start())
                scope = "other" if act else "unscoped"
                this = re.search(f"(?:{_THIS_ACT})$", act or "")
                if this:  # 本法第九章第十条
                    scope, act = "this", this.group(0)
            else:
                scope = "relative"
        else:
            index += 1
            continue

        targets: list[Target] = []
        current: Locator | None = None
        cur_start = tokens[cursor].start()
        cur_end = cur_start
        range_first: Locator | None = None
        range_start = 0
        pos = cursor
        pending_conn: re.Match[str] | None = None
        while pos < len(tokens):
            tok = tokens[pos]
            if pos > cursor and tok.start() != tokens[pos - 1].end():
                break
            group = tok.lastgroup
            if group == "conn":
                if current is None or pending_conn is not None:
                    break
                pending_conn = tok
                pos += 1
                continue
            if group == "rel":
                if current is not None:
                    break  # 前款本条, 第十条和前款: a relative word starts its own reference
                locator = _locator_from_rel(tok)
            elif group == "seg":
                if current is not None and pending_conn is None:
                    if not _deeper(current, tok):
                        break
                    locator = _locator_from_seg(tok, current)
                    if locator is None:
                        break
                    current = locator
                    cur_end = tok.end()
                    pos += 1
                    continue
                locator = _locator_from_seg(tok, current if pending_conn is not None else None)
                if locator is None:
                    break
            else:
                break
            # a new locator starts (first one, or after a connector)
            if current is not None:
                if pending_conn is not None and pending_conn.group(0) in _RANGE_CONN and range_first is None:
                    range_first, range_start = current, cur_start
                else:
                    targets.append(_close(range_first, range_start, current, cur_start, cur_end))
                    range_first = None
            pending_conn = None
            current = locator
            cur_start, cur_end = tok.start(), tok.end()
            pos += 1
        if current is None:
            index += 1
            continue
        targets.append(_close(range_first, range_start, current, cur_start, cur_end))
        start = tokens[index].start()
        end = targets[-1].end
        refs.append(
            Reference(
                text=text[start:end],
                start=start,
                end=end,
                scope=scope,
                targets=tuple(targets),
                act=act,
                quoted=quoted[start] if start < len(quoted) else False,
            )
        )
        # continue after the last token consumed by this reference
        while index < len(tokens) and tokens[index].start() < end:
            index += 1
    return tuple(refs)


def _close(range_first: Locator | None, range_start: int, current: Locator, start: int, end: int) -> Target:
    if range_first is not None:
        return Target(range_first, current, range_start, end)
    return Target(current, None, start, end)


# ---------------------------------------------------------------------------
# Resolving


def _with_levels(address: Address, locator: Locator) -> Address:
    """Apply the written lower levels of ``locator`` (clause/item/subitem) to ``address``."""
    fields = {}
    for name in ("clause", "item", "subitem"):
        value = getattr(locator, name)
        if value is not None:
            fields[name] = value
    return replace(address, **fields)


def resolve(locator: Locator, context: Context) -> Resolution:
    """The absolute addresses ``locator`` stands for when written at ``context``.

    ``第X条…`` ignores the context; ``本条第二款`` and bare ``第二款`` use the
    context's article; ``本款第一项`` and ``本项`` its clause (and item);
    ``前款``/``前两款`` the clauses just before the context's clause; ``前条``
    the article numbered one less (suffix ignored); ``前项`` the item before.
    """
    here = Address(context.article, context.suffix)
    if locator.base == ABSOLUTE:
        assert locator.article is not None
        return Resolution((Address(locator.article, locator.suffix, locator.clause, locator.item, locator.subitem),))
    if locator.base == ARTICLE:
        return Resolution((_with_levels(here, locator),))
    if locator.base == CLAUSE:
        return Resolution((_with_levels(replace(here, clause=context.clause), locator),))
    if locator.base == ITEM:
        if context.item is None:
            return Resolution(problem="no-current-item")
        return Resolution((_with_levels(replace(here, clause=context.clause, item=context.item), locator),))
    if locator.base == PREVIOUS_CLAUSES:
        first = context.clause - locator.back
        if first < 1:
            return Resolution(problem="no-previous-clause")
        if locator.item is not None or locator.subitem is not None:
            # 前款第一项: only meaningful for a single previous clause
            return Resolution((_with_levels(replace(here, clause=context.clause - 1), locator),))
        return Resolution(tuple(replace(here, clause=c) for c in range(first, context.clause)))
    if locator.base == PREVIOUS_ITEMS:
        if context.item is None or context.item - locator.back < 1:
            return Resolution(problem="no-previous-item")
        return Resolution(
            tuple(
                replace(here, clause=context.clause, item=i)
                for i in range(context.item - locator.back, context.item)
            )
        )
    if locator.base == PREVIOUS_ARTICLE:
        if context.article - locator.back < 1:
            return Resolution(problem="no-previous-article")
        return Resolution(
            tuple(
                _with_levels(Address(n), locator)
                for n in range(context.article - locator.back, context.article)
            )
        )
    msg = f"unknown locator base {locator.base!r}"
    raise ValueError(msg)


# ---------------------------------------------------------------------------
# Looking up


@dataclass(frozen=True)
class UnitIndex:
    """The articles of a document by ``(number, suffix)``, for :func:`lookup`."""

    articles: dict[tuple[int, int], Article]

    @classmethod
    def of(cls, document: Document | Iterable[Article]) -> "UnitIndex":
        units = document.units() if isinstance(document, Document) else document
        table: dict[tuple[int, int], Article] = {}
        for unit in units:
            table.setdefault(unit.key, unit)
        return cls(table)

    def __contains__(self, key: object) -> bool:
        return key in self.articles

    def keys(self) -> Iterator[tuple[int, int]]:
        return iter(self.articles)


def lookup(address: Address, index: UnitIndex) -> str | None:
    """``None`` when ``address`` exists in ``index``, else the level that is missing.

    Returns ``"article"``, ``"clause"``, ``"item"`` or ``"subitem"``. An
    address with an item but no clause (``第X条第Y项``, the form for an article
    with one 款) is found when some clause of the article has that item. Items
    and sub-items are matched by their number, not their position.
    """
    article = index.articles.get((address.article, address.suffix))
    if article is None:
        return "article"
    clauses = article.clauses
    if address.clause is not None:
        if not 1 <= address.clause <= len(clauses):
            return "clause"
        # a list of items interrupted by a plain paragraph goes on in the next clause
        # (信访条例 art.21: （三）, a paragraph, （四）): look back to where the run starts
        first = address.clause - 1
        while first > 0 and clauses[first].items and clauses[first].items[0].number > 1:
            first -= 1
        candidates = tuple(clauses[first : address.clause])
    else:
        candidates = clauses
    if address.item is None:
        return None
    found_item = False
    for clause in candidates:
        for item in clause.items:
            if item.number != address.item:
                continue
            found_item = True
            if address.subitem is None or any(sub.number == address.subitem for sub in item.subitems):
                return None
    return "subitem" if found_item else "item"
