"""Coordination policy ([[pair]]) and revision gate (--since) on real corpus pairs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import lawdiff
from lawdiff.check import check, check_revision, exit_code
from lawdiff.check.policy import brief_diff, load_config
from lawdiff.errors import ConfigError
from lawdiff.model import Op

YUNNAN = "yunnan_chishui_joint_decision_2021.md"
GUIZHOU = "guizhou_chishui_joint_decision_2021.md"


def _pair(tmp_path: Path, corpora: Path, extra: str = "") -> Path:
    shutil.copy(corpora / YUNNAN, tmp_path / "yunnan.md")
    shutil.copy(corpora / GUIZHOU, tmp_path / "guizhou.md")
    config = tmp_path / "lawdiff.toml"
    config.write_text(
        '[[pair]]\nname = "赤水河"\nleft = "yunnan.md"\nright = "guizhou.md"\n'
        'equiv = { "云南省" = "贵州省" }\nmin_identical = 18\n' + extra,
        encoding="utf-8",
    )
    return config


def test_chishui_pair_passes_the_policy(tmp_path: Path, corpora: Path) -> None:
    config = _pair(tmp_path, corpora)
    findings = check([], config=config)
    assert [f for f in findings if f.severity == "error"] == []
    assert exit_code(findings) == 0


def test_editing_one_item_fails_naming_it(tmp_path: Path, corpora: Path) -> None:
    config = _pair(tmp_path, corpora)
    right = tmp_path / "guizhou.md"
    text = right.read_text(encoding="utf-8")
    assert text.count("定期开展联合执法") == 1
    right.write_text(text.replace("定期开展联合执法", "每季度开展联合执法"), encoding="utf-8")
    findings = check([], config=config, lang="en")
    errors = [f for f in findings if f.severity == "error"]
    rules = sorted(f.rule for f in errors)
    assert rules == ["policy.diverged", "policy.min-identical"]
    diverged = next(f for f in errors if f.rule == "policy.diverged")
    assert "yunnan 四" in diverged.message and "guizhou 四" in diverged.message
    assert "{+每季度+}" in diverged.message or "每季度" in diverged.message
    line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("四、"))) + 1
    assert (diverged.source, diverged.line) == (str(right), line)
    minimum = next(f for f in errors if f.rule == "policy.min-identical")
    assert "17" in minimum.message and minimum.source == str(config)


def test_allow_divergent_and_unpaired(tmp_path: Path, corpora: Path) -> None:
    config = _pair(tmp_path, corpora)
    right = tmp_path / "guizhou.md"
    text = right.read_text(encoding="utf-8")
    right.write_text(text.replace("定期开展联合执法", "每季度开展联合执法"), encoding="utf-8")
    text = config.read_text(encoding="utf-8").replace("min_identical = 18", 'min_identical = 17\nallow_divergent = ["四、"]')
    config.write_text(text, encoding="utf-8")
    assert [f for f in check([], config=config) if f.severity == "error"] == []
    # an item on one side only
    left = tmp_path / "yunnan.md"
    lines = left.read_text(encoding="utf-8").split("\n")
    fifteen = next(i for i, l in enumerate(lines) if l.startswith("十五、"))
    lines[fifteen + 1 : fifteen + 1] = ["", "十五、三省共同建立赤水河流域候鸟迁徙通道联合观测站点，定期发布观测报告。"]
    renumbered = []
    for l in lines[fifteen + 3 :]:
        for old, new in (("十六、", "十七、"), ("十七、", "十八、"), ("十八、", "十九、")):
            if l.startswith(old):
                l = new + l[len(old) :]
                break
        renumbered.append(l)
    lines[fifteen + 1 :] = lines[fifteen + 1 : fifteen + 3] + renumbered
    lines[fifteen + 2] = "十六、" + lines[fifteen + 2][len("十五、") :]
    left.write_text("\n".join(lines), encoding="utf-8")
    errors = [f for f in check([], config=config) if f.severity == "error"]
    assert [f.rule for f in errors] == ["policy.unpaired"]
    assert "候鸟" in errors[0].message and errors[0].source == str(left)


def test_revision_reports_changes_and_frozen_articles(corpora: Path) -> None:
    old = corpora / "cn_foreign_trade_law_2016.md"
    new = corpora / "cn_foreign_trade_law_2022.md"
    findings = check_revision(old, new, frozen=["第一条", "第十八条"], lang="en")
    rules = [f.rule for f in findings]
    assert rules.count("rev.deleted") == 1
    assert "rev.renumbered" in rules and "rev.modified" in rules
    deleted = next(f for f in findings if f.rule == "rev.deleted")
    assert deleted.message.startswith("deleted 第九条") and deleted.source == str(old)
    frozen = [f for f in findings if f.rule == "rev.frozen"]
    assert len(frozen) == 1 and "第十八条" in frozen[0].message and frozen[0].severity == "error"
    assert "[-六-]{+五+}" in frozen[0].message  # the brief diff shows the edited cross-reference
    assert exit_code(findings) == 1
    # 第一条 untouched: nothing frozen fails
    assert exit_code(check_revision(old, new, frozen=["第一条"])) == 0


def test_revision_frozen_from_config_and_unknown_label(tmp_path: Path, corpora: Path) -> None:
    old = corpora / "cn_biosecurity_law_2020.md"
    new = tmp_path / "draft.md"
    shutil.copy(corpora / "cn_biosecurity_law_2024.md", new)
    config = tmp_path / "lawdiff.toml"
    config.write_text('[[file]]\npath = "draft.md"\nfrozen = ["第一条"]\n', encoding="utf-8")
    assert [f for f in check_revision(old, new, config=config) if f.rule == "rev.frozen"] == []
    text = new.read_text(encoding="utf-8")
    new.write_text(text.replace("为了维护国家安全", "为了维护国家总体安全", 1), encoding="utf-8")
    frozen = [f for f in check_revision(old, new, config=config) if f.rule == "rev.frozen"]
    assert len(frozen) == 1 and "第一条" in frozen[0].message
    config.write_text('[revision]\nfrozen = ["第九百条"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="第九百条"):
        check_revision(old, new, config=config)


def test_brief_diff() -> None:
    ops = [Op("equal", "一二三四五六七八九", "一二三四五六七八九"), Op("replace", "甲", "乙"), Op("equal", "尾巴", "尾巴")]
    assert brief_diff(ops) == "…四五六七八九[-甲-]{+乙+}尾巴…"
    assert brief_diff([Op("equal", "同", "同")]) == ""


def test_check_accepts_documents_and_paths(corpora: Path) -> None:
    doc = lawdiff.read(corpora / "cn_legal_aid_law_2021.md")
    assert [f for f in check(doc) if f.severity == "error"] == []
    findings = check([corpora / "cn_public_holidays_measures_2013.md"], lang="en")
    assert {f.rule for f in findings} <= {"form.width"}
    with pytest.raises(ConfigError, match="no.such.rule"):
        check(doc, ignore=["no.such.rule"])
    assert check(doc, ignore=["form.width"]) == tuple(f for f in check(doc) if f.rule != "form.width")


def test_config_loaded_once(tmp_path: Path, corpora: Path) -> None:
    config = load_config(_pair(tmp_path, corpora))
    assert config.pairs[0].min_identical == 18
