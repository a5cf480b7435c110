"""More than two drafts: N-way alignment into rows, and three-way comparison against a base.

:func:`compare_many` aligns several drafts of one text (the 云南/贵州/四川
versions of a joint decision, the successive drafts of a bill) into one table
of :class:`Row` values, a column per draft, and tells for every row which
drafts agree (``"A=B≠C"``). :func:`compare_three` answers the question of
coordinated drafting: given a common base (the joint draft) and two drafts
derived from it, did A, B or both depart from the base in each unit, and do
their departures agree (:class:`Status`)?

How the rows are built (docs/multi.md explains it with examples):

1. The *pivot* (the base, or the first draft) gives one row per unit.
2. Each further draft is aligned with :func:`lawdiff.align.align` against the
   rows built so far: every row is represented by its pivot units, or, for a
   row the pivot lacks, by the units of the draft that added it. A matched
   unit joins its row; a unit matched to several rows (a merge) joins those
   rows into one; an unmatched unit opens a new row right after the row of
   the draft's preceding unit (after rows other drafts added at that place).
   With two drafts this is exactly the pairwise alignment.
3. Rows keep the pivot's order; a unit moved in another draft stays in its
   pivot row and is flagged ``moved``.
4. In every row each draft is compared with the row's *reference* (the pivot's
   text, or when the pivot has none the first draft that has it): a
   :class:`~lawdiff.model.Pair` with relation, character ops and the
   jurisdiction terms that differ, which the reports show as marks.
5. Agreement: two drafts agree in a row when their texts are equal once
   normalised (``identical``) or once jurisdiction names are masked for that
   pair of drafts (``equivalent``, as in :func:`lawdiff.align.align`). "Agree"
   is not transitive (A≈B and A≈C while B and C list their partners in a
   different order), so groups are built greedily in draft order: a draft
   joins the first group *all* of whose members it agrees with. Every two
   drafts of one group agree.

Everything is deterministic and pure; documents may be given as paths.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from .errors import ConfigError
from .model import Article, Document, Op, Pair, Relation

__all__ = [
    "Row",
    "MultiComparison",
    "compare_many",
    "Status",
    "ThreeWay",
    "compare_three",
    "agreement_label",
    "row_category",
    "multi_summary",
    "summary_line",
    "three_summary",
    "three_summary_line",
    "STATUS_ZH",
    "NOTE_ZH",
    "CATEGORY_ZH",
    "CATEGORIES",
]

# ---------------------------------------------------------------------------
# values


@dataclass(frozen=True)
class Row:
    """One row of an N-way table: each draft's units and how they relate.

    ``cells[k]`` are the units of draft ``k`` in this row (empty when the draft
    lacks it). ``reference`` is the draft the others are compared with (the
    pivot when it has units here, else the first draft that has). ``pairs[k]``
    is the reference units -> draft ``k`` pair with its ops (``None`` for the
    reference itself; a draft absent from the row gets a ``deleted`` pair).
    ``groups`` lists the present
    drafts that agree (identical or equivalent texts), ordered by first
    member; ``identical[g]`` tells whether group ``g`` is identical text
    (else equal only up to jurisdiction terms or format). ``links`` lists every
    two present drafts ``(i, j)``, ``i < j``, whose texts agree.
    """

    cells: tuple[tuple[Article, ...], ...]
    reference: int
    pairs: tuple[Pair | None, ...]
    groups: tuple[tuple[int, ...], ...]
    identical: tuple[bool, ...]
    links: tuple[tuple[int, int], ...] = ()

    @property
    def present(self) -> tuple[int, ...]:
        return tuple(k for k, units in enumerate(self.cells) if units)

    @property
    def absent(self) -> tuple[int, ...]:
        return tuple(k for k, units in enumerate(self.cells) if not units)

    def text(self, k: int) -> str:
        """Draft ``k``'s text in this row (units joined by newlines; '' when absent)."""
        return "\n".join(u.text for u in self.cells[k])

    def agree(self, i: int, j: int) -> bool:
        """True when drafts ``i`` and ``j`` are both present and their texts agree (identical or equivalent).

        Pairwise: A may agree with B and with C while B and C differ; groups
        never put B and C together then.
        """
        if i == j:
            return bool(self.cells[i])
        return (min(i, j), max(i, j)) in self.links

    def relation(self, k: int, pivot: int) -> Relation | None:
        """Draft ``k`` relative to the pivot (None for the pivot, or when both lack the row)."""
        if k == pivot:
            return None
        if not self.cells[pivot]:
            return Relation.ADDED if self.cells[k] else None
        pair = self.pairs[k]
        return pair.relation if pair is not None else None


