"""A readable terminal report of a comparison: summary line, a table of pairs, inline changes.

With ``color=True`` deletions are red and struck through, insertions green and
underlined (ANSI escapes). Without colour, deletions read ``[-old-]`` and
insertions ``{+new+}``, so the text stays unambiguous in a log or a .txt file.
A replacement that differs in format only (``(`` vs ``（``, full-width digits,
blanks; :func:`lawdiff.normalize.split_format_only`) is shown quietly: the new
text, unmarked (dim with colour); the NOTES column names those differences.
"""
from __future__ import annotations

import unicodedata

from ..model import Comparison, Pair, Relation

__all__ = ["render_terminal", "display_width", "inline_changes"]

_RED = "\x1b[31;9m"
_GREEN = "\x1b[32;4m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"
_REL_COLOR = {
    Relation.IDENTICAL: _DIM,
    Relation.EQUIVALENT: "\x1b[36m",
    Relation.MODIFIED: "\x1b[33m",
    Relation.SPLIT: "\x1b[35m",
    Relation.MERGED: "\x1b[35m",
    Relation.ADDED: "\x1b[32m",
    Relation.DELETED: "\x1b[31m",
}


# control characters of the input (ESC starts terminal escape sequences) are shown as U+FFFD
_CONTROLS = {c: "\ufffd" for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}


def _safe(text: str) -> str:
    """``text`` with control characters (except TAB and LF) replaced, so it cannot drive the terminal."""
    return text.translate(_CONTROLS)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK and full-width characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _labels(units) -> str:
    return "+".join(u.label for u in units) or "—"


def inline_changes(pair: Pair, *, color: bool) -> str:
    """The pair's ops as one text with deletions and insertions marked (format-only ones quiet)."""
    from ..normalize import split_format_only

    out: list[str] = []
    for tag, old, new in split_format_only(pair.ops):
        old, new = _safe(old), _safe(new)
        if tag == "equal":
            out.append(old)
            continue
        if tag == "format":
            out.append(f"{_DIM}{new}{_RESET}" if color and new.strip() else new)
            continue
        if old:
            out.append(f"{_RED}{old}{_RESET}" if color else f"[-{old}-]")
        if new:
            out.append(f"{_GREEN}{new}{_RESET}" if color else f"{{+{new}+}}")
    return "".join(out)


def _flags(pair: Pair) -> str:
    flags = []
    if pair.renumbered:
        flags.append("renumbered")
    if pair.moved:
        flags.append("moved")
    return ", ".join(flags)


def render_terminal(comparison: Comparison, *, color: bool = False, changed_only: bool = False) -> str:
    """The whole report as text (ends with a newline)."""
    from ..compare import summary_line

    def c(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    left, right = comparison.left, comparison.right
    lines = [
        c(_BOLD, _safe(f"{left.title or left.source or 'left'}  →  {right.title or right.source or 'right'}")),
        summary_line(comparison),
        "",
    ]
    rows = [p for p in comparison.pairs if not changed_only or p.relation.changed or p.moved]
    lw = max([display_width(_labels(p.old)) for p in rows] + [4])
    rw = max([display_width(_labels(p.new)) for p in rows] + [5])
    relw = max(len(r.value) for r in Relation)
    lines.append(f"{_pad('LEFT', lw)}  {_pad('RIGHT', rw)}  {_pad('RELATION', relw)}  SCORE  NOTES")
    for p in rows:
        rel = _pad(p.relation.value, relw)
        notes = _flags(p)
        if p.terms:
            terms = "; ".join(f"{t.old} ≈ {t.new}" for t in p.terms)
            notes = f"{notes}; {terms}" if notes else terms
        if p.format_notes:
            fmt = "format: " + ", ".join(p.format_notes)
            notes = f"{notes}; {fmt}" if notes else fmt
        lines.append(
            f"{_pad(_labels(p.old), lw)}  {_pad(_labels(p.new), rw)}  "
            f"{c(_REL_COLOR[p.relation], rel)}  {p.score:.2f}   {notes}".rstrip()
        )
    changed = [p for p in comparison.pairs if p.relation in (Relation.MODIFIED, Relation.SPLIT, Relation.MERGED)]
    if changed:
        lines.append("")
        lines.append(c(_BOLD, "Changes"))
        for p in changed:
            lines.append("")
            lines.append(c(_BOLD, f"{_labels(p.old)} → {_labels(p.new)} ({p.relation.value}, {p.score:.2f})"))
            lines.extend("  " + line for line in inline_changes(p, color=color).split("\n"))
    return "\n".join(lines) + "\n"
