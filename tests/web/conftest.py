"""Fixtures of the web tests: the Flask app, its test client, the 赤水河 pair as bytes, a live server.

The test modules that need Flask (the ``web`` extra) skip with the reason when
it is missing; the fixtures import it only when used.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
YUNNAN = CORPORA / "yunnan_chishui_joint_decision_2021.md"
GUIZHOU = CORPORA / "guizhou_chishui_joint_decision_2021.md"


@pytest.fixture()
def app():
    from lawdiff.web import create_app

    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def chishui_files() -> tuple[tuple[str, bytes], tuple[str, bytes]]:
    return (YUNNAN.name, YUNNAN.read_bytes()), (GUIZHOU.name, GUIZHOU.read_bytes())


@pytest.fixture()
def live_server(app):
    """The app on a free loopback port (werkzeug's threaded server in a thread); yields its URL."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
