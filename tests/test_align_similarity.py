"""lawdiff.align's similarity matrix: the numpy-free way (small matrices) and cdist (large ones) agree exactly."""
from __future__ import annotations

import importlib

import pytest

from lawdiff.io import read

align_module = importlib.import_module("lawdiff.align")
PAIRS = [
    ("cn_anti_monopoly_law_2007.md", "cn_anti_monopoly_law_2022.md"),
    ("cn_legislation_law_2015.md", "cn_legislation_law_2023.md"),
    ("shandong_social_credit_reg_2020.md", "henan_social_credit_reg_2019.md"),
    ("cn_public_holidays_measures_2013.md", "cn_public_holidays_measures_2024.md"),
]


def _keys(path):
    return [align_module.exact_key(u.text) for u in read(path).units()]


@pytest.mark.parametrize(("left", "right"), PAIRS)
@pytest.mark.parametrize("floor", [35 - 1e-6, 50 - 1e-6, 37 - 1e-6, -1e-6])
def test_both_ways_give_identical_cells(corpora, monkeypatch, left, right, floor):
    lkeys, rkeys = _keys(corpora / left), _keys(corpora / right)
    monkeypatch.setattr(align_module, "CDIST_CELLS", 0)
    with_cdist = align_module._similarities(lkeys, rkeys, floor)
    monkeypatch.setattr(align_module, "CDIST_CELLS", 10**12)
    row_by_row = align_module._similarities(lkeys, rkeys, floor)
    assert row_by_row == with_cdist
    assert row_by_row  # these pairs do share articles
    if floor < 0:
        assert len(row_by_row) == len(lkeys) * len(rkeys)
    assert all(0.0 <= s <= 1.0 and s * 100 >= floor for _, _, s in row_by_row)


def test_alignment_does_not_depend_on_the_way(corpora, monkeypatch):
    from lawdiff.compare import compare

    left, right = corpora / "cn_legislation_law_2015.md", corpora / "cn_legislation_law_2023.md"
    monkeypatch.setattr(align_module, "CDIST_CELLS", 0)
    a = compare(left, right)
    monkeypatch.setattr(align_module, "CDIST_CELLS", 10**12)
    b = compare(left, right)
    assert a.pairs == b.pairs
    assert [p.score for p in a.pairs] == [p.score for p in b.pairs]
