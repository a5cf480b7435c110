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
from ..numerals import article_label, cn_to_int, int_to_cn, item_label, subitem_label
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
    if number < 0 or suffix < 0:  # the parser could not read the numeral (第二条之十十 -> suffix -1)
        return "?"
    if kind == "item":
        return int_to_cn(number) + "、"
    return article_label(number, suffix)


def _check_articles(units: list[Article], source: str, lang: str, amending: bool) -> Iterator[Finding]:
    """条 (and a decision's 一、二、) run on from the first without gap, repeat or step back.

    A text whose first 条 is not 第一条 is an excerpt (民法典's books published
    one by one) and says so with a warning; numbering is checked from its
    first article. The 条 of an amending text (修正案) go on from the previous
    amendment and quote the 条 they insert, so only its 一、二、 are checked.
    """
    for kind in ("article", "item"):
        seq = [u for u in units if u.kind == kind]
        if kind == "article" and amending:
            continue
        if kind == "article" and seq and seq[0].key > (1, 0) and not seq[0].suffix:
            yield finding("num.article.start", source, _line(seq[0]), lang, found=seq[0].label)
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
            prev_number = prev.number if prev else (unit.number - 1 if kind == "article" else 0)
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
            if kind == "item":
                yield from _absorbed_items(unit, source, lang)


_DECISION_LABEL = re.compile(r"^([一二三四五六七八九十百]+)、")


def _absorbed_items(unit: Article, source: str, lang: str) -> Iterator[Finding]:
    """Decision labels the parser kept inside ``unit`` because they were out of sequence.

    The parser only opens a new decision item on the expected next number
    (``一、`` is common inside text), so after a deleted ``七、`` the paragraph
    ``八、…`` stays a 款 of ``六、``; or a repeated ``六、`` stays inside the
    first. Such a paragraph is the numbering fault itself.
    """
    last = unit.number
    for para in paragraphs(unit):
        if para.clause == 1 or para.item is not None:
            continue
        match = _DECISION_LABEL.match(para.text)
        if not match:
            continue
        try:
            number = cn_to_int(match.group(1))
        except ValueError:
            continue
        previous, last = last, number
        if number == previous + 1 and previous != unit.number:
            continue  # 九、 after an absorbed 八、: the run goes on, one fault only
        if number > unit.number + 1:
            yield finding("num.article.gap", source, para.line, lang, prev=unit.label,
                          expected=_label(unit.number + 1, 0, "item"), found=match.group(0))
        elif number <= unit.number:
            yield finding("num.article.repeat" if number == unit.number else "num.article.order", source,
                          para.line, lang, label=match.group(0), first=_line(unit) or "?", prev=unit.label,
                          found=match.group(0))


def _sequence_breaks(numbers: list[int], start: int = 0) -> Iterator[tuple[int, int, int]]:
    """``(index, previous, found)`` wherever ``numbers`` does not run start+1, start+2…; resyncs after each break."""
    prev = start
    for index, number in enumerate(numbers):
        if number != prev + 1:
            yield index, prev, number
        prev = number


_LEVEL_ORDER = (Level.BOOK, Level.SUBBOOK, Level.CHAPTER, Level.SECTION)


def _toc_entries(document: Document) -> set[int]:
    """Ids of empty divisions repeated later with articles: a 目录 the source did not title.

    (北京中轴线文化遗产保护条例 lists ``第一章 总则`` … before the body
    without a ``目　　录`` line.) They are neither empty units nor numbered.
    """
    def key(d: Division) -> tuple:
        return (d.level, d.number, re.sub(r"\s+", "", d.heading or ""))

    divisions = list(document.divisions())
    full = {key(d) for d in divisions if any(True for _ in d.articles())}
    return {id(d) for d in divisions if not any(True for _ in d.articles()) and key(d) in full}


