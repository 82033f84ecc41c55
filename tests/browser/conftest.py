"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, with axe-core.

Playwright's own browser download cannot work on our machines, so the tests
launch the system Chromium. Pages are served by pytest-django's live server.
Every test fails if any page it opened broke the Content-Security-Policy
(see `csp_watch`).
"""

import contextlib
import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

# The local eAuth-like identity provider and the connector pointed at it (obshtina.eauth).
from obshtina.eauth.tests.fixtures import eauth, eauth_idp  # noqa: F401

# The e-Delivery contract peer and the connector pointed at it (obshtina.edelivery).
from obshtina.edelivery.tests.peer import edelivery_connector, edelivery_peer  # noqa: F401

# The test PKI (a test QTSP), its trusted lists and signing through SoftHSM2 (obshtina.signatures).
from obshtina.signatures.tests.fixtures import *  # noqa: F403

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


# Runs in every page and frame before the page's own scripts: keeps each violation on
# `window` and reports it to the test at once (the page may navigate away before the end).
CSP_LISTENER = """
window.__cspViolations = [];
window.addEventListener("securitypolicyviolation", (event) => {
  const violation = {
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile ? event.sourceFile + ":" + event.lineNumber : "",
  };
  window.__cspViolations.push(violation);
  if (window.__reportCspViolation) window.__reportCspViolation(violation);
}, true);
"""


class CspWatch:
    """The Content-Security-Policy violations of every page a test opens, from the
    `securitypolicyviolation` events and from Chromium's console messages."""

    def __init__(self):
        self.violations: list[str] = []
        self.contexts = []

    def watch(self, context):
        context.add_init_script(CSP_LISTENER)
        context.expose_binding("__reportCspViolation", self._on_event)
        context.on("console", self._on_console)
        close = context.close

        def close_after_the_last_reports(**kwargs):
            self._drain(context)
            return close(**kwargs)

        context.close = close_after_the_last_reports
        self.contexts.append(context)
        return context

    def close_all(self):
        for context in self.contexts:
            with contextlib.suppress(PlaywrightError):  # already closed by its test
                context.close()

    def _on_event(self, source, violation):
        self.violations.append(
            f"{violation['page']}: {violation['directive']} blocked {violation['blocked']}"
            + (f" ({violation['source']})" if violation["source"] else "")
        )

    def _on_console(self, message):
        if "Content Security Policy" in message.text:
            where = message.location.get("url") or (message.page.url if message.page else "?")
            self.violations.append(f"console of {where}: {message.text}")

    @staticmethod
    def _drain(context):
        """A round trip to each page delivers the reports still on their way."""
        for open_page in context.pages:
            # A page closed or navigating away has delivered its events already.
            with contextlib.suppress(PlaywrightError):
                open_page.evaluate("() => window.__cspViolations && window.__cspViolations.length")


@pytest.fixture(autouse=True)
def csp_watch(browser, monkeypatch):
    """Automatic for every browser test: each context it opens (through the fixtures
    or `browser.new_context`, also `page.context.browser`) is watched, and the test
    fails at teardown if any page reported a violation."""
    watch = CspWatch()
    new_context = browser.new_context
    monkeypatch.setattr(browser, "new_context", lambda **kw: watch.watch(new_context(**kw)))
    yield watch
    watch.close_all()
    if watch.violations:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(watch.violations))
        )


@pytest.fixture(autouse=True)
def site_url_is_the_live_server(settings, live_server):
    """Links in e-mails start with SITE_URL: here, the server the browser talks to."""
    settings.SITE_URL = live_server.url


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="bg-BG", base_url=live_server.url)
    page = context.new_page()
    only_this_site(page, live_server)
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
