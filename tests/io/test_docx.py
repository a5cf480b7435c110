"""Tests of the .docx reader and writer (lawdiff.io.docx)."""
from __future__ import annotations

import importlib.util
import io
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.errors import InputError
from lawdiff.io import docx as docx_io
from lawdiff.io.docx import read_lines, render_number, write_document
from lawdiff.model import Article, Clause, Division, Document, Item, Level

_spec = importlib.util.spec_from_file_location("fixtures_docx", Path(__file__).with_name("fixtures_docx.py"))
fx = importlib.util.module_from_spec(_spec)
assert _spec.loader is not None
sys.modules.setdefault("fixtures_docx", fx)
_spec.loader.exec_module(fx)

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
CORPUS_FILES = sorted(p for p in CORPORA.glob("*.md") if p.name not in ("INDEX.md", "README.md"))

# Word's definition for statutes: level 0 "第%1条" (chineseCounting), level 1 "（%2）" with no suffix,
# level 2 "%3." (decimal, no suffix): how drafters set up automatic article numbering.
STATUTE_NUMBERING = fx.abstract(
    0,
    fx.level(0, "chineseCounting", "第%1条"),
    fx.level(1, "chineseCountingThousand", "（%2）", suff="nothing"),
    fx.level(2, "decimal", "%3.", suff="nothing"),
) + fx.num(1, 0)


def texts(data: bytes) -> list[str]:
    return [line.text for line in read_lines(data, source="t.docx")]


# ---------------------------------------------------------------------------
# automatic numbering


def test_automatic_numbering_renders_like_typed_text() -> None:
    body = (
        fx.para("测试条例", center=True)
        + fx.para("为了测试，制定本条例。", num=(1, 0))
        + fx.para("有下列情形之一的：", num=(1, 0))
        + fx.para("甲；", num=(1, 1))
        + fx.para("乙：", num=(1, 1))
        + fx.para("子；", num=(1, 2))
        + fx.para("丑。", num=(1, 2))
        + fx.para("第二款不编号。")
        + fx.para("本条例自公布之日起施行。", num=(1, 0))
        + fx.para("新的项重新从一开始。", num=(1, 1))
    )
    lines = read_lines(fx.package(body, numbering=STATUTE_NUMBERING), source="n.docx")
    assert [ln.text for ln in lines] == [
        "测试条例",
        "第一条\u3000为了测试，制定本条例。",
        "第二条\u3000有下列情形之一的：",
        "（一）甲；",
        "（二）乙：",
        "1.子；",
        "2.丑。",
        "第二款不编号。",
        "第三条\u3000本条例自公布之日起施行。",
        "（一）新的项重新从一开始。",
    ]
    assert [ln.numbering for ln in lines] == [None, "第一条", "第二条", "（一）", "（二）", "1.", "2.", None, "第三条", "（一）"]
    assert lines[0].align == "center" and all(ln.align is None for ln in lines[1:])
    assert [ln.number for ln in lines] == list(range(1, 11))


def test_numbering_beyond_ten_and_start_values() -> None:
    numbering = fx.abstract(0, fx.level(0, "chineseCounting", "第%1条", start=99)) + fx.num(1, 0)
    body = "".join(fx.para(f"正文{i}。", num=(1, 0)) for i in range(13))
    out = texts(fx.package(body, numbering=numbering))
    assert out[0] == "第九十九条\u3000正文0。"
    assert out[2] == "第一百零一条\u3000正文2。"
    assert out[11] == "第一百一十条\u3000正文11。"


def test_start_override_restarts_and_shared_abstract_continues() -> None:
    numbering = (
        fx.abstract(0, fx.level(0, "decimal", "%1、", suff="nothing"))
        + fx.num(1, 0)
        + fx.num(2, 0)
        + fx.num(3, 0, start_override={0: 1})
    )
    body = (
        fx.para("a", num=(1, 0)) + fx.para("b", num=(1, 0))
        + fx.para("c", num=(2, 0))  # same abstract definition: continues, as in Word
        + fx.para("d", num=(3, 0)) + fx.para("e", num=(3, 0))  # startOverride: restarts at 1
    )
    assert texts(fx.package(body, numbering=numbering)) == ["1、a", "2、b", "3、c", "1、d", "2、e"]


