"""Akoma Ntoso 3.0 in and out: ``akomaNtoso/act`` <-> :class:`~lawdiff.model.Document`.

Mapping (see docs/formats/akn.md for the full table and an example):

=================  ===========================================================
lawdiff            Akoma Ntoso 3.0
=================  ===========================================================
Document.kind      ``act/@name`` (law, regulation, decision, amendment, draft)
Document.title     ``preface/longTitle/p/docTitle``
preamble (题注)     ``preface/p[@class="note"]``, one per line
intro (序言)        ``preamble/p``, one per line
编 BOOK             ``book``
分编 SUBBOOK        ``part`` (AKN has no sub-book; ``part`` nests inside ``book``)
章 / 节             ``chapter`` / ``section``
条 / decision item  ``article`` (``@class="article"`` / ``@class="item"``)
label / heading    ``num`` / ``heading``
款 Clause           ``paragraph``: ``content/p``, or ``list`` (``intro/p`` + points)
项 / 目             ``point`` (目 nested in a ``list`` of its 项)
eids               ``@eId`` (from the model's eids)
=================  ===========================================================

Values AKN has no element for (numbers, 之 suffixes, bracketed headings as
written, the draft stage) travel in attributes of the lawdiff namespace
:data:`LAWDIFF_NS` (AKN allows foreign attributes everywhere) and in
``meta/proprietary``, so ``read_document(write_document(d)) == d``.

Reading accepts AKN written by other tools: numbers come from the ``num``
labels when the lawdiff attributes are absent; an element lawdiff does not
model (``hcontainer``, ``title``, ``subchapter``, ``conclusions``, notes,
tables ...) never loses its text: a container holding articles is looked
through and its own ``num``/``heading`` reported, anything else goes into a
:class:`~lawdiff.model.Notice` with its text. The XML parser never resolves
entities, loads a DTD or touches the network, and a document that declares a
DTD is refused (XXE and "billion laughs" cannot happen).
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Iterator

from ..errors import InputError
from ..model import Article, Clause, Division, Document, Item, Level, Notice

if TYPE_CHECKING:  # pragma: no cover
    from lxml import etree

__all__ = ["AKN_NS", "LAWDIFF_NS", "read_document", "write_document"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LAWDIFF_NS = "https://lawdiff.readthedocs.io/ns/akn-extensions/1.0"
_A = "{%s}" % AKN_NS
_L = "{%s}" % LAWDIFF_NS

_DIVISION_ELEMENT = {
    Level.BOOK: "book",
    Level.SUBBOOK: "part",
    Level.CHAPTER: "chapter",
    Level.SECTION: "section",
}
_ELEMENT_LEVEL = {v: k for k, v in _DIVISION_ELEMENT.items()}
_DATE = re.compile(r"([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日")
_HIER_LIKE = frozenset(
    """alinea article book chapter clause division hcontainer indent level list paragraph part point
    proviso rule section subchapter subclause subdivision sublist subparagraph subpart subrule
    subsection subtitle title tome transitional""".split()
)


# ---------------------------------------------------------------------------
# writing


def _dates_of(doc: Document) -> tuple[tuple[str, str], tuple[str, str]]:
    """``((work_date, name), (expression_date, name))``: the first and the last date of the 题注
    (adoption, latest amendment), else of the title or intro; ``1900-01-01``/``unknown`` if none."""
    found: list[str] = []
    for line in (*doc.preamble, doc.title, *doc.intro):
        for m in _DATE.finditer(line):
            y, mo, d = (int(g.translate(str.maketrans("０１２３４５６７８９", "0123456789"))) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                found.append(f"{y:04d}-{mo:02d}-{d:02d}")
        if found and line in doc.preamble and line == doc.preamble[-1]:
            break
    if not found:
        return ("1900-01-01", "unknown"), ("1900-01-01", "unknown")
    work = (found[0], "adoption")
    expr = (found[-1], "version") if len(found) > 1 else (found[0], "adoption")
    return work, expr


def _eid(node_eid: str, fallback: str) -> tuple[str, bool]:
    return (node_eid, False) if node_eid else (fallback, True)


def write_document(doc: Document) -> bytes:
    """Serialise ``doc`` as an Akoma Ntoso 3.0 ``act`` (UTF-8 XML bytes)."""
    from lxml import etree

    from .base import refuse_xml_unsafe

    refuse_xml_unsafe(doc, "Akoma Ntoso")

    nsmap = {None: AKN_NS, "lawdiff": LAWDIFF_NS}
    root = etree.Element(_A + "akomaNtoso", nsmap=nsmap)
    act = etree.SubElement(root, _A + "act", name=doc.kind or "law")
    (date, date_name), (expr_date, expr_name) = _dates_of(doc)
    slug = "lawdiff-" + hashlib.sha1(doc.title.encode("utf-8")).hexdigest()[:10]
    work = f"/akn/cn/act/{doc.kind or 'law'}/{date}/{slug}"
    expr = f"{work}/zho@{expr_date if expr_name == 'version' else ''}"

    meta = etree.SubElement(act, _A + "meta")
    ident = etree.SubElement(meta, _A + "identification", source="#lawdiff")
    for frbr, this, uri in (
        ("FRBRWork", f"{work}/!main", work),
        ("FRBRExpression", f"{expr}/!main", expr),
        ("FRBRManifestation", f"{expr}/!main.xml", f"{expr}.akn"),
    ):
        el = etree.SubElement(ident, _A + frbr)
        etree.SubElement(el, _A + "FRBRthis", value=this)
        etree.SubElement(el, _A + "FRBRuri", value=uri)
        if frbr == "FRBRWork":
            etree.SubElement(el, _A + "FRBRalias", value=doc.title, name="title")
        if frbr == "FRBRWork":
            etree.SubElement(el, _A + "FRBRdate", date=date, name=date_name)
        else:
            etree.SubElement(el, _A + "FRBRdate", date=expr_date, name=expr_name)
        etree.SubElement(el, _A + "FRBRauthor", href="#lawdiff" if frbr == "FRBRManifestation" else "#author")
        if frbr == "FRBRWork":
            etree.SubElement(el, _A + "FRBRcountry", value="cn")
        if frbr == "FRBRExpression":
            etree.SubElement(el, _A + "FRBRlanguage", language="zho")
    refs = etree.SubElement(meta, _A + "references", source="#lawdiff")
    etree.SubElement(refs, _A + "TLCOrganization", eId="lawdiff", href="/ontology/organization/lawdiff",
                     showAs="lawdiff")
    etree.SubElement(refs, _A + "TLCRole", eId="author", href="/ontology/role/author", showAs="Author")
    if doc.stage is not None:
        prop = etree.SubElement(meta, _A + "proprietary", source="#lawdiff")
        etree.SubElement(prop, _L + "stage").text = doc.stage

    preface = etree.SubElement(act, _A + "preface")
    long_title = etree.SubElement(preface, _A + "longTitle")
    etree.SubElement(etree.SubElement(long_title, _A + "p"), _A + "docTitle").text = doc.title
    for i, line in enumerate(doc.preamble, start=1):
        etree.SubElement(preface, _A + "p", {"class": "note", "eId": f"preface__p_{i}"}).text = line
    if doc.intro:
        preamble = etree.SubElement(act, _A + "preamble")
        for i, line in enumerate(doc.intro, start=1):
            etree.SubElement(preamble, _A + "p", eId=f"preamble__p_{i}").text = line
    body = etree.SubElement(act, _A + "body")
    _write_nodes(body, doc.body, "", ())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _set_eid(el: "etree._Element", eid: str, fallback: str) -> str:
    value, generated = _eid(eid, fallback)
    el.set("eId", value)
    if generated:
        el.set(_L + "generatedEid", "true")
    return value


def _write_nodes(parent: "etree._Element", nodes, prefix: str, path: tuple[str, ...]) -> None:
    from lxml import etree

    counts: dict[str, int] = {}
    for node in nodes:
        if isinstance(node, Division):
            name = _DIVISION_ELEMENT[node.level]
            counts[name] = counts.get(name, 0) + 1
            el = etree.SubElement(parent, _A + name)
            eid = _set_eid(el, node.eid, f"{prefix}{node.level.eid_prefix}_{counts[name]}")
            el.set(_L + "number", str(node.number))
            _num_heading(el, node.label, node.heading)
            _write_nodes(el, node.children, eid + "__", (*path, node.label))
        else:
            counts["article"] = counts.get("article", 0) + 1
            _write_article(parent, node, f"{prefix}art_{counts['article']}", path)


def _num_heading(el: "etree._Element", label: str | None, heading: str | None) -> None:
    from lxml import etree

    if label is not None:
        etree.SubElement(el, _A + "num").text = label
    if heading is not None:
        etree.SubElement(el, _A + "heading").text = heading


def _write_article(parent: "etree._Element", art: Article, fallback: str, path: tuple[str, ...]) -> None:
    from lxml import etree

    el = etree.SubElement(parent, _A + "article", {"class": art.kind})
    eid = _set_eid(el, art.eid, fallback)
    el.set(_L + "number", str(art.number))
    if art.suffix:
        el.set(_L + "suffix", str(art.suffix))
    if art.heading_raw is not None:
        el.set(_L + "headingRaw", art.heading_raw)
    if tuple(art.path) != path:
        el.set(_L + "path", json.dumps(list(art.path), ensure_ascii=False))
    _num_heading(el, art.label, art.heading)
    for pos, clause in enumerate(art.clauses, start=1):
        para = etree.SubElement(el, _A + "paragraph")
        peid = _set_eid(para, clause.eid, f"{eid}__para_{pos}")
        if clause.index != pos:
            para.set(_L + "index", str(clause.index))
        _write_text_and_points(para, clause.text, clause.items, peid, "point")


def _write_text_and_points(el: "etree._Element", text: str, items: tuple[Item, ...], eid: str, kind: str) -> None:
    from lxml import etree

    if not items:
        etree.SubElement(etree.SubElement(el, _A + "content"), _A + "p").text = text
        return
    lst = etree.SubElement(el, _A + "list", eId=f"{eid}__list_1")
    if text:
        etree.SubElement(etree.SubElement(lst, _A + "intro"), _A + "p").text = text
    for pos, item in enumerate(items, start=1):
        point = etree.SubElement(lst, _A + "point")
        peid = _set_eid(point, item.eid, f"{eid}__{kind}_{pos}")
        point.set(_L + "number", str(item.number))
        _num_heading(point, item.label, None)
        _write_text_and_points(point, item.text, item.subitems, peid, "subpoint")


# ---------------------------------------------------------------------------
# reading


def _local(el: "etree._Element") -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.notices: list[Notice] = []

    # helpers --------------------------------------------------------------
    def note(self, el: "etree._Element", message: str, *, text: str | None = None, severity: str = "warning") -> None:
        body = _text(el) if text is None else text
        self.notices.append(Notice(line=el.sourceline or 0, message=message, text=body, severity=severity))

    def unknown(self, el: "etree._Element", where: str) -> None:
        text = _text(el)
        if text.strip():
            self.note(el, f"unknown Akoma Ntoso element <{_local(el)}> in {where}: text kept here", text=text)

    def children(self, el: "etree._Element") -> Iterator["etree._Element"]:
        for child in el:
            if isinstance(child.tag, str):
                yield child

    # document -------------------------------------------------------------
    def document(self, root: "etree._Element") -> Document:
        doc_el = next(self.children(root), None)
        if doc_el is None:
            raise InputError("akomaNtoso element is empty (no act)", source=self.source)
        kind = doc_el.get("name") or "law"
        title = ""
        preamble: list[str] = []
        intro: list[str] = []
        stage = None
        body: tuple = ()
        for part in self.children(doc_el):
            name = _local(part)
            if name == "meta":
                st = part.find(f"{_A}proprietary/{_L}stage")
                if st is None:
                    st = part.find(f".//{_L}stage")
                if st is not None:
                    stage = st.text or ""
                if not title:
                    alias = part.find(f".//{_A}FRBRWork/{_A}FRBRalias[@name='title']")
                    if alias is not None:
                        title = alias.get("value", "")
            elif name in ("preface", "coverPage"):
                for child in self.children(part):
                    cname = _local(child)
                    doc_title = child.find(f".//{_A}docTitle")
                    if doc_title is not None and (cname in ("longTitle", "p") or cname == "docTitle"):
                        title = _text(doc_title)
                        rest = _text(child, skip=doc_title).strip()
                        if rest and cname == "p":
                            preamble.append(rest)
                    elif cname == "docTitle":
                        title = _text(child)
                    elif cname in ("p", "longTitle", "container", "block", "blockContainer"):
                        preamble.extend(_paragraph_texts(child))
                    else:
                        self.unknown(child, "preface")
            elif name == "preamble":
                for child in self.children(part):
                    if _local(child) in ("p", "formula", "recitals", "recital", "citations", "citation",
                                         "container", "blockContainer", "intro"):
                        intro.extend(_paragraph_texts(child))
                    else:
                        self.unknown(child, "preamble")
            elif name in ("body", "mainBody"):
                body = tuple(self.nodes(part, ()))
            elif name == "conclusions":
                if _text(part).strip():
                    self.note(part, "conclusions (signatures, dates) are not modelled: text kept here",
                              severity="info")
            else:
                self.unknown(part, kind)
        return Document(
            title=title,
            body=body,
            preamble=tuple(preamble),
            intro=tuple(intro),
            kind=kind,
            source=self.source,
            stage=stage,
            notices=tuple(self.notices),
        )

    # hierarchy ------------------------------------------------------------
    def nodes(self, parent: "etree._Element", path: tuple[str, ...]) -> Iterator:
        seq = {"article": 0}
        for child in self.children(parent):
            name = _local(child)
            if name in ("num", "heading", "subheading"):
                continue
            if name in _ELEMENT_LEVEL:
                yield self.division(child, _ELEMENT_LEVEL[name], path)
            elif name == "article":
                seq["article"] += 1
                yield self.article(child, path, seq["article"])
            elif _has_articles(child):
                # a container lawdiff does not model (hcontainer, title, subchapter ...): look through it
                head = " ".join(
                    _text(h) for h in self.children(child) if _local(h) in ("num", "heading", "subheading")
                )
                self.note(child, f"Akoma Ntoso <{_local(child)}> is not modelled: its articles were read, "
                                 f"its own number/heading kept here", text=head)
                yield from self.nodes(child, path)
            else:
                self.unknown(child, _local(parent))

    def division(self, el: "etree._Element", level: Level, path: tuple[str, ...]) -> Division:
        label = _child_text(el, "num") or ""
        heading = _child_text(el, "heading") or ""
        number = _int_attr(el, "number")
        if number is None:
            number = _division_number(label)
        return Division(
            level=level,
            number=number,
            label=label,
            heading=heading,
            children=tuple(self.nodes(el, (*path, label))),
            eid=_eid_of(el),
        )

    def article(self, el: "etree._Element", path: tuple[str, ...], position: int) -> Article:
        label = _child_text(el, "num") or ""
        kind = el.get("class") or "article"
        number = _int_attr(el, "number")
        suffix = _int_attr(el, "suffix")
        if number is None:
            number, suffix2 = _article_number(label, kind, position)
            suffix = suffix if suffix is not None else suffix2
        raw_path = el.get(_L + "path")
        if raw_path is not None:
            try:
                path = tuple(json.loads(raw_path))
            except ValueError:
                self.note(el, "unreadable lawdiff:path attribute ignored", text=raw_path)
        clauses: list[Clause] = []
        loose: list["etree._Element"] = []
        for child in self.children(el):
            name = _local(child)
            if name in ("num", "heading", "subheading"):
                continue
            if name == "paragraph":
                clauses.append(self.clause(child, len(clauses) + 1))
            elif name in ("content", "list", "intro", "point", "alinea"):
                loose.append(child)
            else:
                self.unknown(child, "article")
        if loose:
            text, items = self.text_and_points(loose, "item")
            clauses.insert(0, Clause(index=1, text=text, items=items))
            clauses = [
                Clause(i, c.text, c.items, eid=c.eid) if c.index != i else c for i, c in enumerate(clauses, 1)
            ]
        heading_el = el.find(_A + "heading")
        return Article(
            number=number,
            label=label,
            clauses=tuple(clauses),
            suffix=suffix or 0,
            heading=_text(heading_el) if heading_el is not None else None,
            heading_raw=el.get(_L + "headingRaw"),
            kind=kind,
            eid=_eid_of(el),
            path=path,
        )

    def clause(self, el: "etree._Element", position: int) -> Clause:
        index = _int_attr(el, "index") or position
        parts = [c for c in self.children(el) if _local(c) not in ("num", "heading", "subheading")]
        text, items = self.text_and_points(parts, "item")
        return Clause(index=index, text=text, items=items, eid=_eid_of(el))

    def text_and_points(self, parts: list["etree._Element"], level: str) -> tuple[str, tuple[Item, ...]]:
        texts: list[str] = []
        items: list[Item] = []
        for part in parts:
            name = _local(part)
            if name in ("content", "intro", "alinea"):
                texts.extend(_paragraph_texts(part))
            elif name == "list":
                inner = [c for c in self.children(part)]
                t, its = self.text_and_points(inner, level)
                if t:
                    texts.append(t)
                items.extend(its)
            elif name == "point":
                items.append(self.point(part, level, len(items) + 1))
            elif name == "wrapUp":
                self.note(part, "text after the items (wrapUp) is not modelled: kept here")
            elif name == "p":
                texts.append(_text(part))
            elif name in ("num", "heading"):
                continue
            else:
                self.unknown(part, "paragraph")
        return "\n".join(texts), tuple(items)

    def point(self, el: "etree._Element", level: str, position: int) -> Item:
        label = _child_text(el, "num") or ""
        number = _int_attr(el, "number")
        if number is None:
            number = _item_number(label, position)
        parts = [c for c in self.children(el) if _local(c) not in ("num", "heading", "subheading")]
        text, subitems = self.text_and_points(parts, "subitem")
        return Item(number=number, label=label, text=text, subitems=subitems, eid=_eid_of(el))


def _has_articles(el: "etree._Element") -> bool:
    for sub in el.iter():
        if sub is not el and isinstance(sub.tag, str) and _local(sub) in ("article", *_ELEMENT_LEVEL):
            return True
    return False


def _text(el: "etree._Element", skip: "etree._Element | None" = None) -> str:
    """All text below ``el`` (inline markup flattened), ``skip``'s subtree excluded."""
    if skip is None:
        return "".join(t for t in el.itertext() if isinstance(t, str))
    out: list[str] = []

    def walk(node: "etree._Element") -> None:
        if node is skip:
            if node.tail:
                out.append(node.tail)
            return
        if node.text and isinstance(node.tag, str):
            out.append(node.text)
        for child in node:
            walk(child)
        if node is not el and node.tail:
            out.append(node.tail)

    walk(el)
    return "".join(out)


