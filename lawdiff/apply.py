"""Apply an amendment decision to a Document: ``apply(document, decision_text) -> Document``.

The decision is parsed into instructions (:mod:`lawdiff.instructions`), which
act on a small mutable working copy of the old text: units keyed by their
**old** numbers, clauses and items keyed by their old positions. Units created
by the decision (``增加一条，作为第N条``, a 款 turned into an article, a merge)
are keyed by the **new** number they get.

Numbering is settled at the end, the way a republished text is:

* 修改决定 (``style="decision"``): every unit that a decision pins to a new
  number (``作为第N条``, ``改为第N条``) takes that place; the others fill the
  remaining places in their old order (条文顺序作相应调整). ``之一`` articles
  follow the article before them. The same rule places 款 and 项 inside a unit;
  item labels ``（三）`` are rewritten when an item's place changes.
* 修正案 (``style="amendment"``): nothing is renumbered; new articles take
  their ``第A条之一`` numbers and a deleted article keeps its slot as ``（删去）``.

The result is written as canonical text and read back with the one
structural parser, so it is exactly what parsing the republished text gives.
Any instruction that does not fit the text (a unit that does not exist, words
that do not occur, two units pinned to one number) raises
:class:`~lawdiff.errors.ParseError` naming the decision item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .errors import ParseError
from .instructions import Decision, Instruction, Ref, parse_decision
from .model import Article, Division, Document
from .numerals import article_label, cn_to_int, decision_label, int_to_cn

__all__ = ["apply", "apply_decision"]

_ITEM_MARK = re.compile(r"^([（(])([一二三四五六七八九十百]+)([）)])")
_SUBITEM_MARK = re.compile(r"^\d{1,2}[.．、]")
_ART_LABEL = re.compile(r"^第([一二三四五六七八九十百千零〇两]+)条(?:之([一二三四五六七八九十]+))?[\s\u3000]+")
_END_PUNCT = "。；：！？"


# ---------------------------------------------------------------------------
# the working copy


@dataclass
class _Item:
    paras: list[str]
    old: int | None = None
    pin: int | None = None
    given: bool = False  # wording taken from the decision


@dataclass
class _Clause:
    lead: str | None
    items: list[_Item] = field(default_factory=list)
    old: int | None = None
    pin: int | None = None
    items_changed: bool = False

    def paragraphs(self) -> list[str]:
        out = [self.lead] if self.lead is not None else []
        for item in self.items:
            out.extend(item.paras)
        return out


@dataclass
class _Unit:
    clauses: list[_Clause]
    old: tuple[int, int] | None = None
    pin: tuple[int, int] | None = None
    heading_raw: str | None = None
    div: int | None = None  # index of the enclosing division (walk order)
    div_hint: int | None = None
    into: tuple[tuple[int, int], int] | None = None  # article turned into 第N条第K款 (K > 1)
    clauses_changed: bool = False
    created_by: str = ""
    placeholder: bool = False

    def name(self) -> str:
        if self.old is not None:
            return article_label(*self.old)
        return article_label(*self.pin) + "（新）" if self.pin else "（新条）"


def _segment(paragraphs: tuple[str, ...] | list[str]) -> list[_Clause]:
    """Split paragraphs into 款 (a paragraph) and their 项 (（一）…) and 目 (1.…)."""
    clauses: list[_Clause] = []
    for para in paragraphs:
        if _ITEM_MARK.match(para):
            if not clauses:
                clauses.append(_Clause(lead=None))
            clauses[-1].items.append(_Item([para]))
        elif _SUBITEM_MARK.match(para) and clauses and clauses[-1].items:
            clauses[-1].items[-1].paras.append(para)
        else:
            clauses.append(_Clause(lead=para))
    return clauses


def _from_article(article: Article, div: int | None) -> _Unit:
    clauses = []
    for c in article.clauses:
        lead = c.text if (c.text or not c.items) else None
        items = [_Item(list(i.paragraphs()), old=n) for n, i in enumerate(c.items, 1)]
        clauses.append(_Clause(lead=lead, items=items, old=c.index))
    return _Unit(clauses=clauses, old=article.key, heading_raw=article.heading_raw, div=div)


class _State:
    def __init__(self, document: Document, decision: Decision, source: str) -> None:
        self.source = source
        self.decision = decision
        self.divisions: list[Division] = list(document.divisions())
        self.units: list[_Unit] = []
        self.by_old: dict[tuple[int, int], _Unit] = {}
        self.created: dict[tuple[int, int], _Unit] = {}
        self.deleted: list[_Unit] = []
        self.headings: dict[int, str] = {}
        self.div_ops: list[Instruction] = []
        units = list(document.units())
        self.items = bool(units) and all(u.kind == "item" for u in units)
        self.added_nodes: list[tuple[Instruction, _Node]] = []
        div_ids = {id(d): n for n, d in enumerate(self.divisions)}
        self.div_paths: list[tuple[str, ...]] = [()] * len(self.divisions)

        def paths(nodes, prefix):  # type: ignore[no-untyped-def]
            for node in nodes:
                if isinstance(node, Division):
                    path = prefix + (re.sub(r"\s", "", node.label),)
                    self.div_paths[div_ids[id(node)]] = path
                    paths(node.children, path)

        paths(document.body, ())

        def walk(nodes, div):  # type: ignore[no-untyped-def]
            for node in nodes:
                if isinstance(node, Article):
                    unit = _from_article(node, div)
                    self.units.append(unit)
                    self.by_old.setdefault(node.key, unit)
                else:
                    walk(node.children, div_ids[id(node)])

        walk(document.body, None)

    # -- errors and lookups -------------------------------------------------
    def fail(self, ins: Instruction, what: str) -> ParseError:
        where = f"item {ins.item}" if ins.item else "the decision"
        return ParseError(f"{where}: {what} ({ins.phrase[:40]})", source=self.source)

    def unit(self, ref: Ref, ins: Instruction) -> _Unit:
        if ref.article is None:
            raise self.fail(ins, "no article named")
        if ref.new:
            unit = self.created.get(ref.article)
            if unit is None:
                raise self.fail(ins, f"{article_label(*ref.article)} is not a unit this decision creates")
            return unit
        unit = self.by_old.get(ref.article)
        if unit is None or unit not in self.units:
            state = "was already deleted or merged" if unit is not None else "does not exist in the old text"
            raise self.fail(ins, f"{article_label(*ref.article)} {state}")
        return unit

    def anchor(self, ref: Ref, ins: Instruction) -> _Unit:
        """The article named by ``在第A条后``: an old one (even if deleted) or one this decision adds."""
        assert ref.article is not None
        unit = self.by_old.get(ref.article) or self.created.get(ref.article)
        if unit is None:
            raise self.fail(ins, f"{article_label(*ref.article)} does not exist")
        return unit

    def clause(self, unit: _Unit, ref: Ref, ins: Instruction) -> _Clause:
        k = ref.clause
        if k is None:  # 第X条第Y项: the clause that holds the items
            holders = [c for c in unit.clauses if c.items]
            if not holders:
                raise self.fail(ins, f"{unit.name()} has no items")
            return holders[0]
        for c in unit.clauses:
            if c.old == k:
                return c
        if all(c.old is None for c in unit.clauses) and 1 <= k <= len(unit.clauses):
            return unit.clauses[k - 1]
        raise self.fail(ins, f"{unit.name()} has no 第{int_to_cn(k)}款")

    def item(self, clause: _Clause, ref: Ref, unit: _Unit, ins: Instruction) -> _Item:
        i = ref.item
        for it in clause.items:
            if it.old == i:
                return it
        if i is not None and all(it.old is None for it in clause.items) and 1 <= i <= len(clause.items):
            return clause.items[i - 1]
        raise self.fail(ins, f"{unit.name()} has no 第{int_to_cn(i or 0)}项")

    def division(self, ref: Ref, ins: Instruction) -> int:
        """Index of the old division named ``第三章`` or ``第三章第二节`` (the path must be unambiguous)."""
        want = tuple(f"第{int_to_cn(n)}{level}" for level, n in ref.division)
        hits = [n for n, path in enumerate(self.div_paths) if path[-len(want):] == want]
        label = "".join(want)
        if not hits:
            raise self.fail(ins, f"the old text has no {label}")
        if len(hits) > 1:
            raise self.fail(ins, f"{label} is ambiguous (the old text has {len(hits)}); name the enclosing 编/章")
        return hits[0]


# ---------------------------------------------------------------------------
# instructions


def _scope_paragraphs(state: _State, ref: Ref, ins: Instruction) -> tuple[object, list[str]]:
    unit = state.unit(ref, ins)
    if ref.clause is None and ref.item is None:
        return unit, [p for c in unit.clauses for p in c.paragraphs()]
    clause = state.clause(unit, ref, ins)
    if ref.item is None:
        return clause, clause.paragraphs()
    item = state.item(clause, ref, unit, ins)
    return item, list(item.paras)


def _set_scope(obj: object, paragraphs: list[str]) -> None:
    """Write edited paragraphs back (same count, same shape)."""
    if isinstance(obj, _Item):
        obj.paras = paragraphs
        return
    clauses = [obj] if isinstance(obj, _Clause) else obj.clauses  # type: ignore[attr-defined]
    it = iter(paragraphs)
    for c in clauses:
        if c.lead is not None:
            c.lead = next(it)
        for item in c.items:
            item.paras = [next(it) for _ in item.paras]


def _words(state: _State, ins: Instruction) -> None:
    ref = ins.targets[0]
    obj, paras = _scope_paragraphs(state, ref, ins)
    for old, new in ins.words:
        if not old:
            raise state.fail(ins, "empty quoted words")
        hits = sum(p.count(old) for p in paras)
        if hits == 0:
            raise state.fail(ins, f"“{old}” does not occur in {ref.label()}")
        if ins.op == "insert_words":
            repl = old + new if ins.where == "after" else new + old
        else:
            repl = new
        paras = [p.replace(old, repl) for p in paras]
    _set_scope(obj, paras)


def _replace(state: _State, ins: Instruction) -> None:
    refs = ins.targets
    level = refs[0].level
    if any(r.level != level for r in refs):
        raise state.fail(ins, "修改为 over units of different levels")
    if level == "article":
        if len(refs) != 1:
            raise state.fail(ins, "修改为 over several articles")
        unit = state.unit(refs[0], ins)
        paras = list(ins.paragraphs)
        m = _ART_LABEL.match(paras[0]) if paras else None
        if m:
            paras[0] = paras[0][m.end():]
        unit.clauses = _segment(paras)
        unit.clauses_changed = True
        return
    unit = state.unit(refs[0], ins)
    if level == "clause":
        targets = [state.clause(unit, r, ins) for r in refs]
        new = _segment(ins.paragraphs)
        if len(new) == len(targets):
            for t, n in zip(targets, new):
                t.lead, t.items, t.items_changed = n.lead, n.items, False
            return
        first = targets[0]
        first.lead, first.items = new[0].lead, new[0].items
        pos = unit.clauses.index(first)
        for extra in new[1:]:
            pos += 1
            unit.clauses.insert(pos, extra)
        for t in targets[1:]:
            unit.clauses.remove(t)
        unit.clauses_changed = True
        return
    if level == "item":
        clause = state.clause(unit, refs[0], ins)
        targets = [state.item(clause, r, unit, ins) for r in refs]
        new_items = _segment(ins.paragraphs)
        items = [it for c in new_items for it in c.items]
        if len(items) == len(targets) and not any(c.lead for c in new_items):
            for t, n in zip(targets, items):
                t.paras, t.given = n.paras, True
            return
        if len(targets) == 1 and len(ins.paragraphs) == 1:  # wording given without its label
            targets[0].paras = [_label_of(targets[0]) + ins.paragraphs[0]]
            targets[0].given = True
            return
        raise state.fail(ins, "the new wording does not match the items it replaces")
    raise state.fail(ins, "修改为 without a unit")


def _label_of(item: _Item) -> str:
    m = _ITEM_MARK.match(item.paras[0])
    return m.group(0) if m else ""


def _delete(state: _State, ins: Instruction) -> None:
    for ref in ins.targets:
        unit = state.unit(ref, ins)
        if ref.level == "article":
            state.units.remove(unit)
            state.deleted.append(unit)
        elif ref.level == "clause":
            unit.clauses.remove(state.clause(unit, ref, ins))
            unit.clauses_changed = True
        elif ref.level == "item":
            clause = state.clause(unit, ref, ins)
            clause.items.remove(state.item(clause, ref, unit, ins))
            clause.items_changed = True
        else:
            raise state.fail(ins, "删去 without a unit")


def _split_articles(paragraphs: tuple[str, ...], count: int) -> list[list[str]]:
    if count == 1:
        paras = list(paragraphs)
        m = _ART_LABEL.match(paras[0]) if paras else None
        if m:
            paras[0] = paras[0][m.end():]
        return [paras]
    groups: list[list[str]] = []
    for p in paragraphs:
        m = _ART_LABEL.match(p)
        if m:
            groups.append([p[m.end():]])
        elif groups:
            groups[-1].append(p)
        else:
            return []
    return groups


def _add(state: _State, ins: Instruction) -> None:
    if ins.level == "article":
        groups = _split_articles(ins.paragraphs, ins.count)
        if len(groups) != ins.count:
            raise state.fail(ins, f"增加{ins.count}条 but the wording holds {len(groups) or 'no'} labelled articles")
        hint = None
        after = None
        if ins.anchor is not None and ins.anchor.division:
            hint = state.division(ins.anchor, ins)
        elif ins.anchor is not None and ins.anchor.article is not None:
            after = state.anchor(ins.anchor, ins)
        for ref, paras in zip(ins.to, groups):
            assert ref.article is not None
            if ref.article in state.created:
                raise state.fail(ins, f"{article_label(*ref.article)} is created twice")
            unit = _Unit(clauses=_segment(paras), pin=ref.article, div_hint=hint, created_by=ins.item)
            if after is not None:
                unit.div_hint = after.div
            state.created[ref.article] = unit
            state.units.append(unit)
        return
    container = ins.targets[0]
    unit = state.unit(Ref(article=container.article, new=container.new), ins)
    if ins.level == "clause":
        new = _segment(ins.paragraphs)
        if len(new) != ins.count:
            raise state.fail(ins, f"增加{ins.count}款 but the wording holds {len(new)} paragraphs")
        for ref, clause in zip(ins.to, new):
            clause.pin = ref.clause
            unit.clauses.append(clause)
        unit.clauses_changed = True
        return
    if ins.level == "item":
        clause = state.clause(unit, Ref(article=container.article, clause=container.clause, item=0), ins)
        new = _segment(ins.paragraphs)
        items = [it for c in new for it in c.items]
        if any(c.lead for c in new) or len(items) != ins.count:
            raise state.fail(ins, f"增加{ins.count}项 but the wording holds {len(items)} items")
        for ref, item in zip(ins.to, items):
            item.pin, item.given = ref.item, True
            clause.items.append(item)
        clause.items_changed = True
        return
    raise state.fail(ins, f"adding a {ins.level} is not supported")


def _renumber(state: _State, ins: Instruction) -> None:
    for src, dst in zip(ins.targets, ins.to):
        unit = state.unit(src, ins)
        if src.level == "article" and dst.level == "article":
            unit.pin = dst.article
        elif src.level == "article" and dst.level == "clause":
            if dst.clause == 1:
                unit.pin = dst.article
            else:
                unit.into = (dst.article, dst.clause)  # type: ignore[assignment]
        elif src.level == "clause" and dst.level == "article" or (
            src.level == "clause" and dst.level == "clause" and dst.article != src.article and dst.clause == 1
        ):
            clause = state.clause(unit, src, ins)
            unit.clauses.remove(clause)
            unit.clauses_changed = True
            assert dst.article is not None
            if dst.article in state.created:
                raise state.fail(ins, f"{article_label(*dst.article)} is created twice")
            new = _Unit(clauses=[_Clause(lead=clause.lead, items=clause.items)], pin=dst.article,
                        div=unit.div, created_by=ins.item)
            state.created[dst.article] = new
            state.units.insert(state.units.index(unit) + 1, new)
        elif src.level == "clause" and dst.level == "clause":
            state.clause(unit, src, ins).pin = dst.clause
            unit.clauses_changed = True
        elif src.level == "item" and dst.level == "item":
            clause = state.clause(unit, src, ins)
            state.item(clause, src, unit, ins).pin = dst.item
            clause.items_changed = True
        else:
            raise state.fail(ins, f"改为 from a {src.level} to a {dst.level} is not supported")


def _merge(state: _State, ins: Instruction) -> None:
    units = [state.unit(r, ins) for r in ins.targets]
    if any(r.level != "article" for r in ins.targets):
        raise state.fail(ins, "合并 of units other than articles")
    if len({id(u) for u in units}) != len(units):
        raise state.fail(ins, "合并 names the same article twice")
    dst = ins.to[0].article
    assert dst is not None
    new = _Unit(clauses=[c for u in units for c in u.clauses], pin=dst, div=units[0].div,
                created_by=ins.item, clauses_changed=True)
    pos = state.units.index(units[0])
    for u in units:
        state.units.remove(u)
        if u.old != dst:  # 修正案: a merged-away article keeps its slot as （删去）
            state.deleted.append(u)
    state.units.insert(pos, new)
    state.created[dst] = new


def _rename(state: _State, ins: Instruction) -> None:
    state.headings[state.division(ins.targets[0], ins)] = ins.paragraphs[0]


def _division_op(state: _State, ins: Instruction) -> None:
    """增加一章 / 删去第三章的章名 / 列入第三章: settled with the numbering, at the end."""
    if ins.op in ("delete_division", "place"):
        state.division((ins.targets or ins.to)[0], ins)  # fail early when it does not exist
    state.div_ops.append(ins)


_HANDLERS = {
    "replace": _replace,
    "replace_words": _words,
    "insert_words": _words,
    "delete_words": _words,
    "delete": _delete,
    "add": _add,
    "renumber": _renumber,
    "merge": _merge,
    "rename_division": _rename,
    "add_division": _division_op,
    "delete_division": _division_op,
    "place": _division_op,
}


# ---------------------------------------------------------------------------
# settling the numbering


def _arrange(elements: list, pins: list[int | None], what: str, fail) -> list:  # type: ignore[no-untyped-def]
    """Place pinned elements at their (1-based) places; the others fill the gaps in order."""
    n = len(elements)
    slots: list[object | None] = [None] * n
    for el, pin in zip(elements, pins):
        if pin is None:
            continue
        if not 1 <= pin <= n:
            raise fail(f"{what} {pin} is out of range (the new text has {n})")
        if slots[pin - 1] is not None:
            raise fail(f"two units are placed at {what} {pin}")
        slots[pin - 1] = el
    free = iter(el for el, pin in zip(elements, pins) if pin is None)
    return [s if s is not None else next(free) for s in slots]


def _settle_articles(state: _State, style: str) -> list[tuple[tuple[int, int], _Unit]]:
    def fail(msg: str) -> ParseError:
        return ParseError(f"the decision does not fit the old text: {msg}", source=state.source)

    units = [u for u in state.units if u.into is None]
    if style == "amendment":
        keyed: list[tuple[tuple[int, int], _Unit]] = []
        for u in units:
            key = u.pin or u.old
            assert key is not None
            keyed.append((key, u))
        for u in state.deleted:
            assert u.old is not None
            u.clauses, u.placeholder = [_Clause(lead="（删去）")], True
            keyed.append((u.old, u))
        keyed.sort(key=lambda kv: kv[0])
        keys = [k for k, _ in keyed]
        if len(set(keys)) != len(keys):
            raise fail("two units get the same number")
        return keyed

    def glued(u: _Unit) -> bool:
        if u.pin is not None:
            return u.pin[1] > 0
        return bool(u.old and u.old[1] > 0)

    main = [u for u in units if not glued(u)]
    order = _arrange(main, [u.pin[0] if u.pin else None for u in main], "article", fail)
    out: list[tuple[tuple[int, int], _Unit]] = [((n, 0), u) for n, u in enumerate(order, 1)]
    # 之一 articles: pinned ones follow their base number, unpinned ones their old predecessor
    for u in units:
        if not glued(u):
            continue
        if u.pin is not None:
            base = u.pin[0]
            pos = max((i for i, (k, _) in enumerate(out) if k[0] == base and k[1] < u.pin[1]), default=None)
            if pos is None:
                raise fail(f"{article_label(*u.pin)} has no 第{int_to_cn(base)}条 to follow")
            out.insert(pos + 1, (u.pin, u))
        else:
            prev_i = units.index(u) - 1
            if prev_i < 0:
                raise fail(f"{u.name()} has no article before it")
            prev = units[prev_i]
            pos = next(i for i, (_, v) in enumerate(out) if v is prev)
            assert u.old is not None
            out.insert(pos + 1, ((out[pos][0][0], u.old[1]), u))
    return out


def _settle_unit(unit: _Unit, state: _State) -> list[_Clause]:
    def fail(msg: str) -> ParseError:
        return ParseError(f"the decision does not fit {unit.name()}: {msg}", source=state.source)

    clauses = unit.clauses
    if unit.clauses_changed or any(c.pin for c in clauses):
        clauses = _arrange(clauses, [c.pin for c in clauses], "款", fail)
    for clause in clauses:
        if not (clause.items_changed or any(it.pin for it in clause.items) or any(it.given for it in clause.items)):
            continue
        if clause.items_changed or any(it.pin for it in clause.items):
            clause.items = _arrange(clause.items, [it.pin for it in clause.items], "项", fail)
        last = len(clause.items)
        for pos, item in enumerate(clause.items, 1):
            first = item.paras[0]
            if not item.given and clause.items_changed:
                m = _ITEM_MARK.match(first)
                if m and cn_to_int(m.group(2)) != pos:
                    first = f"{m.group(1)}{int_to_cn(pos)}{m.group(3)}" + first[m.end():]
            end = "。" if pos == last else "；"
            if item.given and len(item.paras) == 1 and first and first[-1] not in _END_PUNCT:
                first += end  # item wording is quoted without its final ；/。
            elif clause.items_changed and len(item.paras) == 1 and first and first[-1] in "；。":
                first = first[:-1] + end
            item.paras = [first] + item.paras[1:]
    return clauses


def settle_keys(entries: list[tuple[tuple[int, int] | None, tuple[int, int] | None]],
                style: str = "decision") -> list[tuple[int, int]]:
    """The numbers units get: ``entries`` are ``(old key, pinned new key)`` in working order.

    Used by the generator (:mod:`lawdiff.amend`) to predict where the applier
    puts every unit, so that it pins exactly the units that need it.
    """
    state = _State.__new__(_State)
    state.source = "<decision>"
    state.units = [_Unit(clauses=[], old=o, pin=p) for o, p in entries]
    state.deleted = []
    keyed = _settle_articles(state, style)
    where = {id(u): k for k, u in keyed}
    return [where[id(u)] for u in state.units]


# ---------------------------------------------------------------------------
# output


@dataclass
class _Node:
    """A division of the new text (an old one, or one the decision adds)."""

    level: str  # 编 分编 章 节
    label: str
    heading: str
    children: list["_Node"] = field(default_factory=list)
    old: int | None = None
    parent: "_Node | None" = None


def _division_tree(document: Document, state: _State) -> tuple[list[_Node], list[_Node | None], bool]:
    """The new division tree, the node of each old division (None when deleted), and whether it changed."""
    nodes: list[_Node | None] = []

    def build(children, parent):  # type: ignore[no-untyped-def]
        out = []
        for child in children:
            if isinstance(child, Division):
                node = _Node(child.level.chinese, child.label, state.headings.get(len(nodes), child.heading),
                             old=len(nodes), parent=parent)
                nodes.append(node)
                node.children = build(child.children, node)
                out.append(node)
        return out

    root = build(document.body, None)
    changed = False

    def siblings(node: _Node) -> list[_Node]:
        return node.parent.children if node.parent is not None else root

    for ins in state.div_ops:
        if ins.op != "delete_division":
            continue
        idx = state.division(ins.targets[0], ins)
        node = nodes[idx]
        if node is None:
            raise state.fail(ins, "this 章/节 is deleted twice")
        sib = siblings(node)
        pos = sib.index(node)
        for child in node.children:
            child.parent = node.parent
        sib[pos : pos + 1] = node.children
        nodes[idx] = None
        changed = True
    # the last node added after an anchor ("after") or inside a parent ("in"): one node can be both
    last_after: dict[tuple[str, int], _Node] = {}
    for ins in state.div_ops:
        if ins.op != "add_division":
            continue
        new = _Node(ins.level, "", ins.paragraphs[0])
        if ins.anchor is not None:
            idx = state.division(ins.anchor, ins)
            anchor = nodes[idx]
            if anchor is None:
                raise state.fail(ins, "the 章/节 it follows is deleted")
            prev = last_after.get(("after", id(anchor)), anchor)
            new.parent = anchor.parent
            sib = siblings(anchor)
            sib.insert(sib.index(prev) + (1 if ins.where == "after" else 0), new)
            last_after[("after", id(anchor))] = new
        else:
            parent = nodes[state.division(ins.targets[0], ins)] if ins.targets else None
            new.parent = parent
            sib = parent.children if parent is not None else root
            key = ("in", id(parent) if parent is not None else 0)
            prev = last_after.get(key)
            sib.insert(sib.index(prev) + 1 if prev is not None else 0, new)
            last_after[key] = new
        state.added_nodes.append((ins, new))
        changed = True
    return root, nodes, changed


def _relabel(root: list[_Node], restart_chapters: bool) -> None:
    """Number 编 through the text, 分编 in each 编, 章 through the text (or per 编), 节 in each 章."""
    counters = {"编": 0, "分编": 0, "章": 0, "节": 0}

    def walk(nodes: list[_Node]) -> None:
        for node in nodes:
            counters[node.level] += 1
            if node.level == "编":
                counters["分编"] = 0
                if restart_chapters:
                    counters["章"] = 0
            if node.level == "章":
                counters["节"] = 0
            node.label = f"第{int_to_cn(counters[node.level])}{node.level}"
            walk(node.children)

    walk(root)


def _render(document: Document, state: _State, final: list[tuple[tuple[int, int], _Unit]]) -> str:
    """Canonical text of the new document (title, divisions, articles)."""
    root, nodes, changed = _division_tree(document, state)
    order: dict[int, int] = {}

    def number(ns: list[_Node]) -> None:
        for n in ns:
            order[id(n)] = len(order)
            number(n.children)

    number(root)
    overrides: list[tuple[tuple[tuple[int, int], tuple[int, int]], _Node]] = []
    for ins, node in state.added_nodes:
        overrides.extend((r, node) for r in ins.members)
    for ins in state.div_ops:
        if ins.op == "place":
            target = nodes[state.division(ins.to[0], ins)]
            if target is None:
                raise state.fail(ins, "the 章/节 is deleted")
            overrides.extend((r, target) for r in ins.members)
    # each unit's division: a 列入 statement, a hint, its own, or the previous unit's; never going back
    placed: list[tuple[_Node | None, tuple[int, int], _Unit]] = []
    prev: _Node | None = None
    pending: list[tuple[tuple[int, int], _Unit]] = []
    for key, unit in final:
        node = next((n for (lo, hi), n in overrides if lo <= key <= hi), None)
        if node is None:
            div = unit.div_hint if unit.div_hint is not None else unit.div
            node = nodes[div] if div is not None else None
        if node is None:
            if prev is None:
                pending.append((key, unit))
                continue
            node = prev
        if prev is not None and order[id(node)] < order[id(prev)]:
            node = prev
        for k, u in pending:
            placed.append((node, k, u))
        pending = []
        placed.append((node, key, unit))
        prev = node
    placed.extend((None, k, u) for k, u in pending)
    if changed:
        _relabel(root, document.chapters_restart())
    by_node: dict[int, list[tuple[tuple[int, int], _Unit]]] = {}
    for node, key, unit in placed:
        by_node.setdefault(id(node) if node is not None else 0, []).append((key, unit))
    lines = [document.title, ""] if document.title else []
    for key, unit in by_node.get(0, []):
        lines.extend(_article_lines(key, unit, state.items))

    def emit(ns: list[_Node]) -> None:
        for n in ns:
            lines.append("\u3000".join(x for x in (n.label, n.heading) if x))
            for key, unit in by_node.get(id(n), []):
                lines.extend(_article_lines(key, unit, state.items))
            emit(n.children)

    emit(root)
    return "\n".join(lines) + "\n"


def _article_lines(key: tuple[int, int], unit: _Unit, items: bool = False) -> list[str]:
    """The article as canonical text (the layout of :func:`lawdiff.io.text.write_text`).

    ``items``: the text is a decision whose units are items ``一、``, not articles.
    """
    if items and not key[1]:
        head = decision_label(key[0]) + (unit.heading_raw or "")
    else:
        head = article_label(*key) + "\u3000" + (unit.heading_raw or "")
    out: list[str] = []
    for n, clause in enumerate(unit.clauses):
        if n == 0:
            out.append(head + (clause.lead or ""))
        elif clause.lead is not None:
            out.append(clause.lead)
        for item in clause.items:
            out.extend(item.paras)
    if not unit.clauses:
        out.append(head)
    return out


# ---------------------------------------------------------------------------


def apply_decision(document: Document, decision: Decision, *, style: str | None = None,
                   source: str | None = None) -> Document:
    """Apply a parsed :class:`~lawdiff.instructions.Decision` to ``document``."""
    from .parse import parse

    src = source or "<decision>"
    state = _State(document, decision, src)
    for ins in decision.instructions:
        _HANDLERS[ins.op](state, ins)
    final = _settle_articles(state, style or decision.style)
    # articles turned into a later 款 of another article
    by_key = {k: u for k, u in final}
    for unit in state.units:
        if unit.into is None:
            continue
        (art, k) = unit.into
        host = by_key.get(art)
        if host is None:
            raise ParseError(f"{unit.name()} is moved into {article_label(*art)}, which the new text lacks", source=src)
        for c in unit.clauses:
            c.pin = None
        host.clauses[k - 1 : k - 1] = unit.clauses
    for _, unit in final:
        unit.clauses = _settle_unit(unit, state)
    text = _render(document, state, final)
    parsed = parse(text)
    return replace(document, body=parsed.body, notices=document.notices + parsed.notices)


def apply(document: Document, decision: str | Decision, *, style: str | None = None,
          source: str | None = None) -> Document:
    """Apply an amendment decision (text or parsed) to ``document`` and return the new Document.

    ``style`` overrides the numbering regime read from the decision
    (``"decision"``: renumber consecutively; ``"amendment"``: keep numbers,
    ``之一`` for new articles, ``（删去）`` for deleted ones).
    """
    parsed = decision if isinstance(decision, Decision) else parse_decision(decision, source=source)
    return apply_decision(document, parsed, style=style, source=source)
