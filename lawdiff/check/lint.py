"""Structure, cross-reference and form rules over one parsed :class:`~lawdiff.model.Document`.

:func:`lint` is a pure function: Document in, findings out, each with its rule
id, severity, message (Chinese or English) and source line. It never reads
files; :func:`lawdiff.check.check` does that.

What the rules know about real texts (each learned from the corpora):

- 修正案-regime texts keep ``（删去）`` slots and insert ``之一`` articles, so
  a slot is a unit like any other and ``之一`` must follow its base article.
- Decisions number their units ``一、二、``; these run on like 条. A decision
  that amends another act (``关于修改…的决定``, ``修正案``) speaks of *that*
  act's articles (``将第十四条修改为``, ``增加一款，作为第三款``), so none of
  its references is resolved against the decision itself.
- Text in quotation marks (an amendment's payload ``“本法第X条…”``) and
  references to other acts (``《…》第X条``, ``刑法第X条``) are left alone.
- ``第X条第Y项`` is the form for an article with one 款: the item is looked
  up in the article's clauses.
- 章 may run across the whole text (民事诉讼法) or restart in each 编 (民法典);
  节 restart in each 章. Either reading is accepted, whichever fits better.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..model import Article, Clause, Division, Document, Item, Level
from ..numerals import article_label, int_to_cn, item_label, subitem_label
from ..refs import Address, Context, Reference, UnitIndex, find_references, lookup, resolve
from .rules import Finding, finding

__all__ = ["lint", "Paragraph", "paragraphs", "is_amending"]

_AMENDING_TITLE = re.compile(r"关于修改|修正案|修改.*的决定|关于废止|废止.*的决定|修改决定")
_COMMENCEMENT = re.compile(r"施行|生效")
_BRACKETS = {"（": ("paren", "）"), "(": ("paren", "）"), "【": ("square", "】"), "[": ("square", "】"),
             "〔": ("tortoise", "〕"), "《": ("title", "》"), "〈": ("inner", "〉")}
_CLOSERS = {"）": "paren", ")": "paren", "】": "square", "]": "square", "〕": "tortoise", "》": "title",
            "〉": "inner"}
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_HALF_IN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[,;:?!()]|[,;:?!()](?=[\u4e00-\u9fff])")
_PLACEHOLDER = re.compile(r"^[（(]\s*(?:删去|删除|已删除|略)\s*[）)]。?$")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a unit with where it sits: the text as in the source, its line and context."""

    text: str
    line: int | None
    unit: Article
    clause: int
    item: int | None = None
    subitem: int | None = None


def _line(node: Article | Clause | Item | Division | None, fallback: int | None = None) -> int | None:
    span = getattr(node, "span", None)
    return span.start if span is not None else fallback


def paragraphs(unit: Article) -> Iterator[Paragraph]:
    """The paragraphs of ``unit`` in reading order: each clause's lead text, its items, their sub-items."""
    unit_line = _line(unit)
    for clause in unit.clauses:
        cline = _line(clause, unit_line)
        if clause.text or not clause.items:
            yield Paragraph(clause.text, cline, unit, clause.index)
        for item in clause.items:
            iline = _line(item, cline)
            yield Paragraph(item.label + item.text, iline, unit, clause.index, item.number)
            for sub in item.subitems:
                yield Paragraph(sub.label + sub.text, _line(sub, iline), unit, clause.index, item.number, sub.number)


def is_amending(document: Document) -> bool:
    """True for a text that amends another act (修改决定, 修正案): its references speak of that act."""
    if document.kind == "amendment":
        return True
    return bool(_AMENDING_TITLE.search(document.title or ""))


def _unit_name(unit: Article) -> str:
    return unit.label.rstrip("、．. 　") if unit.kind == "item" else unit.label


# ---------------------------------------------------------------------------
# numbering


def _label(number: int, suffix: int, kind: str) -> str:
    if kind == "item":
        return int_to_cn(number) + "、"
    return article_label(number, suffix)


