"""Smoke test: the start page renders in a browser, with a heading and no exception."""

from playwright.sync_api import Page, expect


def test_start_page_renders(
    page: Page, app_server: str, wait_for_app, screenshot
) -> None:
    page.goto(app_server + "/")
    wait_for_app(page)

    # The run is over (wait_for_app), so any exception box is already on the page.
    exceptions = page.locator('[data-testid="stException"]').all_inner_texts()
    assert not exceptions, "app raised:\n" + "\n---\n".join(exceptions)
    heading = page.locator("h1").first
    expect(heading).to_be_visible()
    expect(heading).not_to_have_text("")

    screenshot(page, "smoke-start-page")