@dataclass(frozen=True)
class MultiComparison:
    """Several drafts aligned into rows (see the module docstring).

    ``names`` are the column headings (jurisdictions, titles or file names);
    ``tags`` the short letters used in agreement labels (A, B, C…).
    """

    documents: tuple[Document, ...]
    names: tuple[str, ...]
    tags: tuple[str, ...]
    pivot: int
    rows: tuple[Row, ...]
    options: tuple[tuple[str, object], ...] = ()


class Status(str, enum.Enum):
    """What happened to a unit of the base in drafts A and B."""

    UNCHANGED = "unchanged"  # A and B agree with the base
    A_CHANGED = "a_changed"  # only A departs from the base
    B_CHANGED = "b_changed"
    BOTH_SAME = "both_same"  # both depart, the same way
    CONFLICT = "conflict"  # both depart, differently (also: deleted in one, changed in the other)
    A_ADDED = "a_added"  # not in the base, only in A
    B_ADDED = "b_added"
    BOTH_ADDED = "both_added"  # not in the base, added by both the same way
    A_DELETED = "a_deleted"  # in the base, deleted by A, B keeps it unchanged
    B_DELETED = "b_deleted"
    BOTH_DELETED = "both_deleted"

    @property
    def changed(self) -> bool:
        return self is not Status.UNCHANGED


STATUS_ZH = {
    Status.UNCHANGED: "均未改动",
    Status.A_CHANGED: "仅甲方改动",
    Status.B_CHANGED: "仅乙方改动",
    Status.BOTH_SAME: "双方改动相同",
    Status.CONFLICT: "双方改动不同",
    Status.A_ADDED: "仅甲方新增",
    Status.B_ADDED: "仅乙方新增",
    Status.BOTH_ADDED: "双方新增相同",
    Status.A_DELETED: "仅甲方删去",
    Status.B_DELETED: "仅乙方删去",
    Status.BOTH_DELETED: "双方均删去",
}


#: Chinese forms of the conflict notes of :class:`ThreeWay`.
NOTE_ZH = {
    "A and B added different text": "甲乙双方新增的内容不同",
    "A deleted, B changed": "甲方删去，乙方修改",
    "A changed, B deleted": "甲方修改，乙方删去",
    "A and B changed differently": "甲乙双方修改的内容不同",
    "": "",
}


@dataclass(frozen=True)
class ThreeWay:
    """A base and two drafts: the N-way rows (drafts ``base, a, b``; pivot = base) and a status per row.

    ``notes[r]`` explains a conflict (``"A modified, B deleted"``…), '' otherwise.
    """

    multi: MultiComparison
    statuses: tuple[Status, ...]
    notes: tuple[str, ...]

    @property
    def base(self) -> Document:
        return self.multi.documents[0]

    @property
    def a(self) -> Document:
        return self.multi.documents[1]

    @property
    def b(self) -> Document:
        return self.multi.documents[2]

    @property
    def rows(self) -> tuple[Row, ...]:
        return self.multi.rows


# ---------------------------------------------------------------------------
# building rows


class _RowB:
    """A row under construction."""

    __slots__ = ("cells", "rep", "aligned")

    def __init__(self, n: int) -> None:
        self.cells: list[list[Article]] = [[] for _ in range(n)]
        self.rep: list[Article] = []  # units standing for the row when aligning the next draft
        self.aligned: dict[int, Pair] = {}  # draft -> the align pair that put its units here


