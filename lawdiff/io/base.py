"""What every reader produces: the lines of a source, with their positions.

Readers turn a file into :class:`SourceLine` values (one per physical line of a
text file, one per paragraph of a .docx, one per block element of HTML); the
one structural parser (:func:`lawdiff.parse.parse_lines`) turns lines into a
:class:`~lawdiff.model.Document`. Readers never interpret legislative
structure themselves.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import frozen_dataclass

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Document

__all__ = ["SourceLine", "MAX_INPUT_BYTES", "MAX_DOCX_PART_BYTES", "refuse_xml_unsafe"]

#: Largest input file lawdiff reads (bytes). Larger files are refused with an InputError.
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: Largest uncompressed size of one part inside a .docx (zip-bomb guard), and of all parts together.
MAX_DOCX_PART_BYTES = 256 * 1024 * 1024


@frozen_dataclass
class SourceLine:
    """One line of input.

    ``number`` is 1-based (paragraph number for .docx/HTML). ``align`` is
    ``"center"`` when the source says the paragraph is centred (a title hint
    in .docx/HTML), else ``None``. ``numbering`` is the label that Word's
    automatic numbering displays before the paragraph (``第一条``,
    ``（一）``), rendered by the reader; ``text`` already starts with it
    (followed by one U+3000 when the numbering has a separator), so the parser
    sees exactly what typed text would give. ``numbering`` is kept for reports.

    >>> line = SourceLine("第一条　甲。", 3)
    >>> line, line == SourceLine("第一条　甲。", 3), line.align
    (SourceLine(text='第一条\u3000甲。', number=3, align=None, numbering=None), True, None)
    >>> line.text = "乙"
    Traceback (most recent call last):
    ...
    dataclasses.FrozenInstanceError: cannot assign to field 'text'
    """

    text: str
    number: int
    align: str | None = None
    numbering: str | None = None


_XML_UNSAFE = "[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


def refuse_xml_unsafe(doc: "Document", what: str) -> None:
    """Raise :class:`~lawdiff.errors.InputError` when ``doc`` holds a character XML 1.0 cannot hold.

    The .docx and Akoma Ntoso writers call this first: a text file may carry Word's vertical tab
    (``\\x0b``) or ESC, which no XML document can contain. Refusing with the place is better than an
    internal error from lxml, and better than silently writing something else.

    >>> from lawdiff import parse
    >>> refuse_xml_unsafe(parse("某法\\n第一条　甲\\x0b乙。"), "Akoma Ntoso")
    Traceback (most recent call last):
    ...
    lawdiff.errors.InputError: cannot write Akoma Ntoso: the text holds U+000B, which XML cannot hold (after “第一条　甲”)
    """
    import re

    from ..errors import InputError
    from .text import write_text

    text = write_text(doc)
    m = re.search(_XML_UNSAFE, text)
    if m is None:
        return
    before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()][-12:]
    raise InputError(
        f"cannot write {what}: the text holds U+{ord(m.group()):04X}, which XML cannot hold "
        f"(after “{before}”)",
        source=doc.source,
    )
