"""N-way and three-way comparison (lawdiff.multi) on the real corpora, plus properties."""
from __future__ import annotations

import json
from collections import Counter

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lawdiff
from lawdiff.align import exact_key
from lawdiff.cli._multi import run_multi
from lawdiff.errors import ConfigError, InputError
from lawdiff.model import Relation
from lawdiff.multi import (
    MultiComparison,
    Status,
    agreement_label,
    compare_many,
    compare_three,
    multi_summary,
    row_category,
    three_summary,
)
from lawdiff.numerals import decision_label
from render._multi_cases import (
    CHISHUI,
    CHISHUI_NON_TRANSITIVE,
    FOREIGN_TRADE_STATUS,
    SETS,
    chishui3,
    chishui3_non_transitive,
    corpus_set,
    doc,
    foreign_trade_b,
    foreign_trade_three,
    sichuan_qujing_text,
    sichuan_text,
)


def _check_every_unit_once(multi: MultiComparison) -> None:
    """Every unit of every draft sits in exactly one row, in its own column; no row is empty."""
    for k, document in enumerate(multi.documents):
        placed = Counter(id(u) for row in multi.rows for u in row.cells[k])
        units = list(document.units())
        assert sorted(placed.values()) == [1] * len(units)
        assert set(placed) == {id(u) for u in units}
    for row in multi.rows:
        assert row.present, "empty row"


def _check_groups(multi: MultiComparison) -> None:
    """Groups partition the present drafts; drafts of one group agree pairwise (same key or masked key)."""
    for row in multi.rows:
        members = sorted(k for g in row.groups for k in g)
        assert members == list(row.present)
        assert len(row.identical) == len(row.groups)
        for group, same in zip(row.groups, row.identical):
            texts = {exact_key(row.text(k)) for k in group}
            if same:
                assert len(texts) == 1
            for i in group:
                for j in group:
                    assert row.agree(i, j)


def _check_pairs(multi: MultiComparison) -> None:
    """Each non-reference pair goes from the reference units to the draft's units, and its ops rebuild both."""
    for row in multi.rows:
        ref = row.cells[row.reference]
        assert ref
        assert row.pairs[row.reference] is None
        for k, pair in enumerate(row.pairs):
            if k == row.reference:
                continue
            assert pair is not None
            assert [id(u) for u in pair.old] == [id(u) for u in ref]
            assert [id(u) for u in pair.new] == [id(u) for u in row.cells[k]]
            assert "".join(op.old for op in pair.ops) == pair.old_text
            assert "".join(op.new for op in pair.ops) == pair.new_text
            if not row.cells[k]:
                assert pair.relation is Relation.DELETED


@pytest.mark.parametrize("name", sorted(SETS))
def test_real_sets_place_every_unit_once(name: str) -> None:
    multi = corpus_set(name)
    assert len(multi.documents) == len(SETS[name])
    _check_every_unit_once(multi)
    _check_groups(multi)
    _check_pairs(multi)


@pytest.mark.parametrize("name", sorted(SETS))
def test_rows_keep_the_pivot_order(name: str) -> None:
    multi = corpus_set(name)
    pivot_units = [u for row in multi.rows for u in row.cells[multi.pivot]]
    assert [id(u) for u in pivot_units] == [id(u) for u in multi.documents[multi.pivot].units()]


def test_chishui_three_jurisdictions() -> None:
    multi = chishui3()
    assert multi.names == ("云南省", "贵州省", "四川省")
    assert multi.tags == ("A", "B", "C")
    assert len(multi.rows) == 18
    # every row holds the same item of the three decisions
    for row in multi.rows:
        assert len({tuple(u.label for u in cell) for cell in row.cells}) == 1
    assert multi_summary(multi) == {
        "identical": 13, "equivalent": 5, "partial": 0, "different": 0, "incomplete": 0, "rows": 18,
    }
    labels = {row.cells[0][0].label: agreement_label(row, multi.tags) for row in multi.rows}
    assert labels["一、"] == "A=B=C"
    assert labels["二、"] == "A≈B≈C"
    # 三、 lists the partners in another order in each text (贵州省…，四川省… / 云南省…，四川省… /
    # 贵州省…，云南省…): partner lists compare as sets, so all three agree
    assert labels["三、"] == "A≈B≈C"
    row3 = next(r for r in multi.rows if r.cells[0][0].label == "三、")
    assert row3.links == ((0, 1), (0, 2), (1, 2))
    assert row3.pairs[1].relation is Relation.EQUIVALENT
    assert row3.pairs[2].relation is Relation.EQUIVALENT
    assert {(t.old, t.new) for t in row3.pairs[2].terms} >= {("昭通市", "泸州市")}


