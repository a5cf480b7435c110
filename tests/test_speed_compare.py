"""The compare path's speed short-cuts give exactly the results of the plain computations they replace.

* ``lawdiff.align._chain`` (best order-preserving chain) works only on the points of some longest
  chain and skips its Fenwick tree for the points in order with all others: compared with the plain
  programme over every point (kept here as ``_reference_chain``), ties included.
* ``lawdiff.align.exact_key`` strips whitespace with ``str.split`` and finds the years of
  normalisation rule 7 without a regex (``_exact_keys`` tests all texts of a side at once): compared
  with ``compare_key`` and with the regexes.
* ``lawdiff.align._Cells`` computes the similarity cells a step asks for, not the whole matrix:
  compared with ``_similarities`` over the whole matrix.
* ``lawdiff.jurisdiction.detect`` looks names up in a set instead of a 400-name regex: compared
  with the regexes it replaces.
* ``lawdiff.compare.compare`` makes each pair once, ops included: compared with aligning first and
  diffing each pair afterwards.
"""
from __future__ import annotations

import importlib
import random
import re
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.io import read

align_module = importlib.import_module("lawdiff.align")


def _reference_chain(points):
    """The plain programme: every point through the Fenwick tree (points are (i, j, score, tie))."""
    if not points:
        return []
    zero = (0, 0.0, 0, 0)
    order = sorted(range(len(points)), key=lambda k: points[k][0])
    size = max(j for _, j, _, _ in points) + 2
    tree = [(zero, -1)] * (size + 1)
    best_end = [zero] * len(points)
    prev = [-1] * len(points)

    def query(pos):
        out = (zero, -1)
        while pos > 0:
            if tree[pos][0] > out[0]:
                out = tree[pos]
            pos -= pos & -pos
        return out

    def update(pos, value):
        while pos <= size:
            if value[0] > tree[pos][0]:
                tree[pos] = value
            pos += pos & -pos

    for k in order:
        i, j, score, tie = points[k]
        (c, sc, disp, t), before = query(j + 1)
        best_end[k] = (c + 1, sc + score, disp - abs(i - j), t + tie)
        prev[k] = before
        update(j + 2, (best_end[k], k))
    k = max(range(len(points)), key=lambda x: best_end[x])
    out = []
    while k >= 0:
        out.append(k)
        k = prev[k]
    out.reverse()
    return out


def _check_chain(points):
    ties = {(i, j): t for i, j, _, t in points}
    got = align_module._chain([(i, j, s) for i, j, s, _ in points], lambda i, j: ties[(i, j)])
    assert got == _reference_chain(points)


@st.composite
def _point_sets(draw):
    """Points with distinct left and right indices: a shuffled diagonal with a few moves, and coarse
    scores and ties so that equal weights (the tie-breaking of the tree) are common."""
    n = draw(st.integers(0, 40))
    rights = list(range(n + draw(st.integers(0, 5))))
    rng = random.Random(draw(st.integers(0, 10**6)))
    rights = rights[:n]
    for _ in range(draw(st.integers(0, 6))):
        if n >= 2:
            a, b = rng.randrange(n), rng.randrange(n)
            rights[a], rights[b] = rights[b], rights[a]
    lefts = sorted(rng.sample(range(n + 5), n))
    scores = [rng.choice([1.0, 0.5, 0.75, 0.1 + 0.2]) for _ in range(n)]
    ties = [rng.choice([0, 1, 2]) for _ in range(n)]
    points = list(zip(lefts, rights, scores, ties))
    rng.shuffle(points)
    return points


@settings(max_examples=400, deadline=None)
@given(_point_sets())
def test_chain_equals_the_plain_programme(points):
    _check_chain(points)


def test_chain_on_random_permutations():
    rng = random.Random(3)
    for n in (1, 2, 3, 5, 8, 13, 50, 200):
        for _ in range(30):
            rights = rng.sample(range(2 * n), n)
            points = [(i, j, rng.choice([1.0, 0.5, 0.3]), rng.randrange(3)) for i, j in zip(range(n), rights)]
            _check_chain(points)


