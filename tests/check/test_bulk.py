"""``lawdiff check`` over the national texts of the bulk corpus (LawRefBook snapshot).

Run with ``pytest -m corpus tests/check/test_bulk.py -s`` to see the table of
error counts per rule. Every national law and State Council regulation passes
without errors except the files listed in :data:`KNOWN`, each an error of the
copy (a heading or label lost, lines glued) or a real slip of the official text,
checked by hand against the source lines.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import lawdiff
from lawdiff.check import lint
from lawdiff.errors import LawdiffError

NATIONAL = ("宪法", "宪法相关法", "民法典", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法", "行政法规")

#: file stem -> (rules it trips, why). Checked against the source lines.
KNOWN = {
    "刑法修正案（九）": ({"form.quote"}, "item 二十三: the copy lost the closing ” of the inserted article"),
    "宪法修正案（1988年）": ({"form.quote"}, "第二条: the copy lost the closing ” of the new wording"),
    "农民专业合作社法(2017-12-27)": ({"num.article.gap"}, "the copy spells 第五十四条 as 笫五十四条 (笫, not 第)"),
    "农业技术推广法(2012-08-31)": ({"num.division.sequence"}, "the copy lost the heading 第二章"),
    "监狱法(2012-10-26)": ({"num.division.sequence"}, "heading 第五节 生活、卫生。 ends in 。 and is read as text"),
    "预备役军官法(2010-08-28)": ({"num.division.sequence"}, "the copy writes 法律责任 without 第十章"),
    "企业法人登记管理条例(2019-03-02)": ({"num.division.sequence"}, "the copy lost the heading 第九章"),
    "建设工程抗震管理条例(2021-07-19)": ({"num.division.sequence"}, "heading 第三章 glued to the end of a paragraph"),
    "烈士褒扬条例(2019-08-01)": ({"num.division.sequence"}, "the copy lost the heading 第二章"),
    "烟草专卖法实施条例(2021-11-10)": ({"num.division.sequence"}, "the copy lost the heading 第七章"),
    "私募投资基金监督管理条例(2023-07-03)": ({"num.division.sequence"}, "the copy lost the heading 第六章"),
    "证券公司监督管理条例(2014-07-29)": ({"num.division.sequence"}, "the copy lost the heading 第四章"),
    "城市维护建设税暂行条例(2011-01-08)": ({"ref.item.missing"}, "the copy lost the labels （一）（二）（三） of 第四条"),
    "计算机信息网络国际联网管理暂行规定实施办法(1998-02-13)": (
        {"ref.clause.missing"}, "第二十一条's two 款 are one line in the copy"),
    "飞行基本规则(2007-10-18)": (
        {"num.article.gap", "ref.article.missing", "ref.previous.none"},
        "each chapter's articles are glued into one line in the copy",
    ),
    "外国籍船舶航行长江水域管理规定(2019-03-02)": (
        {"ref.previous.none"}, "第七条 item （三） says 前款 in the first 款: a slip of the official text"),
}


@pytest.mark.corpus
def test_national_texts_pass(bulk_corpus: Path) -> None:
    files = sorted(p for d in NATIONAL for p in (bulk_corpus / d).rglob("*.md") if p.name != "_index.md")
    assert len(files) > 1000
    per_rule: Counter[str] = Counter()
    files_per_rule: Counter[str] = Counter()
    unreadable = 0
    unexpected: dict[str, set[str]] = {}
    seen_known: set[str] = set()
    for path in files:
        try:
            doc = lawdiff.read(path)
        except LawdiffError:
            unreadable += 1  # e.g. 刑法修正案（二）: a one-paragraph text with no 条 and no 一、
            continue
        findings = lint(doc)
        rules = {f.rule for f in findings if f.severity == "error"}
        for f in findings:
            per_rule[f"{f.rule} ({f.severity})"] += 1
        for rule in rules:
            files_per_rule[rule] += 1
        if not rules:
            continue
        known = KNOWN.get(path.stem)
        if known is not None and rules <= known[0]:
            seen_known.add(path.stem)
        else:
            unexpected[str(path.relative_to(bulk_corpus))] = rules
    print(f"\n{len(files)} national texts, {unreadable} without units")
    for rule, count in sorted(per_rule.items()):
        print(f"{rule:40} {count:6}  files with error: {files_per_rule.get(rule.split(' ')[0], 0)}")
    assert unexpected == {}
    assert seen_known == set(KNOWN), set(KNOWN) - seen_known  # a fixed source defect should leave this list
    assert unreadable < 10
