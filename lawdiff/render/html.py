"""The side-by-side HTML report: one self-contained file (inline CSS and JS, no network).

The page is built as an lxml tree, so article text only ever lands in text
nodes and attribute values: an article containing ``<script>`` or ``</td>``
shows as text. Output is deterministic (no timestamps), so a golden file can
pin it.

Layout: a header (both titles and sources, the summary line, the legend), a
toolbar (changed-only filters, previous/next change, keys ``p``/``n``), a table
of contents (chapters, or the changed units of a text without chapters) and
one table row per pair: old text, relation badge and notes, new text, with
chapter headings as separator rows.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Comparison, Document, Pair, Relation
from .marks import (
    RELATION_ZH,
    Run,
    chapter_rows,
    clean,
    is_revision,
    note_for,
    side_runs,
    summary_line,
    unit_paragraphs,
)

__all__ = ["render_html"]

_STATIC = Path(__file__).resolve().parent / "static"

_RELATION_EN = {
    Relation.IDENTICAL: "identical",
    Relation.EQUIVALENT: "equivalent up to jurisdiction terms",
    Relation.MODIFIED: "modified",
    Relation.SPLIT: "split",
    Relation.MERGED: "merged",
    Relation.ADDED: "added",
    Relation.DELETED: "deleted",
}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (_STATIC / name).read_text(encoding="utf-8")


def default_title(comparison: Comparison) -> str:
    """``《X》修改前后对照`` for a revision, ``A ↔ B`` for two different texts."""
    left, right = clean(comparison.left.title), clean(comparison.right.title)
    if is_revision(comparison):
        return f"《{right}》修改前后对照"
    return f"{left} ↔ {right}"


def render_html(comparison: Comparison, *, title: str | None = None) -> str:
    """The comparison as one self-contained HTML page (a ``str``; write it as UTF-8)."""
    from lxml import etree
    from lxml.builder import E

    page_title = clean(title) if title else default_title(comparison)
    html = E.html(
        E.head(
            E.meta(charset="utf-8"),
            E.meta(name="viewport", content="width=device-width, initial-scale=1"),
            E.meta(name="generator", content="lawdiff"),
            E.title(page_title),
            E.style(_asset("report.css")),
        ),
        lang="zh-CN",
    )
    body = etree.SubElement(html, "body")
    body.append(_header(E, comparison, page_title))
    body.append(_toolbar(E))
    rows, toc = _rows(E, comparison)
    body.append(_toc(E, toc, bool(comparison.pairs)))
    body.append(_table(E, comparison, rows))
    body.append(E.script(_asset("report.js")))
    return "<!DOCTYPE html>\n" + etree.tostring(html, method="html", encoding="unicode") + "\n"


# ---------------------------------------------------------------------------
# header, toolbar, table of contents


def _doc_line(E: Any, side: str, doc: Document) -> Any:
    cells = [E.th(side), E.td(clean(doc.title), {"class": "doc-title"})]
    details = []
    if doc.source:
        details.append(clean(doc.source))
    if doc.preamble:
        details.append(clean(" ".join(doc.preamble)))
    cells.append(E.td(" · ".join(details), {"class": "doc-source"}))
    return E.tr(*cells)


def _header(E: Any, comparison: Comparison, page_title: str) -> Any:
    revision = is_revision(comparison)
    left_name, right_name = ("修改前", "修改后") if revision else ("左", "右")
    return E.header(
        E.h1(page_title),
        E.table(
            _doc_line(E, left_name, comparison.left),
            _doc_line(E, right_name, comparison.right),
            {"class": "docs"},
        ),
        E.p(summary_line(comparison.summary, len(comparison.pairs)), {"class": "summary", "id": "summary"}),
        legend(E, "图例（legend）：", [_badge(E, r) for r in Relation]),
    )


def legend(E: Any, heading: str, extra: list[Any]) -> Any:
    """The legend paragraph: the marks for insertions, deletions, jurisdiction terms and format-only
    differences, then ``extra`` (badges). Shared with the N-way report."""
    return E.p(
        heading,
        E.ins("增加的文字", {"class": "i"}),
        " ",
        _del(E, "删除的文字"),
        " ",
        E.span("辖区用语不同", {"class": "term", "title": "jurisdiction term"}),
        " ",
        E.span("仅格式不同", {"class": "fmt", "title": "format only (full/half width, blanks)"}),
        " ",
        *extra,
        {"class": "legend"},
    )


def _del(E: Any, text: str) -> Any:
    el = E("del", text)
    el.set("class", "d")
    return el


def _badge(E: Any, relation: Relation) -> Any:
    return E.span(
        RELATION_ZH[relation], {"class": f"badge rel-{relation.value}", "title": _RELATION_EN[relation]}
    )


def _toolbar(E: Any) -> Any:
    return E.div(
        E.label(E.input(type="checkbox", id="changed-only"), " 只显示有差异的条文"),
        " ",
        E.label(E.input(type="checkbox", id="hide-equivalent"), " 隐藏仅辖区用语不同的条文"),
        " ",
        E.button("◀ 上一处 (p)", type="button", id="prev-change", title="previous change (key p)"),
        " ",
        E.button("下一处 (n) ▶", type="button", id="next-change", title="next change (key n)"),
        " ",
        E.span("", id="position", role="status"),
        {"class": "toolbar", "role": "toolbar"},
    )


def _toc(E: Any, entries: list[tuple[str, str, int, int]], has_pairs: bool) -> Any:
    items = []
    for anchor, text, changes, level in entries:
        item = E.li(E.a(text, href=f"#{anchor}"), {"class": f"lvl-{level}"})
        if changes:
            item.append(E.span(f"{changes} 处差异", {"class": "count"}))
        items.append(item)
    nav = E.nav(E.h2("目录"), {"class": "toc", "id": "toc"})
    nav.append(E.ol(*items) if items else E.p("没有差异。" if has_pairs else "没有条文。"))
    return nav


# ---------------------------------------------------------------------------
# the table


def _table(E: Any, comparison: Comparison, rows: list[Any]) -> Any:
    revision = is_revision(comparison)
    left_head = "修改前" if revision else clean(comparison.left.title)
    right_head = "修改后" if revision else clean(comparison.right.title)
    return E.main(
        E.table(
            E.colgroup(E.col({"class": "c-old"}), E.col({"class": "c-rel"}), E.col({"class": "c-new"})),
            E.thead(E.tr(E.th(left_head), E.th("差异"), E.th(right_head))),
            E.tbody(*rows),
            {"class": "cmp", "id": "comparison"},
        )
    )


def _rows(E: Any, comparison: Comparison) -> tuple[list[Any], list[tuple[str, str, int, int]]]:
    rows: list[Any] = []
    toc: list[tuple[str, str, int, int]] = []
    chapters = 0
    changes_in_chapter: list[int] = []
    for index, (pair, headings) in enumerate(chapter_rows(comparison), start=1):
        for level, old_head, new_head in headings:
            chapters += 1
            anchor = f"ch-{chapters}"
            text = new_head or old_head
            if old_head and new_head and old_head != new_head:
                text = f"{old_head} → {new_head}"
            rows.append(E.tr(E.th(text, colspan="3"), {"class": "chapter", "id": anchor, "data-level": str(level)}))
            toc.append((anchor, text, 0, level))
            changes_in_chapter.append(len(toc) - 1)
        rows.append(_pair_row(E, pair, index))
        if pair.relation is not Relation.IDENTICAL:
            if changes_in_chapter:
                k = changes_in_chapter[-1]
                toc[k] = (toc[k][0], toc[k][1], toc[k][2] + 1, toc[k][3])
    if not chapters:  # a text without chapters: the contents list its differing units
        toc = [
            (f"pair-{i}", _pair_caption(pair), 0, 0)
            for i, pair in enumerate(comparison.pairs, start=1)
            if pair.relation is not Relation.IDENTICAL
        ]
    return rows, toc


def _pair_caption(pair: Pair) -> str:
    old = "、".join(u.label.rstrip("、") for u in pair.old)
    new = "、".join(u.label.rstrip("、") for u in pair.new)
    caption = f"{old} ↔ {new}" if old and new and old != new else (new or old)
    return clean(f"{caption}（{RELATION_ZH[pair.relation]}）")


def _pair_row(E: Any, pair: Pair, index: int) -> Any:
    classes = ["pair", f"rel-{pair.relation.value}"]
    classes.append("same" if pair.relation is Relation.IDENTICAL else "diff")
    if pair.renumbered:
        classes.append("renumbered")
    if pair.moved:
        classes.append("moved")
    middle = E.td(_badge(E, pair.relation), {"class": "rel"})
    old_labels = "、".join(u.label.rstrip("、") for u in pair.old)
    new_labels = "、".join(u.label.rstrip("、") for u in pair.new)
    if old_labels and new_labels and old_labels != new_labels:
        middle.append(E.div(clean(f"{old_labels} ↔ {new_labels}"), {"class": "map"}))
    for note in note_for(pair):
        if note not in (RELATION_ZH[pair.relation],):
            middle.append(E.div(note, {"class": "note"}))
    row = E.tr(
        _side_cell(E, pair, "old"),
        middle,
        _side_cell(E, pair, "new"),
        {"class": " ".join(classes), "id": f"pair-{index}", "data-relation": pair.relation.value},
    )
    return row


def _side_cell(E: Any, pair: Pair, side: str) -> Any:
    units = pair.old if side == "old" else pair.new
    td = E.td({"class": side})
    if not units:
        td.set("class", f"{side} none")
        return td
    paragraphs = side_runs(pair, side)
    starts = dict(zip(unit_paragraphs(units), units))
    for k, runs in enumerate(paragraphs):
        unit = starts.get(k)
        p = E.p()
        if unit is not None:
            label = E.span(clean(unit.label + (unit.heading_raw or "")), {"class": "label"})
            if pair.renumbered and side == "new":
                label.set("class", "label renum")
            p.append(label)
            if unit.kind != "item":
                label.tail = "\u3000"
        _append_runs(E, p, runs)
        td.append(p)
    return td


def _append_runs(E: Any, parent: Any, runs: list[Run]) -> None:
    for run in runs:
        if run.kind == "same":
            if len(parent):
                last = parent[-1]
                last.tail = (last.tail or "") + run.text
            else:
                parent.text = (parent.text or "") + run.text
        elif run.kind == "ins":
            parent.append(E.ins(run.text, {"class": "i"}))
        elif run.kind == "del":
            parent.append(_del(E, run.text))
        elif run.kind == "fmt":
            parent.append(E.span(run.text, {"class": "fmt", "title": "仅格式不同 (format only)"}))
        else:
            parent.append(E.span(run.text, {"class": "term", "title": "辖区用语不同 (jurisdiction term)"}))
