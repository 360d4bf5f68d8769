"""Two-step sign-in in headless Chromium, in English and Welsh, checked with axe-core.

A member of staff signs in with their password while two-step sign-in is required, is sent to set
it up, reads the key from the page as a person typing it into their app would, types the app's
code, sees their recovery codes once and lands on the home page. Then they sign out and in again,
and this time give a code after their password.
"""

import base64

import pytest
from django.test import override_settings
from django.utils import translation
from django_otp.oath import totp

from tests.factories import LocalAuthorityFactory, MembershipFactory, SettingFactory

pytestmark = [pytest.mark.browser]

PASSWORD = "correct-horse-battery"  # UserFactory's password


def _in(language, message):
    """What the catalogue says for `message` in `language` (English until Welsh is compiled)."""
    with translation.override(language):
        return translation.gettext(message)


def _code_from_key_on_the_page(text: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key as typed: base32 in groups of four."""
    key = base64.b32decode(text.replace(" ", ""))
    return f"{totp(key, drift=steps_ahead):06d}"


@pytest.fixture
def alnco(transactional_db):
    authority = LocalAuthorityFactory(code="997", name_en="Browser County", name_cy="Sir Porwr")
    school = SettingFactory(local_authority=authority)
    return MembershipFactory(role="alnco", setting=school, user__email="alnco@example.org").user


@pytest.mark.parametrize("language", ["en-gb", "cy"], ids=["en", "cy"])
def test_staff_set_up_two_step_sign_in_and_then_give_a_code(
    live_server, alnco, browser_page, assert_accessible, language
):
    alnco.preferred_language = language
    alnco.save(update_fields=["preferred_language"])
    html_lang = "cy" if language == "cy" else "en-GB"
    page = browser_page
    with override_settings(MFA_REQUIRED=True):
        page.goto(live_server.url + "/sign-in/")
        page.locator("#id_username").fill("alnco@example.org")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()

        page.wait_for_url(live_server.url + "/account/two-step/set-up/?next=%2F")
        assert page.locator("html").get_attribute("lang") == html_lang
        assert page.locator("h1").inner_text() == _in(language, "Set up two-step sign-in")
        assert page.locator("#two-step-qr-code svg").is_visible()
        assert_accessible(page, f"the two-step set-up page ({language})")

        key = page.locator("#two-step-key").inner_text()
        right = _code_from_key_on_the_page(key)
        page.locator("#id_code").fill("000000" if right != "000000" else "111111")
        page.locator("main form button[type=submit]").click()
        page.locator(".govuk-error-summary").wait_for(state="visible")  # the page answered
        assert page.title().startswith(_in(language, "Error:"))
        assert_accessible(page, f"the set-up page with a wrong code ({language})")

        page.locator("#id_code").fill(_code_from_key_on_the_page(key))
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(live_server.url + "/account/two-step/recovery-codes/?next=%2F")
        assert page.locator("h1").inner_text() == _in(language, "Save your recovery codes")
        assert page.locator("#recovery-codes li").count() == 10
        assert_accessible(page, f"the recovery codes page ({language})")

        page.get_by_role("button", name=_in(language, "I have saved my codes")).click()
        page.wait_for_url(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == html_lang
        assert_accessible(page, f"the home page after setting up ({language})")

        page.get_by_role("button", name=_in(language, "Sign out")).click()
        page.wait_for_url(live_server.url + "/sign-in/")
        page.locator("#id_username").fill("alnco@example.org")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(live_server.url + "/sign-in/code/?next=%2F")
        assert page.locator("html").get_attribute("lang") == html_lang
        assert page.locator("h1").inner_text() == _in(
            language, "Enter the code from your authenticator app"
        )
        assert_accessible(page, f"the code page ({language})")
        # The code typed at set-up was used; the app's next code is accepted (one step ahead).
        page.locator("#id_code").fill(_code_from_key_on_the_page(key, steps_ahead=1))
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(live_server.url + "/")
        assert page.get_by_role("button", name=_in(language, "Sign out")).is_visible()
