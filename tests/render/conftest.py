"""Fixtures of the renderer tests: real corpus comparisons and a hostile one."""
from __future__ import annotations

import pytest

from lawdiff.model import Article, Clause, Comparison, Division, Document, Level, Op, Pair, Relation, TermDiff

from ._build import PAIRS, char_ops, named_pair, summarize

HOSTILE_TEXTS = (
    "<script>alert('x')</script>应当</td></tr>]]>公开",
    "a | b || c \\| d `code` *星* _下_ ~~删~~ [链接](http://example.com) # 标题",
    "控制字符\x0b垂直制表\x1f单元分隔\x00空字符与孤立代理\ud800结束\ufffe。",
    "&amp; &lt; <!-- comment --> <![CDATA[ x ]]> <w:t>注入</w:t>",
)


@pytest.fixture(scope="session", params=sorted(PAIRS))
def corpus_comparison(request: pytest.FixtureRequest) -> Comparison:
    """Each corpus pair of the brief, compared by the test builder (tests/render/_build.py)."""
    return named_pair(request.param)


@pytest.fixture(scope="session")
def chishui() -> Comparison:
    return named_pair("chishui")


@pytest.fixture(scope="session")
def foreign_trade() -> Comparison:
    return named_pair("foreign_trade")


@pytest.fixture(scope="session")
def holidays() -> Comparison:
    return named_pair("holidays")


def _article(number: int, label: str, *paragraphs: str, path: tuple[str, ...] = ("第一章",)) -> Article:
    return Article(
        number=number,
        label=label,
        clauses=tuple(Clause(index=i + 1, text=t) for i, t in enumerate(paragraphs)),
        path=path,
    )


@pytest.fixture(scope="session")
def hostile() -> Comparison:
    """Articles whose text holds markup, pipes, control characters and lone surrogates."""
    old_units = [_article(i + 1, f"第{'一二三四'[i]}条", text, "第二款" + text[:5]) for i, text in enumerate(HOSTILE_TEXTS)]
    new_units = [
        _article(i + 1, f"第{'一二三四'[i]}条", text.replace("应当", "<b>必须</b>") + "|新增</td>", "第二款" + text[:5])
        for i, text in enumerate(HOSTILE_TEXTS)
    ]
    added = _article(5, "第五条", "新增</script><script>alert(1)</script>\x0b")
    title = "<i>危险</i>标题|条例]]>"
    left = Document(
        title=title,
        body=(Division(Level.CHAPTER, 1, "第一章", "总则<hr>", tuple(old_units)),),
        preamble=("（2020年<b>1</b>月1日通过）\x1f",),
        source="hostile_old.md",
    )
    right = Document(
        title=title,
        body=(Division(Level.CHAPTER, 1, "第一章", "总则<hr>", tuple(new_units + [added])),),
        preamble=("（2024年1月1日修订）",),
        source="hostile_new.md",
    )
    pairs = [
        Pair(
            old=(o,),
            new=(n,),
            relation=Relation.MODIFIED,
            score=0.9,
            ops=char_ops(o.text, n.text),
            terms=(TermDiff("<本省>", "|本市|"),),
            format_notes=("格式<说明>|",),
        )
        for o, n in zip(old_units, new_units)
    ]
    pairs.append(Pair(old=(), new=(added,), relation=Relation.ADDED, score=0.0, ops=(Op("insert", "", added.text),)))
    return Comparison(left=left, right=right, pairs=tuple(pairs), summary=summarize(pairs, left, right))


REAL_PAIRS = {
    "chishui": ("yunnan_chishui_joint_decision_2021", "guizhou_chishui_joint_decision_2021"),
    "foreign_trade": ("cn_foreign_trade_law_2016", "cn_foreign_trade_law_2022"),
    "biosecurity": ("cn_biosecurity_law_2020", "cn_biosecurity_law_2024"),
    "holidays": ("cn_public_holidays_measures_2013", "cn_public_holidays_measures_2024"),
    "legislation": ("cn_legislation_law_2015", "cn_legislation_law_2023"),  # a split, 14 added
    "reconsideration": ("cn_admin_reconsideration_law_2017", "cn_admin_reconsideration_law_2023"),  # full revision
}


@pytest.fixture(scope="session", params=sorted(REAL_PAIRS))
def real_comparison(request: pytest.FixtureRequest, corpora) -> Comparison:
    """The corpus pairs through the real pipeline (lawdiff.compare: parser, aligner, diff)."""
    try:
        from lawdiff.compare import compare
    except ImportError as err:  # pragma: no cover - only while the aligner is being written
        pytest.skip(f"lawdiff.compare is not available: {err}")
    old, new = REAL_PAIRS[request.param]
    return compare(corpora / f"{old}.md", corpora / f"{new}.md")
