"""Links into a page work from the very first visit to a freshly started server."""

from playwright.sync_api import Page, expect


def test_a_deep_link_opens_the_page_inside_the_app_frame(page: Page, start_app_server, wait_for_app, screenshot, tmp_path):
    server = start_app_server(db_path=tmp_path / "fresh.duckdb")
    page.goto(server + "/sources")
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("来源")
    navigation = page.locator('[data-testid="stSidebarNav"]')
    expect(navigation).to_contain_text("总览")
    expect(navigation).not_to_contain_text("app")
    screenshot(page, "deep-link-sources")
