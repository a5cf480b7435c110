"""``lawdiff compare A B C …`` and ``lawdiff compare --base BASE A B``: N-way and three-way reports.

:func:`run_multi` is called by the ``compare`` command when it receives more
than two files or ``--base``. It reads the files, runs
:func:`lawdiff.multi.compare_many` or :func:`lawdiff.multi.compare_three`,
and writes the report: text or JSON on stdout, or ``-o FILE`` with the format
from the suffix (.html, .docx, .md, .json, .txt).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Sequence

import click

__all__ = ["run_multi", "MULTI_SUFFIXES"]

MULTI_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
}


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    stream = sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def run_multi(
    paths: Sequence[str | Path],
    *,
    base: str | Path | None = None,
    fmt: str = "text",
    output: str | Path | None = None,
    equiv: Sequence[str] = (),
    equiv_file: str | Path | None = None,
    **report_options: Any,
) -> int:
    """Compare several texts (or two drafts against ``base``), write the report, return the exit code (0).

    ``equiv`` are ``LEFT=RIGHT`` strings as given to ``--equiv``. Recognised
    ``report_options`` (the other options of ``lawdiff compare``): ``no_detect``,
    ``threshold``, ``strict_format``, ``changed_only``, ``color``, ``title``,
    ``mark_style``, ``notes``, ``body_font``, ``heading_font``, ``marks``;
    ``pins`` and ``redline`` apply to two texts only and are refused (usage
    error). Unknown or ``None`` options are ignored.
    """
    from .. import jurisdiction
    from ..errors import InputError
    from ..multi import compare_many, compare_three

    paths = [Path(p) for p in paths]
    opts = {k: v for k, v in report_options.items() if v is not None}
    if opts.get("pins"):
        raise click.UsageError("--pins applies to a comparison of two texts, not to an N-way or three-way one")
    if opts.get("redline"):
        raise click.UsageError("--redline applies to a comparison of two texts; use -o X.docx for the 对照表")
    if base is not None and len(paths) != 2:
        raise click.UsageError(f"--base BASE needs exactly two more texts (A and B), got {len(paths)}")
    if base is None and len(paths) < 2:
        raise click.UsageError(f"compare needs at least two texts, got {len(paths)}")
    if fmt not in ("text", "json"):
        raise click.UsageError(f"unknown --format {fmt!r}; choose text or json")
    kind = None
    if output is not None:
        output = Path(output)
        kind = MULTI_SUFFIXES.get(output.suffix.lower())
        if kind is None:
            raise click.UsageError(
                f"cannot tell the report format from {output.name!r}; use .html, .docx, .md, .json or .txt"
            )

    pairs = [jurisdiction.parse_equiv(spec) for spec in equiv]
    if equiv_file is not None:
        pairs.extend(jurisdiction.read_equiv_file(equiv_file))
    options: dict[str, Any] = {
        "equiv": tuple(pairs),
        "detect_jurisdictions": not opts.get("no_detect", False),
        "strict_format": bool(opts.get("strict_format", False)),
    }
    if "threshold" in opts:
        options["threshold"] = float(opts["threshold"])
    if base is not None:
        result: Any = compare_three(base, paths[0], paths[1], **options)
    else:
        result = compare_many(paths, **options)

    changed_only = bool(opts.pop("changed_only", False))
    if kind is None:
        color = fmt == "text" and _use_color(opts.get("color"))
        text = render(result, fmt, color=color, changed_only=changed_only)
        click.echo(text, nl=False, color=color)
        return 0
    data = render_bytes(result, kind, changed_only=changed_only, **opts)
    try:
        output.write_bytes(data)  # type: ignore[union-attr]
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", source=str(output)) from err
    return 0


def render(result: Any, fmt: str, *, color: bool = False, changed_only: bool = False) -> str:
    """Text (``fmt="text"``) or JSON of a MultiComparison or ThreeWay."""
    from ..multi import ThreeWay
    from ..render import multi_text as mt

    three = isinstance(result, ThreeWay)
    if fmt == "json":
        return mt.render_three_json(result) if three else mt.render_multi_json(result)
    if three:
        return mt.render_three_terminal(result, color=color, changed_only=changed_only)
    return mt.render_multi_terminal(result, color=color, changed_only=changed_only)


def render_bytes(result: Any, kind: str, *, changed_only: bool = False, **opts: Any) -> bytes:
    """The report of kind ``html``, ``docx``, ``markdown``, ``json`` or ``text`` as bytes."""
    from ..multi import ThreeWay

    three = isinstance(result, ThreeWay)
    if kind == "html":
        from ..render.multi_html import render_multi_html, render_three_html

        fn = render_three_html if three else render_multi_html
        return fn(result, title=opts.get("title")).encode("utf-8")
    if kind == "docx":
        from ..render.multi_docx import render_multi_docx, render_three_docx

        names = ("mark_style", "notes", "body_font", "heading_font", "title")
        fn = render_three_docx if three else render_multi_docx
        return fn(result, **{k: opts[k] for k in names if k in opts})
    if kind == "markdown":
        from ..render import multi_text as mt

        marks = opts.get("marks", "html")
        fn = mt.render_three_markdown if three else mt.render_multi_markdown
        return fn(result, marks=marks, changed_only=changed_only).encode("utf-8")
    return render(result, "json" if kind == "json" else "text", changed_only=changed_only).encode("utf-8")
