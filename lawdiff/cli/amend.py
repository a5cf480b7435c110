"""Drafting aids: ``lawdiff amend OLD NEW``, ``lawdiff apply OLD DECISION``, ``lawdiff renumber DRAFT``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["amend_command", "apply_command", "renumber_command"]

_TEXT_SUFFIXES = {".txt", ".md", ".markdown", ""}
_AKN_SUFFIXES = {".xml", ".akn"}


def _read_doc(path: Path):  # type: ignore[no-untyped-def]
    from .. import read

    return read(path)


def _read_decision(path: Path) -> str:
    """The decision's text: plain text/Markdown (any supported encoding) or .docx paragraphs."""
    from ..errors import InputError
    from ..io.base import MAX_INPUT_BYTES

    if not path.is_file():
        raise InputError("no such file", source=str(path))
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=str(path)) from err
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"file is larger than {MAX_INPUT_BYTES} bytes", source=str(path))
    if not data.strip():
        raise InputError("file is empty", source=str(path))
    if path.suffix.lower() == ".docx":
        from ..io.docx import read_lines

        return "\n".join(line.text for line in read_lines(data, source=str(path)))
    from ..io.text import decode

    return decode(data, source=str(path))


def _write_doc(doc, output: Path | None, fallback_suffix: str = ".txt") -> None:  # type: ignore[no-untyped-def]
    """Write ``doc`` to ``output`` in the format its suffix names (text on stdout without -o)."""
    from ..errors import InputError
    from ..io.text import write_text

    if output is None:
        click.echo(write_text(doc), nl=False)
        return
    suffix = output.suffix.lower()
    if suffix not in _TEXT_SUFFIXES | _AKN_SUFFIXES | {".docx"}:
        suffix = fallback_suffix
    if suffix == ".docx":
        from ..io.docx import write_document

        data = write_document(doc)
    elif suffix in _AKN_SUFFIXES:
        from ..io.akn import write_document as write_akn

        data = write_akn(doc)
    else:
        data = write_text(doc).encode("utf-8")
    try:
        output.write_bytes(data)
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", source=str(output)) from err


def _write_str(text: str, output: Path | None) -> None:
    from ..errors import InputError

    if text and not text.endswith("\n"):
        text += "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", source=str(output)) from err


@click.command("amend")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--style", type=click.Choice(["decision", "amendment"]), default="decision", show_default=True,
              help="decision: 修改决定 (republished text renumbered); amendment: 修正案 (第X条之一, no renumbering).")
@click.option("--detail", type=click.Choice(["auto", "words", "article"]), default="auto", show_default=True,
              help="auto: quote changed words when little changed, else restate; words: prefer quoted words; "
                   "article: restate every amended article.")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=0.3, show_default=True,
              help="Share of changed characters above which a 款 or article is restated (detail=auto).")
@click.option("--max-edits", type=click.IntRange(1, 50), default=3, show_default=True,
              help="Most quoted word changes per 款 before it is restated (detail=auto).")
@click.option("--title", help="The act's name inside 《》 [default: OLD's title].")
@click.option("--enacting", help="Start of the enacting sentence, e.g. 第十二届全国人民代表大会常务委员会第五次会议.")
@click.option("--effective", help="Date for 本决定自…起施行 [default: 公布之日].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the decision to FILE.")
def amend_command(old: Path, new: Path, style: str, detail: str, threshold: float, max_edits: int,
                  title: str | None, enacting: str | None, effective: str | None, output: Path | None) -> None:
    """Write the amendment decision (修改决定 or 修正案) that turns OLD into NEW."""
    from ..amend import amend

    text = amend(_read_doc(old), _read_doc(new), style=style, detail=detail, threshold=threshold,
                 max_edits=max_edits, title=title, enacting=enacting, effective=effective)
    _write_str(text, output)


@click.command("apply")
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("decision", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--style", type=click.Choice(["decision", "amendment"]), default=None,
              help="Numbering regime [default: read from the decision: 修正案 keeps numbers, else renumber].")
@click.option("--instructions", "show", is_flag=True,
              help="Print the instructions read from DECISION instead of applying them.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the new text to FILE (.txt/.md, .docx or .xml for Akoma Ntoso) [default: text on stdout].")
def apply_command(old: Path, decision: Path, style: str | None, show: bool, output: Path | None) -> None:
    """Apply the amendment DECISION to OLD and output the new text."""
    from ..apply import apply_decision
    from ..instructions import parse_decision

    parsed = parse_decision(_read_decision(decision), source=str(decision))
    if show:
        lines = []
        for ins in parsed.instructions:
            what = ", ".join(r.label() for r in ins.targets)
            to = ", ".join(r.label() for r in ins.to)
            extra = f" -> {to}" if to else ""
            words = "; ".join(f"“{a}” -> “{b}”" for a, b in ins.words)
            detail = words or (f"{len(ins.paragraphs)} paragraph(s)" if ins.paragraphs else "")
            lines.append(f"{ins.item or '-'}\t{ins.op}\t{what}{extra}\t{detail}".rstrip())
        tail = "reorder: yes" if parsed.reorder else "reorder: no"
        _write_str("\n".join(lines) + f"\n{tail}\n", output)
        return
    doc = apply_decision(_read_doc(old), parsed, style=style, source=str(decision))
    _write_doc(doc, output, fallback_suffix=old.suffix.lower())


@click.command("renumber")
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the renumbered text to FILE (.txt/.md, .docx or .xml) [default: text on stdout].")
@click.option("--table", is_flag=True, help="Print the 序号对照 table (old -> new) instead of the text "
              "(with -o, the text goes to FILE and the table to stdout).")
@click.option("--changed-only", is_flag=True, help="In the table, list renumbered units only.")
def renumber_command(draft: Path, output: Path | None, table: bool, changed_only: bool) -> None:
    """Renumber DRAFT's 条 (and 章/节, 项) consecutively and update its internal cross-references."""
    from ..renumber import format_table, renumber

    doc, mapping = renumber(_read_doc(draft))
    if output is not None:
        _write_doc(doc, output, fallback_suffix=draft.suffix.lower())
    if table:
        click.echo(format_table(mapping, changed_only=changed_only), nl=False)
    elif output is None:
        _write_doc(doc, None)
    if not table and output is not None:
        click.echo(f"{sum(1 for m in mapping if m.changed)} unit(s) renumbered; written to {output}", err=True)
    sys.stdout.flush()
