"""Text input: encodings, line ends, bad input, read()/read_bytes() dispatch, canonical layout."""
from __future__ import annotations

import pytest

import lawdiff
import lawdiff.io as lio
from lawdiff.errors import InputError, ParseError
from lawdiff.io.text import decode, detect_encoding, read_lines, split_lines, write_text

SAMPLE = "某某条例\n第一条　为了规范管理，制定本条例。\n第二条　本条例自公布之日起施行。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    assert detect_encoding(data) == encoding
    lines = read_lines(data, source="a.txt")
    assert [l.text for l in lines] == SAMPLE.splitlines()
    doc = lawdiff.read_bytes(data, name="a.txt")
    assert [u.label for u in doc.units()] == ["第一条", "第二条"]


def test_real_corpus_file_in_gbk_equals_utf8(corpora) -> None:
    text = (corpora / "cn_legal_aid_regulation_2003.md").read_text(encoding="utf-8")
    utf8 = lawdiff.read_bytes(text.encode("utf-8"), name="a.md")
    gbk = lawdiff.read_bytes(text.encode("gb18030"), name="a.md")
    assert utf8 == gbk and len(list(gbk.units())) == 31


def test_line_ends() -> None:
    lines = split_lines("甲\r\n乙\r丙\n\n丁\u2028戊")
    assert [(l.number, l.text) for l in lines] == [(1, "甲"), (2, "乙"), (3, "丙"), (4, ""), (5, "丁\u2028戊")]
    crlf = lawdiff.read_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8"), name="a.txt")
    cr = lawdiff.read_bytes(SAMPLE.replace("\n", "\r").encode("utf-8"), name="a.txt")
    assert crlf == cr == lawdiff.parse(SAMPLE)


def test_zero_width_characters_and_bom() -> None:
    data = ("\ufeff" + SAMPLE.replace("第一条", "第\u200b一条")).encode("utf-8")
    assert lawdiff.read_bytes(data, name="a.txt") == lawdiff.parse(SAMPLE)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (SAMPLE.encode("utf-8") + b"\x00\x00", "binary file"),
        (bytes(range(0x80, 0x100)) * 4, "cannot decode"),
        (b"\xff\xff\xff\xfe\xfa", "cannot decode"),
        ("Ünïcödé façade".encode("latin-1"), "cannot decode"),
    ],
)
def test_undecodable_or_binary_input(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        lawdiff.read_bytes(data, name="bad.txt")
    assert message in str(err.value) and str(err.value).startswith("bad.txt: ")
    assert "\n" not in str(err.value)


def test_utf16_with_nul_characters_is_refused() -> None:
    with pytest.raises(InputError, match="NUL"):
        decode(b"\xff\xfe" + "甲\x00乙".encode("utf-16-le"), source="x.txt")


def test_read_errors(tmp_path, monkeypatch) -> None:
    with pytest.raises(InputError, match="no such file"):
        lawdiff.read(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        lawdiff.read(tmp_path)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        lawdiff.read(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\u3000\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        lawdiff.read(blank)
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError) as err:
        lawdiff.read(legacy)
    assert str(err.value).endswith("old.doc: legacy Word .doc is not supported; save it as .docx")
    big = tmp_path / "big.txt"
    big.write_text(SAMPLE, encoding="utf-8")
    monkeypatch.setattr(lio, "MAX_INPUT_BYTES", 10)
    with pytest.raises(InputError, match="too large"):
        lawdiff.read(big)
    with pytest.raises(InputError, match="too large"):
        lawdiff.read_bytes(SAMPLE.encode(), name="big.txt")


def test_unknown_suffix_and_format_override(tmp_path) -> None:
    odd = tmp_path / "law.rtf"
    odd.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(InputError, match="unknown file type"):
        lawdiff.read(odd)
    assert len(list(lawdiff.read(odd, format="text").units())) == 2
    with pytest.raises(InputError, match="unknown format"):
        lawdiff.read(odd, format="pdf")
    plain = tmp_path / "LAW"
    plain.write_text(SAMPLE, encoding="utf-8")
    assert lawdiff.read(plain).title == "某某条例"


def test_no_units_is_parse_error_naming_the_file(tmp_path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("这是一份说明。\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        lawdiff.read(note)
    assert str(err.value) == f"{note}: no articles or numbered items found"


def test_suffix_dispatch_to_other_readers(corpora) -> None:
    """.docx/.html go to their readers (written by the readers engineer)."""
    docx = pytest.importorskip("lawdiff.io.docx")
    assert hasattr(docx, "read_lines")
    with pytest.raises(InputError):
        lawdiff.read_bytes(b"not a zip file at all", name="x.docx")
    html = pytest.importorskip("lawdiff.io.html")
    page = "<html><body><p>某某条例</p><p>第一条　甲。</p></body></html>".encode("utf-8")
    doc = lawdiff.read_bytes(page, name="x.html")
    assert [u.text for u in doc.units()] == ["甲。"]
    assert html.read_lines  # the reader exists


def test_canonical_layout(corpora) -> None:
    doc = lawdiff.read(corpora / "cn_public_holidays_measures_2024.md")
    text = write_text(doc)
    lines = text.split("\n")
    assert lines[0] == "全国年节及纪念日放假办法" and lines[1] == ""
    assert lines[2].startswith("1949年12月23日")
    assert "第一条　为统一全国年节及纪念日的假期，制定本办法。" in lines
    assert text.endswith("\n") and "\n\n\n" not in text
    decision = write_text(lawdiff.read(corpora / "guizhou_chishui_joint_decision_2021.md"))
    assert "\n一、三省坚持统筹协调" in decision
