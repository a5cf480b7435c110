"""What every reader produces: the lines of a source, with their positions.

Readers turn a file into :class:`SourceLine` values (one per physical line of a
text file, one per paragraph of a .docx, one per block element of HTML); the
one structural parser (:func:`lawdiff.parse.parse_lines`) turns lines into a
:class:`~lawdiff.model.Document`. Readers never interpret legislative
structure themselves.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SourceLine", "MAX_INPUT_BYTES", "MAX_DOCX_PART_BYTES"]

#: Largest input file lawdiff reads (bytes). Larger files are refused with an InputError.
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: Largest uncompressed size of one part inside a .docx (zip-bomb guard), and of all parts together.
MAX_DOCX_PART_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class SourceLine:
    """One line of input.

    ``number`` is 1-based (paragraph number for .docx/HTML). ``align`` is
    ``"center"`` when the source says the paragraph is centred (a title hint
    in .docx/HTML), else ``None``. ``numbering`` is the label that Word's
    automatic numbering displays before the paragraph (``第一条``,
    ``（一）``), rendered by the reader; ``text`` already starts with it
    (followed by one U+3000 when the numbering has a separator), so the parser
    sees exactly what typed text would give. ``numbering`` is kept for reports.
    """

    text: str
    number: int
    align: str | None = None
    numbering: str | None = None
