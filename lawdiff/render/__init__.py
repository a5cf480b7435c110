"""Renderers: a :class:`~lawdiff.model.Comparison` in, a report out.

:func:`write_report` picks the renderer from the output file's suffix (or
``fmt``): ``.html`` side-by-side HTML, ``.docx`` the Word 对照表 (or, with
``redline=True``, the new text with Word tracked changes), ``.md`` Markdown,
``.json`` the stable JSON schema, ``.txt`` the terminal table without colour.
Each renderer is a pure function in its own module, re-exported here and
imported on first use (so ``lawdiff compare`` without a report pays nothing
for them); this module only dispatches and writes the file.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, InputError
from ..model import Comparison

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

__all__ = [
    "write_report",
    "render_report",
    "FORMAT_BY_SUFFIX",
    "render_html",
    "render_docx_table",
    "render_docx_redline",
    "render_markdown",
]

FORMAT_BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
}


_LAZY = {
    "render_html": "html",
    "render_docx_table": "docx_table",
    "render_docx_redline": "docx_redline",
    "render_markdown": "markdown",
}


def __getattr__(name: str) -> Any:
    """Import a re-exported renderer on first use (PEP 562)."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def render_report(comparison: Comparison, fmt: str, **options: Any) -> bytes:
    """Render ``comparison`` in format ``fmt`` (html, docx, redline, markdown, json, text) to bytes."""
    if fmt == "docx" and options.pop("redline", False):
        fmt = "redline"
    else:
        options.pop("redline", None)
    if fmt == "html":
        from .html import render_html

        return render_html(comparison, **_only(options, "title")).encode("utf-8")
    if fmt == "docx":
        from .docx_table import render_docx_table

        return render_docx_table(
            comparison, **_only(options, "mark_style", "notes", "body_font", "heading_font", "title")
        )
    if fmt == "redline":
        from .docx_redline import render_docx_redline

        return render_docx_redline(comparison, **_only(options, "author", "date", "body_font", "heading_font"))
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(comparison, **_only(options, "marks", "fold", "changed_only")).encode("utf-8")
    if fmt == "json":
        from .json import render_json

        return render_json(comparison).encode("utf-8")
    if fmt == "text":
        from .terminal import render_terminal

        return render_terminal(comparison, color=False).encode("utf-8")
    msg = f"unknown report format {fmt!r}; choose one of html, docx, redline, markdown, json, text"
    raise ConfigError(msg)


def write_report(comparison: Comparison, path: str | Path, *, fmt: str | None = None, **options: Any) -> None:
    """Write a report to ``path``; the format comes from ``fmt`` or the suffix."""
    from pathlib import Path  # (here, not at import: lawdiff compare --format json never needs it)

    path = Path(path)
    if fmt is None:
        fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
        if fmt is None:
            msg = f"cannot tell the report format from {path.name!r}; use .html, .docx, .md, .json or .txt"
            raise ConfigError(msg, source=str(path))
    data = render_report(comparison, fmt, **options)
    try:
        path.write_bytes(data)
    except OSError as err:
        raise InputError(f"cannot write the report: {err.strerror or err}", source=str(path)) from err


def _only(options: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in options.items() if k in names and v is not None}
