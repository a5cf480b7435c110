"""What the result page shows about a comparison: the summary, the drafts and their roles, term pairs.

Pure functions of a :class:`~lawdiff.web.work.Result` and the page language,
for two drafts (relations), three side by side (row categories) and two
against a base (row statuses).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import i18n

if TYPE_CHECKING:  # pragma: no cover
    from .work import Result

__all__ = ["summary", "roles", "term_pairs", "jurisdictions"]

#: English labels of the three-way statuses (Chinese ones come from lawdiff.multi.STATUS_ZH).
STATUS_EN = {
    "unchanged": "unchanged",
    "a_changed": "A changed",
    "b_changed": "B changed",
    "both_same": "both changed alike",
    "conflict": "conflict",
    "a_added": "A added",
    "b_added": "B added",
    "both_added": "both added alike",
    "a_deleted": "A deleted",
    "b_deleted": "B deleted",
    "both_deleted": "both deleted",
}


def summary(result: "Result", lang: str) -> tuple[str, list[tuple[str, int, str]]]:
    """The summary sentence and ``(key, count, label)`` per non-zero count, in the library's order."""
    t = i18n.translate
    sep = ", " if lang == "en" else "，"
    if result.mode == "pair":
        comparison = result.comparison
        s = comparison.summary
        counts = [(rel.value, n, i18n.relation_name(rel.value, lang)) for rel, n in s.counts]
        extra = []
        if s.renumbered:
            extra.append(t("renumbered", lang, n=s.renumbered))
        if s.moved:
            extra.append(t("moved", lang, n=s.moved))
        parts = [_part(label, n, lang) for _, n, label in counts] + extra
        return t("summary_line", lang, pairs=len(comparison.pairs), parts=sep.join(parts)), counts
    from ..multi import CATEGORIES, CATEGORY_ZH, STATUS_ZH, Status, multi_summary, three_summary

    if result.mode == "three":
        found = three_summary(result.comparison)
        counts = [
            (s.value, found[s.value], STATUS_EN[s.value] if lang == "en" else STATUS_ZH[s])
            for s in Status
            if found[s.value]
        ]
        key = "summary_three"
    else:
        found = multi_summary(result.comparison)
        counts = [(c, found[c], c if lang == "en" else CATEGORY_ZH[c]) for c in CATEGORIES if found[c]]
        key = "summary_multi"
    parts = sep.join(_part(label, n, lang) for _, n, label in counts)
    return t(key, lang, rows=found["rows"], n=len(result.documents), parts=parts), counts


def _part(label: str, n: int, lang: str) -> str:
    return f"{n} {label}" if lang == "en" else f"{label} {n}"


def roles(result: "Result", lang: str) -> list[tuple[str, "object"]]:
    """``(role, document)`` per column: 左栏/右栏, A/B/C with names, or 底稿/甲方/乙方."""
    t = i18n.translate
    docs = [result.documents[k] for k in result.order]
    if result.mode == "pair":
        return [(t("left", lang), docs[0]), (t("right", lang), docs[1])]
    multi = result.comparison.multi if result.mode == "three" else result.comparison
    if result.mode == "three":
        heads = [t("role_base", lang), t("role_a", lang), t("role_b", lang)]
    else:
        heads = list(multi.tags)
    return [(f"{head} · {name}", doc) for head, name, doc in zip(heads, multi.names, multi.documents)]


def term_pairs(result: "Result") -> list[tuple[str, str]]:
    """The jurisdiction terms that differ behind equivalent texts (each pair once, in order)."""
    if result.mode == "pair":
        pairs = list(result.comparison.pairs)
    else:
        multi = result.comparison.multi if result.mode == "three" else result.comparison
        pairs = [p for row in multi.rows for p in row.pairs if p is not None]
    found: list[tuple[str, str]] = []
    for pair in pairs:
        for term in pair.terms:
            if (term.old, term.new) not in found:
                found.append((term.old, term.new))
    return found


def jurisdictions(result: "Result") -> list[str]:
    """The detected jurisdictions in column order, when every draft has one and they differ; else ``[]``."""
    found = [result.jurisdictions[k] for k in result.order] if result.jurisdictions else []
    names = [j.name for j in found if j is not None]
    if len(names) != len(result.documents) or len(set(names)) != len(names):
        return []
    return names
