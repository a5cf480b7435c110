"""Align the units (条, or a decision's items 一、二、) of two documents.

:func:`align` pairs every unit of the left document with units of the right
one and tells how they relate (:class:`~lawdiff.model.Relation`): identical,
equivalent (identical once jurisdiction names are masked), modified, split
(one unit -> several), merged (several -> one), added or deleted. Flags:
``renumbered`` (the numbers differ) and ``moved`` (the pair is off the
order-preserving backbone). Renumbering alone is never a change of text.

The algorithm (docs/alignment.md explains it with examples):

1. **Keys.** Each unit's text is normalised (:func:`lawdiff.normalize.compare_key`)
   and its jurisdiction names masked (:mod:`lawdiff.jurisdiction`).
2. **Exact pass.** Units with equal keys are paired at once (in order when a
   key repeats).
3. **Backbone.** The longest order-preserving chain of exact pairs; exact pairs
   off it are identical but moved.
4. **Similarity.** ``fuzz.ratio`` (Indel similarity, which works on Chinese
   characters) between the units left over, computed for the pairs the next
   steps look at (:class:`_Cells`); for many units, only the pairs whose
   character multisets allow the floor (:func:`_candidate_rows`).
5. **Gaps.** Between consecutive backbone anchors, a monotone dynamic
   programme pairs the left-over units, maximising the summed similarity
   above ``threshold`` (``inplace_threshold`` for a unit that sits exactly in
   place of another, e.g. a rewritten article between two unchanged ones). A
   pair *in step* (the pairs before and after it keep its displacement i - j)
   also needs only ``inplace_threshold`` (:func:`_steady_dp`). A small bonus
   for in-place units is the only other use of position; numbers are never
   used except to flag renumbering.
6. **Moves.** Left-over pairs with similarity >= ``move_threshold`` anywhere.
7. **Splits and merges.** A pair absorbs adjacent unpaired units on the other
   side when they are contained in it (``containment``) and the concatenation
   matches better; unpaired units whose adjacent neighbours together match
   them become split/merged pairs too.
8. **Flags.** ``moved`` = off the longest order-preserving chain of all pairs.

Everything is deterministic: no randomness, no hash order, ties broken by position.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Sequence

from .model import Alignment, Article, Document, Op, Pair, Relation, frozen_dataclass

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .pins import Pins

__all__ = ["align", "AlignOptions", "DEFAULTS", "similarity", "exact_key"]


@frozen_dataclass
class AlignOptions:
    """Thresholds of :func:`align` (all similarities are Indel ratios in [0, 1]).

    ``threshold``: least similarity for two units to be one modified pair (0.5).
    ``inplace_threshold``: the same for a unit that sits exactly where the other
    was, between two paired neighbours (0.35): a rewritten article stays modified.
    ``move_threshold``: least similarity for a pair off the order-preserving
    backbone (0.75): weak matches far away are deleted+added, not moved.
    ``containment``: share of a unit's characters found in the other side for it
    to be part of a split or merge (0.75).
    ``split_gain``: how much better the concatenation must match (0.05).
    ``position_bonus``: similarity bonus for units in place (0.03).
    """

    threshold: float = 0.5
    inplace_threshold: float = 0.35
    move_threshold: float = 0.75
    containment: float = 0.75
    split_gain: float = 0.05
    position_bonus: float = 0.03


DEFAULTS = AlignOptions()


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity of two strings in [0, 1] (1 for two empty strings)."""
    from rapidfuzz.distance import Indel

    return float(Indel.normalized_similarity(a, b))


def _load(doc: Document | str | Path) -> Document:
    if isinstance(doc, Document):
        return doc
    from .io import read

    return read(doc)


class _Side:
    """One document's units and the strings compared (a plain class: a dataclass costs ~0.4 ms to define
    at import, measured).

    ``texts``: :attr:`Article.text` of each unit, computed once; ``norm``: :func:`exact_key` of the text;
    ``keys``: ``norm`` with jurisdiction names masked, the very list ``norm`` when the masker is inactive
    (masking would change nothing).
    """

    __slots__ = ("units", "texts", "norm", "keys", "_masker", "_masked")

    def __init__(self, units: list[Article], masker) -> None:
        self.units = units
        self.texts = [u.text for u in units]
        self.norm = _exact_keys(self.texts)
        self._masker = masker
        if masker.active:
            self._masked = [masker.mask(k) for k in self.norm]
            self.keys = [m.text for m in self._masked]
        else:  # an inactive masker returns every text unchanged, with no terms
            self._masked = None
            self.keys = self.norm

    def masked(self, k: int):
        """The :class:`~lawdiff.jurisdiction.Masked` form of unit ``k``."""
        return self._masker.mask(self.norm[k]) if self._masked is None else self._masked[k]


# Characters that lawdiff.normalize may change (after whitespace is stripped): zero-width
# characters, full-width digits/Latin, ．, ASCII punctuation it widens, quotes, angle brackets.
_UNSAFE = re.compile(r"[\u200b-\u200d\u2060\ufeff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a．():;,?!\"「」<>＜＞\u2329\u232a]")
# ... and the Chinese-digit years of its rule 7 (二○○三年): see _has_date_zero.
_DATE_DIGITS = frozenset("一二三四五六七八九〇○◯OＯ0０零")
# Whitespace and zero-width characters; only texts with zero-width characters need it, so it is
# compiled on first use (by re's cache), not at import.
_WS = r"[\s\u200b-\u200d\u2060\ufeff]+"


def _has_date_zero(text: str) -> bool:
    """Whether ``text`` holds a match of ``[一二三四五六七八九〇○◯OＯ0０零]{2,4}(?=年)`` (normalize's rule 7).

    Such a match exists exactly when some 年 follows two of those characters. Most texts have no 年 at
    all, which ``str.find`` tells at C speed (the regex search took 1 ms per Civil Code side, this 0.1 ms).
    """
    at = text.find("年", 2)
    while at >= 0:
        if text[at - 1] in _DATE_DIGITS and text[at - 2] in _DATE_DIGITS:
            return True
        at = text.find("年", at + 1)
    return False


def exact_key(text: str) -> str:
    """``lawdiff.normalize.compare_key(text)``, computed quickly when normalisation cannot change the text.

    Most articles hold only CJK text and full-width punctuation, for which
    ``compare_key`` is just the text without whitespace; the others go through
    ``compare_key`` itself. (A speed work-around: ``compare_key`` walks every
    character in Python, about 0.7 ms per article.)
    """
    # str.split() splits on exactly the characters of ``\s`` (str.isspace): 4x faster than the _WS
    # substitution (1.4 ms per Civil Code side, measured).
    stripped = "".join(text.split())
    return stripped if _is_plain(stripped) else _checked_key(text)


