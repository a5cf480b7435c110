"""The side-by-side HTML report: structure, marks, safety, golden file, invariants."""
from __future__ import annotations

import re

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.model import Comparison, Document, Pair, Relation
from lawdiff.render import render_report
from lawdiff.render.html import render_html
from lawdiff.render.marks import INVALID_MARKER, clean

from ._build import char_ops, summarize
from .conftest import HOSTILE_TEXTS, _article
from .golden import check_golden


def _tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html.encode("utf-8"))


def _side_text(td: lxml.html.HtmlElement) -> list[str]:
    """Paragraph texts of a side cell, without the unit labels."""
    out = []
    for p in td.findall("p"):
        parts = [p.text or ""]
        for child in p:
            tail = child.tail or ""
            if "label" in (child.get("class") or ""):
                tail = tail.removeprefix("\u3000")  # the separator after 第一条 (none after 一、)
            else:
                parts.append(child.text_content())
            parts.append(tail)
        out.append("".join(parts))
    return out


def test_self_contained_page(foreign_trade):
    html = render_html(foreign_trade)
    tree = _tree(html)
    assert html.startswith("<!DOCTYPE html>")
    assert not tree.xpath("//link | //script[@src] | //img | //iframe")
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert len(tree.xpath("//style")) == 1 and len(tree.xpath("//script")) == 1
    assert "@media print" in tree.xpath("//style")[0].text


def test_one_row_per_pair_with_labels_badges_and_chapters(foreign_trade):
    tree = _tree(render_html(foreign_trade))
    rows = tree.xpath("//table[@id='comparison']/tbody/tr[contains(@class,'pair')]")
    assert len(rows) == len(foreign_trade.pairs)
    for row, pair in zip(rows, foreign_trade.pairs):
        assert row.get("data-relation") == pair.relation.value
        assert row.xpath(".//span[contains(@class,'badge')]")
        labels = [s.text for s in row.xpath("./td[1]//span[contains(@class,'label')]")]
        assert labels == [u.label for u in pair.old]
        assert [s.text for s in row.xpath("./td[3]//span[contains(@class,'label')]")] == [u.label for u in pair.new]
    # 对外贸易法 has 11 chapters: one separator row each, listed in the contents
    chapters = tree.xpath("//tr[@class='chapter']")
    assert len(chapters) == 11
    assert chapters[0].text_content() == "第一章\u3000总则"
    assert len(tree.xpath("//nav[@id='toc']//li")) == 11
    # the deleted 第九条 (备案登记) and the renumbering 第十条 -> 第九条
    deleted = tree.xpath("//tr[@data-relation='deleted']")
    assert len(deleted) == 1 and "备案登记" in deleted[0].text_content()
    assert "none" in deleted[0].xpath("./td[3]")[0].get("class")
    renumbered = tree.xpath("//tr[contains(@class,'renumbered')]")
    assert len(renumbered) == foreign_trade.summary.renumbered
    assert "第十条 ↔ 第九条" in renumbered[0].text_content()


def test_summary_legend_and_sources(chishui):
    tree = _tree(render_html(chishui))
    assert tree.get_element_by_id("summary").text == "13 of 18 identical, 5 equivalent"
    legend = tree.xpath("//p[@class='legend']")[0]
    assert legend.xpath(".//ins") and legend.xpath(".//del") and legend.xpath(".//span[@class='term']")
    header = tree.xpath("//header")[0].text_content()
    assert "corpora/yunnan_chishui_joint_decision_2021.md" in header
    assert "贵州省人民代表大会常务委员会关于加强赤水河流域共同保护的决定" in header


def test_jurisdiction_terms_are_marked_apart_from_edits(chishui):
    tree = _tree(render_html(chishui))
    equivalent = tree.xpath("//tr[@data-relation='equivalent']")
    assert len(equivalent) == 5
    for row in equivalent:
        assert not row.xpath(".//ins | .//del"), "an equivalent pair has no real edit"
        terms = [s.text for s in row.xpath(".//span[@class='term']")]
        assert terms
        assert set(terms) <= {"云南省", "贵州省", "昭通市", "毕节市、遵义市"}
    # 第二项: 昭通市 (云南) against 毕节市、遵义市 (贵州), marked as whole terms
    second = tree.get_element_by_id("pair-2")
    assert [s.text for s in second.xpath("./td[1]//span[@class='term']")][:2] == ["昭通市", "毕节市、遵义市"]


def test_marks_rebuild_both_texts(corpus_comparison):
    _check_rebuild(corpus_comparison)


def test_marks_rebuild_both_texts_of_real_comparisons(real_comparison):
    _check_rebuild(real_comparison)


def _check_rebuild(comparison):
    tree = _tree(render_html(comparison))
    rows = tree.xpath("//tr[contains(@class,'pair')]")
    assert len(rows) == len(comparison.pairs)
    for row, pair in zip(rows, comparison.pairs):
        old_td, _, new_td = row.findall("td")
        if pair.old:
            assert _side_text(old_td) == clean(pair.old_text).split("\n")
            assert not old_td.xpath(".//ins")
        if pair.new:
            assert _side_text(new_td) == clean(pair.new_text).split("\n")
            assert not new_td.xpath(".//del")
        if pair.relation is Relation.IDENTICAL:
            assert not row.xpath(".//ins | .//del | .//span[@class='term']")
        if pair.relation is Relation.MODIFIED:
            assert row.xpath(".//ins | .//del")