def test_chishui_non_transitive_agreement() -> None:
    """A≈B and A≈C but B≠C on item 三 (see ``sichuan_qujing_text``): C names 云南省及昭通市、曲靖市.

    For 云南 (A) those are the counterpart's cities, one masked token whatever
    their number; for 贵州 (B) 云南 is a third party written out as is, and B
    names only 昭通市. Groups never put B and C together, and C's link to A is kept.
    """
    multi = chishui3_non_transitive()
    assert multi.names == ("云南省", "贵州省", "四川省")
    assert multi_summary(multi) == {
        "identical": 13, "equivalent": 4, "partial": 1, "different": 0, "incomplete": 0, "rows": 18,
    }
    labels = {row.cells[0][0].label: agreement_label(row, multi.tags) for row in multi.rows}
    assert [k for k, v in labels.items() if v not in ("A=B=C", "A≈B≈C")] == ["三、"]
    row3 = next(r for r in multi.rows if r.cells[0][0].label == "三、")
    assert labels["三、"] == "A≈B≠C" and row_category(row3) == "partial"
    assert row3.agree(0, 1) and row3.agree(0, 2) and not row3.agree(1, 2)
    assert row3.groups == ((0, 1), (2,))
    assert row3.pairs[1].relation is Relation.EQUIVALENT
    assert row3.pairs[2].relation is Relation.EQUIVALENT
    # the only textual change from the plain constructed text; without it all three agree
    plain = next(r for r in chishui3().rows if r.cells[0][0].label == "三、")
    assert "曲靖市" in row3.text(2) and row3.text(2).replace("、曲靖市", "") == plain.text(2)
    assert plain.agree(1, 2)
    # in the order C, B, A the same links hold: A≈B (1, 2), A≈C (0, 2), B≠C (0, 1)
    again = compare_many([doc(n) for n in reversed(CHISHUI_NON_TRANSITIVE)])
    row = next(r for r in again.rows if r.cells[0][0].label == "三、")
    assert row.links == ((0, 2), (1, 2))
def test_pivot_choice_changes_order_not_content() -> None:
    docs = [doc(n) for n in CHISHUI]
    again = compare_many(docs, pivot=1)
    assert again.pivot == 1
    _check_every_unit_once(again)
    assert Counter(row_category(r) for r in again.rows) == Counter(row_category(r) for r in chishui3().rows)


PAIRS = [
    ("cn_foreign_trade_law_2016", "cn_foreign_trade_law_2022"),
    ("cn_legislation_law_2015", "cn_legislation_law_2023"),
    ("cn_anti_monopoly_law_2007", "cn_anti_monopoly_law_2022"),
    ("cn_admin_reconsideration_law_2017", "cn_admin_reconsideration_law_2023"),
    ("yunnan_chishui_joint_decision_2021", "guizhou_chishui_joint_decision_2021"),
    ("cn_public_holidays_measures_2013", "cn_public_holidays_measures_2024"),
    ("chongqing_business_env_reg_2021", "shanghai_business_env_reg_2020"),
]


def _key(units) -> tuple:
    return tuple((u.label, u.span.start if u.span else None) for u in units)


@pytest.mark.parametrize(("left", "right"), PAIRS)
def test_two_drafts_agree_with_the_pairwise_compare(left: str, right: str) -> None:
    a, b = doc(left), doc(right)
    multi = compare_many([a, b])
    pairwise = lawdiff.compare(a, b)
    rows = Counter((_key(r.cells[0]), _key(r.cells[1]), r.relation(1, 0)) for r in multi.rows)
    pairs = Counter((_key(p.old), _key(p.new), p.relation) for p in pairwise.pairs)
    assert rows == pairs
    for row in multi.rows:
        if row.cells[0] and row.cells[1] and len(row.cells[0]) == len(row.cells[1]) == 1:
            assert row.agree(0, 1) == (row.pairs[1].relation in (Relation.IDENTICAL, Relation.EQUIVALENT))