def test_chain_of_real_pairs(corpora):
    """The three chains of real alignments (with the moved pairs that make the tree necessary)."""
    from lawdiff.jurisdiction import build_maskers, detect

    for left, right in [
        ("cn_legislation_law_2015.md", "cn_legislation_law_2023.md"),
        ("cn_admin_reconsideration_law_2017.md", "cn_admin_reconsideration_law_2023.md"),
        ("beijing_legal_aid_reg_2008.md", "zhejiang_legal_aid_reg_2016.md"),
    ]:
        a, b = read(corpora / left), read(corpora / right)
        lm, rm = build_maskers(detect(a), detect(b))
        L, R = align_module._Side(list(a.units()), lm), align_module._Side(list(b.units()), rm)
        groups = align_module._match(L, R, align_module.DEFAULTS, None)
        matched = sorted((g for g in groups if g.left and g.right), key=lambda g: (g.left[0], g.right[0]))
        points = [
            (g.left[0], g.right[0], g.score, align_module._tie(L.keys[g.left[0]], R.keys[g.right[0]]))
            for g in matched
        ]
        _check_chain(points)
        _check_chain([(j, i, s, t) for i, j, s, t in points])  # the mirror image


# ---------------------------------------------------------------------------
# exact_key

_DATE_ZERO = re.compile(r"[一二三四五六七八九〇○◯OＯ0０零]{2,4}(?=年)")
_WS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="一二〇○O0０零年第条 \u3000\n\t\u200b\ufeff（）()甲", max_size=30))
def test_date_zero_test_equals_the_regex(text):
    assert align_module._has_date_zero(text) == bool(_DATE_ZERO.search(text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="一二〇○O0０零年第条 \u3000\n\t\u200b\ufeff\u2060（）()甲,，“\"ＡA１", max_size=30))
def test_exact_key_equals_the_plain_computation(text):
    from lawdiff.normalize import compare_key

    stripped = _WS.sub("", text)
    plain = compare_key(text) if align_module._UNSAFE.search(stripped) or _DATE_ZERO.search(stripped) else stripped
    assert align_module.exact_key(text) == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="一二〇○O0年第条 \u3000\n\u200b()甲,“", max_size=12), max_size=6))
def test_exact_keys_of_many_texts_equal_exact_key(texts):
    assert align_module._exact_keys(texts) == [align_module.exact_key(t) for t in texts]


def test_exact_keys_of_real_texts(corpora):
    for name in ("cn_legislation_law_2023.md", "cn_public_holidays_measures_2013.md", "beijing_legal_aid_reg_2008.md"):
        texts = [u.text for u in read(corpora / name).units()]
        assert align_module._exact_keys(texts) == [align_module.exact_key(t) for t in texts]


_INNER_SPACE = re.compile(r"[^\S\n]|[\u200b-\u200d\u2060\ufeff]")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="一二〇○年甲 \u3000\n\r\t\u200b\ufeff(", max_size=12),
       st.text(alphabet="一二〇○年甲 \u3000\n\r\t\u200b\ufeff(", max_size=12))
def test_may_differ_in_format_equals_the_regexes(a, b):
    both = a + "\n" + b
    plain = bool(_INNER_SPACE.search(both) or align_module._UNSAFE.search(both) or _DATE_ZERO.search(both))
    assert align_module._may_differ_in_format(a, b) == plain


# ---------------------------------------------------------------------------
# similarity cells computed on demand