def _exact_keys(texts: list[str]) -> list[str]:
    """:func:`exact_key` of each text, with the test of :func:`_is_plain` run once on all the texts
    joined when none needs more (one regex search instead of 1,260: 0.2 ms less per Civil Code side)."""
    stripped = ["".join(t.split()) for t in texts]
    if _is_plain("\n".join(stripped)):  # (\n is not a character either test looks for)
        return stripped
    return [s if _is_plain(s) else _checked_key(t) for s, t in zip(stripped, texts)]


def _is_plain(stripped: str) -> bool:
    """Whether normalisation leaves a text without whitespace unchanged: no character it may change
    (zero-width characters included, which ``str.split`` leaves in) and no year of its rule 7."""
    return not _UNSAFE.search(stripped) and not _has_date_zero(stripped)


def _checked_key(text: str) -> str:
    """:func:`exact_key` of a text that :func:`_is_plain` does not clear: zero-width characters removed
    too, then ``compare_key`` unless nothing is left for it to change."""
    stripped = re.sub(_WS, "", text)
    if _UNSAFE.search(stripped) or _has_date_zero(stripped):
        from .normalize import compare_key

        return compare_key(text)
    return stripped


def _may_differ_in_format(a: str, b: str) -> bool:
    """False when neither text has a character normalisation changes nor whitespace other than
    paragraph breaks: then ``format_differences`` has nothing to report (a speed short-cut)."""
    both = a + "\n" + b
    # whitespace other than \n: removing all whitespace removes more than the \n (no regex to compile);
    # zero-width characters are _UNSAFE ones
    inner_space = len("".join(both.split())) != len(both) - both.count("\n")
    return inner_space or bool(_UNSAFE.search(both)) or _has_date_zero(both)


def align(
    a: Document | str | Path,
    b: Document | str | Path,
    *,
    threshold: float = DEFAULTS.threshold,
    inplace_threshold: float = DEFAULTS.inplace_threshold,
    move_threshold: float = DEFAULTS.move_threshold,
    containment: float = DEFAULTS.containment,
    split_gain: float = DEFAULTS.split_gain,
    position_bonus: float = DEFAULTS.position_bonus,
    equiv: Sequence[tuple[str, str]] = (),
    detect_jurisdictions: bool = True,
    pins: "Pins | str | Path | None" = None,
    strict_format: bool = False,
) -> Alignment:
    """Align the units of ``a`` (left, old) and ``b`` (right, new).

    ``a`` and ``b`` are Documents or paths (read with :func:`lawdiff.io.read`).
    ``equiv`` adds jurisdiction equivalences (left term, right term);
    ``detect_jurisdictions=False`` turns off the automatic ones. ``pins`` is a
    :class:`~lawdiff.pins.Pins` or a pin file. ``strict_format`` makes
    whitespace/punctuation-width differences ``modified`` instead of
    ``identical``. Pairs come in reading order (right document order, deleted
    units after their left neighbour).
    """
    from ._gc import gc_paused

    with gc_paused():  # many new objects, no cycles (see lawdiff._gc)
        opts = AlignOptions(threshold, inplace_threshold, move_threshold, containment, split_gain, position_bonus)
        return _align(a, b, opts=opts, equiv=equiv, detect_jurisdictions=detect_jurisdictions, pins=pins,
                      strict_format=strict_format)[0]


def _align(
    a: Document | str | Path,
    b: Document | str | Path,
    *,
    opts: AlignOptions = DEFAULTS,
    equiv: Sequence[tuple[str, str]] = (),
    detect_jurisdictions: bool = True,
    pins: "Pins | str | Path | None" = None,
    strict_format: bool = False,
    diff: Callable[[str, str], tuple[Op, ...]] | None = None,
) -> tuple[Alignment, tuple[int, int]]:
    """:func:`align`, plus the numbers of left and right units.

    With ``diff``, each pair's ``ops`` are ``diff(old text, new text)`` (the texts of its units joined
    by ``\\n``), filled in as the pair is made (:func:`lawdiff.compare.compare`); without, they are empty.
    """
    from . import jurisdiction as jur

    left_doc, right_doc = _load(a), _load(b)
    for name in ("threshold", "inplace_threshold", "move_threshold", "containment"):
        value = getattr(opts, name)
        if not 0.0 <= value <= 1.0:
            from .errors import ConfigError

            raise ConfigError(f"{name} must be between 0 and 1, got {value}")
    if pins is not None and not hasattr(pins, "forced"):
        from .pins import read_pins

        pins = read_pins(pins)
    lj = jur.detect(left_doc) if detect_jurisdictions else None
    rj = jur.detect(right_doc) if detect_jurisdictions else None
    lmask, rmask = jur.build_maskers(lj, rj, tuple(equiv))
    L = _Side(list(left_doc.units()), lmask)
    R = _Side(list(right_doc.units()), rmask)
    groups = _match(L, R, opts, pins)
    pairs = _build_pairs(L, R, groups, strict_format, diff)
    return Alignment(left_doc, right_doc, tuple(pairs)), (len(L.units), len(R.units))


# ---------------------------------------------------------------------------
# matching


class _Group:
    """Units paired by :func:`_match`: indices on each side (a plain class, see :class:`_Side`)."""

    __slots__ = ("left", "right", "score", "pinned")

    def __init__(self, left: tuple[int, ...], right: tuple[int, ...], score: float, pinned: bool = False) -> None:
        self.left = left
        self.right = right
        self.score = score
        self.pinned = pinned


