"""Every page in a real browser: it renders with its chart, a filter narrows it, the language switch
changes it, a click on the map picks a city, and a downloaded CSV holds exactly the rows the page shows."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page, expect

PAGES = [("/", "山东纺织服装指标看板"), ("/tracker", "规划跟踪"), ("/cities", "城市"), ("/clusters", "集群与基地"),
         ("/sources", "来源"), ("/explorer", "数据浏览")]


@pytest.mark.parametrize(("path", "title"), PAGES, ids=[p.strip("/") or "overview" for p, _ in PAGES])
def test_each_page_renders_its_title_charts_and_tables(page: Page, app_server, wait_for_app, screenshot, path, title):
    page.goto(app_server + path)
    wait_for_app(page)
    assert not page.locator('[data-testid="stException"]').all_inner_texts()
    expect(page.locator("h1").first).to_have_text(title)
    if path not in ("/sources", "/explorer"):
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)
    expect(page.locator('[data-testid="stDownloadButton"]').first).to_be_visible()
    screenshot(page, f"page-{path.strip('/') or 'overview'}")


def test_a_sidebar_filter_narrows_the_page_and_lands_in_the_url(page: Page, app_server, wait_for_app, screenshot):
    page.goto(app_server + "/tracker")
    wait_for_app(page)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="尚无实际数据").locator('[data-testid="stMetricValue"]')
    expect(metric).to_have_text("42")
    page.get_by_role("combobox", name="城市").click()
    page.get_by_role("option", name="威海市").click()
    wait_for_app(page)
    expect(metric).to_have_text("7")
    page.wait_for_url("**/tracker?city=weihai")
    screenshot(page, "tracker-weihai")


def test_the_language_switch_changes_every_label(page: Page, app_server, wait_for_app, screenshot):
    page.goto(app_server + "/tracker?city=weihai")
    wait_for_app(page)
    page.get_by_text("English", exact=True).click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Plan tracker")
    expect(page.locator('[data-testid="stSidebarNav"]')).to_contain_text("Data explorer")
    expect(page.get_by_role("combobox", name="City")).to_have_value("Weihai")
    page.wait_for_url("**/tracker?city=weihai&lang=en")
    screenshot(page, "tracker-english")


def test_a_downloaded_csv_holds_exactly_the_rows_shown(page: Page, app_server, wait_for_app):
    page.goto(app_server + "/explorer?city=weihai")
    wait_for_app(page)
    caption = page.get_by_text("共 37 条")
    expect(caption).to_be_visible()
    with page.expect_download() as download_info:
        page.locator('[data-testid="stDownloadButton"]').filter(has_text="下载 CSV").first.click()
    raw = download_info.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel shows Chinese"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 37
    assert {r["地区"] for r in rows} <= {"威海市", "威海火炬高新区"}
    assert all(r["原文"] for r in rows)
    assert download_info.value.suggested_filename.endswith(".csv")


def test_clicking_a_city_on_the_map_shows_that_city(page: Page, app_server, wait_for_app, screenshot):
    page.goto(app_server + "/cities")
    wait_for_app(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)
    expect(page.locator("h2").filter(has_text="威海市")).to_have_count(0)  # no city chosen yet
    page.wait_for_timeout(500)  # the map's first frame
    # Where Weihai (122.1°E, 37.2°N) is on screen, as the map itself projects it.
    x, y = chart.evaluate("""node => {
        const map = node.querySelector('.js-plotly-plot')._fullLayout.map._subplot.map;
        const box = map.getContainer().getBoundingClientRect();
        const point = map.project([122.1, 37.2]);
        return [box.left + point.x, box.top + point.y];
    }""")
    page.mouse.click(x, y)
    wait_for_app(page)
    expect(page.locator("h2").filter(has_text="威海市")).to_be_visible()
    expect(page.locator('[data-testid="stMain"]').get_by_role("combobox", name="城市")).to_have_value("威海市")
    screenshot(page, "cities-map-click")
