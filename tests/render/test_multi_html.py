"""The N-way and three-way HTML reports (lawdiff.render.multi_html) on real texts."""
from __future__ import annotations

import re
from collections import Counter

import lxml.html
import pytest

from lawdiff.model import Article, Clause, Document
from lawdiff.multi import MultiComparison, Row, agreement_label, compare_many
from lawdiff.render.multi_html import render_multi_html, render_three_html

from ._multi_cases import SETS, chishui3, chishui3_non_transitive, corpus_set, foreign_trade_three
from .conftest import HOSTILE_TEXTS


def _expected_paragraphs(units) -> list[str]:
    out = []
    for unit in units:
        prefix = unit.label + (unit.heading_raw or "")
        if unit.kind != "item":
            prefix += "\u3000"
        paras = unit.text.split("\n")
        out.append(prefix + paras[0])
        out.extend(paras[1:])
    return out


def _cell_paragraphs(td) -> list[str]:
    """The paragraphs of a cell as a reader of the draft sees them: deletions left out."""
    out = []
    for p in td.findall("p"):
        copy = lxml.html.fromstring(lxml.html.tostring(p, encoding="unicode"))
        for d in copy.xpath(".//del"):
            d.drop_tree()
        out.append(copy.text_content())
    return out


def _check_cells(page: str, multi: MultiComparison) -> list:
    tree = lxml.html.fromstring(page)
    rows = tree.xpath("//table[@id='comparison']/tbody/tr[contains(@class, 'pair')]")
    assert len(rows) == len(multi.rows)
    for tr, row in zip(rows, multi.rows):
        cells = tr.xpath("./td")
        assert len(cells) == len(multi.documents) + 1
        for k, td in enumerate(cells[1:]):
            units = row.cells[k]
            if not units:
                assert "none" in td.get("class")
                continue
            assert _cell_paragraphs(td) == _expected_paragraphs(units)
            if k == row.reference:
                assert not td.xpath(".//ins|.//del")
    return rows


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_draft_text_is_shown_in_full(name: str) -> None:
    multi = corpus_set(name)
    page = render_multi_html(multi)
    rows = _check_cells(page, multi)
    assert [tr.get("data-agreement") for tr in rows] == [agreement_label(r, multi.tags, absent_word="无") for r in multi.rows]
    tree = lxml.html.fromstring(page)
    heads = tree.xpath("//table[@id='comparison']/thead/tr/th")
    assert len(heads) == len(multi.documents) + 1
    assert not tree.xpath("//*[@src]") and "http://" not in page and "https://" not in page


def test_chishui_marks_and_badges() -> None:
    multi = chishui3()
    page = render_multi_html(multi)
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//tr[contains(@class, 'partial')]")
    row3 = tree.xpath("//tr[@data-agreement='A≈B≈C']")
    assert len(row3) == 5
    terms = [s.text_content() for r in row3 for s in r.xpath(".//span[@class='term']")]
    assert "泸州市" in terms and "昭通市" in terms
    # all 13 identical rows can be hidden by the changed-only filter
    assert len(tree.xpath("//tr[contains(@class, 'pair') and contains(@class, 'same')]")) == 13
    assert len(tree.xpath("//tr[contains(@class, 'rel-equivalent')]")) == 5
    # the non-transitive variant (A≈B, A≈C, B≠C on item 三)
    partial = lxml.html.fromstring(render_multi_html(chishui3_non_transitive()))
    row3 = partial.xpath("//tr[@data-agreement='A≈B≠C']")
    assert len(row3) == 1
    assert "partial" in row3[0].get("class") and "diff" in row3[0].get("class")
    terms = [s.text_content() for s in row3[0].xpath(".//span[@class='term']")]
    assert "泸州市" in terms and "昭通市" in terms
    assert tree.xpath("//h1")[0].text_content() == "云南省、贵州省、四川省3稿对照"
    assert render_multi_html(multi) == page  # deterministic


def test_three_way_statuses_and_marks() -> None:
    three = foreign_trade_three()
    page = render_three_html(three, title="对外贸易法三方对照")
    _check_cells(page, three.multi)
    tree = lxml.html.fromstring(page)
    rows = tree.xpath("//table[@id='comparison']/tbody/tr[contains(@class, 'pair')]")
    assert Counter(tr.get("data-status") for tr in rows) == Counter(s.value for s in three.statuses)
    conflict = tree.xpath("//tr[@data-status='conflict']")[0]
    assert "十" in "".join(i.text_content() for i in conflict.xpath("./td[4]//ins"))
    assert "五" in "".join(d.text_content() for d in conflict.xpath("./td[4]//del"))
    assert len(tree.xpath("//nav[@id='toc']//li")) == sum(s.changed for s in three.statuses)
    assert tree.xpath("//tr[contains(@class, 'chapter')]")  # the base's chapters
    assert tree.xpath("//h1")[0].text_content() == "对外贸易法三方对照"


def _hostile_docs() -> list[Document]:
    # lone surrogates are left out: lawdiff.align cannot take them yet (its tie-break encodes to UTF-8)
    texts = [t.replace("\ud800", "") for t in HOSTILE_TEXTS]
    docs = []
    for k in range(3):
        units = tuple(
            Article(number=i + 1, label=f"第{'一二三四'[i]}条",
                    clauses=(Clause(1, text if k == 0 else text.replace("应当", "<b>必须</b>") + "|" * k),))
            for i, text in enumerate(texts)
        )
        docs.append(Document(title=f"<i>危险</i>{k}", body=units))
    return docs


def test_hostile_text_stays_text() -> None:
    multi = compare_many(_hostile_docs())
    page = render_multi_html(multi)
    tree = lxml.html.fromstring(page)
    assert len(tree.xpath("//script")) == 1  # the report's own
    assert not tree.xpath("//table[@id='comparison']//b|//table[@id='comparison']//i")
    assert "<script>alert" not in page
    assert "\x0b" not in page and "\ufffd" in page  # control characters replaced, one for one
    assert isinstance(multi.rows[0], Row)
    # the same drafts in Word and Markdown
    from lawdiff.render.multi_docx import render_multi_docx
    from lawdiff.render.multi_text import render_multi_markdown

    assert render_multi_docx(multi)
    md = render_multi_markdown(multi)
    assert all(len(re.split(r"(?<!\\)\|", line)) == 6 for line in md.splitlines() if line.startswith("| "))
