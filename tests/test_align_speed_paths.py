"""lawdiff.align's speed paths give exactly the results of the plain computations they replace.

Three short-cuts keep a pathological pair (every article rewritten) fast:

* the similarity cells of a large matrix are pre-filtered by the character-multiset bound
  (``_candidate_rows`` / ``_shared_chars``): compared here with rapidfuzz's full ``cdist``;
* the split/merge seeding looks only at similar or short units and skips those missing too
  many characters (``SEED_FILTERS``): compared with the unfiltered seeding;
* the gap programmes visit only the cells kept, not every cell of a gap (covered by the
  alignments compared below, which go through them).

All on real corpus pairs: revisions, unrelated laws, and pathological rewrites built from them.
"""
from __future__ import annotations

import importlib
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.io import read
from lawdiff.parse import parse
from lawdiff.numerals import article_label

align_module = importlib.import_module("lawdiff.align")

REVISIONS = [
    ("cn_anti_monopoly_law_2007.md", "cn_anti_monopoly_law_2022.md"),
    ("cn_legislation_law_2015.md", "cn_legislation_law_2023.md"),
    ("cn_admin_reconsideration_law_2017.md", "cn_admin_reconsideration_law_2023.md"),
    ("shanghai_business_env_reg_2020.md", "shanghai_business_env_reg_2024.md"),
]
UNRELATED = [
    ("cn_legislation_law_2023.md", "cn_biosecurity_law_2024.md"),
    ("shandong_social_credit_reg_2020.md", "henan_social_credit_reg_2019.md"),
    ("beijing_legal_aid_reg_2008.md", "zhejiang_legal_aid_reg_2016.md"),
]
FLOORS = [35 - 1e-6, 50 - 1e-6, 75 - 1e-6, 20 - 1e-6]


def _keys(path) -> list[str]:
    return [align_module.exact_key(u.text) for u in read(path).units()]


def _shuffled(keys: list[str], seed: int) -> list[str]:
    """Every text rewritten: its characters shuffled (the benchmark's pathological pair)."""
    rng = random.Random(seed)
    out = []
    for k in keys:
        chars = list(k)
        rng.shuffle(chars)
        out.append("".join(chars))
    return out


def _reference(lkeys: list[str], rkeys: list[str], floor: float) -> list[tuple[int, int, float]]:
    """Every cell of the full float32 ``cdist`` matrix at or above ``floor`` (no pre-filter)."""
    from rapidfuzz import fuzz, process

    matrix = process.cdist(lkeys, rkeys, scorer=fuzz.ratio, dtype="float32", workers=1)
    rows, cols = (matrix >= floor).nonzero()
    return [(a, b, float(matrix[a, b]) / 100.0) for a, b in zip(rows.tolist(), cols.tolist())]


@pytest.mark.parametrize(("left", "right"), REVISIONS + UNRELATED)
@pytest.mark.parametrize("floor", FLOORS)
def test_prefiltered_cells_equal_the_full_matrix(corpora, monkeypatch, left, right, floor):
    lkeys, rkeys = _keys(corpora / left), _keys(corpora / right)
    monkeypatch.setattr(align_module, "CDIST_CELLS", 0)  # the numpy pre-filter, even for small inputs
    monkeypatch.setattr(align_module, "ROW_BLOCK", 37)  # several row blocks
    fast = align_module._similarities(lkeys, rkeys, floor)
    assert fast == _reference(lkeys, rkeys, floor)
    monkeypatch.setattr(align_module, "CDIST_CELLS", 10**12)  # numpy-free, every cell computed
    assert align_module._similarities(lkeys, rkeys, floor) == fast


@pytest.mark.parametrize("name", ["cn_legislation_law_2023.md", "shanghai_business_env_reg_2024.md"])
def test_prefilter_on_a_rewritten_law(corpora, monkeypatch, name):
    keys = _keys(corpora / name)
    rewritten = _shuffled(keys, seed=len(keys))
    monkeypatch.setattr(align_module, "CDIST_CELLS", 0)
    floor = 35 - 1e-6
    fast = align_module._similarities(keys, rewritten, floor)
    assert fast == _reference(keys, rewritten, floor)
    # the filter does prune: far fewer cells are computed than the whole matrix
    rows = align_module._candidate_rows(keys, rewritten, floor)
    assert sum(map(len, rows)) < 0.5 * len(keys) * len(rewritten)


@pytest.mark.parametrize(("left", "right"), [REVISIONS[1], UNRELATED[0]])
def test_shared_chars_is_the_multiset_intersection(corpora, monkeypatch, left, right):
    from rapidfuzz.distance import LCSseq

    lkeys, rkeys = _keys(corpora / left)[:60], _keys(corpora / right)[:50]
    monkeypatch.setattr(align_module, "ROW_BLOCK", 16)
    blocks = list(align_module._shared_chars(lkeys, rkeys))
    assert [start for start, _ in blocks] == [0, 16, 32, 48]
    rcounts = [Counter(k) for k in rkeys]
    for start, block in blocks:
        for r, row in enumerate(block.tolist()):
            lc = Counter(lkeys[start + r])
            expected = [sum((lc & rc).values()) for rc in rcounts]
            assert row == expected
            # the bound the pre-filter relies on
            assert all(LCSseq.similarity(lkeys[start + r], b) <= e for b, e in zip(rkeys, expected))