def _check_articles(units: list[Article], source: str, lang: str) -> Iterator[Finding]:
    for kind in ("article", "item"):
        seq = [u for u in units if u.kind == kind]
        seen: dict[tuple[int, int], int | None] = {}
        prev: Article | None = None
        for unit in seq:
            line = _line(unit)
            key = unit.key
            if key in seen:
                first = seen[key]
                yield finding("num.article.repeat", source, line, lang, label=unit.label, first=first or "?")
                prev = unit
                continue
            seen[key] = line
            prev_label = prev.label if prev else ("（开头）" if lang == "zh" else "(start)")
            prev_number = prev.number if prev else 0
            if unit.suffix:
                wanted = (unit.number, unit.suffix - 1)
                if prev is None or prev.key != wanted:
                    yield finding(
                        "num.article.suffix", source, line, lang,
                        found=unit.label, expected=_label(*wanted, kind), prev=prev_label,
                    )
            elif unit.number != prev_number + 1:
                if unit.number > prev_number + 1:
                    yield finding(
                        "num.article.gap", source, line, lang,
                        prev=prev_label, expected=_label(prev_number + 1, 0, kind), found=unit.label,
                    )
                else:
                    yield finding("num.article.order", source, line, lang, prev=prev_label, found=unit.label)
            prev = unit


def _sequence_breaks(numbers: list[int], start: int = 0) -> Iterator[tuple[int, int, int]]:
    """``(index, previous, found)`` wherever ``numbers`` does not run start+1, start+2…; resyncs after each break."""
    prev = start
    for index, number in enumerate(numbers):
        if number != prev + 1:
            yield index, prev, number
        prev = number


_LEVEL_ORDER = (Level.BOOK, Level.SUBBOOK, Level.CHAPTER, Level.SECTION)


def _division_groups(document: Document, level: Level, by_parent: bool) -> list[list[Division]]:
    """Divisions of ``level`` grouped by their nearest enclosing division (or all together)."""
    groups: dict[int, list[Division]] = {}

    def walk(nodes: Iterable, parent_id: int) -> None:
        for node in nodes:
            if isinstance(node, Division):
                if node.level == level:
                    groups.setdefault(parent_id if by_parent else 0, []).append(node)
                walk(node.children, id(node) if by_parent else 0)

    walk(document.body, 0)
    return list(groups.values())


def _loose_units_before(document: Document, division: Division) -> bool:
    """Whether articles stand directly in the body (outside any division) before ``division``."""
    for node in document.body:
        if node is division or (isinstance(node, Division) and any(d is division for d in _walk(node))):
            return False
        if isinstance(node, Article):
            return True
    return False


def _walk(division: Division) -> Iterator[Division]:
    yield division
    for child in division.children:
        if isinstance(child, Division):
            yield from _walk(child)


def _check_divisions(document: Document, source: str, lang: str) -> Iterator[Finding]:
    for level in _LEVEL_ORDER:
        readings = []
        for by_parent in (False, True):
            breaks = []
            for group in _division_groups(document, level, by_parent):
                numbered = [d for d in group if d.number > 0]
                for index, prev, found in _sequence_breaks([d.number for d in numbered]):
                    breaks.append((numbered[index], numbered[index - 1] if index else None, prev, found))
            readings.append(breaks)
        best = min(readings, key=len)
        for division, before, prev, found in best:
            if before is None and prev == 0 and found == 2 and _loose_units_before(document, division):
                yield finding(
                    "num.division.missing", source, _line(division), lang,
                    level=level.chinese, expected=f"第一{level.chinese}", found=division.label,
                )
                continue
            yield finding(
                "num.division.sequence", source, _line(division), lang,
                level=level.chinese,
                context="",
                prev=before.label if before else ("（开头）" if lang == "zh" else "(start)"),
                expected=f"第{int_to_cn(prev + 1)}{level.chinese}",
                found=division.label,
            )


