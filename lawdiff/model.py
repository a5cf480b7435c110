"""The frozen data model every stage of lawdiff works on.

A parsed text is a :class:`Document`: a title, the 题注 (``preamble``), optional
introductory text (序言, the opening sentence of a decision), and a ``body`` of
:class:`Division` (编/分编/章/节) and :class:`Article` nodes. An article holds
:class:`Clause` objects (款, unnumbered paragraphs), a clause holds
:class:`Item` objects (项 （一）, whose ``subitems`` are 目 1.).

The numbered items 一、二、 of a decision (决定) are :class:`Article` objects
too, with ``kind="item"``: they are the unit of alignment exactly like 条.

Comparison values (:class:`Op`, :class:`Pair`, :class:`Comparison`) live here
as well, so that renderers, checks and drafting aids share one vocabulary.

Everything is a frozen dataclass built from tuples; text is stored once, as it
appears in the source line (leading indentation and trailing blanks removed).
Derived text (``Article.text``) is computed, never stored twice. Positions
(``span``, ``Document.source``, ``notices``) do not take part in equality, so
the same text read from .md and from .docx gives equal Documents.
"""
from __future__ import annotations

import enum
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import Iterator, Union

__all__ = [
    "Level",
    "Span",
    "Notice",
    "Item",
    "Clause",
    "Article",
    "Division",
    "Document",
    "Node",
    "Relation",
    "Op",
    "TermDiff",
    "Pair",
    "Summary",
    "Alignment",
    "Comparison",
]


def frozen_dataclass(cls: type) -> type:
    """``@dataclass(frozen=True)``, cheaper to define and to instantiate.

    lawdiff's frozen value classes use it (the model here; ``AlignOptions``,
    ``Jurisdiction``, ``Masked``, ``Normalized`` elsewhere); it is internal, not
    part of the model's public names (``__all__``).

    ``dataclass`` compiles six methods for each frozen class, and the ``__init__``
    it writes sets every field through ``object.__setattr__`` (a frozen class
    refuses normal assignment). Both cost the command line time: defining the
    model's 13 classes took 8 ms of start-up, and a comparison of the Civil Code
    builds about 25,000 model objects at 1.5 µs an :class:`Article`. Here
    ``dataclass`` only records the fields (so :func:`dataclasses.fields` and
    :func:`dataclasses.replace` work); ``__init__`` is compiled from the fields and
    writes the instance ``__dict__`` directly (0.4 µs an Article), and the other
    methods are shared functions. The behaviour is the frozen dataclass's: the same
    signature, defaults and ``__post_init__`` call; assigning or deleting an
    attribute raises :class:`dataclasses.FrozenInstanceError`; equality and hash
    over the fields with ``compare=True``, equal only to an instance of the same
    class; repr of every field. (``__dataclass_params__`` says ``frozen=False``, as
    ``dataclass`` did not write the refusing methods; nothing in lawdiff reads it.)
    """
    cls = dataclass(init=False, repr=False, eq=False)(cls)  # fields only: no method is written
    all_fields = fields(cls)
    params, body, defaults = [], [], {}
    for f in all_fields:
        if f.default_factory is not MISSING:  # not used by the model; keep the generator simple
            raise TypeError(f"{cls.__name__}.{f.name}: default_factory is not supported")
        if f.default is MISSING:
            params.append(f.name)
        else:
            defaults[f"_dflt_{f.name}"] = f.default
            params.append(f"{f.name}=_dflt_{f.name}")
        body.append(f"    d[{f.name!r}] = {f.name}\n")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()\n")
    namespace: dict = {}
    source = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n" + "".join(body)
    exec(source, defaults, namespace)  # noqa: S102 - code built from the field names above
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__

    compared = [f.name for f in all_fields if f.compare]
    shown = [f.name for f in all_fields if f.repr]
    key = attrgetter(*compared) if len(compared) > 1 else (lambda obj: tuple(getattr(obj, n) for n in compared))

    def __eq__(self, other):  # noqa: N807
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    def __hash__(self):  # noqa: N807
        return hash(key(self))

    def __repr__(self):  # noqa: N807
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in shown)})"

    for function in (__eq__, __hash__, __repr__):
        function.__qualname__ = f"{cls.__qualname__}.{function.__name__}"
    cls.__init__, cls.__eq__, cls.__hash__, cls.__repr__ = init, __eq__, __hash__, __repr__
    cls.__setattr__, cls.__delattr__ = _refuse_setattr, _refuse_delattr
    return cls


