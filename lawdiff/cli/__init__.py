"""The ``lawdiff`` command line: a click group; each command lives in its own module.

Composition, file I/O and exit codes only. Exit codes: 0 success, 1 check
findings, 2 usage error, 3 unreadable or unparseable input. A
:class:`~lawdiff.errors.LawdiffError` is printed as one line ``FILE: what is
wrong``; any other exception too, unless ``--debug`` asks for the traceback.
"""
from __future__ import annotations

import sys

import click

from ..errors import LawdiffError

__all__ = ["main"]


class _GuardedGroup(click.Group):
    """Turns every error into a one-line message and the documented exit code."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        debug = "--debug" in sys.argv[1:] or bool(ctx.params.get("debug"))
        try:
            return super().invoke(ctx)
        except LawdiffError as err:
            if debug:
                raise
            click.echo(f"lawdiff: {err}", err=True)
            ctx.exit(err.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("lawdiff: interrupted", err=True)
            ctx.exit(130)
        except Exception as err:  # noqa: BLE001 - last line of defence: never a traceback
            if debug:
                raise
            click.echo(f"lawdiff: internal error: {type(err).__name__}: {err} (run with --debug for details)", err=True)
            ctx.exit(4)


@click.group(cls=_GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="lawdiff")
def main(debug: bool) -> None:
    """Compare, check and draft Chinese legislative texts."""


def _register() -> None:
    from . import parse as _parse

    main.add_command(_parse.parse_command)
    from .compare import compare_command

    main.add_command(compare_command)
    from .amend import amend_command, apply_command, renumber_command

    main.add_command(amend_command)
    main.add_command(apply_command)
    main.add_command(renumber_command)
    from .check import check_command

    main.add_command(check_command)
    from .serve import serve_command

    main.add_command(serve_command)


_register()
