"""The stable JSON form of a comparison (schema ``lawdiff.comparison/1``).

docs/formats/json.md documents every field. Keys are written in a fixed order
and the output is deterministic, so it can be diffed and checked into CI.
"""
from __future__ import annotations

import json
from typing import Any

from ..model import Article, Comparison, Document, Pair

__all__ = ["SCHEMA", "comparison_to_dict", "render_json", "unit_to_json"]

SCHEMA = "lawdiff.comparison/1"


def unit_to_json(unit: Article) -> dict[str, Any]:
    """A unit as it appears in ``pairs[].left`` / ``pairs[].right``."""
    out: dict[str, Any] = {"label": unit.label, "number": unit.number, "suffix": unit.suffix, "kind": unit.kind}
    if unit.eid:
        out["eid"] = unit.eid
    if unit.heading:
        out["heading"] = unit.heading
    span = unit.span
    if span is not None:
        out["line"] = span.start
    return out


def _document(doc: Document) -> dict[str, Any]:
    return {
        "title": doc.title,
        "source": doc.source,
        "kind": doc.kind,
        "units": sum(1 for _ in doc.units()),
    }


def _pair(pair: Pair) -> dict[str, Any]:
    return {
        "relation": pair.relation.value,
        "score": round(float(pair.score), 4),
        "renumbered": pair.renumbered,
        "moved": pair.moved,
        "left": list(map(unit_to_json, pair.old)),
        "right": list(map(unit_to_json, pair.new)),
        "terms": [[t.old, t.new] for t in pair.terms],
        "format_notes": list(pair.format_notes),
        "ops": [[op.tag, op.old, op.new] for op in pair.ops],
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data."""
    s = comparison.summary
    summary: dict[str, Any] = {rel.value: count for rel, count in s.counts}
    summary["renumbered"] = s.renumbered
    summary["moved"] = s.moved
    summary["pairs"] = len(comparison.pairs)
    options = {k: (list(map(list, v)) if k == "equiv" else v) for k, v in comparison.options}
    return {
        "schema": SCHEMA,
        "left": _document(comparison.left),
        "right": _document(comparison.right),
        "options": options,
        "summary": summary,
        "pairs": list(map(_pair, comparison.pairs)),
    }


def render_json(comparison: Comparison, *, indent: int | None = None) -> str:
    """The comparison as a JSON string (UTF-8 text, Chinese kept as is), ending in a newline.

    Compact by default (one line: about four times faster to write for a code);
    ``indent=2`` pretty-prints.
    """
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=indent) + "\n"
