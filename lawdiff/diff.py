"""Character diff of two unit texts: paragraphs (款/项) first, then characters.

:func:`diff_text` returns :class:`~lawdiff.model.Op` values with difflib's
tags. Joining ``op.old`` gives the old text exactly and joining ``op.new`` the
new text exactly. A deletion always comes before its insertion: a changed
stretch is one ``replace`` op (old, then new).

1. Both texts are split into paragraphs (the ``\\n``-joined 款 and 项 of
   :attr:`lawdiff.model.Article.text`). A monotone alignment pairs paragraphs
   whose normalised Indel similarity is at least ``PARAGRAPH_THRESHOLD``;
   the others are whole-paragraph insertions and deletions, so a new 款 is
   never smeared over its neighbours.
2. Paired paragraphs are diffed with diff-match-patch, ``Diff_Timeout = 0``
   (its default one-second limit silently degrades large diffs), then
   ``diff_cleanupSemanticLossless``, which slides edits onto word and
   punctuation boundaries. ``diff_cleanupSemantic`` was tried on the corpus
   pairs and rejected: it swallows whole unchanged clauses into replacements
   (docs/alignment.md shows an example).
"""
from __future__ import annotations

from functools import lru_cache

from .model import Op

__all__ = ["diff_text", "diff_chars", "PARAGRAPH_THRESHOLD", "rebuild"]

#: Least similarity for two paragraphs to be diffed character by character.
PARAGRAPH_THRESHOLD = 0.4


@lru_cache(maxsize=1)
def _dmp():
    from diff_match_patch import diff_match_patch

    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine


def diff_chars(old: str, new: str) -> list[Op]:
    """Character diff of two strings (no paragraph step), cleaned up for reading."""
    if old == new:
        return [Op("equal", old, new)] if old else []
    if not old:
        return [Op("insert", "", new)]
    if not new:
        return [Op("delete", old, "")]
    engine = _dmp()
    diffs = engine.diff_main(old, new, False)
    engine.diff_cleanupSemanticLossless(diffs)
    ops: list[Op] = []
    for kind, text in diffs:
        if not text:
            continue
        if kind == 0:
            ops.append(Op("equal", text, text))
        elif kind == -1:
            ops.append(Op("delete", text, ""))
        else:
            ops.append(Op("insert", "", text))
    return ops


def _paragraph_pairs(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Monotone alignment of paragraphs (None = unpaired), maximising similarity above the threshold."""
    from rapidfuzz.distance import Indel

    p, q = len(old), len(new)
    weight = [[0.0] * q for _ in range(p)]
    for a in range(p):
        for b in range(q):
            s = 1.0 if old[a] == new[b] else Indel.normalized_similarity(old[a], new[b])
            weight[a][b] = s - PARAGRAPH_THRESHOLD + 1e-3 if s >= PARAGRAPH_THRESHOLD else -1.0
    score = [[0.0] * (q + 1) for _ in range(p + 1)]
    back = [[0] * (q + 1) for _ in range(p + 1)]
    for a in range(1, p + 1):
        for b in range(1, q + 1):
            best, how = score[a - 1][b], 1
            if score[a][b - 1] > best:
                best, how = score[a][b - 1], 2
            w = weight[a - 1][b - 1]
            if w > 0 and score[a - 1][b - 1] + w > best:
                best, how = score[a - 1][b - 1] + w, 0
            score[a][b] = best
            back[a][b] = how
    steps: list[tuple[int | None, int | None]] = []
    a, b = p, q
    while a > 0 or b > 0:
        how = back[a][b] if a > 0 and b > 0 else (1 if a > 0 else 2)
        if how == 0:
            steps.append((a - 1, b - 1))
            a, b = a - 1, b - 1
        elif how == 1:
            steps.append((a - 1, None))
            a -= 1
        else:
            steps.append((None, b - 1))
            b -= 1
    steps.reverse()
    # within a run of unpaired paragraphs, show deletions before insertions
    out: list[tuple[int | None, int | None]] = []
    run: list[tuple[int | None, int | None]] = []
    for step in steps:
        if step[0] is not None and step[1] is not None:
            out.extend(sorted(run, key=lambda s: s[0] is None))
            run = []
            out.append(step)
        else:
            run.append(step)
    out.extend(sorted(run, key=lambda s: s[0] is None))
    return out


def diff_text(old: str, new: str) -> tuple[Op, ...]:
    """Diff two unit texts (paragraphs joined by ``\\n``); the ops rebuild both exactly."""
    if old == new:
        return (Op("equal", old, new),) if old else ()
    old_paras = old.split("\n")
    new_paras = new.split("\n")
    if len(old_paras) == 1 and len(new_paras) == 1:
        return _coalesce(diff_chars(old, new))
    # each paragraph carries its trailing newline (the last one has none)
    old_chunks = [p + "\n" for p in old_paras[:-1]] + [old_paras[-1]]
    new_chunks = [p + "\n" for p in new_paras[:-1]] + [new_paras[-1]]
    ops: list[Op] = []
    for a, b in _paragraph_pairs(old_paras, new_paras):
        if a is not None and b is not None:
            ops.extend(diff_chars(old_chunks[a], new_chunks[b]))
        elif a is not None:
            if old_chunks[a]:
                ops.append(Op("delete", old_chunks[a], ""))
        elif new_chunks[b]:  # type: ignore[index]
            ops.append(Op("insert", "", new_chunks[b]))  # type: ignore[index]
    return _coalesce(ops)


def _coalesce(ops: list[Op]) -> tuple[Op, ...]:
    """Merge neighbouring ops: equal runs join; adjacent deletions/insertions become one ``replace``."""
    out: list[Op] = []
    k = 0
    while k < len(ops):
        op = ops[k]
        if op.tag == "equal":
            text = op.old
            k += 1
            while k < len(ops) and ops[k].tag == "equal":
                text += ops[k].old
                k += 1
            out.append(Op("equal", text, text))
            continue
        old_parts: list[str] = []
        new_parts: list[str] = []
        while k < len(ops) and ops[k].tag != "equal":
            old_parts.append(ops[k].old)
            new_parts.append(ops[k].new)
            k += 1
        o, n = "".join(old_parts), "".join(new_parts)
        tag = "replace" if o and n else ("delete" if o else "insert")
        out.append(Op(tag, o, n))
    return tuple(out)


def rebuild(ops: tuple[Op, ...] | list[Op]) -> tuple[str, str]:
    """The (old, new) texts that ``ops`` describe."""
    return "".join(op.old for op in ops), "".join(op.new for op in ops)
