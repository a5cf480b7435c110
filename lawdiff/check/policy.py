"""Coordination and revision policy: ``lawdiff.toml``, read with :mod:`tomllib`.

A configuration file looks like this (every table and key is optional, paths
are relative to the file)::

    [check]
    ignore = ["form.width"]          # rule ids never reported
    strict = false                   # warnings fail the check too

    [[pair]]                         # two drafts that must stay in step
    name = "赤水河"                   # optional, used in messages
    left = "drafts/yunnan.md"
    right = "drafts/guizhou.md"
    equiv = { "云南省" = "贵州省", "本省" = "本省" }
    allow_divergent = ["第十七条"]     # articles (of either side) allowed to differ
    min_identical = 18               # identical + equivalent pairs at least

    [revision]                       # lawdiff check --since OLD NEW
    frozen = ["第一条", "第二条"]       # articles of OLD that no revision may touch

    [[file]]                         # per-file settings
    path = "drafts/yunnan.md"
    frozen = ["三、"]

Labels are matched by number: ``第十七条``, ``第17条``, ``十七、`` and
``十七`` all name unit 17; ``第十二条之一`` names (12, 1).

A pair fails (``policy.*`` errors) when an article outside
``allow_divergent`` is no longer identical or equivalent, when fewer than
``min_identical`` pairs are, or when an article has no counterpart. A
revision fails (``rev.frozen``) when a frozen article is edited, deleted,
split, merged or renumbered; every change is reported as ``info``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..errors import ConfigError
from ..model import Article, Comparison, Document, Op, Pair, Relation
from ..jurisdiction import equiv_from_table
from ..numerals import cn_to_int
from .rules import Finding, finding

__all__ = [
    "Config",
    "PairPolicy",
    "FilePolicy",
    "load_config",
    "parse_config",
    "parse_label",
    "check_pair",
    "revision_findings",
    "frozen_for",
    "brief_diff",
]

_TOP_KEYS = {"check", "pair", "revision", "file"}
_CHECK_KEYS = {"ignore", "strict", "lang"}
_PAIR_KEYS = {"name", "left", "right", "equiv", "allow_divergent", "min_identical"}
_REVISION_KEYS = {"frozen"}
_FILE_KEYS = {"path", "frozen"}
_LABEL = re.compile(
    r"^(?:第\s*)?(?P<n>[零〇○一二两三四五六七八九十百千]+|[0-9０-９]+)\s*(?:条|、)?(?:\s*之\s*(?P<s>[零〇○一二两三四五六七八九十百千]+|[0-9]+))?$"
)


@dataclass(frozen=True)
class PairPolicy:
    """One ``[[pair]]``: two texts whose articles must stay identical or equivalent."""

    left: str
    right: str
    equiv: tuple[tuple[str, str], ...] = ()
    allow_divergent: tuple[str, ...] = ()
    min_identical: int | None = None
    name: str | None = None
    config: str = "lawdiff.toml"

    def allowed(self) -> frozenset[tuple[int, int]]:
        return frozenset(parse_label(label, self.config) for label in self.allow_divergent)


@dataclass(frozen=True)
class FilePolicy:
    """One ``[[file]]``: settings for one text (its frozen articles)."""

    path: str
    frozen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    """A loaded ``lawdiff.toml``. Paths are already joined to the file's folder."""

    path: Path
    pairs: tuple[PairPolicy, ...] = ()
    frozen: tuple[str, ...] = ()
    files: tuple[FilePolicy, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    lang: str | None = None


def parse_label(label: str, source: str = "lawdiff.toml") -> tuple[int, int]:
    """``(number, suffix)`` of a label such as ``第十七条``, ``第17条``, ``十七、``, ``第十二条之一``."""
    match = _LABEL.match(re.sub(r"\s+", "", str(label)))
    if not match:
        raise ConfigError(f"not an article label: {label!r} (write 第十七条, 十七、 or 17)", source=source)
    suffix = match.group("s")
    return cn_to_int(match.group("n")), cn_to_int(suffix) if suffix else 0


def _strings(value: Any, where: str, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings, got {value!r}", source=source)
    return tuple(value)


def _unknown(table: Mapping[str, Any], allowed: set[str], where: str, source: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ConfigError(
            f"unknown key(s) in {where}: {', '.join(extra)} (allowed: {', '.join(sorted(allowed))})", source=source
        )


def _join(base: Path, value: Any, where: str, source: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where} must be a path (a non-empty string), got {value!r}", source=source)
    joined = os.path.normpath(os.path.join(base, value)) if not os.path.isabs(value) else value
    return joined


def parse_config(data: Mapping[str, Any], path: str | os.PathLike = "lawdiff.toml") -> Config:
    """Validate the TOML ``data`` of the file at ``path``; ConfigError names what is wrong."""
    source = os.fspath(path)
    base = Path(os.path.dirname(source))
    _unknown(data, _TOP_KEYS, "the file", source)

    check = data.get("check", {})
    if not isinstance(check, dict):
        raise ConfigError("[check] must be a table", source=source)
    _unknown(check, _CHECK_KEYS, "[check]", source)
    ignore = _strings(check.get("ignore", []), "[check] ignore", source)
    strict = check.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"[check] strict must be true or false, got {strict!r}", source=source)
    lang = check.get("lang")
    if lang is not None and lang not in ("zh", "en"):
        raise ConfigError(f"[check] lang must be \"zh\" or \"en\", got {lang!r}", source=source)

    raw_pairs = data.get("pair", [])
    if not isinstance(raw_pairs, list):
        raise ConfigError("pair must be an array of tables: write [[pair]]", source=source)
    pairs = []
    for number, raw in enumerate(raw_pairs, 1):
        where = f"[[pair]] #{number}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where} must be a table", source=source)
        _unknown(raw, _PAIR_KEYS, where, source)
        for key in ("left", "right"):
            if key not in raw:
                raise ConfigError(f"{where} needs {key} = \"path\"", source=source)
        left = _join(base, raw["left"], f"{where} left", source)
        right = _join(base, raw["right"], f"{where} right", source)
        for key, value in (("left", left), ("right", right)):
            if not os.path.isfile(value):
                raise ConfigError(f"{where} {key}: file not found: {value}", source=source)
        equiv_raw = raw.get("equiv", {})
        if isinstance(equiv_raw, dict):
            equiv_items = list(equiv_from_table(equiv_raw, f"{where} equiv", source))
        elif isinstance(equiv_raw, list) and all(
            isinstance(e, list) and len(e) == 2 for e in equiv_raw
        ):  # [["四川省", "重庆市"], …]: the same term may stand on the left twice
            equiv_items = [tuple(e) for e in equiv_raw]
            for a, b in equiv_items:
                if not isinstance(a, str) or not isinstance(b, str) or not a or not b:
                    raise ConfigError(f"{where} equiv: terms must be non-empty strings, got {a!r} = {b!r}",
                                      source=source)
        else:
            raise ConfigError(f"{where} equiv must be a table {{ \"四川省\" = \"重庆市\" }}", source=source)
        allow = _strings(raw.get("allow_divergent", []), f"{where} allow_divergent", source)
        for label in allow:
            parse_label(label, source)
        minimum = raw.get("min_identical")
        if minimum is not None and (not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0):
            raise ConfigError(f"{where} min_identical must be a whole number >= 0, got {minimum!r}", source=source)
        name = raw.get("name")
        if name is not None and not isinstance(name, str):
            raise ConfigError(f"{where} name must be a string", source=source)
        pairs.append(
            PairPolicy(left, right, tuple((a, b) for a, b in equiv_items), allow, minimum, name, source)
        )

    revision = data.get("revision", {})
    if not isinstance(revision, dict):
        raise ConfigError("[revision] must be a table", source=source)
    _unknown(revision, _REVISION_KEYS, "[revision]", source)
    frozen = _strings(revision.get("frozen", []), "[revision] frozen", source)
    for label in frozen:
        parse_label(label, source)

    raw_files = data.get("file", [])
    if not isinstance(raw_files, list):
        raise ConfigError("file must be an array of tables: write [[file]]", source=source)
    files = []
    for number, raw in enumerate(raw_files, 1):
        where = f"[[file]] #{number}"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where} must be a table", source=source)
        _unknown(raw, _FILE_KEYS, where, source)
        if "path" not in raw:
            raise ConfigError(f"{where} needs path = \"…\"", source=source)
        file_frozen = _strings(raw.get("frozen", []), f"{where} frozen", source)
        for label in file_frozen:
            parse_label(label, source)
        files.append(FilePolicy(_join(base, raw["path"], f"{where} path", source), file_frozen))
    return Config(Path(source), tuple(pairs), frozen, tuple(files), ignore, strict, lang)


