"""Reading amendment decisions (lawdiff.instructions) and applying them (lawdiff.apply)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import lawdiff
from lawdiff.apply import apply
from lawdiff.errors import ParseError
from lawdiff.instructions import Ref, parse_decision
from lawdiff.normalize import compare_key

DECISION_2013 = "cn_consumer_protection_law_amendment_decision_2013.md"
LAW_2013 = "cn_consumer_protection_law_2013.md"


def units(doc):
    return [(u.label, tuple(u.paragraphs())) for u in doc.units()]


@pytest.fixture(scope="module")
def decision_2013(corpora: Path):
    return parse_decision((corpora / DECISION_2013).read_text(encoding="utf-8"), source=DECISION_2013)


# -- the real 2013 decision on 消费者权益保护法 ------------------------------------


def test_real_decision_every_item_is_classified(decision_2013) -> None:
    labels = [lawdiff.numerals.decision_label(n) for n in range(1, 32)]
    assert list(decision_2013.items) == labels
    assert {ins.item for ins in decision_2013.instructions} == set(labels)
    ops = Counter(ins.op for ins in decision_2013.instructions)
    # every kind of §6 operation the decision uses is recognised
    assert set(ops) == {"replace", "replace_words", "add", "renumber", "merge", "delete"}
    assert ops["merge"] == 2 and ops["delete"] == 1
    adds = Counter(ins.level for ins in decision_2013.instructions if ins.op == "add")
    assert adds == {"article": 10, "clause": 10, "item": 2}
    assert decision_2013.reorder is True
    assert decision_2013.effective == "2014年3月15日"


def test_real_decision_locators_are_old_and_targets_new(decision_2013) -> None:
    by_item = {}
    for ins in decision_2013.instructions:
        by_item.setdefault(ins.item, []).append(ins)
    # 四、第十八条增加一款，作为第二款…将第二款改为第十九条，修改为：
    four = by_item["四、"]
    assert [i.op for i in four] == ["add", "renumber", "replace"]
    assert four[1].targets == (Ref(article=(18, 0), clause=2),)
    assert four[1].to == (Ref(article=(19, 0), new=True),)
    assert four[2].targets == (Ref(article=(19, 0), new=True),)
    # 八、将第二十三条、第四十五条合并，作为第二十四条
    merge = by_item["八、"][0]
    assert merge.op == "merge" and [r.article for r in merge.targets] == [(23, 0), (45, 0)]
    # 十五、(第三十二条) 第一款第三项改为第四项
    renum = [i for i in by_item["十五、"] if i.op == "renumber" and i.targets[0].item == 3]
    assert renum[0].targets[0] == Ref(article=(32, 0), clause=1, item=3)
    assert renum[0].to[0].item == 4
    # 十八、three chained word changes in one sentence
    words = [i for i in by_item["十八、"] if i.op == "replace_words"][0]
    assert len(words.words) == 3 and words.words[1] == ("广告的经营者", "广告经营者、发布者")
    # multi-paragraph quote: 九、增加一条 has seven paragraphs, the continuation “ removed
    nine = by_item["九、"][0]
    assert len(nine.paragraphs) == 7 and nine.paragraphs[1] == "（一）消费者定作的；"


def test_real_decision_new_wording_is_in_the_2013_text(decision_2013, corpora: Path) -> None:
    law = lawdiff.read(corpora / LAW_2013)
    text = compare_key("\n".join(p for u in law.units() for p in u.paragraphs()))
    quoted = []
    for ins in decision_2013.instructions:
        quoted.extend(ins.paragraphs)
        if ins.op in ("replace_words", "insert_words"):
            quoted.extend(new for _, new in ins.words)
    assert len(quoted) == 77
    missing = [q for q in quoted if compare_key(q) not in text]
    assert missing == []


# -- applying a real decision ------------------------------------------------------


def test_public_holidays_decision_applies(corpora: Path) -> None:
    """国务院 2013 one-paragraph decision: rebuild the 2007 wording, apply, get the 2013 text."""
    new = (corpora / "cn_public_holidays_measures_2013.md").read_text(encoding="utf-8")
    old_text = new.replace("(二)春节，放假3天(农历正月初一、初二、初三)；", "(二)春节，放假3天(农历除夕、正月初一、初二)；")
    assert old_text != new
    decision = (corpora / "cn_public_holidays_amendment_decision_2013.md").read_text(encoding="utf-8")
    got = apply(lawdiff.parse(old_text), decision)
    want = lawdiff.parse(new)
    # the decision writes full-width brackets and leaves out the item's final ；
    assert [compare_key("\n".join(p)) for _, p in units(got)] == [compare_key("\n".join(p)) for _, p in units(want)]
    art2 = list(got.units())[1]
    assert art2.clauses[0].items[1].text.endswith("初三）；")


# -- a small law, every operation -------------------------------------------------

OLD = """某某条例

