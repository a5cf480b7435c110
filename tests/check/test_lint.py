"""Rule engine on small texts modelled on the real cases each exception was learned from."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

import lawdiff
from lawdiff.check import lint
from lawdiff.errors import LawdiffError


def rules(text: str, *, severity: str | None = "error", lang: str = "zh") -> list[tuple[str, int | None]]:
    doc = lawdiff.parse(text)
    return [(f.rule, f.line) for f in lint(doc, lang=lang) if severity is None or f.severity == severity]


def test_suffix_articles_and_deleted_slots_pass() -> None:
    text = "第一条　甲。\n第二条　（删去）\n第二条之一　乙。\n第二条之二　丙。\n第三条　本法自公布之日起施行。\n"
    assert rules(text) == []
    assert rules(text.replace("第二条之一", "第二条之三")) == [("num.article.suffix", 3), ("num.article.suffix", 4)]


def test_article_repeat_gap_and_order() -> None:
    assert rules("第一条　甲。\n第三条　乙。\n第三条　丙。\n第二条　本法自公布之日起施行。\n") == [
        ("num.article.gap", 2),
        ("num.article.repeat", 3),
        ("num.article.order", 4),
    ]


def test_items_continue_after_an_interrupting_paragraph() -> None:
    # 上海市燃气管理条例 art.52: （二）, a paragraph explaining it, then （三）
    text = "第一条　用语的含义：\n（一）甲；\n（二）乙。\n乙的改动，是指拆除。\n（三）丙。\n第二条　本条例自公布之日起施行。\n"
    assert rules(text) == []
    assert rules(text.replace("（三）丙", "（四）丙")) == [("num.item.sequence", 5)]


def test_item_reference_forms() -> None:
    text = (
        "第一条　有下列情形之一的，适用本条例：\n（一）甲；\n（二）乙。\n"
        "第二条　有本条例第一条第二项情形的，依照第一条第一项处理。\n"
        "违反前款规定的，依照本条例第一条第三项处罚。\n"
        "第三条　本条例自公布之日起施行。\n"
    )
    assert rules(text) == [("ref.item.missing", 5)]


def test_anaphoric_bare_reference_speaks_of_the_article_named_before() -> None:
    # 海商法 art.23: 本法第二十二条第一款所列各项…第（四）项…后于第（一）项至第（三）项
    head = "第一条　下列请求：\n（一）甲；\n（二）乙；\n（三）丙；\n（四）丁。\n"
    text = head + "第二条　本法第一条所列各项请求，依照顺序受偿。但是，第（四）项请求先于第（一）项至第（三）项受偿。\n"
    text += "第三条　本法自公布之日起施行。\n"
    assert rules(text) == []
    assert rules(text.replace("第（四）项请求", "第（九）项请求")) == [("ref.item.missing", 6)]


def test_other_acts_quotes_and_amending_texts_are_left_alone() -> None:
    text = (
        "第一条　依照《中华人民共和国行政处罚法》第九十条、刑法第三百条和该法第五百条的规定。\n"
        "第二条　所称“本法第九十九条”，是指引用。\n"
        "第三条　本条例自公布之日起施行。\n"
    )
    assert rules(text) == []
    decision = (
        "全国人民代表大会常务委员会关于修改《某某法》的决定\n"
        "一、将第九十条修改为：“前款规定的，依照本法第二百条处罚。”\n"
        "二、第十条增加一款，作为第五款：“前款第九项除外。”\n"
        "本决定自公布之日起施行。\n"
    )
    assert rules(decision) == []


def test_first_clause_previous_and_range_order() -> None:
    text = "第一条　前款规定的事项。\n第二条　依照本法第三条至第一条。\n第三条　本法自公布之日起施行。\n"
    assert rules(text) == [("ref.previous.none", 1), ("ref.range.order", 2)]


def test_form_rules() -> None:
    text = (
        "第一条　甲（乙。\n"
        "第二条　丙，“丁”。\n"
        "“戊\n"
        "第三条　己,庚。\n"
    )
    got = rules(text, severity=None)
    assert ("form.bracket", 1) in got
    assert ("form.quote", 3) in got
    assert ("form.width", 4) in got
    assert ("form.commencement", None) in got


def test_duplicate_headings() -> None:
    text = "第一条【立法目的】甲。\n第二条【立法目的】乙。\n第三条【施行日期】本法自公布之日起施行。\n"
    assert rules(text) == [("form.heading.duplicate", 2)]


def test_messages_in_english() -> None:
    doc = lawdiff.parse("第一条　甲。\n第三条　本法自公布之日起施行。\n")
    [finding] = lint(doc, lang="en")
    assert finding.message == "article numbering has a gap: after 第一条 comes 第三条, expected 第二条"


def test_decision_gap_kept_inside_the_previous_item(corpora: Path) -> None:
    lines = (corpora / "guizhou_chishui_joint_decision_2021.md").read_text(encoding="utf-8").split("\n")
    seven = next(i for i, l in enumerate(lines) if l.startswith("七、"))
    del lines[seven]
    eight = next(i for i, l in enumerate(lines) if l.startswith("八、")) + 1
    assert rules("\n".join(lines)) == [("num.article.gap", eight)]


_LINES = st.sampled_from(
    [
        "第一条　甲。", "第二条　前款规定的。", "第三条　依照本法第九条。", "第二条之一　乙。", "（一）丙；",
        "（二）丁。", "1. 戊；", "第一章　总　　则", "第二节　其他", "“己", "庚”。", "依照前两款和第三项。",
        "一、辛。", "三、壬。", "本法自公布之日起施行。", "（删去）", "第五条　本条第九款第十项。",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, min_size=1, max_size=12))
def test_lint_never_fails_and_points_inside_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        doc = lawdiff.parse(text)
    except LawdiffError:
        return
    for finding in lint(doc):
        assert finding.line is None or 1 <= finding.line <= len(lines)
        assert finding.message
