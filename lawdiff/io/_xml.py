"""Safe XML parsing for the readers (.docx parts, Akoma Ntoso).

Input XML is untrusted: a DTD is refused before any parsing (so no entity is
ever declared, let alone expanded: no XXE, no "billion laughs"), and the lxml
parser runs with entities, DTD loading and network off.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from lxml import etree

__all__ = ["declares_dtd", "safe_parser"]

_ELEMENT_START = re.compile(rb"<[A-Za-z_:]")


def declares_dtd(data: bytes) -> bool:
    """True when the XML prolog of ``data`` holds a ``<!DOCTYPE`` or ``<!ENTITY``.

    >>> declares_dtd(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    True
    >>> declares_dtd(b'<x>a <!DOCTYPE in text is not a prolog></x>')
    False
    """
    head = data
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            head = data[len(bom):].decode(codec, errors="replace").encode("utf-8")
            break
    first = _ELEMENT_START.search(head)
    prolog = head[: first.start()] if first else head
    return b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper()


def safe_parser() -> "etree.XMLParser":
    """An lxml parser that resolves no entity, loads no DTD, touches no network and drops comments/PIs."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
