"""Marked runs for the cells of an N-way or three-way table (shared by the multi_* renderers).

In a row, the *reference* draft (the pivot, or the base) is shown as plain
text; every other draft shows its own text marked against the reference in
one stream: ``ins`` for what the draft adds, ``del`` for reference text it
drops (shown struck through, a dropped paragraph break as ``¶``), ``term`` for
a jurisdiction term that differs (云南省 where the reference has 贵州省; the
reference's term is not repeated) and ``fmt`` for differences of format only
in a pair found identical or equivalent. Dropping the ``del`` runs gives the
draft's text exactly, paragraph by paragraph.
"""
from __future__ import annotations

from ..model import Article, Pair
from .marks import Run, _term_spans, clean, pair_ops, unit_paragraphs

__all__ = ["cell_runs", "reference_runs", "unified_runs", "cell_units"]


def reference_runs(units: tuple[Article, ...]) -> list[list[Run]]:
    """The paragraphs of the reference text, unmarked."""
    if not units:
        return []
    text = "\n".join(u.text for u in units)
    return [[Run("same", clean(p))] if p else [] for p in text.split("\n")]


def unified_runs(pair: Pair) -> list[list[Run]]:
    """The new side of ``pair`` with the old side's deletions spliced in, as paragraphs of runs."""
    ops = pair_ops(pair)
    old_flags, new_flags = _term_spans(pair, ops)
    changed = pair.relation.changed
    chars: list[tuple[str, str]] = []
    i = j = 0
    for op in ops:
        if op.tag == "equal":
            for ch in op.new:
                chars.append(("term" if new_flags[j] else "same", ch))
                j += 1
            i += len(op.old)
            continue
        for ch in op.old:
            if changed and not old_flags[i]:
                chars.append(("del", "¶" if ch == "\n" else ch))
            i += 1
        for ch in op.new:
            kind = "term" if new_flags[j] else ("ins" if changed else "fmt")
            chars.append((kind, ch))
            j += 1
    paragraphs: list[list[Run]] = [[]]
    for kind, ch in chars:
        if ch == "\n" and kind != "del":
            paragraphs.append([])
            continue
        runs = paragraphs[-1]
        if runs and runs[-1].kind == kind:
            runs[-1] = Run(kind, runs[-1].text + ch)
        else:
            runs.append(Run(kind, ch))
    return [[Run(r.kind, clean(r.text)) for r in p] for p in paragraphs]


def cell_runs(pair: Pair | None, units: tuple[Article, ...]) -> list[list[Run]]:
    """A cell's paragraphs: plain for the reference (``pair`` None), marked otherwise ([] when absent)."""
    if not units:
        return []
    if pair is None:
        return reference_runs(units)
    return unified_runs(pair)


def cell_units(units: tuple[Article, ...]) -> dict[int, Article]:
    """Paragraph index -> the unit starting there (to place labels)."""
    return dict(zip(unit_paragraphs(units), units))
