"""Renumber a draft after articles were inserted or deleted: ``renumber(document) -> (Document, mapping)``.

Numbers are given again in reading order:

* 条 run 1, 2, 3 … through the whole text (``第十条之一`` becomes an ordinary
  number); a decision's items ``一、二、`` likewise;
* 编 run through the text, 分编 restart in each 编, 章 run through the text
  unless the draft restarts them in each 编 (民法典 style), 节 restart in
  each 章;
* 项 restart in each 款, 目 in each 项 (the bracket style ``（一）``/``(一)``
  and the ``1.``/``1．`` style of the draft are kept).

Every internal cross-reference is rewritten to the new numbers —
``本法第十二条``, bare ``第十二条``, ``第十二条第二款第三项``, lists and ranges
(``第十条至第十二条``) and, inside an article, ``第三项`` of its own items.
Relative references (``前款``, ``本条第二款``) stay as they are; so do
references to other acts (``《行政处罚法》第三条``, ``刑法第三条``) and quoted
text. A reference to a number the draft does not have, or to a label the draft
uses twice, is left unchanged and reported as a notice on the result.

The mapping is a tuple of :class:`Renumbered` rows (old label -> new label) in
reading order: the 序号对照 table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .model import Article, Clause, Document, Item, Node, Notice
from .numerals import article_label, decision_label, division_label, int_to_cn

__all__ = ["Renumbered", "renumber", "format_table"]

_NUM = r"(?:[零〇○一二两三四五六七八九十百千]+|[0-9０-９]{1,4})"
_SEG = re.compile(rf"第(?P<n>{_NUM}|[（(]{_NUM}[）)])(?P<unit>[条款项目])(?:之(?P<sfx>{_NUM}))?")


@dataclass(frozen=True)
class Renumbered:
    """One row of the 序号对照 table: a unit's ``level`` (条, 章, 项, …), old and new label.

    ``where`` locates a 项 or 节 (the new label of its article or 章).
    """

    level: str
    old: str
    new: str
    where: str = ""

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _num(text: str) -> int:
    from .numerals import cn_to_int

    return cn_to_int(text.strip("（）()"))


class _Renumberer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.rows: list[Renumbered] = []
        self.notices: list[Notice] = []
        self.articles: dict[tuple[int, int], int] = {}  # old key -> new number
        self.duplicates: set[tuple[int, int]] = set()
        self.items: dict[tuple[int, int, int], dict[int, int]] = {}  # (new art, clause) -> old item -> new
        self.restart_chapters = document.chapters_restart()

    # -- pass 1: numbers -------------------------------------------------------
    def number_articles(self) -> None:
        n = 0
        for unit in self.document.units():
            n += 1
            if unit.key in self.articles:
                self.duplicates.add(unit.key)
                continue
            self.articles[unit.key] = n
            self.item_maps(n, unit)

    def item_maps(self, new_number: int, article: Article) -> None:
        for clause in article.clauses:
            mapping = {item.number: pos for pos, item in enumerate(clause.items, 1)}
            self.items[(new_number, 0, clause.index)] = mapping

    # -- pass 2: rebuild ---------------------------------------------------------
    def rebuild(self) -> tuple[Node, ...]:
        counters = {"编": 0, "分编": 0, "章": 0, "节": 0}
        self._article_no = 0
        return tuple(self._node(node, counters, "") for node in self.document.body)

    def _node(self, node: Node, counters: dict[str, int], where: str) -> Node:
        if isinstance(node, Article):
            return self._article(node)
        level = node.level.chinese
        counters[level] += 1
        if level == "编":
            counters["分编"] = 0
            if self.restart_chapters:
                counters["章"] = 0
        if level == "章":
            counters["节"] = 0
        number = counters[level]
        label = division_label(level, number)
        self.rows.append(Renumbered(level, node.label, label, where if level in ("节", "分编") else ""))
        children = tuple(self._node(child, counters, label) for child in node.children)
        return replace(node, number=number, label=label, children=children)

    def _article(self, article: Article) -> Article:
        self._article_no += 1
        number = self._article_no
        if article.kind == "item":
            label = decision_label(number)
        else:
            label = article_label(number)
        self.rows.append(Renumbered("条" if article.kind != "item" else "项目", article.label, label))
        clauses = []
        for clause in article.clauses:
            items = []
            for pos, item in enumerate(clause.items, 1):
                new_item = self._item(item, pos, article, clause, label)
                items.append(new_item)
            text = self._refs(clause.text, article, clause, number)
            clauses.append(replace(clause, text=text, items=tuple(items)))
        return replace(article, number=number, suffix=0, label=label, clauses=tuple(clauses))

    def _item(self, item: Item, pos: int, article: Article, clause: Clause, where: str, sub: bool = False) -> Item:
        if sub:
            m = re.match(r"^\s*[0-9０-９]+\s*(.*)$", item.label)
            label = f"{pos}{m.group(1) if m else '.'}"
        else:
            m = re.match(r"^\s*([（(])\s*\S+?\s*([）)])\s*$", item.label)
            label = f"{m.group(1)}{int_to_cn(pos)}{m.group(2)}" if m else f"（{int_to_cn(pos)}）"
        if label != item.label:
            self.rows.append(Renumbered("目" if sub else "项", item.label, label, where))
        subs = tuple(
            self._item(s, p, article, clause, where, sub=True) for p, s in enumerate(item.subitems, 1)
        )
        text = self._refs(item.text, article, clause, self._article_no)
        return replace(item, number=pos, label=label, text=text, subitems=subs)

    # -- references ----------------------------------------------------------------
    def _refs(self, text: str, article: Article, clause: Clause, new_number: int) -> str:
        if not text or "第" not in text:
            return text
        from .refs import find_references

        out: list[str] = []
        last = 0
        for ref in find_references(text):
            if not ref.internal or ref.scope == "other":
                continue
            span = text[ref.start : ref.end]
            rewritten = self._rewrite(span, ref.scope, article, clause, new_number)
            out.append(text[last : ref.start])
            out.append(rewritten)
            last = ref.end
        out.append(text[last:])
        return "".join(out)

    def _rewrite(self, span: str, scope: str, article: Article, clause: Clause, new_number: int) -> str:
        cur_art: int | None = new_number if scope == "relative" else None
        cur_clause: int | None = None
        if scope == "relative" and span.startswith("前") and "款" in span[:3]:
            cur_clause = max(1, clause.index - 1)
        pieces: list[str] = []
        last = 0
        for m in _SEG.finditer(span):
            unit = m.group("unit")
            replacement = m.group(0)
            if unit == "条":
                key = (_num(m.group("n")), _num(m.group("sfx")) if m.group("sfx") else 0)
                new = self.articles.get(key)
                if new is None or key in self.duplicates:
                    why = "is used by two articles" if key in self.duplicates else "does not exist in the draft"
                    self.notices.append(Notice(
                        line=article.span.start if article.span else 0,
                        message=f"{article.label}: reference to {article_label(*key)} left unchanged: "
                                f"{article_label(*key)} {why}",
                        text=span,
                    ))
                    cur_art = None
                else:
                    replacement = article_label(new)
                    cur_art = new
                cur_clause = None
            elif unit == "款":
                cur_clause = _num(m.group("n"))
            elif unit == "项" and cur_art is not None:
                k = cur_clause
                maps = [v for (a, _, c), v in self.items.items() if a == cur_art and (k is None or c == k)]
                if k is None and scope == "relative":
                    own = self.items.get((cur_art, 0, clause.index))
                    maps = [own] if own else maps
                maps = [mp for mp in maps if mp]
                if len(maps) >= 1:
                    old = _num(m.group("n"))
                    new_item = maps[0].get(old)
                    if new_item is not None:
                        bracketed = m.group("n").startswith(("（", "("))
                        num = int_to_cn(new_item)
                        replacement = f"第（{num}）项" if bracketed else f"第{num}项"
            pieces.append(span[last : m.start()])
            pieces.append(replacement)
            last = m.end()
        pieces.append(span[last:])
        return "".join(pieces)


def renumber(document: Document) -> tuple[Document, tuple[Renumbered, ...]]:
    """Renumber ``document`` consecutively and rewrite its internal cross-references.

    Returns the new Document (read back through the structural parser, so its
    ids follow the new numbers) and the 序号对照 rows.
    """
    from .io.text import write_text
    from .parse import parse

    worker = _Renumberer(document)
    worker.number_articles()
    for key in sorted(k for k in worker.duplicates if min(k) >= 0):  # -1: a numeral the parser could not read
        worker.notices.append(Notice(line=0, message=f"{article_label(*key)} occurs more than once in the draft"))
    body = worker.rebuild()
    rebuilt = replace(document, body=body)
    parsed = parse(write_text(rebuilt))
    result = replace(rebuilt, body=parsed.body, notices=document.notices + tuple(worker.notices))
    return result, tuple(worker.rows)


def format_table(rows: tuple[Renumbered, ...] | list[Renumbered], *, changed_only: bool = False) -> str:
    """The 序号对照 table as Markdown: 层级 | 原序号 | 新序号 (| 所在)."""
    shown = [r for r in rows if r.changed or not changed_only]
    lines = ["| 层级 | 原序号 | 新序号 | 所在 |", "|---|---|---|---|"]
    for r in shown:
        mark = "" if r.changed else "（未变）"
        lines.append(f"| {r.level} | {r.old} | {r.new}{mark} | {r.where} |")
    changed = sum(1 for r in rows if r.changed)
    lines.append("")
    lines.append(f"{changed} of {len(rows)} numbers changed.")
    return "\n".join(lines) + "\n"
