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
