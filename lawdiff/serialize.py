"""Documents as JSON-ready dictionaries (schema ``lawdiff.document/1``) and back.

``document_to_dict(doc)`` gives::

    {"schema": "lawdiff.document/1", "title": ..., "stage": ..., "kind": ...,
     "source": ..., "preamble": [...], "intro": [...], "front": [...],
     "tree": [division or article reference, ...],
     "units": [unit, ...], "notices": [...]}

``tree`` is the hierarchy: a division is ``{"type": "division", "level",
"number", "label", "heading", "eid", "span", "children"}`` and an article
appears there as a reference ``{"type": "article", "eid", "label"}``; the
articles themselves are in the flat ``units`` list, in reading order, as
:func:`unit_to_dict` writes them (the comparison JSON reuses that function).
Spans are ``[start, end]`` source lines or ``null``. ``document_from_dict``
reads this back: ``document_from_dict(document_to_dict(d)) == d``.

>>> from lawdiff import parse
>>> d = document_to_dict(parse("某法\\n第一条之一　【目的】甲：\\n（一）乙。"))
>>> unit = d["units"][0]
>>> unit["label"], unit["number"], unit["suffix"], unit["heading"], unit["eid"], unit["span"]
('第一条之一', 1, 1, '目的', 'art_1_1', [2, 3])
>>> unit["clauses"][0]["items"][0]["eid"]
'art_1_1__para_1__point_1'
"""
from __future__ import annotations

from typing import Any

from .model import Article, Clause, Division, Document, Item, Level, Node, Notice, Span

__all__ = ["SCHEMA", "document_to_dict", "unit_to_dict", "document_from_dict", "unit_from_dict"]

SCHEMA = "lawdiff.document/1"


def _span(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


def _item_to_dict(item: Item) -> dict[str, Any]:
    return {
        "number": item.number,
        "label": item.label,
        "text": item.text,
        "eid": item.eid,
        "span": _span(item.span),
        "subitems": [_item_to_dict(s) for s in item.subitems],
    }


def _clause_to_dict(clause: Clause) -> dict[str, Any]:
    return {
        "index": clause.index,
        "text": clause.text,
        "eid": clause.eid,
        "span": _span(clause.span),
        "items": [_item_to_dict(i) for i in clause.items],
    }


def unit_to_dict(article: Article) -> dict[str, Any]:
    """One article (or decision item) as a dictionary.

    Keys: ``label number suffix kind path heading heading_raw eid span text
    deleted clauses``; ``text`` is :attr:`Article.text` (paragraphs joined by
    ``\\n``, label excluded), ``suffix`` is 0 when there is none.
    """
    return {
        "label": article.label,
        "number": article.number,
        "suffix": article.suffix,
        "kind": article.kind,
        "path": list(article.path),
        "heading": article.heading,
        "heading_raw": article.heading_raw,
        "eid": article.eid,
        "span": _span(article.span),
        "text": article.text,
        "deleted": article.deleted_placeholder,
        "clauses": [_clause_to_dict(c) for c in article.clauses],
    }


def _node_to_dict(node: Node) -> dict[str, Any]:
    if isinstance(node, Article):
        return {"type": "article", "eid": node.eid, "label": node.label}
    return {
        "type": "division",
        "level": node.level.value,
        "number": node.number,
        "label": node.label,
        "heading": node.heading,
        "eid": node.eid,
        "span": _span(node.span),
        "children": [_node_to_dict(c) for c in node.children],
    }


def _notice_to_dict(notice: Notice) -> dict[str, Any]:
    return {"line": notice.line, "severity": notice.severity, "message": notice.message, "text": notice.text}


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The whole document (see the module docstring for the schema)."""
    return {
        "schema": SCHEMA,
        "title": doc.title,
        "stage": doc.stage,
        "kind": doc.kind,
        "source": doc.source,
        "preamble": list(doc.preamble),
        "intro": list(doc.intro),
        "front": list(doc.front),
        "tree": [_node_to_dict(n) for n in doc.body],
        "units": [unit_to_dict(u) for u in doc.units()],
        "notices": [_notice_to_dict(n) for n in doc.notices],
    }


# ---------------------------------------------------------------------------
# back


def _span_from(value: Any) -> Span | None:
    return Span(int(value[0]), int(value[1])) if value else None


def _item_from(d: dict[str, Any]) -> Item:
    return Item(
        number=d["number"], label=d["label"], text=d["text"], eid=d.get("eid", ""), span=_span_from(d.get("span")),
        subitems=tuple(_item_from(s) for s in d.get("subitems", ())),
    )


def unit_from_dict(d: dict[str, Any]) -> Article:
    """Inverse of :func:`unit_to_dict` (``text`` and ``deleted`` are derived, so ignored)."""
    clauses = tuple(
        Clause(index=c["index"], text=c["text"], eid=c.get("eid", ""), span=_span_from(c.get("span")),
               items=tuple(_item_from(i) for i in c.get("items", ())))
        for c in d["clauses"]
    )
    return Article(
        number=d["number"], label=d["label"], clauses=clauses, suffix=d.get("suffix", 0), heading=d.get("heading"),
        heading_raw=d.get("heading_raw"), kind=d.get("kind", "article"), span=_span_from(d.get("span")),
        eid=d.get("eid", ""), path=tuple(d.get("path", ())),
    )


def document_from_dict(d: dict[str, Any]) -> Document:
    """Inverse of :func:`document_to_dict`. Raises ``ValueError`` for another schema."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} document (schema={d.get('schema')!r})")
    units = {u["eid"]: unit_from_dict(u) for u in d["units"]}

    def node(n: dict[str, Any]) -> Node:
        if n["type"] == "article":
            return units[n["eid"]]
        return Division(
            level=Level(n["level"]), number=n["number"], label=n["label"], heading=n["heading"], eid=n.get("eid", ""),
            span=_span_from(n.get("span")), children=tuple(node(c) for c in n.get("children", ())),
        )

    return Document(
        title=d["title"], body=tuple(node(n) for n in d["tree"]), preamble=tuple(d.get("preamble", ())),
        intro=tuple(d.get("intro", ())), kind=d.get("kind", "law"), source=d.get("source"), stage=d.get("stage"),
        notices=tuple(Notice(line=x["line"], message=x["message"], text=x.get("text", ""), severity=x.get("severity", "warning"))
                      for x in d.get("notices", ())),
        front=tuple(d.get("front", ())),
    )
