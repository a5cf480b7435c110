"""Cross-reference extraction and resolution (lawdiff.refs)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from lawdiff.model import Article, Clause, Item
from lawdiff.numerals import int_to_cn
from lawdiff.refs import (
    Address,
    Context,
    Locator,
    UnitIndex,
    find_references,
    lookup,
    resolve,
)


def one(text: str):
    refs = find_references(text)
    assert len(refs) == 1, refs
    return refs[0]


# -- finding ---------------------------------------------------------------


def test_absolute_with_scope_and_levels() -> None:
    ref = one("违反本条例第十二条之一第二款第三项规定的")
    assert ref.text == "本条例第十二条之一第二款第三项"
    assert (ref.scope, ref.act, ref.quoted) == ("this", "本条例", False)
    loc = ref.targets[0].first
    assert (loc.base, loc.article, loc.suffix, loc.clause, loc.item) == ("absolute", 12, 1, 2, 3)
    assert ref.text == "违反本条例第十二条之一第二款第三项规定的"[ref.start : ref.end]


def test_other_act_in_title_marks_and_by_name() -> None:
    ref = one("依照《中华人民共和国行政处罚法》第三十条、第三十一条的规定")
    assert ref.scope == "other" and ref.act == "《中华人民共和国行政处罚法》"
    assert [t.first.article for t in ref.targets] == [30, 31]
    ref = one("依照刑法第一百三十三条之一的规定追究")
    assert ref.scope == "other" and ref.act == "刑法"
    ref = one("该条例第五条规定")
    assert ref.scope == "other"
    assert one("依法第三条").scope == "unscoped"  # 依法 is not an act


def test_list_inherits_levels_from_the_locator_before() -> None:
    ref = one("本法第二十条第一款、第二款和第四款")
    assert [(t.first.article, t.first.clause) for t in ref.targets] == [(20, 1), (20, 2), (20, 4)]
    ref = one("第二十条、第二十一条第二款和第五十条")
    assert [(t.first.article, t.first.clause) for t in ref.targets] == [(20, None), (21, 2), (50, None)]
    ref = one("前款第一项、第二项")
    assert [(t.first.base, t.first.item) for t in ref.targets] == [("previous_clauses", 1), ("previous_clauses", 2)]


def test_ranges() -> None:
    ref = one("本条例第十条至第十五条")
    target = ref.targets[0]
    assert target.is_range and (target.first.article, target.last.article) == (10, 15)
    ref = one("第十条第一款至第三款")
    target = ref.targets[0]
    assert (target.last.article, target.last.clause) == (10, 3)
    ref = one("有第一项至第三项、第五项情形")
    assert len(ref.targets) == 2 and ref.targets[0].is_range and ref.targets[1].first.item == 5


def test_relative_forms() -> None:
    assert one("前款规定").targets[0].first == Locator("previous_clauses", back=1)
    assert one("前两款规定").targets[0].first == Locator("previous_clauses", back=2)
    assert one("前三款").targets[0].first.back == 3
    assert one("本条第一款第（一）项").targets[0].first == Locator("article", clause=1, item=1)
    assert one("依照第二款规定").targets[0].first == Locator("article", clause=2)
    assert one("本款第二项").targets[0].first == Locator("clause", item=2)
    assert one("前项").targets[0].first == Locator("previous_items", back=1)
    # a relative word starts a reference of its own
    assert [r.text for r in find_references("本法第十条和前款")] == ["本法第十条", "前款"]
    assert [r.text for r in find_references("前两款和第五款")] == ["前两款和第五款"]


def test_not_references() -> None:
    assert find_references("第十三届全国人民代表大会第二次会议通过") == ()
    assert find_references("本法自2020年1月1日起施行。") == ()
    assert find_references("本条例所称社会信用") == ()


def test_quoted_payload_is_marked() -> None:
    refs = find_references("将第十条修改为：“本法第十二条规定的……”")
    assert [(r.text, r.quoted) for r in refs] == [("第十条", False), ("本法第十二条", True)]
    assert not refs[1].internal


@given(st.integers(1, 1300), st.integers(0, 5), st.integers(1, 9), st.integers(1, 20))
def test_round_trip_of_generated_citations(article: int, suffix: int, clause: int, item: int) -> None:
    label = f"第{int_to_cn(article)}条" + (f"之{int_to_cn(suffix)}" if suffix else "")
    text = f"违反本法{label}第{int_to_cn(clause)}款第{int_to_cn(item)}项规定的，依照前款处罚"
    refs = find_references(text)
    assert [r.text for r in refs] == [f"本法{label}第{int_to_cn(clause)}款第{int_to_cn(item)}项", "前款"]
    loc = refs[0].targets[0].first
    assert (loc.article, loc.suffix, loc.clause, loc.item) == (article, suffix, clause, item)
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text


# -- resolving and looking up ---------------------------------------------


def test_resolve_relative() -> None:
    ctx = Context(12, 0, 3)
    assert resolve(Locator("previous_clauses", back=1), ctx).addresses == (Address(12, 0, 2),)
    assert resolve(Locator("previous_clauses", back=2), ctx).addresses == (Address(12, 0, 1), Address(12, 0, 2))
    assert resolve(Locator("previous_clauses", back=1, item=2), ctx).addresses == (Address(12, 0, 2, 2),)
    assert resolve(Locator("article", clause=1), ctx).addresses == (Address(12, 0, 1),)
    assert resolve(Locator("clause", item=4), ctx).addresses == (Address(12, 0, 3, 4),)
    assert resolve(Locator("absolute", article=5, clause=2), ctx).addresses == (Address(5, 0, 2),)
    assert resolve(Locator("previous_article", back=1), Context(12, 1)).addresses == (Address(11),)


def test_resolve_problems() -> None:
    assert resolve(Locator("previous_clauses", back=1), Context(3, 0, 1)).problem == "no-previous-clause"
    assert resolve(Locator("previous_clauses", back=2), Context(3, 0, 2)).problem == "no-previous-clause"
    assert resolve(Locator("previous_items", back=1), Context(3, 0, 1, 1)).problem == "no-previous-item"
    assert resolve(Locator("previous_article", back=1), Context(1)).problem == "no-previous-article"


def _article(number: int, clause_items: list[int], suffix: int = 0) -> Article:
    clauses = tuple(
        Clause(i + 1, f"款{i + 1}", tuple(Item(n + 1, f"（{int_to_cn(n + 1)}）", "项") for n in range(k)))
        for i, k in enumerate(clause_items)
    )
    return Article(number, f"第{int_to_cn(number)}条", clauses, suffix=suffix)


def test_lookup_levels() -> None:
    index = UnitIndex.of([_article(1, [0]), _article(2, [3, 0]), _article(2, [0], suffix=1)])
    assert lookup(Address(1), index) is None
    assert lookup(Address(3), index) == "article"
    assert lookup(Address(2, 1), index) is None
    assert lookup(Address(2, 0, 3), index) == "clause"
    assert lookup(Address(2, 0, 1, 3), index) is None
    assert lookup(Address(2, 0, 1, 4), index) == "item"
    assert lookup(Address(2, 0, 2, 1), index) == "item"
    # 第二条第三项: the item is looked up in the clauses of the article
    assert lookup(Address(2, 0, None, 3), index) is None
    assert lookup(Address(2, 0, None, 1, 1), index) == "subitem"


# -- real text -------------------------------------------------------------


def test_real_corpus_references(corpora: Path) -> None:
    lines = (corpora / "cn_legislation_law_2023.md").read_text(encoding="utf-8").splitlines()
    refs = find_references(lines[339])  # 设区的市、自治州根据本条第一款、第二款制定地方性法规，限于本法第八十一条第一款…
    assert [r.text for r in refs] == ["本条第一款、第二款", "本法第八十一条第一款"]
    assert [t.first.clause for t in refs[0].targets] == [1, 2]
    assert refs[1].targets[0].first == Locator("absolute", article=81, clause=1)
    counts = {"this": 0, "other": 0, "unscoped": 0, "relative": 0}
    for path in sorted(corpora.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for ref in find_references(line):
                counts[ref.scope] += 1
                assert line[ref.start : ref.end] == ref.text
                assert ref.targets
    # every kind of reference occurs in the bundled corpus, 前款 most of all
    assert all(counts.values()), counts
    assert counts["relative"] > counts["this"] > 50


@pytest.mark.parametrize(
    "text, expected",
    [
        ("依照《中华人民共和国消费者权益保护法》第五十五条第一款的规定", [("other", 55, 1)]),
        ("有前款第二项、第三项行为之一的", [("relative", None, None), ("relative", None, None)]),
        ("本办法第三条至第五条", [("this", 3, None)]),
    ],
)
def test_scope_table(text: str, expected: list[tuple]) -> None:
    ref = one(text)
    got = [(ref.scope, t.first.article, t.first.clause) for t in ref.targets]
    assert got == expected


_ALPHABET = st.sampled_from(list("第条款项目之至、和或者及本法条例前两三一二十百零（）()《》“”的规定依照刑法该") + ["1", "2"])


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_find_references_never_fails_and_spans_hold(text: str) -> None:
    refs = find_references(text)
    last_end = 0
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text
        assert ref.start >= last_end and ref.targets
        last_end = ref.end
        for target in ref.targets:
            assert ref.start <= target.start < target.end <= ref.end