def _match(L: _Side, R: _Side, opts: AlignOptions, pins) -> list[_Group]:
    n, m = len(L.units), len(R.units)
    lused = [False] * n
    rused = [False] * m
    groups: list[_Group] = []
    forbidden: set[tuple[int, int]] = set()
    if pins is not None:
        forced, forbidden = pins.resolve(L.units, R.units)
        for lidx, ridx in forced:
            for i in lidx:
                lused[i] = True
            for j in ridx:
                rused[j] = True
            if lidx and ridx:
                score = similarity("".join(L.keys[i] for i in lidx), "".join(R.keys[j] for j in ridx))
                groups.append(_Group(tuple(lidx), tuple(ridx), score, pinned=True))
            else:
                groups.append(_Group(tuple(lidx), tuple(ridx), 0.0, pinned=True))

    # 2. exact pass: equal normalised text first, then equal once jurisdiction names are masked.
    # Only texts that occur once on each side are paired here; repeated texts (several
    # （删去）, boilerplate) are left to the order-preserving steps, which place them better.
    exact: list[tuple[int, int]] = []
    # Without masking (keys is norm on both sides) the second pass would find nothing new: skip it.
    passes = [(L.norm, R.norm)] if L.keys is L.norm and R.keys is R.norm else [(L.norm, R.norm), (L.keys, R.keys)]
    for lkeys, rkeys in passes:
        lonce = _once(lkeys, lused)
        ronce = _once(rkeys, rused)
        for key, i in lonce.items():
            j = ronce.get(key)
            if j is None or (i, j) in forbidden:
                continue
            exact.append((i, j))
            lused[i] = rused[j] = True

    # 3. backbone of exact pairs (plus pinned 1:1 pairs)
    anchors = sorted(exact)
    chain = _chain([(i, j, 1.0) for i, j in anchors], _ties(L, R))
    backbone = [anchors[k] for k in chain]
    for i, j in anchors:
        groups.append(_Group((i,), (j,), 1.0))

    # 4. similarity of what is left
    lrest = [i for i in range(n) if not lused[i]]
    rrest = [j for j in range(m) if not rused[j]]
    floor = min(opts.inplace_threshold, opts.threshold) * 100.0 - 1e-6
    cells = _Cells(L, R, lrest, rrest, floor, forbidden)  # computed as the steps below ask for them

    # 5. monotone DP in each gap between backbone anchors
    def fill_gaps(anchors) -> None:
        """Pair the unused units between consecutive ``anchors`` with the monotone gap programme."""
        bounds = [(-1, -1), *anchors, (n, m)]
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            if i1 - i0 < 2 or j1 - j0 < 2:  # no unit between the anchors on one side (most gaps)
                continue
            gl = [i for i in range(i0 + 1, i1) if not lused[i]]
            gr = [j for j in range(j0 + 1, j1) if not rused[j]]
            if not gl or not gr:
                continue
            for i, j, s in _gap_dp(gl, gr, cells.block(gl, gr), opts, i0, j0, i1, j1):
                groups.append(_Group((i,), (j,), s))
                lused[i] = rused[j] = True

    fill_gaps(backbone)

    # 5b. small gaps left between pairs (not only exact ones): in-place rewrites
    one_to_one = sorted(
        (g.left[0], g.right[0], g.score) for g in groups if len(g.left) == 1 and len(g.right) == 1
    )
    chain2 = _chain(one_to_one, _ties(L, R))
    fill_gaps([one_to_one[k][:2] for k in chain2])

    # 6. moves: strong matches anywhere among what is left (the cells of the units left serve the
    # seeding of step 7 too, as a unit once paired stays paired)
    sim = {
        (i, j): s for i, j, s in cells.block([i for i in lrest if not lused[i]], [j for j in rrest if not rused[j]])
    }
    strong = sorted(
        ((s, i, j) for (i, j), s in sim.items() if s >= opts.move_threshold),
        key=lambda t: (-t[0], abs(t[1] - t[2]), t[1] + t[2], t[1]),
    )
    for s, i, j in strong:
        if not lused[i] and not rused[j]:
            groups.append(_Group((i,), (j,), s))
            lused[i] = rused[j] = True

    # 7. splits and merges
    groups = _splits_and_merges(L, R, groups, lused, rused, opts, forbidden, sim, floor)

    # unpaired units
    groups.extend(_Group((i,), (), 0.0) for i in range(n) if not lused[i])
    groups.extend(_Group((), (j,), 0.0) for j in range(m) if not rused[j])
    return groups


def _once(keys: list[str], used: list[bool]) -> dict[str, int]:
    """``{key: index}`` for the keys that occur exactly once among the unused units.

    (dict and Counter build the tables in C: 0.6 ms less per Civil Code side than a dict of lists.)
    """
    free = [k for k in range(len(keys)) if not used[k]]
    free_keys = [keys[k] for k in free]
    index = dict(zip(free_keys, free))
    if len(index) < len(free_keys):  # some keys repeat: drop them
        from collections import Counter

        for key, count in Counter(free_keys).items():
            if count > 1:
                del index[key]
    return index


#: Above this many cells (left units x right units left over) the cells worth computing are
#: picked first with numpy (:func:`_shared_chars`, about 0.1 s to import numpy); below it, every
#: cell is computed row by row with ``rapidfuzz.process.extract_iter``, which does not need numpy.
CDIST_CELLS = 100_000

#: Rows of the left side handled at once by :func:`_shared_chars` (bounds its memory: a block
#: of ``ROW_BLOCK x right units`` float32 cells).
ROW_BLOCK = 512


def _similarities(lkeys: list[str], rkeys: list[str], floor: float) -> list[tuple[int, int, float]]:
    """``(row, column, similarity)`` for every cell whose Indel ratio (in percent) is >= ``floor``.

    The similarity is the ratio rounded to float32, divided by 100 (as a float32 similarity
    matrix would store it), sorted by row then column. Small inputs: every cell is computed.
    Large ones: a cell is computed only when its characters allow it to reach ``floor``
    (:func:`_candidate_rows`); the skipped cells are below ``floor`` for sure, so the result is
    the same either way, only faster (1,000 rewritten articles: 5% of the cells computed).
    """
    if len(lkeys) * len(rkeys) > CDIST_CELLS and floor > 0:
        rows = _candidate_rows(lkeys, rkeys, floor)
    else:
        rows = None
    out: list[tuple[int, int, float]] = []
    for a, query in enumerate(lkeys):
        if rows is None:
            out.extend((a, b, score) for b, score in _row_similarities(query, rkeys, floor))
        elif rows[a]:
            index = rows[a]
            row = _row_similarities(query, [rkeys[b] for b in index], floor)
            out.extend((a, index[b], score) for b, score in row)
    return out


def _row_similarities(query: str, choices: list[str], floor: float) -> list[tuple[int, float]]:
    """``(index, similarity)`` of the ``choices`` whose Indel ratio with ``query`` (in percent) is
    >= ``floor``, by index; the similarity is the ratio rounded to float32, divided by 100."""
    from rapidfuzz import fuzz, process
    import struct

    f32 = struct.Struct("f")
    low = f32.unpack(f32.pack(floor))[0]  # a float32 matrix is compared with a float in float32
    row = [
        (b, f32.unpack(f32.pack(score))[0])
        for _, score, b in process.extract_iter(query, choices, scorer=fuzz.ratio, score_cutoff=max(floor, 0.0))
    ]
    row.sort()
    return [(b, score / 100.0) for b, score in row if score >= low]


