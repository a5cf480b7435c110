"""``lawdiff check``: structure, cross-reference and form rules, plus coordination and revision policy.

>>> import lawdiff
>>> doc = lawdiff.parse("第一条　为了规范管理，制定本条例。\\n第三条　前款规定的事项，依照本条例第九条办理。\\n")
>>> [f.rule for f in lawdiff.check([doc], lang="en")]
['num.article.gap', 'ref.previous.none', 'ref.article.missing', 'form.commencement']

The pieces: :mod:`~lawdiff.check.rules` (ids, severities, messages),
:mod:`~lawdiff.check.lint` (one Document -> findings),
:mod:`~lawdiff.check.policy` (``lawdiff.toml``: pairs that must stay in step,
frozen articles of a revision), :mod:`~lawdiff.check.output` (text, json,
github, junit).
"""
from __future__ import annotations

import os
from typing import Iterable, Union

from ..model import Document
from .lint import lint
from .rules import RULES, Finding, Rule

__all__ = ["check", "check_revision", "lint", "Finding", "Rule", "RULES", "exit_code", "read_document"]

PathOrDocument = Union[str, os.PathLike, Document]


def read_document(path: str | os.PathLike) -> Document:
    """Read and parse one file (any format :func:`lawdiff.read` knows)."""
    import lawdiff

    return lawdiff.read(path)


def _as_list(items: PathOrDocument | Iterable[PathOrDocument]) -> list[PathOrDocument]:
    if isinstance(items, (str, os.PathLike, Document)):
        return [items]
    return list(items)


def check(
    paths_or_documents: PathOrDocument | Iterable[PathOrDocument],
    *,
    lang: str = "zh",
    config: "str | os.PathLike | policy.Config | None" = None,
    ignore: Iterable[str] = (),
) -> tuple[Finding, ...]:
    """Check texts (paths or parsed Documents) and, with ``config``, the pairs it lists.

    ``config`` is a path to a ``lawdiff.toml`` or a loaded
    :class:`~lawdiff.check.policy.Config`; its ``[[pair]]`` entries are
    compared and their files linted too (each file once). ``ignore`` lists
    rule ids to drop (added to the config's ``[check] ignore``). Findings come
    file by file, by line. Raises :class:`~lawdiff.errors.InputError` /
    :class:`~lawdiff.errors.ParseError` for unreadable input and
    :class:`~lawdiff.errors.ConfigError` for a bad configuration.
    """
    from . import policy

    if lang not in ("zh", "en"):
        from ..errors import ConfigError

        raise ConfigError(f"unknown language {lang!r}: use zh or en")
    cfg = policy.load_config(config) if config is not None and not isinstance(config, policy.Config) else config
    dropped = set(ignore) | (set(cfg.ignore) if cfg else set())
    unknown = sorted(r for r in dropped if r not in RULES)
    if unknown:
        from ..errors import ConfigError

        raise ConfigError(f"unknown rule id(s) to ignore: {', '.join(unknown)}", source=str(cfg.path) if cfg else None)
    items = _as_list(paths_or_documents)
    if cfg is not None:  # the pairs' files are linted too, each once
        named = {os.path.abspath(i) for i in items if not isinstance(i, Document)}
        for pair in cfg.pairs:
            for path in (pair.left, pair.right):
                if os.path.abspath(path) not in named:
                    named.add(os.path.abspath(path))
                    items.append(path)
    found: list[Finding] = []
    cache: dict[str, Document] = {}
    for item in items:
        if isinstance(item, Document):
            found.extend(lint(item, lang=lang))
            continue
        name = os.fspath(item)
        if name not in cache:
            cache[name] = read_document(name)
            found.extend(lint(cache[name], lang=lang, source=name))
    if cfg is not None:
        for pair in cfg.pairs:
            found.extend(policy.check_pair(pair, lang=lang, documents=cache))
    return tuple(f for f in found if f.rule not in dropped)


def check_revision(
    old: PathOrDocument,
    new: PathOrDocument,
    *,
    frozen: Iterable[str] = (),
    lang: str = "zh",
    config: "str | os.PathLike | policy.Config | None" = None,
    ignore: Iterable[str] = (),
) -> tuple[Finding, ...]:
    """What the revision ``old`` -> ``new`` changed, errors for frozen articles it touched, and lint of ``new``.

    ``frozen`` lists article labels of the old text (``第一条``, ``一、``);
    the config's ``[revision] frozen`` and the ``frozen`` of a ``[[file]]``
    entry whose path is ``new`` are added.
    """
    from . import policy

    cfg = policy.load_config(config) if config is not None and not isinstance(config, policy.Config) else config
    labels = list(frozen)
    if cfg is not None:
        labels += policy.frozen_for(cfg, new if not isinstance(new, Document) else None)
    dropped = set(ignore) | (set(cfg.ignore) if cfg else set())
    old_doc = old if isinstance(old, Document) else read_document(old)
    new_doc = new if isinstance(new, Document) else read_document(new)
    old_name = old_doc.source or "<old>" if isinstance(old, Document) else os.fspath(old)
    new_name = new_doc.source or "<new>" if isinstance(new, Document) else os.fspath(new)
    found = list(lint(new_doc, lang=lang, source=new_name))
    found += policy.revision_findings(
        old_doc, new_doc, frozen=labels, lang=lang, old_source=old_name, new_source=new_name,
        config_source=str(cfg.path) if cfg else None,
    )
    return tuple(f for f in found if f.rule not in dropped)


def exit_code(findings: Iterable[Finding], *, strict: bool = False) -> int:
    """0 when no finding fails the check, else 1 (errors; warnings too with ``strict``)."""
    failing = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in failing for f in findings) else 0


from . import policy  # noqa: E402  (after check() so that ``policy`` is importable as an attribute)
