"""An ALNCo's journey through the real pages in headless Chromium, checked with axe-core."""

import re

import pytest
from django.utils import translation

from tests.factories import (
    EnrolmentFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = [pytest.mark.browser]

PASSWORD = "correct-horse-battery"  # UserFactory's password


def welsh(message):
    """What the Welsh catalogue says for `message`: the English itself until it is compiled."""
    with translation.override("cy"):
        return translation.gettext(message)


@pytest.fixture
def welsh_medium_school(transactional_db):
    authority = LocalAuthorityFactory(code="998", name_en="Browser County", name_cy="Sir Porwr")
    school = SettingFactory(
        local_authority=authority,
        language_medium="welsh",
        name_en="Browser Test Primary School",
        name_cy="Ysgol Gynradd Prawf Porwr",
    )
    MembershipFactory(role="alnco", setting=school, user__email="alnco@example.org")
    for first_name, last_name in [
        ("Cerys", "Pritchard"),
        ("Dafydd", "Hughes"),
        ("Efa", "Morgan"),
    ]:
        EnrolmentFactory(
            setting=school,
            learner__first_name=first_name,
            learner__last_name=last_name,
            learner__home_local_authority=authority,
        )
    return school


def test_alnco_signs_in_switches_to_welsh_and_finds_a_learner(
    live_server, welsh_medium_school, browser_page, assert_accessible
):
    page = browser_page

    page.goto(live_server.url + "/sign-in/")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert_accessible(page, "the sign-in page")

    page.get_by_label("Email address").fill("alnco@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert_accessible(page, "the home page")

    page.get_by_role("link", name="Cymraeg").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "cy"
    language_nav = page.locator("nav.govuk-language-navigation")
    assert language_nav.get_by_role("link", name="English").is_visible()
    assert language_nav.get_by_role("link", name="Cymraeg").count() == 0
    # Whatever the compiled Welsh catalogue holds is what the page shows (English until then).
    assert page.get_by_role("link", name=welsh("Home"), exact=True).count() == 1
    if welsh("Hello, %(name)s") != "Hello, %(name)s":
        assert not page.locator("h1").inner_text().startswith("Hello,")

    page.locator('.govuk-service-navigation a[href="/learners/"]').click()
    page.wait_for_url(live_server.url + "/learners/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("table.govuk-table tbody tr").count() == 3
    assert_accessible(page, "the learners page, in Welsh")

    search = page.locator('form[role="search"]')
    search.locator("#id_name").fill("Pritchard")
    search.locator('button[type="submit"]').click()
    page.wait_for_url(re.compile(r"/learners/\?.*name=Pritchard"))
    rows = page.locator("table.govuk-table tbody tr")
    assert rows.count() == 1
    assert "Pritchard, Cerys" in rows.first.inner_text()
    assert_accessible(page, "the learner search results, in Welsh")

    rows.first.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/learners/[0-9a-f-]{36}/$"))
    assert page.locator("html").get_attribute("lang") == "cy"
    assert "Cerys Pritchard" in page.locator("h1").inner_text()
    assert_accessible(page, "the learner's page, in Welsh")