class _Cells:
    """The similarity cells of the units left over after the exact pass: those of :func:`_similarities`
    (Indel ratio >= ``floor`` percent, rounded to float32), forbidden pairs left out, for the blocks
    of units the later steps ask about (:meth:`block`).

    Most of the cells are never needed: between two revisions of a law only the units of the small
    gaps between anchors are compared, then those left unpaired (the Civil Code pair: 81 + 625 cells
    are computed instead of 87 x 87 = 7,569, 0.6 ms instead of 5.5). So the cells are computed on
    demand, by row, and kept. Above ``CDIST_CELLS`` left-over cells all are computed at once by
    :func:`_similarities` (with its character pre-filter), as the blocks then are large too. The
    values and the cut are the same either way.
    """

    __slots__ = ("_lkeys", "_rkeys", "_floor", "_forbidden", "_done", "_hits", "_complete")

    def __init__(self, L: _Side, R: _Side, lrest: list[int], rrest: list[int], floor: float,
                 forbidden: set[tuple[int, int]]) -> None:
        self._lkeys, self._rkeys, self._floor, self._forbidden = L.keys, R.keys, floor, forbidden
        self._done: dict[int, set[int]] = {}  # left unit -> the right units compared with it so far
        self._hits: dict[int, dict[int, float]] = {}  # left unit -> {right unit: similarity >= floor}
        self._complete = len(lrest) * len(rrest) > CDIST_CELLS
        if self._complete and lrest and rrest:
            found = _similarities([L.keys[i] for i in lrest], [R.keys[j] for j in rrest], floor)
            for a, b, score in found:
                self._hits.setdefault(lrest[a], {})[rrest[b]] = score

    def block(self, rows: list[int], cols: list[int]) -> list[tuple[int, int, float]]:
        """``(i, j, similarity)`` for the cells of ``rows`` x ``cols`` at or above the floor, by row
        (in the order of ``rows``), then column; the units must be left over after the exact pass."""
        out: list[tuple[int, int, float]] = []
        wanted = set(cols)
        for i in rows:
            hits = self._hits.setdefault(i, {})
            if not self._complete:
                done = self._done.setdefault(i, set())
                missing = sorted(wanted - done)
                if missing:
                    done.update(missing)
                    for b, score in _row_similarities(self._lkeys[i], [self._rkeys[j] for j in missing], self._floor):
                        hits[missing[b]] = score
            out.extend((i, j, hits[j]) for j in sorted(hits) if j in wanted and (i, j) not in self._forbidden)
        return out


def _candidate_rows(lkeys: list[str], rkeys: list[str], floor: float) -> list[list[int]]:
    """For each left key, the right keys whose Indel ratio *may* reach ``floor`` (percent).

    The longest common subsequence of two strings is at most the size of the intersection
    of their character multisets, ``sum over c of min(count_a(c), count_b(c))``
    (:func:`_shared_chars`), so the ratio ``200 * LCS / (len a + len b)`` is at most
    ``200 * shared / (len a + len b)``. A cell whose bound is below ``floor`` cannot pass and
    is not computed. Exact integer arithmetic, no tolerance needed beyond a safety margin.
    """
    import numpy as np

    llen = np.array([len(k) for k in lkeys], dtype=np.float64)
    rlen = np.array([len(k) for k in rkeys], dtype=np.float64)
    out: list[list[int]] = []
    for start, shared in _shared_chars(lkeys, rkeys):
        total = llen[start:start + len(shared), None] + rlen[None, :]
        # keep a margin: computing a cell that fails costs time, skipping one that passes would be wrong
        keep = 200.0 * shared.astype(np.float64) >= (floor - 1e-3) * total
        out.extend(np.flatnonzero(row).tolist() for row in keep)
    return out


