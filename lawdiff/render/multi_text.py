"""Text forms of N-way and three-way comparisons: terminal table, JSON, Markdown.

* :func:`render_multi_terminal` / :func:`render_three_terminal`: a summary
  line, one line per row (labels per draft, agreement or status), then the
  differing rows with each draft's changes inline (``[-old-]``/``{+new+}``,
  or ANSI colours).
* :func:`render_multi_json` (schema ``lawdiff.multi/1``) and
  :func:`render_three_json` (``lawdiff.threeway/1``), documented in
  docs/multi.md; keys in a fixed order, deterministic output.
* :func:`render_multi_markdown` / :func:`render_three_markdown`: a GFM table,
  a column per draft, marks ``<ins>``/``<del>``/``<u>`` as in the pairwise
  Markdown report.
"""
from __future__ import annotations

import json
from typing import Any

from ..errors import ConfigError
from ..model import Document
from ..multi import (
    CATEGORY_ZH,
    STATUS_ZH,
    MultiComparison,
    Row,
    Status,
    ThreeWay,
    agreement_label,
    multi_summary,
    row_category,
    summary_line,
    three_summary,
    three_summary_line,
)
from .json import unit_to_json
from .markdown import escape
from .multi_marks import cell_runs, cell_units
from .terminal import display_width, inline_changes

__all__ = [
    "MULTI_SCHEMA",
    "THREE_SCHEMA",
    "multi_to_dict",
    "three_to_dict",
    "render_multi_json",
    "render_three_json",
    "render_multi_terminal",
    "render_three_terminal",
    "render_multi_markdown",
    "render_three_markdown",
]

MULTI_SCHEMA = "lawdiff.multi/1"
THREE_SCHEMA = "lawdiff.threeway/1"

_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"
_YELLOW = "\x1b[33m"
_RED = "\x1b[31m"


# ---------------------------------------------------------------------------
# JSON


def _text_json(doc: Document, tag: str, name: str) -> dict[str, Any]:
    return {
        "tag": tag,
        "name": name,
        "title": doc.title,
        "source": doc.source,
        "kind": doc.kind,
        "units": sum(1 for _ in doc.units()),
    }


def _cell_json(row: Row, k: int) -> dict[str, Any]:
    pair = row.pairs[k]
    out: dict[str, Any] = {
        "units": [unit_to_json(u) for u in row.cells[k]],
        "text": row.text(k),
    }
    if pair is None:
        out["relation"] = None
        return out
    out.update(
        relation=pair.relation.value,
        score=round(float(pair.score), 4),
        renumbered=pair.renumbered,
        moved=pair.moved,
        terms=[[t.old, t.new] for t in pair.terms],
        format_notes=list(pair.format_notes),
        ops=[op.as_list() for op in pair.ops],
    )
    return out


def _options(options: tuple[tuple[str, object], ...]) -> dict[str, Any]:
    return {k: ([list(e) for e in v] if k == "equiv" else v) for k, v in options}  # type: ignore[union-attr]


def multi_to_dict(multi: MultiComparison) -> dict[str, Any]:
    """The N-way comparison as JSON-ready data (schema ``lawdiff.multi/1``)."""
    return {
        "schema": MULTI_SCHEMA,
        "pivot": multi.pivot,
        "texts": [_text_json(d, t, n) for d, t, n in zip(multi.documents, multi.tags, multi.names)],
        "options": _options(multi.options),
        "summary": multi_summary(multi),
        "rows": [
            {
                "category": row_category(row),
                "agreement": agreement_label(row, multi.tags),
                "groups": [list(g) for g in row.groups],
                "identical": list(row.identical),
                "absent": list(row.absent),
                "reference": row.reference,
                "cells": [_cell_json(row, k) for k in range(len(multi.documents))],
            }
            for row in multi.rows
        ],
    }


def three_to_dict(three: ThreeWay) -> dict[str, Any]:
    """The three-way comparison as JSON-ready data (schema ``lawdiff.threeway/1``)."""
    multi = three.multi
    roles = ("base", "a", "b")
    return {
        "schema": THREE_SCHEMA,
        "texts": {
            role: _text_json(d, role, n) for role, d, n in zip(roles, multi.documents, multi.names)
        },
        "options": _options(multi.options),
        "summary": three_summary(three),
        "rows": [
            {
                "status": status.value,
                "note": note,
                "a_equals_b": row.agree(1, 2),
                "reference": roles[row.reference],
                **{role: _cell_json(row, k) for k, role in enumerate(roles)},
            }
            for row, status, note in zip(multi.rows, three.statuses, three.notes)
        ],
    }


