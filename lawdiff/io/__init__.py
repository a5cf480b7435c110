"""Reading input files: format detection, size and sanity checks, then a reader.

:func:`read` and :func:`read_bytes` pick the reader from the file suffix (or
``format=``): ``.txt .md .markdown`` -> text (:mod:`lawdiff.io.text`),
``.docx`` -> :mod:`lawdiff.io.docx`, ``.html .htm`` -> :mod:`lawdiff.io.html`,
``.xml .akn`` -> Akoma Ntoso (:mod:`lawdiff.io.akn`). Readers produce lines;
:func:`lawdiff.parse.parse_lines` builds the Document (Akoma Ntoso already
holds the structure and is read straight into a Document). A legacy ``.doc``,
a missing file, a directory, an empty file or a file over
:data:`~lawdiff.io.base.MAX_INPUT_BYTES` is an :class:`~lawdiff.errors.InputError`.
"""
from __future__ import annotations

import errno
import os
import stat
from typing import TYPE_CHECKING

from ..errors import InputError
from .base import MAX_INPUT_BYTES

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from ..model import Document

__all__ = ["read", "read_bytes", "FORMATS", "format_for"]

#: The formats :func:`read` accepts, with the suffixes that select them.
FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".md", ".markdown", ".text"),
    "docx": (".docx",),
    "html": (".html", ".htm", ".xhtml"),
    "akn": (".xml", ".akn"),
}


def format_for(name: str) -> str:
    """The format of a file from its name; ``InputError`` for ``.doc`` and unknown suffixes.

    >>> format_for("a.MD"), format_for("b.docx"), format_for("c.htm"), format_for("d.akn")
    ('text', 'docx', 'html', 'akn')
    >>> format_for("old.doc")
    Traceback (most recent call last):
    ...
    lawdiff.errors.InputError: old.doc: legacy Word .doc is not supported; save it as .docx
    """
    suffix = _suffix(name)
    if suffix == ".doc":
        raise InputError("legacy Word .doc is not supported; save it as .docx", source=name)
    for fmt, suffixes in FORMATS.items():
        if suffix in suffixes:
            return fmt
    if suffix == "":
        return "text"
    known = ", ".join(s for v in FORMATS.values() for s in v)
    raise InputError(f"unknown file type {suffix!r} (expected one of {known}; or pass format=)", source=name)


def _suffix(name: str) -> str:
    """``pathlib.PurePath(name).suffix.lower()``, without importing pathlib (about 4 ms of a command's start-up).

    >>> [_suffix(n) for n in ("a.MD", "dir.d/b", "c.tar.gz", ".hidden", "d.", "e.md/")]
    ['.md', '', '.gz', '', '', '.md']
    """
    base = os.path.basename(name.rstrip("/" + os.sep))
    dot = base.rfind(".")
    if dot <= 0 or dot == len(base) - 1:
        return ""
    return base[dot:].lower()


def read(path: str | Path, *, format: str | None = None) -> "Document":
    """Read and parse one file.

    >>> import lawdiff, pathlib
    >>> corpora = pathlib.Path(lawdiff.__file__).resolve().parent.parent / "corpora"
    >>> doc = lawdiff.read(corpora / "cn_public_holidays_measures_2024.md")
    >>> doc.title, len(list(doc.units()))
    ('全国年节及纪念日放假办法', 8)
    """
    name = str(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as err:  # ValueError: a NUL in the name
        if isinstance(err, ValueError) or err.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF):
            raise InputError("no such file", source=name) from None
        raise InputError(f"cannot read the file: {err.strerror or err}", source=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file", source=name)
    fmt = format or format_for(name)
    if info.st_size > MAX_INPUT_BYTES:
        raise InputError(f"file too large ({info.st_size} bytes; the limit is {MAX_INPUT_BYTES})", source=name)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as err:
        raise InputError(f"cannot read the file: {err.strerror or err}", source=name) from None
    return read_bytes(data, name=name, format=fmt)


def read_bytes(data: bytes, *, name: str, format: str | None = None) -> "Document":
    """Parse the bytes of a file called ``name`` (its suffix picks the format unless ``format`` is given)."""
    fmt = format or format_for(name)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})", source=name)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"file too large ({len(data)} bytes; the limit is {MAX_INPUT_BYTES})", source=name)
    if not data.strip(b" \t\r\n\x00") or not data.strip():
        raise InputError("the file is empty", source=name)
    if fmt == "akn":
        from . import akn

        return akn.read_document(data, source=name)
    if fmt == "text":
        from ..parse import parse
        from .text import decode

        # parse(text) is parse_lines(text.read_lines(...)) without building a SourceLine per line
        text = decode(data, source=name)
        if not text.strip():  # every line is blank exactly when the whole text is (CR and LF are blanks too)
            raise InputError("the file is empty (only whitespace)", source=name)
        return parse(text, source=name)
    if fmt == "docx":
        from . import docx

        lines = docx.read_lines(data, source=name)
    else:
        from . import html

        lines = html.read_lines(data, source=name)
    from ..parse import parse_lines

    return parse_lines(lines, source=name)
