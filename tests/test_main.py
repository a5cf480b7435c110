"""The ``lawdiff`` console script (lawdiff/__main__.py): a fresh process per run.

``run()`` switches the cyclic garbage collector off and ends the process with
``os._exit`` after flushing; these tests check that nothing a user sees changes:
complete output, exit codes, messages, and no traceback when the reader of a pipe
goes away.
"""
from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

import lawdiff
from lawdiff.render.json import render_json

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
OLD = CORPORA / "cn_legislation_law_2015.md"
NEW = CORPORA / "cn_legislation_law_2023.md"


def _run(*args: str, entry: str = "module", **kwargs) -> subprocess.CompletedProcess:
    start = [sys.executable, "-m", "lawdiff"] if entry == "module" else [sys.executable, str(ROOT / "cli.py")]
    return subprocess.run([*start, *args], capture_output=True, cwd=ROOT, timeout=300, **kwargs)


@pytest.mark.parametrize("entry", ["module", "cli.py"])
def test_output_is_complete_and_the_same_as_in_process(entry):
    proc = _run("compare", str(OLD), str(NEW), "--format", "json", entry=entry)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    expected = render_json(lawdiff.compare(OLD, NEW))
    # the report is larger than a pipe buffer, so a missing final flush would cut it
    assert len(proc.stdout) > 65536
    assert proc.stdout.decode("utf-8") == expected
    assert json.loads(proc.stdout)["summary"]["pairs"] > 100


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("compare", "missing.md", str(NEW)), 3, "missing.md: no such file"),
        (("compare", str(OLD)), 2, "compare needs at least two files"),
        (("compare", str(OLD), str(NEW), "--threshold", "7"), 2, "--threshold"),
        (("frobnicate",), 2, "No such command"),
    ],
)
def test_exit_codes_and_one_line_messages(args, code, message):
    proc = _run(*args)
    assert proc.returncode == code
    err = proc.stderr.decode("utf-8")
    assert message in err
    assert "Traceback" not in err


def test_check_findings_exit_1(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("某条例\n\n第一条　甲。\n第三条　乙。\n", encoding="utf-8")
    proc = _run("check", str(draft))
    assert proc.returncode == 1
    assert "第三条" in proc.stdout.decode("utf-8")


def test_version_and_help():
    assert _run("--version").stdout.decode().startswith("lawdiff, version ")
    assert "compare" in _run("--help").stdout.decode()


def test_reader_going_away_is_quiet():
    """``lawdiff parse X | head -1``: the pipe closes early; no traceback, no 'Exception ignored'."""
    cmd = f'"{sys.executable}" -m lawdiff parse "{NEW}" | head -n 1'
    proc = subprocess.run(cmd, shell=True, capture_output=True, cwd=ROOT, timeout=120)
    assert proc.stdout.decode("utf-8").strip()
    assert proc.stderr == b""


def test_importing_the_entry_module_changes_nothing():
    import lawdiff.__main__ as entry

    assert gc.isenabled()
    assert callable(entry.run)


def test_serve_turns_the_collector_back_on(monkeypatch):
    """``lawdiff serve`` runs for hours: the collector ``run()`` switched off is on again."""
    pytest.importorskip("flask")
    import werkzeug.serving

    from lawdiff.cli.serve import serve_command

    class Started(Exception):
        pass

    seen = {}

    def fake_make_server(*args, **kwargs):
        seen["collector"] = gc.isenabled()
        raise Started

    monkeypatch.setattr(werkzeug.serving, "make_server", fake_make_server)
    gc.disable()
    try:
        with pytest.raises(Started):
            serve_command.callback(port=0, open_browser=False, max_upload=1)
    finally:
        gc.enable()
    assert seen == {"collector": True}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) to make writes fail")
@pytest.mark.parametrize("args", [("--version",), ("parse", str(NEW))])
def test_output_that_cannot_be_written_is_one_line_not_a_traceback(args):
    """``lawdiff --version > /dev/full``: the write fails outside any command (or at the final flush)."""
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "lawdiff", *args], stdout=full, stderr=subprocess.PIPE,
                              cwd=ROOT, timeout=120)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 4
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "No space left on device" in err
