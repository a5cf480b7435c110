"""The Word 对照表: page, table properties, fonts, marking styles, safety, golden document.xml."""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from lxml import etree

from lawdiff.errors import ConfigError
from lawdiff.model import Relation
from lawdiff.render import render_report
from lawdiff.render.docx_table import legend_text, render_docx_table
from lawdiff.render.marks import INVALID_MARKER, clean

from .golden import check_golden

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _xml(data: bytes, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(part))


def _rows(root: etree._Element) -> list[etree._Element]:
    return root.findall(".//w:tbl/w:tr", NS)


def _cell_paragraphs(tc: etree._Element, *, drop_markers: bool = False) -> list[str]:
    out = []
    for p in tc.findall("w:p", NS):
        runs = p.findall("w:r", NS)
        texts = []
        for k, r in enumerate(runs):
            t = "".join(x.text or "" for x in r.findall("w:t", NS))
            if drop_markers and r.find("w:rPr/w:b", NS) is not None and t in ("［增：", "［删：", "］"):
                continue
            texts.append(t)
        out.append("".join(texts))
    return out


def _strip_label(paragraphs: list[str], units) -> list[str]:
    out = list(paragraphs)
    k = 0
    for unit in units:
        prefix = unit.label + (unit.heading_raw or "")
        assert out[k].startswith(prefix)
        out[k] = out[k][len(prefix) :].removeprefix("\u3000")
        k += unit.text.count("\n") + 1
    return out


def test_page_title_legend_and_fonts(foreign_trade):
    data = render_docx_table(foreign_trade)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "《中华人民共和国对外贸易法》修改前后对照表"
    assert texts[1] == foreign_trade.right.preamble[0]
    assert legend_text("underline") in texts
    styles = _xml(data, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(f"{{{W}}}eastAsia") == "仿宋_GB2312"
    root = _xml(data)
    header = _rows(root)[0]
    assert header.find("w:trPr/w:tblHeader", NS) is not None
    assert [_cell_paragraphs(tc)[0] for tc in header.findall("w:tc", NS)] == ["现行条文", "修改后条文", "说明"]
    heads = header.findall(".//w:rFonts", NS)
    assert {f.get(f"{{{W}}}eastAsia") for f in heads} == {"黑体"}
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in _rows(root))


def test_rows_chapters_and_notes(foreign_trade):
    root = _xml(render_docx_table(foreign_trade))
    rows = _rows(root)[1:]
    chapter_rows = [tr for tr in rows if tr.find("w:tc/w:tcPr/w:gridSpan", NS) is not None]
    assert len(chapter_rows) == 11
    assert _cell_paragraphs(chapter_rows[0].find("w:tc", NS)) == ["第一章\u3000总则"]
    pair_rows = [tr for tr in rows if tr.find("w:tc/w:tcPr/w:gridSpan", NS) is None]
    assert len(pair_rows) == len(foreign_trade.pairs)
    for tr, pair in zip(pair_rows, foreign_trade.pairs):
        old, new, notes = tr.findall("w:tc", NS)
        if pair.old:
            assert _strip_label(_cell_paragraphs(old), pair.old) == clean(pair.old_text).split("\n")
        if pair.new:
            assert _strip_label(_cell_paragraphs(new), pair.new) == clean(pair.new_text).split("\n")
        note = "".join(_cell_paragraphs(notes))
        if pair.relation is Relation.DELETED:
            assert note == "删去" and _cell_paragraphs(new) == [""]
        if pair.renumbered:
            assert f"原{pair.old[0].label}" in note
    # 第十条 of 2016 is 第九条 of 2022
    assert any(
        _cell_paragraphs(tr.findall("w:tc", NS)[1])[0].startswith("第九条") and "原第十条" in "".join(_cell_paragraphs(tr.findall("w:tc", NS)[2]))
        for tr in pair_rows
    )


def _marked_runs(root: etree._Element, column: int) -> list[etree._Element]:
    runs = []
    for tr in _rows(root)[1:]:
        tcs = tr.findall("w:tc", NS)
        if len(tcs) > column:
            runs += [r for r in tcs[column].findall(".//w:r", NS) if r.find("w:rPr", NS) is not None]
    return runs


@pytest.mark.parametrize("style", ["underline", "heiti", "brackets"])
def test_marking_styles(holidays, style):
    data = render_docx_table(holidays, mark_style=style)
    root = _xml(data)
    body_text = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert legend_text(style) in body_text
    old_runs = [r for r in _marked_runs(root, 0) if r.find("w:rPr/w:rFonts", NS) is None or style == "heiti"]
    new_runs = _marked_runs(root, 1)
    if style == "underline":
        assert any(r.find("w:rPr/w:strike", NS) is not None for r in old_runs)
        inserted = [r for r in new_runs if r.find("w:rPr/w:u", NS) is not None]
        assert inserted and all(r.find("w:rPr/w:b", NS) is not None for r in inserted)
        assert "除夕、" in "".join(r.findtext("w:t", namespaces=NS) for r in inserted)
    elif style == "heiti":
        assert any(r.find("w:rPr/w:bdr", NS) is not None for r in old_runs)
        fonts = {r.find("w:rPr/w:rFonts", NS).get(f"{{{W}}}eastAsia") for r in new_runs if r.find("w:rPr/w:rFonts", NS) is not None}
        assert "黑体" in fonts
    else:
        text = "".join(_cell_paragraphs(_rows(root)[2].findall("w:tc", NS)[1]))
        assert "［增：除夕、］" in text
        assert "［删：" in "".join(_cell_paragraphs(_rows(root)[2].findall("w:tc", NS)[0]))
    # the marks never change the text itself (markers aside)
    pair = holidays.pairs[1]
    tr = _rows(root)[2]
    old = _cell_paragraphs(tr.findall("w:tc", NS)[0], drop_markers=True)
    assert _strip_label(old, pair.old) == clean(pair.old_text).split("\n")