def test_level_override_replaces_the_abstract_level() -> None:
    numbering = (
        fx.abstract(0, fx.level(0, "chineseCounting", "第%1条"))
        + fx.num(1, 0)
        + '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
        + fx.level(0, "chineseCounting", "%1、", start=3, suff="nothing")
        + "<w:startOverride w:val=\"3\"/></w:lvlOverride></w:num>"
    )
    body = fx.para("甲。", num=(1, 0)) + fx.para("乙。", num=(2, 0)) + fx.para("丙。", num=(2, 0))
    assert texts(fx.package(body, numbering=numbering)) == ["第一条\u3000甲。", "三、乙。", "四、丙。"]


def test_lvl_restart_zero_never_restarts() -> None:
    numbering = fx.abstract(
        0,
        fx.level(0, "chineseCounting", "第%1章", suff="space"),
        fx.level(1, "chineseCounting", "第%2条", restart=0),
    ) + fx.num(1, 0)
    body = (
        fx.para("总则", num=(1, 0)) + fx.para("甲。", num=(1, 1)) + fx.para("乙。", num=(1, 1))
        + fx.para("附则", num=(1, 0)) + fx.para("丙。", num=(1, 1))
    )
    assert texts(fx.package(body, numbering=numbering)) == [
        "第一章\u3000总则", "第一条\u3000甲。", "第二条\u3000乙。", "第二章\u3000附则", "第三条\u3000丙。",
    ]


def test_numbering_through_paragraph_style_and_num_id_zero() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Art"><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
    )
    plain = '<w:p><w:pPr><w:pStyle w:val="Art"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>' + fx.run("不编号") + "</w:p>"
    body = fx.para("标题", style="Title") + fx.para("甲。", style="Art") + plain + fx.para("乙。", style="Art")
    lines = read_lines(fx.package(body, numbering=STATUTE_NUMBERING, styles=styles), source="s.docx")
    assert [ln.text for ln in lines] == ["标题", "第一条\u3000甲。", "不编号", "第二条\u3000乙。"]
    assert lines[0].align == "center"


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 21, "二十一"),
        ("chineseCountingThousand", 1010, "一千零一十"),
        ("ideographDigital", 102, "一〇二"),
        ("chineseLegalSimplified", 12, "壹拾贰"),
        ("ideographTraditional", 3, "丙"),
        ("decimalEnclosedCircle", 3, "③"),
        ("decimalFullWidth", 12, "１２"),
        ("upperRoman", 14, "XIV"),
        ("lowerLetter", 28, "bb"),
        ("decimal", 7, "7"),
    ],
)
def test_render_number(fmt: str, value: int, expected: str) -> None:
    assert render_number(value, fmt) == expected


# ---------------------------------------------------------------------------
# paragraph content


def test_line_break_is_not_a_new_paragraph() -> None:
    body = (
        fx.para("第一条\u3000为了规范", "<w:r><w:br/></w:r>", "管理，制定本条例。")
        + fx.para("Hello", "<w:r><w:br/></w:r>", "world")
        + fx.para("第二条\u3000甲。")
    )
    assert texts(fx.package(body)) == ["第一条\u3000为了规范管理，制定本条例。", "Hello world", "第二条\u3000甲。"]


def test_table_cells_become_lines_row_by_row() -> None:
    body = fx.para("对照表") + fx.table(
        [[["现行条文"], ["修改后条文"]], [["第一条\u3000甲。", "第二款。"], ["第一条\u3000乙。"]], [[], ["新增。"]]]
    ) + fx.para("表后。")
    assert texts(fx.package(body)) == [
        "对照表", "现行条文", "修改后条文", "第一条\u3000甲。", "第二款。", "第一条\u3000乙。", "", "新增。", "表后。",
    ]


def test_nested_table_and_deleted_row() -> None:
    inner = fx.table([[["内1"], ["内2"]]])
    body = (
        "<w:tbl><w:tr><w:tc><w:p>" + fx.run("外1") + "</w:p>" + inner + "<w:p/></w:tc>"
        "<w:tc>" + fx.para("外2") + "</w:tc></w:tr>"
        '<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr><w:tc>' + fx.para("删掉的行") + "</w:tc></w:tr></w:tbl>"
    )
    assert texts(fx.package(body)) == ["外1", "内1", "内2", "", "外2"]


def test_tracked_changes_read_as_accepted() -> None:
    body = (
        "<w:p>" + fx.run("第一条\u3000")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>旧的</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="a">' + fx.run("新的") + "</w:ins>"
        + '<w:moveFrom w:id="3" w:author="a">' + fx.run("移走") + "</w:moveFrom>"
        + fx.run("文字。") + "</w:p>"
        # a deleted paragraph mark: accepting it joins this paragraph with the next
        + '<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="a"/></w:rPr></w:pPr>' + fx.run("前半") + "</w:p>"
        + fx.para("后半。")
    )
    assert texts(fx.package(body)) == ["第一条\u3000新的文字。", "前半后半。"]


