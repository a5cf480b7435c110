"""render/json.py: the lawdiff.comparison/1 schema."""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from lawdiff.compare import compare
from lawdiff.model import Article, Clause, Comparison, Document, Op, Pair, Relation, Span, Summary, TermDiff
from lawdiff.render import render_report
from lawdiff.render.json import SCHEMA, comparison_to_dict, render_json


def test_schema_fields(corpora):
    c = compare(corpora / "yunnan_chishui_joint_decision_2021.md", corpora / "guizhou_chishui_joint_decision_2021.md")
    data = comparison_to_dict(c)
    assert list(data) == ["schema", "left", "right", "options", "summary", "pairs"]
    assert data["schema"] == SCHEMA == "lawdiff.comparison/1"
    assert data["left"]["title"].startswith("云南省") and data["left"]["units"] == 18
    assert data["left"]["source"].endswith("yunnan_chishui_joint_decision_2021.md")
    assert data["summary"] == {"identical": 13, "equivalent": 5, "renumbered": 0, "moved": 0, "pairs": 18}
    pair = data["pairs"][1]
    assert list(pair) == ["relation", "score", "renumbered", "moved", "left", "right", "terms", "format_notes", "ops"]
    assert pair["relation"] == "equivalent"
    assert pair["left"][0]["label"] == "二、" and pair["left"][0]["number"] == 2 and pair["left"][0]["suffix"] == 0
    assert ["昭通市", "毕节市、遵义市"] in pair["terms"]
    old = "".join(op[1] for op in pair["ops"])
    new = "".join(op[2] for op in pair["ops"])
    assert old == c.pairs[1].old_text and new == c.pairs[1].new_text


def test_render_json_is_deterministic_utf8(corpora):
    a, b = corpora / "cn_public_holidays_measures_2013.md", corpora / "cn_public_holidays_measures_2024.md"
    text = render_json(compare(a, b))
    assert text == render_json(compare(a, b))
    assert "春节" in text and text.endswith("\n")
    data = json.loads(text)
    added = [p for p in data["pairs"] if p["relation"] == Relation.ADDED.value]
    assert len(added) == 1 and added[0]["left"] == [] and added[0]["ops"][0][0] == "insert"
    noted = [p for p in data["pairs"] if p["format_notes"]]
    # 第三条 differs only in () vs （）: identical, with notes; 第二条 is modified and carries notes too
    assert [p["relation"] for p in noted] == ["modified", "identical"]
    assert noted[1]["format_notes"] == ["( vs （", ") vs ）"]
    assert render_report(compare(a, b), "json").decode("utf-8") == text


# render_json writes the pairs directly (a speed path); it must stay exactly json.dumps(comparison_to_dict).

def _reference(comparison) -> str:
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False) + "\n"


def test_direct_text_is_json_dumps_on_every_bundled_revision_and_coordination_pair(corpora):
    names = sorted(p.name for p in corpora.glob("*.md") if p.name != "README.md")
    families: dict[str, list[str]] = {}
    for name in names:
        families.setdefault(name.rsplit("_", 1)[0].split("_", 1)[-1], []).append(name)
    pairs = [(a, b) for group in families.values() for a, b in zip(group, group[1:])]
    pairs += [("yunnan_chishui_joint_decision_2021.md", "guizhou_chishui_joint_decision_2021.md"),
              ("chongqing_business_env_reg_2021.md", "shanghai_business_env_reg_2024.md")]
    assert len(pairs) >= 10
    for a, b in pairs:
        c = compare(corpora / a, corpora / b, strict_format=True)
        assert render_json(c) == _reference(c), (a, b)
    c = compare(corpora / "yunnan_chishui_joint_decision_2021.md", corpora / "guizhou_chishui_joint_decision_2021.md",
                equiv=[("昭通市", "毕节市")])
    assert render_json(c) == _reference(c)
    assert json.loads(render_json(c))["options"]["equiv"] == [["昭通市", "毕节市"]]


_TEXT = st.text(alphabet=st.sampled_from(list('甲乙条款"\\/\n\t\x00\x1f\x7f\u2028\ud7ff\U0001f600 é<&')), max_size=12)


@st.composite
def _comparisons(draw):
    def unit(n):
        span = draw(st.one_of(st.none(), st.builds(lambda a, d: Span(a, a + d), st.integers(0, 10**6), st.integers(0, 9))))
        return Article(n, draw(_TEXT), (Clause(1, draw(_TEXT)),), suffix=draw(st.integers(0, 3)),
                       heading=draw(st.one_of(st.none(), _TEXT)), kind=draw(st.sampled_from(["article", "item"])),
                       span=span, eid=draw(st.one_of(st.just(""), _TEXT)))

    pairs = []
    for k in range(draw(st.integers(0, 4))):
        old = tuple(unit(k) for _ in range(draw(st.integers(0, 2))))
        new = tuple(unit(k) for _ in range(draw(st.integers(0, 2))))
        score = draw(st.one_of(st.floats(0, 1), st.just(float("nan")), st.just(1), st.just(float("inf"))))
        ops = tuple(Op(draw(st.sampled_from(["equal", "insert", "delete", "replace"])), draw(_TEXT), draw(_TEXT))
                    for _ in range(draw(st.integers(0, 3))))
        terms = tuple(TermDiff(draw(_TEXT), draw(_TEXT)) for _ in range(draw(st.integers(0, 2))))
        notes = tuple(draw(st.lists(_TEXT, max_size=2)))
        pairs.append(Pair(old, new, draw(st.sampled_from(list(Relation))), score, draw(st.booleans()),
                          draw(st.booleans()), ops, terms, notes))
    doc = Document(draw(_TEXT), (), source=draw(st.one_of(st.none(), _TEXT)))
    summary = Summary(((Relation.IDENTICAL, len(pairs)),), 0, 0, 0, 0)
    return Comparison(doc, doc, tuple(pairs), summary, (("strict_format", draw(st.booleans())),))


@given(_comparisons())
def test_direct_text_is_json_dumps_on_generated_comparisons(comparison):
    assert render_json(comparison) == _reference(comparison)
