"""Generating amendment decisions (lawdiff.amend) from two versions of a text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import lawdiff
from lawdiff.amend import amend
from lawdiff.apply import apply
from lawdiff.errors import ConfigError
from lawdiff.instructions import NO_CHANGE, parse_decision
from lawdiff.numerals import article_label


def units(doc):
    return [(u.label, tuple(u.paragraphs())) for u in doc.units()]


@pytest.fixture(scope="module")
def foreign_trade(corpora: Path):
    return lawdiff.read(corpora / "cn_foreign_trade_law_2016.md"), lawdiff.read(corpora / "cn_foreign_trade_law_2022.md")


@pytest.fixture(scope="module")
def anti_monopoly(corpora: Path):
    return lawdiff.read(corpora / "cn_anti_monopoly_law_2007.md"), lawdiff.read(corpora / "cn_anti_monopoly_law_2022.md")


def items_of(text: str) -> list[str]:
    return re.findall(r"^[一二三四五六七八九十百]+、(.*)$", text, flags=re.M)


def test_foreign_trade_deletion_renumbers(foreign_trade) -> None:
    old, new = foreign_trade
    text = amend(old, new)
    assert text.startswith("关于修改《中华人民共和国对外贸易法》的决定\n")
    items = items_of(text)
    assert items[0] == "删去第九条。"
    # locators use old numbers, 改为 new ones, items in old order
    assert "将第十八条改为第十七条，修改为：" in text
    olds = [int(lawdiff.numerals.cn_to_int(m)) for m in re.findall(r"^[一二三四五六七八九十]+、(?:将|删去)第(\S+?)条", text, re.M)]
    assert olds == sorted(olds)
    assert "此外，对条文顺序作相应调整。" in text
    assert text.rstrip().endswith("《中华人民共和国对外贸易法》根据本决定作相应修改，重新公布。")
    assert units(apply(old, text)) == units(new)


def test_anti_monopoly_word_level_and_whole_articles(anti_monopoly) -> None:
    old, new = anti_monopoly
    text = amend(old, new)
    items = items_of(text)
    assert items[0] == "在第一条中的“市场公平竞争”后增加“，鼓励创新”。"
    assert "增加一条，作为第五条：“国家建立健全公平竞争审查制度。" in text
    assert "将第十三条改为第十七条，删去第二款。" in text
    # quoted old words widen to whole numbers: 第十三条, never 三条
    assert "第一款中的“本法第十三条”修改为“本法第十七条”" in text
    assert "将第十四条改为第十八条，修改为：“禁止经营者与交易相对人达成下列垄断协议：\n“（一）" in text
    assert units(apply(old, text)) == units(new)
    # every quoted old word occurs exactly once in its article: apply checks and replaces all occurrences
    decision = parse_decision(text)
    old_units = {u.key: u for u in old.units()}
    for ins in decision.instructions:
        if ins.op == "replace_words" and ins.targets[0].clause is None and not ins.targets[0].new:
            body = old_units[ins.targets[0].article].text
            for x, _ in ins.words:
                assert body.count(x) <= 1


def test_detail_options(anti_monopoly) -> None:
    old, new = anti_monopoly
    whole = amend(old, new, detail="article")
    words = amend(old, new, detail="words")
    auto = amend(old, new)
    assert "中的“" not in whole and "增加“" not in whole
    assert whole.count("修改为：") > auto.count("修改为：") > words.count("修改为：")
    for text in (whole, words):
        assert units(apply(old, text)) == units(new)
    # a lower threshold restates more articles
    assert amend(old, new, threshold=0.0).count("修改为：") >= auto.count("修改为：")


def test_amendment_style_keeps_numbers(anti_monopoly) -> None:
    old, new = anti_monopoly
    text = amend(old, new, style="amendment")
    assert text.startswith("中华人民共和国反垄断法修正案")
    assert "改为第" not in text and "此外，对条文顺序作相应调整" not in text
    assert "在第四条后增加一条，作为第四条之一：" in text
    got = apply(old, text)
    keys = [u.key for u in got.units()]
    assert keys == sorted(keys)
    assert any(s for _, s in keys)
    old_numbers = {u.key for u in old.units()}
    assert {k for k in keys if not k[1]} == old_numbers  # no article changed its number
    # same articles in the same order as the new text, deleted slots aside
    assert [p for _, p in units(got) if p != ("（删去）",)] == [p for _, p in units(new)]


def test_identical_texts(corpora: Path) -> None:
    doc = lawdiff.read(corpora / "cn_biosecurity_law_2020.md")
    text = amend(doc, doc)
    assert NO_CHANGE in text
    assert units(apply(doc, text)) == units(doc)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("cn_biosecurity_law_2020.md", "cn_biosecurity_law_2024.md"),
        ("cn_legislation_law_2015.md", "cn_legislation_law_2023.md"),
        ("cn_public_holidays_measures_2013.md", "cn_public_holidays_measures_2024.md"),
        ("shanghai_business_env_reg_2020.md", "shanghai_business_env_reg_2024.md"),
        ("cn_admin_reconsideration_law_2017.md", "cn_admin_reconsideration_law_2023.md"),
    ],
)
def test_round_trip_on_bundled_pairs(corpora: Path, old: str, new: str) -> None:
    a, b = lawdiff.read(corpora / old), lawdiff.read(corpora / new)
    for style in ("decision", "amendment"):
        got = apply(a, amend(a, b, style=style))
        if style == "decision":
            assert units(got) == units(b)
        else:
            assert [p for _, p in units(got) if p != ("（删去）",)] == [p for _, p in units(b)]


OLD_LAW = """某某条例

