"""lawdiff: compare, check and draft Chinese legislative texts article by article.

The public API. Read a file or parse a string into a
:class:`~lawdiff.model.Document`:

>>> import lawdiff
>>> doc = lawdiff.parse("某某条例\\n第一条　为了规范……，制定本条例。\\n第二条　本条例自公布之日起施行。")
>>> [(a.label, a.text) for a in doc.units()]
[('第一条', '为了规范……，制定本条例。'), ('第二条', '本条例自公布之日起施行。')]
"""
from __future__ import annotations

from .io import read, read_bytes
from .parse import parse
from .amend import amend
from .apply import apply
from .renumber import renumber
from .check import check
from .align import align
from .compare import compare
from .multi import compare_many, compare_three
from .render import render_docx_redline, render_docx_table, render_html, render_markdown

__all__ = ["__version__", "read", "read_bytes", "parse", "amend", "apply", "renumber", "check", "align", "compare", "compare_many", "compare_three",
           "render_html", "render_docx_table", "render_docx_redline", "render_markdown"]

__version__ = "0.1.0"

# ``lawdiff.parse`` is the function (the module stays importable as ``lawdiff.parse``
# through ``import lawdiff.parse as m`` / ``from lawdiff.parse import parse_lines``).