def test_shared_chars_with_nothing_in_common():
    (start, block), = align_module._shared_chars(["甲乙丙", "丁"], ["abc", "xyz", ""])
    assert start == 0 and block.shape == (2, 3) and not block.any()


def test_shared_chars_of_repeated_characters(monkeypatch):
    """A character repeated thousands of times (the last levels are counted per character)."""
    left = ["的" * 3000 + "法" * 20, "条" * 9 + "款", "的法"]
    right = ["的" * 2500 + "法" * 40 + "条", "条款条款" * 3, ""]
    monkeypatch.setattr(align_module, "ROW_BLOCK", 2)
    rows = [row for _, block in align_module._shared_chars(left, right) for row in block.tolist()]
    assert rows == [[sum((Counter(a) & Counter(b)).values()) for b in right] for a in left]
    assert rows[0] == [2520, 0, 0]


def test_shared_chars_of_astral_and_lone_surrogate_characters(monkeypatch):
    left, right = ["a\udcff的\U00020000", "x"], ["\udcff\U00020000的的", ""]
    (_, block), = align_module._shared_chars(left, right)
    assert block.tolist() == [[3.0, 0.0], [0.0, 0.0]]
    monkeypatch.setattr(align_module, "CDIST_CELLS", 0)
    assert align_module._similarities(left, right, 10.0) == _reference(left, right, 10.0)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="的法人民第条规定应当。，、ab1", max_size=40), min_size=1, max_size=12),
    st.lists(st.text(alphabet="的法人民第条规定应当。，、ab1", max_size=40), min_size=1, max_size=12),
    st.sampled_from(FLOORS),
)
def test_prefilter_never_drops_a_cell(lkeys, rkeys, floor):
    old = align_module.CDIST_CELLS
    try:
        align_module.CDIST_CELLS = 0
        fast = align_module._similarities(lkeys, rkeys, floor)
    finally:
        align_module.CDIST_CELLS = old
    assert fast == _reference(lkeys, rkeys, floor)


def _law(articles: list[str]):
    lines = ["某某条例", ""]
    for n, text in enumerate(articles, 1):
        lines.append(f"{article_label(n)}　{text}")
    return parse("\n".join(lines) + "\n", source="built.md")


def _pathological_pairs(corpora):
    """Real texts made hard: every article rewritten, articles split into rewritten pieces, an
    unrelated law, and articles merged; each as two documents."""
    base = [u.text.replace("\n", "") for u in read(corpora / "cn_legislation_law_2023.md").units()][:90]
    rng = random.Random(7)
    shuffled = _shuffled(base, seed=3)
    # split: long articles cut in two, the pieces kept verbatim or lightly edited; the rest rewritten
    split = []
    for k, text in enumerate(base):
        if len(text) > 80 and k % 3 == 0:
            cut = len(text) // 2
            split.extend([text[:cut] + "。", "有关规定：" + text[cut:]])
        elif k % 3 == 1:
            split.append(text)
        else:
            chars = list(text)
            rng.shuffle(chars)
            split.append("".join(chars))
    merged = ["".join(base[k:k + 2]) for k in range(0, len(base), 2)]
    other = [u.text.replace("\n", "") for u in read(corpora / "cn_biosecurity_law_2024.md").units()][:90]
    original = _law(base)
    return [
        (original, _law(shuffled)),
        (original, _law(split)),
        (_law(split), original),
        (original, _law(merged)),
        (original, _law(other)),
    ]


def _signature(alignment):
    return [
        (tuple(u.key for u in p.old), tuple(u.key for u in p.new), p.relation, p.score, p.renumbered, p.moved)
        for p in alignment.pairs
    ]


def test_filters_do_not_change_alignments(corpora, monkeypatch):
    cases = [(read(corpora / a), read(corpora / b)) for a, b in REVISIONS + UNRELATED]
    cases += _pathological_pairs(corpora)
    relations = set()
    for left, right in cases:
        results = []
        for cells, seed_filters in ((10**12, False), (0, True), (10**12, True), (0, False)):
            monkeypatch.setattr(align_module, "CDIST_CELLS", cells)
            monkeypatch.setattr(align_module, "SEED_FILTERS", seed_filters)
            results.append(_signature(align_module.align(left, right)))
        assert all(r == results[0] for r in results[1:])
        relations.update(p[2] for p in results[0])
    # the cases exercise the seeding and the programmes, not only exact matches
    assert {r.value for r in relations} >= {"identical", "modified", "split", "merged", "added", "deleted"}
