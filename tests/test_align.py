"""Alignment: real corpus pairs, hand-checked gold alignments, synthetic edits and invariants."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawdiff.align import align
from lawdiff.errors import ConfigError
from lawdiff.model import Article, Clause, Document, Relation
from lawdiff.pins import parse_pins

GOLD = Path(__file__).parent / "fixtures" / "gold"


def read(path):
    from lawdiff.io import read as _read

    return _read(path)


def make_doc(texts, title="某某条例") -> Document:
    """A document whose articles 第1条.. hold ``texts`` (paragraphs split on newlines)."""
    body = tuple(
        Article(k + 1, f"第{k + 1}条", tuple(Clause(i + 1, p) for i, p in enumerate(t.split("\n"))))
        for k, t in enumerate(texts)
    )
    return Document(title=title, body=body)


def labels(units):
    return [u.label for u in units]


def relations(alignment):
    return Counter(p.relation for p in alignment.pairs)


# ---------------------------------------------------------------------------
# real pairs


def test_joint_decisions_are_identical_or_equivalent(corpora):
    al = align(corpora / "yunnan_chishui_joint_decision_2021.md", corpora / "guizhou_chishui_joint_decision_2021.md")
    assert relations(al) == {Relation.IDENTICAL: 13, Relation.EQUIVALENT: 5}
    for p in al.pairs:
        assert labels(p.old) == labels(p.new)
        assert not p.renumbered and not p.moved
        if p.relation is Relation.EQUIVALENT:
            assert p.terms, labels(p.old)
            for t in p.terms:
                assert t.old != t.new
    by_label = {p.old[0].label: p for p in al.pairs}
    terms = {(t.old, t.new) for t in by_label["三、"].terms}
    assert ("昭通市", "毕节市、遵义市") in terms
    assert ("贵州省", "云南省") in terms


def test_joint_decisions_without_detection_are_modified(corpora):
    al = align(
        corpora / "yunnan_chishui_joint_decision_2021.md",
        corpora / "guizhou_chishui_joint_decision_2021.md",
        detect_jurisdictions=False,
    )
    assert relations(al) == {Relation.IDENTICAL: 13, Relation.MODIFIED: 5}


def test_foreign_trade_law_deletion_renumbers_without_changes(corpora):
    al = align(corpora / "cn_foreign_trade_law_2016.md", corpora / "cn_foreign_trade_law_2022.md")
    deleted = [p for p in al.pairs if p.relation is Relation.DELETED]
    assert [labels(p.old) for p in deleted] == [["第九条"]]
    identical = [p for p in al.pairs if p.relation is Relation.IDENTICAL]
    assert len(identical) == 63
    assert not any(p.moved for p in al.pairs)
    for p in identical:
        # every article after the deleted 第九条 moved up by one
        assert p.renumbered == (p.old[0].number > 9)
        assert p.new[0].number == p.old[0].number - (1 if p.old[0].number > 9 else 0)
    assert all(p.relation is not Relation.ADDED for p in al.pairs)


def test_independent_drafts_are_mostly_unpaired(corpora):
    """A negative control: two provinces' railway regulations drafted independently."""
    al = align(corpora / "chongqing_railway_safety_reg_2022.md", corpora / "shandong_railway_safety_reg_2021.md")
    counts = relations(al)
    assert counts[Relation.IDENTICAL] == 0
    assert counts[Relation.ADDED] + counts[Relation.DELETED] > 3 * counts[Relation.MODIFIED]


# ---------------------------------------------------------------------------
# gold


def score_against_gold(alignment, gold) -> tuple[float, float, float]:
    """(pairing precision, pairing recall, relation accuracy) of ``alignment`` against ``gold``."""

    def links(pairs):
        out = set()
        for left, right in pairs:
            out.update((a, b) for a in left for b in right)
        return out

    gold_pairs = [(tuple(p["left"]), tuple(p["right"]), p["relation"]) for p in gold["pairs"]]
    got_pairs = [(tuple(labels(p.old)), tuple(labels(p.new)), p.relation.value) for p in alignment.pairs]
    g = links((l, r) for l, r, _ in gold_pairs)
    s = links((l, r) for l, r, _ in got_pairs)
    precision = len(g & s) / len(s) if s else 1.0
    recall = len(g & s) / len(g) if g else 1.0
    got = {(l, r): rel for l, r, rel in got_pairs}
    accuracy = sum(1 for l, r, rel in gold_pairs if got.get((l, r)) == rel) / len(gold_pairs)
    return precision, recall, accuracy


GOLD_FILES = sorted(GOLD.glob("*.json"))


