"""lawdiff.document/1: the JSON form of a Document, and back."""
from __future__ import annotations

import json

import pytest

import lawdiff
from lawdiff.serialize import SCHEMA, document_from_dict, document_to_dict, unit_to_dict

NAMES = ["cn_legislation_law_2023.md", "yunnan_chishui_joint_decision_2021.md",
         "cn_public_holidays_measures_2013.md", "cn_public_holidays_amendment_decision_2013.md"]


@pytest.mark.parametrize("name", NAMES)
def test_json_round_trip(corpora, name: str) -> None:
    doc = lawdiff.read(corpora / name)
    data = json.loads(json.dumps(document_to_dict(doc), ensure_ascii=False))
    back = document_from_dict(data)
    assert back == doc
    assert [a.span for a in back.units()] == [a.span for a in doc.units()]
    assert [a.eid for a in back.units()] == [a.eid for a in doc.units()]
    assert back.notices == doc.notices and back.front == doc.front and back.source == doc.source


def test_schema_fields(corpora) -> None:
    doc = lawdiff.read(corpora / "cn_legislation_law_2023.md")
    data = document_to_dict(doc)
    assert data["schema"] == SCHEMA == "lawdiff.document/1"
    assert {"title", "preamble", "intro", "kind", "stage", "source", "tree", "units", "notices"} <= set(data)
    assert len(data["units"]) == 120
    chapter = data["tree"][0]
    assert chapter["type"] == "division" and chapter["level"] == "chapter" and chapter["label"] == "第一章"
    assert chapter["children"][0] == {"type": "article", "eid": "chp_1__art_1", "label": "第一条"}
    unit = data["units"][0]
    for key in ("label", "number", "suffix", "path", "text", "heading", "eid", "span"):
        assert key in unit
    assert unit["suffix"] == 0 and unit["path"] == ["第一章"] and unit["span"][0] == unit["span"][1]


def test_unit_to_dict_items_and_placeholders() -> None:
    doc = lawdiff.parse("某法\n第一条之二　【目的】甲：\n（一）乙；\n1.丙。\n第二条　（删去）")
    first, second = doc.units()
    d = unit_to_dict(first)
    assert (d["number"], d["suffix"], d["heading"], d["heading_raw"]) == (1, 2, "目的", "【目的】")
    item = d["clauses"][0]["items"][0]
    assert item["label"] == "（一）" and item["subitems"][0]["eid"] == "art_1_2__para_1__point_1__subpoint_1"
    assert d["text"] == "甲：\n（一）乙；\n1.丙。"
    assert unit_to_dict(second)["deleted"] is True


def test_other_schema_is_refused() -> None:
    with pytest.raises(ValueError, match="lawdiff.document/1"):
        document_from_dict({"schema": "something/2"})
