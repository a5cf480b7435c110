"""Golden-file comparison for the reports (refreshed only with ``pytest --update-golden``)."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def check_golden(name: str, actual: str, update: bool) -> None:
    """Compare ``actual`` with tests/golden/<name>; rewrite it instead when ``update``."""
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.is_file():
        pytest.fail(f"golden file {path} is missing: run `pytest --update-golden` and review the new file")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), f"golden/{name}", "actual", n=2
            )
        )
        pytest.fail(
            f"{name} differs from the golden file (if the change is intended, run `pytest --update-golden`):\n"
            + diff[:4000]
        )