def render_multi_json(multi: MultiComparison, *, indent: int | None = 2) -> str:
    return json.dumps(multi_to_dict(multi), ensure_ascii=False, indent=indent) + "\n"


def render_three_json(three: ThreeWay, *, indent: int | None = 2) -> str:
    return json.dumps(three_to_dict(three), ensure_ascii=False, indent=indent) + "\n"


# ---------------------------------------------------------------------------
# terminal


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _labels(units) -> str:
    return "+".join(u.label for u in units) or "—"


def _table(heads: list[str], body: list[list[str]]) -> list[str]:
    widths = [max([display_width(h)] + [display_width(r[c]) for r in body]) for c, h in enumerate(heads)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(heads, widths)).rstrip()]
    for r in body:
        lines.append("  ".join(_pad(x, w) for x, w in zip(r, widths)).rstrip())
    return lines


def _changes(row: Row, tags: tuple[str, ...], color: bool) -> list[str]:
    """Each draft's changes against the row's reference (equivalents too when the drafts disagree)."""
    lines = []
    ref = tags[row.reference]
    if row.absent:
        units = row.cells[row.reference]
        lines.append(f"  {ref} ({_labels(units)}): " + row.text(row.reference).replace("\n", " / "))
        lines.append("  absent in " + ", ".join(tags[k] for k in row.absent))
    disagree = len(row.groups) > 1
    for k, pair in enumerate(row.pairs):
        if pair is None or not pair.old or not pair.new:
            continue
        if not (pair.relation.changed or (disagree and pair.old_text != pair.new_text)):
            continue
        lines.append(f"  {tags[k]} vs {ref} ({pair.relation.value}, {pair.score:.2f})")
        lines.extend("    " + line for line in inline_changes(pair, color=color).split("\n"))
    return lines


def _heading_lines(multi: MultiComparison, roles: tuple[str, ...], color: bool) -> list[str]:
    out = []
    for role, doc, name in zip(roles, multi.documents, multi.names):
        line = f"{role}: {name}"
        if doc.title and doc.title != name:
            line += f" — {doc.title}"
        if doc.source:
            line += f" ({doc.source})"
        out.append(f"{_BOLD}{line}{_RESET}" if color else line)
    return out


def render_multi_terminal(multi: MultiComparison, *, color: bool = False, changed_only: bool = False) -> str:
    """The N-way table as text (ends with a newline)."""
    lines = _heading_lines(multi, multi.tags, color)
    lines += [summary_line(multi), ""]
    body = []
    for index, row in enumerate(multi.rows, start=1):
        category = row_category(row)
        if changed_only and category == "identical":
            continue
        body.append([str(index), *(_labels(c) for c in row.cells), agreement_label(row, multi.tags), category])
    lines += _table(["ROW", *multi.tags, "AGREEMENT", "CATEGORY"], body)
    differing = [(i, r) for i, r in enumerate(multi.rows, start=1) if row_category(r) not in ("identical", "equivalent")]
    if differing:
        lines += ["", f"{_BOLD}Differences{_RESET}" if color else "Differences"]
        for index, row in differing:
            label = _labels(row.cells[row.reference])
            head = f"row {index} ({multi.tags[row.reference]} {label}): {agreement_label(row, multi.tags)}"
            lines += ["", f"{_YELLOW}{head}{_RESET}" if color else head]
            lines += _changes(row, multi.tags, color)
    return "\n".join(lines) + "\n"


