"""lawdiff.normalize.split_format_only: format-only parts of replacements, on real diffs and generated ones."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.compare import compare
from lawdiff.diff import diff_text
from lawdiff.io import read
from lawdiff.model import Op
from lawdiff.normalize import _Shadow, split_format_only

TAGS = {"equal", "replace", "insert", "delete", "format"}


def _check(ops, pieces) -> None:
    """The pieces rebuild both texts, and a piece is ``format`` exactly when it normalises equal."""
    old = "".join(o.old for o in ops)
    new = "".join(o.new for o in ops)
    assert "".join(p[1] for p in pieces) == old
    assert "".join(p[2] for p in pieces) == new
    a, b = _Shadow(old), _Shadow(new)
    i = j = 0
    for tag, x, y in pieces:
        assert tag in TAGS and (x or y)
        if tag == "format":
            assert x and y or not (a.piece(i, i + len(x)) or b.piece(j, j + len(y)))
            assert a.piece(i, i + len(x)) == b.piece(j, j + len(y))
        elif tag == "replace":  # (insert/delete ops other than split replacements are passed through)
            assert a.piece(i, i + len(x)) != b.piece(j, j + len(y))
        i += len(x)
        j += len(y)


def test_holiday_brackets_are_split_off(corpora):
    c = compare(corpora / "cn_public_holidays_measures_2013.md", corpora / "cn_public_holidays_measures_2024.md")
    pair = next(p for p in c.pairs if p.new and p.new[0].label == "第二条")
    pieces = split_format_only(pair.ops)
    _check(pair.ops, pieces)
    assert ("format", ")", "）") in pieces and ("replace", "新年", "元旦") in pieces
    assert ("replace", "3", "4") in pieces and ("insert", "", "、2日") in pieces
    assert not any(t == "replace" and x in "()" for t, x, _ in pieces)


def test_every_modified_pair_of_the_corpus_pairs(corpora):
    pairs = [
        ("cn_legislation_law_2015.md", "cn_legislation_law_2023.md"),
        ("cn_anti_monopoly_law_2007.md", "cn_anti_monopoly_law_2022.md"),
        ("cn_public_holidays_measures_2013.md", "cn_public_holidays_measures_2024.md"),
        ("cn_legal_aid_regulation_2003.md", "cn_legal_aid_law_2021.md"),
    ]
    checked = 0
    for left, right in pairs:
        for pair in compare(corpora / left, corpora / right).pairs:
            if pair.relation.changed and pair.ops:
                _check(pair.ops, split_format_only(pair.ops))
                checked += 1
    assert checked > 100


def test_ops_without_replacements_pass_through():
    ops = [Op("equal", "甲", "甲"), Op("insert", "", "（乙）"), Op("delete", "丙", "")]
    assert split_format_only(ops) == [(o.tag, o.old, o.new) for o in ops]
    assert split_format_only([]) == []


def test_blanks_and_full_width_digits_are_format():
    ops = diff_text("第一条\u3000本法自２０２１年１月１日起施行。", "第一条 本法自2021年1月1日起施行。")
    pieces = split_format_only(ops)
    _check(ops, pieces)
    assert {t for t, _, _ in pieces} <= {"equal", "format"}


_SWAPS = {"（": "(", "）": ")", "，": ",", "；": ";", "：": ":", "1": "１", "2": "２", "\u3000": " "}


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_generated_edits_of_a_real_article(corpora, data):
    units = list(read(corpora / "cn_public_holidays_measures_2013.md").units())
    text = data.draw(st.sampled_from([u.text for u in units]))
    chars = list(text)
    for k in data.draw(st.lists(st.integers(0, len(chars) - 1), max_size=8)):
        if chars[k] in _SWAPS:
            chars[k] = _SWAPS[chars[k]]  # a format-only change
    for k in data.draw(st.lists(st.integers(0, len(chars) - 1), max_size=3)):
        chars[k] = data.draw(st.sampled_from("甲乙丙丁元旦（）(),，3４"))  # a real change, or not
    new = "".join(chars)
    ops = diff_text(text, new)
    _check(ops, split_format_only(ops))
