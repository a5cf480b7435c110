"""Errors raised by lawdiff. Every one carries a one-line message a user can act on.

``LawdiffError`` is the base; the CLI turns it into ``FILE: what is wrong`` and
an exit code (``exit_code``), without a traceback unless ``--debug``.
"""
from __future__ import annotations

__all__ = ["LawdiffError", "InputError", "ParseError", "ConfigError"]


class LawdiffError(Exception):
    """Base class. ``source`` names the file (or ``<text>``) when known."""

    exit_code = 3

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.message}" if where else self.message
        if "\n" in text or "\r" in text:  # one line, always: lxml's messages end in "\n, line 1, column 34"
            text = " ".join(part.strip() for part in text.replace("\r", "\n").split("\n") if part.strip())
        return text


class InputError(LawdiffError):
    """The input cannot be read: missing, empty, binary, wrong encoding, corrupt .docx, too large."""

    exit_code = 3


class ParseError(LawdiffError):
    """The input was read but holds no recognisable structure (e.g. no articles at all)."""

    exit_code = 3


class ConfigError(LawdiffError):
    """A configuration, pin or equivalence file (or option) is invalid."""

    exit_code = 2
