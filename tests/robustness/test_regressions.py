"""Regression tests for the crashes and losses the robustness suite found (see docs/reliability.md).

(The GBK decision full of quotes is in test_encodings.py.)
"""
from __future__ import annotations

import pytest

import lawdiff
from lawdiff.errors import InputError
from parse_helpers import input_chars, model_chars


def test_html_nested_deeper_than_libxml2_allows_is_refused_not_truncated() -> None:
    """libxml2 stops at 256 nested elements and lxml returned the part it had: 第二条 and 第三条 were
    silently dropped. lawdiff.io.html now refuses the page."""
    page = ("<html><body><p>某某条例</p><p>第一条　甲。</p>" + "<div>" * 300 + "<p>第二条　乙。</p>" + "</div>" * 300
            + "<p>第三条　丙。</p></body></html>")
    with pytest.raises(InputError, match="whole page"):
        lawdiff.read_bytes(page.encode("utf-8"), name="deep.html")
    shallow = page.replace("<div>" * 300, "<div>" * 200).replace("</div>" * 300, "</div>" * 200)
    assert [u.label for u in lawdiff.read_bytes(shallow.encode("utf-8"), name="ok.html").units()] == [
        "第一条", "第二条", "第三条"]


def test_html_text_node_over_ten_megabytes_is_refused_not_dropped() -> None:
    """A text node over libxml2's 10 MB limit vanished (with everything after it)."""
    page = "<html><body><p>某某条例</p><p>第一条　甲。</p><pre>" + "第二条　乙。\n" * 700_000 + "</pre></body></html>"
    with pytest.raises(InputError, match="whole page"):
        lawdiff.read_bytes(page.encode("utf-8"), name="big.html")


def test_junit_output_with_word_control_characters_is_well_formed() -> None:
    """ElementTree wrote \\x0b (Word's line break in pasted text) into JUnit XML, which then did not parse."""
    from lxml import etree

    from lawdiff.check import lint
    from lawdiff.check.output import format_junit

    doc = lawdiff.parse("某某条例\n第一条　规范\x0b管\x08理]。\n第二条　本条例自公布之日起施行。\n", source="a\x0b.md")
    findings = lint(doc, source="a\x0b.md")
    assert findings
    root = etree.fromstring(format_junit(findings, ["a\x0b.md"]).encode("utf-8"))
    assert "规范\ufffd管\ufffd理]" in etree.tostring(root, encoding="unicode")


def test_terminal_report_does_not_pass_escape_sequences_through() -> None:
    """An article holding ``\\x1b]0;…\\x07`` or ``\\x1b[2J`` drove the user's terminal."""
    from lawdiff.render.terminal import render_terminal

    old = lawdiff.parse("某某条例\x1b]0;标题\x07\n第一条　甲\x1b[2J乙。\n第二条　丙。\n")
    new = lawdiff.parse("某某条例\n第一条　甲\x1b[2J乙丁。\n第二条　丙。\n")
    text = render_terminal(lawdiff.compare(old, new), color=False)
    assert "\x1b" not in text and "\x07" not in text
    assert "甲\ufffd[2J乙{+丁+}。" in text


def test_markdown_heading_keeps_a_hash_that_is_not_a_closing_sequence() -> None:
    """``## 第二章　职责#`` lost its ``#``: only a blank-separated run of # closes an ATX heading."""
    text = "# 某某条例\n\n## 第一章　职责#\n\n第一条　甲。\n\n## 第二章　附则 ##\n\n第二条　乙。\n"
    doc = lawdiff.parse(text)
    assert [d.heading for d in doc.divisions()] == ["职责#", "附则"]  # "附则 ##": a closing sequence
    text = text.replace("附则 ##", "附则")
    assert input_chars(text) == model_chars(lawdiff.parse(text))


def test_apply_section_inside_a_chapter_then_a_chapter_after_it() -> None:
    """apply() crashed (ValueError: not in list) when one instruction added a 节 inside 第二章 and the
    next added a 章 after 第二章: both were remembered under the same key in apply._division_tree."""
    from lawdiff.io.text import write_text

    law = lawdiff.parse("某某条例\n第一章　总则\n第一条　甲。\n第二章　管理\n第二条　乙。\n第三条　丙。\n")
    decision = ("关于修改《某某条例》的决定\n"
                "一、第二章增加一节，作为第一节，节名为“一般规定”，将第二条列入该节。\n"
                "二、在第二章后增加一章，作为第三章，章名为“附则”，将第三条列入该章。\n")
    result = lawdiff.apply(law, decision)
    assert write_text(result).splitlines()[2:] == [
        "第一章　总则", "第一条　甲。", "第二章　管理", "第一节　一般规定", "第二条　乙。", "第三章　附则", "第三条　丙。"]


def test_vectorised_containment_equals_the_one_by_one_value() -> None:
    """align._contained_many (one rapidfuzz call per unit, added so that a pair where every article
    is rewritten no longer makes millions of single calls) gives exactly align._contained."""
    from lawdiff.align import _contained, _contained_many

    whole = "国家建立健全法律援助制度，保障公民和有关当事人依法获得法律援助。"
    parts = ["法律援助制度", "公民依法获得", "无关的文字", "援助", "国家建立健全法律援助制度，保障公民和有关当事人依法获得法律援助。", "甲乙"]
    assert _contained_many(parts, whole) == [_contained(p, whole) for p in parts]
    assert _contained_many([], whole) == []


