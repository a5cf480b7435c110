"""Helpers shared by the parser tests (character conservation, corpus counts)."""
from __future__ import annotations

import collections
import re
from pathlib import Path

from lawdiff.model import Article, Document, Item

_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\x00"


def input_chars(text: str) -> collections.Counter[str]:
    """Non-blank characters of an input, Markdown heading markers (``## ``) excluded."""
    text = _MD_HEADING.sub("", text)
    return collections.Counter(ch for ch in text if not ch.isspace() and ch not in _ZERO_WIDTH)


def _item_text(item: Item) -> str:
    return item.label + item.text + "".join(_item_text(s) for s in item.subitems)


def _article_text(art: Article) -> str:
    parts = [art.label, art.heading_raw or ""]
    for clause in art.clauses:
        parts.append(clause.text)
        parts.extend(_item_text(i) for i in clause.items)
    return "".join(parts)


def model_chars(doc: Document) -> collections.Counter[str]:
    """Every character the Document holds, plus front matter and notice texts."""
    front = [_MD_HEADING.sub("", line) for line in doc.front]  # raw metadata lines, Markdown markers excluded
    parts = [doc.title, f"（{doc.stage}）" if doc.stage else "", *doc.preamble, *doc.intro, *front]
    parts += [d.label + d.heading for d in doc.divisions()]
    parts += [_article_text(a) for a in doc.units()]
    parts += [n.text for n in doc.notices]
    return collections.Counter(ch for ch in "".join(parts) if not ch.isspace())


def index_counts(corpora: Path) -> dict[str, tuple[int, int]]:
    """(条 count, decision item count) per corpus file, read from corpora/README.md's table."""
    out: dict[str, tuple[int, int]] = {}
    for line in (corpora / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([^`]+\.md)` \|[^|]*\|[^|]*\|[^|]*\| ([^|]+) \|", line)
        if not m:
            continue
        cell = m.group(2).strip()
        items = re.search(r"\((\d+) numbered items\)", cell)
        arts = int(re.match(r"\d+", cell).group())
        out[m.group(1)] = (arts, int(items.group(1)) if items else 0)
    return out
