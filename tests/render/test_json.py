"""render/json.py: the lawdiff.comparison/1 schema."""
from __future__ import annotations

import json

from lawdiff.compare import compare
from lawdiff.model import Relation
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
