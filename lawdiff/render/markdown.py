"""A GitHub-flavoured Markdown report, for pull-request comments.

A heading, the summary line, the legend and one table: ``| 差异 | 修改前 | 修改后 |``
(or the two titles), one row per pair, chapter headings as bold rows.
Marks are ``<ins>``/``<del>`` (``marks="html"``) or ``**``/``~~``
(``marks="plain"``); a differing jurisdiction term is ``<u>``… in both. The
law text is escaped: ``|`` becomes ``\\|``, ``<``, ``>`` and ``&`` become
entities, Markdown punctuation (``* _ ~ ` [ ] \\``) is backslash-escaped, so
nothing in an article can end a cell, open a tag or start emphasis.
Paragraphs inside a cell are joined with ``<br>``. A cell longer than ``fold``
characters of text is folded into ``<details>`` with the first characters as
its summary (``fold=0`` never folds). Inside a changed pair, a replacement
that differs in format only (``(`` vs ``（``, full-width digits, blanks; see
:func:`lawdiff.normalize.split_format_only`) is not marked: each side shows
its own text, and the 差异 column names the difference.
"""
from __future__ import annotations

import re

from ..errors import ConfigError
from ..model import Comparison, Pair, Relation
from .marks import (
    RELATION_ZH,
    Run,
    chapter_rows,
    clean,
    is_revision,
    note_for,
    pair_ops,
    side_runs,
    summary_line,
    unit_paragraphs,
)

__all__ = ["render_markdown", "escape"]

_SPECIAL = re.compile(r"([\\`*_~\[\]#|])")
_SUMMARY_CHARS = 40


def escape(text: str) -> str:
    """Escape text for a GFM table cell.

    >>> escape("a|b <script> *x*")
    'a\\\\|b &lt;script&gt; \\\\*x\\\\*'
    """
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", " ").replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", text)


def _marked(run: Run, marks: str) -> str:
    text = escape(run.text)
    if run.kind in ("same", "fmt") or not text.strip():  # format-only differences: named in 差异
        return text
    if run.kind == "term":
        return f"<u>{text}</u>"
    if marks == "html":
        return f"<ins>{text}</ins>" if run.kind == "ins" else f"<del>{text}</del>"
    # GFM emphasis must not start or end with a blank: keep blanks outside
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = text.strip()
    delim = "**" if run.kind == "ins" else "~~"
    return f"{lead}{delim}{core}{delim}{trail}"


def _format_flags(pair: Pair, side: str) -> list[bool]:
    """Per character of the side's text: is it part of a format-only replacement?"""
    from ..normalize import split_format_only

    flags: list[bool] = []
    for tag, old, new in split_format_only(pair_ops(pair)):
        flags.extend([tag == "format"] * len(old if side == "old" else new))
    return flags


def _quiet_format(pair: Pair, side: str, paragraphs: list[list[Run]]) -> list[list[Run]]:
    """``paragraphs`` (from :func:`side_runs`) with format-only parts of ``del``/``ins`` runs turned into ``fmt``."""
    if not pair.relation.changed:
        return paragraphs  # identical/equivalent pairs show format differences as fmt already
    flags = _format_flags(pair, side)
    if not any(flags):
        return paragraphs
    out: list[list[Run]] = []
    pos = 0
    for runs in paragraphs:
        quiet: list[Run] = []
        for run in runs:
            n = len(run.text)
            if run.kind in ("del", "ins") and any(flags[pos : pos + n]):
                start = 0
                for k in range(1, n + 1):
                    if k == n or flags[pos + k] != flags[pos + start]:
                        quiet.append(Run("fmt" if flags[pos + start] else run.kind, run.text[start:k]))
                        start = k
            else:
                quiet.append(run)
            pos += n
        out.append(quiet)
        pos += 1  # the "\n" between paragraphs
    return out


def _cell(pair: Pair, side: str, marks: str, fold: int) -> str:
    units = pair.old if side == "old" else pair.new
    if not units:
        return ""
    starts = dict(zip(unit_paragraphs(units), units))
    paragraphs = []
    plain_parts = []
    for k, runs in enumerate(_quiet_format(pair, side, side_runs(pair, side))):
        prefix = ""
        unit = starts.get(k)
        if unit is not None:
            prefix = f"**{escape(unit.label + (unit.heading_raw or ''))}**" + ("" if unit.kind == "item" else " ")
            plain_parts.append(unit.label)
        paragraphs.append(prefix + "".join(_marked(r, marks) for r in runs))
        plain_parts.append("".join(r.text for r in runs))
    body = "<br>".join(paragraphs)
    plain = "".join(plain_parts)
    if fold and len(plain) > fold:
        summary = escape(plain[:_SUMMARY_CHARS]) + "…"
        return f"<details><summary>{summary}</summary>{body}</details>"
    return body


def render_markdown(comparison: Comparison, *, marks: str = "html", fold: int = 200, changed_only: bool = False) -> str:
    """The comparison as GitHub-flavoured Markdown.

    ``changed_only`` leaves identical pairs out of the table (the summary still counts them).
    """
    if marks not in ("html", "plain"):
        raise ConfigError(f"unknown Markdown marks {marks!r}; choose html or plain")
    revision = is_revision(comparison)
    left, right = clean(comparison.left.title), clean(comparison.right.title)
    lines = [f"### {escape(right) if revision else escape(left) + ' ↔ ' + escape(right)}", ""]
    lines.append(summary_line(comparison.summary, len(comparison.pairs)))
    lines.append("")
    if marks == "html":
        legend = "<ins>增加</ins> · <del>删除</del> · <u>辖区用语不同</u>"
    else:
        legend = "**增加** · ~~删除~~ · <u>辖区用语不同</u>"
    lines += [f"图例：{legend}", ""]
    heads = ("修改前", "修改后") if revision else (escape(left), escape(right))
    lines.append(f"| 差异 | {heads[0]} | {heads[1]} |")
    lines.append("| --- | --- | --- |")
    pending: list[str] = []
    for pair, headings in chapter_rows(comparison):
        if headings:
            pending = []
        for _level, old, new in headings:
            text = new or old
            if old and new and old != new:
                text = f"{old} → {new}"
            pending.append(f"| | **{escape(text)}** | |")
        if changed_only and pair.relation is Relation.IDENTICAL:
            continue
        lines.extend(pending)
        pending = []
        notes = [RELATION_ZH[pair.relation]] + [n for n in note_for(pair) if n != RELATION_ZH[pair.relation]]
        lines.append(
            f"| {'<br>'.join(escape(n) for n in notes)} | {_cell(pair, 'old', marks, fold)} | {_cell(pair, 'new', marks, fold)} |"
        )
    return "\n".join(lines) + "\n"