#: An "item" whose text goes on like a citation: （一）至（三）项所列人员 — the label is a reference, not a 项.
_CITATION_LIKE = re.compile(r"^(?:[至、和及或]|或者|以及)[（(][一二三四五六七八九十]+[）)]")


def _check_items(unit: Article, source: str, lang: str) -> Iterator[Finding]:
    """项 run （一）（二）… inside each 款; 目 1. 2. inside each 项.

    Items may go on in the next 款 when a plain paragraph interrupts them
    (an explanatory paragraph after （二）, then （三）), as in 上海市燃气管理条例
    art.52 and in the 1. 2. lists of packaged amendment decisions.
    """
    name = _unit_name(unit)
    last_item = 0
    for clause in unit.clauses:
        items = [i for i in clause.items if not _CITATION_LIKE.search(i.text)]
        if not items:
            continue
        start = last_item if last_item and items[0].number == last_item + 1 else 0
        last_item = items[-1].number
        for index, prev, found in _sequence_breaks([i.number for i in items], start):
            item = items[index]
            yield finding(
                "num.item.sequence", source, _line(item, _line(clause, _line(unit))), lang,
                unit=name, clause=clause.index,
                prev=items[index - 1].label if index else ("（开头）" if lang == "zh" else "(start)"),
                expected=item_label(prev + 1), found=item.label,
            )
        for item in clause.items:
            for index, prev, found in _sequence_breaks([s.number for s in item.subitems]):
                sub = item.subitems[index]
                yield finding(
                    "num.subitem.sequence", source, _line(sub, _line(item)), lang,
                    unit=name, item=item.label,
                    prev=item.subitems[index - 1].label if index else ("（开头）" if lang == "zh" else "(start)"),
                    expected=subitem_label(prev + 1), found=sub.label,
                )


# ---------------------------------------------------------------------------
# references


def _describe(address: Address, kind: str = "article") -> str:
    text = _label(address.article, address.suffix, kind) if kind == "article" else int_to_cn(address.article) + "、"
    if address.clause is not None:
        text += f"第{int_to_cn(address.clause)}款"
    if address.item is not None:
        text += f"第{int_to_cn(address.item)}项"
    if address.subitem is not None:
        text += f"第{address.subitem}目"
    return text


_WHERE = {
    "no-previous-clause": ("{unit}第{clause}款", "clause {clause} of {unit}"),
    "no-previous-article": ("{unit}", "{unit}"),
    "no-previous-item": ("{unit}第{clause}款的第一项", "the first item of clause {clause} of {unit}"),
    "no-current-item": ("{unit}第{clause}款的款文中", "the lead text of clause {clause} of {unit}"),
}


