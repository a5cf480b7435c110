"""``lawdiff check DRAFT…``: lint texts, enforce a coordination policy, gate a revision.

Exit codes: 0 no errors (warnings alone pass unless ``--strict``), 1 errors,
2 usage or configuration error, 3 unreadable input.
"""
from __future__ import annotations

import os
from pathlib import Path

import click

__all__ = ["check_command"]

DEFAULT_CONFIG = "lawdiff.toml"


@click.command("check")
@click.argument("drafts", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "junit"]), default="text",
              show_default=True, help="text (file:line: id: message), json, github (workflow annotations), junit (XML).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the messages [default: zh, or [check] lang of the config].")
@click.option("--strict", is_flag=True, default=None, help="Warnings fail the check too (exit 1).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path),
              help=f"Policy file (TOML): [[pair]], [revision], [[file]], [check]. "
                   f"Without DRAFTs, ./{DEFAULT_CONFIG} is used when present.")
@click.option("--since", "since", nargs=2, type=click.Path(dir_okay=False, path_type=Path), metavar="OLD NEW",
              help="Report what the revision OLD -> NEW changed; fail when it touches a frozen article.")
@click.option("--frozen", multiple=True, metavar="LABEL",
              help="With --since: an article of OLD that must not change (repeatable), e.g. 第一条.")
@click.option("--ignore", multiple=True, metavar="RULE", help="Do not report this rule id (repeatable).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the findings to FILE instead of stdout.")
@click.option("--list-rules", is_flag=True, help="List the rule ids, severities and descriptions, then exit.")
def check_command(drafts: tuple[Path, ...], fmt: str, lang: str | None, strict: bool | None, config: Path | None,
                  since: tuple[Path, Path] | None, frozen: tuple[str, ...], ignore: tuple[str, ...],
                  output: Path | None, list_rules: bool) -> None:
    """Check the numbering, cross-references and form of DRAFTs, and the policy of a config file."""
    from ..check import check, check_revision, exit_code
    from ..check.output import render, summary
    from ..check.policy import load_config
    from ..check.rules import RULES

    if list_rules:
        for rule in RULES.values():
            click.echo(f"{rule.id}\t{rule.severity}\t{rule.description}")
        return
    if config is None and not drafts and os.path.isfile(DEFAULT_CONFIG):
        config = Path(DEFAULT_CONFIG)
    if not drafts and not since and config is None:
        raise click.UsageError(f"give DRAFT files, --since OLD NEW or --config FILE (no ./{DEFAULT_CONFIG} here)")
    if frozen and not since:
        raise click.UsageError("--frozen needs --since OLD NEW")
    cfg = load_config(config) if config is not None else None
    lang = lang or (cfg.lang if cfg and cfg.lang else "zh")
    strict = bool(strict) or bool(cfg and cfg.strict)

    findings = list(check(list(drafts), lang=lang, config=cfg, ignore=ignore)) if drafts or cfg else []
    linted = [os.fspath(d) for d in drafts]
    if cfg is not None:
        linted += [p for pair in cfg.pairs for p in (pair.left, pair.right)]
    if since:
        old, new = since
        findings += check_revision(old, new, frozen=frozen, lang=lang, config=cfg, ignore=ignore)
        linted.append(os.fspath(new))
    text = render(findings, fmt, sources=list(dict.fromkeys(linted)))
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as err:
            from ..errors import InputError

            raise InputError(f"cannot write: {err.strerror or err}", source=str(output)) from err
    else:
        click.echo(text, nl=False)
    counts = summary(findings)
    if fmt == "text" or output is not None:
        if lang == "zh":
            line = f"{counts['error']} 个错误，{counts['warning']} 个警告，{counts['info']} 条提示"
        else:
            line = f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} note(s)"
        click.echo(line, err=True)
    ctx = click.get_current_context()
    ctx.exit(exit_code(findings, strict=strict))
