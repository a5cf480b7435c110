"""lawdiff.toml: loading, validation, ConfigError messages."""
from __future__ import annotations

from pathlib import Path

import pytest

from lawdiff.check.policy import Config, frozen_for, load_config, parse_label
from lawdiff.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "drafts").mkdir(exist_ok=True)
    for name in ("a.md", "b.md"):
        (tmp_path / "drafts" / name).write_text("第一条　本条例自公布之日起施行。\n", encoding="utf-8")
    path = tmp_path / "lawdiff.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_config(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[check]
ignore = ["form.width"]
strict = true
lang = "en"

[[pair]]
name = "川渝"
left = "drafts/a.md"
right = "drafts/b.md"
equiv = { "四川省" = "重庆市", "本省" = "本市" }
allow_divergent = ["第十七条", "18", "十九、", "第十二条之一"]
min_identical = 18

[revision]
frozen = ["第一条"]

[[file]]
path = "drafts/b.md"
frozen = ["第二条"]
""",
    )
    cfg = load_config(path)
    assert isinstance(cfg, Config) and cfg.strict and cfg.lang == "en" and cfg.ignore == ("form.width",)
    pair = cfg.pairs[0]
    assert pair.left == str(tmp_path / "drafts" / "a.md")
    assert pair.equiv == (("四川省", "重庆市"), ("本省", "本市"))
    assert pair.allowed() == {(17, 0), (18, 0), (19, 0), (12, 1)}
    assert pair.min_identical == 18
    assert frozen_for(cfg, tmp_path / "drafts" / "b.md") == ("第一条", "第二条")
    assert frozen_for(cfg, tmp_path / "drafts" / "a.md") == ("第一条",)


def test_relative_config_path_keeps_relative_file_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, '[[pair]]\nleft = "drafts/a.md"\nright = "drafts/b.md"\n')
    monkeypatch.chdir(tmp_path)
    cfg = load_config("lawdiff.toml")
    assert (cfg.pairs[0].left, cfg.pairs[0].right) == ("drafts/a.md", "drafts/b.md")


@pytest.mark.parametrize(
    "text, words",
    [
        ("[[pair]]\nleft = 'drafts/a.md'\n", ["[[pair]] #1", "right"]),
        ("[[pair]]\nleft = 'drafts/a.md'\nright = 'drafts/missing.md'\n", ["file not found", "missing.md"]),
        ("[[pair]]\nleft = 'drafts/a.md'\nright = 'drafts/b.md'\nmin_identical = -1\n", ["min_identical"]),
        ("[[pair]]\nleft = 'drafts/a.md'\nright = 'drafts/b.md'\nallow_divergent = ['第X条']\n", ["第X条"]),
        ("[[pair]]\nleft = 'drafts/a.md'\nright = 'drafts/b.md'\nequivs = {}\n", ["unknown key", "equivs"]),
        ("[pair]\nleft = 'drafts/a.md'\n", ["[[pair]]"]),
        ("[revision]\nfrozen = '第一条'\n", ["[revision] frozen", "list of strings"]),
        ("[check]\nlang = 'fr'\n", ["lang"]),
        ("[checks]\n", ["unknown key", "checks"]),
        ("this is = not toml =\n", ["not valid TOML"]),
    ],
)
def test_config_errors_name_file_and_problem(tmp_path: Path, text: str, words: list[str]) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    for word in words:
        assert word in message
    assert info.value.exit_code == 2


def test_missing_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")


def test_labels() -> None:
    assert parse_label("第十七条") == (17, 0)
    assert parse_label("第 17 条") == (17, 0)
    assert parse_label("十七、") == (17, 0)
    assert parse_label("第一百二十条之二") == (120, 2)
    with pytest.raises(ConfigError):
        parse_label("总则")