def test_foreign_trade_three_way() -> None:
    three = foreign_trade_three()
    assert len(three.rows) == 71
    seen = {}
    for row, status in zip(three.rows, three.statuses):
        label = row.cells[row.reference][0].label
        seen[label] = status.value
    for label, status in seen.items():
        assert status == FOREIGN_TRADE_STATUS.get(label, "unchanged"), label
    assert set(FOREIGN_TRADE_STATUS) <= set(seen)
    counts = three_summary(three)
    assert counts["unchanged"] == 61 and counts["conflict"] == 1 and counts["rows"] == 71
    conflict = three.statuses.index(Status.CONFLICT)
    assert three.notes[conflict] == "A and B changed differently"
    # A renumbers almost everything after 第九条: renumbering alone is not a change
    row = next(r for r in three.rows if r.cells[0] and r.cells[0][0].label == "第二十条")
    assert row.cells[1][0].label == "第十九条" and row.pairs[1].renumbered
    assert three.statuses[three.rows.index(row)] is Status.UNCHANGED


def test_three_way_of_a_joint_decision() -> None:
    """Base = 云南's text as the joint draft; A = 贵州 (real); B = the constructed 四川 text.

    Each adopter only put its own names in: nothing departs from the joint draft.
    """
    base, a, b = (doc(n) for n in CHISHUI)
    three = compare_three(base, a, b)
    assert three.statuses == (Status.UNCHANGED,) * 18
    row = next(r for r in three.rows if r.cells[0][0].label == "三、")
    assert row.agree(0, 1) and row.agree(0, 2) and row.agree(1, 2)
    # with the non-transitive 四川 text both still equal the base up to names, but not each other
    three = compare_three(*(doc(n) for n in CHISHUI_NON_TRANSITIVE))
    assert three.statuses == (Status.UNCHANGED,) * 18
    row = next(r for r in three.rows if r.cells[0][0].label == "三、")
    assert row.agree(0, 1) and row.agree(0, 2) and not row.agree(1, 2)


def _decision(title: str, items: list[str]) -> str:
    lines = [title, "为了测试，作出如下决定："]
    lines += [f"{decision_label(k)}{text}" for k, text in enumerate(items, start=1)]
    return "\n".join(lines) + "\n"


_ITEMS = [u.text.split("\n")[0] for u in doc("yunnan_chishui_joint_decision_2021").units()]

_edit = st.tuples(st.sampled_from(["keep", "keep", "drop", "edit", "insert"]), st.integers(0, 5))


@st.composite
def _drafts(draw) -> list[str]:
    base = draw(st.lists(st.sampled_from(range(len(_ITEMS))), min_size=2, max_size=8, unique=True))
    drafts = []
    for _ in range(draw(st.integers(2, 4))):
        items = []
        for idx in base:
            how, n = draw(_edit)
            text = _ITEMS[idx]
            if how == "drop":
                continue
            if how == "edit":
                text = text[: 10 + n] + "并且应当依法" + text[10 + n :]
            if how == "insert":
                items.append(f"新增第{n}项规定的事项由有关部门负责。")
            items.append(text)
        if not items:
            items = [_ITEMS[base[0]]]
        drafts.append(_decision("某某省人民代表大会常务委员会关于赤水河的决定", items))
    return drafts


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_drafts())
def test_properties_on_random_edits_of_a_real_text(drafts: list[str]) -> None:
    docs = [lawdiff.parse(text, source=f"draft{k}.txt") for k, text in enumerate(drafts)]
    multi = compare_many(docs)
    _check_every_unit_once(multi)
    _check_groups(multi)
    _check_pairs(multi)
    for row in multi.rows:
        # drafts with the same text are always in one group; a group's label joins its tags
        present = row.present
        for i in present:
            for j in present:
                if row.text(i) == row.text(j):
                    assert row.agree(i, j)
        assert ("≠" in agreement_label(row, multi.tags)) == (len(row.groups) > 1)


def test_bad_arguments() -> None:
    one = doc("cn_public_holidays_measures_2013")
    with pytest.raises(ConfigError, match="at least two"):
        compare_many([one])
    with pytest.raises(ConfigError, match="pivot"):
        compare_many([one, one], pivot=2)
    with pytest.raises(ConfigError, match="names"):
        compare_many([one, one], names=["x"])


@pytest.mark.corpus
def test_bulk_grand_canal_regulations(bulk_corpus) -> None:
    """Four real regulations on one subject (浙江省 and three of its cities) from the bulk corpus."""
    folder = next(bulk_corpus.rglob("DLC")) / "浙江地方法规" / "地方性法规" / "浙江"
    files = sorted(folder.glob("*大运河世界文化遗产保护条例*.md"))
    assert len(files) == 4, files
    multi = compare_many(files)
    _check_every_unit_once(multi)
    _check_groups(multi)
    _check_pairs(multi)
    assert len(set(multi.names)) == 4