def test_hostile_text_shows_literally(hostile):
    html = render_html(hostile)
    tree = _tree(html)
    assert len(tree.xpath("//script")) == 1, "no script element comes from the text"
    assert not tree.xpath("//table[@id='comparison']//b | //table[@id='comparison']//hr | //h1/i")
    text = tree.xpath("//table[@id='comparison']")[0].text_content()
    assert "<script>alert('x')</script>应当</td></tr>]]>公开" in text
    assert "<b>必须</b>" in text and "新增</script><script>alert(1)</script>" in text
    assert "控制字符" + INVALID_MARKER + "垂直制表" + INVALID_MARKER + "单元分隔" in text
    assert "孤立代理" + INVALID_MARKER + "结束" + INVALID_MARKER in text
    assert tree.xpath("//h1")[0].text == "《<i>危险</i>标题|条例]]>》修改前后对照"
    html.encode("utf-8")  # no lone surrogate survives
    assert len(tree.xpath("//tr[contains(@class,'pair')]")) == len(HOSTILE_TEXTS) + 1


def test_title_option_and_dispatch(chishui):
    data = render_report(chishui, "html", title="赤水河<对照>")
    tree = _tree(data.decode("utf-8"))
    assert tree.xpath("//title")[0].text == "赤水河<对照>"
    assert render_html(chishui) == render_html(chishui), "deterministic"


def test_golden_chishui(chishui, update_golden):
    check_golden("chishui.html", render_html(chishui), update_golden)


@settings(max_examples=60, deadline=None)
@given(
    old=st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=3),
    new=st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=3),
)
def test_any_text_renders_and_reads_back(old, new):
    a = _article(1, "第一条", *[t.replace("\n", " ") for t in old])
    b = _article(1, "第一条", *[t.replace("\n", " ") for t in new])
    pair = Pair(old=(a,), new=(b,), relation=Relation.MODIFIED, score=0.5, ops=char_ops(a.text, b.text))
    left, right = Document(title="甲", body=(a,)), Document(title="乙", body=(b,))
    comparison = Comparison(left=left, right=right, pairs=(pair,), summary=summarize([pair], left, right))
    tree = _tree(render_html(comparison))
    old_td, _, new_td = tree.xpath("//tr[contains(@class,'pair')]")[0].findall("td")
    # (the HTML parser turns a CR into LF, so line ends are compared as absent)
    def strip(x: str) -> str:
        return x.replace("\r", "").replace("\n", "")

    assert [strip(x) for x in _side_text(old_td)] == [strip(clean(t.replace("\n", " "))) for t in old]
    assert [strip(x) for x in _side_text(new_td)] == [strip(clean(t.replace("\n", " "))) for t in new]


def test_format_only_differences_are_marked_as_format(corpora):
    compare = pytest.importorskip("lawdiff.compare").compare
    comparison = compare(corpora / "cn_public_holidays_measures_2013.md", corpora / "cn_public_holidays_measures_2024.md")
    tree = _tree(render_html(comparison))
    identical = [p for p in comparison.pairs if p.relation is Relation.IDENTICAL and p.format_notes]
    assert identical, "2013 writes (一) and 2024 （一）: the aligner calls them identical, with format notes"
    rows = tree.xpath("//tr[@data-relation='identical']")
    formatted = [r for r in rows if r.xpath(".//span[@class='fmt']")]
    assert len(formatted) == len(identical)
    for row in formatted:
        assert not row.xpath(".//ins | .//del")
        assert {s.text for s in row.xpath(".//span[@class='fmt']")} <= {"(", ")", "（", "）", ":", "："}


def test_nested_divisions_get_one_separator_row_per_level(nested):
    tree = _tree(render_html(nested))
    rows = tree.xpath("//table[@id='comparison']/tbody/tr")
    shape = [(r.get("class"), r.get("data-level"), r.text_content() if r.get("class") == "chapter" else r.get("id")) for r in rows]
    assert shape == [
        ("chapter", "0", "第一编\u3000总则"),
        ("chapter", "1", "第一章\u3000基本规定"),
        ("pair rel-identical same", None, "pair-1"),
        ("pair rel-modified diff", None, "pair-2"),
        ("chapter", "0", "第二编\u3000物权"),
        ("chapter", "1", "第一章\u3000一般规定"),
        ("pair rel-identical same", None, "pair-3"),
        ("chapter", "1", "第二章\u3000合同"),
        ("pair rel-modified diff", None, "pair-4"),
    ]
    toc = [(li.get("class"), li.text_content()) for li in tree.xpath("//nav[@id='toc']//li")]
    assert toc[0] == ("lvl-0", "第一编\u3000总则") and toc[1] == ("lvl-1", "第一章\u3000基本规定1 处差异")


def test_moved_split_and_merged_rows(reshuffled):
    _check_rebuild(reshuffled)
    tree = _tree(render_html(reshuffled))
    moved = tree.get_element_by_id("pair-2")
    assert "moved" in moved.get("class") and "移动（原第一条）" in moved.text_content()
    merged = tree.get_element_by_id("pair-3")
    assert [s.text for s in merged.xpath("./td[1]//span[contains(@class,'label')]")] == ["第三条", "第四条"]
    assert "由第三条、第四条合并" in merged.text_content()
    split = tree.get_element_by_id("pair-4")
    assert [s.text for s in split.xpath("./td[3]//span[contains(@class,'label')]")] == ["第四条", "第五条"]
    assert "拆分为第四条、第五条" in split.text_content()
