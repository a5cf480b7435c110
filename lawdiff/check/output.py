"""Findings rendered for people and machines: ``text``, ``json``, ``github``, ``junit``.

- ``text``: one line per finding, ``file:line: id: message`` (``file: id:
  message`` when the finding concerns the whole text).
- ``json``: ``{"version": 1, "findings": [...], "summary": {...}}``.
- ``github``: workflow commands (``::error file=…,line=…,title=…::message``)
  that GitHub Actions turns into annotations on the pull request's lines;
  data is escaped for ``%``, CR and LF, properties also for ``:`` and ``,``
  (the rules of the actions/toolkit ``command.ts``).
- ``junit``: JUnit XML (ElementTree, so every text is escaped): one test
  suite per source file, one test case per rule that was checked; errors are
  failures, warnings and notes go to ``system-out``.
"""
from __future__ import annotations

import json
from collections import OrderedDict
from typing import Iterable, Sequence

from .rules import RULES, Finding

__all__ = ["FORMATS", "render", "format_text", "format_json", "format_github", "format_junit", "summary"]

FORMATS = ("text", "json", "github", "junit")
JSON_VERSION = 1


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts of findings by severity."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts


def format_text(findings: Sequence[Finding]) -> str:
    lines = []
    for f in findings:
        where = f"{f.source}:{f.line}" if f.line is not None else f.source
        lines.append(f"{where}: {f.rule}: {f.message}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_json(findings: Sequence[Finding]) -> str:
    payload = {
        "version": JSON_VERSION,
        "findings": [f.as_dict() for f in findings],
        "summary": summary(findings),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def format_github(findings: Sequence[Finding]) -> str:
    lines = []
    for f in findings:
        props = [f"file={_escape_property(f.source)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
        props.append(f"title={_escape_property(f.rule)}")
        lines.append(f"::{_GITHUB_LEVEL.get(f.severity, 'warning')} {','.join(props)}::{_escape_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


_LINT_PREFIXES = ("num.", "ref.", "form.")


def format_junit(findings: Sequence[Finding], sources: Sequence[str] = ()) -> str:
    """JUnit XML: a suite per source, a case per rule.

    ``sources`` are the linted files: their suites list every lint rule (a
    passing case each), so a dashboard shows what was checked. Other sources
    (the config file, a pair's files) list the rules that reported.
    """
    import xml.etree.ElementTree as ET

    by_source: "OrderedDict[str, list[Finding]]" = OrderedDict((s, []) for s in sources)
    for f in findings:
        by_source.setdefault(f.source, []).append(f)
    root = ET.Element("testsuites", name="lawdiff check")
    total_tests = total_failures = 0
    for source, items in by_source.items():
        suite = ET.SubElement(root, "testsuite", name=source)
        failures = 0
        linted = source in sources
        rule_ids = [r for r in RULES if r.startswith(_LINT_PREFIXES)] if linted else []
        for f in items:
            if f.rule not in rule_ids:
                rule_ids.append(f.rule)
        for rule_id in rule_ids:
            case = ET.SubElement(suite, "testcase", classname=source, name=rule_id)
            hits = [f for f in items if f.rule == rule_id]
            errors = [f for f in hits if f.severity == "error"]
            if errors:
                failures += 1
                failure = ET.SubElement(case, "failure", message=errors[0].message, type=rule_id)
                failure.text = "\n".join(
                    f"{f.source}:{f.line}: {f.message}" if f.line is not None else f"{f.source}: {f.message}"
                    for f in errors
                )
            others = [f for f in hits if f.severity != "error"]
            if others:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(
                    f"{f.severity}: {f.source}:{f.line}: {f.message}" if f.line is not None
                    else f"{f.severity}: {f.source}: {f.message}"
                    for f in others
                )
        suite.set("tests", str(len(rule_ids)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += len(rule_ids)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    # ElementTree escapes markup but writes characters XML 1.0 cannot hold (Word's \x0b, \x08 ...)
    # as they are: replace them by U+FFFD, as the reports do, so the file stays well-formed
    from ..render.marks import clean

    return '<?xml version="1.0" encoding="UTF-8"?>\n' + clean(ET.tostring(root, encoding="unicode")) + "\n"


def render(findings: Sequence[Finding], fmt: str = "text", *, sources: Sequence[str] = ()) -> str:
    """Findings in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "text":
        return format_text(findings)
    if fmt == "json":
        return format_json(findings)
    if fmt == "github":
        return format_github(findings)
    if fmt == "junit":
        return format_junit(findings, sources)
    msg = f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}"
    raise ValueError(msg)