# ---------------------------------------------------------------------------
# lawdiff.cli._multi.run_multi (wired into ``lawdiff compare`` by the lead)


@pytest.fixture()
def chishui_files(tmp_path, corpora):
    sichuan = tmp_path / "sichuan_chishui_constructed.md"
    sichuan.write_text(sichuan_text(), encoding="utf-8")
    return [corpora / f"{CHISHUI[0]}.md", corpora / f"{CHISHUI[1]}.md", sichuan]


@pytest.fixture()
def chishui_non_transitive_files(tmp_path, corpora):
    sichuan = tmp_path / "sichuan_chishui_qujing_constructed.md"
    sichuan.write_text(sichuan_qujing_text(), encoding="utf-8")
    return [corpora / f"{CHISHUI[0]}.md", corpora / f"{CHISHUI[1]}.md", sichuan]


def test_run_multi_text_and_json(chishui_files, chishui_non_transitive_files, capsys) -> None:
    assert run_multi(chishui_files) == 0
    out = capsys.readouterr().out
    assert "18 rows in 3 texts: 13 identical, 5 equivalent" in out and "partial" not in out
    assert run_multi(chishui_non_transitive_files) == 0
    out = capsys.readouterr().out
    assert "18 rows in 3 texts: 13 identical, 4 equivalent, 1 partial" in out
    assert run_multi(chishui_files, fmt="json", changed_only=True) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "lawdiff.multi/1" and len(data["rows"]) == 18


def test_run_multi_reports(chishui_files, chishui_non_transitive_files, tmp_path) -> None:
    for suffix in (".html", ".docx", ".md", ".json", ".txt"):
        out = tmp_path / f"report{suffix}"
        assert run_multi(chishui_files, output=out, title="赤水河三省决定对照", mark_style="heiti", changed_only=True) == 0
        data = out.read_bytes()
        assert data
        if suffix in (".html", ".md", ".txt"):
            assert "A≈B≈C" in data.decode("utf-8") and "A≈B≠C" not in data.decode("utf-8")
        partial = tmp_path / f"partial{suffix}"
        assert run_multi(chishui_non_transitive_files, output=partial, changed_only=True) == 0
        if suffix in (".html", ".md", ".txt"):
            assert "A≈B≠C" in partial.read_text(encoding="utf-8")
    assert "赤水河三省决定对照" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_run_multi_three_way(tmp_path, corpora, capsys) -> None:
    b = tmp_path / "foreign_trade_b.md"
    b.write_text(foreign_trade_b(), encoding="utf-8")
    base = corpora / "cn_foreign_trade_law_2016.md"
    assert run_multi([corpora / "cn_foreign_trade_law_2022.md", b], base=base, changed_only=True) == 0
    out = capsys.readouterr().out
    assert "71 rows: 61 unchanged" in out and "conflict" in out
    assert run_multi([corpora / "cn_foreign_trade_law_2022.md", b], base=base, output=tmp_path / "t.json") == 0
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["schema"] == "lawdiff.threeway/1"


def test_run_multi_equivalences(chishui_files, capsys) -> None:
    # without automatic detection 贵州's names are plain differences; --equiv brings one back
    assert run_multi(chishui_files[:2], no_detect=True) == 0
    plain = capsys.readouterr().out
    assert run_multi(chishui_files[:2], no_detect=True, equiv=("云南省=贵州省",)) == 0
    with_equiv = capsys.readouterr().out
    assert plain != with_equiv


def test_run_multi_usage_errors(chishui_files, tmp_path) -> None:
    with pytest.raises(click.UsageError, match="exactly two"):
        run_multi(chishui_files, base=chishui_files[0])
    with pytest.raises(click.UsageError, match="--pins"):
        run_multi(chishui_files, pins=tmp_path / "p.txt")
    with pytest.raises(click.UsageError, match="--redline"):
        run_multi(chishui_files, output=tmp_path / "x.docx", redline=True)
    with pytest.raises(click.UsageError, match="report format"):
        run_multi(chishui_files, output=tmp_path / "x.pdf")
    with pytest.raises(InputError):
        run_multi([*chishui_files, tmp_path / "missing.md"])
    with pytest.raises(ConfigError):
        run_multi(chishui_files, equiv=("云南省",))