def test_fields_hyperlinks_content_controls_keep_text_and_notes_are_ignored() -> None:
    body = (
        "<w:p>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + fx.run("3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + fx.run("链接") + "</w:hyperlink>"
        + '<w:fldSimple w:instr="DATE">' + fx.run("日期") + "</w:fldSimple>"
        + '<w:r><w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/>'
        + '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:tab/></w:r>' + fx.run("尾")
        + "</w:p>"
        + "<w:sdt><w:sdtPr/><w:sdtContent>" + fx.para("控件里的段落") + "</w:sdtContent></w:sdt>"
    )
    extra = {
        "word/footnotes.xml": b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:footnote w:id=\"1\"><w:p><w:r><w:t>FOOTNOTE</w:t></w:r></w:p></w:footnote></w:footnotes>",
        "word/header1.xml": b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:p><w:r><w:t>HEADER</w:t></w:r></w:p></w:hdr>",
    }
    assert texts(fx.package(body, extra=extra)) == ["3链接日期\t尾", "控件里的段落"]


def test_text_box_paragraphs_follow_their_anchor_once() -> None:
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        + fx.para("框内")
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + fx.para("框内")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    assert texts(fx.package(fx.para("锚", box))) == ["锚", "框内"]


# ---------------------------------------------------------------------------
# hostile input


def _expect_input_error(data: bytes, fragment: str) -> InputError:
    with pytest.raises(InputError) as info:
        read_lines(data, source="bad.docx")
    err = info.value
    assert err.source == "bad.docx"
    assert fragment in str(err)
    assert "\n" not in str(err)
    return err


