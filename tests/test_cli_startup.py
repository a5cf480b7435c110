"""Start-up of the ``lawdiff`` command (lawdiff/cli/__init__.py): commands are imported lazily.

Each check runs in a fresh interpreter and looks at ``sys.modules``: the
heavy libraries are loaded only by the commands that need them.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

import lawdiff
from lawdiff.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEAVY = {"rapidfuzz", "numpy", "lxml", "docx", "diff_match_patch", "flask"}
COMMANDS = {"amend", "apply", "check", "compare", "parse", "renumber", "serve"}


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.splitlines()[-1]))


def _cli(*args: str) -> str:
    """Run ``main(args)`` in the probe process, output discarded, exit swallowed."""
    return (
        "import contextlib, io\nfrom lawdiff.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    try:\n        main({list(args)!r})\n    except SystemExit:\n        pass\n"
    )


def test_import_cli_loads_no_heavy_library_and_no_command():
    loaded = _modules_after("import lawdiff.cli")
    assert not loaded & HEAVY
    assert {m for m in loaded if m.startswith("lawdiff.cli.")} == set()


def test_help_lists_every_command_without_heavy_imports():
    loaded = _modules_after(_cli("--help"))
    assert not loaded & HEAVY
    # --help needs each command's one-line help, so the command modules (only) are imported
    assert "lawdiff.cli.compare" in loaded
    assert not {"lawdiff.amend", "lawdiff.check", "lawdiff.apply", "lawdiff.render"} & loaded


def test_compare_json_loads_only_what_it_needs():
    old = ROOT / "corpora" / "cn_anti_monopoly_law_2007.md"
    new = ROOT / "corpora" / "cn_anti_monopoly_law_2022.md"
    loaded = _modules_after(_cli("compare", str(old), str(new), "--format", "json"))
    assert {"rapidfuzz", "diff_match_patch", "lawdiff.compare", "lawdiff.render.json"} <= loaded
    # numpy only for a large similarity matrix (lawdiff.align.CDIST_CELLS); lxml/docx/flask never
    assert not loaded & {"numpy", "lxml", "docx", "flask"}
    assert not {"lawdiff.amend", "lawdiff.check", "lawdiff.instructions", "lawdiff.cli.amend"} & loaded


def test_parse_command_does_not_load_the_aligner():
    path = ROOT / "corpora" / "cn_public_holidays_measures_2024.md"
    loaded = _modules_after(_cli("parse", str(path)))
    assert "lawdiff.parse" in loaded
    assert not loaded & HEAVY
    assert not {"lawdiff.align", "lawdiff.compare", "lawdiff.jurisdiction"} & loaded


def test_every_registered_command_resolves_to_itself():
    ctx = click.Context(main)
    assert set(main.list_commands(ctx)) == COMMANDS
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        assert isinstance(command, click.Command) and command.name == name
    assert main.get_command(ctx, "no-such-command") is None


def test_help_output_and_unknown_command():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == COMMANDS
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output


def test_version_works_from_a_checkout():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"lawdiff, version {lawdiff.__version__}\n"
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout == result.output and not proc.stderr
