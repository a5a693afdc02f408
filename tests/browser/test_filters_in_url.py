"""Filters live in the URL: a copied link reopens the same view, also after switching pages."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect


def test_a_copied_link_reopens_the_same_filters_after_a_page_switch(page: Page, browser: Browser, app_server,
                                                                    wait_for_app, screenshot):
    page.goto(app_server + "/?city=weihai&category=talent")
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="城市")).to_have_value("威海市")
    page.locator('[data-testid="stSidebarNav"]').get_by_text("来源", exact=True).click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("来源")
    page.wait_for_url("**/sources?*city=weihai*")
    copied = page.url

    other = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    other.goto(copied)
    wait_for_app(other)
    expect(other.locator("h1").first).to_have_text("来源")
    expect(other.get_by_role("combobox", name="城市")).to_have_value("威海市")
    expect(other.get_by_role("combobox", name="指标类别")).to_have_value("人才与技能")
    screenshot(other, "filters-from-copied-link")


def test_an_unknown_value_in_a_link_is_ignored_with_a_notice(page: Page, app_server, wait_for_app, screenshot):
    page.goto(app_server + "/?city=atlantis&plan=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    wait_for_app(page)
    notice = page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]')
    expect(notice).to_contain_text("city=atlantis")
    expect(notice).to_contain_text("plan=<script>alert(1)</script>")
    assert "atlantis" not in page.url
    screenshot(page, "filters-unknown-values")
