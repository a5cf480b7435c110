"""The N-way and three-way Word 对照表 (lawdiff.render.multi_docx) on real texts."""
from __future__ import annotations

import io

import docx
import pytest
from docx.enum.section import WD_ORIENT

from lawdiff.errors import ConfigError
from lawdiff.multi import MultiComparison
from lawdiff.render.multi_docx import render_multi_docx, render_three_docx

from ._multi_cases import SETS, chishui3, chishui3_non_transitive, corpus_set, foreign_trade_three
from ._revisions import W, document_xml

NS = {"w": W}


def _expected_paragraphs(units) -> list[str]:
    out = []
    for unit in units:
        prefix = unit.label + (unit.heading_raw or "")
        if unit.kind != "item" and not unit.heading_raw:
            prefix += "\u3000"
        paras = unit.text.split("\n")
        out.append(prefix + paras[0])
        out.extend(paras[1:])
    return out


def _visible(p) -> str:
    """A paragraph's text without struck-through (deleted) runs."""
    parts = []
    for r in p.findall("w:r", NS):
        if r.find("w:rPr/w:strike", NS) is not None:
            continue
        parts.extend(t.text or "" for t in r.findall("w:t", NS))
    return "".join(parts)


def _pair_rows(data: bytes, ncols: int):
    root = document_xml(data)
    tables = root.findall(".//w:tbl", NS)
    assert len(tables) == 1
    rows = tables[0].findall("w:tr", NS)
    header, body = rows[0], rows[1:]
    assert header.find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    assert len(tables[0].findall("w:tblGrid/w:gridCol", NS)) == ncols
    return [r for r in body if len(r.findall("w:tc", NS)) == ncols]


def _check(data: bytes, multi: MultiComparison, notes: bool = True) -> None:
    ncols = len(multi.documents) + (1 if notes else 0)
    rows = _pair_rows(data, ncols)
    assert len(rows) == len(multi.rows)
    for tr, row in zip(rows, multi.rows):
        cells = tr.findall("w:tc", NS)[1 if notes else 0 :]
        for k, tc in enumerate(cells):
            paras = [_visible(p) for p in tc.findall("w:p", NS)]
            if not row.cells[k]:
                assert paras == [""]
            else:
                assert paras == _expected_paragraphs(row.cells[k])
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_draft_text_is_in_its_column(name: str) -> None:
    multi = corpus_set(name)
    _check(render_multi_docx(multi), multi)


def test_chishui_table_header_and_agreement_column() -> None:
    multi = chishui3()
    data = render_multi_docx(multi)
    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["一致性", "A 云南省", "B 贵州省", "C 四川省"]
    firsts = [r.cells[0].paragraphs[0].text for r in table.rows[1:]]
    assert firsts.count("A=B=C") == 13 and firsts.count("A≈B≈C") == 5 and len(firsts) == 18
    body = document_xml(data)
    assert body.findall(".//w:em", NS), "jurisdiction terms carry 着重号"
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "云南省、贵州省、四川省3稿对照表"
    assert not any("部分稿一致" in t for t in texts)
    # the non-transitive variant: item 三 is A≈B≠C (A≈C too, B≠C)
    document = docx.Document(io.BytesIO(render_multi_docx(chishui3_non_transitive())))
    firsts = [r.cells[0].paragraphs[0].text for r in document.tables[0].rows[1:]]
    assert firsts.count("A=B=C") == 13 and firsts.count("A≈B≈C") == 4 and firsts.count("A≈B≠C") == 1
    assert any("部分稿一致1行" in p.text for p in document.paragraphs)


def test_without_notes_and_other_mark_styles() -> None:
    multi = corpus_set("foreign_trade")
    _check(render_multi_docx(multi, notes=False), multi, notes=False)
    data = render_multi_docx(multi, mark_style="brackets", title="标题")
    assert "［删：" in document_xml(data).xpath("string(.)")
    with pytest.raises(ConfigError):
        render_multi_docx(multi, mark_style="colour")


def test_three_way_word_table() -> None:
    three = foreign_trade_three()
    data = render_three_docx(three)
    _check(data, three.multi)
    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][0] == "状态"
    statuses = [r.cells[0].paragraphs[0].text for r in table.rows[1:] if len({id(c._tc) for c in r.cells}) == 4]
    assert statuses.count("双方改动不同") == 1 and statuses.count("均未改动") == 61