def _check_reference(
    ref: Reference, para: Paragraph, index: UnitIndex, source: str, lang: str, absolute_ok: bool
) -> Iterator[Finding]:
    unit = para.unit
    context = Context(unit.number, unit.suffix, para.clause, para.item)
    for target in ref.targets:
        ends = [target.first] if target.last is None else [target.first, target.last]
        resolved: list[Address] = []
        for locator in ends:
            if locator.base == "absolute" and not absolute_ok:
                return
            if locator.base == "previous_items" and para.item is None:
                continue  # 前项 in a clause's lead text: no item context to check against
            if locator.base == "item" and para.item is None:
                continue
            resolution = resolve(locator, context)
            if resolution.problem:
                zh, en = _WHERE[resolution.problem]
                where = (zh if lang == "zh" else en).format(unit=_unit_name(unit), clause=para.clause)
                text = ref.text[target.start - ref.start : target.end - ref.start]
                yield finding("ref.previous.none", source, para.line, lang, text=text, where=where)
                continue
            for address in resolution.addresses:
                resolved.append(address)
                missing = lookup(address, index)
                if missing is None:
                    continue
                kind = unit.kind
                target_text = _describe(address, kind)
                if missing == "article":
                    yield finding("ref.article.missing", source, para.line, lang, target=target_text, text=ref.text)
                elif missing == "clause":
                    article = index.articles[(address.article, address.suffix)]
                    yield finding(
                        "ref.clause.missing", source, para.line, lang,
                        target=target_text, article=_unit_name(article), count=len(article.clauses), text=ref.text,
                    )
                elif missing == "item":
                    article = index.articles[(address.article, address.suffix)]
                    clauses = (
                        [article.clauses[address.clause - 1]] if address.clause is not None else article.clauses
                    )
                    count = max((len(c.items) for c in clauses), default=0)
                    yield finding(
                        "ref.item.missing", source, para.line, lang, target=target_text, count=count, text=ref.text
                    )
                else:
                    yield finding("ref.subitem.missing", source, para.line, lang, target=target_text, text=ref.text)
        if target.last is not None and len(resolved) == 2:
            a, b = resolved
            ka = (a.article, a.suffix, a.clause or 0, a.item or 0, a.subitem or 0)
            kb = (b.article, b.suffix, b.clause or 0, b.item or 0, b.subitem or 0)
            if ka >= kb:
                yield finding("ref.range.order", source, para.line, lang, text=ref.text)


def _check_references(document: Document, units: list[Article], source: str, lang: str) -> Iterator[Finding]:
    if is_amending(document):
        return
    index = UnitIndex.of(units)
    has_articles = any(u.kind == "article" for u in units)
    for unit in units:
        if unit.deleted_placeholder:
            continue
        for para in paragraphs(unit):
            for ref in find_references(para.text):
                if not ref.internal:
                    continue
                yield from _check_reference(ref, para, index, source, lang, absolute_ok=has_articles)


# ---------------------------------------------------------------------------
# form


def _bracket_problem(text: str, lang: str) -> str | None:
    stack: list[tuple[str, str, int]] = []
    for pos, char in enumerate(text):
        if char in _BRACKETS:
            kind, closer = _BRACKETS[char]
            stack.append((kind, char, pos))
        elif char in _CLOSERS:
            kind = _CLOSERS[char]
            if stack and stack[-1][0] == kind:
                stack.pop()
                continue
            snippet = text[max(0, pos - 8) : pos + 1]
            return (f"“{char}”没有对应的左括号：…{snippet}" if lang == "zh"
                    else f"'{char}' closes nothing: …{snippet}")
    if stack:
        kind, char, pos = stack[-1]
        snippet = text[pos : pos + 10]
        return (f"“{char}”没有闭合：{snippet}…" if lang == "zh" else f"'{char}' is never closed: {snippet}…")
    return None


def _check_quotes(unit: Article, source: str, lang: str) -> Iterator[Finding]:
    """“” across the unit's paragraphs, ‘’ and straight quotes per paragraph.

    A quotation may run over several paragraphs when each continuation
    paragraph reopens with “ (the convention of amendment payloads); a
    paragraph that ends inside a quotation not continued that way is reported
    at the line where the quotation opened.
    """
    open_line: int | None = None
    open_text = ""
    for para in paragraphs(unit):
        text = para.text
        if open_line is not None and not text.startswith("“"):
            yield finding("form.quote", source, open_line, lang, detail=_quote_detail("“", open_text, lang, unclosed=True))
            open_line = None
        for pos, char in enumerate(text):
            if char == "“":
                if open_line is not None and pos > 0:
                    yield finding("form.quote", source, open_line, lang,
                                  detail=_quote_detail("“", open_text, lang, unclosed=True))
                if open_line is None or pos > 0:
                    open_line, open_text = para.line, text[pos : pos + 12]
            elif char == "”":
                if open_line is None:
                    snippet = text[max(0, pos - 10) : pos + 1]
                    yield finding("form.quote", source, para.line, lang,
                                  detail=_quote_detail("”", snippet, lang, unclosed=False))
                open_line = None
        depth = 0
        for char in text:
            if char == "‘":
                depth += 1
            elif char == "’":
                depth -= 1
                if depth < 0:
                    break
        if depth != 0:
            yield finding("form.quote", source, para.line, lang,
                          detail=("单引号‘’不配对" if lang == "zh" else "‘ and ’ do not pair up"))
        if text.count('"') % 2:
            yield finding("form.quote", source, para.line, lang,
                          detail=('直引号"为奇数个' if lang == "zh" else 'odd number of straight quotes "'))
    if open_line is not None:
        yield finding("form.quote", source, open_line, lang, detail=_quote_detail("“", open_text, lang, unclosed=True))