def test_cells_on_demand_equal_the_full_matrix(corpora, monkeypatch):
    """Blocks of cells computed on demand (in any order, overlapping) are the cells of the full
    matrix, with or without the numpy pre-filter, forbidden pairs left out."""
    from lawdiff.jurisdiction import build_maskers

    lm, rm = build_maskers(None, None)
    L = align_module._Side(list(read(corpora / "cn_legislation_law_2015.md").units()), lm)
    R = align_module._Side(list(read(corpora / "cn_legislation_law_2023.md").units()), rm)
    lrest, rrest = list(range(0, len(L.units), 2)), list(range(1, len(R.units), 3))
    floor = 35 - 1e-6
    forbidden = {(lrest[3], rrest[4]), (lrest[5], rrest[5])}
    full = {
        (lrest[a], rrest[b]): s
        for a, b, s in align_module._similarities([L.keys[i] for i in lrest], [R.keys[j] for j in rrest], floor)
        if (lrest[a], rrest[b]) not in forbidden
    }
    rng = random.Random(11)
    for cells_limit in (10**12, 0):  # on demand; all at once (numpy pre-filter)
        monkeypatch.setattr(align_module, "CDIST_CELLS", cells_limit)
        cells = align_module._Cells(L, R, lrest, rrest, floor, forbidden)
        for _ in range(30):
            rows = sorted(rng.sample(lrest, rng.randint(0, 12)))
            cols = sorted(rng.sample(rrest, rng.randint(0, 12)))
            want = [(i, j, full[(i, j)]) for i in rows for j in cols if (i, j) in full]
            assert cells.block(rows, cols) == want
        assert cells.block(lrest, rrest) == [(i, j, full[(i, j)]) for i in lrest for j in rrest if (i, j) in full]


# ---------------------------------------------------------------------------
# jurisdiction.detect

def _regex_detect(doc):
    """``detect`` as it was, with the 400-name alternation regexes."""
    from lawdiff import jurisdiction as jur

    names = "|".join(map(re.escape, jur._ALL_NAMES))
    name_re = re.compile(names)
    body_re = re.compile(rf"({names})(?:第[一二三四五六七八九十]+届)?人民(?:代表大会|政府)")
    title = re.sub(r"\s+", "", doc.title or "")
    match = name_re.match(title)
    if match:
        return jur._jurisdiction_of(match.group(0))
    for line in (*doc.preamble, *doc.intro):
        line = re.sub(r"\s+", "", line)
        for m in re.finditer(r"(?:\d+日|^)", line):
            body = body_re.match(line, m.end())
            if body:
                return jur._jurisdiction_of(body.group(1))
    return None


def test_detect_equals_the_regex_version_on_the_corpora(corpora):
    from lawdiff.jurisdiction import detect

    paths = sorted(p for p in corpora.glob("*.md") if p.name != "README.md")
    assert paths
    for path in paths:
        doc = read(path)
        assert detect(doc) == _regex_detect(doc), path.name


_NAMES_SAMPLE = ["云南省", "贵州省", "昭通市", "毕节市", "重庆市", "北京市", "海淀区", "内蒙古自治区", "吉林省", "吉林市",
                 "延边朝鲜族自治州", "阿里地区", "忠县", "石柱土家族自治县"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_NAMES_SAMPLE + ["省", "市", "第十三届", "第", "届", "人民代表大会", "人民政府", "人民",
                                              "常务委员会", "2021年5月27日", "日", "通过", "关于", "（", " "]),
             max_size=8),
    st.lists(st.sampled_from(_NAMES_SAMPLE + ["某某条例", "2021年5月27日", "人民代表大会", "第十三届", "人民政府",
                                              "通过", "（", "日"]), max_size=8),
)
def test_detect_equals_the_regex_version(title_parts, preamble_parts):
    from lawdiff.jurisdiction import detect
    from lawdiff.model import Document

    doc = Document("".join(title_parts), (), preamble=("".join(preamble_parts),), intro=("".join(reversed(preamble_parts)),))
    assert detect(doc) == _regex_detect(doc)


# ---------------------------------------------------------------------------
# jurisdiction._sort_entries: the list pattern built from the names that occur only