def load_config(path: str | os.PathLike) -> Config:
    """Read and validate a ``lawdiff.toml``. ConfigError (exit 2) when missing, not TOML or invalid."""
    import tomllib

    source = os.fspath(path)
    try:
        with open(source, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError("configuration file not found", source=source) from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"not valid TOML: {err}", source=source) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read configuration: {err}", source=source) from None
    return parse_config(data, source)


def frozen_for(config: Config, new_path: str | os.PathLike | None) -> tuple[str, ...]:
    """The frozen labels for a revision whose new text is ``new_path``: ``[revision]`` plus matching ``[[file]]``."""
    labels = list(config.frozen)
    if new_path is not None:
        target = os.path.abspath(os.fspath(new_path))
        for entry in config.files:
            if os.path.abspath(entry.path) == target:
                labels.extend(entry.frozen)
    return tuple(labels)


# ---------------------------------------------------------------------------
# messages


def brief_diff(ops: Iterable[Op], *, context: int = 6, limit: int = 3, width: int = 24) -> str:
    """A short one-line rendering of the changed spans: ``…保护[-昭通市-]{+毕节市+}…``."""
    ops = list(ops)
    parts: list[str] = []
    shown = 0
    for index, op in enumerate(ops):
        if op.tag == "equal":
            continue
        if shown == limit:
            parts.append("…")
            break
        before = ops[index - 1].old[-context:] if index and ops[index - 1].tag == "equal" else ""
        after = ops[index + 1].old[:context] if index + 1 < len(ops) and ops[index + 1].tag == "equal" else ""
        change = ""
        if op.old:
            change += f"[-{_cut(op.old, width)}-]"
        if op.new:
            change += f"{{+{_cut(op.new, width)}+}}"
        parts.append(f"…{before}{change}{after}…".replace("\n", "⏎"))
        shown += 1
    return " ".join(parts)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _labels(units: Iterable[Article]) -> str:
    return "、".join(u.label.rstrip("、") if u.kind == "item" else u.label for u in units)


