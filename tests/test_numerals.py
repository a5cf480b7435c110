"""Chinese numerals and labels: exhaustive round trips and the conventions' examples."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawdiff import numerals as N


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (1260, "一千二百六十"),
        (9999, "九千九百九十九"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (100000, "十万"),
        (500000, "五十万"),
        (1000000, "一百万"),
        (10001000, "一千万一千"),
        (100000000, "一亿"),
        (300050000, "三亿零五万"),
    ],
)
def test_known_values(n: int, text: str) -> None:
    assert N.int_to_cn(n) == text
    assert N.cn_to_int(text) == n


def test_exhaustive_round_trip_1_to_9999() -> None:
    seen = set()
    for n in range(1, 10000):
        text = N.int_to_cn(n)
        assert N.cn_to_int(text) == n
        assert not text.startswith("一十")
        assert "零零" not in text and not text.endswith("零")
        seen.add(text)
    assert len(seen) == 9999


def test_exhaustive_label_round_trip() -> None:
    for n in range(1, 10000):
        assert N.parse_article_label(N.article_label(n)) == (n, 0)
        assert N.parse_item_label(N.item_label(n)) == n
        assert N.parse_decision_label(N.decision_label(n)) == n
    for n in range(1, 1000):
        for level in ("编", "分编", "章", "节"):
            assert N.parse_division_label(N.division_label(level, n)) == (level, n)


@pytest.mark.parametrize(
    ("text", "n"),
    [("一十", 10), ("一十五", 15), ("两千", 2000), ("两万", 20000), ("一百〇一", 101), ("一百○一", 101),
     ("二〇二一", 2021), ("二○○三", 2003), ("12", 12), ("１２", 12), ("兩萬", 20000), ("拾", 10), ("一万亿", 10**12)],
)
def test_lenient_reading(text: str, n: int) -> None:
    assert N.cn_to_int(text) == n


@pytest.mark.parametrize("bad", ["", "第一", "十十", "百", "千百", "一万万", "万", "abc", "一百二十条"])
def test_rejects_non_numerals(bad: str) -> None:
    with pytest.raises(ValueError):
        N.cn_to_int(bad)
    assert not N.is_numeral(bad)


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_round_trip_large(n: int) -> None:
    assert N.cn_to_int(N.int_to_cn(n)) == n


@pytest.mark.parametrize(
    ("label", "expected"),
    [("第十二条之一", (12, 1)), ("第一百二十条之二", (120, 2)), ("第一条", (1, 0)), ("第 一 条", (1, 0)),
     ("第五條", (5, 0)), ("第一千二百六十条", (1260, 0)), ("第一百三十三条之二", (133, 2))],
)
def test_article_labels(label: str, expected: tuple[int, int]) -> None:
    assert N.parse_article_label(label) == expected


def test_article_label_writes_suffix() -> None:
    assert N.article_label(12, 1) == "第十二条之一"
    assert N.article_label(12) == "第十二条"


@pytest.mark.parametrize(
    ("label", "expected"),
    [("第二编", ("编", 2)), ("第一分编", ("分编", 1)), ("第十二章", ("章", 12)), ("第三节", ("节", 3)),
     ("第二編", ("编", 2)), ("第一節", ("节", 1))],
)
def test_division_labels(label: str, expected: tuple[str, int]) -> None:
    assert N.parse_division_label(label) == expected


def test_item_and_subitem_labels() -> None:
    assert N.parse_item_label("（一）") == 1
    assert N.parse_item_label("(十二)") == 12
    assert N.parse_item_label("(三）") == 3
    assert N.parse_subitem_label("1.") == 1
    assert N.parse_subitem_label("12．") == 12
    assert N.parse_decision_label("三十一、") == 31
    for bad, fn in (("一", N.parse_item_label), ("a.", N.parse_subitem_label), ("一", N.parse_decision_label),
                    ("第一章", N.parse_article_label), ("第一条", N.parse_division_label)):
        with pytest.raises(ValueError):
            fn(bad)
    with pytest.raises(ValueError):
        N.division_label("款", 1)
    with pytest.raises(ValueError):
        N.int_to_cn(-1)


def test_civil_code_article_labels_round_trip(corpora) -> None:
    """Every 第X条 label in the bundled corpus reads back to the same label."""
    rx = re.compile(r"^第([一二三四五六七八九十百千零]+)条(?:之([一二三四五六七八九十]+))?", re.M)
    count = 0
    for path in corpora.glob("*.md"):
        for m in rx.finditer(path.read_text(encoding="utf-8")):
            n, s = N.parse_article_label(m.group(0))
            assert N.article_label(n, s) == m.group(0)
            count += 1
    assert count > 1900  # 1,932 line-start labels in corpora/


@pytest.mark.parametrize(
    ("label", "expected"),
    [("第二款", ("款", 2)), ("第三項", ("项", 3)), ("第十二项", ("项", 12)), ("第一百條", ("条", 100)),
     ("第二編", ("编", 2)), ("第四目", ("目", 4)), ("第一分编", ("分编", 1))],
)
def test_ordinal_labels_including_traditional(label: str, expected: tuple[str, int]) -> None:
    assert N.parse_ordinal_label(label) == expected


def test_ordinal_label_rejects_other_text() -> None:
    with pytest.raises(ValueError):
        N.parse_ordinal_label("第二届")
