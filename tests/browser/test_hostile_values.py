"""Script, HTML and markdown inside the data stay text in the browser: nothing runs, nothing is injected."""

from __future__ import annotations

import shutil
import subprocess
import sys

from playwright.sync_api import Page

from tests.conftest import REPO, DataCopy
from tests.hostile import make_hostile


def test_hostile_values_never_run_in_the_browser(page: Page, start_app_server, wait_for_app, screenshot, tmp_path):
    data = DataCopy(tmp_path / "data")
    shutil.copytree(REPO / "data", data.root)
    make_hostile(data)
    database = tmp_path / "hostile.duckdb"
    subprocess.run([sys.executable, "-m", "etl", "--data", str(data.root), "build", "--db", str(database)],
                   cwd=REPO, check=True, capture_output=True)
    server = start_app_server(db_path=database)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/", "/tracker", "/cities", "/clusters", "/sources", "/explorer", "/present"):
        page.goto(server + path)
        wait_for_app(page)
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("script:has-text('__pwned')").count() == 0
    assert dialogs == []
    screenshot(page, "hostile-values")
