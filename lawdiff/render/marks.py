"""Shared helpers of the renderers: marked runs, labels, notes, safe text.

Every renderer shows a :class:`~lawdiff.model.Pair` as marked runs. This
module turns the pair's ops into:

* :func:`side_runs` — the runs of one side (``old`` or ``new``), split into
  paragraphs, each run tagged ``same``, ``del`` (old side), ``ins`` (new side)
  or ``term`` (a jurisdiction term that differs, e.g. 云南省 ↔ 贵州省: the
  ops are computed on the original text, so these spans sit inside changed
  ops and are marked distinctly from real edits);
* :func:`labelled_ops` — the unified op stream of a pair with the unit labels
  (第十条　, 一、) spliced in, as the Word tracked-changes report needs.

Text that cannot appear in XML (control characters such as ``\\x0b``,
``\\x1f``, lone surrogates, U+FFFE/U+FFFF) is replaced, one character for one
character, by :data:`INVALID_MARKER` (U+FFFD, shown as �) by :func:`clean`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from ..model import Article, Comparison, Document, Division, Op, Pair, Relation, Summary

__all__ = [
    "INVALID_MARKER",
    "clean",
    "Run",
    "pair_ops",
    "side_runs",
    "labelled_ops",
    "unit_prefix",
    "unit_paragraphs",
    "note_for",
    "summary_line",
    "RELATION_ZH",
    "chapter_key",
    "division_heading",
    "is_revision",
    "has_terms",
    "has_format_marks",
]

INVALID_MARKER = "\ufffd"
_INVALID_CHARS = "[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_invalid: re.Pattern[str] | None = None  # compiled on first use (it takes ~15 ms)

RELATION_ZH = {
    Relation.IDENTICAL: "相同",
    Relation.EQUIVALENT: "等同",
    Relation.MODIFIED: "修改",
    Relation.SPLIT: "拆分",
    Relation.MERGED: "合并",
    Relation.ADDED: "新增",
    Relation.DELETED: "删去",
}


def clean(text: str) -> str:
    """Replace characters XML 1.0 cannot hold by U+FFFD, keeping the length.

    >>> clean("a\\x0bb\\ud800c")
    'a\\ufffdb\\ufffdc'
    """
    global _invalid
    if _invalid is None:
        _invalid = re.compile(_INVALID_CHARS)
    return _invalid.sub(INVALID_MARKER, text)


@dataclass(frozen=True)
class Run:
    """A piece of text of one side with its mark: ``same``, ``del``, ``ins``, ``term`` or ``fmt``."""

    kind: str
    text: str


# ---------------------------------------------------------------------------
# ops


def pair_ops(pair: Pair) -> tuple[Op, ...]:
    """The pair's ops, checked: they must rebuild both texts.

    A bare pair (no ops) or ops that do not rebuild the texts (never expected
    from :func:`lawdiff.compare`) are replaced by a character diff computed
    here with :mod:`difflib`, so that a report never shows wrong text.
    """
    old, new = pair.old_text, pair.new_text
    ops = pair.ops
    if ops and "".join(o.old for o in ops) == old and "".join(o.new for o in ops) == new:
        return ops
    return _difflib_ops(old, new)


def _difflib_ops(old: str, new: str) -> tuple[Op, ...]:
    import difflib

    if old == new:
        return (Op("equal", old, old),) if old else ()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return tuple(Op(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes())


def _term_spans(pair: Pair, ops: tuple[Op, ...]) -> tuple[list[bool], list[bool]]:
    """Per character of the old and new text: is it part of a differing jurisdiction term?

    A term occurrence is marked when it overlaps a changed region (a maximal
    run of non-equal ops) and its counterpart occurs in the other side's part
    of that region (including the occurrences' own extent, which may reach
    into the surrounding equal text: 云南省 → 贵州省 diffs as 云南 → 贵州).
    """
    old_text, new_text = pair.old_text, pair.new_text
    old_flags = [False] * len(old_text)
    new_flags = [False] * len(new_text)
    if not pair.terms:
        return old_flags, new_flags
    regions: list[tuple[int, int, int, int]] = []
    i = j = 0
    start: tuple[int, int] | None = None
    for op in ops:
        if op.tag == "equal":
            if start is not None:
                regions.append((start[0], i, start[1], j))
                start = None
        elif start is None:
            start = (i, j)
        i += len(op.old)
        j += len(op.new)
    if start is not None:
        regions.append((start[0], i, start[1], j))
    for a0, a1, b0, b1 in regions:
        for term in pair.terms:
            olds = _overlapping(old_text, term.old, a0, a1) if term.old else []
            news = _overlapping(new_text, term.new, b0, b1) if term.new else []
            if term.old and term.new and not (olds and news):
                continue
            for s in olds:
                for k in range(s, s + len(term.old)):
                    old_flags[k] = True
            for s in news:
                for k in range(s, s + len(term.new)):
                    new_flags[k] = True
    return old_flags, new_flags


def _overlapping(text: str, word: str, lo: int, hi: int) -> list[int]:
    """Start offsets of ``word`` in ``text`` overlapping ``[lo, hi)`` (or touching ``lo`` when empty)."""
    found = []
    begin = max(0, lo - len(word) + 1)
    pos = text.find(word, begin)
    while pos != -1 and pos < max(hi, lo + 1):
        if pos + len(word) > lo and (pos < hi or hi == lo):
            found.append(pos)
        pos = text.find(word, pos + 1)
    return found


def side_runs(pair: Pair, side: str) -> list[list[Run]]:
    """The paragraphs of one side (``"old"`` or ``"new"``) as lists of marked runs.

    Runs are ``same`` (unchanged), ``del`` (old side only), ``ins`` (new side
    only), ``term`` (a differing jurisdiction term) or ``fmt`` (a difference of
    format only — full/half width, blanks — inside a pair the aligner found
    identical or equivalent; the pair's ``format_notes`` name it). Adjacent runs of one
    kind are merged; text is passed through :func:`clean`. The paragraphs are
    the ``"\\n"``-separated paragraphs of ``pair.old_text``/``pair.new_text``.
    """
    ops = pair_ops(pair)
    old_flags, new_flags = _term_spans(pair, ops)
    flags = old_flags if side == "old" else new_flags
    changed_kind = "del" if side == "old" else "ins"
    if not pair.relation.changed:  # identical/equivalent: what differs is format only
        changed_kind = "fmt"
    segments: list[tuple[str, str]] = []
    pos = 0
    any_term = any(flags)
    for op in ops:
        text = op.old if side == "old" else op.new
        kind = "same" if op.tag == "equal" else changed_kind
        if any_term and any(flags[pos : pos + len(text)]):
            start = 0
            for k in range(1, len(text) + 1):
                if k == len(text) or flags[pos + k] != flags[pos + start]:
                    segments.append(("term" if flags[pos + start] else kind, text[start:k]))
                    start = k
        elif text:
            segments.append((kind, text))
        pos += len(text)
    paragraphs: list[list[Run]] = [[]]
    for kind, text in segments:
        for k, part in enumerate(text.split("\n")):
            if k:
                paragraphs.append([])
            if not part:
                continue
            runs = paragraphs[-1]
            if runs and runs[-1].kind == kind:
                runs[-1] = Run(kind, runs[-1].text + part)
            else:
                runs.append(Run(kind, part))
    return [[Run(r.kind, clean(r.text)) for r in p] for p in paragraphs]


def unit_paragraphs(units: tuple[Article, ...]) -> list[int]:
    """For each unit, the index of its first paragraph in the joined text."""
    starts = []
    n = 0
    for unit in units:
        starts.append(n)
        n += unit.text.count("\n") + 1
    return starts


def unit_prefix(unit: Article) -> str:
    """What precedes the text in official layout: ``第十条　``, ``第一条【立法目的】``, ``一、``."""
    prefix = unit.label + (unit.heading_raw or "")
    if unit.kind == "item" or prefix.endswith(("、", "．", ".")) or unit.heading_raw:
        return prefix
    return prefix + "\u3000"


def labelled_ops(pair: Pair) -> list[tuple[str, str, str]]:
    """The pair's unified op stream with each unit's prefix (label) spliced in.

    Returns ``(tag, text, role)`` items, ``tag`` in ``equal``/``delete``/``insert``
    (a replace becomes delete then insert), ``role`` ``label`` or ``text``.
    Joining the text of non-insert items gives the old units in official
    layout, joined by ``"\\n"``; non-delete items give the new ones.
    """
    ops = pair_ops(pair)
    old_starts = _starts(pair.old)
    new_starts = _starts(pair.new)
    stream: list[tuple[str, str]] = []  # (tag, char)
    for op in ops:
        if op.tag == "equal":
            stream.extend(("equal", ch) for ch in op.old)
        else:
            stream.extend(("delete", ch) for ch in op.old)
            stream.extend(("insert", ch) for ch in op.new)
    out: list[tuple[str, str, str]] = []

    def emit(tag: str, text: str, role: str) -> None:
        if not text:
            return
        if out and out[-1][0] == tag and out[-1][2] == role:
            out[-1] = (tag, out[-1][1] + text, role)
        else:
            out.append((tag, text, role))

    i = j = 0

    def labels_here() -> None:
        old_label = old_starts.pop(i, None)
        new_label = new_starts.pop(j, None)
        if old_label is not None and new_label is not None:
            for tag, a, b in _small_diff(old_label, new_label):
                if tag == "equal":
                    emit("equal", a, "label")
                else:
                    emit("delete", a, "label")
                    emit("insert", b, "label")
        elif old_label is not None:
            emit("delete", old_label, "label")
        elif new_label is not None:
            emit("insert", new_label, "label")

    for tag, ch in stream:
        # a label goes right before the first character of its unit; old and
        # new units starting at the same place share one label diff
        if tag == "equal" or (tag == "delete" and i in old_starts) or (tag == "insert" and j in new_starts):
            labels_here()
        emit(tag, ch, "text")
        if tag != "insert":
            i += 1
        if tag != "delete":
            j += 1
    labels_here()
    for label in old_starts.values():  # units with empty text at the very end
        emit("delete", label, "label")
    for label in new_starts.values():
        emit("insert", label, "label")
    return out


def _starts(units: tuple[Article, ...]) -> dict[int, str]:
    starts: dict[int, str] = {}
    pos = 0
    for unit in units:
        starts[pos] = clean(unit_prefix(unit))
        pos += len(unit.text) + 1
    return starts


def _small_diff(a: str, b: str) -> list[tuple[str, str, str]]:
    """Common prefix/suffix diff of two short strings (labels, headings)."""
    if a == b:
        return [("equal", a, b)]
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    out = []
    if p:
        out.append(("equal", a[:p], b[:p]))
    out.append(("replace", a[p : len(a) - s], b[p : len(b) - s]))
    if s:
        out.append(("equal", a[len(a) - s :], b[len(b) - s :]))
    return out


# ---------------------------------------------------------------------------
# notes, summary, chapters


def _labels(units: tuple[Article, ...]) -> str:
    return "、".join(u.label.rstrip("、") for u in units)


def note_for(pair: Pair) -> list[str]:
    """The 说明 of a pair, in Chinese drafting usage (原第十条, 删去, 新增, 移动…)."""
    notes: list[str] = []
    rel = pair.relation
    if rel is Relation.ADDED:
        notes.append("新增")
    elif rel is Relation.DELETED:
        notes.append("删去")
    elif rel is Relation.SPLIT:
        notes.append(f"拆分为{_labels(pair.new)}")
    elif rel is Relation.MERGED:
        notes.append(f"由{_labels(pair.old)}合并")
    elif rel is Relation.MODIFIED:
        notes.append("修改")
    elif rel is Relation.EQUIVALENT:
        notes.append("仅辖区用语不同")
    if pair.moved and pair.old:
        notes.append(f"移动（原{_labels(pair.old)}）")
    elif pair.renumbered and pair.old and rel not in (Relation.SPLIT, Relation.MERGED):
        notes.append(f"原{_labels(pair.old)}")
    if pair.terms:
        notes.append("辖区用语：" + "；".join(f"{t.old}→{t.new}" for t in pair.terms))
    notes.extend(pair.format_notes)
    return [clean(n) for n in notes]


_ORDER = (
    Relation.EQUIVALENT,
    Relation.MODIFIED,
    Relation.SPLIT,
    Relation.MERGED,
    Relation.ADDED,
    Relation.DELETED,
)


def summary_line(summary: Summary, pairs: int) -> str:
    """``13 of 18 identical, 5 equivalent`` (zero counts left out)."""
    parts = [f"{summary.count(Relation.IDENTICAL)} of {pairs} identical"]
    parts += [f"{summary.count(r)} {r.value}" for r in _ORDER if summary.count(r)]
    line = ", ".join(parts)
    extra = [f"{n} {what}" for n, what in ((summary.renumbered, "renumbered"), (summary.moved, "moved")) if n]
    if extra:
        line += "; " + ", ".join(extra)
    return line


def chapter_key(pair: Pair) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The division paths (old, new) a pair sits in; a change starts a separator row."""
    old = pair.old[0].path if pair.old else ()
    new = pair.new[0].path if pair.new else ()
    return old, new


def division_heading(doc: Document, path: tuple[str, ...]) -> str:
    """``第二章　行政复议申请`` for the innermost division named by ``path`` ('' when none)."""
    if not path:
        return ""
    index = _division_index(doc)
    division = index.get(path)
    if division is None:
        return clean(path[-1])
    return clean(division_text(division))


def division_text(division: Division) -> str:
    """A division's line in official layout: label, full-width space, heading."""
    return f"{division.label}\u3000{division.heading}" if division.heading else division.label


_INDEX_CACHE: dict[int, tuple[Document, dict[tuple[str, ...], Division]]] = {}


def _division_index(doc: Document) -> dict[tuple[str, ...], Division]:
    cached = _INDEX_CACHE.get(id(doc))
    if cached is not None and cached[0] is doc:
        return cached[1]
    index: dict[tuple[str, ...], Division] = {}

    def walk(nodes: Iterable[object], path: tuple[str, ...]) -> None:
        for node in nodes:
            if isinstance(node, Division):
                here = path + (node.label,)
                index[here] = node
                walk(node.children, here)

    walk(doc.body, ())
    if len(_INDEX_CACHE) > 32:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(doc)] = (doc, index)
    return index


