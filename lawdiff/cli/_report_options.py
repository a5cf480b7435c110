"""Report options shared by the commands that write reports (compare, serve)."""
from __future__ import annotations

from typing import Any, Callable

import click

__all__ = ["report_options", "REPORT_OPTION_NAMES"]

REPORT_OPTION_NAMES = (
    "redline",
    "mark_style",
    "notes",
    "author",
    "body_font",
    "heading_font",
    "title",
    "marks",
    "fold",
)


def report_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the report-styling options to a click command (they reach it as keyword arguments)."""
    decorators = [
        click.option("--redline", is_flag=True, help="With -o X.docx: write the new text with Word tracked changes."),
        click.option(
            "--mark-style",
            type=click.Choice(["underline", "heiti", "brackets"]),
            default="underline",
            show_default=True,
            help="Word table marks: bold+underline/strike, 黑体/加框 (Yunnan style), or ［增：…］/［删：…］.",
        ),
        click.option("--notes/--no-notes", default=True, show_default=True, help="Word table: add the 说明 column."),
        click.option("--author", default="lawdiff", show_default=True, help="Author of tracked changes."),
        click.option("--body-font", default="仿宋_GB2312", show_default=True, help="Word body font (East Asian)."),
        click.option("--heading-font", default="黑体", show_default=True, help="Word heading font (East Asian)."),
        click.option("--title", default=None, help="Report title (HTML and Word table) [default: from the two titles]."),
        click.option(
            "--md-marks",
            "marks",
            type=click.Choice(["html", "plain"]),
            default="html",
            show_default=True,
            help="Markdown marks: <ins>/<del>, or **/~~ (plain).",
        ),
        click.option(
            "--fold",
            type=click.IntRange(min=0),
            default=200,
            show_default=True,
            help="Markdown: fold cells longer than N characters into <details> (0: never).",
        ),
    ]
    for decorate in reversed(decorators):
        command = decorate(command)
    return command
