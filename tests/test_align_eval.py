"""Independent evaluation of the aligner: hand-checked revision pairs and constructed coordination cases.

The cases are in tests/fixtures/eval/ (docs/alignment.md, "Evaluation"); the scoring and the greedy
baseline are those of benchmarks/eval_align.py, loaded from there so that the test and the benchmark
cannot drift apart.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from lawdiff.align import align
from lawdiff.io import read
from lawdiff.jurisdiction import build_maskers, detect
from lawdiff.model import Relation

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "fixtures" / "eval"


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("eval_align", ROOT / "benchmarks" / "eval_align.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_align", module)
    spec.loader.exec_module(module)
    return module


ev = _load_benchmark()
CASES = ev.load_cases(EVAL)
BY_NAME = {c.name: c for c in CASES}


def test_cases_are_there():
    kinds = Counter(c.kind for c in CASES)
    assert kinds["revision"] >= 4 and kinds["constructed"] >= 3 and kinds["coordinated"] >= 1, kinds
    relations = {rel for c in CASES for _, _, rel in c.gold}
    assert {"identical", "equivalent", "modified", "split", "merged", "added", "deleted"} <= relations


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_gold_covers_every_unit_once(case):
    """Each unit of both texts is in exactly one gold pair, and the labels exist."""
    left = [u.label for u in read(case.left).units()]
    right = [u.label for u in read(case.right).units()]
    gl = [x for l, _, _ in case.gold for x in l]
    gr = [y for _, r, _ in case.gold for y in r]
    assert sorted(gl) == sorted(left) and len(set(gl)) == len(gl)
    assert sorted(gr) == sorted(right) and len(set(gr)) == len(gr)
    data = json.loads((EVAL / f"{case.name}.json").read_text(encoding="utf-8"))
    assert len(data["checked"]) > 80  # says how the truth was established


@pytest.mark.parametrize("case", [c for c in CASES if c.kind != "revision"], ids=lambda c: c.name)
def test_coordination_cases_are_perfect(case):
    """Jointly adopted / constructed province-vs-city texts: every pair and relation right."""
    s = ev.score(ev.run_lawdiff(case), case.gold)
    assert (s.precision, s.recall, s.accuracy) == (1.0, 1.0, 1.0), ev.run_lawdiff(case)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_lawdiff_is_not_worse_than_the_greedy_baseline(case):
    ours = ev.score(ev.run_lawdiff(case), case.gold)
    base = ev.score(ev.run_baseline(case), case.gold)
    assert ours.f1 >= base.f1 and ours.accuracy >= base.accuracy, (ours, base)


def test_pooled_figures():
    """Over all cases (links and gold pairs pooled), the figures reported in docs/alignment.md."""
    total = sum((ev.score(ev.run_lawdiff(c), c.gold) for c in CASES), ev.Score(0, 0, 0, 0, 0))
    base = sum((ev.score(ev.run_baseline(c), c.gold) for c in CASES), ev.Score(0, 0, 0, 0, 0))
    assert total.f1 >= 0.99 and total.accuracy >= 0.99, total
    assert total.f1 > base.f1 and total.accuracy > base.accuracy + 0.1, (total, base)


def test_scoring_counts_unpaired_units():
    gold = [(("第一条",), ("第一条",), "modified"), (("第二条",), (), "deleted")]
    assert ev.score(gold, gold).f1 == 1.0
    wrong = [(("第一条",), (), "deleted"), (("第二条",), ("第一条",), "modified")]
    s = ev.score(wrong, gold)
    assert s.precision == 0.0 and s.recall == 0.0 and s.accuracy == 0.0
    split = [(("第三条",), ("第三条", "第四条"), "split")]
    assert ev.score([(("第三条",), ("第三条",), "modified"), ((), ("第四条",), "added")], split).recall == 0.5


def test_baseline_is_a_baseline():
    """The baseline knows no level wording: it gets the 川渝 wording of the 嘉陵江 decision wrong."""
    case = BY_NAME["coord_jialing_chongqing_sichuan"]
    assert ev.score(ev.run_baseline(case), case.gold).accuracy < 0.5


# ---------------------------------------------------------------------------
# the fixes found by this evaluation


def test_one_way_user_equivalence_adds_to_detection(corpora):
    """``昭通市=毕节市、遵义市`` on top of detection must not undo it (it turned 二、三、 into modified)."""
    y, g = corpora / "yunnan_chishui_joint_decision_2021.md", corpora / "guizhou_chishui_joint_decision_2021.md"
    for equiv in ([("昭通市", "毕节市、遵义市")], [("毕节市、遵义市", "昭通市")], [("云南省", "贵州省")]):
        al = align(y, g, equiv=equiv)
        assert Counter(p.relation for p in al.pairs) == {Relation.IDENTICAL: 13, Relation.EQUIVALENT: 5}, equiv
    swapped = align(g, y, equiv=[("毕节市、遵义市", "昭通市")])
    assert Counter(p.relation for p in swapped.pairs) == {Relation.IDENTICAL: 13, Relation.EQUIVALENT: 5}


def test_user_equivalences_alone_are_symmetric(corpora):
    y, g = corpora / "yunnan_chishui_joint_decision_2021.md", corpora / "guizhou_chishui_joint_decision_2021.md"
    al = align(y, g, detect_jurisdictions=False, equiv=[("云南省", "贵州省"), ("昭通市", "毕节市、遵义市")])
    assert Counter(p.relation for p in al.pairs) == {Relation.IDENTICAL: 13, Relation.EQUIVALENT: 5}
    # a city equivalence alone leaves the items naming the provinces modified: nothing is guessed
    al = align(y, g, detect_jurisdictions=False, equiv=[("昭通市", "毕节市、遵义市")])
    assert Counter(p.relation for p in al.pairs)[Relation.MODIFIED] >= 1


def _maskers(corpora, left: str, right: str):
    return build_maskers(detect(read(corpora / left)), detect(read(corpora / right)))


def test_bare_level_word_in_department_names(corpora):
    """省农业农村主管部门 (province) = 市农业农村主管部门 (municipality); 市场、城市 are not the level word."""
    pm, mm = _maskers(corpora, "shandong_social_credit_reg_2020.md", "chongqing_railway_safety_reg_2022.md")
    assert pm.mask("由省农业农村主管部门会同").text == mm.mask("由市农业农村主管部门会同").text
    assert pm.mask("国家和省规定的其他措施").text == mm.mask("国家和本市规定的其他措施").text
    assert pm.mask("省和设区的市人民政府发展改革部门").text == mm.mask("市和区县（自治县）人民政府发展改革部门").text
    assert pm.mask("设区的市、县（市、区）应当").text == mm.mask("区县（自治县）应当").text
    for text in ("市场监督管理部门", "城市管理部门", "市容环境卫生主管部门", "市民服务机构"):
        assert mm.mask("由" + text + "负责").text == "由" + text + "负责"
    assert pm.mask("省、自治区、直辖市人民政府有关部门").text.startswith("省、自治区、直辖市")
    # and never between two provinces: there 省/市 name different levels
    y2, g2 = _maskers(corpora, "yunnan_chishui_joint_decision_2021.md", "guizhou_chishui_joint_decision_2021.md")
    assert y2.mask("由省农业农村主管部门会同").text != g2.mask("由市农业农村主管部门会同").text


def test_partner_lists_in_another_order(corpora):
    """与贵州省及毕节市、遵义市，四川省及泸州市 (云南) = 与云南省及昭通市，贵州省及毕节市、遵义市 (四川)."""
    case = BY_NAME["coord_chishui_yunnan_sichuan"]
    left, right = read(case.left), read(case.right)
    lm, rm = build_maskers(detect(left), detect(right))
    a = lm.mask("加强与贵州省及毕节市、遵义市，四川省及泸州市的沟通").text
    b = rm.mask("加强与云南省及昭通市，贵州省及毕节市、遵义市的沟通").text
    assert a == b
    c = rm.mask("加强与云南省及昭通市，贵州省及遵义市的沟通").text  # a partner city left out
    assert a != c


def test_rewritten_articles_that_keep_their_places_stay_paired():
    """长江河道采砂管理条例: 第十八、十九条 (penalties) are rewritten in place among insertions and deletions;
    old 第十九条 resembles new 第十八条 more (0.64) than its own successor (0.58), yet both stay in step."""
    case = BY_NAME["rev_yangtze_sand_2001_2023"]
    got = {(l, r): rel for l, r, rel in ev.run_lawdiff(case)}
    assert got[("第十八条",), ("第十八条",)] == "modified"
    assert got[("第十九条",), ("第十九条",)] == "modified"
    assert got[("第二十条",), ("第二十一条",)] == "modified"
    assert got[("第十七条",), ()] == "deleted" and got[(), ("第二十条",)] == "added"


# ---------------------------------------------------------------------------
# provenance


@pytest.mark.corpus
@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "revision"], ids=lambda c: c.name)
def test_revision_texts_are_the_bulk_corpus_files(case, bulk_corpus):
    data = json.loads((EVAL / f"{case.name}.json").read_text(encoding="utf-8"))
    for rel, copy in zip(data["source"], (case.left, case.right)):
        assert (bulk_corpus / rel).read_bytes() == copy.read_bytes(), rel
