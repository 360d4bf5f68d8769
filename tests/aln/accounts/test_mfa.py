"""Two-step sign-in (ADR 0015): set-up, the code after the password, recovery codes, turning off."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from aln.accounts.qr import key_for_typing
from aln.accounts.services import RECOVERY_CODE_COUNT
from aln.accounts.two_step import SESSION_GATE, SESSION_NEW_KEY
from aln.audit.models import AuditEvent
from aln.demo.management.commands.demo_load import Command as DemoLoad
from tests.conftest import signed_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # UserFactory's password
SET_UP = "/account/two-step/set-up/"
CODE = "/sign-in/code/"
RECOVERY_CODES = "/account/two-step/recovery-codes/"


def _code(key: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app holding `key` shows now (or `steps_ahead` steps later)."""
    return f"{totp(bytes.fromhex(key), drift=steps_ahead):06d}"


def _wrong(key: str) -> str:
    right = {_code(key, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def _app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def _recovery_codes(user, *codes: str) -> None:
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)


def _sign_in(client, user, **params):
    return client.post("/sign-in/", {"username": user.email, "password": PASSWORD, **params})


def _events(event_type):
    return list(AuditEvent.objects.filter(event_type=event_type))


def _forget_wrong_tries(user):
    """django-otp makes the next try wait after a wrong code; the tests do not wait for it."""
    past = timezone.now() - datetime.timedelta(hours=1)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=past)
    StaticDevice.objects.filter(user=user).update(throttling_failure_timestamp=past)


@pytest.fixture
def required():
    with override_settings(MFA_REQUIRED=True):
        yield


@pytest.fixture
def staff(client, school, required):
    return signed_in(client, "alnco", setting=school)


# --- Setting it up ------------------------------------------------------------------------------


