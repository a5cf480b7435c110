"""The rules of ``lawdiff check``: stable ids, severities and messages in Chinese and English.

A rule id never changes once released (CI configurations and ``[check] ignore``
lists name them). Severities: ``error`` fails the check (exit 1), ``warning``
fails it only with ``--strict``, ``info`` never fails it (what a revision
changed). Messages are ``str.format`` templates filled by :func:`finding`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Rule", "Finding", "RULES", "SEVERITIES", "LANGS", "finding", "rule"]

SEVERITIES = ("error", "warning", "info")
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Rule:
    """One check: ``id`` (``num.article.gap``), ``severity``, message templates and a one-line description."""

    id: str
    severity: str
    zh: str
    en: str
    description: str

    def message(self, lang: str = "zh", **fields: Any) -> str:
        template = self.zh if lang == "zh" else self.en
        return template.format(**fields)


@dataclass(frozen=True)
class Finding:
    """One problem found by ``lawdiff check``.

    ``source`` names the file (or ``<text>``, or the config file for policy
    findings); ``line`` is the 1-based source line (paragraph for .docx), or
    ``None`` when the finding concerns the whole text.
    """

    rule: str
    severity: str
    message: str
    source: str
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "source": self.source,
            "line": self.line,
        }


_RULE_LIST = (
    # -- numbering -----------------------------------------------------------
    Rule(
        "num.article.gap",
        "error",
        "条文序号不连续：{prev}之后应为{expected}，实为{found}",
        "article numbering has a gap: after {prev} comes {found}, expected {expected}",
        "条 (or a decision's items 一、二、) must run on without a gap through the whole text.",
    ),
    Rule(
        "num.article.start",
        "warning",
        "正文从{found}开始，不是第一条（节选？）；此前条文的引用不作检查",
        "the text starts at {found}, not 第一条 (an excerpt?); references before it are not checked",
        "A whole text starts at 第一条; an excerpt (one book of a code) is checked from its first article.",
    ),
    Rule(
        "num.article.repeat",
        "error",
        "条文序号重复：{label}已在第{first}行出现",
        "article number repeated: {label} already appears on line {first}",
        "No 条 number appears twice.",
    ),
    Rule(
        "num.article.order",
        "error",
        "条文序号倒退：{prev}之后为{found}",
        "article numbering goes backwards: {found} after {prev}",
        "条 numbers only go up.",
    ),
    Rule(
        "num.article.suffix",
        "error",
        "{found}应紧接在{expected}之后，实际前一条为{prev}",
        "{found} must follow {expected} directly, but the article before it is {prev}",
        "第X条之一 comes right after 第X条, 之二 right after 之一.",
    ),
    Rule(
        "num.division.sequence",
        "error",
        "{level}序号不连续：{context}{prev}之后应为{expected}，实为{found}",
        "{level} numbering broken: {context}after {prev} comes {found}, expected {expected}",
        "编/分编/章/节 run 1, 2, 3… in their scope (章 either across the text or within each 编; 节 within each 章).",
    ),
    Rule(
        "num.division.missing",
        "warning",
        "{found}之前的条文不属于任何{level}：缺少{expected}的标题",
        "the articles before {found} belong to no {level}: the heading of {expected} is missing",
        "When the first 章 is 第二章 and articles stand before it, the heading of 第一章 was lost.",
    ),
    Rule(
        "num.item.sequence",
        "error",
        "{unit}第{clause_cn}款的项序号不连续：{prev}之后应为{expected}，实为{found}",
        "item numbering broken in {unit} clause {clause}: after {prev} comes {found}, expected {expected}",
        "项 （一）（二）… run from （一） without a gap inside each 款.",
    ),
    Rule(
        "num.subitem.sequence",
        "error",
        "{unit}{item}的目序号不连续：{prev}之后应为{expected}，实为{found}",
        "sub-item numbering broken in {unit} item {item}: after {prev} comes {found}, expected {expected}",
        "目 1. 2. … run from 1 without a gap inside each 项.",
    ),
    # -- cross-references ----------------------------------------------------
    Rule(
        "ref.article.missing",
        "error",
        "引用的{target}不存在（“{text}”）",
        "reference to {target}, which does not exist ('{text}')",
        "Every 第X条 of this act that the text cites exists.",
    ),
    Rule(
        "ref.clause.missing",
        "error",
        "引用的{target}不存在：{article}共{count}款（“{text}”）",
        "reference to {target}, which does not exist: {article} has {count} clause(s) ('{text}')",
        "A cited 款 (第X条第Y款, 本条第Y款, 前款, bare 第Y款) is one the article has.",
    ),
    Rule(
        "ref.item.missing",
        "error",
        "引用的{target}不存在：所指款共{count}项（“{text}”）",
        "reference to {target}, which does not exist: the clause has {count} item(s) ('{text}')",
        "A cited 项 is one the clause has (第X条第Y项 for a single-款 article looks in its items).",
    ),
    Rule(
        "ref.subitem.missing",
        "error",
        "引用的{target}不存在（“{text}”）",
        "reference to {target}, which does not exist ('{text}')",
        "A cited 目 is one the item has.",
    ),
    Rule(
        "ref.previous.none",
        "error",
        "“{text}”没有可指向的对象：它位于{where}",
        "'{text}' points at nothing: it stands in {where}",
        "前款 cannot stand in a first 款 (前两款 in a second, 前项 in a first 项, 前条 in the first 条).",
    ),
    Rule(
        "ref.range.order",
        "error",
        "引用范围颠倒：“{text}”",
        "reference range runs backwards: '{text}'",
        "In 第X条至第Y条, X comes before Y.",
    ),
    # -- form ----------------------------------------------------------------
    Rule(
        "form.bracket",
        "error",
        "括号不配对：{detail}",
        "unbalanced brackets: {detail}",
        "（）()【】〔〕《》〈〉 pair up, in order, within each unit (a note in brackets may span its paragraphs).",
    ),
    Rule(
        "form.quote",
        "error",
        "引号不配对：{detail}",
        "unbalanced quotation marks: {detail}",
        "“” pair up within each unit (a quotation may span paragraphs); ‘’ and straight quotes within each paragraph.",
    ),
    Rule(
        "form.width",
        "warning",
        "中文文本中使用了半角标点“{char}”（{context}），应为全角“{full}”",
        "half-width '{char}' in Chinese text ({context}); use full-width '{full}'",
        "Chinese text uses full-width punctuation （），；：？！.",
    ),
    Rule(
        "form.empty",
        "error",
        "{unit}没有内容",
        "{unit} is empty",
        "No 条, 款, 项, 目 or 编/章/节 is empty.",
    ),
    Rule(
        "form.commencement",
        "warning",
        "全文没有施行日期条款（如“本条例自……起施行。”）",
        "no commencement article (e.g. '本条例自……起施行。')",
        "A text states when it takes effect (施行).",
    ),
    Rule(
        "form.unplaced",
        "warning",
        "此行未能归入条款结构（{message}）：{text}",
        "this line fits nowhere in the structure ({message}): {text}",
        "Every line is a title, 题注, heading or part of a unit (the parser's warnings).",
    ),
    Rule(
        "form.heading.duplicate",
        "error",
        "条文标题“{heading}”重复：{label}与第{first}行的{first_label}相同",
        "duplicate article heading '{heading}': {label} repeats {first_label} on line {first}",
        "Article headings (第一条【立法目的】) are unique.",
    ),
    # -- coordination policy (lawdiff.toml [[pair]]) -------------------------
    Rule(
        "policy.diverged",
        "error",
        "{left}与{right}不再一致（{relation}）：{diff}",
        "{left} and {right} no longer agree ({relation}): {diff}",
        "Outside allow_divergent, paired articles are identical or equivalent.",
    ),
    Rule(
        "policy.unpaired",
        "error",
        "{side}的{label}在另一文本中没有对应条文：{text}",
        "{label} of {side} has no counterpart on the other side: {text}",
        "Every article of one side has a counterpart on the other (unless allowed to diverge).",
    ),
    Rule(
        "policy.min-identical",
        "error",
        "相同或等同的条文只有{count}条，少于要求的{minimum}条",
        "only {count} articles are identical or equivalent, fewer than the required {minimum}",
        "At least min_identical pairs are identical or equivalent.",
    ),
    # -- revision (lawdiff check --since OLD NEW) ----------------------------
    Rule(
        "rev.frozen",
        "error",
        "冻结条文{label}被改动（{change}）：{diff}",
        "frozen article {label} was changed ({change}): {diff}",
        "Articles listed as frozen are neither edited, deleted, split, merged nor renumbered.",
    ),
    Rule("rev.added", "info", "新增{new}：{text}", "added {new}: {text}", "An article was added."),
    Rule("rev.deleted", "info", "删去{old}：{text}", "deleted {old}: {text}", "An article was deleted."),
    Rule(
        "rev.modified",
        "info",
        "修改{old}{now}：{diff}",
        "modified {old}{now}: {diff}",
        "An article's text changed.",
    ),
    Rule(
        "rev.renumbered",
        "info",
        "{old}改为{new}（文字未改）",
        "{old} renumbered as {new} (text unchanged)",
        "An article kept its text under a new number.",
    ),
    Rule(
        "rev.split",
        "info",
        "{old}拆分为{new}",
        "{old} split into {new}",
        "One article became several.",
    ),
    Rule(
        "rev.merged",
        "info",
        "{old}合并为{new}",
        "{old} merged into {new}",
        "Several articles became one.",
    ),
)

RULES: dict[str, Rule] = {r.id: r for r in _RULE_LIST}


def rule(rule_id: str) -> Rule:
    """The rule with id ``rule_id`` (KeyError for an unknown id)."""
    return RULES[rule_id]


def finding(rule_id: str, source: str, line: int | None, lang: str = "zh", **fields: Any) -> Finding:
    """Build the :class:`Finding` of rule ``rule_id`` with its message in ``lang``."""
    r = RULES[rule_id]
    return Finding(r.id, r.severity, r.message(lang, **fields), source, line)
