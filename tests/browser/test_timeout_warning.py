"""The inactivity warning in headless Chromium (ADR 0016), with the timeout cut to seconds.

The live server runs in this process, so the `settings` fixture's shorter timeout applies to it.
With a timeout under 30 seconds the session records every request and the page tells the server
about activity every second (`IdlePolicy.precision`), so the tests take seconds, not half an hour.
"""

import time

import pytest

from tests.browser.conftest import sign_in
from tests.factories import EnrolmentFactory, MembershipFactory, SettingFactory

pytestmark = [pytest.mark.browser]

PASSWORD = "correct-horse-battery"  # UserFactory's password
KEEP_ALIVE = "/session/keep-alive/"
TYPED = "Cai finds it hard to follow spoken instructions in class.\nHe copies from a friend."


@pytest.fixture
def world(transactional_db):
    school = SettingFactory()
    alnco = MembershipFactory(role="alnco", setting=school, user__email="alnco@example.org").user
    learner = EnrolmentFactory(
        setting=school, learner__home_local_authority=school.local_authority
    ).learner
    return {"alnco": alnco, "learner": learner}


def _keep_alive_post(response) -> bool:
    return response.url.endswith(KEEP_ALIVE) and response.request.method == "POST"


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_the_warning_comes_first_and_stay_signed_in_keeps_the_session(
    live_server, world, settings, browser_context, browser_page, assert_accessible
):
    settings.SESSION_IDLE_TIMEOUT = 24
    settings.SESSION_IDLE_WARNING = 16
    page = browser_page
    sign_in(browser_context, live_server, world["alnco"])
    page.goto(live_server.url + "/")
    loaded = time.monotonic()
    dialog = page.locator("#timeout-warning")
    assert not dialog.is_visible()

    # Eight seconds in, the page asks the server how long is left and warns.
    dialog.wait_for(state="visible", timeout=20_000)
    assert page.get_by_role("dialog").get_by_role("heading").inner_text() == (
        "You will be signed out soon"
    )
    assert page.locator("#timeout-warning-text").inner_text() == (
        "We will sign you out in 1 minute to protect the information in this service. "
        "Anything you have not sent will be lost."
    )
    assert _focused_id(page) == "timeout-warning"
    assert_accessible(page, "the inactivity warning")

    with page.expect_response(_keep_alive_post) as kept:
        page.get_by_role("button", name="Stay signed in").click()
    assert kept.value.status == 204
    assert not dialog.is_visible()
    assert _focused_id(page) != "timeout-warning"

    # The warning comes back eight seconds later; Escape also means "stay signed in".
    dialog.wait_for(state="visible", timeout=20_000)
    with page.expect_response(_keep_alive_post) as kept:
        page.keyboard.press("Escape")
    assert kept.value.status == 204
    assert not dialog.is_visible()

    # Past the time the session would have ended without them, they are still signed in.
    time.sleep(max(0.0, loaded + 26 - time.monotonic()))
    answer = page.request.get(live_server.url + KEEP_ALIVE, max_redirects=0)
    assert answer.status == 200
    assert answer.json()["seconds_left"] > 0
    assert page.url == live_server.url + "/"


def test_a_typed_but_unsent_answer_stays_on_the_page_when_time_runs_out(
    live_server, world, settings, browser_context, browser_page
):
    settings.SESSION_IDLE_TIMEOUT = 12
    settings.SESSION_IDLE_WARNING = 6
    page = browser_page
    sign_in(browser_context, live_server, world["alnco"])
    form_url = f"{live_server.url}/cases/new/{world['learner'].pk}/"
    page.goto(form_url)
    page.locator("#id_concern").fill(TYPED)

    # Typing counted as activity; then nothing: the warning, then the end of the session.
    banner = page.locator("#timeout-signed-out")
    banner.wait_for(state="visible", timeout=45_000)
    assert page.url == form_url  # the page did not go anywhere by itself
    assert page.locator("#id_concern").input_value() == TYPED
    assert _focused_id(page) == "timeout-signed-out"
    text = banner.inner_text()
    assert "You were signed out because you had not used the service for 1 minute." in text
    assert "What you typed is still on this page, but it has not been sent." in text
    sign_in_again = banner.get_by_role("link", name="Sign in again (opens in new tab)")
    assert sign_in_again.get_attribute("target") == "_blank"
    assert page.request.get(live_server.url + KEEP_ALIVE, max_redirects=0).status == 302

    # Sending now would lose the answer on the way to the sign-in page: the page holds it back.
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_timeout(500)
    assert page.url == form_url
    assert page.locator("#id_concern").input_value() == TYPED

    # They sign in again in another tab, as the banner says, and come back to this one.
    other = browser_context.new_page()
    other.goto(live_server.url + "/sign-in/")
    assert "You were signed out because" in other.locator("main").inner_text()
    other.get_by_label("Email address").fill("alnco@example.org")
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Sign in").click()
    other.wait_for_url(live_server.url + "/")
    page.bring_to_front()
    page.evaluate("window.dispatchEvent(new Event('focus'))")  # headless tabs do not refocus
    signed_in_again = banner.locator("[data-timeout-state=signed-in]")
    signed_in_again.wait_for(state="visible")
    assert signed_in_again.inner_text() == (
        "You are signed in again. You can now send what you typed."
    )

    # Now the form goes, with a fresh CSRF token, and what they typed reached the server.
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    assert page.url == form_url
    assert page.locator(".govuk-error-summary").is_visible()  # who raised it: not answered
    assert page.locator("#id_concern").input_value() == TYPED