def _full_sort_entries(masked: str) -> str:
    """The list sorting with the pattern of all names (the computation _sort_entries short-cuts)."""
    from lawdiff import jurisdiction as jur

    if "，" not in masked:
        return masked
    names = "|".join(map(re.escape, jur._ALL_NAMES))
    atom = rf"(?:⟨[^⟩]*⟩|(?:{names})(?:、(?:{names}))*)"
    entry = rf"{atom}(?:及{atom})*"

    def repl(m: re.Match[str]) -> str:
        entries = m.group(0).split("，")
        return "，".join(sorted(entries)) if "⟨" in m.group(0) else m.group(0)

    return re.sub(rf"{entry}(?:，{entry})+", repl, masked)


_LIST_PIECES = _NAMES_SAMPLE + ["四川省", "泸州市", "遵义市", "，", "，", "、", "、", "及", "⟨SELF⟩", "⟨OTHER|SELF-CITY⟩",
                                "⟨", "⟩", "与", "人民政府", "省", "市", "州", "南省", "贵", "的"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=14))
def test_sort_entries_equals_the_all_names_pattern(parts):
    from lawdiff.jurisdiction import _sort_entries

    text = "".join(parts)
    assert _sort_entries(text) == _full_sort_entries(text)


def test_sort_entries_sorts_partner_lists_and_equals_the_all_names_pattern_on_the_corpora(corpora):
    from lawdiff import jurisdiction as jur

    texts = ["与⟨OTHER⟩及⟨OTHER-CITY⟩，四川省及泸州市", "与四川省及泸州市，⟨OTHER⟩及⟨OTHER-CITY⟩共同", "云南省、贵州省，四川省"]
    assert jur._sort_entries(texts[0]) == jur._sort_entries(texts[1][:-2]) == "与⟨OTHER⟩及⟨OTHER-CITY⟩，四川省及泸州市"
    for name in ("yunnan_chishui_joint_decision_2021.md", "guizhou_chishui_joint_decision_2021.md",
                 "chongqing_jialing_river_decision_2021.md"):
        doc = read(corpora / name)
        masker, _ = jur.build_maskers(jur.detect(doc), jur.Jurisdiction("四川省", "四川省", "province"))
        for unit in doc.units():
            text = masker.mask(unit.text).text
            texts.append(text)
    assert any("⟨" in t and "，" in t for t in texts)
    for text in texts:
        assert jur._sort_entries(text) == _full_sort_entries(text), text


# ---------------------------------------------------------------------------
# compare: pairs made once, ops included

@pytest.mark.parametrize(("left", "right", "kw"), [
    ("cn_legislation_law_2015.md", "cn_legislation_law_2023.md", {}),
    ("cn_legislation_law_2015.md", "cn_legislation_law_2023.md", {"strict_format": True}),
    ("yunnan_chishui_joint_decision_2021.md", "guizhou_chishui_joint_decision_2021.md", {}),
    ("beijing_legal_aid_reg_2008.md", "zhejiang_legal_aid_reg_2016.md", {}),
])
def test_compare_equals_align_then_diff(corpora, left, right, kw):
    from lawdiff.align import align
    from lawdiff.compare import compare
    from lawdiff.diff import diff_text

    a, b = read(corpora / left), read(corpora / right)
    comparison = compare(a, b, **kw)
    alignment = align(a, b, **kw)
    assert [p.ops for p in alignment.pairs] == [()] * len(alignment.pairs)
    assert len(comparison.pairs) == len(alignment.pairs)
    for got, bare in zip(comparison.pairs, alignment.pairs):
        assert (got.old, got.new, got.relation, got.score, got.renumbered, got.moved, got.terms, got.format_notes) == (
            bare.old, bare.new, bare.relation, bare.score, bare.renumbered, bare.moved, bare.terms, bare.format_notes)
        assert got.ops == diff_text(bare.old_text, bare.new_text)
