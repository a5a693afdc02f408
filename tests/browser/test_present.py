"""Meeting mode in a real browser: the arrow keys step through the slides with nothing of the app
around them, the dark stage is 16:9, and the deck downloads as a .pptx that opens."""

from __future__ import annotations

import io
import re
import time

from playwright.sync_api import Page, expect
from pptx import Presentation

PAGE_NUMBER = ".present-page"


def total_slides(page: Page) -> int:
    return int(re.fullmatch(r"1 / (\d+)", page.locator(PAGE_NUMBER).inner_text())[1])


def show(page: Page, number: int, total: int, timeout: float = 5_000) -> None:
    """Wait until slide `number` is on screen, its chart drawn if it has one."""
    expect(page.locator(PAGE_NUMBER)).to_have_text(f"{number} / {total}", timeout=timeout)
    chart = page.locator(".st-key-present_slide [data-testid='stPlotlyChart']")
    if chart.count():
        expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)
    page.wait_for_timeout(300)  # plotly's transition


def test_the_arrow_keys_step_through_every_slide(page: Page, app_server, wait_for_app, screenshot):
    page.goto(app_server + "/present")
    wait_for_app(page)
    expect(page.locator(".present-cover h1")).to_have_text("山东纺织服装指标")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator('[data-testid="stHeader"]')).to_be_hidden()
    total = total_slides(page)
    assert total >= 10
    screenshot(page, "present-01")
    titles = []
    for number in range(2, total + 1):
        page.keyboard.press("ArrowRight")
        show(page, number, total)
        titles.append(page.locator(".present-head h1").inner_text())
        screenshot(page, f"present-{number:02d}")
    assert titles[0] == "最新实际数据" and len(set(titles)) > total // 2
    page.keyboard.press("ArrowRight")  # the last slide stays
    page.wait_for_timeout(500)
    expect(page.locator(PAGE_NUMBER)).to_have_text(f"{total} / {total}")
    page.keyboard.press("ArrowLeft")
    show(page, total - 1, total)
    expect(page.locator(".present-head h1")).to_have_text(titles[-2])
    assert not page.locator('[data-testid="stException"]').all_inner_texts()


def test_the_dark_stage_is_16_9_and_in_english(page: Page, app_server, wait_for_app, screenshot):
    page.goto(app_server + "/present?lang=en&city=weihai")
    wait_for_app(page)
    page.get_by_text("Big screen (dark 16:9)").click()
    wait_for_app(page)
    stage = page.locator(".st-key-present_slide")
    expect(stage).to_have_css("background-color", "rgb(0, 0, 0)")  # the rerun with the dark style is in
    page.locator(".present-cover").click()  # the keys belong to the slides again, not to the switch
    box = stage.bounding_box()
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02
    expect(page.locator(".present-cover h1")).to_contain_text("Weihai")
    total = total_slides(page)
    page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    screenshot(page, "present-dark-01")
    for number in (2, 3):
        page.keyboard.press("ArrowRight")
        show(page, number, total)
        screenshot(page, f"present-dark-{number:02d}")


def test_the_deck_downloads_as_a_pptx_and_a_second_download_is_instant(page: Page, app_server, wait_for_app):
    page.goto(app_server + "/present?city=weihai")
    wait_for_app(page)
    total = total_slides(page)
    button = page.get_by_role("button", name="PowerPoint 演示文稿")
    started = time.monotonic()
    with page.expect_download(timeout=120_000) as first:
        button.click()
    first_seconds = time.monotonic() - started
    pptx = Presentation(io.BytesIO(first.value.path().read_bytes()))
    assert len(pptx.slides) == total
    assert first.value.suggested_filename.endswith(".pptx") and "weihai" in first.value.suggested_filename
    started = time.monotonic()
    with page.expect_download(timeout=120_000) as second:
        button.click()
    assert time.monotonic() - started < min(3.0, first_seconds)
    assert second.value.path().read_bytes()[:2] == b"PK"


def test_auto_advance_turns_the_slides_until_p_pauses_it(page: Page, app_server, wait_for_app):
    page.goto(app_server + "/present")
    wait_for_app(page)
    total = total_slides(page)
    page.get_by_text("自动翻页").click()
    wait_for_app(page)
    page.get_by_role("spinbutton", name="每页秒数").fill("5")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.locator(".present-cover").click()  # the keys belong to the slides again
    show(page, 2, total, timeout=15_000)
    page.keyboard.press("p")
    expect(page.get_by_text("已暂停（按 P 继续）")).to_be_visible()
    page.wait_for_timeout(7_000)
    expect(page.locator(PAGE_NUMBER)).to_have_text(f"2 / {total}")
