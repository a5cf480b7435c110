"""The structural parser on the real corpus and on the layouts it must understand."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lawdiff
from lawdiff.errors import ParseError
from lawdiff.io.base import SourceLine
from lawdiff.io.text import write_text
from lawdiff.model import Level
from lawdiff.parse import guess_kind, parse_lines, split_stage
from parse_helpers import index_counts, input_chars, model_chars

CORPUS_FILES = sorted(
    p.name for p in __import__("pathlib").Path(__file__).resolve().parent.parent.joinpath("corpora").glob("*.md")
    if p.name not in ("README.md", "INDEX.md")
)


def units(doc):
    return list(doc.units())


# ---------------------------------------------------------------------------
# the bundled corpus


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_unit_counts_match_index(corpora, name: str) -> None:
    """Every corpus file parses to the 条/item counts listed in corpora/README.md."""
    articles, items = index_counts(corpora)[name]
    doc = lawdiff.read(corpora / name)
    kinds = [u.kind for u in doc.units()]
    if name == "cn_public_holidays_amendment_decision_2013.md":
        # the one-instruction decision: one unnumbered unit (documented in docs/data-model.md)
        assert kinds == ["item"] and units(doc)[0].label == ""
        return
    assert kinds.count("article") == articles
    assert kinds.count("item") == items
    assert not [n for n in doc.notices if n.severity == "warning"]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_conserves_every_character(corpora, name: str) -> None:
    text = (corpora / name).read_text(encoding="utf-8")
    doc = lawdiff.parse(text, source=name)
    assert model_chars(doc) == input_chars(text)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_round_trip(corpora, name: str) -> None:
    doc = lawdiff.read(corpora / name)
    text = write_text(doc)
    again = lawdiff.parse(text)
    assert again == doc
    assert write_text(again) == text


def test_decisions(corpora) -> None:
    doc = lawdiff.read(corpora / "chongqing_jialing_river_decision_2021.md")
    assert doc.kind == "decision"
    assert doc.title == "重庆市人民代表大会常务委员会关于加强嘉陵江流域水生态环境协同保护的决定"
    assert doc.preamble == ("（2021年11月25日重庆市第五届人民代表大会常务委员会", "第二十九次会议通过）")
    assert len(doc.intro) == 1 and doc.intro[0].endswith("作出如下决定：")
    assert "bookHidden: true" in doc.front
    assert [n.message for n in doc.notices][:2] == [
        "file-name date suffix removed from the title", "duplicated front matter (lines 11-18) kept as metadata"]
    first = units(doc)[0]
    assert (first.label, first.number, first.kind, first.eid) == ("一、", 1, "item", "art_1")
    assert len(first.clauses) == 2 and first.clauses[1].text.startswith("本决定所称嘉陵江流域")

    yunnan = lawdiff.read(corpora / "yunnan_chishui_joint_decision_2021.md")
    assert yunnan.title == "云南省人民代表大会常务委员会关于加强赤水河流域共同保护的决定"
    assert yunnan.preamble == ("（2021年5月28日云南省第十三届人民代表大会", "常务委员会第二十四次会议通过）")

    consumer = lawdiff.read(corpora / "cn_consumer_protection_law_amendment_decision_2013.md")
    assert consumer.preamble == ("（2013年10月25日第十二届全国人民代表大会常务委员会第五次会议通过）",)
    assert consumer.front[1] == "中华人民共和国主席令 第七号"  # the promulgation order is metadata
    nine = units(consumer)[8]
    assert nine.label == "九、" and nine.clauses[1].text == "“（一）消费者定作的；"  # quoted payloads stay paragraphs
    assert units(consumer)[-1].clauses[-1].text.endswith("根据本决定作相应修改，重新公布。")


def test_one_instruction_decision(corpora) -> None:
    doc = lawdiff.read(corpora / "cn_public_holidays_amendment_decision_2013.md")
    assert doc.kind == "decision"
    assert doc.intro == ("国务院决定对《全国年节及纪念日放假办法》作如下修改：",)
    (unit,) = units(doc)
    assert (unit.number, unit.label, unit.kind, unit.eid) == (1, "", "item", "art_1")
    assert [c.text[:7] for c in unit.clauses] == ["将第二条第二项", "本决定自201", "《全国年节及纪"]


def test_law_structure(corpora) -> None:
    doc = lawdiff.read(corpora / "cn_anti_monopoly_law_2022.md")
    assert doc.kind == "law" and len(doc.preamble) == 2
    chapters = [d for d in doc.divisions() if d.level is Level.CHAPTER]
    assert [c.label for c in chapters][:2] == ["第一章", "第二章"] and chapters[0].heading == "总 则"
    art3 = units(doc)[2]
    assert art3.eid == "chp_1__art_3" and art3.path == ("第一章",) and art3.span.start > 10
    assert art3.clauses[0].text == "本法规定的垄断行为包括："
    assert [i.label for i in art3.clauses[0].items] == ["（一）", "（二）", "（三）"]
    assert art3.clauses[0].items[2].eid == "chp_1__art_3__para_1__point_3"


def test_half_width_items(corpora) -> None:
    doc = lawdiff.read(corpora / "cn_public_holidays_measures_2013.md")
    art2 = units(doc)[1]
    assert [i.label for i in art2.clauses[0].items][:2] == ["(一)", "(二)"]
    assert art2.clauses[0].items[1].number == 2


# ---------------------------------------------------------------------------
# layouts and grammar


OFFICIAL = """中华人民共和国某某法（草案）

