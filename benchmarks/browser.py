"""Browser timings: headless Chromium against live servers of the app and of the floor app.

For each page: the time from opening its URL to its first chart being drawn (a plotly chart's
`.main-svg`; a page without a chart: its first table, else its title), and the time from a filter
change in the sidebar (the city selectbox, picked by keyboard) to the end of the rerun it causes
and the next two animation frames (the updated chart painted). Both are read from the page's own
clock (`performance.now()`): the first is measured from navigation start, the second from the
Enter key that commits the new city, so Playwright's round trips are not counted.

Every visit is a new browser context (no cache, a new Streamlit session). Each server gets one
unmeasured visit first, so the measured ones find its caches as a user after the first would.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from benchmarks.scenario import peak_rss_mb
from etl.paths import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SERVER_OPTIONS = ["--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                  "--server.fileWatcherType", "none"]
LOAD_TIMEOUT_MS = 120_000

# Installed before any page script: stamps when the first chart, table and title appear, and
# when a rerun that follows the Enter key has finished.
_OBSERVER = """
(() => {
  const marks = window.__bench = {chart: null, table: null, title: null, pressed: null, running: false, done: null,
                                   painted: null};
  const look = () => {
    const now = performance.now();
    if (marks.chart === null && document.querySelector('[data-testid="stPlotlyChart"] .main-svg')) marks.chart = now;
    if (marks.table === null && document.querySelector('[data-testid="stDataFrame"] canvas, [data-testid="stTable"] table')) marks.table = now;
    if (marks.title === null && document.querySelector('[data-testid="stMain"] h1')) marks.title = now;
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    // The rerun has begun once the app leaves notRunning: it asks for the rerun (rerunRequested) before
    // the server starts it, so even a rerun too fast to show 'running' is seen.
    if (marks.pressed !== null && state && state !== 'notRunning') marks.running = true;
    if (marks.pressed !== null && marks.running && marks.done === null && state === 'notRunning') {
      marks.done = -1;
      requestAnimationFrame(() => requestAnimationFrame(() => { marks.done = performance.now(); }));
    }
  };
  // A fast rerun can go from running to notRunning within one batch of mutations: the records'
  // old values still show that it ran.
  // A rerun can also be too fast to show any state at all (React commits its start and end together);
  // then the paint after the main area's last change since the Enter key stands for its end.
  new MutationObserver((records) => {
    if (marks.pressed !== null && records.some((r) => r.attributeName === 'data-test-script-state'
                                               && r.oldValue && r.oldValue !== 'notRunning')) {
      marks.running = true;
    }
    const main = document.querySelector('[data-testid="stMain"]');
    if (marks.pressed !== null && marks.done === null && main
        && records.some((r) => r.type === 'childList' && main.contains(r.target))) {
      requestAnimationFrame(() => requestAnimationFrame(() => { marks.painted = performance.now(); }));
    }
    look();
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state', 'class']});
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && marks.armed) { marks.pressed = performance.now(); marks.armed = false; }
  }, true);
})();
"""
# The rerun after the Enter key is over: seen ending, or (never seen running) its redraw quiet for 1 s.
_RERUN_OVER = """() => { const m = window.__bench;
  return (m.done !== null && m.done > 0) || (!m.running && m.painted !== null && performance.now() - m.painted > 1000); }"""
_IDLE = ('[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]')


@dataclass
class Server:
    """A Streamlit server started for the measurements, in its own process group."""

    name: str
    command: list[str]
    env: Mapping[str, str]
    log: Path
    port: int = field(default_factory=lambda: _free_port())
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 120) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen([*self.command, "--server.port", str(self.port), *SERVER_OPTIONS], cwd=ROOT,
                                         env={**os.environ, **self.env, "PYTHONUNBUFFERED": "1"},
                                         stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} server exited ({self.proc.returncode}); see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"{self.name} server not healthy after {timeout_s:.0f} s; see {self.log}")

    def peak_rss_mb(self) -> float | None:
        return peak_rss_mb(self.proc.pid) if self.proc and self.proc.poll() is None else None

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=15)


def app_server(database: Path, log_dir: Path) -> Server:
    return Server("app", [sys.executable, "-m", "dashboard.serve"], {"SDTEX_DB": str(database)}, log_dir / "app.log")


def floor_server(replay: Path, log_dir: Path) -> Server:
    return Server("floor", [sys.executable, "-m", "streamlit", "run", str(ROOT / "benchmarks" / "floor_app.py")],
                  {"BENCH_FLOOR_REPLAY": str(replay)}, log_dir / "floor.log")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VisitError(Exception):
    """A browser visit failed; the message says at which step."""


class Browser:
    """One headless Chromium for all visits."""

    def __enter__(self) -> Self:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        return self

    def __exit__(self, *exc) -> None:
        self._browser.close()
        self._playwright.stop()

    def visit(self, url: str, wait_for: str, city_name: str | None) -> dict:
        """Open `url`, time its first `wait_for` (chart | table | title), then a change of the city filter."""
        context = self._browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        stage = "opening the page"  # named in the error when a wait times out
        try:
            page = context.new_page()
            page.add_init_script(_OBSERVER)
            page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            stage = f"waiting for the first {wait_for}"
            page.wait_for_function(f"() => window.__bench && window.__bench.{wait_for} !== null", timeout=LOAD_TIMEOUT_MS,
                                   polling=50)
            first = page.evaluate(f"window.__bench.{wait_for}") / 1000
            stage = "waiting for the first run to end"
            page.wait_for_selector(_IDLE, state="attached", timeout=LOAD_TIMEOUT_MS)
            update = None
            if city_name:
                stage = f"picking {city_name} in the sidebar"
                box = page.locator(".st-key-filter_city input").first
                box.click()
                box.fill(city_name)
                page.wait_for_selector('[role="option"]', timeout=10_000)
                page.evaluate("window.__bench.armed = true")
                page.keyboard.press("Enter")
                stage = f"waiting for the rerun after picking {city_name}"
                page.wait_for_function(_RERUN_OVER, timeout=LOAD_TIMEOUT_MS, polling=50)
                marks = page.evaluate("window.__bench")
                seen = marks["done"] is not None and marks["done"] > 0
                update = ((marks["done"] if seen else marks["painted"]) - marks["pressed"]) / 1000
                return {"first_s": first, "update_s": update, "update_by": "state" if seen else "redraw"}
            return {"first_s": first, "update_s": update}
        except Exception as exc:
            raise VisitError(f"{stage}: {type(exc).__name__}: {exc}") from exc
        finally:
            context.close()
