"""Rendering of findings: text, json, github workflow commands, junit XML."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from hypothesis import given, strategies as st

from lawdiff.check.output import format_github, format_json, format_junit, format_text, render, summary
from lawdiff.check.rules import RULES, Finding, finding

FINDINGS = (
    finding("ref.article.missing", "drafts/a,b.md", 12, "zh", target="第九十条", text="本条例第九十条"),
    finding("form.width", "drafts/a,b.md", 3, "en", char=",", full="，", context="规定,应当"),
    Finding("form.commencement", "warning", "no 施行\nline two 100%", "x:y.md", None),
    finding("policy.min-identical", "lawdiff.toml", None, "en", count=17, minimum=18),
)


def test_text_lines() -> None:
    lines = format_text(FINDINGS).splitlines()
    assert lines[0] == "drafts/a,b.md:12: ref.article.missing: 引用的第九十条不存在（“本条例第九十条”）"
    assert lines[2].startswith("x:y.md: form.commencement: ")
    assert format_text(()) == ""


def test_json_round_trip() -> None:
    data = json.loads(format_json(FINDINGS))
    assert data["version"] == 1
    assert data["summary"] == {"error": 2, "warning": 2, "info": 0}
    assert data["findings"][0] == FINDINGS[0].as_dict()


def test_github_commands_are_escaped() -> None:
    lines = format_github(FINDINGS).splitlines()
    assert lines[0] == (
        "::error file=drafts/a%2Cb.md,line=12,title=ref.article.missing::引用的第九十条不存在（“本条例第九十条”）"
    )
    assert lines[1].startswith("::warning file=drafts/a%2Cb.md,line=3,title=form.width::")
    # no line property for whole-text findings; %, CR, LF escaped in data; ':' in properties
    assert lines[2] == "::warning file=x%3Ay.md,title=form.commencement::no 施行%0Aline two 100%25"
    assert len(lines) == len(FINDINGS)


@given(st.text(min_size=1, max_size=40), st.text(max_size=60))
def test_github_one_line_per_finding_whatever_the_text(source: str, message: str) -> None:
    out = format_github([Finding("form.quote", "error", message, source, 1)])
    assert out.count("\n") == 1
    line = out.rstrip("\n")
    assert "\r" not in line and "\n" not in line
    props = line[len("::error ") :].split("::", 1)[0]
    assert [p.split("=", 1)[0] for p in props.split(",")] == ["file", "line", "title"]


def test_junit_is_wellformed_and_counts_failures() -> None:
    xml = format_junit(FINDINGS, sources=["drafts/a,b.md", "clean.md"])
    root = ET.fromstring(xml.encode("utf-8"))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"drafts/a,b.md", "clean.md", "x:y.md", "lawdiff.toml"}
    lint_rules = [r for r in RULES if r.split(".")[0] in ("num", "ref", "form")]
    assert suites["clean.md"].get("tests") == str(len(lint_rules))
    assert suites["clean.md"].get("failures") == "0"
    assert suites["drafts/a,b.md"].get("failures") == "1"
    failure = suites["drafts/a,b.md"].find("testcase[@name='ref.article.missing']/failure")
    assert failure is not None and "drafts/a,b.md:12:" in failure.text
    assert suites["lawdiff.toml"].get("failures") == "1"
    assert root.get("failures") == "2"


def test_junit_escapes_markup() -> None:
    nasty = Finding("form.bracket", "error", "<b>&\"'</b>", "a<b>.md", 1)
    root = ET.fromstring(format_junit([nasty], sources=["a<b>.md"]).encode("utf-8"))
    failure = next(root.iter("failure"))
    assert failure.get("message") == "<b>&\"'</b>"


def test_render_dispatch_and_summary() -> None:
    assert render(FINDINGS, "text") == format_text(FINDINGS)
    assert summary(FINDINGS)["error"] == 2
    try:
        render(FINDINGS, "yaml")
    except ValueError as err:
        assert "yaml" in str(err)
    else:  # pragma: no cover
        raise AssertionError("unknown format accepted")