def render_three_terminal(three: ThreeWay, *, color: bool = False, changed_only: bool = False) -> str:
    """The three-way table as text (ends with a newline)."""
    multi = three.multi
    roles = ("BASE", "A", "B")
    lines = _heading_lines(multi, roles, color)
    lines += [three_summary_line(three), ""]
    body = []
    for index, (row, status, note) in enumerate(zip(multi.rows, three.statuses, three.notes), start=1):
        if changed_only and status is Status.UNCHANGED:
            continue
        body.append([str(index), *(_labels(c) for c in row.cells), status.value, note])
    lines += _table(["ROW", *roles, "STATUS", "NOTE"], body)
    changed = [(i, r, s) for i, (r, s) in enumerate(zip(multi.rows, three.statuses), start=1) if s.changed]
    if changed:
        lines += ["", f"{_BOLD}Changes{_RESET}" if color else "Changes"]
        tags = ("BASE", "A", "B")
        for index, row, status in changed:
            label = _labels(row.cells[row.reference])
            head = f"row {index} ({tags[row.reference]} {label}): {status.value}"
            code = _RED if status is Status.CONFLICT else _YELLOW
            lines += ["", f"{code}{head}{_RESET}" if color else head]
            lines += _changes(row, tags, color)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Markdown


def _md_cell(row: Row, k: int, marks: str) -> str:
    units = row.cells[k]
    if not units:
        return "—"
    starts = cell_units(units)
    paragraphs = []
    for p, runs in enumerate(cell_runs(row.pairs[k], units)):
        prefix = ""
        unit = starts.get(p)
        if unit is not None:
            prefix = f"**{escape(unit.label + (unit.heading_raw or ''))}**" + ("" if unit.kind == "item" else " ")
        paragraphs.append(prefix + "".join(_md_run(r.kind, r.text, marks) for r in runs))
    return "<br>".join(paragraphs)


def _md_run(kind: str, text: str, marks: str) -> str:
    text = escape(text)
    if kind in ("same", "fmt") or not text.strip():
        return text
    if kind == "term":
        return f"<u>{text}</u>"
    if marks == "html":
        return f"<ins>{text}</ins>" if kind == "ins" else f"<del>{text}</del>"
    return f"**{text}**" if kind == "ins" else f"~~{text}~~"


def _md_legend(marks: str) -> str:
    if marks not in ("html", "plain"):
        raise ConfigError(f"unknown Markdown marks {marks!r}; choose html or plain")
    if marks == "html":
        return "图例：<ins>增加</ins> · <del>删除</del> · <u>辖区用语不同</u>（与参照稿相比）"
    return "图例：**增加** · ~~删除~~ · <u>辖区用语不同</u>（与参照稿相比）"


def render_multi_markdown(multi: MultiComparison, *, marks: str = "html", changed_only: bool = False) -> str:
    """The N-way table as GitHub-flavoured Markdown; marks are against the pivot."""
    lines = [f"### {escape('、'.join(multi.names))}{len(multi.documents)}稿对照", ""]
    lines.append(summary_line(multi))
    lines.append("")
    for tag, name, doc in zip(multi.tags, multi.names, multi.documents):
        lines.append(f"- **{tag}**：{escape(name)}" + (f"（{escape(doc.title)}）" if doc.title and doc.title != name else ""))
    lines += ["", _md_legend(marks), ""]
    lines.append("| 一致性 | " + " | ".join(f"{t} {escape(n)}" for t, n in zip(multi.tags, multi.names)) + " |")
    lines.append("| --- |" + " --- |" * len(multi.documents))
    for row in multi.rows:
        category = row_category(row)
        if changed_only and category == "identical":
            continue
        badge = f"{escape(agreement_label(row, multi.tags, absent_word='无'))}<br>{CATEGORY_ZH[category]}"
        cells = " | ".join(_md_cell(row, k, marks) for k in range(len(multi.documents)))
        lines.append(f"| {badge} | {cells} |")
    return "\n".join(lines) + "\n"


def render_three_markdown(three: ThreeWay, *, marks: str = "html", changed_only: bool = False) -> str:
    """The three-way table as GitHub-flavoured Markdown; marks are against the base."""
    multi = three.multi
    lines = [f"### 三方对照：{escape(multi.names[0])}", "", three_summary_line(three), ""]
    for role, name in zip(("基准稿", "甲方", "乙方"), multi.names):
        lines.append(f"- **{role}**：{escape(name)}")
    lines += ["", _md_legend(marks), ""]
    lines.append("| 状态 | 基准稿 | 甲方 | 乙方 |")
    lines.append("| --- | --- | --- | --- |")
    for row, status in zip(multi.rows, three.statuses):
        if changed_only and status is Status.UNCHANGED:
            continue
        cells = " | ".join(_md_cell(row, k, marks) for k in range(3))
        lines.append(f"| {STATUS_ZH[status]} | {cells} |")
    return "\n".join(lines) + "\n"