第一章　总则

第一条　为了规范甲事项，制定本条例。

第二条　本条例适用于本市。

第三条　市人民政府负责甲事项。
区人民政府负责乙事项。

第二章　管理

第四条　有下列情形之一的，不予登记：
（一）材料不全的；
（二）逾期申请的；
（三）其他情形。

第五条　违反本条例第四条规定的，责令改正。

第六条　本条例自2020年1月1日起施行。
"""


def test_every_operation_on_a_small_law() -> None:
    decision = """关于修改《某某条例》的决定

一、将第一条中的“甲事项”修改为“甲、乙事项”。

二、删去第二条。

三、第三条增加一款，作为第三款：“乡镇人民政府予以配合。”

四、增加一条，作为第二条：“本条例所称“甲事项”，是指：

“（一）登记；

“（二）备案。”

五、将第四条第二项修改为：“（二）超过期限申请的”。

增加一项，作为第三项：“（三）拒不补正的”。

六、将第五条中的“第四条”修改为“第四条第一款”；在“责令改正”后增加“，可以处一千元以下罚款”。

七、将第六条改为第六条。

此外，对条文顺序作相应调整。
"""
    got = apply(lawdiff.parse(OLD), decision)
    assert units(got) == [
        ("第一条", ("为了规范甲、乙事项，制定本条例。",)),
        ("第二条", ("本条例所称“甲事项”，是指：", "（一）登记；", "（二）备案。")),
        ("第三条", ("市人民政府负责甲事项。", "区人民政府负责乙事项。", "乡镇人民政府予以配合。")),
        ("第四条", ("有下列情形之一的，不予登记：", "（一）材料不全的；", "（二）超过期限申请的；",
                   "（三）拒不补正的；", "（四）其他情形。")),
        ("第五条", ("违反本条例第四条第一款规定的，责令改正，可以处一千元以下罚款。",)),
        ("第六条", ("本条例自2020年1月1日起施行。",)),
    ]
    # the chapters survive and hold the right articles
    chapters = list(got.divisions())
    assert [[a.label for a in d.articles()] for d in chapters] == [
        ["第一条", "第二条", "第三条"], ["第四条", "第五条", "第六条"]]


def test_merge_split_and_moves() -> None:
    decision = """一、将第二条、第三条合并，作为第二条，修改为：“本条例适用于本市，由市、区人民政府负责。”

二、将第三条第二款改为第三条，修改为：“区人民政府负责乙事项。”
"""
    with pytest.raises(ParseError, match="item 二、: 第三条 was already deleted or merged"):
        apply(lawdiff.parse(OLD), decision)
    decision = """一、将第三条第二款改为第四条，修改为：“区人民政府负责乙事项和丙事项。”

