"""Shared fixtures: the bundled corpus, the bulk corpus (unpacked at run time), golden files."""
from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
BULK_ARCHIVE = ROOT.parent / "shared" / "corpora-bulk" / "lawrefbook-2f4c5c2.tar.xz"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden report files under tests/golden/ instead of comparing against them",
    )


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The bundled corpus folder (corpora/)."""
    return CORPORA


@pytest.fixture(scope="session")
def bulk_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 3,504-text bulk corpus, unpacked once per session into a temporary folder.

    Skips (with the reason) when ../shared/corpora-bulk/ is not beside the checkout.
    """
    if not BULK_ARCHIVE.is_file():
        pytest.skip(f"bulk corpus archive not found at {BULK_ARCHIVE}")
    target = tmp_path_factory.mktemp("lawrefbook")
    if shutil.which("tar"):
        subprocess.run(["tar", "-xJf", str(BULK_ARCHIVE), "-C", str(target)], check=True)
    else:  # pragma: no cover - tar is everywhere we run
        with tarfile.open(BULK_ARCHIVE) as tar:
            tar.extractall(target, filter="data")
    return target


@pytest.fixture()
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was started with --update-golden."""
    return bool(request.config.getoption("--update-golden"))


CHROMIUM = "/usr/bin/chromium"
#: Flags for Debian's Chromium on a machine with no network beyond the package registries.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by playwright (never ``playwright install``); skips when either is missing."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium fonts-noto-cjk)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
