"""Browser fixtures: Debian's Chromium driven by Playwright's sync API, offline, with axe-core.

The browser tests run only where `/usr/bin/chromium` exists (`make browser-deps` installs it, and
CI does); anywhere else they are skipped with a reason rather than failing. Playwright's own
browser download is never used.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
TIMEOUT_MS = 15_000
# A form that draws a PDF (giving a plan or a notice) may take far longer on a loaded machine.
NAVIGATION_TIMEOUT_MS = 90_000


@pytest.fixture(scope="module")
def playwright_instance():
    """Playwright, started per browser-test module rather than per session, on purpose.

    While Playwright's sync API is started it keeps an asyncio loop running in this thread, and
    Django refuses database access ("async unsafe") whenever a loop is running. The tests
    themselves are synchronous, so DJANGO_ALLOW_ASYNC_UNSAFE is set, but only while Playwright
    runs: a session-long Playwright would leave the loop running, and the variable set, for every
    later test in the same worker (and in their subprocesses: `manage.py check --deploy` fails on
    it). Launching Chromium costs about a second per browser-test module.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed: run `make browser-deps` (Debian's chromium)")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def browser_context(browser):
    """A fresh context (cookies, storage) per test that can reach nothing but the live server."""
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    blocked = []

    def local_only(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", local_only)
    yield context
    context.close()
    assert not blocked, f"the pages tried to reach the network: {blocked}"


@pytest.fixture
def browser_page(browser_context):
    """A page that fails the test on any uncaught JavaScript error or failed local response."""
    page = browser_context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    yield page
    assert not problems, "\n".join(problems)


def _format_violations(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        more = len(violation["nodes"]) - len(targets)
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"    {violation['helpUrl']}\n"
            f"    on: {'; '.join(targets)}{f' (and {more} more)' if more > 0 else ''}"
        )
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_source():
    assert AXE_SCRIPT.exists(), f"{AXE_SCRIPT} is missing: run `npm ci` (or `make bootstrap`)"
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def assert_accessible(axe_source):
    """`assert_accessible(page, label)`: axe-core's WCAG 2.2 AA rules, failing on serious/critical.

    The site's Content Security Policy allows only same-origin scripts, so axe is served from the
    page's own origin through a route rather than injected inline; the page is checked as users
    get it, with the policy in force.
    """

    def check(page, label):
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        axe_url = f"{origin}/__browser-tests__/axe.min.js"
        page.route(
            axe_url,
            lambda route: route.fulfill(
                status=200, content_type="text/javascript", body=axe_source
            ),
        )
        page.add_script_tag(url=axe_url)
        results = page.evaluate(
            """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
            WCAG_TAGS,
        )
        page.unroute(axe_url)
        failing = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
        assert not failing, (
            f"axe found serious or critical accessibility problems on {label} ({page.url}):\n"
            + _format_violations(failing)
        )
        return results

    return check


def sign_in(browser_context, live_server, user):
    """Give the browser a signed-in session, as the sign-in form would."""
    client = Client()
    client.force_login(user)
    browser_context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