def test_staff_are_sent_to_set_up_from_any_page_keeping_where_they_were_going(
    client, staff, enrolled_learner
):
    for path in ("/learners/", f"/learners/{enrolled_learner.pk}/", "/account/", "/deadlines/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == f"{SET_UP}?next={path.replace('/', '%2F')}", path
    assert client.get("/").url == SET_UP
    # Anything but a GET is refused outright.
    assert client.post("/learners/add/", {}).status_code == 403
    assert client.post("/account/sign-out-everywhere/", {}).status_code == 403
    assert staff.session_generation == 0


def test_an_unverified_person_may_still_read_the_privacy_notice_switch_language_and_sign_out(
    client, staff
):
    assert client.get("/privacy/").status_code == 200
    assert client.get("/language/cy/", {"next": "/privacy/"}).url == "/privacy/"
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/learners/").url.startswith("/sign-in/")


def test_set_up_shows_the_key_and_a_qr_code_and_turns_on_only_with_the_right_code(
    page, client, staff
):
    response = page.get(SET_UP, next="/learners/")
    key = client.session[SESSION_NEW_KEY]
    soup = response.soup
    assert soup.select_one("#two-step-key").get_text(strip=True) == key_for_typing(key)
    svg = soup.select_one("#two-step-qr-code svg")
    assert svg["role"] == "img"
    assert svg.title.get_text()
    assert soup.select_one("#two-step-required")
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", key_for_typing(key))
    assert client.get(SET_UP).status_code == 200
    assert client.session[SESSION_NEW_KEY] == key  # a reload shows the same key

    wrong = page.post(SET_UP, {"code": _wrong(key), "next": "/learners/"})
    summary = wrong.soup.select_one(".govuk-error-summary")
    assert "The code is not right" in summary.get_text()
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    assert not AuditEvent.objects.filter(event_type__startswith="account.two_step").exists()
    assert client.get("/learners/").status_code == 302  # still not in

    right = page.post(SET_UP, {"code": _code(key), "next": "/learners/"}, status=302)
    assert right.url == f"{RECOVERY_CODES}?next=%2Flearners%2F"
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed
    assert device.key == key
    assert StaticToken.objects.filter(device__user=staff).count() == RECOVERY_CODE_COUNT
    (event,) = _events("account.two_step_set_up")
    assert event.actor == staff
    assert event.subject_id == str(staff.pk)
    assert event.changes == {"two_step": [False, True], "recovery_codes": [0, 10]}
    assert SESSION_NEW_KEY not in client.session

    codes_page = page.get(right.url)
    shown = [li.get_text(strip=True) for li in codes_page.soup.select("#recovery-codes li")]
    stored = {t.token for t in StaticToken.objects.filter(device__user=staff)}
    assert len(shown) == RECOVERY_CODE_COUNT
    assert {code.replace("-", "") for code in shown} == stored
    saved = page.post(RECOVERY_CODES, {"next": "/learners/"}, status=302)
    assert saved.url == "/learners/"
    assert page.get("/learners/").status_code == 200
    # The codes are shown once.
    assert client.get(RECOVERY_CODES).url == "/account/"


def test_the_code_typed_at_set_up_cannot_be_used_again_to_sign_in(client, staff):
    client.get(SET_UP)
    key = client.session[SESSION_NEW_KEY]
    code = _code(key)
    client.post(SET_UP, {"code": code})
    client.post("/sign-out/")
    _sign_in(client, staff)
    response = client.post(CODE, {"code": code})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()


def test_set_up_is_not_offered_again_once_it_is_on(client, staff):
    _app(staff)
    client.force_login(staff)
    assert client.get(SET_UP).url == CODE
    device = TOTPDevice.objects.get(user=staff)
    client.post(CODE, {"code": _code(device.key)})
    assert client.get(SET_UP).url == "/account/"


def test_a_parent_may_choose_to_set_it_up_from_their_account(page, client):
    parent = signed_in(client, "parent")
    account = page.get("/account/")
    assert (
        account.soup.select_one("#two-step")
        .get_text(" ", strip=True)
        .startswith("Two-step sign-in Off")
    )
    link = account.soup.select_one('#two-step a[href^="/account/two-step/set-up/"]')
    response = page.get(link["href"])
    assert not response.soup.select_one("#two-step-required")
    key = client.session[SESSION_NEW_KEY]
    done = client.post(SET_UP, {"code": _code(key), "next": "/account/"})
    assert client.post(done.url, {"next": "/account/"}).url == "/account/"
    summary = page.get("/account/").soup.select_one("#two-step").get_text(" ", strip=True)
    assert "On" in summary
    assert "10 left" in summary
    assert TOTPDevice.objects.filter(user=parent).exists()


# --- The code after the password ------------------------------------------------------------


def test_someone_with_an_app_gives_a_code_after_their_password_whatever_the_setting(client, page):
    parent = MembershipFactory(role="parent").user
    device = _app(parent)
    response = _sign_in(client, parent, next="/account/")
    assert response.status_code == 302
    assert response.url == f"{CODE}?next=%2Faccount%2F"
    (accepted,) = _events("account.password_accepted")
    assert accepted.changes == {"next_step": "code"}
    assert not _events("account.signed_in")
    assert client.get("/account/").url == f"{CODE}?next=%2Faccount%2F"

    with time_machine.travel(timezone.now(), tick=False):
        wrong = page.post(CODE, {"code": _wrong(device.key), "next": "/account/"})
        # Straight away, another try is refused: django-otp makes the person wait.
        again = page.post(CODE, {"code": _code(device.key), "next": "/account/"})
    assert "The code is not right" in wrong.soup.select_one(".govuk-error-summary").get_text()
    assert len(_events("account.two_step_code_failed")) == 1
    assert "too many wrong codes" in again.soup.select_one(".govuk-error-summary").get_text()
    assert client.get("/account/").status_code == 302

    _forget_wrong_tries(parent)
    right = page.post(CODE, {"code": _code(device.key), "next": "/account/"}, status=302)
    assert right.url == "/account/"
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.session[SESSION_GATE] == "open"
    (signed,) = _events("account.signed_in")
    assert signed.changes == {"second_step": "app"}
    assert page.get("/account/").status_code == 200


def test_the_code_page_ignores_a_next_address_on_another_site(client):
    parent = MembershipFactory(role="parent").user
    device = _app(parent)
    _sign_in(client, parent)
    for next_url in ("https://evil.example/", "//evil.example/", "' OR '1'='1", "javascript:x"):
        assert client.get(CODE, {"next": next_url}).status_code == 200
    response = client.post(CODE, {"code": _code(device.key), "next": "https://evil.example/"})
    assert response.url == "/"


def test_a_recovery_code_works_once_and_says_how_many_are_left(client, page):
    parent = MembershipFactory(role="parent").user
    _app(parent)
    _recovery_codes(parent, "abcdefgh", "ijklmnop", "qrstuvwx")
    _sign_in(client, parent)
    response = client.post(CODE, {"code": "ABCD-EFGH"}, follow=True)
    assert response.redirect_chain[0][0] == "/"
    banner = response.content.decode()
    assert "You used a recovery code" in banner
    assert "You have 2 recovery codes left." in banner
    (used,) = _events("account.recovery_code_used")
    assert used.changes == {"recovery_codes": [3, 2]}
    assert _events("account.signed_in")[0].changes == {"second_step": "recovery_code"}
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == [
        "ijklmnop",
        "qrstuvwx",
    ]

    client.post("/sign-out/")
    _sign_in(client, parent)
    again = page.post(CODE, {"code": "abcdefgh"})
    assert "The code is not right" in again.soup.select_one(".govuk-error-summary").get_text()
    assert client.get("/").status_code == 302


def test_the_last_recovery_code_says_to_get_new_ones(client):
    parent = MembershipFactory(role="parent").user
    _app(parent)
    _recovery_codes(parent, "abcdefgh")
    _sign_in(client, parent)
    response = client.post(CODE, {"code": "abcd efgh"}, follow=True)
    assert "You have used your last recovery code" in response.content.decode()


def test_signing_in_without_an_app_when_it_is_not_required_needs_no_code(client):
    parent = MembershipFactory(role="parent").user
    response = _sign_in(client, parent)
    assert response.url == "/"
    assert client.get("/").status_code == 200
    assert client.get(CODE).url == "/"  # nothing to do there
    (event,) = _events("account.signed_in")
    assert event.changes == {"second_step": "none"}


@override_settings(MFA_REQUIRED=True)
def test_staff_who_sign_in_with_a_password_go_straight_to_set_up(client, school):
    alnco = MembershipFactory(role="alnco", setting=school).user
    response = _sign_in(client, alnco, next="/learners/")
    assert response.url == f"{SET_UP}?next=%2Flearners%2F"
    assert client.get(CODE).url == f"{SET_UP}"
    assert _events("account.password_accepted")[0].changes == {"next_step": "set_up"}


def test_the_gate_is_kept_in_the_session_so_pages_never_ask_the_otp_tables(client, school):
    signed_in(client, "alnco", setting=school)
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    assert not [q for q in captured.captured_queries if "otp_" in q["sql"]]


# --- Recovery codes and turning it off -----------------------------------------------------------


def _verified(client, user):
    """Sign `user` in with their password and the code from their app."""
    device = TOTPDevice.objects.get(user=user)
    _sign_in(client, user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    assert client.post(CODE, {"code": _code(device.key)}).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, page):
    parent = MembershipFactory(role="parent").user
    _app(parent)
    _recovery_codes(parent, "abcdefgh")
    _verified(client, parent)
    assert page.get("/account/two-step/recovery-codes/new/").status_code == 200
    assert StaticToken.objects.get().token == "abcdefgh"  # a GET changes nothing
    response = page.post("/account/two-step/recovery-codes/new/", {}, status=302)
    assert response.url == f"{RECOVERY_CODES}?next=%2Faccount%2F"
    tokens = set(StaticToken.objects.values_list("token", flat=True))
    assert len(tokens) == RECOVERY_CODE_COUNT
    assert "abcdefgh" not in tokens
    (event,) = _events("account.recovery_codes_made")
    assert event.changes == {"recovery_codes": [1, 10]}
    shown = page.get(response.url).soup.select("#recovery-codes li")
    assert {li.get_text(strip=True).replace("-", "") for li in shown} == tokens


def test_staff_cannot_turn_it_off_when_it_is_required(client, page, school, required):
    alnco = MembershipFactory(role="alnco", setting=school).user
    _app(alnco)
    _verified(client, alnco)
    account = page.get("/account/").soup
    assert "you cannot turn it off" in account.select_one("main").get_text()
    assert not account.select_one('a[href="/account/two-step/turn-off/"]')
    assert client.get("/account/two-step/turn-off/").url == "/account/"
    response = client.post("/account/two-step/turn-off/", follow=True)
    assert "you cannot turn it off" in response.content.decode()
    assert TOTPDevice.objects.filter(user=alnco).exists()
    assert not _events("account.two_step_turned_off")


def test_a_parent_may_turn_it_off(client, page):
    parent = MembershipFactory(role="parent").user
    _app(parent)
    _recovery_codes(parent, "abcdefgh")
    _verified(client, parent)
    link = page.get("/account/").soup.select_one('a[href="/account/two-step/turn-off/"]')
    assert page.get(link["href"]).status_code == 200
    assert TOTPDevice.objects.exists()  # a GET changes nothing
    response = client.post("/account/two-step/turn-off/", follow=True)
    assert "Two-step sign-in is now off." in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    (event,) = _events("account.two_step_turned_off")
    assert event.changes == {"two_step": [True, False]}
    client.post("/sign-out/")
    assert _sign_in(client, parent).url == "/"  # a password is enough again


# --- Signing in and out is audited ------------------------------------------------------------


def test_a_wrong_password_for_an_account_is_recorded_against_it(client):
    user = UserFactory(email="someone@example.org")
    client.post("/sign-in/", {"username": "Someone@example.org", "password": "wrong"})
    (event,) = _events("account.sign_in_failed")
    assert event.actor is None
    assert event.subject_type == "accounts.user"
    assert event.subject_id == str(user.pk)


def test_an_address_with_no_account_is_not_kept(client):
    client.post("/sign-in/", {"username": "stranger@example.org", "password": "wrong"})
    (event,) = _events("account.sign_in_failed")
    assert event.subject_id == ""
    assert event.actor is None
    assert "stranger" not in repr(AuditEvent.objects.filter(pk=event.pk).values().get()), (
        "the typed address is personal data: it is not kept"
    )


def test_an_empty_form_is_not_a_sign_in_attempt(client):
    client.post("/sign-in/", {"username": "", "password": ""})
    assert not _events("account.sign_in_failed")


def test_signing_out_is_recorded(client):
    parent = MembershipFactory(role="parent").user
    _sign_in(client, parent)
    client.post("/sign-out/")
    (event,) = _events("account.signed_out")
    assert event.actor == parent


# --- The administrator's reset -------------------------------------------------------------------


def test_an_administrator_resets_two_step_sign_in_for_someone_who_lost_their_phone(client):
    parent = MembershipFactory(role="parent").user
    _app(parent)
    _recovery_codes(parent, "abcdefgh")
    _verified(client, parent)
    call_command("two_step_reset", parent.email.upper(), reason="Ticket 123: lost phone")
    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    (event,) = _events("account.two_step_reset")
    assert event.actor is None
    assert event.reason == "Ticket 123: lost phone"
    assert event.changes == {"two_step": [True, False], "session_generation": [0, 1]}
    # Their sessions are ended.
    assert client.get("/account/").url.startswith("/sign-in/")


def test_the_reset_command_needs_a_known_address_and_a_reason():
    with pytest.raises(CommandError, match="No account"):
        call_command("two_step_reset", "nobody@example.org", reason="x")
    user = UserFactory()
    with pytest.raises(CommandError, match="reason"):
        call_command("two_step_reset", user.email, reason="  ")


# --- Welsh ---------------------------------------------------------------------------------------


def test_the_code_page_in_welsh(page, client):
    parent = MembershipFactory(role="parent", user__preferred_language="cy").user
    _app(parent)
    _sign_in(client, parent)
    response = page.get(CODE, language="cy")
    # Passes once the lead merges /tmp/issue7/cy-mfa.json into the Welsh catalogue.
    assert response.soup.h1.get_text(strip=True) == "Rhowch y cod o'ch ap dilysu"


def test_the_set_up_page_in_welsh(page, client, staff):
    staff.preferred_language = "cy"
    staff.save(update_fields=["preferred_language"])
    response = page.get(SET_UP, language="cy")
    assert response.soup.h1.get_text(strip=True) == "Sefydlu mewngofnodi dau gam"


def test_a_fresh_client_with_no_session_is_sent_to_sign_in():
    assert Client().get(CODE).url.startswith("/sign-in/")


@pytest.mark.parametrize(
    ("required", "says"),
    [(False, "MFA_REQUIRED=1 make run"), (True, "Two-step sign-in is on")],
)
def test_the_demo_says_whether_two_step_sign_in_is_on(required, says):
    out = io.StringIO()
    with override_settings(MFA_REQUIRED=required):
        DemoLoad(stdout=out)._print_two_step()
    assert says in out.getvalue()