第一章　总则

第一条　为了规范甲事项，制定本条例。

第二条　本条例适用于本市。

第二章　登记

第三条　申请登记应当提交材料。

第三章　附则

第四条　本条例自2020年1月1日起施行。
"""

NEW_LAW = """某某条例

第一章　总则

第一条　为了规范甲事项，制定本条例。

第二条　本条例适用于本市。

第二章　登记管理

第三条　申请登记应当提交材料。

第三章　监督检查

第四条　市场监管部门负责监督检查。

第五条　监督检查不得收取费用。

第四章　附则

第六条　本条例自2020年1月1日起施行。
"""


def test_chapters_renamed_and_added() -> None:
    old, new = lawdiff.parse(OLD_LAW), lawdiff.parse(NEW_LAW)
    text = amend(old, new)
    assert "将第二章的章名修改为“登记管理”。" in text
    assert "在第二章后增加一章，作为第三章，章名为“监督检查”，将第四条至第五条列入该章。" in text
    got = apply(old, text)
    assert units(got) == units(new)
    assert [(d.label, d.heading, [a.label for a in d.articles()]) for d in got.divisions()] == [
        (d.label, d.heading, [a.label for a in d.articles()]) for d in new.divisions()]
    # and back: the chapter is dropped, its articles deleted
    back = amend(new, old)
    assert "删去第三章的章名。" in back
    got = apply(new, back)
    assert [(d.label, d.heading) for d in got.divisions()] == [(d.label, d.heading) for d in old.divisions()]


def test_bad_options(anti_monopoly) -> None:
    old, new = anti_monopoly
    with pytest.raises(ConfigError, match="unknown style"):
        amend(old, new, style="修订")
    with pytest.raises(ConfigError, match="unknown detail"):
        amend(old, new, detail="some")
    with pytest.raises(ConfigError, match="threshold"):
        amend(old, new, threshold=2.0)


# -- property: any drafting change round-trips ------------------------------------

BASE = None


def _base(corpora: Path):
    global BASE
    if BASE is None:
        BASE = lawdiff.read(corpora / "cn_legal_aid_regulation_2003.md")
    return BASE


_WORDS = st.text(alphabet="法律援助机构应当申请人民政府的，。、和或者", min_size=1, max_size=12)


@st.composite
def edits(draw):
    ops = draw(st.lists(st.tuples(st.sampled_from(["del", "add", "words", "clause", "move"]),
                                  st.integers(0, 40), _WORDS, _WORDS), min_size=1, max_size=6))
    return ops


def _edit(doc, ops) -> str:
    arts = [list(u.paragraphs()) for u in doc.units()]
    for op, pos, w1, w2 in ops:
        i = pos % len(arts)
        if op == "del" and len(arts) > 2:
            del arts[i]
        elif op == "add":
            arts.insert(i, [w1 + "。", w2 + "。"] if w2.startswith("和") else [w1 + w2 + "。"])
        elif op == "words":
            paras = arts[i]
            j = pos % len(paras)
            k = (pos * 7) % max(1, len(paras[j]))
            paras[j] = paras[j][:k] + w1 + paras[j][k + 1:]
        elif op == "clause":
            arts[i] = arts[i] + [w2 + "。"]
        elif op == "move" and len(arts) > 3:
            arts.insert((pos * 3) % len(arts), arts.pop(i))
    lines = ["法律援助条例", ""]
    for n, paras in enumerate(arts, 1):
        lines.append(f"{article_label(n)}　{paras[0]}")
        lines.extend(paras[1:])
    return "\n".join(lines) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=edits())
def test_round_trip_property(corpora: Path, ops) -> None:
    """apply(old, amend(old, new)) == new for random deletions, insertions, word edits and moves."""
    old = _base(corpora)
    new = lawdiff.parse(_edit(old, ops))
    old_flat = lawdiff.parse(_edit(old, []))
    assert units(apply(old_flat, amend(old_flat, new))) == units(new)
    try:
        text = amend(old_flat, new, style="amendment")
    except ConfigError as err:  # a 修正案 has no number for an article before the first one
        assert "before the first one" in str(err)
        return
    got = apply(old_flat, text)
    assert [p for _, p in units(got) if p != ("（删去）",)] == [p for _, p in units(new)]