def test_there_are_at_least_three_gold_alignments():
    assert len(GOLD_FILES) >= 3
    for f in GOLD_FILES:
        gold = json.loads(f.read_text(encoding="utf-8"))
        assert gold["checked"] and gold["pairs"]
        rels = {p["relation"] for p in gold["pairs"]}
        assert rels <= {r.value for r in Relation}


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda f: f.stem)
def test_alignment_matches_gold(gold_file, corpora):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    left, right = (corpora / name for name in gold["bundled"])
    precision, recall, accuracy = score_against_gold(align(left, right), gold)
    assert precision >= 0.99 and recall >= 0.99, (precision, recall)
    assert accuracy >= 0.97, accuracy


@pytest.mark.corpus
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda f: f.stem)
def test_alignment_matches_gold_on_bulk_corpus(gold_file, bulk_corpus):
    """The gold files name texts of the bulk corpus; the bundled copies are the same texts."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    left, right = bulk_corpus / gold["left"], bulk_corpus / gold["right"]
    precision, recall, accuracy = score_against_gold(align(left, right), gold)
    assert precision >= 0.99 and recall >= 0.99, (precision, recall)
    assert accuracy >= 0.97, accuracy


# ---------------------------------------------------------------------------
# synthetic edits

ARTS = [
    "为了规范法律援助工作，保障公民和有关当事人的合法权益，制定本条例。",
    "县级以上人民政府应当将法律援助工作纳入国民经济和社会发展规划。",
    "司法行政部门指导、监督本行政区域的法律援助工作。",
    "法律援助机构负责受理、审查法律援助申请，指派律师提供法律援助。",
    "律师事务所、基层法律服务所应当支持和配合法律援助工作。",
    "公民申请代理、刑事辩护的法律援助应当提交身份证明和经济困难证明。",
    "法律援助人员应当依法履行职责，及时为受援人提供符合标准的法律服务。",
    "违反本条例规定，法律援助人员泄露当事人隐私的，由司法行政部门给予警告。",
    "本条例自2024年1月1日起施行。",
]


def test_split_and_merge_are_found():
    old = make_doc(ARTS)
    new_texts = ARTS[:3] + [
        "法律援助机构负责受理、审查法律援助申请。",
        "法律援助机构指派律师提供法律援助。",
    ] + ARTS[4:]
    al = align(old, make_doc(new_texts))
    split = [p for p in al.pairs if p.relation is Relation.SPLIT]
    assert [(labels(p.old), labels(p.new)) for p in split] == [(["第4条"], ["第4条", "第5条"])]
    assert not split[0].renumbered and not split[0].moved
    back = align(make_doc(new_texts), old)
    merged = [p for p in back.pairs if p.relation is Relation.MERGED]
    assert [(labels(p.old), labels(p.new)) for p in merged] == [(["第4条", "第5条"], ["第4条"])]


def test_move_added_deleted():
    new_texts = [ARTS[0], ARTS[1], ARTS[3], ARTS[4], ARTS[5], ARTS[2], "新增加的一条关于法律援助志愿者的规定。", ARTS[7], ARTS[8]]
    al = align(make_doc(ARTS), make_doc(new_texts))
    by_rel = {r: [(labels(p.old), labels(p.new)) for p in al.pairs if p.relation is r] for r in Relation}
    assert by_rel[Relation.DELETED] == [(["第7条"], [])]
    assert by_rel[Relation.ADDED] == [([], ["第7条"])]
    moved = [(labels(p.old), labels(p.new)) for p in al.pairs if p.moved]
    assert moved == [(["第3条"], ["第6条"])]
    # reading order follows the new document; the deleted unit follows its old neighbour
    order = [(labels(p.old), labels(p.new)) for p in al.pairs]
    assert order.index((["第7条"], [])) == order.index((["第6条"], ["第5条"])) + 1


def test_rewritten_article_in_place_stays_modified_and_unrelated_one_does_not():
    rewritten = "法律援助人员应当恪尽职守，按照服务标准为受援人提供法律服务，不得收取财物。"
    al = align(make_doc(ARTS), make_doc(ARTS[:6] + [rewritten] + ARTS[7:]))
    [p] = [p for p in al.pairs if p.relation is not Relation.IDENTICAL]
    assert p.relation is Relation.MODIFIED and labels(p.old) == ["第7条"]
    unrelated = "本市建设用地使用权出让收入按照规定纳入一般公共预算管理。"
    al = align(make_doc(ARTS), make_doc(ARTS[:6] + [unrelated] + ARTS[7:]))
    assert relations(al)[Relation.DELETED] == 1 and relations(al)[Relation.ADDED] == 1


def test_threshold_option():
    rewritten = "法律援助人员应当恪尽职守，按照服务标准为受援人提供法律服务，不得收取财物。"
    al = align(make_doc(ARTS), make_doc(ARTS[:6] + [rewritten] + ARTS[7:]), inplace_threshold=0.9, threshold=0.9)
    assert relations(al)[Relation.MODIFIED] == 0
    with pytest.raises(ConfigError):
        align(make_doc(ARTS), make_doc(ARTS), threshold=1.5)


def test_format_only_difference_is_identical_with_notes():
    al = align(make_doc(["本条例自2024年1月1日起施行(一)。"]), make_doc(["本条例自2024年1月1日起施行（一）。"]))
    [p] = al.pairs
    assert p.relation is Relation.IDENTICAL and p.format_notes
    al = align(make_doc(["施行(一)。"]), make_doc(["施行（一）。"]), strict_format=True)
    assert al.pairs[0].relation is Relation.MODIFIED


def test_pins_force_and_forbid():
    old, new = make_doc(ARTS), make_doc(ARTS)
    pins = parse_pins("第2条 != 第2条\n第3条 = 第4条 # forced\n")
    al = align(old, new, pins=pins)
    pairs = {(tuple(labels(p.old)), tuple(labels(p.new))): p for p in al.pairs}
    assert (("第2条",), ("第2条",)) not in pairs
    assert pairs[(("第3条",), ("第4条",))].relation is Relation.MODIFIED
    al = align(old, new, pins=parse_pins("第9条 = -\n- = 第9条\n第4条 = 第4条 + 第5条"))
    rels = {(tuple(labels(p.old)), tuple(labels(p.new))): p.relation for p in al.pairs}
    assert rels[(("第9条",), ())] is Relation.DELETED
    assert rels[((), ("第9条",))] is Relation.ADDED
    assert rels[(("第4条",), ("第4条", "第5条"))] is Relation.SPLIT


@pytest.mark.parametrize(
    "text, message",
    [("第2条 ~ 第3条", "expected"), ("第99条 = 第1条", "names no unit"), ("- = -", "both sides"),
     ("第1条 = 第1条\n第1条 = 第2条", "pinned twice")],
)
def test_bad_pins(text, message):
    with pytest.raises(ConfigError, match=message):
        align(make_doc(ARTS), make_doc(ARTS), pins=parse_pins(text, source="pins.txt"))


def test_pin_file(tmp_path):
    f = tmp_path / "pins.txt"
    f.write_text("# comment\n第3条 = 第4条\n", encoding="utf-8")
    al = align(make_doc(ARTS), make_doc(ARTS), pins=f)
    assert any(labels(p.old) == ["第3条"] and labels(p.new) == ["第4条"] for p in al.pairs)


# ---------------------------------------------------------------------------
# invariants

# distinct texts: when a text repeats, which copy pairs with which is a tie broken by position
texts = st.lists(st.sampled_from(ARTS + ["第一句。\n第二句。", "（删去）", "施行(一)。"]), min_size=0, max_size=9, unique=True)
NEW = ["国家鼓励和支持群团组织、企业事业单位依法提供法律援助。", "法律援助经费应当专款专用，接受财政、审计部门的监督。",
       "法律援助机构应当建立法律援助信息公开制度，定期向社会公布法律援助资金使用情况。"]
edits = st.lists(
    st.tuples(st.sampled_from(["keep", "drop", "insert", "edit", "move", "split", "merge"]), st.integers(0, 8)),
    max_size=9,
)


def apply_edits(base, ops):
    out = list(base)
    for op, k in ops:
        if not out and op != "insert":
            continue
        k %= max(len(out), 1)
        if op == "drop":
            del out[k]
        elif op == "insert":
            fresh = [t for t in NEW if t not in out]
            if fresh:
                out.insert(k, fresh[0])
        elif op == "edit" and out[k][:-3] + "等事项。" not in out:
            out[k] = out[k][:-3] + "等事项。"
        elif op == "move":
            out.append(out.pop(k))
        elif op == "split" and "，" in out[k]:
            head, _, tail = out[k].partition("，")
            out[k : k + 1] = [head + "。", tail]
        elif op == "merge" and k + 1 < len(out):
            out[k : k + 2] = [out[k] + out[k + 1]]
    return out


def assert_each_unit_once(al, old, new):
    seen_old = [u.label for p in al.pairs for u in p.old]
    seen_new = [u.label for p in al.pairs for u in p.new]
    assert sorted(seen_old) == sorted(u.label for u in old.units())
    assert sorted(seen_new) == sorted(u.label for u in new.units())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, edits)
def test_alignment_invariants(base, ops):
    old, new = make_doc(base), make_doc(apply_edits(base, ops))
    al = align(old, new)
    assert_each_unit_once(al, old, new)
    for p in al.pairs:
        assert 0.0 <= p.score <= 1.0
    # same result on every run
    assert align(old, new).pairs == al.pairs
    # swapping sides swaps added/deleted and split/merged
    swap = {Relation.ADDED: Relation.DELETED, Relation.DELETED: Relation.ADDED,
            Relation.SPLIT: Relation.MERGED, Relation.MERGED: Relation.SPLIT}
    back = align(new, old)
    forward = {(tuple(labels(p.old)), tuple(labels(p.new))): (p.relation, p.moved) for p in al.pairs}
    reverse = {(tuple(labels(p.new)), tuple(labels(p.old))): (swap.get(p.relation, p.relation), p.moved)
               for p in back.pairs}
    assert forward == reverse


@settings(max_examples=40, deadline=None)
@given(texts)
def test_self_comparison_is_all_identical(base):
    doc = make_doc(base)
    al = align(doc, doc)
    assert all(p.relation is Relation.IDENTICAL and not p.moved and not p.renumbered for p in al.pairs)
    assert len(al.pairs) == len(base)


def test_self_comparison_of_real_text(corpora):
    doc = read(corpora / "cn_legislation_law_2023.md")
    al = align(doc, doc)
    assert {p.relation for p in al.pairs} == {Relation.IDENTICAL}
    assert len(al.pairs) == len(list(doc.units()))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("法律一二三〇○零0O年(（)）:：;；,，.．\"“「」<>《》〈〉１Ａａ \u3000\n\u200b甲乙")), max_size=30))
def test_exact_key_is_compare_key(text):
    from lawdiff.align import exact_key
    from lawdiff.normalize import compare_key

    assert exact_key(text) == compare_key(text)


def test_province_and_municipality_versions_of_a_joint_decision(corpora):
    """The Sichuan half of the 川渝高竹新区 decision is not public; derive it from the Chongqing half
    the way the two halves differ (names swapped, 渝北区 -> 广安市, 市级、区级 -> 省级、市级)."""
    import lawdiff

    source = (corpora / "chongqing_gaozhu_new_area_decision_2024.md").read_text(encoding="utf-8")
    sichuan = (
        source.replace("重庆市", "\0").replace("四川省", "重庆市").replace("\0", "四川省")
        .replace("渝北区", "广安市").replace("市级、区级", "省级、市级")
    )
    al = align(lawdiff.parse(sichuan, source="sichuan.md"), corpora / "chongqing_gaozhu_new_area_decision_2024.md")
    counts = relations(al)
    assert counts[Relation.EQUIVALENT] == 12 and counts[Relation.IDENTICAL] == 4
    # 十六、 lists the places of the new area; swapping names there makes it a real change
    assert [labels(p.old) for p in al.pairs if p.relation is Relation.MODIFIED] == [["十六、"]]
    first = next(p for p in al.pairs if labels(p.old) == ["一、"])
    assert {(t.old, t.new) for t in first.terms} >= {("省级", "市级"), ("市级", "区级")}
    second = next(p for p in al.pairs if labels(p.old) == ["二、"])
    assert [(t.old, t.new) for t in second.terms] == [("四川省、广安市", "重庆市、渝北区")]


def test_crossed_split_and_merge_is_symmetric():
    """A split of one article whose second piece also absorbs the next article (found by hypothesis):
    either reading is defensible, but swapping the documents must swap split and merged, not change
    the answer."""
    base = [
        "为了规范法律援助工作，保障公民和有关当事人的合法权益，制定本条例。",
        "法律援助机构负责受理、审查法律援助申请，指派律师提供法律援助。",
        "违反本条例规定，法律援助人员泄露当事人隐私的，由司法行政部门给予警告。",
        "施行(一)。",
    ]
    new = [base[0], base[1], "违反本条例规定。", "法律援助人员泄露当事人隐私的，由司法行政部门给予警告。施行(一)。"]
    old_doc, new_doc = make_doc(base), make_doc(new)
    swap = {Relation.ADDED: Relation.DELETED, Relation.DELETED: Relation.ADDED,
            Relation.SPLIT: Relation.MERGED, Relation.MERGED: Relation.SPLIT}
    forward = {(tuple(labels(p.old)), tuple(labels(p.new))): p.relation for p in align(old_doc, new_doc).pairs}
    reverse = {(tuple(labels(p.new)), tuple(labels(p.old))): swap.get(p.relation, p.relation)
               for p in align(new_doc, old_doc).pairs}
    assert forward == reverse
    assert {Relation.SPLIT, Relation.MERGED} & set(forward.values())
