"""The chat page in Debian's Chromium (Playwright), against the real stack started on free ports.

Rasa gets the socket.io channel from credentials.yml and CORS for the page's origin only, as in `make serve`.
"""

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from devstack.servers import ENV, ROOT, free_port, start_actions, start_rasa, stop, wait_for, write_endpoints

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


class Stack:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.tracker_db = work / "tracker.db"
        self.rasa_port, self.actions_port, self.web_port = free_port(), free_port(), free_port()
        self.page_url = f"http://localhost:{self.web_port}/"
        self.rasa_url = f"http://localhost:{self.rasa_port}"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not (ROOT / "web" / "vendor" / "socket.io.min.js").exists():
        pytest.fail("web/vendor/socket.io.min.js absent : lancez `make setup` (npm ci).")
    stack = Stack(tmp_path_factory.mktemp("web"))
    web_log = stack.work / "web.log"
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scripts.web_server",
            "--port",
            str(stack.web_port),
            "--rasa-url",
            stack.rasa_url,
        ],
        cwd=ROOT,
        env=ENV,
        stdout=web_log.open("w"),
        stderr=subprocess.STDOUT,
    )
    actions = start_actions(stack.actions_port, stack.work / "actions.log")
    endpoints = write_endpoints(stack.work / "endpoints.yml", stack.actions_port, stack.tracker_db)
    rasa = start_rasa(stack.rasa_port, endpoints, stack.work / "rasa.log", "--cors", stack.page_url.rstrip("/"))
    wait_for(stack.page_url, web, web_log)
    yield stack
    for process in (rasa, actions, web):
        stop(process)


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
    page.goto(stack.page_url)
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
