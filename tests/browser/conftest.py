"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, with axe-core.

Playwright's own browser download cannot work on our machines, so the tests
launch the system Chromium. Pages are served by pytest-django's live server.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the test code's
    # ORM calls are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="bg-BG", base_url=live_server.url)
    page = context.new_page()
    # Map tiles and anything else outside this machine are not reachable here.
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        locale="bg-BG",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    only_this_site(page, live_server)
    yield page
    context.close()


def only_this_site(page, live_server):
    """Map tiles and anything else outside this machine are not reachable here."""
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Fail on serious or critical axe-core violations of the current page."""

    def check(page):
        results = axe.run(page)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} – "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v.get("impact") in BLOCKING_IMPACTS
        ]
        assert not blocking, f"Accessibility violations on {page.url}:\n" + "\n".join(blocking)

    return check
