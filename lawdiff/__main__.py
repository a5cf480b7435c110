"""The ``lawdiff`` console script and ``python -m lawdiff``: :data:`lawdiff.cli.main` in a process of its own.

A command-line run is a short-lived process, so :func:`run` skips two things the
interpreter does for long-lived ones (measured on ``lawdiff compare`` of the Civil
Code, 1,260 articles a side: together about 30 ms of 0.25 s):

- **The cyclic garbage collector is off** from the start of :func:`run`, so also
  while click and lawdiff's modules are imported. Each of its full passes
  walks every live object, and lawdiff's objects (the frozen model, the readers'
  output) form no reference cycles; memory is still freed by reference counting.
  ``lawdiff serve``, the one long-running command, turns it back on.
- **The process ends at once** (:func:`os._exit`) once the output is flushed and
  the :mod:`atexit` handlers have run, instead of tearing down every module and
  object one by one (about 18 ms after a comparison of the Civil Code). When a
  non-daemon thread is still running, the normal exit (which waits for it) is used.

Importing this module or :mod:`lawdiff.cli` (for :class:`click.testing.CliRunner`, or to
embed the group in another click application) changes neither: only :func:`run` does.
"""
from __future__ import annotations

import gc
import os
import sys

__all__ = ["run"]


def run() -> None:
    """Run the command line with ``sys.argv`` and exit with its exit code (never returns)."""
    gc.disable()
    from .cli import main

    try:
        main()  # click's standalone mode: always ends with SystemExit
        code = 0
    except SystemExit as end:
        code = end.code
    except OSError as err:  # writing failed outside a command (``lawdiff --version > /dev/full``)
        code = _write_failed(err)
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): what the interpreter would do
        print(code, file=sys.stderr)
        code = 1
    _exit_now(code)


def _exit_now(code: int) -> None:
    import atexit
    import threading

    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        sys.exit(code)  # the interpreter's exit waits for those threads
    atexit._run_exitfuncs()  # noqa: SLF001 - what the interpreter would run before tearing down
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except ValueError:  # the stream was closed
            pass
        except OSError as err:  # the reader went away, or the disk is full
            code = code or _write_failed(err)
    os._exit(code)


def _write_failed(err: OSError) -> int:
    """The exit code for output that could not be written, after a one-line message (none for a closed pipe,
    which is how ``lawdiff parse X | head`` ends: 141, as the command group does inside a command)."""
    if isinstance(err, BrokenPipeError):
        return 141
    try:
        print(f"lawdiff: cannot write the output: {err.strerror or err}", file=sys.stderr, flush=True)
    except OSError:  # stderr cannot be written either
        pass
    return 4


if __name__ == "__main__":
    run()
