"""The ``lawdiff`` command line: a click group; each command lives in its own module.

Composition, file I/O and exit codes only. Exit codes: 0 success, 1 check
findings, 2 usage error, 3 unreadable or unparseable input. A
:class:`~lawdiff.errors.LawdiffError` is printed as one line ``FILE: what is
wrong``; any other exception too, unless ``--debug`` asks for the traceback.

Commands are registered lazily (``_register()``): a command's module is
imported only when that command runs or ``--help`` lists it, so start-up
pays for click and nothing else. Register a new command with one line,
``main.add_lazy_command("name", "lawdiff.cli.module:function")``; an
eager ``main.add_command(command)`` works too.
"""
from __future__ import annotations

import sys

import click

from .. import __version__
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
        except BrokenPipeError:
            # The reader went away (``lawdiff parse X | head``): stop quietly, as Unix tools do.
            # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(141)
        except Exception as err:  # noqa: BLE001 - last line of defence: never a traceback
            if debug:
                raise
            click.echo(f"lawdiff: internal error: {type(err).__name__}: {err} (run with --debug for details)", err=True)
            ctx.exit(4)


class _LazyGroup(_GuardedGroup):
    """A group whose commands are imported on first use (``name -> "module:attribute"``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, str] = {}

    def add_lazy_command(self, name: str, target: str) -> None:
        """Register command ``name``, found as ``module:attribute``, without importing it."""
        self.lazy_commands[name] = target

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy_commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in self.lazy_commands:
            from importlib import import_module

            module, _, attr = self.lazy_commands[cmd_name].partition(":")
            command = getattr(import_module(module), attr)
            if command.name != cmd_name:  # pragma: no cover - a wrong registration
                raise RuntimeError(f"lazy command {cmd_name!r} resolves to a command named {command.name!r}")
            self.commands[cmd_name] = command
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(__version__, prog_name="lawdiff")  # from the package: works from a checkout too
def main(debug: bool) -> None:
    """Compare, check and draft Chinese legislative texts."""


def _register() -> None:
    main.add_lazy_command("parse", "lawdiff.cli.parse:parse_command")
    main.add_lazy_command("compare", "lawdiff.cli.compare:compare_command")
    main.add_lazy_command("amend", "lawdiff.cli.amend:amend_command")
    main.add_lazy_command("apply", "lawdiff.cli.amend:apply_command")
    main.add_lazy_command("renumber", "lawdiff.cli.amend:renumber_command")
    main.add_lazy_command("check", "lawdiff.cli.check:check_command")
    main.add_lazy_command("serve", "lawdiff.cli.serve:serve_command")


_register()