二、将第六条改为第二条。
"""
    got = apply(lawdiff.parse(OLD), decision)
    assert [label for label, _ in units(got)] == [f"第{n}条" for n in "一二三四五六七"]
    texts = [p for _, p in units(got)]
    assert texts[1] == ("本条例自2020年1月1日起施行。",)
    # the new 第四条 takes its place; the rest of old 第三条 fills the next free one
    assert texts[3] == ("区人民政府负责乙事项和丙事项。",)
    assert texts[4] == ("市人民政府负责甲事项。",)


def test_amendment_regime_keeps_numbers() -> None:
    decision = """中华人民共和国某某条例修正案

一、在第三条后增加一条，作为第三条之一：“县人民政府负责丙事项。”

二、删去第五条。
"""
    got = apply(lawdiff.parse(OLD), decision)
    assert [label for label, _ in units(got)] == ["第一条", "第二条", "第三条", "第三条之一", "第四条", "第五条", "第六条"]
    assert units(got)[5] == ("第五条", ("（删去）",))


# -- errors name the item --------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        ("一、将第一条翻译为英文。", "item 一、: unknown phrasing"),
        ("一、删去第一条。\n\n二、将第二条中的“外省”修改为“本省”。", "item 二、: “外省” does not occur in 第二条"),
        ("一、删去第九条。", "item 一、: 第九条 does not exist in the old text"),
        ("一、将第三条第五款修改为：“甲。”", "item 一、: 第三条 has no 第五款"),
        ("一、增加一条，作为第二条：“甲。”\n\n二、增加一条，作为第二条：“乙。”", "item 二、: 第二条 is created twice"),
        ("一、增加一条，作为第九条：“甲。”", "article 9 is out of range"),
        ("一、将第一条修改为：“没有结束的引号", "item 一、: unclosed quotation"),
        ("一、第一条增加一目，作为第一目：“1.甲”", "item 一、: adding a 目 is not supported"),
        ("一、删去第五章的章名。", "item 一、: the old text has no 第五章"),
        ("本决定自公布之日起施行。", "no amendment instructions found"),
    ],
)
def test_errors_name_the_item(decision: str, message: str) -> None:
    with pytest.raises(ParseError) as err:
        apply(lawdiff.parse(OLD), decision, source="d.txt")
    assert message in str(err.value)
    assert str(err.value).startswith("d.txt")


def test_unnumbered_instructions_after_intro_are_parsed() -> None:
    decision = "国务院决定对《某某条例》作如下修改：\n\n将第二条修改为：“本条例适用于本省。”\n\n本决定自公布之日起施行。"
    got = apply(lawdiff.parse(OLD), decision)
    assert units(got)[1] == ("第二条", ("本条例适用于本省。",))


def test_chapters_added_deleted_and_filled() -> None:
    decision = """一、在第一章后增加一章，作为第二章，章名为“登记”，将第四条列入该章。

二、删去第二章的章名。

三、增加一条，作为第七条：“本条例由市人民政府负责解释。”

四、在第一章后增加一章，作为第三章，章名为“附则”，将第六条至第七条列入该章。
"""
    got = apply(lawdiff.parse(OLD), decision)
    assert [(d.label, d.heading, [a.label for a in d.articles()]) for d in got.divisions()] == [
        ("第一章", "总则", ["第一条", "第二条", "第三条"]),
        ("第二章", "登记", ["第四条", "第五条"]),
        ("第三章", "附则", ["第六条", "第七条"]),
    ]


def test_chapter_heading_renamed_and_article_placed_by_chapter_hint() -> None:
    decision = """一、将第二章的章名修改为“监督管理”。

二、第二章增加一条，作为第四条：“市场监管部门负责监督检查。”
"""
    got = apply(lawdiff.parse(OLD), decision)
    chapter2 = list(got.divisions())[1]
    assert chapter2.heading == "监督管理"
    assert [a.label for a in chapter2.articles()][0] == "第四条"
    assert list(chapter2.articles())[0].text == "市场监管部门负责监督检查。"
