import re

import pytest
from django.core import mail
from django.test import Client

from aln.accounts.models import Membership, User
from aln.audit.models import AuditEvent
from tests.conftest import signed_in
from tests.factories import MembershipFactory, SettingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_and_password(page, school):
    MembershipFactory(role="alnco", setting=school, user__email="alnco@example.org")
    response = page.post(
        "/sign-in/",
        {"username": "ALNCo@Example.org", "password": "correct-horse-battery"},
        status=302,
    )
    assert response.url == "/"
    home = page.get("/")
    assert "Hello," in home.soup.h1.get_text()


def test_wrong_password_gets_an_error_summary(page):
    UserFactory(email="someone@example.org")
    response = page.post("/sign-in/", {"username": "someone@example.org", "password": "wrong"})
    summary = response.soup.select_one(".govuk-error-summary")
    assert "Enter a correct email address and password" in summary.get_text()


def test_empty_sign_in_in_welsh(page):
    response = page.post("/sign-in/", {"username": "", "password": ""}, language="cy")
    assert response.soup.title.get_text().startswith("Gwall:")


def test_sign_out_ends_the_session(page, alnco):
    page.post("/sign-out/", {}, status=302)
    assert page.get("/", status=302).url.startswith("/sign-in/")


def test_password_reset_email_is_in_the_users_language(page):
    UserFactory(email="rhiant@example.org", preferred_language="cy")
    page.post("/password-reset/", {"email": "rhiant@example.org"}, status=302)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rhiant@example.org"]
    link = re.search(r"http://testserver(/password-reset/\S+/\S+/)", message.body).group(1)
    form = page.get(link, status=302)  # Django swaps the token for a session marker
    response = page.post(
        form.url,
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
        status=302,
    )
    assert response.url == "/password-reset/complete/"
    assert User.objects.get(email="rhiant@example.org").check_password("a new long passphrase")
    assert "Ailosod" in message.subject or "cyfrinair" in message.subject.lower()


def test_password_reset_for_unknown_email_reveals_nothing(page):
    response = page.post("/password-reset/", {"email": "nobody@example.org"}, status=302)
    assert response.url == "/password-reset/sent/"
    assert mail.outbox == []


def test_language_switch_is_remembered_on_the_profile(page, alnco):
    response = page.get("/language/cy/", status=302, next="/learners/")
    assert response.url == "/learners/"
    alnco.refresh_from_db()
    assert alnco.preferred_language == "cy"
    client = page.client
    client.cookies["django_language"] = "en-gb"
    assert b'<html lang="cy"' in client.get("/").content  # the profile wins over the cookie
    assert AuditEvent.objects.filter(event_type="user.language_changed").count() == 1


def test_language_switch_ignores_offsite_next(page):
    assert page.get("/language/cy/", status=302, next="https://evil.example/").url == "/"


def invite_form(**overrides):
    data = {
        "full_name": "Rhys Morgan",
        "email": "rhys@example.org",
        "role": "alnco",
        "preferred_language": "cy",
    }
    data.update(overrides)
    return data


def test_la_manager_invites_an_alnco_in_their_authority(
    client, page, authority, school, django_capture_on_commit_callbacks
):
    manager = signed_in(client, "la_aln_manager", local_authority=authority)
    with django_capture_on_commit_callbacks(execute=True):
        page.post("/users/add/", invite_form(setting=str(school.pk)), status=302)
    invited = User.objects.get(email="rhys@example.org")
    assert not invited.has_usable_password()
    assert Membership.objects.get(user=invited).setting == school
    assert mail.outbox[0].to == ["rhys@example.org"]
    assert "/password-reset/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(actor=manager, event_type="user.invited").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "taken@example.org"}, "email", "already used"),
        ({}, "setting", "Select the organisation"),
        ({"email": "not-an-email"}, "email", "correct format"),
    ],
)
def test_invite_bad_input(client, page, authority, overrides, field, message):
    UserFactory(email="taken@example.org")
    signed_in(client, "system_admin")
    school = SettingFactory(local_authority=authority)
    data = invite_form(**overrides)
    if field != "setting":
        data["setting"] = str(school.pk)
    response = page.post("/users/add/", data)
    assert message in response.soup.select_one(".govuk-error-summary").get_text()
    assert User.objects.count() == 2  # the taken account and the admin, nobody new


def test_la_manager_cannot_invite_into_another_authority(client, page, authority):
    signed_in(client, "la_aln_manager", local_authority=authority)
    elsewhere = SettingFactory()
    response = page.post("/users/add/", invite_form(setting=str(elsewhere.pk)))
    assert "from the list" in response.soup.select_one(".govuk-error-summary").get_text()
    assert not User.objects.filter(email="rhys@example.org").exists()


def test_unknown_language_is_not_found(page):
    page.get("/language/fr/", status=404)


def test_invited_person_without_a_password_can_ask_for_a_new_link(page):
    invited = UserFactory(email="invited@example.org")
    invited.set_unusable_password()
    invited.save()
    page.post("/password-reset/", {"email": "invited@example.org"}, status=302)
    assert mail.outbox[0].to == ["invited@example.org"]


def test_closed_accounts_get_no_reset_email(page):
    UserFactory(email="left@example.org", is_active=False)
    page.post("/password-reset/", {"email": "left@example.org"}, status=302)
    assert mail.outbox == []