def _quote_detail(char: str, snippet: str, lang: str, *, unclosed: bool) -> str:
    if unclosed:
        return f"前引号{char}没有闭合：{snippet}…" if lang == "zh" else f"opening {char} is never closed: {snippet}…"
    return f"后引号{char}没有对应的前引号：…{snippet}" if lang == "zh" else f"closing {char} has no opening quote: …{snippet}"


def _check_form(document: Document, units: list[Article], source: str, lang: str) -> Iterator[Finding]:
    headings: dict[str, Article] = {}
    for unit in units:
        unit_line = _line(unit)
        name = _unit_name(unit)
        if not any(p.text.strip() for p in paragraphs(unit)) and not unit.heading:
            yield finding("form.empty", source, unit_line, lang, unit=name)
        for clause in unit.clauses:
            if not clause.text.strip() and not clause.items and len(unit.clauses) > 1:
                yield finding("form.empty", source, _line(clause, unit_line), lang, unit=f"{name}第{int_to_cn(clause.index)}款")
            for item in clause.items:
                if not item.text.strip() and not item.subitems:
                    yield finding("form.empty", source, _line(item, unit_line), lang, unit=f"{name}{item.label}")
        for para in paragraphs(unit):
            problem = _bracket_problem(para.text, lang)
            if problem:
                yield finding("form.bracket", source, para.line, lang, detail=problem)
            if _CJK.search(para.text):
                match = _HALF_IN_CJK.search(para.text)
                if match:
                    char = match.group(0)
                    context = para.text[max(0, match.start() - 6) : match.end() + 6]
                    yield finding("form.width", source, para.line, lang, char=char, full=_HALF_TO_FULL[char],
                                  context=context)
        yield from _check_quotes(unit, source, lang)
        if unit.heading:
            key = re.sub(r"\s+", "", unit.heading)
            if key in headings:
                first = headings[key]
                yield finding("form.heading.duplicate", source, unit_line, lang, heading=unit.heading,
                              label=unit.label, first=_line(first) or "?", first_label=first.label)
            else:
                headings[key] = unit
    for division in document.divisions():
        if not any(True for _ in division.articles()):
            yield finding("form.empty", source, _line(division), lang, unit=division.label)
    texts = [p.text for u in units for p in paragraphs(u)]
    texts += list(document.intro) + [n.text for n in document.notices]
    if units and not any(_COMMENCEMENT.search(t) for t in texts):
        yield finding("form.commencement", source, None, lang)


# ---------------------------------------------------------------------------


def lint(document: Document, *, lang: str = "zh", source: str | None = None) -> tuple[Finding, ...]:
    """All structure, reference and form findings for ``document``, sorted by line.

    ``source`` names the text in findings (default ``document.source`` or ``<text>``).
    """
    name = source or document.source or "<text>"
    units = list(document.units())
    found: list[Finding] = []
    found += _check_articles(units, name, lang)
    found += _check_divisions(document, name, lang)
    for unit in units:
        found += _check_items(unit, name, lang)
    found += _check_references(document, units, name, lang)
    found += _check_form(document, units, name, lang)
    return tuple(sorted(found, key=lambda f: (f.line if f.line is not None else 1 << 30)))