def _refuse_setattr(self, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delattr(self, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


class Level(str, enum.Enum):
    """Levels of the hierarchy, with their Akoma Ntoso eId prefixes."""

    BOOK = "book"  # 编
    SUBBOOK = "subbook"  # 分编
    CHAPTER = "chapter"  # 章
    SECTION = "section"  # 节
    ARTICLE = "article"  # 条 (or a decision item 一、)
    CLAUSE = "clause"  # 款
    ITEM = "item"  # 项
    SUBITEM = "subitem"  # 目

    @property
    def eid_prefix(self) -> str:
        return _EID_PREFIX[self]

    @property
    def chinese(self) -> str:
        return _CHINESE[self]


_EID_PREFIX = {
    Level.BOOK: "book",
    Level.SUBBOOK: "subbook",
    Level.CHAPTER: "chp",
    Level.SECTION: "sec",
    Level.ARTICLE: "art",
    Level.CLAUSE: "para",
    Level.ITEM: "point",
    Level.SUBITEM: "subpoint",
}
_CHINESE = {
    Level.BOOK: "编",
    Level.SUBBOOK: "分编",
    Level.CHAPTER: "章",
    Level.SECTION: "节",
    Level.ARTICLE: "条",
    Level.CLAUSE: "款",
    Level.ITEM: "项",
    Level.SUBITEM: "目",
}


@frozen_dataclass
class Span:
    """Lines ``start``..``end`` (1-based, inclusive) of the source.

    For .docx input a "line" is a body paragraph (or table-cell paragraph)
    in document order; for HTML a block element; for text a physical line.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            msg = f"invalid span: {self.start}..{self.end}"
            raise ValueError(msg)


@frozen_dataclass
class Notice:
    """Something the parser saw and did not put into the structure.

    Every non-blank character of the input is either in the model or in the
    ``text`` of a notice, so nothing is ever dropped silently.
    """

    line: int
    message: str
    text: str = ""
    severity: str = "warning"  # "warning" or "info" (e.g. a skipped 目录)


@frozen_dataclass
class Item:
    """项 （一） or, as a subitem, 目 1.

    ``label`` is the marker as written (``（一）``, ``(一)``, ``1.``, ``1．``);
    ``text`` is what follows it.
    """

    number: int
    label: str
    text: str
    subitems: tuple["Item", ...] = ()
    span: Span | None = field(default=None, compare=False)
    eid: str = ""

    def paragraphs(self) -> Iterator[str]:
        yield self.label + self.text
        for sub in self.subitems:
            yield from sub.paragraphs()


@frozen_dataclass
class Clause:
    """款: one paragraph of an article (its lead text) and the 项 it introduces."""

    index: int  # 1-based
    text: str
    items: tuple[Item, ...] = ()
    span: Span | None = field(default=None, compare=False)
    eid: str = ""

    def paragraphs(self) -> Iterator[str]:
        """The clause's source paragraphs, in order (lead text, then items)."""
        if self.text or not self.items:
            yield self.text
        for item in self.items:
            yield from item.paragraphs()


@frozen_dataclass
class Article:
    """条 (``kind="article"``) or a numbered item of a decision (``kind="item"``).

    ``number``/``suffix``: 第十二条之一 is number 12, suffix 1 (0 when none).
    ``label`` is the label as written (``第十二条之一``, ``一、``).
    ``heading`` is an article heading such as ``立法目的`` (from
    ``第一条【立法目的】``), without its brackets; ``heading_raw`` keeps them.
    The text of the first clause does not include the label.
    """

    number: int
    label: str
    clauses: tuple[Clause, ...]
    suffix: int = 0
    heading: str | None = None
    heading_raw: str | None = None
    kind: str = "article"
    span: Span | None = field(default=None, compare=False)
    eid: str = ""
    path: tuple[str, ...] = ()  # labels of enclosing divisions, outermost first

    @property
    def text(self) -> str:
        """All paragraphs of the article joined by newlines, label excluded."""
        return "\n".join(self.paragraphs())

    def paragraphs(self) -> Iterator[str]:
        for clause in self.clauses:
            yield from clause.paragraphs()

    @property
    def key(self) -> tuple[int, int]:
        """Sort key ``(number, suffix)``."""
        return (self.number, self.suffix)

    @property
    def deleted_placeholder(self) -> bool:
        """True for a ``第一百九十九条　（删去）`` slot kept by the 修正案 regime."""
        return self.text.strip() in {"（删去）", "(删去)", "（删除）", "(删除)"}


@frozen_dataclass
class Division:
    """编, 分编, 章 or 节. ``heading`` is the title as written (``总　　则``)."""

    level: Level
    number: int
    label: str
    heading: str
    children: tuple["Node", ...] = ()
    span: Span | None = field(default=None, compare=False)
    eid: str = ""

    def articles(self) -> Iterator[Article]:
        for child in self.children:
            if isinstance(child, Article):
                yield child
            else:
                yield from child.articles()


Node = Union[Division, Article]


@frozen_dataclass
class Document:
    """A parsed legislative text.

    ``kind`` is one of ``law``, ``regulation``, ``decision``, ``amendment``,
    ``draft`` (guessed from the title). ``preamble`` holds the 题注 lines;
    ``intro`` holds unnumbered text between the 题注 and the first unit
    (序言, a decision's opening sentence). ``notices`` lists everything the
    parser did not place into the structure.
    """

    title: str
    body: tuple[Node, ...]
    preamble: tuple[str, ...] = ()
    intro: tuple[str, ...] = ()
    kind: str = "law"
    source: str | None = field(default=None, compare=False)
    stage: str | None = None  # draft suffix such as 草案, 征求意见稿
    notices: tuple[Notice, ...] = field(default=(), compare=False)
    front: tuple[str, ...] = field(default=(), compare=False)  # front-matter/metadata lines

    def units(self) -> Iterator[Article]:
        """The alignment units (articles, or a decision's items) in reading order."""
        for node in self.body:
            if isinstance(node, Article):
                yield node
            else:
                yield from node.articles()

    def chapters_restart(self) -> bool:
        """True when 章 numbering starts again in each 编 (民法典, 刑事诉讼法), False when it runs on
        across the whole text (民事诉讼法); decided by the first 章 of the second and later 编."""
        books = [d for d in self.body if isinstance(d, Division) and d.level is Level.BOOK]
        for book in books[1:]:
            chapters = [c for c in book.children if isinstance(c, Division) and c.level is Level.CHAPTER]
            if chapters and chapters[0].number == 1:
                return True
        return False

    def divisions(self) -> Iterator[Division]:
        """Every division, depth first, in reading order."""

        def walk(nodes: tuple[Node, ...]) -> Iterator[Division]:
            for node in nodes:
                if isinstance(node, Division):
                    yield node
                    yield from walk(node.children)

        return walk(self.body)


# ---------------------------------------------------------------------------
# Comparison values


class Relation(str, enum.Enum):
    """How the units of a pair relate (Akoma Ntoso textualMod vocabulary where one exists)."""

    IDENTICAL = "identical"
    EQUIVALENT = "equivalent"  # identical once jurisdiction terms are treated as equal
    MODIFIED = "modified"
    SPLIT = "split"  # one old unit -> several new units
    MERGED = "merged"  # several old units -> one new unit
    ADDED = "added"
    DELETED = "deleted"

    @property
    def changed(self) -> bool:
        return self not in (Relation.IDENTICAL, Relation.EQUIVALENT)


@frozen_dataclass
class Op:
    """One diff operation. ``tag`` is one of difflib's ``equal``, ``insert``,
    ``delete``, ``replace``. Joining ``old`` over all ops gives the old text,
    joining ``new`` gives the new text."""

    tag: str
    old: str
    new: str

    def as_list(self) -> list[str]:
        return [self.tag, self.old, self.new]


@frozen_dataclass
class TermDiff:
    """A jurisdiction term that differs between the two sides (四川省 ↔ 重庆市)."""

    old: str
    new: str


@frozen_dataclass
class Pair:
    """Aligned units: ``old`` from the left document, ``new`` from the right.

    Either side may be empty (added/deleted) or hold several units
    (split/merged). ``ops`` diff ``"\\n".join(u.text for u in old)`` against
    the same for ``new``; they are empty in a bare :class:`Alignment`.
    """

    old: tuple[Article, ...]
    new: tuple[Article, ...]
    relation: Relation
    score: float
    renumbered: bool = False
    moved: bool = False
    ops: tuple[Op, ...] = ()
    terms: tuple[TermDiff, ...] = ()
    format_notes: tuple[str, ...] = ()

    @property
    def old_text(self) -> str:
        return "\n".join(u.text for u in self.old)

    @property
    def new_text(self) -> str:
        return "\n".join(u.text for u in self.new)


@frozen_dataclass
class Summary:
    """Counts per relation, plus the renumbered and moved flags."""

    counts: tuple[tuple[Relation, int], ...]
    renumbered: int
    moved: int
    left_units: int
    right_units: int

    def count(self, relation: Relation) -> int:
        return dict(self.counts).get(relation, 0)


@frozen_dataclass
class Alignment:
    """Paired units of two documents (no character diff yet), in reading order."""

    left: Document
    right: Document
    pairs: tuple[Pair, ...]


@frozen_dataclass
class Comparison:
    """Two documents and their aligned, diffed pairs in reading order."""

    left: Document
    right: Document
    pairs: tuple[Pair, ...]
    summary: Summary
    options: tuple[tuple[str, object], ...] = ()