def test_repeated_wrong_passwords_lock_sign_in(page, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(email="target@example.org")
    for _ in range(3):
        page.client.post("/sign-in/", {"username": "target@example.org", "password": "guess"})
    locked = page.client.post(
        "/sign-in/", {"username": "target@example.org", "password": "correct-horse-battery"}
    )
    assert locked.status_code == 429
    assert b"Sign in is locked" in locked.content


def test_la_manager_adds_a_parent_who_needs_no_organisation(client, page, authority):
    signed_in(client, "la_aln_manager", local_authority=authority)
    page.post("/users/add/", invite_form(role="parent"), status=302)
    assert Membership.objects.get(user__email="rhys@example.org").role == "parent"


def test_la_manager_cannot_make_administrators(client, page, authority):
    signed_in(client, "la_aln_manager", local_authority=authority)
    form = page.get("/users/add/")
    assert "system_admin" not in [i["value"] for i in form.soup.select("input[name=role]")]
    response = page.post("/users/add/", invite_form(role="system_admin"))
    assert "system_admin" not in User.objects.values_list("memberships__role", flat=True)
    assert response.soup.select_one("#id_role-error")


def test_administrators_can_make_administrators(client, page):
    signed_in(client, "system_admin")
    page.post("/users/add/", invite_form(role="system_admin"), status=302)
    assert Membership.objects.filter(user__email="rhys@example.org", role="system_admin").exists()


def _signed_in_browser(email):
    """A separate browser (its own cookies) signed in through the real sign-in form."""
    browser = Client()
    response = browser.post("/sign-in/", {"username": email, "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert browser.get("/").status_code == 200
    return browser


def _is_sent_to_sign_in(browser) -> bool:
    response = browser.get("/")
    return response.status_code == 302 and response.url.startswith("/sign-in/")


def test_your_account_shows_name_email_and_language(page, school):
    MembershipFactory(
        role="alnco",
        setting=school,
        user__email="gwen@example.org",
        user__full_name="Gwen Parry",
        user__preferred_language="cy",
    )
    page.client.post(
        "/sign-in/", {"username": "gwen@example.org", "password": "correct-horse-battery"}
    )
    response = page.get("/account/", language="cy")
    details = response.soup.select_one("#account-details").get_text(" ", strip=True)
    assert "Gwen Parry" in details
    assert "gwen@example.org" in details
    assert "Cymraeg" in details
    form = response.soup.select_one("main form[method=post]")
    assert form["action"] == "/account/sign-out-everywhere/"
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert response.soup.select_one('.govuk-service-navigation a[href="/account/"]')


def test_sign_out_everywhere_ends_every_session(school):
    MembershipFactory(role="alnco", setting=school, user__email="gwen@example.org")
    laptop = _signed_in_browser("gwen@example.org")
    phone = _signed_in_browser("gwen@example.org")

    response = laptop.post("/account/sign-out-everywhere/")

    assert response.status_code == 302
    assert response.url == "/sign-in/"
    sign_in = laptop.get("/sign-in/")
    assert b"You have been signed out on all your browsers and devices." in sign_in.content
    assert _is_sent_to_sign_in(laptop)
    assert _is_sent_to_sign_in(phone)
    user = User.objects.get(email="gwen@example.org")
    event = AuditEvent.objects.get(event_type="account.signed_out_everywhere")
    assert event.actor == user
    # Signing in again works, on any device.
    assert _signed_in_browser("gwen@example.org").get("/account/").status_code == 200


def test_sign_out_everywhere_asks_first_and_get_changes_nothing(school):
    MembershipFactory(role="alnco", setting=school, user__email="gwen@example.org")
    laptop = _signed_in_browser("gwen@example.org")
    phone = _signed_in_browser("gwen@example.org")

    confirm = laptop.get("/account/sign-out-everywhere/")

    assert confirm.status_code == 200
    assert b'<form method="post"' in confirm.content
    assert not _is_sent_to_sign_in(laptop)
    assert not _is_sent_to_sign_in(phone)
    assert User.objects.get(email="gwen@example.org").session_generation == 0
    assert not AuditEvent.objects.filter(event_type="account.signed_out_everywhere").exists()


def test_sign_out_everywhere_needs_a_csrf_token(school):
    MembershipFactory(role="alnco", setting=school, user__email="gwen@example.org")
    phone = _signed_in_browser("gwen@example.org")
    # The browser's own session cookie without the form's token: what a hostile page can send.
    forged = Client(enforce_csrf_checks=True)
    forged.cookies["sessionid"] = phone.cookies["sessionid"].value
    assert forged.post("/account/sign-out-everywhere/").status_code == 403
    assert not _is_sent_to_sign_in(phone)
    assert not AuditEvent.objects.filter(event_type="account.signed_out_everywhere").exists()


def test_signed_out_visitors_cannot_sign_anyone_out(client):
    UserFactory(email="gwen@example.org")
    response = client.post("/account/sign-out-everywhere/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")
    assert User.objects.get(email="gwen@example.org").session_generation == 0


@pytest.mark.parametrize(
    "address",
    ["known@example.org", "KNOWN@example.org", "invited@example.org", "left@example.org"],
)
def test_password_reset_answers_the_same_for_every_address(client, address):
    """Whether an account exists, is closed or has no password yet, the visitor sees the same."""
    UserFactory(email="known@example.org")
    invited = UserFactory(email="invited@example.org")
    invited.set_unusable_password()
    invited.save()
    UserFactory(email="left@example.org", is_active=False)

    def ask(email):
        browser = Client()
        response = browser.post("/password-reset/", {"email": email})
        return response, browser.get(response.url)

    answer, sent = ask(address)
    unknown_answer, unknown_sent = ask("nobody@example.org")

    assert (answer.status_code, answer.url) == (unknown_answer.status_code, unknown_answer.url)
    assert answer.content == unknown_answer.content
    assert sorted(answer.cookies) == sorted(unknown_answer.cookies)
    assert sent.content == unknown_sent.content
