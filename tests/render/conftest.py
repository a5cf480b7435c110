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


@pytest.fixture(scope="session")
def nested() -> Comparison:
    """编 > 章 nesting as in the Civil Code: 第一编 (第一章: 1 same, 2 modified), 第二编 (第一章: 3 same; 第二章: 4 modified)."""
    texts = ["民事主体从事民事活动，应当遵循诚信原则。", "自然人的民事权利能力一律平等。", "物权受法律平等保护。", "合同依法成立。"]
    changed = {1: "自然人的民事权利能力一律平等，不受歧视。", 3: "依法成立的合同，受法律保护。"}

    def doc(edit: bool) -> Document:
        arts = [
            _article(i + 1, f"第{'一二三四'[i]}条", changed.get(i, t) if edit else t, path=p)
            for i, (t, p) in enumerate(
                zip(texts, [("第一编", "第一章"), ("第一编", "第一章"), ("第二编", "第一章"), ("第二编", "第二章")])
            )
        ]
        return Document(
            title="某某法典",
            body=(
                Division(Level.BOOK, 1, "第一编", "总则", (Division(Level.CHAPTER, 1, "第一章", "基本规定", tuple(arts[:2])),)),
                Division(
                    Level.BOOK,
                    2,
                    "第二编",
                    "物权",
                    (
                        Division(Level.CHAPTER, 1, "第一章", "一般规定", (arts[2],)),
                        Division(Level.CHAPTER, 2, "第二章", "合同", (arts[3],)),
                    ),
                ),
            ),
        )

    left, right = doc(False), doc(True)
    pairs = []
    for o, n in zip(left.units(), right.units()):
        rel = Relation.IDENTICAL if o.text == n.text else Relation.MODIFIED
        pairs.append(Pair(old=(o,), new=(n,), relation=rel, score=1.0, ops=char_ops(o.text, n.text)))
    return Comparison(left=left, right=right, pairs=tuple(pairs), summary=summarize(pairs, left, right))


@pytest.fixture(scope="session")
def reshuffled(foreign_trade) -> Comparison:
    """对外贸易法 第一至六条 reshuffled: 第一/二条 swapped (moved), 第三+四条 merged, 第五条 split."""
    old = list(foreign_trade.left.units())[:6]
    a, b, c, d, e, f = old
    merged = Article(number=3, label="第三条", clauses=c.clauses + d.clauses)
    split1 = Article(number=4, label="第四条", clauses=e.clauses[:1])
    split2 = Article(number=5, label="第五条", clauses=(Clause(index=1, text="新拆出的一款。"),))
    g = Article(number=6, label="第六条", clauses=f.clauses)
    b2 = Article(number=1, label="第一条", clauses=b.clauses)
    a2 = Article(number=2, label="第二条", clauses=a.clauses)
    left = Document(title="旧法", body=tuple(old))
    right = Document(title="新法", body=(b2, a2, merged, split1, split2, g))

    def pair(o, n, rel, **kw):
        ot, nt = "\n".join(u.text for u in o), "\n".join(u.text for u in n)
        return Pair(old=o, new=n, relation=rel, score=0.9, ops=char_ops(ot, nt), **kw)

    pairs = [
        pair((b,), (b2,), Relation.IDENTICAL, renumbered=True),
        pair((a,), (a2,), Relation.IDENTICAL, renumbered=True, moved=True),
        pair((c, d), (merged,), Relation.MERGED),
        pair((e,), (split1, split2), Relation.SPLIT),
        pair((f,), (g,), Relation.IDENTICAL),
    ]
    return Comparison(left=left, right=right, pairs=tuple(pairs), summary=summarize(pairs, left, right))