def test_terms_carry_emphasis_dots_and_legend(chishui):
    data = render_docx_table(chishui, notes=False)
    root = _xml(data)
    assert len(_rows(root)[0].findall("w:tc", NS)) == 2
    heads = [_cell_paragraphs(tc)[0] for tc in _rows(root)[0].findall("w:tc", NS)]
    assert heads == [chishui.left.title, chishui.right.title]
    dotted = [r.findtext("w:t", namespaces=NS) for r in root.iter(f"{{{W}}}r") if r.find("w:rPr/w:em", NS) is not None]
    assert set(dotted) == {"云南省", "贵州省", "昭通市", "毕节市、遵义市"}
    assert not [r for r in root.iter(f"{{{W}}}r") if r.find("w:rPr/w:strike", NS) is not None]
    assert legend_text("underline", terms=True) in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_fonts_are_configurable(chishui):
    data = render_report(chishui, "docx", body_font="宋体", heading_font="方正小标宋简体")
    fonts = _xml(data, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(f"{{{W}}}eastAsia") == "宋体"
    assert "方正小标宋简体" in etree.tostring(_xml(data), encoding="unicode")


def test_unknown_mark_style_is_a_config_error(chishui):
    with pytest.raises(ConfigError, match="mark style"):
        render_docx_table(chishui, mark_style="rainbow")


def test_hostile_text_gives_a_valid_document(hostile):
    for style in ("underline", "heiti", "brackets"):
        data = render_docx_table(hostile, mark_style=style)
        document = docx.Document(io.BytesIO(data))  # parses
        text = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
        assert "<script>alert('x')</script>" in text and "]]>" in text and "<w:t>注入</w:t>" in text
        assert "控制字符" + INVALID_MARKER + "垂直制表" in text
        assert "\x0b" not in text and "\x00" not in text


def canonical_document_xml(data: bytes) -> str:
    """document.xml canonicalised (C14N 2.0), without volatile attributes (rsids, dates)."""
    root = _xml(data)
    for el in root.iter():
        for name in list(el.attrib):
            if re.search(r"}(rsid\w*|date)$", name):
                del el.attrib[name]
    text = etree.tostring(root, method="c14n2").decode("utf-8")
    return re.sub(r"(<w:(?:p|tr|tbl|tc)\b)", r"\n\1", text) + "\n"


def test_golden_document_xml(chishui, update_golden):
    check_golden("chishui_table_document.xml", canonical_document_xml(render_docx_table(chishui)), update_golden)


def test_real_comparisons_keep_every_text(real_comparison):
    root = _xml(render_docx_table(real_comparison))
    pair_rows = [tr for tr in _rows(root)[1:] if tr.find("w:tc/w:tcPr/w:gridSpan", NS) is None and len(tr.findall("w:tc", NS)) == 3 and not _is_heading_row(tr)]
    assert len(pair_rows) == len(real_comparison.pairs)
    for tr, pair in zip(pair_rows, real_comparison.pairs):
        old, new, _ = tr.findall("w:tc", NS)
        if pair.old:
            assert _strip_label(_cell_paragraphs(old), pair.old) == clean(pair.old_text).split("\n")
        if pair.new:
            assert _strip_label(_cell_paragraphs(new), pair.new) == clean(pair.new_text).split("\n")


def _is_heading_row(tr) -> bool:
    """A chapter row whose headings differ (old and new heading side by side, empty 说明)."""
    return tr.find("w:tc/w:p/w:pPr/w:keepNext", NS) is not None


def test_split_and_merged_cells_label_each_unit(reshuffled):
    root = _xml(render_docx_table(reshuffled))
    rows = [tr for tr in _rows(root)[1:] if tr.find("w:tc/w:tcPr/w:gridSpan", NS) is None]
    assert len(rows) == len(reshuffled.pairs)
    for tr, pair in zip(rows, reshuffled.pairs):
        old, new, notes = tr.findall("w:tc", NS)
        assert _strip_label(_cell_paragraphs(old), pair.old) == clean(pair.old_text).split("\n")
        assert _strip_label(_cell_paragraphs(new), pair.new) == clean(pair.new_text).split("\n")
    assert "".join(_cell_paragraphs(rows[2].findall("w:tc", NS)[2])) == "由第三条、第四条合并"
