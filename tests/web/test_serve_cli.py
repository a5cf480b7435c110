"""``lawdiff serve``: the command, its hint without Flask, and a real server on a free port."""
from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawdiff.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_serve_and_its_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "--open" in result.output and "[default: 8765" in result.output
    assert "serve" in CliRunner().invoke(main, ["--help"]).output


def test_without_flask_prints_the_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "flask", None)  # import flask -> ImportError
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2
    assert result.output.strip() == "lawdiff serve needs Flask: pip install 'lawdiff[web]'"


def test_help_does_not_import_flask():
    code = "import sys; from lawdiff.cli import main; assert 'flask' not in sys.modules; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


def test_serves_on_loopback_and_stops():
    pytest.importorskip("flask", reason="Flask is not installed (pip install 'lawdiff[web]')")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "serve", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("lawdiff: serving on http://127.0.0.1:"), line + proc.stderr.read()
        url = line.split()[3]
        with urllib.request.urlopen(url, timeout=20) as response:
            body = response.read().decode("utf-8")
            assert response.status == 200 and "开始比较" in body
            assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_busy_port_is_a_usage_error():
    pytest.importorskip("flask", reason="Flask is not installed (pip install 'lawdiff[web]')")
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