def test_not_a_zip() -> None:
    _expect_input_error(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .doc", "legacy .doc")
    _expect_input_error(b"plain text", "not a .docx")
    _expect_input_error(b"", "empty")


def test_truncated_zip() -> None:
    data = fx.package(fx.para("第一条\u3000甲。"))
    _expect_input_error(data[: len(data) // 2], "corrupt or truncated")


def test_missing_document_part() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    _expect_input_error(buffer.getvalue(), "word/document.xml is missing")


def test_compression_ratio_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", fx.document_xml(fx.para("x")))
        zf.writestr("word/media/bomb.bin", b"\0" * (4 * 1024 * 1024))
    _expect_input_error(buffer.getvalue(), "suspicious compression ratio")


def _forge_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrite the declared uncompressed size of ``name`` in the central directory."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46 : pos + 46 + name_len] == name:
            struct.pack_into("<I", out, pos + 24, size)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def test_declared_part_size_above_limit_is_refused() -> None:
    data = _forge_sizes(fx.package(fx.para("x")), b"word/document.xml", docx_io.MAX_DOCX_PART_BYTES + 1)
    _expect_input_error(data, "refusing .docx part word/document.xml")


def test_total_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    data = fx.package(fx.para("甲" * 1000), extra={"word/other.xml": b"<a>" + b"b" * 3000 + b"</a>"})
    monkeypatch.setattr(docx_io, "MAX_DOCX_PART_BYTES", 5000)
    _expect_input_error(data, "parts total more than 5000 bytes")


def test_lying_size_header_cannot_inflate_more(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _forge_sizes(fx.package(fx.para("第一条\u3000甲。" * 50)), b"word/document.xml", 40)
    with pytest.raises(InputError) as info:
        read_lines(data, source="bad.docx")
    assert "bad.docx" in str(info.value)


@pytest.mark.parametrize(
    "payload",
    [
        # XXE: an external entity pointing at a local file
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{fx.W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>',
        # billion laughs
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        f'<w:document xmlns:w="{fx.W_NS}"><w:body><w:p><w:r><w:t>&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>',
    ],
)
def test_dtd_and_entities_are_refused(payload: str) -> None:
    err = _expect_input_error(fx.package("", document=payload), "declares a DTD")
    assert "root:" not in str(err)


def test_malformed_xml() -> None:
    _expect_input_error(fx.package("", document="<w:document"), "malformed XML")


# ---------------------------------------------------------------------------
# writer


def _toy_document() -> Document:
    return Document(
        title="测试条例",
        preamble=("（2020年1月1日测试会议通过）",),
        body=(
            Division(Level.CHAPTER, 1, "第一章", "总\u3000\u3000则", children=(
                Article(1, "第一条", (Clause(1, "为了测试，制定本条例。"),)),
                Article(2, "第二条", (
                    Clause(1, "有下列情形之一的：", items=(
                        Item(1, "（一）", "甲；", subitems=(Item(1, "1.", "子；"),)),
                        Item(2, "（二）", "乙。"),
                    )),
                    Clause(2, "第二款。"),
                )),
            )),
        ),
    )


def test_writer_layout() -> None:
    from docx import Document as DocxDocument
    from docx.oxml.ns import qn

    data = write_document(_toy_document())
    lines = read_lines(data, source="w.docx")
    assert [(ln.text, ln.align) for ln in lines] == [
        ("测试条例", "center"),
        ("", None),
        ("（2020年1月1日测试会议通过）", "center"),
        ("", None),
        ("第一章\u3000总\u3000\u3000则", "center"),
        ("\u3000\u3000第一条\u3000为了测试，制定本条例。", None),
        ("\u3000\u3000第二条\u3000有下列情形之一的：", None),
        ("\u3000\u3000（一）甲；", None),
        ("\u3000\u30001.子；", None),
        ("\u3000\u3000（二）乙。", None),
        ("\u3000\u3000第二款。", None),
    ]
    doc = DocxDocument(io.BytesIO(data))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    fonts = [p.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for p in doc.paragraphs if p.runs]
    assert fonts == ["方正小标宋简体", "楷体_GB2312", "黑体"] + ["仿宋_GB2312"] * 6


def test_writer_decision_items_have_no_separator() -> None:
    doc = Document(title="决定", kind="decision", body=(Article(1, "一、", (Clause(1, "将第一条修改为：“……”"),), kind="item"),))
    assert texts(write_document(doc))[-1] == "\u3000\u3000一、将第一条修改为：“……”"


# ---------------------------------------------------------------------------
# files written by other programs


def _soffice() -> str | None:
    for name in ("soffice", "libreoffice", "lowriter"):
        found = shutil.which(name)
        if found:
            return found
    fallback = Path("/usr/lib/libreoffice/program/soffice")
    return str(fallback) if fallback.exists() else None


@pytest.fixture(scope="module")
def libreoffice_resave(tmp_path_factory: pytest.TempPathFactory):
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot produce a LibreOffice-saved .docx")
    base = tmp_path_factory.mktemp("lo")

    def resave(data: bytes, name: str) -> bytes:
        src = base / f"{name}.docx"
        src.write_bytes(data)
        outdir = base / f"out_{name}"
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{base}/profile",
             "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(src)],
            check=True, capture_output=True, timeout=120,
        )
        return (outdir / f"{name}.docx").read_bytes()

    return resave


def test_python_docx_file(tmp_path: Path) -> None:
    from docx import Document as DocxDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = DocxDocument()
    title = d.add_paragraph("某某条例")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("第一条\u3000为了测试。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "甲"
    table.cell(0, 1).text = "乙"
    d.add_paragraph().add_run("第二条\u3000").add_break()
    buffer = io.BytesIO()
    d.save(buffer)
    lines = read_lines(buffer.getvalue(), source="pd.docx")
    assert [ln.text for ln in lines] == ["某某条例", "第一条\u3000为了测试。", "甲", "乙", "第二条\u3000"]
    assert lines[0].align == "center"


def test_libreoffice_saved_files_read_the_same(libreoffice_resave) -> None:
    numbered_body = (
        fx.para("测试条例", center=True)
        + "".join(fx.para(f"正文{i}：", num=(1, 0)) + fx.para("甲；", num=(1, 1)) + fx.para("乙。", num=(1, 1))
                  for i in range(12))
    )
    numbered = fx.package(numbered_body, numbering=STATUTE_NUMBERING)
    written = write_document(_toy_document())
    for name, original in (("numbered", numbered), ("written", written)):
        resaved = libreoffice_resave(original, name)
        assert resaved != original
        before = [(ln.text, ln.align) for ln in read_lines(original, source="a.docx")]
        after = [(ln.text, ln.align) for ln in read_lines(resaved, source="lo.docx")]
        assert after == before, name
    assert before  # the loop ran


# ---------------------------------------------------------------------------
# invariants


_TEXT = st.text(alphabet=st.sampled_from("法律条例第一二三四五六七八九十，。；：“”（）　 abc12"), min_size=1, max_size=30)


@settings(max_examples=30, deadline=None)
@given(parts=st.lists(_TEXT, min_size=1, max_size=8))
def test_every_typed_paragraph_comes_back(parts: list[str]) -> None:
    body = "".join(fx.para(p) for p in parts)
    assert texts(fx.package(body)) == parts


# ---------------------------------------------------------------------------
# Document level (needs lawdiff.parse and lawdiff.io.read from the text reader's author)


@pytest.fixture(scope="module")
def io_api():
    pytest.importorskip("lawdiff.parse", reason="lawdiff.parse is not written yet")
    return pytest.importorskip("lawdiff.io", reason="lawdiff.io is not written yet")


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_corpus_roundtrip_through_word(io_api, path: Path) -> None:
    expected = io_api.read(path)
    data = write_document(expected)
    got = io_api.read_bytes(data, name=path.stem + ".docx")
    assert got == expected


def test_automatic_numbering_parses_like_typed_text(io_api) -> None:
    typed = "\n".join([
        "测试条例",
        "第一条\u3000为了测试，制定本条例。",
        "第二条\u3000有下列情形之一的：",
        "（一）甲；",
        "（二）乙。",
        "前款规定的情形除外。",
        "第三条\u3000本条例自公布之日起施行。",
    ]) + "\n"
    body = (
        fx.para("测试条例", center=True)
        + fx.para("为了测试，制定本条例。", num=(1, 0))
        + fx.para("有下列情形之一的：", num=(1, 0))
        + fx.para("甲；", num=(1, 1))
        + fx.para("乙。", num=(1, 1))
        + fx.para("前款规定的情形除外。")
        + fx.para("本条例自公布之日起施行。", num=(1, 0))
    )
    from_word = io_api.read_bytes(fx.package(body, numbering=STATUTE_NUMBERING), name="auto.docx")
    from_text = io_api.read_bytes(typed.encode("utf-8"), name="typed.txt")
    assert from_word == from_text
    assert len(list(from_word.units())) == 3


TYPED = (
    "测试条例\n"
    "第一条\u3000为了规范管理，制定本条例。\n"
    "第二条\u3000有下列情形之一的：\n"
    "（一）甲；\n"
    "（二）乙。\n"
    "前款规定的情形除外。\n"
)


def test_line_break_parses_like_typed_text(io_api) -> None:
    body = (
        fx.para("测试条例", center=True)
        + fx.para("第一条\u3000为了规范", "<w:r><w:br/></w:r>", "管理，制定本条例。")
        + fx.para("第二条\u3000有下列情形之一的：")
        + fx.para("（一）甲；") + fx.para("（二）乙。") + fx.para("前款规定的情形除外。")
    )
    from_word = io_api.read_bytes(fx.package(body), name="br.docx")
    assert from_word == io_api.read_bytes(TYPED.encode("utf-8"), name="typed.txt")
    assert len(list(from_word.units())[1].clauses) == 2


def test_layout_table_parses_like_typed_text(io_api) -> None:
    """Some offices paste the whole text into a one-column layout table."""
    cells = [[[line]] for line in TYPED.splitlines()[1:]]
    body = fx.para("测试条例", center=True) + fx.table(cells)
    from_word = io_api.read_bytes(fx.package(body), name="table.docx")
    assert from_word == io_api.read_bytes(TYPED.encode("utf-8"), name="typed.txt")


@pytest.mark.corpus
def test_bulk_corpus_roundtrip_through_word(io_api, bulk_corpus: Path) -> None:
    """A fixed sample of the bulk corpus: the .docx written from a text reads as its canonical text does.

    Comparing with the canonical text (rather than with the Markdown's Document) keeps the
    parser's own idempotence out of this test: it measures the Word reader and writer alone.
    """
    import random

    from lawdiff.errors import LawdiffError
    from lawdiff.io.text import write_text

    files = sorted(p for p in bulk_corpus.rglob("*.md") if p.name != "README.md")
    sample = random.Random(20261128).sample(files, min(120, len(files)))
    checked = 0
    for path in sample:
        try:
            doc = io_api.read(path)
        except LawdiffError:
            continue  # texts the parser refuses are the parser's tests' business
        canonical = io_api.read_bytes(write_text(doc).encode("utf-8"), name="canonical.txt")
        assert io_api.read_bytes(write_document(doc), name=path.stem + ".docx") == canonical, str(path)
        checked += 1
    assert checked > 100
