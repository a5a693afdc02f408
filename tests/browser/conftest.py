"""Fixtures for real-browser tests: a live Streamlit server and Playwright on Debian's chromium.

- ``app_server``: base URL of ``python -m dashboard.serve`` (repo root), started once per session.
  The server inherits the environment, so ``SDTEX_DB=/some/file.duckdb scripts/test.sh`` points
  the app at another warehouse (the app's default is ``build/warehouse.duckdb``).
- ``start_app_server(db_path=None, env=None)``: starts a further server, e.g. against a temp
  warehouse (``start_app_server(db_path=tmp_path / "w.duckdb")`` sets ``SDTEX_DB``); stopped at
  the end of the session.
- ``wait_for_app(page)``: waits until Streamlit is connected and the script run has finished.
- ``screenshot(page, name)``: full-page PNG into ``test-artifacts/screenshots/``.

Every test under tests/browser/ gets the ``browser`` marker. A failing test that used ``page``
also leaves ``test-artifacts/screenshots/FAILED-<test>.png``; each server's output is kept in
``test-artifacts/logs/``.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
SCREENSHOT_DIR = ARTIFACTS_DIR / "screenshots"
LOG_DIR = ARTIFACTS_DIR / "logs"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

SERVER_START_TIMEOUT_S = 60
# The first page load can include the app building its warehouse.
APP_RUN_TIMEOUT_MS = 120_000

_HERE = Path(__file__).resolve().parent


# --------------------------------------------------------------------------- collection


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    # This hook sees every collected item, not only those below this directory.
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    report = yield
    # Right after the test body, while its page is still open.
    if report.when == "call" and report.failed:
        page = getattr(item, "funcargs", {}).get("page")
        if page is not None and _HERE in Path(str(item.path)).resolve().parents:
            try:
                shot = save_screenshot(page, f"FAILED-{item.name}")
                report.sections.append(("browser screenshot", str(shot)))
            except Exception as exc:  # noqa: BLE001 - never mask the test failure
                report.sections.append(("browser screenshot", f"could not save: {exc}"))
    return report


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's chromium instead of a Playwright download (`playwright install` is not used)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {
        **browser_context_args,
        "viewport": {"width": 1440, "height": 900},
        "locale": "zh-CN",
        "timezone_id": "Asia/Shanghai",
    }


# --------------------------------------------------------------------------- app server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _AppServer:
    def __init__(self, env: Mapping[str, str]) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        self.log_path = LOG_DIR / f"streamlit-{self.port}.log"
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        cmd = [
            sys.executable, "-m", "dashboard.serve",
            "--server.headless", "true",
            "--server.address", "127.0.0.1",
            "--server.port", str(self.port),
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group, so stop() reaches its children too
        )

    def output(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_healthy(self, timeout_s: float = SERVER_START_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                pytest.fail(
                    f"streamlit exited with code {self.proc.returncode} before becoming healthy."
                    f"\n--- server output ---\n{self.output()}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(
                    f"{self.url}/_stcore/health", timeout=2
                ) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        self.stop()
        pytest.fail(
            f"streamlit not healthy at {self.url} after {timeout_s:.0f} s."
            f"\n--- server output ---\n{self.output()}",
            pytrace=False,
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        # Whatever is left in the group (the server or children it started).
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.proc.poll() is None:
            self.proc.wait(timeout=10)
        if not self._log.closed:
            self._log.close()


@pytest.fixture(scope="session")
def start_app_server() -> Iterator[Callable[..., str]]:
    """Factory: ``start_app_server(db_path=None, env=None) -> base URL``.

    The server inherits ``os.environ``; ``env`` adds/overrides variables and ``db_path`` sets
    ``SDTEX_DB`` (the app's DuckDB file). All servers are stopped at the end of the session.
    """
    servers: list[_AppServer] = []

    def start(
        db_path: str | os.PathLike[str] | None = None,
        env: Mapping[str, str] | None = None,
    ) -> str:
        full_env = {
            **os.environ,
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            **(env or {}),
        }
        if db_path is not None:
            full_env["SDTEX_DB"] = str(db_path)
        server = _AppServer(full_env)
        servers.append(server)
        server.wait_healthy()
        return server.url

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def app_server(start_app_server: Callable[..., str]) -> str:
    """Base URL (``http://127.0.0.1:PORT``) of the app, shared by the whole session."""
    return start_app_server()


# --------------------------------------------------------------------------- page helpers


def _wait_for_app(page, timeout_ms: int = APP_RUN_TIMEOUT_MS) -> None:
    """Wait until the websocket is connected and the script run (first or rerun) is over."""
    page.wait_for_selector(
        '[data-testid="stApp"]', state="attached", timeout=timeout_ms
    )
    # data-test-script-state is "initial" before the first run, then "running"/"notRunning".
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
        '[data-test-script-state="notRunning"]',
        state="attached",
        timeout=timeout_ms,
    )
    # The status widget shows "Running..." while a run is in progress (belt and braces).
    page.wait_for_function(
        """() => {
            const w = document.querySelector('[data-testid="stStatusWidget"]');
            return !w || !/Running/i.test(w.innerText || '');
        }""",
        timeout=timeout_ms,
    )


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII).strip("_") or "screenshot"


def save_screenshot(page, name: str) -> Path:
    """Full-page PNG of ``page`` as ``test-artifacts/screenshots/<name>.png``.

    Streamlit scrolls inside its main container rather than the document, so a plain
    ``full_page`` screenshot would cut the page at the viewport: the viewport is grown to the
    content height for the shot and restored afterwards.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{_safe_name(name)}.png"
    viewport = page.viewport_size
    content_height = page.evaluate(
        """() => Math.max(document.documentElement.scrollHeight,
            ...[...document.querySelectorAll(
                '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stSidebarContent"]'
            )].map(e => e.scrollHeight))"""
    )
    grow = viewport is not None and content_height > viewport["height"]
    if grow:
        page.set_viewport_size(
            {"width": viewport["width"], "height": min(int(content_height), 16_000)}
        )
        page.wait_for_timeout(300)  # let the layout settle
    try:
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        if grow:
            page.set_viewport_size(viewport)
    return path


@pytest.fixture
def wait_for_app() -> Callable[..., None]:
    return _wait_for_app


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """``screenshot(page, name) -> Path``: full-page PNG in test-artifacts/screenshots/."""
    return save_screenshot