UNREADABLE = ("某某条例\n第一章　总则\n第一条　甲。\n第二条之十十　乙。\n第十十条　丙：\n（十十）戊；\n第百百条　庚。\n"
              "第三条　本条例自公布之日起施行。\n")


def test_unreadable_article_numbers_are_findings_not_crashes() -> None:
    """第二条之十十 / 第十十条 parse with number or suffix -1; check crashed computing the expected
    label (ValueError: negative number) in check/lint.py."""
    from lawdiff.check import lint

    doc = lawdiff.parse(UNREADABLE)
    assert [(u.number, u.suffix) for u in doc.units()][1:4] == [(2, -1), (-1, 0), (-1, 0)]
    rules = [f.rule for f in lint(doc, lang="en")]
    assert "num.article.suffix" in rules and "num.article.repeat" in rules


def test_renumber_repairs_unreadable_numbers() -> None:
    """renumber crashed writing the "occurs more than once" notice for the key (-1, 0)."""
    result, rows = lawdiff.renumber(lawdiff.parse(UNREADABLE))
    assert [u.label for u in result.units()] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert ("第十十条", "第三条") in [(r.old, r.new) for r in rows]


def test_amend_refuses_unreadable_numbers_with_a_parse_error() -> None:
    from lawdiff.errors import ParseError

    with pytest.raises(ParseError, match="第二条之十十"):
        lawdiff.amend(lawdiff.parse(UNREADABLE), lawdiff.parse(UNREADABLE.replace("甲", "辛")))


@pytest.mark.parametrize("decision", [
    "一、将第十十条修改为：“丙。”",
    "一、删去第二条之十十。",
    "一、第十十章增加一节，作为第一节，节名为“x”。",
    "一、增加一条，作为第二条之十十：“丁。”",
    "一、将第一条第十十款修改为：“丙。”",
])
def test_apply_refuses_unreadable_numbers_in_a_decision(decision: str) -> None:
    """instructions.parse_decision let cn_to_int's ValueError escape (exit 4 from the CLI)."""
    from lawdiff.errors import ParseError

    law = lawdiff.parse("某某条例\n第一条　甲。\n第二条　乙。\n")
    with pytest.raises(ParseError, match="十十"):
        lawdiff.apply(law, "关于修改的决定\n" + decision + "\n")


def test_apply_merge_naming_the_same_article_twice() -> None:
    """“将第一条、第一条合并” made apply() remove the unit twice (ValueError from list.remove)."""
    from lawdiff.errors import LawdiffError

    law = lawdiff.parse("某某条例\n第一条　甲。\n第二条　乙。\n")
    with pytest.raises(LawdiffError, match="same article twice"):
        lawdiff.apply(law, "关于修改的决定\n一、将第一条、第一条合并，作为第一条，修改为：“丁。”\n")


def test_errors_print_on_one_line() -> None:
    """lxml's message for a NUL in XML ends in a newline (``…range\\n, line 1, column 34``): the
    InputError printed on two lines. LawdiffError.__str__ now always gives one line."""
    from lawdiff.errors import LawdiffError

    with pytest.raises(LawdiffError) as info:
        lawdiff.read_bytes(b"<?xml version='1.0'?><akomaNtoso>\x00", name="a.xml")
    assert "\n" not in str(info.value) and "line 1" in str(info.value)
    assert "\n" not in str(InputError("a\nb\r\nc", source="x\ny.md"))


@pytest.mark.parametrize("fmt", ["akn", "docx"])
def test_writers_refuse_characters_xml_cannot_hold(fmt: str) -> None:
    """``lawdiff parse --format akn`` (and renumber/apply -o x.docx) on a text holding Word's \\x0b
    ended in lxml's ValueError ("internal error", exit 4). The writers now refuse with an InputError."""
    from lawdiff.io.akn import write_document as write_akn
    from lawdiff.io.docx import write_document as write_docx

    doc = lawdiff.parse("某某条例\n第一条　甲\x0b乙。\n第二条　本条例自公布之日起施行。\n", source="ctl.md")
    with pytest.raises(InputError, match="U\\+000B"):
        (write_akn if fmt == "akn" else write_docx)(doc)


def test_cli_parse_to_akn_with_a_control_character_exits_3(tmp_path) -> None:
    import subprocess
    import sys

    from ._support import ROOT

    src = tmp_path / "ctl.md"
    src.write_bytes("某某条例\n第一条　甲\x0b乙。\n第二条　本条例自公布之日起施行。\n".encode("utf-8"))
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "parse", "--format", "akn", str(src)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr and "XML cannot hold" in proc.stderr


def test_forged_list_start_does_not_expand_into_gigabytes(hostile) -> None:
    """A .docx list numbered from w:start=2147483647 in upperLetter rendered 82 million letters per
    paragraph (MemoryError with 40 paragraphs). Counters above 32767 are now written in decimal."""
    from lawdiff.io.docx import render_number, read_lines

    files, _ = hostile
    lines = read_lines(files["numbering_bomb.docx"].path.read_bytes(), source="numbering_bomb.docx")
    assert len(lines) == 41 and lines[1].numbering == "第2147483647条"
    assert max(len(line.text) for line in lines) < 100
    assert render_number(28, "upperLetter") == "BB" and render_number(10**18, "upperRoman") == str(10**18)