def _load(doc: Document | str | Path) -> Document:
    if isinstance(doc, Document):
        return doc
    from .io import read

    return read(doc)


def compare_many(
    documents: Sequence[Document | str | Path],
    *,
    pivot: int = 0,
    names: Sequence[str] | None = None,
    equiv: Sequence[tuple[str, str]] = (),
    detect_jurisdictions: bool = True,
    strict_format: bool = False,
    **thresholds: float,
) -> MultiComparison:
    """Align two or more drafts into rows, a column per draft.

    ``documents`` are Documents or paths; ``pivot`` is the index of the draft
    whose order the rows follow and against which the others are marked.
    ``names`` overrides the column headings. ``equiv``, ``detect_jurisdictions``,
    ``strict_format`` and ``thresholds`` are passed to :func:`lawdiff.align.align`
    and apply between every two drafts.
    """
    from .align import align

    docs = tuple(_load(d) for d in documents)
    n = len(docs)
    if n < 2:
        raise ConfigError(f"an N-way comparison needs at least two texts, got {n}")
    if not 0 <= pivot < n:
        raise ConfigError(f"pivot must be between 0 and {n - 1}, got {pivot}")
    if names is not None and len(names) != n:
        raise ConfigError(f"{len(names)} names given for {n} texts")
    rows: list[_RowB] = []
    for unit in docs[pivot].units():
        row = _RowB(n)
        row.cells[pivot].append(unit)
        row.rep.append(unit)
        rows.append(row)
    for k in range(n):
        if k == pivot:
            continue
        rep_units = [u for row in rows for u in row.rep]
        owner = {id(u): row for row in rows for u in row.rep}
        rep_doc = replace(docs[pivot], body=tuple(rep_units), notices=())
        alignment = align(
            rep_doc,
            docs[k],
            equiv=equiv,
            detect_jurisdictions=detect_jurisdictions,
            strict_format=strict_format,
            **thresholds,
        )
        rows = _absorb(rows, owner, alignment.pairs, list(docs[k].units()), k, pivot, n)
    keys = _Keys(docs, equiv, detect_jurisdictions, strict_format)
    built = tuple(_finish(row, keys, pivot) for row in rows)
    options: list[tuple[str, Any]] = [("pivot", pivot), ("strict_format", strict_format)]
    if equiv:
        options.append(("equiv", tuple(tuple(e) for e in equiv)))
    if not detect_jurisdictions:
        options.append(("detect_jurisdictions", False))
    options.extend(sorted(thresholds.items()))
    return MultiComparison(
        docs,
        tuple(names) if names is not None else default_names(docs),
        tuple(_tag(k) for k in range(n)),
        pivot,
        built,
        tuple(options),
    )


