"""Article text that tries to break the outputs.

Markup (``<script>``, ``</td>``, ``]]>``, ``</w:t>``), Markdown table pipes and
emphasis, GitHub workflow-command syntax, Word control characters and
characters XML cannot hold go through the whole pipeline: a .md file is read,
compared with a revised copy and rendered in every format, and the findings of
``check`` are rendered in every format. Each output must parse back (lxml for
HTML and XML, zip + lxml for .docx, ``json.loads``) and show the text
literally; characters XML 1.0 cannot hold are shown as U+FFFD in XML-based
outputs (HTML, .docx, JUnit) and in Markdown, and kept exactly in JSON.
"""
from __future__ import annotations

import html as htmllib
import json
import re

import pytest

import lawdiff
from lawdiff.model import Relation

from ._support import (
    INVALID_XML,
    NASTY,
    check_outputs,
    count,
    docx_text,
    html_tree,
    markdown_table_rows,
    reports,
    validate_checks,
    validate_reports,
    xml_text,
)

FFFD = "\ufffd"


def _xml_visible(text: str) -> str:
    for ch in INVALID_XML:
        text = text.replace(ch, FFFD)
    return text


def _source(variant: bool) -> str:
    lines = ["某某条例", "第一章　总则"]
    for i, nasty in enumerate(NASTY, 1):
        lines.append(f"第{'一二三四五六七八九十'[i - 1] if i <= 10 else '十' + '一二三四五六七八九'[i - 11]}条　"
                     f"前文{nasty}后文。")
    n = len(NASTY)
    controls = "".join(INVALID_XML)
    changed = "改" if variant else ""
    lines.append(f"第十{'一二三四五六七八九'[n - 10]}条　控制字符{controls}之间{changed}<b>粗</b>|管|道|]]>。")
    lines.append(f"第十{'一二三四五六七八九'[n - 9]}条　本条例自公布之日起施行。")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def nasty_comparison(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nasty")
    old, new = folder / "old.md", folder / "new.md"
    old.write_text(_source(False), encoding="utf-8")
    new.write_text(_source(True), encoding="utf-8")
    comparison = lawdiff.compare(lawdiff.read(old), lawdiff.read(new))
    assert len(comparison.pairs) == len(NASTY) + 2
    return comparison, reports(comparison)


def _identical_texts(comparison) -> list[str]:
    return [p.old_text for p in comparison.pairs if p.relation is Relation.IDENTICAL]


def test_the_text_is_read_literally(nasty_comparison) -> None:
    comparison, _ = nasty_comparison
    texts = [u.text for u in comparison.left.units()]
    for nasty in NASTY:
        assert f"前文{nasty}后文。" in texts
    assert any("".join(INVALID_XML) in t for t in texts)


def test_every_report_parses_back(nasty_comparison) -> None:
    comparison, out = nasty_comparison
    validate_reports(comparison, out)
    count("injection: reports validated", len(out))


def test_html_shows_the_text_and_injects_nothing(nasty_comparison) -> None:
    comparison, out = nasty_comparison
    root = html_tree(out["html"])
    shown = root.find("body").text_content()
    for text in _identical_texts(comparison):
        assert _xml_visible(text) in shown
        count("injection: strings checked in HTML")
    assert len(root.xpath("//script")) <= 1  # lawdiff's own inline script only
    assert not root.xpath("//b|//table//table|//*[@onmouseover]")


@pytest.mark.parametrize("fmt", ["docx", "redline"])
def test_docx_shows_the_text(nasty_comparison, fmt: str) -> None:
    comparison, out = nasty_comparison
    shown = docx_text(out[fmt])
    for text in _identical_texts(comparison):
        assert _xml_visible(text) in shown
        count(f"injection: strings checked in {fmt}")
    controls = _xml_visible("控制字符" + "".join(INVALID_XML) + "之间")
    assert controls in shown


def _md_unescape(cell: str) -> str:
    cell = re.sub(r"</?(ins|del|u|details|summary)>|<br>|\*\*", "", cell)
    cell = re.sub(r"\\(.)", r"\1", cell)
    return htmllib.unescape(cell)


def test_markdown_cells_hold_the_text(nasty_comparison) -> None:
    comparison, out = nasty_comparison
    md = out["markdown"].decode("utf-8")
    rows = markdown_table_rows(md)
    assert len({len(r) for r in rows}) == 1, "a pipe in the text broke the table"
    body = [r for r in rows if not set("".join(r)) <= set("- ")]
    cells = [_md_unescape(c) for r in body for c in r]
    for text in _identical_texts(comparison):
        assert any(_xml_visible(text) in c for c in cells), text
        count("injection: strings checked in Markdown")
    assert "<script>" not in md and "<b>" not in md


def test_json_keeps_the_text_exactly(nasty_comparison) -> None:
    comparison, out = nasty_comparison
    data = json.loads(out["json"])
    old = ["".join(op[1] for op in p["ops"]) for p in data["pairs"]]
    assert old == [p.old_text for p in comparison.pairs]
    assert any("".join(INVALID_XML) in t for t in old)


def test_terminal_report_cannot_drive_the_terminal(nasty_comparison) -> None:
    """Escape sequences from the text (``\\x1b[2J`` clears the screen) are not passed to the terminal."""
    comparison, _ = nasty_comparison
    from lawdiff.render.terminal import render_terminal

    for color in (False, True):
        text = render_terminal(comparison, color=color)
        own = re.sub(r"\x1b\[[0-9;]*m", "", text)  # lawdiff's own SGR colour codes
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", own), repr(own[:200])
    count("injection: terminal renderings", 2)


def test_check_outputs_stay_valid_with_nasty_findings() -> None:
    """Findings that quote the text (unclosed brackets, half-width punctuation) and a nasty file name."""
    text = ("某某条例\n第一条　（" + "".join(NASTY) + "\n第二条　依照本条例第九条办理。\n"
            "第三条　（" + "".join(INVALID_XML) + "甲\n第五条　本条例自公布之日起施行。\n")
    name = "草案,a:b%0A<x>&.md"
    doc = lawdiff.parse(text, source=name)
    findings, outputs = check_outputs(doc, source=name)
    assert len(findings) >= 4
    validate_checks(outputs)
    messages = [f["message"] for f in json.loads(outputs["json"])["findings"]]
    assert messages == [f.message for f in findings]
    assert any("（<script>a" in m for m in messages)
    assert any("".join(INVALID_XML) in m for m in messages)
    lines = outputs["github"].rstrip("\n").split("\n")
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        _, props, data = line.split("::", 2)
        assert "file=草案%2Ca%3Ab%250A<x>&.md" in props
        assert data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%") == finding.message
    junit = xml_text(outputs["junit"].encode("utf-8"))
    failures = [el.get("message", "") + "\n" + (el.text or "") for el in junit.iter("failure")]
    assert any("（<script>a" in m for m in failures)
    assert any(_xml_visible("".join(INVALID_XML)) in m for m in failures)
    assert {s.get("name") for s in junit.iter("testsuite")} == {name}
    count("injection: check outputs validated", len(outputs))


def test_nasty_title_preamble_heading_and_file_name() -> None:
    """Markup and control characters in the title, the 题注, a chapter heading and the source name."""
    text = ("某某<script>alert(1)</script>]]>\x0b|条例\n（2021年1月1日\x1b[2J</td>通过）\n第一章　总则<b>\x0b\n"
            "第一条　甲。\n第二条　本条例自公布之日起施行。\n")
    old = lawdiff.parse(text, source="a<&\x0b>.md")
    new = lawdiff.parse(text.replace("甲", "乙"), source="b|c.md")
    assert old.title.startswith("某某<script>") and "总则<b>" in [d.heading for d in old.divisions()][0]
    comparison = lawdiff.compare(old, new)
    out = reports(comparison)
    validate_reports(comparison, out)
    root = html_tree(out["html"])
    assert "某某<script>alert(1)</script>]]>" in root.text_content()
    assert len(root.xpath("//script")) <= 1 and not root.xpath("//b")
    assert "某某<script>alert(1)</script>]]>" in docx_text(out["docx"])
    assert "\x1b" not in out["text"].decode("utf-8")
    count("injection: reports validated", len(out))
