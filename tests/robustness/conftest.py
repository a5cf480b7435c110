"""The robustness suite's fixtures and its case counter (printed at the end of every run)."""
from __future__ import annotations

import pytest

from ._support import COUNTS


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    """Print how many inputs each robustness category tried (recorded by ``_support.count``)."""
    if not COUNTS:
        return
    terminalreporter.write_sep("-", "robustness cases")
    for category, n in sorted(COUNTS.items()):
        terminalreporter.write_line(f"{category:<56} {n:>7}")
    terminalreporter.write_line(f"{'total':<56} {sum(COUNTS.values()):>7}")


@pytest.fixture(scope="session")
def corpus_docs():
    """Every corpus file, read once: {stem: (bytes, Document)}."""
    import lawdiff

    from ._support import CORPUS_FILES

    return {p.stem: (p.read_bytes(), lawdiff.read(p)) for p in CORPUS_FILES}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """Every hostile file (tests/robustness/_hostile.py) and the canary server an XXE would call."""
    from ._hostile import Canary, build

    with Canary() as canary:
        files = build(tmp_path_factory.mktemp("hostile"), canary.url)
        yield files, canary
