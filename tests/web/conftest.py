"""The chat page in Debian's Chromium (Playwright), against the real stack started on free ports.

devstack's Stack runs the page server and Rasa, with the socket.io channel from credentials.yml and CORS for the
page's origin only, as in `make serve`.
"""

from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from devstack.stack import Stack

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("web"), page=True).start()
    yield stack
    stack.stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("/usr/bin/chromium absent : lancez `make setup` (apt-get install chromium).")
    with sync_playwright() as playwright:
        # launch() gives every run a fresh temporary profile.
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def visitor(browser, stack, **context_options):
    """A new visitor (empty localStorage) on the page; fails the test on any script error or CSP violation."""
    context = browser.new_context(locale="fr-CA", **context_options)
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(stack.page_origin)
    yield page
    context.close()
    assert not problems, problems


@pytest.fixture
def page(browser, stack):
    with visitor(browser, stack, viewport={"width": 1280, "height": 900}) as page:
        yield page


@pytest.fixture
def phone_page(browser, stack):
    with visitor(browser, stack, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as page:
        yield page


@pytest.fixture
def page_without_script(browser, stack):
    with visitor(browser, stack, java_script_enabled=False) as page:
        yield page
