"""HTML reports for N-way and three-way comparisons: one self-contained page, a column per draft.

Built like the pairwise report (:mod:`lawdiff.render.html`, whose CSS, script,
toolbar and run builder it reuses): an lxml tree, so law text only lands in
text nodes; no network; deterministic. Columns: an agreement (N-way) or status
(three-way) column with a badge and per-draft notes, then one column per
draft. The reference draft of each row (the pivot or base) is plain; the
others are marked against it (:mod:`lawdiff.render.multi_marks`). Rows where
all drafts agree carry the class ``same``, so "只显示有差异的条文" hides
them; rows that differ only in jurisdiction terms carry ``rel-equivalent``.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..model import Document
from ..multi import (
    CATEGORY_ZH,
    NOTE_ZH,
    STATUS_ZH,
    MultiComparison,
    Row,
    Status,
    ThreeWay,
    agreement_label,
    row_category,
    summary_line,
    three_summary_line,
)
from .html import _append_runs, _asset, _toolbar, legend
from .marks import clean, division_heading, note_for
from .multi_marks import cell_runs, cell_units

__all__ = ["render_multi_html", "render_three_html", "MULTI_CSS"]

#: CSS added to the pairwise report's stylesheet.
MULTI_CSS = """
col.c-agree { width: 9%; }
td.agree { font-size: .8rem; text-align: center; color: var(--muted); }
td.agree .note { margin-top: .2rem; word-break: break-all; text-align: left; }
.badge.agree-identical, .badge.st-unchanged { color: #555; }
.badge.agree-equivalent { background: var(--term); border-color: #6b4bc8; }
.badge.agree-partial, .badge.st-a_changed, .badge.st-b_changed { background: #fff1c9; border-color: #b58a00; }
.badge.agree-different, .badge.st-conflict { background: var(--del); border-color: #b33; font-weight: bold; }
.badge.agree-incomplete, .badge.st-a_deleted, .badge.st-b_deleted, .badge.st-both_deleted { background: #eee; border-color: #888; }
.badge.st-both_same, .badge.st-both_added { background: #d9ecff; border-color: #2f6db5; }
.badge.st-a_added, .badge.st-b_added { background: var(--ins); border-color: #2d8a44; }
td.ref { background: #fcfcf6; }
table.docs td.doc-title { min-width: 14em; }
.tag { font-weight: bold; margin-right: .3em; }
"""


def _page(title: str, header: Any, toc: Any, table: Any) -> str:
    from lxml import etree
    from lxml.builder import E

    html = E.html(
        E.head(
            E.meta(charset="utf-8"),
            E.meta(name="viewport", content="width=device-width, initial-scale=1"),
            E.meta(name="generator", content="lawdiff"),
            E.title(title),
            E.style(_asset("report.css") + MULTI_CSS),
        ),
        lang="zh-CN",
    )
    body = etree.SubElement(html, "body")
    body.append(header)
    body.append(_toolbar(E))
    body.append(toc)
    body.append(table)
    body.append(E.script(_asset("report.js")))
    return "<!DOCTYPE html>\n" + etree.tostring(html, method="html", encoding="unicode") + "\n"


def _docs_table(E: Any, roles: Sequence[str], names: Sequence[str], docs: Sequence[Document]) -> Any:
    rows = []
    for role, name, doc in zip(roles, names, docs):
        details = []
        if doc.source:
            details.append(clean(doc.source))
        if doc.preamble:
            details.append(clean(" ".join(doc.preamble)))
        rows.append(
            E.tr(
                E.th(clean(f"{role}　{name}")),
                E.td(clean(doc.title), {"class": "doc-title"}),
                E.td(" · ".join(details), {"class": "doc-source"}),
            )
        )
    return E.table(*rows, {"class": "docs"})


def _legend(E: Any, extra: Sequence[Any]) -> Any:
    return legend(E, "图例（与每行的参照稿相比）：", list(extra))


def _toc(E: Any, entries: list[tuple[str, str]]) -> Any:
    nav = E.nav(E.h2("差异"), {"class": "toc", "id": "toc"})
    if entries:
        nav.append(E.ol(*[E.li(E.a(text, href=f"#{anchor}")) for anchor, text in entries]))
    else:
        nav.append(E.p("各稿一致，没有差异。"))
    return nav


def _cell(E: Any, row: Row, k: int) -> Any:
    units = row.cells[k]
    classes = ["draft"]
    if k == row.reference:
        classes.append("ref")
    td = E.td({"class": " ".join(classes)})
    if not units:
        td.set("class", "draft none")
        return td
    pair = row.pairs[k]
    starts = cell_units(units)
    for p, runs in enumerate(cell_runs(pair, units)):
        para = E.p()
        unit = starts.get(p)
        if unit is not None:
            label = E.span(clean(unit.label + (unit.heading_raw or "")), {"class": "label"})
            if pair is not None and pair.renumbered:
                label.set("class", "label renum")
            para.append(label)
            if unit.kind != "item":
                label.tail = "\u3000"
        _append_runs(E, para, runs)
        td.append(para)
    return td


def _notes(E: Any, row: Row, tags: Sequence[str]) -> list[Any]:
    out = []
    for k, pair in enumerate(row.pairs):
        if pair is None:
            continue
        if pair.relation.value == "identical" and not (pair.renumbered or pair.moved or pair.format_notes):
            continue
        if not pair.new:
            text = "无此条"
        else:
            parts = note_for(pair)
            if not pair.relation.changed and pair.relation.value == "identical":
                parts = ["相同", *parts]
            text = "；".join(parts)
        out.append(E.div(E.span(tags[k], {"class": "tag"}), clean(text), {"class": "note"}))
    return out


def _caption(row: Row, tags: Sequence[str]) -> str:
    units = row.cells[row.reference]
    return clean(f"{tags[row.reference]} " + "、".join(u.label.rstrip("、") for u in units))


def _chapter_row(E: Any, doc: Document, row: Row, pivot: int, last: list[tuple[str, ...]], span: int, n: int) -> Any:
    units = row.cells[pivot]
    if not units:
        return None
    path = units[0].path
    if path == last[0]:
        return None
    last[0] = path
    heading = division_heading(doc, path)
    if not heading:
        return None
    return E.tr(E.th(heading, colspan=str(span)), {"class": "chapter", "id": f"ch-{n}"})


def _table(E: Any, heads: list[str], rows: list[Any], ndocs: int) -> Any:
    width = f"{91 / ndocs:.2f}%"
    cols = [E.col({"class": "c-agree"})] + [E.col({"class": "c-draft", "style": f"width: {width}"}) for _ in range(ndocs)]
    return E.main(
        E.table(
            E.colgroup(*cols),
            E.thead(E.tr(*[E.th(h) for h in heads])),
            E.tbody(*rows),
            {"class": "cmp multi", "id": "comparison"},
        )
    )


def render_multi_html(multi: MultiComparison, *, title: str | None = None) -> str:
    """The N-way comparison as one self-contained HTML page."""
    from lxml.builder import E

    n = len(multi.documents)
    names = [clean(x) for x in multi.names]
    page_title = clean(title) if title else f"{'、'.join(names)}{n}稿对照"
    legend = _legend(
        E,
        [
            E.span("A=B", {"class": "badge agree-identical"}),
            "文字相同 ",
            E.span("A≈B", {"class": "badge agree-equivalent"}),
            "仅辖区用语或格式不同 ",
            E.span("A≠B", {"class": "badge agree-different"}),
            "不同 ",
            E.span("C无", {"class": "badge agree-incomplete"}),
            "该稿无此条",
        ],
    )
    header = E.header(
        E.h1(page_title),
        _docs_table(E, multi.tags, names, multi.documents),
        E.p(summary_line(multi), {"class": "summary", "id": "summary"}),
        legend,
    )
    rows: list[Any] = []
    toc: list[tuple[str, str]] = []
    last: list[tuple[str, ...]] = [()]
    chapters = 0
    for index, row in enumerate(multi.rows, start=1):
        chapter = _chapter_row(E, multi.documents[multi.pivot], row, multi.pivot, last, n + 1, chapters + 1)
        if chapter is not None:
            chapters += 1
            rows.append(chapter)
        category = row_category(row)
        label = agreement_label(row, multi.tags, absent_word="无")
        classes = ["pair", f"agree-{category}"]
        if category == "identical":
            classes.append("same")
        else:
            classes.append("diff")
            if category == "equivalent":
                classes.append("rel-equivalent")
            else:
                toc.append((f"row-{index}", f"{_caption(row, multi.tags)}：{label}"))
        middle = E.td(
            E.span(clean(label), {"class": f"badge agree-{category}", "title": CATEGORY_ZH[category]}),
            E.div(CATEGORY_ZH[category], {"class": "cat"}),
            *_notes(E, row, multi.tags),
            {"class": "agree"},
        )
        rows.append(
            E.tr(
                middle,
                *[_cell(E, row, k) for k in range(n)],
                {"class": " ".join(classes), "id": f"row-{index}", "data-agreement": label, "data-category": category},
            )
        )
    heads = ["一致性"] + [f"{t}　{x}" for t, x in zip(multi.tags, names)]
    return _page(page_title, header, _toc(E, toc), _table(E, heads, rows, n))


def render_three_html(three: ThreeWay, *, title: str | None = None) -> str:
    """The three-way comparison (base, A, B) as one self-contained HTML page."""
    from lxml.builder import E

    multi = three.multi
    names = [clean(x) for x in multi.names]
    roles = ("基准稿", "甲方", "乙方")
    tags = ("基准", "甲", "乙")
    page_title = clean(title) if title else f"三方对照：{names[0]}（基准稿）、{names[1]}、{names[2]}"
    legend = _legend(E, [E.span(STATUS_ZH[s], {"class": f"badge st-{s.value}"}) for s in Status])
    header = E.header(
        E.h1(page_title),
        _docs_table(E, roles, names, multi.documents),
        E.p(three_summary_line(three), {"class": "summary", "id": "summary"}),
        legend,
    )
    rows: list[Any] = []
    toc: list[tuple[str, str]] = []
    last: list[tuple[str, ...]] = [()]
    chapters = 0
    for index, (row, status, note) in enumerate(zip(multi.rows, three.statuses, three.notes), start=1):
        chapter = _chapter_row(E, multi.documents[0], row, 0, last, 4, chapters + 1)
        if chapter is not None:
            chapters += 1
            rows.append(chapter)
        classes = ["pair", f"st-{status.value}", "same" if status is Status.UNCHANGED else "diff"]
        if status.changed:
            toc.append((f"row-{index}", f"{_caption(row, tags)}：{STATUS_ZH[status]}"))
        middle = E.td(
            E.span(STATUS_ZH[status], {"class": f"badge st-{status.value}", "title": status.value}),
            *_notes(E, row, tags),
            {"class": "agree"},
        )
        if note:
            middle.append(E.div(NOTE_ZH.get(note, note), {"class": "note"}))
        rows.append(
            E.tr(
                middle,
                *[_cell(E, row, k) for k in range(3)],
                {"class": " ".join(classes), "id": f"row-{index}", "data-status": status.value},
            )
        )
    heads = ["状态"] + [f"{r}　{x}" for r, x in zip(roles, names)]
    return _page(page_title, header, _toc(E, toc), _table(E, heads, rows, 3))
