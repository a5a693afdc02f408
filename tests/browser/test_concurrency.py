"""Twenty sessions read while the warehouse is rebuilt and swapped under them: no errors, no half state."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time

from playwright.sync_api import Browser, expect

from tests.conftest import PRESS, REPO

SESSIONS = 20
SWAPS = 6
ROUNDS = 2


def read_overview(page) -> tuple[int, int, int, str]:
    """(targets, actuals, rows in the table, build stamp) as the page shows them."""
    # A reloaded page can report "not running" before its first run has drawn anything: wait for
    # the caption at the end of the overview, drawn last, rather than reading a partial page.
    expect(page.get_by_text(re.compile(r"共 \d+ 条"))).to_be_visible(timeout=60_000)
    metrics = {}
    for metric in page.locator('[data-testid="stMetric"]').all()[:5]:  # the counts; headline figures follow
        label = metric.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        metrics[label] = int(metric.locator('[data-testid="stMetricValue"]').inner_text().strip())
    caption = page.get_by_text(re.compile(r"共 \d+ 条")).inner_text()
    rows = int(re.search(r"共 (\d+) 条", caption).group(1))
    stamp = re.search(r"数据构建于 (.+)$", caption).group(1)
    return metrics["目标"], metrics["实际"], rows, stamp


def test_sessions_read_consistently_while_the_warehouse_is_swapped(browser: Browser, start_app_server, wait_for_app,
                                                                    data_copy, tmp_path, screenshot):
    database = tmp_path / "swap.duckdb"
    server = start_app_server(db_path=database)
    smaller = data_copy  # the same data less one actual figure: each build is told apart by its counts
    rows = smaller.rows(PRESS)
    smaller.write_rows(PRESS, [r for r in rows if r["stated"] != "450亿元"])

    pages = []
    for _ in range(SESSIONS):
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(server + "/")
        pages.append(page)
    for page in pages:
        wait_for_app(page)

    swaps: list[str] = []
    done = threading.Event()

    def rebuild() -> None:
        # Swap builds for as long as the sessions read (and at least SWAPS times).
        while not done.is_set() or len(swaps) < SWAPS:
            source = smaller.root if len(swaps) % 2 == 0 else REPO / "data"
            subprocess.run([sys.executable, "-m", "etl", "--data", str(source), "build", "--db", str(database)],
                           cwd=REPO, check=True, capture_output=True)
            swaps.append(str(source))
            time.sleep(0.2)

    rebuilder = threading.Thread(target=rebuild)
    rebuilder.start()
    seen: dict[str, tuple[int, int]] = {}
    reads = 0
    try:
        for _ in range(ROUNDS):
            for page in pages:
                page.reload(wait_until="commit")  # all sessions rerun at nearly the same time
            for page in pages:
                page.wait_for_timeout(50)
                wait_for_app(page)
                assert page.locator('[data-testid="stException"]').count() == 0
                targets, actuals, table_rows, stamp = read_overview(page)
                assert table_rows == targets + actuals, "metrics and table came from different builds"
                assert (targets, actuals) in {(42, 87), (42, 86)}
                assert seen.setdefault(stamp, (targets, actuals)) == (targets, actuals), "one build, two answers"
                reads += 1
    finally:
        done.set()
        rebuilder.join()
    screenshot(pages[0], "concurrency-after-swaps")
    print(f"\n{SESSIONS} sessions, {len(swaps)} swaps, {reads} consistent reads across {len(seen)} builds")
    assert len(swaps) >= SWAPS
    assert reads == SESSIONS * ROUNDS