def _line(units: tuple[Article, ...]) -> int | None:
    for unit in units:
        if unit.span is not None:
            return unit.span.start
    return None


_RELATION_ZH = {
    Relation.MODIFIED: "修改",
    Relation.SPLIT: "拆分",
    Relation.MERGED: "合并",
    Relation.ADDED: "新增",
    Relation.DELETED: "删去",
}


def _relation_name(relation: Relation, lang: str) -> str:
    return _RELATION_ZH.get(relation, relation.value) if lang == "zh" else relation.value


def _pair_diff(pair: Pair) -> str:
    return brief_diff(pair.ops) if pair.ops else _cut((pair.new_text or pair.old_text).replace("\n", "⏎"), 40)


# ---------------------------------------------------------------------------
# checks


def _compare(left: Document, right: Document, equiv: tuple[tuple[str, str], ...]) -> Comparison:
    from ..compare import compare

    return compare(left, right, equiv=equiv)


def _read(path: str, documents: dict[str, Document] | None) -> Document:
    if documents is not None and path in documents:
        return documents[path]
    from . import read_document

    doc = read_document(path)
    if documents is not None:
        documents[path] = doc
    return doc


def check_pair(
    pair: PairPolicy,
    *,
    lang: str = "zh",
    documents: dict[str, Document] | None = None,
    comparison: Comparison | None = None,
) -> tuple[Finding, ...]:
    """Findings of one ``[[pair]]``: diverged and unpaired articles, too few identical ones.

    ``documents`` caches parsed files by path (filled as a side effect);
    ``comparison`` may be given to skip the comparison.
    """
    if comparison is None:
        comparison = _compare(_read(pair.left, documents), _read(pair.right, documents), pair.equiv)
    allowed = pair.allowed()
    left_name = pair.name + "·" + Path(pair.left).stem if pair.name else Path(pair.left).stem
    right_name = pair.name + "·" + Path(pair.right).stem if pair.name else Path(pair.right).stem
    found: list[Finding] = []
    same = 0
    for p in comparison.pairs:
        if not p.relation.changed:
            same += 1
            continue
        if any(u.key in allowed for u in p.old + p.new):
            continue
        if p.relation is Relation.ADDED or p.relation is Relation.DELETED:
            units, side, path = (p.new, right_name, pair.right) if p.new else (p.old, left_name, pair.left)
            for unit in units:
                found.append(
                    finding(
                        "policy.unpaired", path, _line((unit,)), lang,
                        side=side, label=_labels((unit,)), text=_cut(unit.text.replace("\n", "⏎"), 40),
                    )
                )
            continue
        path, units = (pair.right, p.new) if p.new else (pair.left, p.old)
        found.append(
            finding(
                "policy.diverged", path, _line(units), lang,
                left=f"{left_name} {_labels(p.old)}", right=f"{right_name} {_labels(p.new)}",
                relation=_relation_name(p.relation, lang), diff=_pair_diff(p),
            )
        )
    if pair.min_identical is not None and same < pair.min_identical:
        found.append(
            finding("policy.min-identical", pair.config, None, lang, count=same, minimum=pair.min_identical)
        )
    return tuple(found)


