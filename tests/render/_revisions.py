"""Accept-all and reject-all of Word tracked changes, on a .docx's document.xml.

Implemented here, independently of the renderer, the way Word applies them:

* accept: ``w:del`` (with its ``w:delText``) disappears, ``w:ins`` content stays;
  a paragraph whose mark is deleted (``w:pPr/w:rPr/w:del``) joins the next one;
* reject: ``w:ins`` disappears, ``w:del`` content comes back (``w:delText`` as
  text); a paragraph whose mark is inserted (``w:pPr/w:rPr/w:ins``) joins the next.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _text(el: etree._Element, drop: str) -> str:
    """Text of a paragraph, leaving out the content of ``w:<drop>`` revisions."""
    parts = []
    for node in el.iter(f"{{{W}}}t", f"{{{W}}}delText"):
        inside = [a for a in node.iterancestors() if a.tag == f"{{{W}}}{drop}"]
        if not inside:
            parts.append(node.text or "")
    return "".join(parts)


def resolve(data: bytes, mode: str) -> list[str]:
    """The body paragraphs' texts after accepting (``accept``) or rejecting (``reject``) every revision."""
    drop = "del" if mode == "accept" else "ins"
    root = document_xml(data)
    body = root.find("w:body", NS)
    out: list[str] = []
    pending = ""
    for p in body.findall("w:p", NS):
        text = pending + _text(p, drop)
        mark = p.find("w:pPr/w:rPr/w:" + drop, NS)
        if mark is not None:
            pending = text
            continue
        pending = ""
        out.append(text)
    if pending:
        out.append(pending)
    return out