def _paragraph_texts(el: "etree._Element") -> list[str]:
    """The ``p`` paragraphs below ``el`` (or its whole text when it has none)."""
    ps = [p for p in el.iter(_A + "p")]
    if _local(el) == "p":
        return [_text(el)]
    if not ps:
        text = _text(el).strip()
        return [text] if text else []
    return [_text(p) for p in ps if not any(a in ps for a in p.iterancestors(_A + "p"))]


def _child_text(el: "etree._Element", name: str) -> str | None:
    child = el.find(_A + name)
    return _text(child) if child is not None else None


def _eid_of(el: "etree._Element") -> str:
    if el.get(_L + "generatedEid") == "true":
        return ""
    return el.get("eId") or el.get("id") or ""


def _int_attr(el: "etree._Element", name: str) -> int | None:
    value = el.get(_L + name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _division_number(label: str) -> int:
    from ..numerals import parse_division_label

    try:
        return parse_division_label(label)[1]
    except ValueError:
        return 0


def _article_number(label: str, kind: str, position: int) -> tuple[int, int]:
    from ..numerals import parse_article_label, parse_decision_label

    try:
        return parse_article_label(label)
    except ValueError:
        pass
    try:
        return parse_decision_label(label), 0
    except ValueError:
        return position, 0


def _item_number(label: str, position: int) -> int:
    from ..numerals import parse_item_label, parse_subitem_label

    for fn in (parse_item_label, parse_subitem_label):
        try:
            return fn(label)
        except ValueError:
            continue
    return position


def read_document(data: bytes, *, source: str) -> Document:
    """Read an Akoma Ntoso 3.0 document (``akomaNtoso/act``, ``bill`` or ``doc``) into a Document."""
    from lxml import etree

    if not data.strip():
        raise InputError("empty file", source=source)
    from ._xml import declares_dtd, safe_parser

    if declares_dtd(data):
        raise InputError("the XML declares a DTD (entities are not allowed in Akoma Ntoso input); refusing it",
                         source=source)
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as err:
        raise InputError(f"malformed Akoma Ntoso XML: {err}", source=source) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise InputError("the XML declares a DTD (entities are not allowed in Akoma Ntoso input); refusing it",
                         source=source)
    if root.tag != _A + "akomaNtoso":
        raise InputError(
            f"not Akoma Ntoso 3.0: root element is {root.tag!r}, expected {{{AKN_NS}}}akomaNtoso",
            source=source,
        )
    return _Reader(source).document(root)
