"""Seeded faults: real corpus texts, one fault at a time, each caught by the right rule at the right line.

Every fault is made on the source lines of a real text (delete an article,
duplicate one, break a 项 sequence, point a reference past the end, put 前款
in a first clause, unbalance a quote or a bracket, cite a 款 the article does
not have), the text is parsed again and linted, and the expected finding
(rule id, line) must be among the errors. The unmodified texts give no error.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

import lawdiff
from lawdiff.check import lint
from lawdiff.model import Article, Document
from lawdiff.numerals import int_to_cn

TEXTS = (
    "cn_legislation_law_2023.md",
    "cn_biosecurity_law_2020.md",
    "cn_anti_monopoly_law_2022.md",
    "cn_foreign_trade_law_2022.md",
    "cn_consumer_protection_law_2013.md",
    "cn_legal_aid_law_2021.md",
    "shanghai_business_env_reg_2024.md",
    "chongqing_railway_safety_reg_2022.md",
    "cn_railway_safety_regulation_2013.md",
    "henan_social_credit_reg_2019.md",
    "yunnan_chishui_joint_decision_2021.md",
)


@dataclass(frozen=True)
class Fault:
    kind: str
    lines: list[str]
    rule: str
    line: int


def _units(doc: Document) -> list[Article]:
    return [u for u in doc.units() if not u.deleted_placeholder]


def _pick(doc: Document, where: float, ok: Callable[[Article], bool] = lambda u: True) -> Article:
    units = _units(doc)
    start = int(len(units) * where)
    for unit in units[start:] + units[:start]:
        if ok(unit):
            return unit
    raise LookupError("no unit fits")


def delete_article(doc: Document, lines: list[str]) -> Fault:
    units = _units(doc)
    for i in range(len(units) // 3, len(units) - 1):
        unit, nxt = units[i], units[i + 1]
        if not unit.suffix and not nxt.suffix and nxt.number == unit.number + 1 and unit.path == nxt.path:
            start, end = unit.span.start, nxt.span.start - 1  # the unit and the blank lines after it
            removed = end - start + 1
            return Fault("delete", lines[: start - 1] + lines[end:], "num.article.gap", nxt.span.start - removed)
    raise LookupError("no deletable unit")


def duplicate_article(doc: Document, lines: list[str]) -> Fault:
    unit = _pick(doc, 0.5)
    block = lines[unit.span.start - 1 : unit.span.end]
    new = lines[: unit.span.end] + [""] + block + lines[unit.span.end :]
    return Fault("duplicate", new, "num.article.repeat", unit.span.end + 2)


def break_items(doc: Document, lines: list[str]) -> Fault:
    for unit in _units(doc)[len(_units(doc)) // 4 :] + _units(doc):
        for clause in unit.clauses:
            for item in clause.items[1:]:
                if item.label in ("（二）", "(二)") and clause.items[0].number == 1:
                    index = item.span.start - 1
                    new = list(lines)
                    new[index] = new[index].replace(item.label, item.label[0] + "三" + item.label[-1], 1)
                    return Fault("items", new, "num.item.sequence", item.span.start)
    raise LookupError("no item list")


def _append(lines: list[str], line: int, text: str) -> list[str]:
    new = list(lines)
    new[line - 1] = new[line - 1].rstrip() + text
    return new


def reference_past_end(doc: Document, lines: list[str]) -> Fault:
    units = _units(doc)
    if all(u.kind == "item" for u in units):
        unit = _pick(doc, 0.5, lambda u: len(u.clauses) < 9)
        line = unit.clauses[0].span.start
        return Fault("ref-clause", _append(lines, line, "依照本条第九款的规定办理。"), "ref.clause.missing", line)
    last = max(u.number for u in units)
    unit = _pick(doc, 0.5)
    line = unit.clauses[-1].span.start if not unit.clauses[-1].items else unit.clauses[-1].items[-1].span.start
    scope = next((f"本{w}" for w in ("条例", "办法", "规定", "法") if doc.title.endswith(w)), "")
    text = f"依照{scope}第{int_to_cn(last + 7)}条的规定办理。"
    return Fault("ref-article", _append(lines, line, text), "ref.article.missing", line)


def clause_past_end(doc: Document, lines: list[str]) -> Fault:
    unit = _pick(doc, 0.7, lambda u: len(u.clauses) < 6 and not u.clauses[0].items)
    line = unit.clauses[0].span.start
    text = f"依照本条第{int_to_cn(len(unit.clauses) + 3)}款的规定办理。"
    return Fault("ref-clause", _append(lines, line, text), "ref.clause.missing", line)


def previous_in_first_clause(doc: Document, lines: list[str]) -> Fault:
    unit = _pick(doc, 0.3, lambda u: not u.clauses[0].items)
    line = unit.clauses[0].span.start
    return Fault("first-clause", _append(lines, line, "前款规定的情形除外。"), "ref.previous.none", line)


def _no_marks(unit: Article, marks: str) -> bool:
    return not any(ch in unit.text for ch in marks) and not unit.clauses[0].items


def unbalance_quote(doc: Document, lines: list[str]) -> Fault:
    unit = _pick(doc, 0.6, lambda u: _no_marks(u, "“”‘’\""))
    line = unit.clauses[0].span.start
    new = list(lines)
    cut = len(new[line - 1]) // 2
    new[line - 1] = new[line - 1][:cut] + "“" + new[line - 1][cut:]
    return Fault("quote", new, "form.quote", line)


def unbalance_bracket(doc: Document, lines: list[str]) -> Fault:
    unit = _pick(doc, 0.8, lambda u: _no_marks(u, "（）()【】〔〕《》"))
    line = unit.clauses[-1].span.start
    return Fault("bracket", _append(lines, line, "（见附件"), "form.bracket", line)


FAULTS = (
    delete_article,
    duplicate_article,
    break_items,
    reference_past_end,
    clause_past_end,
    previous_in_first_clause,
    unbalance_quote,
    unbalance_bracket,
)


def _source(corpora: Path, name: str) -> tuple[Document, list[str]]:
    text = (corpora / name).read_text(encoding="utf-8")
    return lawdiff.parse(text, source=name), text.split("\n")


def _errors(doc: Document) -> set[tuple[str, int | None]]:
    return {(f.rule, f.line) for f in lint(doc) if f.severity == "error"}


@pytest.mark.parametrize("name", TEXTS)
def test_unmodified_text_has_no_errors(corpora: Path, name: str) -> None:
    doc, _ = _source(corpora, name)
    assert _errors(doc) == set()


def test_all_corpus_texts_pass(corpora: Path) -> None:
    for path in sorted(corpora.glob("*.md")):
        if path.name in ("INDEX.md", "README.md"):
            continue
        doc = lawdiff.read(path)
        errors = [f for f in lint(doc) if f.severity == "error"]
        assert errors == [], (path.name, errors[:3])


@pytest.mark.parametrize("name", TEXTS)
def test_seeded_faults_are_caught(corpora: Path, name: str) -> None:
    doc, lines = _source(corpora, name)
    made = 0
    for make in FAULTS:
        if make is break_items and not any(c.items for u in doc.units() for c in u.clauses):
            continue  # the decision has no 项
        fault = make(doc, lines)
        seeded = lawdiff.parse("\n".join(fault.lines), source=name)
        errors = _errors(seeded)
        assert (fault.rule, fault.line) in errors, (fault.kind, fault.rule, fault.line, sorted(errors))
        made += 1
    assert made >= 7


def test_at_least_fifty_faults(corpora: Path) -> None:
    total = 0
    for name in TEXTS:
        doc, lines = _source(corpora, name)
        for make in FAULTS:
            try:
                make(doc, lines)
            except LookupError:
                continue
            total += 1
    assert total >= 50 and len(TEXTS) >= 10
