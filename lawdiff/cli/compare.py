"""``lawdiff compare A B``: align, diff and report two texts."""
from __future__ import annotations

import os
import sys

import click

from ._report_options import REPORT_OPTION_NAMES, report_options

__all__ = ["compare_command"]

_REPORT_SUFFIXES = {".html", ".htm", ".docx", ".md", ".markdown"}


def _use_color(flag: bool | None, stream) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@click.command("compare")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--base", type=click.Path(dir_okay=False),
              help="Common base text (the joint draft): compare the two FILES against it (three-way).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="Output on stdout (or for -o FILE.txt/.json).")
@click.option("--equiv", "equiv", multiple=True, metavar="LEFT=RIGHT",
              help="Treat a left term as equal to a right term (repeatable), e.g. 四川省=重庆市.")
@click.option("--equiv-file", type=click.Path(dir_okay=False),
              help='TOML file with an [equiv] table: "四川省" = "重庆市".')
@click.option("--no-detect", is_flag=True, help="Do not detect the two jurisdictions automatically.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=None,
              help="Least similarity (0-1) for two units to pair as modified [default: 0.5].")
@click.option("--pins", type=click.Path(dir_okay=False),
              help="Pin file forcing (A = B) or forbidding (A != B) pairs.")
@click.option("--strict-format", is_flag=True,
              help="Report whitespace/punctuation-width differences as modified, not identical.")
@click.option("--changed-only", is_flag=True, help="Text and Markdown output: list changed or moved pairs only.")
@click.option("--color/--no-color", "color", default=None,
              help="Colour the text output [default: when stdout is a terminal and NO_COLOR is unset].")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the report to FILE: .html, .docx, .md, .json or .txt.")
@report_options
def compare_command(files: tuple[str, ...], base: str | None, fmt: str, equiv: tuple[str, ...],
                    equiv_file: str | None, no_detect: bool, threshold: float | None, pins: str | None,
                    strict_format: bool, changed_only: bool, color: bool | None, output: str | None,
                    **report: object) -> None:
    """Compare OLD with NEW article by article and report the differences.

    FILES are two texts (OLD NEW), or three or more drafts for an N-way table
    with a column per draft, or, with --base JOINT, two drafts compared against
    their common base (three-way).
    """
    if base is not None or len(files) != 2:
        if len(files) < 2:
            raise click.UsageError("compare needs at least two files (OLD NEW)")
        from ._multi import run_multi

        run_multi(files, base=base, fmt=fmt, output=output, equiv=equiv, equiv_file=equiv_file,
                  no_detect=no_detect, threshold=threshold, pins=pins, strict_format=strict_format,
                  changed_only=changed_only, color=color, **report)
        return
    old, new = files
    from .. import jurisdiction
    from ..compare import compare

    pairs = [jurisdiction.parse_equiv(spec) for spec in equiv]
    if equiv_file is not None:
        pairs.extend(jurisdiction.read_equiv_file(equiv_file))
    thresholds = {"threshold": threshold} if threshold is not None else {}
    comparison = compare(old, new, equiv=tuple(pairs), pins=pins, strict_format=strict_format,
                         detect_jurisdictions=not no_detect, **thresholds)
    if output is not None:
        from pathlib import Path  # (only here: pathlib costs the command line about 4 ms to import)

        output = Path(output)
        suffix = output.suffix.lower()
        if suffix in _REPORT_SUFFIXES:
            from ..render import write_report

            options = {k: v for k, v in report.items() if k in REPORT_OPTION_NAMES}
            write_report(comparison, output, changed_only=changed_only, **options)
            return
        if suffix not in (".json", ".txt"):
            raise click.UsageError(f"cannot tell the report format from {output.name!r}; "
                                   "use .html, .docx, .md, .json or .txt")
        text = _render(comparison, "json" if suffix == ".json" else "text", color=False, changed_only=changed_only)
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as err:
            from ..errors import InputError

            raise InputError(f"cannot write: {err.strerror or err}", source=str(output)) from err
        return
    stream = sys.stdout
    use_color = fmt == "text" and _use_color(color, stream)
    click.echo(_render(comparison, fmt, color=use_color, changed_only=changed_only), nl=False, color=use_color)


def _render(comparison, fmt: str, *, color: bool, changed_only: bool) -> str:
    if fmt == "markdown":
        from ..render.markdown import render_markdown

        return render_markdown(comparison, changed_only=changed_only)
    if fmt == "json":
        from ..render.json import render_json

        return render_json(comparison)
    from ..render.terminal import render_terminal

    return render_terminal(comparison, color=color, changed_only=changed_only)
