"""Comparison values built by hand from the real corpora, for the renderer tests.

The renderers must not depend on the parser and the aligner (they are tested
on their own), so this module reads a corpus file with a deliberately small
line parser (条 / decision items 一、 / ## 章 headings, one 款 per paragraph)
and pairs the units with :mod:`difflib` (exact matches first, then similar
units in order). The ops come from ``difflib.SequenceMatcher`` on characters,
so they rebuild both texts exactly, as the aligner's ops do.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

from lawdiff.model import (
    Article,
    Clause,
    Comparison,
    Division,
    Document,
    Level,
    Op,
    Pair,
    Relation,
    Summary,
    TermDiff,
)

CORPORA = Path(__file__).resolve().parents[2] / "corpora"

_CN = "〇零一二三四五六七八九十百千两"
_ARTICLE = re.compile(rf"^(第[{_CN}]+条(?:之[{_CN}]+)?)[\s\u3000]*(.*)$")
_ITEM = re.compile(rf"^([{_CN}]+、)(.*)$")
_CHAPTER = re.compile(rf"^#+\s*(第[{_CN}]+章)[\s\u3000]*(.*)$")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGITS["〇"] = 0
_DIGITS["两"] = 2


def cn_number(text: str) -> int:
    """一百零一 -> 101 (enough for article numbers)."""
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
    return total + current


def read_corpus(name: str) -> Document:
    """A Document from corpora/<name>.md (title, 题注 lines, chapters, units)."""
    lines = [ln.strip() for ln in (CORPORA / f"{name}.md").read_text(encoding="utf-8").splitlines()]
    title = ""
    preamble: list[str] = []
    intro: list[str] = []
    body: list[object] = []
    chapter: list[object] | None = None
    chapter_head: tuple[str, str] | None = None
    units: list[tuple[str, list[str], str, tuple[str, ...]]] = []
    chapters: list[tuple[tuple[str, str], list[int]]] = []
    seen_info_end = "<!-- INFO END -->" not in "\n".join(lines)
    decision = False
    for line in lines:
        if not line or line.startswith("<!--") or line in ("---", "bookHidden: true"):
            if line == "<!-- INFO END -->":
                seen_info_end = True
            continue
        if line.startswith("# ") and not title:
            title = re.sub(r"_\d{8}$", "", line[2:].strip())
            continue
        if not seen_info_end:
            preamble.append(line)
            continue
        m = _CHAPTER.match(line)
        if m:
            chapter_head = (m.group(1), m.group(2).strip())
            chapters.append((chapter_head, []))
            continue
        m = _ARTICLE.match(line) or (None if units and not decision and not _ITEM.match(line) else _ITEM.match(line))
        if m and (_ARTICLE.match(line) or not any(u[2] == "article" for u in units)):
            kind = "article" if _ARTICLE.match(line) else "item"
            decision = decision or kind == "item"
            path = (chapter_head[0],) if chapter_head else ()
            units.append((m.group(1), [m.group(2)], kind, path))
            if chapters:
                chapters[-1][1].append(len(units) - 1)
            continue
        if units:
            units[-1][1].append(line)
        else:
            intro.append(line)
    articles = []
    for label, paras, kind, path in units:
        number = cn_number(label.strip("第条、").split("之")[0])
        clauses = tuple(Clause(index=i + 1, text=t) for i, t in enumerate(paras))
        articles.append(Article(number=number, label=label, clauses=clauses, kind=kind, path=path))
    if chapters:
        in_chapter = {i for _, idx in chapters for i in idx}
        body = [a for i, a in enumerate(articles) if i not in in_chapter and i < min(chapters[0][1] or [0])]
        for n, ((label, heading), idx) in enumerate(chapters):
            body.append(
                Division(
                    level=Level.CHAPTER,
                    number=n + 1,
                    label=label,
                    heading=heading,
                    children=tuple(articles[i] for i in idx),
                )
            )
    else:
        body = articles
    return Document(
        title=title,
        body=tuple(body),  # type: ignore[arg-type]
        preamble=tuple(preamble),
        intro=tuple(intro),
        kind="decision" if decision else "law",
        source=f"corpora/{name}.md",
    )


def char_ops(old: str, new: str) -> tuple[Op, ...]:
    if old == new:
        return (Op("equal", old, new),) if old else ()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return tuple(Op(tag, old[a:b], new[c:d]) for tag, a, b, c, d in matcher.get_opcodes())


def _mask(text: str, terms: tuple[tuple[str, str], ...], side: int) -> str:
    for k, term in enumerate(terms):
        text = text.replace(term[side], f"\x00{k}\x00")
    return text


def compare_docs(left: Document, right: Document, terms: tuple[tuple[str, str], ...] = ()) -> Comparison:
    """Pair the units of two documents and diff each pair (see the module docstring)."""
    old_units = list(left.units())
    new_units = list(right.units())
    old_keys = [_mask(u.text, terms, 0) for u in old_units]
    new_keys = [_mask(u.text, terms, 1) for u in new_units]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    pairs: list[Pair] = []

    def make(old: tuple[Article, ...], new: tuple[Article, ...], relation: Relation | None = None) -> Pair:
        old_text = "\n".join(u.text for u in old)
        new_text = "\n".join(u.text for u in new)
        if relation is None:
            if old_text == new_text:
                relation = Relation.IDENTICAL
            elif _mask(old_text, terms, 0) == _mask(new_text, terms, 1):
                relation = Relation.EQUIVALENT
            else:
                relation = Relation.MODIFIED
        used = tuple(
            TermDiff(a, b) for a, b in terms if a in old_text and b in new_text and relation is not Relation.IDENTICAL
        )
        renumbered = bool(old and new and old[0].label != new[0].label)
        score = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).ratio() if old and new else 0.0
        return Pair(
            old=old,
            new=new,
            relation=relation,
            score=round(score, 4),
            renumbered=renumbered,
            ops=char_ops(old_text, new_text),
            terms=used,
        )

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(make((old_units[i],), (new_units[j1 + i - i1],)) for i in range(i1, i2))
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        while olds or news:
            if olds and news:
                ratio = difflib.SequenceMatcher(None, old_keys[olds[0]], new_keys[news[0]], autojunk=False).ratio()
                if ratio >= 0.5:
                    pairs.append(make((old_units[olds.pop(0)],), (new_units[news.pop(0)],)))
                    continue
                nxt = difflib.SequenceMatcher(None, old_keys[olds[0]], new_keys[news[1]] if len(news) > 1 else "").ratio()
                if nxt >= 0.5:
                    pairs.append(make((), (new_units[news.pop(0)],), Relation.ADDED))
                else:
                    pairs.append(make((old_units[olds.pop(0)],), (), Relation.DELETED))
            elif olds:
                pairs.append(make((old_units[olds.pop(0)],), (), Relation.DELETED))
            else:
                pairs.append(make((), (new_units[news.pop(0)],), Relation.ADDED))
    return Comparison(left=left, right=right, pairs=tuple(pairs), summary=summarize(pairs, left, right))


def summarize(pairs: list[Pair] | tuple[Pair, ...], left: Document, right: Document) -> Summary:
    counts = Counter(p.relation for p in pairs)
    return Summary(
        counts=tuple((r, counts[r]) for r in Relation if counts[r]),
        renumbered=sum(p.renumbered for p in pairs),
        moved=sum(p.moved for p in pairs),
        left_units=len(list(left.units())),
        right_units=len(list(right.units())),
    )


CHISHUI_TERMS = (
    ("云南省", "贵州省"),
    ("贵州省", "云南省"),
    ("昭通市", "毕节市、遵义市"),
    ("毕节市、遵义市", "昭通市"),
)


def corpus_pair(old: str, new: str, terms: tuple[tuple[str, str], ...] = ()) -> Comparison:
    return compare_docs(read_corpus(old), read_corpus(new), terms)


PAIRS = {
    "chishui": ("yunnan_chishui_joint_decision_2021", "guizhou_chishui_joint_decision_2021", CHISHUI_TERMS),
    "foreign_trade": ("cn_foreign_trade_law_2016", "cn_foreign_trade_law_2022", ()),
    "biosecurity": ("cn_biosecurity_law_2020", "cn_biosecurity_law_2024", ()),
    "holidays": ("cn_public_holidays_measures_2013", "cn_public_holidays_measures_2024", ()),
}


def named_pair(name: str) -> Comparison:
    old, new, terms = PAIRS[name]
    return corpus_pair(old, new, terms)