def revision_findings(
    old: Document,
    new: Document,
    *,
    frozen: Iterable[str] = (),
    lang: str = "zh",
    old_source: str = "<old>",
    new_source: str = "<new>",
    config_source: str | None = None,
    comparison: Comparison | None = None,
) -> tuple[Finding, ...]:
    """What changed from ``old`` to ``new`` (``rev.*`` info) and ``rev.frozen`` errors.

    ``frozen`` labels name articles of ``old``; a label that ``old`` does not
    have is a :class:`~lawdiff.errors.ConfigError`.
    """
    keys = {parse_label(label, config_source or "--frozen"): label for label in frozen}
    old_keys = {u.key for u in old.units()}
    missing = [label for key, label in keys.items() if key not in old_keys]
    if missing:
        raise ConfigError(
            f"frozen article(s) {', '.join(missing)} not found in {old_source}", source=config_source
        )
    if comparison is None:
        comparison = _compare(old, new, ())
    found: list[Finding] = []
    for p in comparison.pairs:
        new_line = _line(p.new)
        old_label, new_label = _labels(p.old), _labels(p.new)
        relabelled = bool(p.old and p.new and old_label != new_label)
        where, line = (new_source, new_line) if p.new else (old_source, _line(p.old))
        if p.relation is Relation.ADDED:
            found.append(finding("rev.added", where, line, lang, new=new_label,
                                 text=_cut(p.new_text.replace("\n", "⏎"), 40)))
        elif p.relation is Relation.DELETED:
            found.append(finding("rev.deleted", where, line, lang, old=old_label,
                                 text=_cut(p.old_text.replace("\n", "⏎"), 40)))
        elif p.relation is Relation.MODIFIED:
            now = "" if not relabelled else (f"（现{new_label}）" if lang == "zh" else f" (now {new_label})")
            found.append(finding("rev.modified", where, line, lang, old=old_label, now=now, diff=_pair_diff(p)))
        elif p.relation is Relation.SPLIT:
            found.append(finding("rev.split", where, line, lang, old=old_label, new=new_label))
        elif p.relation is Relation.MERGED:
            found.append(finding("rev.merged", where, line, lang, old=old_label, new=new_label))
        elif relabelled:
            found.append(finding("rev.renumbered", where, line, lang, old=old_label, new=new_label))
        touched = p.relation.changed or relabelled
        if touched:
            for unit in p.old:
                if unit.key in keys:
                    if p.relation.changed:
                        change = _relation_name(p.relation, lang)
                    else:
                        change = (f"改为{new_label}" if lang == "zh" else f"renumbered as {new_label}")
                    unchanged = "文字未改" if lang == "zh" else "text unchanged"
                    diff = _pair_diff(p) if p.relation.changed else unchanged
                    found.append(finding("rev.frozen", where, line, lang, label=unit.label, change=change, diff=diff))
    return tuple(found)
