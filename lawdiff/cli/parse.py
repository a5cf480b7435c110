"""``lawdiff parse FILE``: show what lawdiff sees in a file.

``--format text`` (default) prints the canonical plain-text layout,
``--format json`` the ``lawdiff.document/1`` JSON, ``--format akn`` Akoma
Ntoso XML. ``--stats`` prints counts per level and the notices instead
(on stdout; with ``--format json`` the counts are JSON). Exit codes: 0 ok,
2 usage error, 3 unreadable or unparseable input (one line ``FILE: what is wrong``).
"""
from __future__ import annotations

import collections
import json
import sys

import click

__all__ = ["parse_command", "stats"]


def stats(doc) -> dict[str, object]:
    """Counts per level (编 … 目) and of notices by severity."""
    from ..model import Level

    counts: collections.Counter[str] = collections.Counter()
    for div in doc.divisions():
        counts[div.level.value] += 1
    for unit in doc.units():
        counts["article" if unit.kind == "article" else "decision_item"] += 1
        counts["deleted_placeholder"] += unit.deleted_placeholder
        for clause in unit.clauses:
            counts[Level.CLAUSE.value] += 1
            for item in clause.items:
                counts[Level.ITEM.value] += 1
                counts[Level.SUBITEM.value] += len(item.subitems)
    order = ["book", "subbook", "chapter", "section", "article", "decision_item", "deleted_placeholder",
             "clause", "item", "subitem"]
    notices = collections.Counter(n.severity for n in doc.notices)
    return {
        "title": doc.title,
        "kind": doc.kind,
        "stage": doc.stage,
        "preamble_lines": len(doc.preamble),
        "intro_lines": len(doc.intro),
        "counts": {k: counts[k] for k in order if counts[k]},
        "notices": {"warning": notices.get("warning", 0), "info": notices.get("info", 0)},
    }


_NAMES = {"book": "编", "subbook": "分编", "chapter": "章", "section": "节", "article": "条",
          "decision_item": "决定条目", "deleted_placeholder": "（删去）", "clause": "款", "item": "项", "subitem": "目"}


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "akn"]), default="text", show_default=True,
              help="Output: canonical text layout, lawdiff.document/1 JSON, or Akoma Ntoso XML.")
@click.option("--input-format", type=click.Choice(["text", "docx", "html", "akn"]), default=None,
              help="Input format (default: from the file suffix).")
@click.option("--stats", "show_stats", is_flag=True, help="Print counts per level and the notices instead.")
def parse_command(file: str, fmt: str, input_format: str | None, show_stats: bool) -> None:
    """Parse FILE and print what lawdiff sees (structure, or --stats)."""
    from ..io import read

    doc = read(file, format=input_format)
    if show_stats:
        info = stats(doc)
        if fmt == "json":
            info["notices_list"] = [
                {"line": n.line, "severity": n.severity, "message": n.message, "text": n.text} for n in doc.notices
            ]
            click.echo(json.dumps(info, ensure_ascii=False, indent=2))
            return
        click.echo(f"{file}: {info['title']} ({info['kind']}" + (f", {info['stage']}" if info["stage"] else "") + ")")
        click.echo(f"  题注 lines: {info['preamble_lines']}, intro lines: {info['intro_lines']}")
        for key, value in info["counts"].items():  # type: ignore[union-attr]
            click.echo(f"  {_NAMES[key]} ({key}): {value}")
        click.echo(f"  notices: {info['notices']['warning']} warning, {info['notices']['info']} info")  # type: ignore[index]
        for n in doc.notices:
            text = f": {n.text[:60]}" + ("…" if len(n.text) > 60 else "") if n.text else ""
            click.echo(f"  {file}:{n.line}: {n.severity}: {n.message}{text}".replace("\n", " / "))
        return
    if fmt == "json":
        from ..serialize import document_to_dict

        click.echo(json.dumps(document_to_dict(doc), ensure_ascii=False, indent=2))
    elif fmt == "akn":
        from ..io.akn import write_document

        data = write_document(doc)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        from ..io.text import write_text

        click.echo(write_text(doc), nl=False)