def _division_groups(document: Document, level: Level, by_parent: bool) -> list[list[Division]]:
    """Divisions of ``level`` grouped by their nearest enclosing division (or all together)."""
    groups: dict[int, list[Division]] = {}
    toc = _toc_entries(document)

    def walk(nodes: Iterable, parent_id: int) -> None:
        for node in nodes:
            if isinstance(node, Division) and id(node) not in toc:
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

    Only （一）-style items are sequenced here: 1.-style lines that the parser
    kept at item level (after a plain paragraph, 种子法 art.90) are not.
    Items may go on in the next 款 when a plain paragraph interrupts them
    (an explanatory paragraph after （二）, then （三）), as in 上海市燃气管理条例
    art.52 and in the 1. 2. lists of packaged amendment decisions.
    """
    name = _unit_name(unit)
    last_item = 0
    for clause in unit.clauses:
        items = [i for i in clause.items if not _CITATION_LIKE.search(i.text) and not i.label[:1].isdigit()]
        if not items:
            continue
        start = last_item if last_item and items[0].number == last_item + 1 else 0
        last_item = items[-1].number
        for index, prev, found in _sequence_breaks([i.number for i in items], start):
            item = items[index]
            yield finding(
                "num.item.sequence", source, _line(item, _line(clause, _line(unit))), lang,
                unit=name, clause=clause.index, clause_cn=int_to_cn(clause.index),
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
    "no-previous-clause": ("{unit}第{clause_cn}款", "clause {clause} of {unit}"),
    "no-previous-article": ("{unit}", "{unit}"),
    "no-previous-item": ("{unit}第{clause_cn}款的第一项", "the first item of clause {clause} of {unit}"),
    "no-current-item": ("{unit}第{clause_cn}款的款文中", "the lead text of clause {clause} of {unit}"),
}


_OTHER = Address(0)  # anchor: the last article named in the paragraph belongs to another act


def _bare(ref: Reference) -> bool:
    """A bare ``第二款``/``第三项`` (no 本条, 前款, act or article before it)."""
    return ref.scope == "relative" and ref.text.startswith("第")


def _check_reference(
    ref: Reference,
    para: Paragraph,
    index: UnitIndex,
    source: str,
    lang: str,
    *,
    absolute_ok: bool,
    anchor: Address | None,
    bounds: tuple[int, int] | None,
) -> Iterator[Finding]:
    """Findings for one reference written in ``para``.

    ``anchor`` is the last article named earlier in the same paragraph: a bare
    ``第（四）项`` after ``本法第二十二条第一款`` speaks of that article's items
    (海商法 art.23), so a bare reference is accepted when it exists either in
    the anchor or in the current article. A bare reference or an unscoped
    ``第X条`` after a reference to another act (``刑法第一百二十条之一…或者第一百九十一条``)
    speaks of that act and is skipped. ``bounds`` are the first and last article numbers of an
    excerpt: references outside them cannot be checked.
    """
    unit = para.unit
    context = Context(unit.number, unit.suffix, para.clause, para.item)
    bare = _bare(ref)
    if (bare or ref.scope == "unscoped") and anchor is _OTHER:
        return  # …刑法第一百二十条之一…或者第一百九十一条: the same other act
    for target in ref.targets:
        ends = [target.first] if target.last is None else [target.first, target.last]
        resolved: list[Address] = []
        for locator in ends:
            if locator.base == "absolute":
                if not absolute_ok:
                    return
                if bounds is not None and not bounds[0] <= locator.article <= bounds[1]:
                    return
            if locator.base == "previous_items" and para.item is None:
                continue  # 前项 in a clause's lead text: no item context to check against
            if locator.base == "item" and para.item is None:
                continue
            resolution = resolve(locator, context)
            if resolution.problem:
                zh, en = _WHERE[resolution.problem]
                where = (zh if lang == "zh" else en).format(
                    unit=_unit_name(unit), clause=para.clause, clause_cn=int_to_cn(para.clause)
                )
                text = ref.text[target.start - ref.start : target.end - ref.start]
                yield finding("ref.previous.none", source, para.line, lang, text=text, where=where)
                continue
            for address in resolution.addresses:
                resolved.append(address)
                missing = lookup(address, index)
                if missing is None:
                    continue
                if bare and anchor is not None:
                    clause = locator.clause if locator.clause is not None else anchor.clause
                    alternative = Address(anchor.article, anchor.suffix, clause, locator.item, locator.subitem)
                    if lookup(alternative, index) is None:
                        continue
                yield _missing_finding(missing, address, unit.kind, ref, para, index, source, lang)
        if target.last is not None and len(resolved) == 2:
            a, b = resolved
            ka = (a.article, a.suffix, a.clause or 0, a.item or 0, a.subitem or 0)
            kb = (b.article, b.suffix, b.clause or 0, b.item or 0, b.subitem or 0)
            if ka >= kb:
                yield finding("ref.range.order", source, para.line, lang, text=ref.text)


def _missing_finding(
    missing: str, address: Address, kind: str, ref: Reference, para: Paragraph, index: UnitIndex, source: str,
    lang: str,
) -> Finding:
    target_text = _describe(address, kind)
    if missing == "article":
        return finding("ref.article.missing", source, para.line, lang, target=target_text, text=ref.text)
    article = index.articles[(address.article, address.suffix)]
    if missing == "clause":
        return finding(
            "ref.clause.missing", source, para.line, lang,
            target=target_text, article=_unit_name(article), count=len(article.clauses), text=ref.text,
        )
    if missing == "item":
        clauses = [article.clauses[address.clause - 1]] if address.clause is not None else article.clauses
        count = max((len(c.items) for c in clauses), default=0)
        return finding("ref.item.missing", source, para.line, lang, target=target_text, count=count, text=ref.text)
    return finding("ref.subitem.missing", source, para.line, lang, target=target_text, text=ref.text)


def _check_references(document: Document, units: list[Article], source: str, lang: str) -> Iterator[Finding]:
    if is_amending(document):
        return
    index = UnitIndex.of(units)
    articles = [u for u in units if u.kind == "article"]
    has_articles = bool(articles)
    bounds = None
    if articles and articles[0].number > 1:
        bounds = (articles[0].number, max(u.number for u in articles))
    for unit in units:
        if unit.deleted_placeholder:
            continue
        for para in paragraphs(unit):
            anchor: Address | None = None
            for ref in find_references(para.text):
                if ref.quoted:
                    continue
                if ref.scope == "other":
                    anchor = _OTHER
                    continue
                if anchor is _OTHER and (ref.scope == "unscoped" or _bare(ref)):
                    continue  # …刑法第二百二十一条…，第二百七十八条…，第二百九十一条之一…: the same act
                yield from _check_reference(
                    ref, para, index, source, lang, absolute_ok=has_articles, anchor=anchor, bounds=bounds
                )
                last = ref.targets[-1].last or ref.targets[-1].first
                if last.base == "absolute":
                    anchor = Address(last.article or 0, last.suffix, last.clause)
                elif not _bare(ref):
                    anchor = None


# ---------------------------------------------------------------------------
# form


def _check_brackets(unit: Article, source: str, lang: str) -> Iterator[Finding]:
    """（）()【】[]〔〕《》〈〉 pair up within the unit.

    Brackets nest and must close in order. A bracket may stay open over
    paragraphs of the same unit (a note in parentheses under a tax table,
    个人所得税法 art.3's （注1：…）); it is reported at the line where it opened
    when the unit ends, and a closer that closes nothing where it stands.
    """
    stack: list[tuple[str, str, int | None, str]] = []
    for para in paragraphs(unit):
        text = para.text
        for pos, char in enumerate(text):
            if char in _BRACKETS:
                kind, _closer = _BRACKETS[char]
                stack.append((kind, char, para.line, text[pos : pos + 10]))
            elif char in _CLOSERS:
                kind = _CLOSERS[char]
                if stack and stack[-1][0] == kind:
                    stack.pop()
                    continue
                snippet = text[max(0, pos - 8) : pos + 1]
                detail = (f"“{char}”没有对应的左括号：…{snippet}" if lang == "zh"
                          else f"'{char}' closes nothing: …{snippet}")
                yield finding("form.bracket", source, para.line, lang, detail=detail)
    for _kind, char, line, snippet in stack[:1]:
        detail = f"“{char}”没有闭合：{snippet}…" if lang == "zh" else f"'{char}' is never closed: {snippet}…"
        yield finding("form.bracket", source, line, lang, detail=detail)


def _check_quotes(unit: Article, source: str, lang: str) -> Iterator[Finding]:
    """“” across the unit's paragraphs, ‘’ and straight quotes per paragraph.

    A quotation may run over several paragraphs of a unit: the NPC reopens “
    on each continuation paragraph, the SPC's amendment decisions do not, and
    both are accepted. A quotation still open at the end of the unit, a “
    inside an open quotation (other than at the start of a paragraph) and a ”
    that closes nothing are reported.
    """
    open_line: int | None = None
    open_text = ""
    for para in paragraphs(unit):
        text = para.text
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
        yield from _check_brackets(unit, source, lang)
        for para in paragraphs(unit):
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
    toc = _toc_entries(document)
    for division in document.divisions():
        if id(division) not in toc and not any(True for _ in division.articles()):
            yield finding("form.empty", source, _line(division), lang, unit=division.label)
    for notice in document.notices:
        if notice.severity == "warning":
            text = notice.text if len(notice.text) <= 30 else notice.text[:29] + "…"
            yield finding("form.unplaced", source, notice.line, lang, message=notice.message, text=text)
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
    amending = is_amending(document)
    found += _check_articles(units, name, lang, amending)
    if not amending:  # a 修正案 quotes the headings it inserts (宪法修正案 2018: 第七节 监察委员会)
        found += _check_divisions(document, name, lang)
    if not is_amending(document):  # an amendment's 项/目 mix its own list with the quoted payload's
        for unit in units:
            found += _check_items(unit, name, lang)
    found += _check_references(document, units, name, lang)
    found += _check_form(document, units, name, lang)
    return tuple(sorted(found, key=lambda f: (f.line if f.line is not None else 1 << 30)))