def _shared_chars(lkeys: list[str], rkeys: list[str]):
    """Yield ``(first row, block)``: ``block[r, c]`` = size of the intersection of the character
    multisets of ``lkeys[first row + r]`` and ``rkeys[c]`` (float32, exact integers; float64
    if a key is too long for float32 to count it exactly).

    ``sum_c min(a_c, b_c) = sum_{t >= 1} #{c : a_c >= t and b_c >= t}``: one matrix product
    of 0/1 matrices per level t, over the characters present at least t times on both sides
    (fewer at each level); once only a few characters are left (a character repeated thousands
    of times would otherwise take as many levels), each adds ``max(0, min(a_c, b_c) - t + 1)``.
    """
    import numpy as np

    def codes(keys: list[str]):
        flat = np.frombuffer("".join(keys).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        lens = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
        return flat, np.repeat(np.arange(len(keys), dtype=np.int64), lens)

    lflat, lrow = codes(lkeys)
    rflat, rrow = codes(rkeys)
    vocab = np.intersect1d(lflat, rflat)  # characters on one side only share nothing

    def counts(flat, row, n: int):
        col = np.searchsorted(vocab, flat)
        col[col >= len(vocab)] = 0
        hit = vocab[col] == flat if len(vocab) else np.zeros(len(flat), dtype=bool)
        cells = np.bincount(row[hit] * len(vocab) + col[hit], minlength=n * len(vocab))
        return cells.reshape(n, len(vocab)).astype(np.uint16 if cells.max(initial=0) < 65536 else np.int64)

    exact = np.float32 if max(map(len, (*lkeys, *rkeys)), default=0) < 2**24 else np.float64
    right = counts(rflat, rrow, len(rkeys))
    rmax = right.max(axis=0, initial=0)
    for start in range(0, len(lkeys), ROW_BLOCK):
        stop = min(start + ROW_BLOCK, len(lkeys))
        sel = (lrow >= start) & (lrow < stop)
        left = counts(lflat[sel], lrow[sel] - start, stop - start)
        top = np.minimum(left.max(axis=0, initial=0), rmax)
        shared = np.zeros((stop - start, len(rkeys)), dtype=exact)
        level = 1
        while True:
            cols = np.flatnonzero(top >= level)
            if len(cols) <= 8:
                for c in cols.tolist():
                    both = np.minimum(left[:, c, None].astype(np.int64), right[None, :, c].astype(np.int64))
                    shared += np.maximum(both - (level - 1), 0).astype(exact)
                break
            a = (left[:, cols] >= level).astype(exact)
            b = (right[:, cols] >= level).astype(exact)
            shared += a @ b.T
            level += 1
        yield start, shared


def _gap_dp(
    gl: list[int],
    gr: list[int],
    cells: list[tuple[int, int, float]],
    opts: AlignOptions,
    i0: int,
    j0: int,
    i1: int,
    j1: int,
) -> list[tuple[int, int, float]]:
    """Monotone alignment of the units of one gap maximising sum(similarity - threshold).

    ``cells`` lists ``(i, j, similarity)`` for the cells of the gap kept by :func:`_similarities`
    (:meth:`_Cells.block`); only those are visited (not all ``len(gl) x len(gr)`` cells: a gap
    of 1,000 rewritten articles has a million cells and a handful of similar pairs).
    ``weight`` holds the pairs admissible anywhere (``threshold``, or ``inplace_threshold`` in a
    small gap); :func:`_steady_dp` adds the pairs in step and solves the programme.
    """
    p, q = len(gl), len(gr)
    # a small gap between two paired neighbours: units in the same place are rewrites of each other
    small_gap = (p == q and p <= 4) or min(p, q) == 1
    weight: dict[tuple[int, int], tuple[float, float]] = {}
    for i, j, s in cells:
        inplace = (i - i0 == j - j0) or (i1 - i == j1 - j)
        thr = opts.inplace_threshold if (inplace and small_gap) else opts.threshold
        if s < thr:
            continue
        bonus = opts.position_bonus if inplace else 0.0
        # the last term breaks ties the same way whichever side is left: closer to the diagonal wins
        weight[(i, j)] = (s - thr + bonus + 1e-3 - 1e-9 * abs((i - i0) - (j - j0)), s)
    return _steady_dp(cells, opts, weight, i0, j0, i1, j1)


def _steady_dp(
    cells: list[tuple[int, int, float]],
    opts: AlignOptions,
    weight: dict[tuple[int, int], tuple[float, float]],
    i0: int,
    j0: int,
    i1: int,
    j1: int,
) -> list[tuple[int, int, float]]:
    """Monotone alignment of a gap where a pair *in step* needs only ``inplace_threshold``.

    A pair is in step when the pairs before and after it on the alignment (or the gap's anchors)
    keep the same displacement ``i - j``: the units between unchanged neighbours that shifted
    together, such as two rewritten penalty articles that stay in their places while their
    neighbours were renumbered. Otherwise a pair needs ``threshold`` (or the in-place rule of
    :func:`_gap_dp`, whose weights are ``weight``). Maximises the summed weights by a chain
    programme over the candidate pairs with the state "in step with the previous pair".
    O(k log k) for k candidate pairs.
    """
    low = min(opts.inplace_threshold, opts.threshold)
    nodes = []
    for i, j, s in cells:
        if s < low:
            continue
        w = weight.get((i, j))
        free = w[0] if w is not None else None
        tie = 1e-3 - 1e-9 * abs((i - i0) - (j - j0))
        # in step: a weak pair needs only inplace_threshold; a strong one gets the position bonus
        if s < opts.threshold:
            step = s - opts.inplace_threshold + opts.position_bonus + tie
        else:
            step = s - opts.threshold + opts.position_bonus + tie
        nodes.append((i, j, s, free, step))
    if not nodes:
        return []
    nodes.sort()
    NEG = float("-inf")
    n = len(nodes)
    # f[k][flag]: best chain ending at node k, k's own weight not counted yet; flag = k is in step
    # with the pair before it. Closing k: its free weight, or its step weight when it is in step
    # with both neighbours. Predecessors of c: i and j both smaller (a Fenwick tree over j, nodes
    # taken in order of i); in step with c: the same diagonal i - j (a running maximum).
    f = [[NEG, NEG] for _ in range(n)]
    back: list[list[tuple[int, int] | None]] = [[None, None] for _ in range(n)]
    rank = {j: r + 1 for r, j in enumerate(sorted({node[1] for node in nodes}))}
    size = len(rank)
    tree: list[tuple[float, int, int]] = [(NEG, -1, -1)] * (size + 1)  # (value, node, flag)
    diag: dict[int, tuple[float, int, int]] = {}  # offset -> best (value, node, flag) so far

    def closed(k: int, flag: int, same: bool) -> tuple[float, int]:
        """Best value of closing node k (state ``flag``) before a pair on the same diagonal or not."""
        free, step = nodes[k][3], nodes[k][4]
        out = (NEG, flag)
        if free is not None:
            out = (f[k][flag] + free, flag)
        if flag and same and f[k][flag] + step > out[0]:
            out = (f[k][flag] + step, flag)
        return out

    def query(pos: int) -> tuple[float, int, int]:
        best = (NEG, -1, -1)
        while pos > 0:
            if tree[pos][0] > best[0]:
                best = tree[pos]
            pos -= pos & -pos
        return best

    def update(pos: int, value: tuple[float, int, int]) -> None:
        while pos <= size:
            if value[0] > tree[pos][0]:
                tree[pos] = value
            pos += pos & -pos

    start_offset = i0 - j0
    k = 0
    while k < n:
        group_end = k
        while group_end < n and nodes[group_end][0] == nodes[k][0]:
            group_end += 1
        for c in range(k, group_end):
            i, j = nodes[c][0], nodes[c][1]
            off = i - j
            # not in step: any earlier pair closed with its free weight (a same-diagonal one counted
            # here is dominated by the in-step state below, so this never changes the optimum)
            if off != start_offset:
                f[c][0] = 0.0
            v, kk, fk = query(rank[j] - 1)
            if kk >= 0 and v > f[c][0]:
                f[c][0], back[c][0] = v, (kk, fk)
            if off == start_offset:
                f[c][1] = 0.0
            d = diag.get(off)
            if d is not None and d[0] > f[c][1]:
                f[c][1], back[c][1] = d[0], (d[1], d[2])
        for c in range(k, group_end):
            off = nodes[c][0] - nodes[c][1]
            for flag in (0, 1):
                if f[c][flag] == NEG:
                    continue
                v_free, _ = closed(c, flag, False)
                if v_free != NEG:
                    update(rank[nodes[c][1]], (v_free, c, flag))
                v_same, _ = closed(c, flag, True)
                if v_same != NEG:
                    cur = diag.get(off)
                    if cur is None or v_same > cur[0]:
                        diag[off] = (v_same, c, flag)
        k = group_end
    best, end = 0.0, None
    for c in range(n):
        for flag in (0, 1):
            if f[c][flag] == NEG:
                continue
            v, _ = closed(c, flag, nodes[c][0] - nodes[c][1] == i1 - j1)
            if v > best:
                best, end = v, (c, flag)
    out: list[tuple[int, int, float]] = []
    while end is not None:
        c, flag = end
        out.append((nodes[c][0], nodes[c][1], nodes[c][2]))
        end = back[c][flag]
    out.reverse()
    return out


def _lcs_len(a: str, b: str) -> int:
    from rapidfuzz.distance import LCSseq

    return int(LCSseq.similarity(a, b))


def _contained(part: str, whole: str) -> float:
    """Share of ``part``'s characters found, in order, in ``whole``."""
    if not part:
        return 1.0
    return _lcs_len(part, whole) / len(part)


def _contained_many(parts: list[str], whole: str) -> list[float]:
    """:func:`_contained` of each of ``parts`` in ``whole``, in one vectorised rapidfuzz call
    (the split/merge seed asks this for every unpaired pair: 2 million calls one by one when
    1,000 articles are all rewritten)."""
    if not parts:
        return []
    from rapidfuzz import process
    from rapidfuzz.distance import LCSseq

    # extract_iter, not cdist: as fast for one row, and it does not import numpy (~0.1 s)
    lcs = [0] * len(parts)
    for _, value, k in process.extract_iter(whole, parts, scorer=LCSseq.similarity):
        lcs[k] = int(value)
    return [v / len(p) if p else 1.0 for v, p in zip(lcs, parts)]


#: Least length (characters) of a piece taken into a split/merge by :func:`_fills_rest`.
MIN_PIECE = 8


def _rest(whole: str, parts: list[str]) -> str:
    """The characters of ``whole`` left unmatched when the ``parts`` are matched one after another."""
    from rapidfuzz.distance import Indel

    rest = whole
    for part in parts:
        kept = [rest[a:b] for tag, a, b, _, _ in Indel.opcodes(rest, part) if tag in ("delete", "replace")]
        rest = "".join(kept)
    return rest


def _fills_rest(part: str, whole: str, run: list[str], opts: AlignOptions) -> bool:
    """True when ``part`` is mostly made of what ``run`` leaves unmatched in ``whole``, and covers most of it.

    Order-free, unlike the similarity of the concatenation: a paragraph moved out into the
    article *before* its old neighbour lowers that similarity although it is a plain split.
    """
    if len(part) < MIN_PIECE:
        return False
    rest = _rest(whole, run)
    if len(rest) < MIN_PIECE:
        return False
    shared = _lcs_len(part, rest)
    return shared >= opts.containment * len(part) and shared >= 0.5 * len(rest)


#: The split/merge seeding skips the pairs that cannot be contained (see ``seed`` in
#: :func:`_splits_and_merges`); False computes every pair (the tests check both agree).
SEED_FILTERS = True


def _splits_and_merges(
    L: _Side,
    R: _Side,
    groups: list[_Group],
    lused: list[bool],
    rused: list[bool],
    opts: AlignOptions,
    forbidden: set[tuple[int, int]],
    sim: dict[tuple[int, int], float],
    floor: float,
) -> list[_Group]:
    """Grow 1:1 pairs into split/merged pairs and pair units whose neighbours together match them.

    ``sim`` holds every cell among the units unpaired after the gap programmes (step 6 of
    :func:`_match`) whose Indel ratio (in percent) is >= ``floor`` (:func:`_similarities`),
    forbidden pairs aside; the seeding step uses it to skip the pairs that cannot be contained
    (see ``seed``).
    """

    def grow(group: _Group, side_self: _Side, side_other: _Side, used_other: list[bool], one_is_left: bool) -> _Group:
        # the single unit of `group` on the "self" side is one_idx; the other side is a run. The units
        # absorbed are not marked in ``used_other`` here (the caller marks the run it keeps): only the
        # neighbours of the run are looked up, never a unit inside it, so marking them would change nothing.
        one_idx = group.left[0] if one_is_left else group.right[0]
        run = list(group.right if one_is_left else group.left)
        whole = side_self.keys[one_idx]
        best = similarity(whole, "".join(side_other.keys[k] for k in run))
        changed = True
        while changed:
            changed = False
            for cand in (run[0] - 1, run[-1] + 1):
                if cand < 0 or cand >= len(side_other.units) or used_other[cand]:
                    continue
                pair = (one_idx, cand) if one_is_left else (cand, one_idx)
                if pair in forbidden:
                    continue
                part = side_other.keys[cand]
                if len(part) < 2 or _contained(part, whole) < opts.containment:
                    continue
                new_run = sorted([*run, cand])
                s = similarity(whole, "".join(side_other.keys[k] for k in new_run))
                # the concatenation matches better, or (order-free) the piece is made of what the run
                # leaves unmatched: 第十三条's closing definition that became the article before
                if s >= best + opts.split_gain or _fills_rest(part, whole, [side_other.keys[k] for k in run], opts):
                    run, best, changed = new_run, max(s, best), True
                    break
        if one_is_left:
            return _Group(group.left, tuple(run), best, group.pinned)
        return _Group(tuple(run), group.right, best, group.pinned)

    from operator import attrgetter

    out: list[_Group] = []
    for g in sorted(groups, key=attrgetter("left", "right")):
        if g.pinned or len(g.left) != 1 or len(g.right) != 1 or L.keys[g.left[0]] == R.keys[g.right[0]]:
            out.append(g)
            continue
        # Try both ways and keep the better one, so that swapping the two documents swaps split and
        # merged instead of changing the answer (a split is not simply tried first).
        as_split = grow(g, L, R, rused, True)
        as_merge = grow(g, R, L, lused, False)
        options = [(as_split, rused, as_split.right, R.keys), (as_merge, lused, as_merge.left, L.keys)]
        options = [o for o in options if len(o[2]) > 1]
        if not options:
            out.append(g)
            continue
        # higher similarity wins; on a tie, the absorbed texts decide (the same texts in either direction)
        grown, used, run, keys = max(options, key=lambda o: (o[0].score, "".join(o[3][k] for k in o[2])))
        for k in run:
            used[k] = True
        out.append(grown)

    # Which pairs can be contained (for the seeding below). A pair (x, y) missing from ``sim`` has an Indel ratio
    # 2 * LCS / (len x + len y) below ``floor``, so y's share LCS / len y is below
    # ratio_max * (len x + len y) / (2 len y): under ``containment`` unless y is short next to x,
    # len y <= ratio_max * len x / (2 containment - ratio_max). So the candidates of x are its
    # cells in ``sim`` and the short units, not every unit (a million pairs when 1,000
    # articles are all rewritten); the result is the same. (Every unit still unpaired here was
    # unpaired after the gap programmes, so ``sim`` covers its pairs, forbidden ones aside.)
    ratio_max = (floor + 1e-3) / 100.0  # a margin for float32 rounding of the stored ratios
    near_left: dict[int, list[int]] = {}
    near_right: dict[int, list[int]] = {}
    for i, j in sim:
        near_left.setdefault(i, []).append(j)
        near_right.setdefault(j, []).append(i)
    # the set of characters of a unit as the bits of an int (one bit per distinct character)
    bit_of: dict[str, int] = {}
    bit_sets: dict[tuple[bool, int], int] = {}

    def charbits(side: _Side, is_left: bool, k: int) -> int:
        value = bit_sets.get((is_left, k))
        if value is None:
            value = 0
            for ch in set(side.keys[k]):
                bit = bit_of.get(ch)
                if bit is None:
                    bit = bit_of[ch] = len(bit_of)
                value |= 1 << bit
            bit_sets[(is_left, k)] = value
        return value

    # unpaired units that a run of unpaired neighbours on the other side matches together
    def seed(side_self: _Side, used_self: list[bool], side_other: _Side, used_other: list[bool], self_is_left: bool):
        import bisect

        found: list[_Group] = []
        # Only the units unpaired now take part (a unit once used stays used): the tables below are
        # built for them alone, not for every unit (2 ms on the Civil Code pair, 40 unpaired of 2,520).
        free_self = [x for x in range(len(side_self.units)) if not used_self[x] and len(side_self.keys[x]) >= 2]
        if not free_self:
            return found
        free_other = [y for y in range(len(side_other.units)) if not used_other[y]]
        near = near_left if self_is_left else near_right
        by_len = sorted(free_other, key=lambda y: (len(side_other.keys[y]), y))
        lengths = [len(side_other.keys[y]) for y in by_len]
        room = 2.0 * opts.containment - ratio_max
        # a second sound filter: the distinct characters of y missing from x are not in their LCS,
        # so y is contained only if at most (1 - containment) * len y of them are missing
        # (a unit shorter than 2 characters is never a candidate: a negative slack)
        slack = {
            y: (1.0 - opts.containment) * len(side_other.keys[y]) + 1e-6 if len(side_other.keys[y]) >= 2 else -1.0
            for y in free_other
        }
        other_bits = {y: charbits(side_other, not self_is_left, y) for y in free_other}
        for x in free_self:  # (seeding x marks only x itself and units of the other side used)
            whole = side_self.keys[x]
            if room <= 0.0 or not SEED_FILTERS:  # any unit may be contained: all are candidates
                pool = free_other
            else:
                # short units (a margin of one character), and the similar ones
                short = by_len[: bisect.bisect_right(lengths, ratio_max * len(whole) / room + 1.0)]
                pool = sorted({*short, *near.get(x, ())})
            absent = ~charbits(side_self, self_is_left, x)
            cands = [
                y
                for y in pool
                if not used_other[y]
                and slack[y] >= 0.0
                and (not SEED_FILTERS or (other_bits[y] & absent).bit_count() <= slack[y])
            ]
            if forbidden:
                cands = [y for y in cands if ((x, y) if self_is_left else (y, x)) not in forbidden]
            shares = _contained_many([side_other.keys[y] for y in cands], whole)
            members = [y for y, share in zip(cands, shares) if share >= opts.containment]
            best_run: list[int] = []
            best_s = 0.0
            k = 0
            while k < len(members):  # maximal runs of adjacent members
                run = [members[k]]
                while k + 1 < len(members) and members[k + 1] == run[-1] + 1:
                    k += 1
                    run.append(members[k])
                k += 1
                if len(run) >= 2:
                    s = similarity(whole, "".join(side_other.keys[y] for y in run))
                    if s > best_s:
                        best_run, best_s = run, s
            if best_run and best_s >= opts.threshold:
                used_self[x] = True
                for y in best_run:
                    used_other[y] = True
                if self_is_left:
                    found.append(_Group((x,), tuple(best_run), best_s))
                else:
                    found.append(_Group(tuple(best_run), (x,), best_s))
        return found

    out.extend(seed(L, lused, R, rused, True))
    out.extend(seed(R, rused, L, lused, False))
    return out


def _chain(points: Sequence[tuple[int, int, float]], tie: Callable[[int, int], int]) -> list[int]:
    """Indices of the best order-preserving chain of ``points`` (left index, right index, score).

    The chain is first as long as possible; among equally long chains it has the
    highest total score, then the smallest total displacement ``|i - j|``, then
    the largest sum of ``tie(i, j)`` (a number derived from the texts, the same
    whichever side is left). None of these criteria changes when the two sides
    are swapped, so aligning B with A picks the mirror image of aligning A with
    B. Points have distinct left and distinct right indices. O(k log k): a
    programme over the points in left order, the best chain ending below a
    right index read from a Fenwick tree of maxima.

    Two exact short-cuts keep the tree small (between two revisions of a law nearly every point is
    on the diagonal; on the Civil Code pair they cut each chain from ~3.5 ms to ~0.4 ms, ``tie``
    included):

    * Only points on *some* longest chain are put through the programme (found with two patience
      sorts, :mod:`bisect`). Any other point that precedes such a point q ends shorter chains than
      q's best predecessor does (were it as long, it would be on a longest chain itself), so it
      never wins or ties a comparison that decides the chain, nor changes which of the tree's equal
      maxima is read.
    * Among those, a point in order with all the others (*forced*) needs no tree (when all are, the
      longest chain is unique and is the answer, the common case): the best chain
      ending at it extends the best of all points before it, and outweighs them all (one point
      longer), so every later query sees it and no earlier point again. Each run of unforced points
      between two forced ones is solved on the tree holding only the forced point before it and the
      run, at the same tree positions (the same answers, ties included), and the tree is cleared
      after the run. The ``tie`` term of forced points is left out of the sums: every chain compared
      after a forced point contains the same forced points, so this changes no comparison, and
      ``tie`` (a CRC of the two texts) is computed for unforced points only.
    """
    if not points:
        return []
    Weight = tuple  # (count, score sum, -displacement, tie sum): compared lexicographically
    zero: Weight = (0, 0.0, 0, 0)
    order = sorted(range(len(points)), key=lambda k: points[k][0])
    js = [points[k][1] for k in order]
    n = len(order)
    # lengths (minus one) of the longest chains ending and starting at each point, in left order
    ending = _chain_lengths(js)
    starting = _chain_lengths([-j for j in reversed(js)])
    starting.reverse()
    longest = max(ending)
    kept = [r for r in range(n) if ending[r] + starting[r] == longest]
    if len(kept) == longest + 1:  # one longest chain only: it is the answer (all points forced)
        return [order[r] for r in kept]
    # forced: every kept point before it in left order is below it, every later one above
    forced = set()
    low = max(js) + 1
    for r in reversed(kept):
        if js[r] < low:
            forced.add(r)
            low = js[r]
    high = -1
    for r in kept:
        if js[r] < high:
            forced.discard(r)
        high = max(high, js[r])

    size = max(js) + 2
    tree: list[tuple[Weight, int]] = [(zero, -1)] * (size + 1)
    touched: list[int] = []  # tree positions written since the tree was last cleared
    best_end: dict[int, Weight] = {}
    prev: dict[int, int] = {}

    def query(pos: int) -> tuple[Weight, int]:  # best chain ending at a right index < pos - 1
        out: tuple[Weight, int] = (zero, -1)
        while pos > 0:
            if tree[pos][0] > out[0]:
                out = tree[pos]
            pos -= pos & -pos
        return out

    def update(pos: int, value: tuple[Weight, int]) -> None:
        while pos <= size:
            if value[0] > tree[pos][0]:
                tree[pos] = value
                touched.append(pos)
            pos += pos & -pos

    last: tuple[Weight, int] = (zero, -1)  # the best chain ending at the last forced point (none yet)
    last_j = -1
    in_run = False  # the tree holds the unforced points since the last forced one
    for r in kept:
        k = order[r]
        i, j, score = points[k]
        if r in forced:
            if in_run:
                (c, sc, disp, t), before = query(j + 1)
                for pos in touched:
                    tree[pos] = (zero, -1)
                touched.clear()
                in_run = False
            else:
                (c, sc, disp, t), before = last
            best_end[k] = (c + 1, sc + score, disp - abs(i - j), t)
            prev[k] = before
            last, last_j = (best_end[k], k), j
        else:
            if not in_run:
                if last[1] >= 0:
                    update(last_j + 2, last)
                in_run = True
            (c, sc, disp, t), before = query(j + 1)
            best_end[k] = (c + 1, sc + score, disp - abs(i - j), t + tie(i, j))
            prev[k] = before
            update(j + 2, (best_end[k], k))
    k = max(sorted(best_end), key=lambda x: best_end[x])
    out: list[int] = []
    while k >= 0:
        out.append(k)
        k = prev[k]
    out.reverse()
    return out


def _chain_lengths(values: list[int]) -> list[int]:
    """For each value, the length minus one of the longest strictly increasing run of ``values`` (a
    subsequence) ending at it: patience sorting, with :mod:`bisect` only for values that do not
    extend the longest run so far (rare when the values are nearly sorted)."""
    from bisect import bisect_left

    out: list[int] = []
    tails: list[int] = []  # tails[m]: least last value of a run of length m + 1
    top = None
    for v in values:
        if top is None or v > top:
            out.append(len(tails))
            tails.append(v)
            top = v
        else:
            at = bisect_left(tails, v)
            tails[at] = v
            out.append(at)
            top = tails[-1]
    return out


def _ties(L: _Side, R: _Side) -> Callable[[int, int], int]:
    """The ``tie`` of :func:`_chain` for pairs of ``L`` and ``R`` units (by index)."""
    return lambda i, j: _tie(L.keys[i], R.keys[j])


def _tie(a: str, b: str) -> int:
    """A number from the two texts of a pair that does not depend on which side is left."""
    import zlib

    lo, hi = sorted((a, b))
    return zlib.crc32((lo + "\x00" + hi).encode("utf-8"))


# ---------------------------------------------------------------------------
# pairs


def _build_pairs(
    L: _Side, R: _Side, groups: list[_Group], strict_format: bool, diff: Callable[[str, str], tuple[Op, ...]] | None
) -> list[Pair]:
    from . import jurisdiction as jur
    from .normalize import format_differences

    matched = sorted((g for g in groups if g.left and g.right), key=lambda g: (g.left[0], g.right[0]))
    chain = set(_chain([(g.left[0], g.right[0], g.score) for g in matched], _ties(L, R)))
    on_chain = {id(g) for k, g in enumerate(matched) if k in chain}

    # reading order: right position; deleted units right after the pair of their left predecessor
    pos_of_left: dict[int, float] = {}
    for g in matched:
        if id(g) in on_chain:
            for i in g.left:
                pos_of_left[i] = g.right[-1]
    order: list[tuple[tuple, Pair]] = []
    last_pos = -1.0
    left_pos: dict[int, float] = {}
    for i in range(len(L.units)):
        last_pos = pos_of_left.get(i, last_pos)
        left_pos[i] = last_pos

    # each Pair is made once, complete (ops included): building it three times cost ~2 ms on the Civil Code
    lunits, runits, ltexts, rtexts = L.units, R.units, L.texts, R.texts
    ops: tuple[Op, ...] = ()
    for g in groups:
        gl, gr = g.left, g.right
        if len(gl) == 1 and len(gr) == 1:  # most pairs
            old, new = (lunits[gl[0]],), (runits[gr[0]],)
            if diff is not None:
                ops = diff(ltexts[gl[0]], rtexts[gr[0]])
        else:
            old, new = tuple([lunits[i] for i in gl]), tuple([runits[j] for j in gr])
            if diff is not None:
                ops = diff("\n".join([ltexts[i] for i in gl]), "\n".join([rtexts[j] for j in gr]))
        if not gl:
            pair = Pair((), new, Relation.ADDED, 0.0, ops=ops)
            key = (float(gr[0]), 1, 0, gr[0])
        elif not gr:
            pair = Pair(old, (), Relation.DELETED, 0.0, ops=ops)
            key = (left_pos[gl[0]], 2, gl[0], 0)
        else:
            relation, score, terms, notes = _relate(L, R, g, strict_format, jur, format_differences)
            moved = id(g) not in on_chain
            # a split/merge is renumbered when its first unit's number changed (第四条 -> 第四条、第五条 is not)
            renumbered = old[0].key != new[0].key or old[0].kind != new[0].kind
            pair = Pair(old, new, relation, score, renumbered, moved, ops, terms, notes)
            key = (float(gr[0]), 0, gl[0], gr[0])
        order.append((key, pair))
    order.sort(key=lambda t: t[0])
    return [p for _, p in order]


def _relate(
    L: _Side, R: _Side, g: _Group, strict_format: bool, jur, format_differences
) -> tuple[Relation, float, tuple, tuple[str, ...]]:
    """(relation, score, terms, format notes) of a pair of units on both sides."""
    if len(g.left) > 1 or len(g.right) > 1:
        rel = Relation.MERGED if len(g.left) > 1 else Relation.SPLIT
        return rel, round(g.score, 4), (), ()
    i, j = g.left[0], g.right[0]
    raw_old, raw_new = L.texts[i], R.texts[j]
    if raw_old == raw_new:  # the common case, answered at once: the branch below with no format notes
        return Relation.IDENTICAL, 1.0, (), ()
    if L.norm[i] == R.norm[j]:
        notes = format_differences(raw_old, raw_new) if raw_old != raw_new else ()
        rel = Relation.MODIFIED if (strict_format and notes) else Relation.IDENTICAL
        return rel, 1.0, (), notes
    if L.keys[i] == R.keys[j]:
        terms = jur.term_differences(L.masked(i), R.masked(j))
        return Relation.EQUIVALENT, 1.0, terms, format_differences(raw_old, raw_new)
    score = similarity(L.keys[i], R.keys[j])
    # format-only differences inside a modified pair are listed too (the ops show them as edits)
    notes = format_differences(raw_old, raw_new) if _may_differ_in_format(raw_old, raw_new) else ()
    return Relation.MODIFIED, round(score, 4), (), notes