（2020年1月1日第十三届全国人民代表大会常务委员会第十五次会议通过
根据2021年1月1日第十三届全国人民代表大会常务委员会第二十次会议《关于修改〈中华人民共和国某某法〉的决定》修正）

目　　录
第一章　总　　则
第二章　管　　理
　第一节　一般规定
第三章　附　　则

第一章　总　　则
第一条（立法目的）为了……，制定本法。
第二条　本法所称：
（一）甲；
（二）乙，包括：
1.丙；
2．丁。
前款规定以外的，适用其他法律。
第二章　管　　理
第一节　一般规定
第三条　第一款。
第二款。
第三条之一　【插入】新增。
第四条　（删去）
第三章　附　　则
第五条　本法自公布之日起施行。
"""


def test_official_layout() -> None:
    doc = lawdiff.parse(OFFICIAL)
    assert (doc.title, doc.stage, doc.kind) == ("中华人民共和国某某法", "草案", "draft")
    assert len(doc.preamble) == 2 and doc.preamble[1].endswith("修正）")
    toc = [n for n in doc.notices if n.message.startswith("目录")]
    assert toc and toc[0].severity == "info" and "第二章　管　　理" in toc[0].text
    arts = units(doc)
    assert [a.label for a in arts] == ["第一条", "第二条", "第三条", "第三条之一", "第四条", "第五条"]
    assert (arts[0].heading, arts[0].heading_raw, arts[0].text) == ("立法目的", "（立法目的）", "为了……，制定本法。")
    art2 = arts[1]
    assert len(art2.clauses) == 2 and art2.clauses[1].text == "前款规定以外的，适用其他法律。"
    item2 = art2.clauses[0].items[1]
    assert [s.label for s in item2.subitems] == ["1.", "2．"]
    assert item2.subitems[1].eid == "chp_1__art_2__para_1__point_2__subpoint_2"
    assert arts[2].eid == "chp_2__sec_1__art_3" and arts[2].path == ("第二章", "第一节")
    assert [c.text for c in arts[2].clauses] == ["第一款。", "第二款。"]
    assert (arts[3].number, arts[3].suffix, arts[3].eid, arts[3].heading) == (3, 1, "chp_2__sec_1__art_3_1", "插入")
    assert arts[4].deleted_placeholder and arts[4].heading is None
    assert arts[5].path == ("第三章",)
    assert model_chars(doc) == input_chars(OFFICIAL)


def test_books_restart_chapters_and_unnumbered_fuze() -> None:
    text = "某法典\n第一编　总则\n第一章　基本规定\n第一条　甲。\n第二编　物权\n第一章　通则\n第二条　乙。\n附　　则\n第三条　丙。\n"
    doc = lawdiff.parse(text)
    arts = units(doc)
    assert arts[0].eid == "book_1__chp_1__art_1" and arts[1].eid == "book_2__chp_1__art_2"
    assert arts[1].path == ("第二编", "第一章")
    fuze = [d for d in doc.divisions() if not d.label]
    assert fuze[0].level is Level.BOOK and fuze[0].heading == "附　　则" and fuze[0].eid == "book_u1"
    assert arts[2].path == ("附则",)


def test_preface_and_markdown_layout() -> None:
    text = (
        "<!-- meta -->\n# 中华人民共和国宪法\n\n1982年12月4日 第五届全国人民代表大会第五次会议通过\n\n<!-- INFO END -->\n\n"
        "## 序言\n\n中国是世界上历史最悠久的国家之一。\n\n<!-- FORCE BREAK -->\n\n## 第一章 总纲\n\n第一条 中华人民共和国是……国家。\n"
    )
    doc = lawdiff.parse(text)
    assert doc.intro == ("序言", "中国是世界上历史最悠久的国家之一。")
    assert doc.preamble == ("1982年12月4日 第五届全国人民代表大会第五次会议通过",)
    assert doc.front == ("<!-- meta -->", "<!-- INFO END -->")
    assert [n.message for n in doc.notices] == ["markdown comment skipped"]
    assert model_chars(doc) == input_chars(text)


def test_references_at_line_start_are_not_articles() -> None:
    text = "某条例\n第一条　甲。\n第一百二十条规定的情形除外。\n第三条第二款另有规定的，从其规定。\n第二条　乙。\n第二章规定的事项。"
    doc = lawdiff.parse(text)
    arts = units(doc)
    assert [a.label for a in arts] == ["第一条", "第二条"]
    assert [c.text[:8] for c in arts[0].clauses] == ["甲。", "第一百二十条规定", "第三条第二款另有"]
    assert arts[1].clauses[-1].text == "第二章规定的事项。"
    assert not list(doc.divisions())


def test_glued_labels_and_spaced_and_traditional_labels() -> None:
    doc = lawdiff.parse("某条例\n第一条为了甲。\n第 二 条 乙。\n第三條　丙。\n第五条修改为：丁。")
    arts = units(doc)
    assert [(a.label, a.number) for a in arts] == [("第一条", 1), ("第二条", 2), ("第三條", 3)]
    assert arts[2].clauses[1].text == "第五条修改为：丁。"  # an instruction, never an article


def test_decision_prefers_articles_over_items() -> None:
    doc = lawdiff.parse("某某决定\n第一条　为了：\n一、甲；\n二、乙。\n第二条　丙。")
    assert [a.kind for a in doc.units()] == ["article", "article"]
    assert [c.text for c in units(doc)[0].clauses] == ["为了：", "一、甲；", "二、乙。"]


def test_decision_items_must_be_sequential() -> None:
    doc = lawdiff.parse("某决定\n作出如下决定：\n一、甲。\n“三、引文。\n三、丙。\n二、乙。")
    assert [a.label for a in doc.units()] == ["一、", "二、"]
    assert [c.text for c in units(doc)[0].clauses] == ["甲。", "“三、引文。", "三、丙。"]


def test_pdf_wraps_and_page_furniture() -> None:
    body = [
        "第一条　为了加强编制管理，提高行政效率，根据有关法律",  # 26 characters: a full line
        "的规定，制定本条例。",
        "第二条　县级以上人民政府应当加强对机构和编制工作的领",
        "导，将所需经费列入本级预算。",
        "— 3 —",
        "第三条　本条例所称机构编制，是指机构设置和人员编制及",
        "其领导职数。",
        "第四条　机构编制管理应当坚持精简、统一、效能的原则，",
        "第五条　本条例自公布之日起施行，有关规定同时废止，特",
        "此公告。",
    ]
    text = "某某条例\n" + "\n".join(body) + "\n"
    doc = lawdiff.parse(text)
    arts = units(doc)
    assert [a.text for a in arts][:3] == [
        "为了加强编制管理，提高行政效率，根据有关法律的规定，制定本条例。",
        "县级以上人民政府应当加强对机构和编制工作的领导，将所需经费列入本级预算。",
        "本条例所称机构编制，是指机构设置和人员编制及其领导职数。",
    ]
    assert arts[3].text == "机构编制管理应当坚持精简、统一、效能的原则，"  # next line starts an article: not joined
    assert arts[1].span.start == 4 and arts[1].span.end == 5
    furniture = [n for n in doc.notices if n.message == "page furniture dropped"]
    assert furniture[0].text == "— 3 —" and furniture[0].line == 6
    assert model_chars(doc) == input_chars(text)


def test_markdown_paragraphs_are_never_joined(corpora) -> None:
    for name in ("cn_legislation_law_2023.md", "shanghai_business_env_reg_2024.md"):
        doc = lawdiff.read(corpora / name)
        assert not [n for n in doc.notices if "wrapped" in n.message]


def test_items_before_first_article_and_unrecognised_lines() -> None:
    doc = lawdiff.parse("某条例\n序言\n引言文字。\n第一章　总则\n章下的说明文字。\n第一条　甲。")
    assert doc.intro == ("序言", "引言文字。")
    warn = [n for n in doc.notices if n.severity == "warning"]
    assert warn and warn[0].text == "章下的说明文字。" and warn[0].line == 5


def test_multiline_title_and_heading_continuation() -> None:
    doc = lawdiff.parse("某省人民代表大会常务委员会\n关于某事的决定\n（草案）\n\n作出如下决定：\n一、甲。")
    assert (doc.title, doc.stage, doc.kind) == ("某省人民代表大会常务委员会关于某事的决定", "草案", "draft")
    doc = lawdiff.parse("某条例\n第五章　人民代表大会及其常务委员会\n信访事项的受理和办理\n第一条　甲。")
    assert next(doc.divisions()).heading == "人民代表大会及其常务委员会信访事项的受理和办理"


def test_no_units_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as err:
        lawdiff.parse("只是一段说明文字。\n没有条文。", source="a.txt")
    assert str(err.value) == "a.txt: no articles or numbered items found"


def test_parse_lines_keeps_source_line_numbers() -> None:
    lines = [SourceLine("某法", 1), SourceLine("第一条　甲。", 7), SourceLine("乙。", 9)]
    doc = parse_lines(lines, source="x.docx")
    (art,) = units(doc)
    assert (art.span.start, art.span.end, art.clauses[1].span.start) == (7, 9, 9)
    assert doc.source == "x.docx"


def test_kind_and_stage_helpers() -> None:
    assert guess_kind("中华人民共和国刑法修正案（十一）") == "amendment"
    assert guess_kind("某某办法") == "regulation"
    assert split_stage("某法（修订草案）") == ("某法", "修订草案")
    assert split_stage("（草案）") == ("（草案）", None)


def test_zero_width_and_bom_are_ignored() -> None:
    doc = lawdiff.parse("\ufeff某法\n第一条\u200b　甲\u200d。")
    assert units(doc)[0].text == "甲。"


# ---------------------------------------------------------------------------
# properties

_CJK = st.text(alphabet=st.sampled_from(list("本法条例规定人民政府应当可以不得部门管理国家公民权利义务")), min_size=1, max_size=20)
_END = st.sampled_from(["。", "；", "：", ""])


@st.composite
def documents_text(draw) -> str:
    lines = [draw(_CJK) + "条例"]
    if draw(st.booleans()):
        lines.append("（2020年1月1日" + draw(_CJK) + "通过）")
    n = 0
    for chapter in range(1, draw(st.integers(0, 3)) + 1):
        lines.append(f"第{lawdiff.numerals.int_to_cn(chapter)}章　{draw(_CJK)}")
        for _ in range(draw(st.integers(1, 4))):
            n += 1
            lines.append(f"第{lawdiff.numerals.int_to_cn(n)}条　{draw(_CJK)}{draw(_END)}")
            for k in range(draw(st.integers(0, 3))):
                lines.append(f"（{lawdiff.numerals.int_to_cn(k + 1)}）{draw(_CJK)}；")
                for j in range(draw(st.integers(0, 2))):
                    lines.append(f"{j + 1}.{draw(_CJK)}；")
            for _ in range(draw(st.integers(0, 2))):
                lines.append(draw(_CJK) + "。")
    n += 1
    lines.append(f"第{lawdiff.numerals.int_to_cn(n)}条　本条例自公布之日起施行。")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(documents_text())
def test_round_trip_and_conservation_property(text: str) -> None:
    doc = lawdiff.parse(text)
    assert model_chars(doc) == input_chars(text)
    canonical = write_text(doc)
    assert lawdiff.parse(canonical) == doc
    assert write_text(lawdiff.parse(canonical)) == canonical
    assert len({a.eid for a in doc.units()}) == len(units(doc))


_LONG = st.text(alphabet=st.sampled_from(list("本法条例规定人民政府应当可以不得部门管理国家公民权利义务")), min_size=12, max_size=70)


@st.composite
def wrapped_pair(draw) -> tuple[str, str]:
    """A document, and the same document hard-wrapped at a fixed width as PDF text extraction gives it."""
    lines = ["某某管理条例"]
    for n in range(1, draw(st.integers(3, 8)) + 1):
        lines.append(f"第{lawdiff.numerals.int_to_cn(n)}条　{draw(_LONG)}。")
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(_LONG) + draw(st.sampled_from(["。", "；", "："])))
    width = draw(st.integers(14, 30))
    wrapped = [lines[0]]
    for line in lines[1:]:
        wrapped += [line[i : i + width] for i in range(0, len(line), width)]
    return "\n".join(lines) + "\n", "\n".join(wrapped) + "\n"


@settings(max_examples=100, deadline=None)
@given(wrapped_pair())
def test_hard_wrapped_text_parses_like_the_original(pair: tuple[str, str]) -> None:
    from hypothesis import assume

    original, wrapped = pair
    doc = lawdiff.parse(wrapped)
    assume(any("hard-wrapped" in n.message for n in doc.notices))
    assert doc == lawdiff.parse(original)
    assert model_chars(doc) == input_chars(wrapped)