def chapter_rows(comparison: Comparison) -> Iterator[tuple[Pair, list[tuple[int, str, str]]]]:
    """Each pair with the separator rows to show before it: ``(level, old heading, new heading)``.

    ``level`` is the depth of the division (0 outermost).

    When a pair enters new divisions, one row per level that changed, outermost
    first (第二编　物权, 第一分编　通则, 第一章　一般规定). A side without units
    (added/deleted pair) keeps the previous path of that side.
    """
    last_old: tuple[str, ...] = ()
    last_new: tuple[str, ...] = ()
    for pair in comparison.pairs:
        old, new = chapter_key(pair)
        old = old if pair.old else last_old
        new = new if pair.new else last_new
        rows: list[tuple[int, str, str]] = []
        if (old, new) != (last_old, last_new):
            depth = min(_common(old, last_old), _common(new, last_new))
            for k in range(depth, max(len(old), len(new))):
                rows.append(
                    (
                        k,
                        division_heading(comparison.left, old[: k + 1]) if k < len(old) else "",
                        division_heading(comparison.right, new[: k + 1]) if k < len(new) else "",
                    )
                )
        last_old, last_new = old, new
        yield pair, rows


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def is_revision(comparison: Comparison) -> bool:
    """True when both sides carry the same title (a revision, not two jurisdictions' texts)."""
    def key(title: str) -> str:
        title = re.sub(r"[（(][^）)]*[）)]\s*$", "", title.strip())  # （草案）, （2021年修订）
        return re.sub(r"[\s《》]", "", title)

    return key(comparison.left.title) == key(comparison.right.title)


def has_terms(comparison: Comparison) -> bool:
    return any(p.terms for p in comparison.pairs)


def has_format_marks(comparison: Comparison) -> bool:
    """True when some identical/equivalent pair differs in format (and so shows ``fmt`` runs)."""
    for pair in comparison.pairs:
        if not pair.relation.changed and pair.old_text != pair.new_text:
            if any(r.kind == "fmt" for para in side_runs(pair, "new") for r in para):
                return True
    return False