def _tag(k: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[k] if k < 26 else f"D{k + 1}"


def _absorb(
    rows: list[_RowB],
    owner: dict[int, _RowB],
    pairs: Iterable[Pair],
    units: list[Article],
    k: int,
    pivot: int,
    n: int,
) -> list[_RowB]:
    """Put draft ``k``'s units into the rows (matched, merged) or into new rows (added)."""
    # union of rows that one pair spans (a merge in draft k)
    parent: dict[int, _RowB] = {}

    def find(row: _RowB) -> _RowB:
        while id(row) in parent:
            row = parent[id(row)]
        return row

    row_of_unit: dict[int, _RowB] = {}
    added: set[int] = set()
    position = {id(row): p for p, row in enumerate(rows)}
    for pair in pairs:
        if not pair.new:
            continue
        if not pair.old:
            added.update(id(u) for u in pair.new)
            continue
        targets = sorted({id(find(owner[id(u)])): find(owner[id(u)]) for u in pair.old}.values(),
                         key=lambda r: position[id(r)])
        head = targets[0]
        for other in targets[1:]:
            for d in range(n):
                head.cells[d].extend(other.cells[d])
            head.rep.extend(other.rep)
            head.aligned.clear()  # the stored pairs no longer cover the row
            parent[id(other)] = head
        head.cells[k].extend(pair.new)
        if len(targets) == 1:
            head.aligned[k] = pair
        for u in pair.new:
            row_of_unit[id(u)] = head
    live = [row for row in rows if id(row) not in parent]
    for row in live:  # units in document order within each row
        for d in range(n):
            if len(row.cells[d]) > 1:
                order = {id(u): i for i, u in enumerate(row.cells[d])}
                row.cells[d].sort(key=lambda u: (u.span.start if u.span else 0, order[id(u)]))
    # added units: after the row of the draft's preceding unit, past rows other drafts added there
    anchor: _RowB | None = None
    for unit in units:
        if id(unit) not in added:
            found = row_of_unit.get(id(unit))
            if found is not None:
                anchor = find(found)
            continue
        pos = 0 if anchor is None else live.index(anchor) + 1
        while pos < len(live) and not live[pos].cells[pivot] and not live[pos].cells[k]:
            pos += 1
        row = _RowB(n)
        row.cells[k].append(unit)
        row.rep.append(unit)
        row.aligned[k] = Pair((), (unit,), Relation.ADDED, 0.0)
        live.insert(pos, row)
        anchor = row
    return live


def _ops(old: str, new: str) -> tuple[Op, ...]:
    from .diff import diff_text

    if old == new:
        return (Op("equal", old, new),) if old else ()
    if not new or not old:  # a whole unit missing on one side
        return (Op("delete" if old else "insert", old, new),)
    return diff_text(old, new)


class _Keys:
    """Normalised and jurisdiction-masked keys of row texts, for each pair of drafts."""

    def __init__(self, docs: tuple[Document, ...], equiv: Sequence[tuple[str, str]], detect: bool, strict: bool):
        from . import jurisdiction as jur

        self.jur = jur
        self.docs = docs
        self.equiv = tuple(equiv)
        self.strict = strict
        self.found = [jur.detect(d) if detect else None for d in docs]
        self._maskers: dict[tuple[int, int], tuple[Any, Any]] = {}

    def maskers(self, i: int, j: int) -> tuple[Any, Any]:
        key = (i, j)
        if key not in self._maskers:
            self._maskers[key] = self.jur.build_maskers(self.found[i], self.found[j], self.equiv)
        return self._maskers[key]

    @staticmethod
    def norm(text: str) -> str:
        from .align import exact_key

        return exact_key(text)

    def identical(self, a: str, b: str) -> bool:
        if self.strict:
            return a == b
        return a == b or self.norm(a) == self.norm(b)

    def masked(self, i: int, a: str, j: int, b: str) -> tuple[Any, Any]:
        lm, rm = self.maskers(i, j)
        return lm.mask(self.norm(a)), rm.mask(self.norm(b))

    def equivalent(self, i: int, a: str, j: int, b: str) -> bool:
        ma, mb = self.masked(i, a, j, b)
        if ma.text != mb.text:
            return False
        if self.strict:
            from .normalize import format_differences

            return not format_differences(a, b)
        return True


def _finish(row: _RowB, keys: _Keys, pivot: int) -> Row:
    """Freeze a row: its reference, a pair (with ops) per other draft, its agreement groups."""
    n = len(keys.docs)
    cells = tuple(tuple(c) for c in row.cells)
    present = [k for k in range(n) if cells[k]]
    ref = pivot if cells[pivot] else present[0]
    ref_units = cells[ref]
    pairs: list[Pair | None] = []
    for k in range(n):
        if k == ref:
            pairs.append(None)
            continue
        stored = row.aligned.get(k)
        if (
            stored is not None
            and stored.old
            and [id(u) for u in stored.old] == [id(u) for u in ref_units]
            and [id(u) for u in stored.new] == [id(u) for u in cells[k]]
        ):
            pair = stored
        else:
            pair = _relate(keys, ref, ref_units, k, cells[k])
        pairs.append(replace(pair, ops=_ops(pair.old_text, pair.new_text)))
    # agreement groups: each draft joins the first group all of whose members it agrees with
    texts = {k: "\n".join(u.text for u in cells[k]) for k in present}
    agree: dict[tuple[int, int], bool] = {}
    for a_pos, i in enumerate(present):
        for j in present[a_pos + 1 :]:
            agree[(i, j)] = keys.identical(texts[i], texts[j]) or keys.equivalent(i, texts[i], j, texts[j])
    clusters: list[list[int]] = []
    for k in present:
        for cluster in clusters:
            if all(agree[(m, k)] for m in cluster):
                cluster.append(k)
                break
        else:
            clusters.append([k])
    groups = tuple(tuple(c) for c in clusters)
    identical = tuple(all(keys.identical(texts[g[0]], texts[x]) for x in g[1:]) for g in groups)
    links = tuple(pair for pair, yes in sorted(agree.items()) if yes)
    return Row(cells, ref, tuple(pairs), groups, identical, links)


def _relate(keys: _Keys, ref: int, old: tuple[Article, ...], k: int, new: tuple[Article, ...]) -> Pair:
    """A pair computed here (when no single align pair covers the cell): relation, terms, format notes."""
    from .align import similarity
    from .normalize import format_differences

    if not new:
        return Pair(old, (), Relation.DELETED, 0.0)
    if not old:
        return Pair((), new, Relation.ADDED, 0.0)
    a = "\n".join(u.text for u in old)
    b = "\n".join(u.text for u in new)
    renumbered = [u.key for u in old] != [u.key for u in new]
    if len(old) == 1 and len(new) > 1:
        rel = Relation.SPLIT
    elif len(old) > 1 and len(new) == 1:
        rel = Relation.MERGED
    else:
        rel = None
    ma, mb = keys.masked(ref, a, k, b)
    if rel is None and keys.identical(a, b):
        return Pair(old, new, Relation.IDENTICAL, 1.0, renumbered, format_notes=format_differences(a, b) if a != b else ())
    if rel is None and keys.equivalent(ref, a, k, b):
        terms = keys.jur.term_differences(ma, mb)
        return Pair(old, new, Relation.EQUIVALENT, 1.0, renumbered, terms=terms, format_notes=format_differences(a, b))
    score = round(similarity(ma.text, mb.text), 4)
    return Pair(old, new, rel or Relation.MODIFIED, score, renumbered, format_notes=format_differences(a, b))


# ---------------------------------------------------------------------------
# names, labels, summaries


def default_names(docs: Sequence[Document]) -> tuple[str, ...]:
    """Column headings: the jurisdictions when all differ, else the titles, else the file names, else A, B…"""
    from . import jurisdiction as jur

    found = [jur.detect(d) for d in docs]
    if all(found) and len({j.name for j in found if j}) == len(docs):
        return tuple(j.name for j in found if j)
    titles = [d.title for d in docs]
    if all(titles) and len(set(titles)) == len(docs):
        return tuple(titles)
    stems = [Path(d.source).stem if d.source else "" for d in docs]
    if all(stems) and len(set(stems)) == len(docs):
        return tuple(stems)
    return tuple(_tag(k) for k in range(len(docs)))


def agreement_label(row: Row, tags: Sequence[str], *, absent_word: str = "absent") -> str:
    """``A=B≠C`` (``≈`` joins drafts equal only up to jurisdiction terms), plus ``, D absent``.

    >>> r = Row(((1,), (1,), (1,), ()), 0, (None,) * 4, ((0, 1), (2,)), (True, True))
    >>> agreement_label(r, "ABCD")
    'A=B≠C, D absent'
    """
    parts = [("=" if same else "≈").join(tags[k] for k in g) for g, same in zip(row.groups, row.identical)]
    label = "≠".join(parts)
    if row.absent:
        missing = "".join(tags[k] for k in row.absent)
        label = f"{label}, {missing} {absent_word}" if label else f"{missing} {absent_word}"
    return label


#: Row categories of an N-way table, in summary order.
CATEGORIES = ("identical", "equivalent", "partial", "different", "incomplete")
CATEGORY_ZH = {
    "identical": "各稿相同",
    "equivalent": "仅辖区用语不同",
    "partial": "部分稿一致",
    "different": "各稿均不同",
    "incomplete": "部分稿无此条",
}


def row_category(row: Row) -> str:
    """``identical``/``equivalent`` (all drafts agree), ``partial`` (some do), ``different``, ``incomplete`` (a draft lacks it)."""
    if row.absent:
        return "incomplete"
    if len(row.groups) == 1:
        return "identical" if row.identical[0] else "equivalent"
    if any(len(g) > 1 for g in row.groups):
        return "partial"
    return "different"


def multi_summary(multi: MultiComparison) -> dict[str, int]:
    """Rows per category (zero counts kept), plus ``rows``."""
    counts = {c: 0 for c in CATEGORIES}
    for row in multi.rows:
        counts[row_category(row)] += 1
    counts["rows"] = len(multi.rows)
    return counts


def summary_line(multi: MultiComparison) -> str:
    """``18 rows: 13 identical, 4 equivalent, 1 partial`` (zero counts left out)."""
    counts = multi_summary(multi)
    parts = [f"{counts[c]} {c}" for c in CATEGORIES if counts[c]]
    return f"{counts['rows']} rows in {len(multi.documents)} texts: " + (", ".join(parts) if parts else "none")


# ---------------------------------------------------------------------------
# three-way


def compare_three(
    base: Document | str | Path,
    a: Document | str | Path,
    b: Document | str | Path,
    *,
    names: Sequence[str] | None = None,
    **options: Any,
) -> ThreeWay:
    """Compare drafts ``a`` and ``b`` with their common ``base``: a :class:`Status` per row.

    ``options`` are those of :func:`compare_many` (equiv, thresholds…); the
    base is the pivot, so rows follow its order and marks are against it.
    """
    multi = compare_many((base, a, b), pivot=0, names=names, **options)
    statuses: list[Status] = []
    notes: list[str] = []
    for row in multi.rows:
        status, note = _status(row)
        statuses.append(status)
        notes.append(note)
    return ThreeWay(multi, tuple(statuses), tuple(notes))


def _status(row: Row) -> tuple[Status, str]:
    has_base, has_a, has_b = (bool(c) for c in row.cells)
    if not has_base:
        if has_a and has_b:
            return (Status.BOTH_ADDED, "") if row.agree(1, 2) else (Status.CONFLICT, "A and B added different text")
        return (Status.A_ADDED, "") if has_a else (Status.B_ADDED, "")
    a_same = has_a and row.agree(0, 1)
    b_same = has_b and row.agree(0, 2)
    if not has_a and not has_b:
        return Status.BOTH_DELETED, ""
    if not has_a:
        return (Status.A_DELETED, "") if b_same else (Status.CONFLICT, "A deleted, B changed")
    if not has_b:
        return (Status.B_DELETED, "") if a_same else (Status.CONFLICT, "A changed, B deleted")
    if a_same and b_same:
        return Status.UNCHANGED, ""
    if b_same:
        return Status.A_CHANGED, ""
    if a_same:
        return Status.B_CHANGED, ""
    if row.agree(1, 2):
        return Status.BOTH_SAME, ""
    return Status.CONFLICT, "A and B changed differently"


def three_summary(three: ThreeWay) -> dict[str, int]:
    """Rows per status (every status, zero counts kept), plus ``rows``."""
    counts = {s.value: 0 for s in Status}
    for status in three.statuses:
        counts[status.value] += 1
    counts["rows"] = len(three.statuses)
    return counts


def three_summary_line(three: ThreeWay) -> str:
    """``70 rows: 64 unchanged, 4 a_changed, 1 b_changed, 1 conflict`` (zero counts left out)."""
    counts = three_summary(three)
    parts = [f"{counts[s.value]} {s.value}" for s in Status if counts[s.value]]
    return f"{counts['rows']} rows: " + ", ".join(parts)
