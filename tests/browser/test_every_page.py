"""Every page of the service, in English and in Welsh, checked with axe-core in headless Chromium.

Each case opens one page in one state (empty, with errors, with a success message, paginated...)
the way a person reaches it, in the language they chose, and checks:

- `<html lang>` is "en-GB" or "cy";
- the `<title>` is exactly the page's title in that language followed by the service name, and
  differs from the other language's (so it is really translated, including the "Error:" prefix
  GOV.UK asks for when the page shows errors);
- the page is in the state the case is about (an error summary, pagination, a list...);
- axe-core's WCAG 2.2 AA rules find nothing serious or critical (`assert_accessible`).

Anonymous visitors choose a language with the `django_language` cookie, as the header's
"Cymraeg"/"English" link sets it; a signed-in person's saved `preferred_language` wins over the
cookie (UserLanguageMiddleware), so signed-in cases save it on the user. People are signed in by
handing the browser the session cookie of Django's test client, not by the sign-in form, to keep
the suite fast (the sign-in form itself is covered by test_journey.py and the sign-in cases here).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.util import random_hex

from aln.accounts.services import two_step_set_up
from aln.accounts.two_step import SESSION_GATE, SESSION_NEW_CODES
from aln.audit.services import audit_record
from aln.common.i18n import CAPACITY_ASSESSOR_LABELS
from aln.domain.accounts import TwoStepGate
from aln.domain.disagreements import CapacityAssessor, LaOutcome, Route
from aln.idps.selectors.plans import draft_of
from tests.browser import dispute_data, idp_data
from tests.browser.conftest import sign_in
from tests.browser.idp_data import VAGUE_OUTCOME
from tests.factories import (
    CalendarClosureFactory,
    CalendarTermFactory,
    CaseFactory,
    DeadlineFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
    SupportProviderFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser]

# The browser's language setting for each case id suffix, and what <html lang> must then say.
LANGUAGES = {"en": ("en-gb", "en-GB"), "cy": ("cy", "cy")}
SERVICE_NAME = "Additional learning needs"
NOT_FOUND_PATH = "/no-such-page-here/"
MANY_LEARNERS = 30  # more than the 25 a page of results shows


def submit(page):
    """Press the page's own form button (not the header's "Sign out") and wait for the answer."""
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


def clear_date_and_submit(page):
    """Empty the day, month and year of the page's date field, then submit."""
    for part in page.locator("main form input.govuk-date-input__input").all():
        part.fill("")
    submit(page)


def create_feed_address(page):
    with page.expect_navigation():
        page.locator('main button[value="create"]').click()


def add_an_alnco(page):
    """Fill in "Add a user" correctly, so the next page shows the success banner."""
    page.locator("#id_full_name").fill("Gwen Parry")
    page.locator("#id_email").fill("gwen.parry@example.org")
    page.locator('input[name="role"][value="alnco"]').check(force=True)
    page.locator("#id_setting").select_option(index=1)  # the authority's one school
    page.locator('input[name="preferred_language"][value="cy"]').check(force=True)
    submit(page)


def send_without_the_csrf_cookie(page):
    """Send the form after the browser lost the CSRF cookie (it blocks cookies, or the page was
    open for a long time): the service refuses it with its own page. Returns that answer."""
    page.context.clear_cookies(name=settings.CSRF_COOKIE_NAME)
    with page.expect_navigation() as navigation:
        page.locator("main form[method=post] button[type=submit]").click()
    return navigation.value


@dataclass(frozen=True)
class Case:
    """One page in one state. `path` and `title` may name values of the test's data with {...}."""

    path: str
    title: str  # the msgid of the page's title block, or "{learner}" for a learner's name
    shows: str  # a CSS selector that must be visible: proof the page is in the state named
    act: Callable | None = None  # what the person does after the page opens
    errors: bool = False  # the page shows an error summary (and "Error:" in the title)
    status: int = 200  # of the page shown: the one opened, or the answer `act` returns
    banner: bool = False
    needs: frozenset = field(default_factory=frozenset)


PUBLIC = {
    "sign-in": Case("/sign-in/", "Sign in", "form input#id_username"),
    "sign-in-errors": Case("/sign-in/", "Sign in", "#id_username-error", submit, True),
    "password-reset": Case("/password-reset/", "Reset your password", "form input#id_email"),
    "password-reset-errors": Case(
        "/password-reset/", "Reset your password", "#id_email-error", submit, True
    ),
    "password-reset-sent": Case("/password-reset/sent/", "Check your email", "main h1"),
    "password-reset-expired": Case(
        "/password-reset/x/y/", "This link has expired", 'main a[href="/password-reset/"]'
    ),
    "password-reset-choose": Case(
        "/password-reset/{uid}/{token}/",
        "Choose a new password",
        "form input#id_new_password1",
        needs=frozenset({"reset_link"}),
    ),
    "password-reset-choose-errors": Case(
        "/password-reset/{uid}/{token}/",
        "Choose a new password",
        "#id_new_password1-error",
        submit,
        True,
        needs=frozenset({"reset_link"}),
    ),
    "password-reset-complete": Case(
        "/password-reset/complete/", "Your password has been saved", ".govuk-panel"
    ),
    "not-found": Case(NOT_FOUND_PATH, "Page not found", "main h1", status=404),
    "privacy": Case("/privacy/", "Privacy notice", "main h2#rights"),
    "form-refused": Case(
        "/sign-in/",
        "Your form could not be sent",
        'main a[href="/"]',
        send_without_the_csrf_cookie,
        status=403,
    ),
}

LA_MANAGER = {
    "home": Case("/", "Home", "main .govuk-summary-list__actions a"),
    "learners": Case(
        "/learners/", "Learners", "nav.govuk-pagination", needs=frozenset({"many_learners"})
    ),
    "learners-page-2": Case(
        "/learners/?page=2",
        "Learners",
        "nav.govuk-pagination .govuk-pagination__prev",
        needs=frozenset({"many_learners"}),
    ),
    "learners-invalid-date": Case(
        "/learners/?date_of_birth_0=31&date_of_birth_1=2&date_of_birth_2=2015",
        "Learners",
        "#id_date_of_birth-error",
        errors=True,
    ),
    "learners-no-results": Case("/learners/?name=Zzyzx", "Learners", "#results-count"),
    "learners-worklist": Case(
        "/learners/?worklist=looked-after", "Learners", "main table.govuk-table tbody tr"
    ),
    "learner-detail": Case("/learners/{learner_id}/", "{learner}", "main .govuk-summary-card"),
    "learner-add": Case("/learners/add/", "Add a learner", "form input#id_first_name"),
    "learner-add-errors": Case(
        "/learners/add/", "Add a learner", "#id_first_name-error", submit, True
    ),
    "user-add": Case("/users/add/", "Add a user", "form input#id_full_name"),
    "user-add-errors": Case("/users/add/", "Add a user", "#id_full_name-error", submit, True),
    "user-added": Case(
        "/users/add/", "Add a user", ".govuk-notification-banner", add_an_alnco, banner=True
    ),
    "not-found-signed-in": Case(NOT_FOUND_PATH, "Page not found", "main h1", status=404),
    "account": Case("/account/", "Your account", "main #account-details"),
    "sign-out-everywhere": Case(
        "/account/sign-out-everywhere/", "Sign out everywhere", "main form button"
    ),
    # The statutory clock
    "deadlines": Case("/deadlines/", "Deadlines", "main table.govuk-table tbody tr"),
    "deadlines-overdue": Case(
        "/deadlines/?view=overdue", "Deadlines", "main table.govuk-table tbody tr"
    ),
    "deadlines-none-due-this-week": Case("/deadlines/?view=due-this-week", "Deadlines", "main h1"),
    "case": Case("/cases/{case_id}/", "Case %(reference)s: %(name)s", "main table.govuk-table"),
    # The case process (the manager contributes to a school's case: evidence, views, meetings)
    "concern": Case("/cases/new/{learner_id}/", "Record a concern", "form textarea#id_concern"),
    "concern-errors": Case(
        "/cases/new/{learner_id}/", "Record a concern", "#id_concern-error", submit, True
    ),
    "case-add-evidence": Case(
        "/cases/{case_id}/add-evidence/",
        "Add evidence of support already given",
        "form textarea#id_description",
    ),
    "case-add-evidence-errors": Case(
        "/cases/{case_id}/add-evidence/",
        "Add evidence of support already given",
        "#id_description-error",
        submit,
        True,
    ),
    "case-record-views": Case(
        "/cases/{case_id}/record-views/",
        "Record views, wishes and feelings",
        "form textarea#id_important_to",
    ),
    "case-record-meeting": Case(
        "/cases/{case_id}/record-meeting/", "Record a meeting", "form textarea#id_invited"
    ),
    "deadline-done": Case(
        "/deadlines/{deadline_id}/done/", "Mark a deadline as done", "form #id_met_on"
    ),
    "deadline-done-errors": Case(
        "/deadlines/{deadline_id}/done/",
        "Mark a deadline as done",
        "#id_met_on-error",
        clear_date_and_submit,
        True,
    ),
    "deadline-missed-reason": Case(
        "/deadlines/{deadline_id}/missed-reason/",
        "Record why a deadline was missed",
        "form textarea#id_circumstance",
    ),
    "deadline-missed-reason-errors": Case(
        "/deadlines/{deadline_id}/missed-reason/",
        "Record why a deadline was missed",
        "#id_circumstance-error",
        submit,
        True,
    ),
    "calendar-feed": Case(
        "/deadlines/calendar-feed/", "Add your deadlines to your calendar", "main form button"
    ),
    "calendar-feed-created": Case(
        "/deadlines/calendar-feed/",
        "Add your deadlines to your calendar",
        "main input[readonly]",
        create_feed_address,
    ),
    # The banner warns that the recorded term dates end soon (the test records 2026 terms only).
    "term-dates": Case(
        "/deadlines/term-dates/", "Term dates and closures", "main table", banner=True
    ),
    "term-add": Case("/deadlines/term-dates/terms/add/", "Add a term", "form #id_starts_on"),
    "term-add-errors": Case(
        "/deadlines/term-dates/terms/add/", "Add a term", "#id_starts_on-error", submit, True
    ),
    "term-change": Case(
        "/deadlines/term-dates/terms/{term_id}/", "Change a term", "form #id_starts_on"
    ),
    "term-remove": Case(
        "/deadlines/term-dates/terms/{term_id}/delete/", "Remove a term", "main form button"
    ),
    "closure-add": Case("/deadlines/term-dates/closures/add/", "Add a closure", "form #id_reason"),
    "closure-add-errors": Case(
        "/deadlines/term-dates/closures/add/", "Add a closure", "#id_reason-error", submit, True
    ),
    "closure-remove": Case(
        "/deadlines/term-dates/closures/{closure_id}/delete/",
        "Remove a closure",
        "main form button",
    ),
    "term-dates-import": Case(
        "/deadlines/term-dates/import/", "Import term dates", "main form input[type=file]"
    ),
    "term-dates-import-errors": Case(
        "/deadlines/term-dates/import/", "Import term dates", "#id_file-error", submit, True
    ),
    "deadline-settings": Case(
        "/deadlines/settings/", "Deadline settings", "form #id_reminder_school_days"
    ),
    # The LA's information, disagreement resolution and advocacy providers (statutory notices)
    "providers": Case(
        "/notices/providers/",
        "Information, disagreement and advocacy providers",
        "main .govuk-summary-list",
    ),
    "provider-add": Case("/notices/providers/add/", "Add a provider", "form #id_name_en"),
    "provider-add-errors": Case(
        "/notices/providers/add/", "Add a provider", "#id_name_en-error", submit, True
    ),
    "provider-change": Case(
        "/notices/providers/{provider_id}/", "Change a provider", "form #id_name_en"
    ),
    "provider-remove": Case(
        "/notices/providers/{provider_id}/remove/", "Remove a provider", "main form button"
    ),
}

PARENT = {
    "parent-home": Case("/", "Home", 'main a[href="/learners/{learner_id}/"]'),
    "parent-learner-detail": Case("/learners/{learner_id}/", "{learner}", "main h1"),
    "parent-account": Case("/account/", "Your account", "main #account-details"),
    "parent-case": Case(
        "/cases/{case_id}/", "Case %(reference)s: %(name)s", "main table.govuk-table"
    ),
    "parent-deadlines": Case("/deadlines/", "Deadlines", "main table.govuk-table tbody tr"),
    "parent-family-concern": Case(
        "/cases/raise/{learner_id}/",
        "Tell us you think your child may have additional learning needs",
        "main textarea",
    ),
}

# Pages whose serious or critical axe violations are known and waiting for a template fix:
# {"case-language": "rule id on target: the fix"}. Each is a strict xfail, so the suite says so
# the moment the fix lands (remove the entry then).
KNOWN_VIOLATIONS: dict[str, str] = {}


def params(cases):
    return [
        pytest.param(
            name,
            language,
            id=f"{name}-{language}",
            marks=(
                [pytest.mark.xfail(strict=True, reason=KNOWN_VIOLATIONS[f"{name}-{language}"])]
                if f"{name}-{language}" in KNOWN_VIOLATIONS
                else []
            ),
        )
        for name in cases
        for language in LANGUAGES
    ]


def expected_title(case, language_code, data):
    """The <title> the page must have in this language (base.html's pattern)."""
    with translation.override(language_code):
        title = data["learner"] if case.title == "{learner}" else translation.gettext(case.title)
        if "%(" in title:  # a title with the record's values, such as a case's reference
            title = title % {
                "reference": data.get("reference", ""),
                "name": data["learner"],
                "number": data.get("number", ""),  # a plan's version
                "date": date_format(data["date"], "j F Y") if "date" in data else "",
                "whose": str(data.get("whose", "")),  # a view on capacity: whose it is
            }
        prefix = f"{translation.gettext('Error:')} " if case.errors else ""
        return f"{prefix}{title} \N{EN DASH} {translation.gettext(SERVICE_NAME)}"


@pytest.fixture
def page_for(request, browser_context):
    """`page_for(case)`: browser_page, or for a case whose page is an error (404, 403) a page that
    expects that one error.

    browser_page fails a test on any response of 400 or more and on any console error, which is
    right everywhere except on the error page itself (page not found, form refused), where
    Chromium also logs the document's status to the console. This page tolerates exactly that,
    for the case's own address, and nothing else.
    """

    def make(case):
        if case.status < 400:
            return request.getfixturevalue("browser_page")
        page = browser_context.new_page()
        problems = []
        status = case.status

        def expected(url):
            return urlsplit(url).path == urlsplit(case.path).path

        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        page.on(
            "response",
            lambda response: (
                problems.append(f"HTTP {response.status}: {response.url}")
                if response.status >= 400
                and not (
                    response.status == status
                    and response.request.resource_type == "document"
                    and expected(response.url)
                )
                else None
            ),
        )
        page.on(
            "console",
            lambda message: (
                problems.append(f"console {message.type}: {message.text}")
                if message.type == "error"
                and not (str(status) in message.text and expected(message.location.get("url", "")))
                else None
            ),
        )
        request.addfinalizer(lambda: _no_problems(problems))
        return page

    return make


def _no_problems(problems):
    assert not problems, "\n".join(problems)


def choose_language(browser_context, live_server, language_code):
    """What the header's language link leaves behind: the language cookie."""
    browser_context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language_code, "url": live_server.url}]
    )


def check_page(page, live_server, case, language, data, assert_accessible, label):
    language_code, html_lang = LANGUAGES[language]
    response = page.goto(live_server.url + case.path.format(**data))
    assert response is not None
    if case.act:
        assert response.ok, f"{label}: HTTP {response.status} before {case.act.__name__}"
        # An act may return the answer it navigated to (a form refused), to check its status.
        response = case.act(page) or response
    assert response.status == case.status, f"{label}: HTTP {response.status}"
    assert page.locator("html").get_attribute("lang") == html_lang

    title = page.title()
    other_code = LANGUAGES["cy" if language == "en" else "en"][0]
    assert title, f"{label} has an empty <title>"
    assert title == expected_title(case, language_code, data)
    assert title != expected_title(case, other_code, data), f"{label}'s title is not translated"

    # Only what is shown counts: base.html carries a hidden banner for the idle sign-out (its
    # script shows it when the session ends while a form has unsent changes).
    assert page.locator(case.shows.format(**data)).filter(visible=True).first.is_visible(), (
        f"{label} does not show {case.shows}"
    )
    assert page.locator(".govuk-error-summary").count() == (1 if case.errors else 0)
    shown_banners = page.locator(".govuk-notification-banner").filter(visible=True)
    assert shown_banners.count() == (1 if case.banner else 0)
    assert_accessible(page, label)


@pytest.fixture
def authority(transactional_db):
    return LocalAuthorityFactory(code="997", name_en="Every Page County", name_cy="Sir Pob Tudalen")


@pytest.fixture
def school(authority):
    return SettingFactory(
        local_authority=authority,
        name_en="Every Page Primary School",
        name_cy="Ysgol Gynradd Pob Tudalen",
    )


def clock_records(learner, school):
    """Term dates and a closure for the LA, and a case whose school deadline was missed."""
    authority = school.local_authority
    for start, end in [("2026-09-01", "2026-10-23"), ("2026-11-02", "2026-12-18")]:
        CalendarTermFactory(
            local_authority=authority,
            starts_on=datetime.date.fromisoformat(start),
            ends_on=datetime.date.fromisoformat(end),
        )
    closure = CalendarClosureFactory(local_authority=authority)
    case = CaseFactory(learner=learner, local_authority=authority, setting=school)
    deadline = DeadlineFactory(
        case=case, started_on=datetime.date(2026, 9, 7), due_on=datetime.date(2026, 10, 26)
    )
    term = authority.calendar_terms.first()
    return {
        "case_id": case.pk,
        "reference": case.reference,
        "deadline_id": deadline.pk,
        "term_id": term.pk,
        "closure_id": closure.pk,
    }


def known_learner(school):
    """A learner with a current enrolment and a parent: every part of the learner page shows."""
    learner = EnrolmentFactory(
        setting=school,
        learner__first_name="Nia",
        learner__last_name="Bowen",
        learner__home_local_authority=school.local_authority,
    ).learner
    FamilyLinkFactory(
        learner=learner,
        family_member__full_name="Rhian Bowen",
        family_member__phone="01234 567890",
    )
    return learner


@pytest.mark.parametrize(("name", "language"), params(PUBLIC))
def test_public_page(
    name, language, live_server, transactional_db, browser_context, page_for, assert_accessible
):
    case = PUBLIC[name]
    data = {}
    if "reset_link" in case.needs:
        user = UserFactory()
        data["uid"] = urlsafe_base64_encode(force_bytes(user.pk))
        data["token"] = default_token_generator.make_token(user)
    choose_language(browser_context, live_server, LANGUAGES[language][0])
    page = page_for(case)
    check_page(page, live_server, case, language, data, assert_accessible, f"{name} ({language})")


@pytest.mark.parametrize(("name", "language"), params(LA_MANAGER))
def test_la_aln_manager_page(
    name, language, live_server, authority, school, browser_context, page_for, assert_accessible
):
    """An LA ALN manager may open every page staff have: search, learners, adding people."""
    case = LA_MANAGER[name]
    language_code = LANGUAGES[language][0]
    manager = MembershipFactory(
        role="la_aln_manager",
        local_authority=authority,
        user__full_name="Owain Price",
        user__preferred_language=language_code,
    ).user
    learner = known_learner(school)
    # Records to check: two looked-after learners, and learners without a parent or a UPN.
    LearnerFactory.create_batch(
        2, home_local_authority=authority, is_looked_after=True, looked_after_by=authority
    )
    EnrolmentFactory(setting=school, learner__home_local_authority=authority, learner__upn="")
    if "many_learners" in case.needs:
        LearnerFactory.create_batch(
            MANY_LEARNERS,
            home_local_authority=authority,
            date_of_birth=datetime.date(2015, 1, 1),
        )
    records = clock_records(learner, school)
    records["provider_id"] = SupportProviderFactory(local_authority=authority).pk
    sign_in(browser_context, live_server, manager)
    choose_language(browser_context, live_server, language_code)
    data = {"learner_id": learner.pk, "learner": learner.full_name, **records}
    check_page(
        page_for(case), live_server, case, language, data, assert_accessible, f"{name} ({language})"
    )


@pytest.mark.parametrize(("name", "language"), params(PARENT))
def test_parent_page(
    name, language, live_server, school, browser_context, page_for, assert_accessible
):
    """A parent sees their own child, and nothing of the staff pages."""
    case = PARENT[name]
    language_code = LANGUAGES[language][0]
    parent = MembershipFactory(
        role="parent", user__full_name="Rhian Bowen", user__preferred_language=language_code
    ).user
    child = known_learner(school)
    FamilyLinkFactory(
        learner=child, family_member=FamilyMemberFactory(user=parent, full_name="Rhian Bowen")
    )
    records = clock_records(child, school)
    sign_in(browser_context, live_server, parent)
    choose_language(browser_context, live_server, language_code)
    data = {"learner_id": child.pk, "learner": child.full_name, **records}
    page = page_for(case)
    check_page(page, live_server, case, language, data, assert_accessible, f"{name} ({language})")
    assert page.locator('.govuk-service-navigation a[href="/learners/"]').count() == 0


# Individual development plans (issue 5) ----------------------------------------------------------
# Each page is opened on a plan in the state it is for: `needs` names that state (plan_records).
# The ALNCo of the school that maintains the plan opens the staff pages; section 2D is for a plan
# the LA maintains, so an LA ALN officer opens it. The records are built through the services.

PLAN = "/plans/{idp_id}"


def check_a_vague_outcome(page):
    """Type a vague outcome and press "Check this outcome" (the page works without JavaScript)."""
    page.locator("#id_outcome").fill(VAGUE_OUTCOME["en"])
    with page.expect_navigation():
        page.locator("#check-outcome").click()


PLAN_STAFF = {
    "idp-start": Case(
        "/plans/start/{case_id}/",
        "Start writing the IDP",
        "main form button",
        needs=frozenset({"idp_due"}),
    ),
    "idp-plan-draft": Case(
        f"{PLAN}/",
        "Individual development plan: %(name)s",
        "#plan-actions",
        needs=frozenset({"draft"}),
    ),
    "idp-draft": Case(
        f"{PLAN}/draft/", "Write the IDP: %(name)s", "#issue-readiness", needs=frozenset({"draft"})
    ),
    "idp-draft-blocked": Case(
        f"{PLAN}/draft/",
        "Write the IDP: %(name)s",
        "#issue-readiness li a",
        needs=frozenset({"vague_draft"}),
    ),
    "idp-section-about": Case(
        f"{PLAN}/draft/about/",
        "Section 1: about me",
        "form #id_like_and_admire",
        needs=frozenset({"draft"}),
    ),
    "idp-section-needs": Case(
        f"{PLAN}/draft/needs/",
        "Section 2A: description of the additional learning needs",
        "form #id_needs_summary",
        needs=frozenset({"draft"}),
    ),
    "idp-section-placement": Case(
        f"{PLAN}/draft/placement/",
        "Section 2D: placement, board and lodging",
        "form #id_named_school",
        needs=frozenset({"la_draft"}),
    ),
    "idp-section-information": Case(
        f"{PLAN}/draft/information/",
        "Information used and transition arrangements",
        "form #id_information_used",
        needs=frozenset({"draft"}),
    ),
    "idp-need-add": Case(
        f"{PLAN}/draft/needs/add/", "Add a need", "form #id_description", needs=frozenset({"draft"})
    ),
    "idp-need-add-errors": Case(
        f"{PLAN}/draft/needs/add/",
        "Add a need",
        "#id_description-error",
        submit,
        True,
        needs=frozenset({"draft"}),
    ),
    "idp-need-edit": Case(
        f"{PLAN}/draft/needs/{{need_id}}/",
        "Change a need",
        "form #id_description",
        needs=frozenset({"draft"}),
    ),
    "idp-need-remove": Case(
        f"{PLAN}/draft/needs/{{need_id}}/remove/",
        "Remove this need?",
        "#to-remove",
        needs=frozenset({"draft"}),
    ),
    "idp-element-add": Case(
        f"{PLAN}/draft/elements/add/",
        "Add provision",
        "form #id_outcome",
        needs=frozenset({"draft"}),
    ),
    "idp-element-checked": Case(
        f"{PLAN}/draft/elements/add/",
        "Add provision",
        '#outcome-check li[data-code="measurable"]',
        check_a_vague_outcome,
        needs=frozenset({"draft"}),
    ),
    "idp-element-edit": Case(
        f"{PLAN}/draft/elements/{{element_id}}/",
        "Change provision",
        '#outcome-check [data-passes="true"]',
        needs=frozenset({"draft"}),
    ),
    "idp-element-remove": Case(
        f"{PLAN}/draft/elements/{{element_id}}/remove/",
        "Remove this provision?",
        "#to-remove",
        needs=frozenset({"draft"}),
    ),
    "idp-attachment-add": Case(
        f"{PLAN}/draft/attachments/add/",
        "Attach a document",
        "form input#id_file[type=file]",
        needs=frozenset({"draft"}),
    ),
    "idp-attachment-add-errors": Case(
        f"{PLAN}/draft/attachments/add/",
        "Attach a document",
        "#id_title-error",
        submit,
        True,
        needs=frozenset({"draft"}),
    ),
    "idp-give": Case(
        f"{PLAN}/give/", "Give the IDP", "form #id_given_on_0", needs=frozenset({"draft"})
    ),
    "idp-give-blocked": Case(
        f"{PLAN}/give/", "Give the IDP", "#issue-blocks li a", needs=frozenset({"vague_draft"})
    ),
    "idp-plan": Case(
        f"{PLAN}/",
        "Individual development plan: %(name)s",
        "#plan-content #alp",
        needs=frozenset({"given"}),
    ),
    "idp-versions": Case(
        f"{PLAN}/versions/",
        "Versions of the IDP: %(name)s",
        "#versions a",
        needs=frozenset({"revised"}),
    ),
    "idp-version": Case(
        f"{PLAN}/versions/1/",
        "IDP version %(number)s: %(name)s",
        "#version-given",
        needs=frozenset({"given"}),
    ),
    "idp-compare": Case(
        f"{PLAN}/compare/?from=1&to=2",
        "Compare versions of the IDP: %(name)s",
        "#differences ins",
        needs=frozenset({"revised"}),
    ),
    "idp-compare-errors": Case(
        f"{PLAN}/compare/?from=2&to=2",
        "Compare versions of the IDP: %(name)s",
        "#id_to-error",
        errors=True,
        needs=frozenset({"revised"}),
    ),
    "idp-revise": Case(
        f"{PLAN}/revise/",
        "Start a new version of the IDP",
        "form #id_why_revised",
        needs=frozenset({"given"}),
    ),
    "idp-revise-errors": Case(
        f"{PLAN}/revise/",
        "Start a new version of the IDP",
        "#id_why_revised-error",
        submit,
        True,
        needs=frozenset({"given"}),
    ),
    "idp-discard": Case(
        f"{PLAN}/discard-draft/",
        "Throw away this draft?",
        "#to-remove",
        needs=frozenset({"revision_draft"}),
    ),
    "idp-review": Case(
        f"{PLAN}/review/",
        "Record a review of the IDP",
        "form #id_invited",
        needs=frozenset({"given"}),
    ),
    "idp-review-errors": Case(
        f"{PLAN}/review/",
        "Record a review of the IDP",
        "#id_invited-error",
        submit,
        True,
        needs=frozenset({"given"}),
    ),
    "idp-review-detail": Case(
        f"{PLAN}/reviews/{{review_id}}/",
        "Review on %(date)s",
        "#review-decision",
        needs=frozenset({"review"}),
    ),
    "idp-review-requests": Case(
        f"{PLAN}/requests/",
        "Requests for a review",
        ".review-request",
        needs=frozenset({"request"}),
    ),
    "idp-review-requests-none": Case(
        f"{PLAN}/requests/", "Requests for a review", "#no-requests", needs=frozenset({"given"})
    ),
    "idp-request-record": Case(
        f"{PLAN}/requests/record/",
        "Record a request for a review",
        "form #id_reason",
        needs=frozenset({"given"}),
    ),
    "idp-request-refuse": Case(
        f"{PLAN}/requests/{{request_id}}/refuse/",
        "Refuse the request for a review",
        "form #id_reasons",
        needs=frozenset({"request"}),
    ),
    "idp-request-assign": Case(
        f"{PLAN}/requests/{{request_id}}/assign/",
        "Choose who deals with the request",
        "form #id_owner",
        needs=frozenset({"request"}),
    ),
    "idp-end": Case(
        f"{PLAN}/end/",
        "Record that the duty to maintain the IDP has ended",
        "form input[name=ground]",
        needs=frozenset({"given"}),
    ),
    "idp-cease-propose": Case(
        f"{PLAN}/cease/propose/",
        "Propose to stop maintaining the IDP",
        "form input[name=ground]",
        needs=frozenset({"given"}),
    ),
    "idp-cease-propose-errors": Case(
        f"{PLAN}/cease/propose/",
        "Propose to stop maintaining the IDP",
        "#id_ground-error",
        submit,
        True,
        needs=frozenset({"given"}),
    ),
    "idp-cease-withdraw": Case(
        f"{PLAN}/cease/withdraw/",
        "Withdraw the proposal to stop maintaining the IDP",
        "form #id_reasons",
        needs=frozenset({"proposed"}),
    ),
    "idp-cease-decide": Case(
        f"{PLAN}/cease/decide/",
        "Decide to stop maintaining the IDP",
        "form #id_reasons",
        needs=frozenset({"proposed"}),
    ),
    "idp-transfer": Case(
        f"{PLAN}/transfer/",
        "Pass the IDP to the body now responsible",
        "form #id_new_setting",
        needs=frozenset({"given"}),
    ),
    "idp-transfer-errors": Case(
        f"{PLAN}/transfer/",
        "Pass the IDP to the body now responsible",
        "#id_kind-error",
        submit,
        True,
        needs=frozenset({"given"}),
    ),
}

PLAN_PARENT = {
    "parent-idp-plan": Case(
        f"{PLAN}/",
        "Individual development plan: %(name)s",
        f'#plan-reviews a[href="{PLAN}/ask-for-review/"]',
        needs=frozenset({"given"}),
    ),
    "parent-idp-version": Case(
        f"{PLAN}/versions/1/",
        "IDP version %(number)s: %(name)s",
        "#version-given",
        needs=frozenset({"given"}),
    ),
    "parent-idp-request-review": Case(
        f"{PLAN}/ask-for-review/",
        "Ask for a review of the plan",
        "form #id_reason",
        needs=frozenset({"given"}),
    ),
    "parent-idp-request-review-errors": Case(
        f"{PLAN}/ask-for-review/",
        "Ask for a review of the plan",
        "#id_reason-error",
        submit,
        True,
        needs=frozenset({"given"}),
    ),
    "parent-idp-review-requests": Case(
        f"{PLAN}/requests/",
        "Requests for a review",
        ".review-request",
        needs=frozenset({"request"}),
    ),
}


def plan_records(needs, alnco, learner, officer=None):
    """The plan in the state `needs` names, and the values its pages' paths and titles need."""
    authority = learner.home_local_authority
    if "la_draft" in needs:
        idp = idp_data.started_plan(officer, idp_data.la_idp_due_case(learner, authority))
        return {"idp_id": idp.pk}
    case = idp_data.idp_due_case(alnco, learner)
    data = {"case_id": case.pk, "reference": case.reference}
    if needs == {"idp_due"}:
        return data
    outcome = idp_data.VAGUE_OUTCOME["en"] if "vague_draft" in needs else None
    idp = idp_data.started_plan(alnco, case, outcome=outcome)
    draft = draft_of(idp=idp)
    data.update(
        idp_id=idp.pk, need_id=draft.needs.get().pk, element_id=draft.elements.get().pk, number=1
    )
    if needs & {"draft", "vague_draft"}:
        return data
    idp = idp_data.give(alnco, idp, idp_data.days_ago(30))
    if needs & {"revised", "revision_draft"}:
        idp = idp_data.revise(alnco, idp, "Phonics in a small group of three, every day.")
        if "revised" in needs:
            idp_data.give(alnco, idp, idp_data.days_ago(1))
    if "review" in needs:
        review = idp_data.record_review(alnco, idp)
        data.update(review_id=review.pk, date=review.held_on)
    if "request" in needs:
        data["request_id"] = idp_data.request_review(alnco, idp).pk
    if "proposed" in needs:
        idp_data.propose_to_cease(alnco, idp)
    return data


@pytest.fixture
def plan_school(authority, settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path
    idp_data.add_terms(authority)
    return SettingFactory(
        local_authority=authority,
        name_en="Every Page Primary School",
        name_cy="Ysgol Gynradd Pob Tudalen",
    )


@pytest.mark.parametrize(("name", "language"), params(PLAN_STAFF))
def test_plan_page(
    name,
    language,
    live_server,
    authority,
    plan_school,
    browser_context,
    page_for,
    assert_accessible,
):
    """The ALNCo (or, for section 2D, the LA ALN officer) writing and maintaining the plan."""
    case = PLAN_STAFF[name]
    language_code = LANGUAGES[language][0]
    alnco = idp_data.person("alnco", language, "Gwen Parry", setting=plan_school)
    officer = idp_data.person("la_aln_officer", language, "Owain Price", local_authority=authority)
    learner = idp_data.pupil(plan_school, "Nia", "Bowen")
    with idp_data.quick_pdfs():
        records = plan_records(case.needs, alnco, learner, officer)
    sign_in(browser_context, live_server, officer if "la_draft" in case.needs else alnco)
    choose_language(browser_context, live_server, language_code)
    data = {"learner": learner.full_name, **records}
    check_page(
        page_for(case), live_server, case, language, data, assert_accessible, f"{name} ({language})"
    )


@pytest.mark.parametrize(("name", "language"), params(PLAN_PARENT))
def test_parent_plan_page(
    name, language, live_server, plan_school, browser_context, page_for, assert_accessible
):
    """A parent reads their child's plan and asks for a review of it."""
    case = PLAN_PARENT[name]
    language_code = LANGUAGES[language][0]
    alnco = idp_data.person("alnco", "en", "Gwen Parry", setting=plan_school)
    parent = idp_data.person("parent", language, "Rhian Bowen")
    learner = idp_data.pupil(plan_school, "Nia", "Bowen", parent_user=parent)
    with idp_data.quick_pdfs():
        records = plan_records(case.needs, alnco, learner)
    sign_in(browser_context, live_server, parent)
    choose_language(browser_context, live_server, language_code)
    data = {"learner": learner.full_name, **records}
    page = page_for(case)
    check_page(page, live_server, case, language, data, assert_accessible, f"{name} ({language})")
    assert page.locator("#plan-actions").count() == 0  # nothing a parent may change


# Disagreements (issue 6) -------------------------------------------------------------------------
# Each page is opened on records in the state it is for: `needs` names that state
# (dispute_records). An LA ALN officer of the learner's LA opens the staff pages; a parent of the
# learner opens the family's. The records are built through the services (tests/browser/
# dispute_data.py), their letters not drawn.

REQUEST = "/disputes/requests/{la_request_id}"
APPEAL = "/disputes/appeals/{appeal_id}"
ORDER = "/disputes/orders/{order_id}"
LOG = "/disputes/learners/{learner_id}"


def fill_details_and_submit(page):
    """Ask on the s.32 route (reconsider the decision to cease), with the details filled."""
    page.locator('main input[name="route"][value="reconsider_ceasing"]').check(force=True)
    page.locator("#id_details").fill("We do not think Nia is ready to manage without the plan.")
    submit(page)


def pages(table):
    """Cases from {(path, title): {name: (what shows, needs) or (what shows, needs, act)}}: one
    page opened on records in each state `needs` names. A state with an `act` is the page's form
    sent with a problem, so it shows the error summary."""
    return {
        name: Case(path, title, shows, *act, errors=bool(act), needs=frozenset(needs))
        for (path, title), states in table.items()
        for name, (shows, needs, *act) in states.items()
    }


LOG_TITLE = "Disagreements: %(name)s"
REQUEST_TITLE = "Request to the local authority"
APPEAL_TITLE = "Appeal to the Education Tribunal for Wales"

DISPUTE_STAFF = pages(
    {
        (f"{LOG}/", LOG_TITLE): {
            "dispute-log": ("main .log-entry--appeal", {"everything"}),
            "dispute-log-empty": ("#no-entries", ()),
        },
        ("/disputes/", "Disagreements and appeals"): {
            "dispute-dashboard-empty": ("#requests-heading", ()),
            "dispute-dashboard": ("main table.govuk-table tbody tr", {"everything"}),
        },
        (f"{REQUEST}/", REQUEST_TITLE): {
            "dispute-request-open": ("#request-actions a[href$='/invite/']", {"s26"}),
            "dispute-request-invited": (
                "#request-actions a[href$='/representations/']",
                {"s26", "invited"},
            ),
            "dispute-request-decided": ("#request-notice", {"s27", "decided"}),
            "dispute-request-exception": (
                "#request-actions a[href$='/exception-notice/']",
                {"s26", "exception"},
            ),
            "dispute-request-withdrawn": ("main .govuk-tag--grey", {"s26", "withdrawn"}),
        },
        (f"{LOG}/requests/new/", "Record a request to the local authority"): {
            "dispute-request-new": ("form #id_requester_name", {"no_aln"}),
            "dispute-request-new-errors": ("#id_details-error", {"no_aln"}, submit),
        },
        (f"{REQUEST}/invite/", "Invite representations"): {
            "dispute-request-invite": ("form #id_invited_on_0", {"s26"}),
            "dispute-request-invite-errors": (
                "#id_invited_on-error",
                {"s26"},
                clear_date_and_submit,
            ),
        },
        (f"{REQUEST}/representations/", "Representations"): {
            "dispute-request-representations": ("form #id_representations", {"s26", "invited"}),
        },
        (f"{REQUEST}/exception/", "Record that the duty to reconsider does not apply"): {
            "dispute-request-exception-form": ("form input[name=exception]", {"s26"}),
            "dispute-request-exception-form-errors": ("#id_exception-error", {"s26"}, submit),
        },
        (f"{REQUEST}/withdraw/", "Withdraw the request"): {
            "dispute-request-withdraw": ("form #id_reasons", {"s26"}),
        },
        (f"{REQUEST}/decide/", "Record the local authority's decision"): {
            "dispute-decide-s26": ("form input[name=has_aln]", {"s26"}),
            "dispute-decide-s26-errors": ("#id_outcome-error", {"s26"}, submit),
            "dispute-decide-s27": ("form input[value=no_revision]", {"s27"}),
            "dispute-decide-s28": ("form input[value=taken_over]", {"s28"}),
            "dispute-decide-s32": ("form input[value=ceasing_reversed]", {"s32"}),
        },
        (f"{REQUEST}/exception-notice/", "Give the letter with the reasons"): {
            "dispute-exception-notice": ("form input[name=method]", {"s26", "exception"}),
        },
        (f"{LOG}/appeals/new/", "Which decision is the appeal against?"): {
            "dispute-appeal-new-choose": ("form input[name=notice]", {"la_decision"}),
        },
        (f"{LOG}/appeals/new/?notice={{notice_id}}", "Record an appeal to the Tribunal"): {
            "dispute-appeal-new": ("form input[name=appellant]", {"la_decision"}),
            "dispute-appeal-new-errors": ("#id_appellant-error", {"la_decision"}, submit),
        },
        (f"{APPEAL}/", APPEAL_TITLE): {
            "dispute-appeal-lodged": ("#appeal-actions a[href$='/register/']", {"appeal"}),
            "dispute-appeal-late": (
                "#appeal-actions a[href$='/late-permission/']",
                {"late_appeal"},
            ),
            "dispute-appeal-registered": ("#appeal-actions a[href$='/hearing/']", {"registered"}),
            "dispute-appeal-hearing-listed": ("#appeal-actions a[href$='/decision/']", {"hearing"}),
            "dispute-appeal-decided": ("#appeal-orders", {"order"}),
            "dispute-appeal-closed": ("#appeal-decision", {"closed"}),
            "dispute-appeal-withdrawn": ("#appeal-stage .govuk-tag", {"withdrawn_appeal"}),
        },
        (f"{APPEAL}/late-permission/", "Record the Tribunal's answer on the late appeal"): {
            "dispute-appeal-late-permission": ("form input[name=answer]", {"late_appeal"}),
        },
        (f"{APPEAL}/register/", "Record that the Tribunal registered the appeal"): {
            "dispute-appeal-register": ("form #id_case_statement_due_on_0", {"appeal"}),
            "dispute-appeal-register-errors": (
                "#id_case_statement_due_on-error",
                {"appeal"},
                submit,
            ),
        },
        (f"{APPEAL}/hearing/", "Record the hearing date"): {
            "dispute-appeal-hearing": ("form #id_hearing_on_0", {"registered"}),
        },
        (f"{APPEAL}/decision/", "Record the Tribunal's decision"): {
            "dispute-appeal-decide": ("form input[name=decision]", {"hearing"}),
            "dispute-appeal-decide-errors": ("#id_decision-error", {"hearing"}, submit),
        },
        (f"{APPEAL}/review-application/", "Record an application for a review of the decision"): {
            "dispute-appeal-review": ("form #id_review_applied_on_0", {"order"}),
        },
        (f"{APPEAL}/close/", "Close the appeal"): {
            "dispute-appeal-close": ("form #id_closed_on_0", {"order"}),
        },
        (f"{APPEAL}/withdraw/", "Record that the appeal was withdrawn"): {
            "dispute-appeal-withdraw": ("form #id_withdrawn_on_0", {"appeal"}),
        },
        (f"{APPEAL}/orders/new/", "Record an order the Tribunal made"): {
            "dispute-order-new": ("form input[name=kind]", {"order"}),
            "dispute-order-new-errors": ("#id_kind-error", {"order"}, submit),
        },
        (f"{ORDER}/", "Tribunal order"): {
            "dispute-order": ("main .govuk-summary-list", {"order"}),
        },
        (f"{ORDER}/assign/", "Choose who makes sure the order is complied with"): {
            "dispute-order-assign": ("form #id_owner", {"order"}),
        },
        (f"{ORDER}/complete/", "Record that the order was complied with"): {
            "dispute-order-complete": ("form #id_completed_on_0", {"order"}),
        },
        (f"{LOG}/referrals/new/", "Record a referral to disagreement resolution or advocacy"): {
            "dispute-referral-new": ("form input[name=provider]", {"la_decision"}),
            "dispute-referral-new-errors": ("#id_kind-error", {"la_decision"}, submit),
        },
        ("/disputes/referrals/{referral_id}/outcome/", "Record how the referral ended"): {
            "dispute-referral-outcome": ("form input[name=outcome]", {"everything"}),
        },
        (f"{LOG}/capacity/new/", "Record a view on the child's capacity"): {
            "dispute-capacity-new": ("form input[name=assessor]", ()),
            "dispute-capacity-new-errors": ("#id_assessor-error", (), submit),
        },
        ("/disputes/capacity/{capacity_id}/", "View on capacity: %(whose)s"): {
            "dispute-capacity": ("main .govuk-summary-list", {"everything"}),
        },
        (f"{LOG}/acting-for/new/", "Record a case friend or representative"): {
            "dispute-acting-for-new": ("form #id_name", ()),
            "dispute-acting-for-new-errors": ("#id_kind-error", (), submit),
        },
        ("/disputes/acting-for/{acting_for_id}/end/", "Record that they stopped acting"): {
            "dispute-acting-for-end": ("form #id_reasons", {"everything"}),
        },
    }
)

DISPUTE_PARENT = pages(
    {
        (f"{LOG}/", LOG_TITLE): {
            "parent-dispute-log": ("#rights", {"everything"}),
        },
        (f"{REQUEST}/", REQUEST_TITLE): {
            "parent-dispute-request": ("main .govuk-tag--yellow", {"s26"}),
        },
        (f"{LOG}/requests/new/", "Ask the local authority to reconsider"): {
            "parent-dispute-request-new": ("form #id_details", {"no_aln"}),
            "parent-dispute-request-new-window-closed": (
                "#id_route-error",
                {"s32_late"},
                fill_details_and_submit,
            ),
        },
        (f"{APPEAL}/", APPEAL_TITLE): {
            "parent-dispute-appeal": ("#review-last-day", {"order"}),
        },
    }
)


DISPUTE_ROUTES = {
    "s26": Route.RECONSIDER_ALN,
    "s27": Route.RECONSIDER_IDP,
    "s28": Route.TAKE_OVER_IDP,
    "s32": Route.RECONSIDER_CEASING,
    "everything": Route.RECONSIDER_ALN,
}
APPEAL_STATES = frozenset(
    {"appeal", "late_appeal", "registered", "hearing", "order", "closed", "withdrawn_appeal"}
)


def dispute_case(needs, alnco, learner):
    """The school's decision or plan the request in `needs` is about."""
    if needs & {"s26", "no_aln", "everything"}:
        return dispute_data.school_no_aln_case(alnco, learner)
    if needs & {"s27", "s28"}:
        return dispute_data.school_plan(alnco, learner).case
    if "s32" in needs:
        return dispute_data.ceased_plan(alnco, learner).case
    if "s32_late" in needs:
        return dispute_data.ceased_plan(alnco, learner, decided_days_ago=35).case
    return None


def dispute_request(needs, officer, case):
    """A request on the route `needs` names, moved on as far as `needs` says."""
    route = next(DISPUTE_ROUTES[name] for name in DISPUTE_ROUTES if name in needs)
    la_request = dispute_data.request(officer, case, route)
    moves = {
        "invited": dispute_data.invited,
        "decided": lambda actor, item: dispute_data.decided(actor, item, LaOutcome.NO_REVISION),
        "exception": dispute_data.with_exception,
        "withdrawn": dispute_data.withdrawn,
    }
    for name, move in moves.items():
        if name in needs:
            la_request = move(officer, la_request)
    return la_request


def dispute_appeal(needs, officer, learner):
    """The LA's decision, and an appeal against it at the stage `needs` names."""
    authority = learner.home_local_authority
    dispute_data.resolution_provider(authority)
    dispute_data.advocacy_provider(authority)
    la_case, notice = dispute_data.la_decision(learner, 90 if "late_appeal" in needs else 20)
    data = {"notice_id": notice.pk}
    if not needs & (APPEAL_STATES | {"everything"}):
        return data
    appeal = dispute_data.appeal(officer, la_case, notice)
    if "registered" in needs:
        appeal = dispute_data.registered(officer, appeal)
    if "hearing" in needs:
        appeal = dispute_data.hearing_listed(officer, appeal)
    if needs & {"order", "everything"}:
        appeal = dispute_data.allowed(officer, appeal)
        data["order_id"] = dispute_data.order(officer, appeal).pk
    if "closed" in needs:
        appeal = dispute_data.closed(officer, appeal)
    if "withdrawn_appeal" in needs:
        appeal = dispute_data.withdrawn_appeal(officer, appeal)
    data["appeal_id"] = appeal.pk
    return data


def dispute_records(needs, alnco, officer, learner):
    """The records in the state `needs` names, and the values their pages need."""
    data = {}
    case = dispute_case(needs, alnco, learner)
    if needs & DISPUTE_ROUTES.keys():
        data["la_request_id"] = dispute_request(needs, officer, case).pk
    if needs & (APPEAL_STATES | {"la_decision", "everything"}):
        data.update(dispute_appeal(needs, officer, learner))
    if "everything" in needs:
        authority = learner.home_local_authority
        provider = authority.support_providers.get(kind="disagreement_resolution")
        data["referral_id"] = dispute_data.referral(officer, learner, provider).pk
        data["capacity_id"] = dispute_data.capacity_view(officer, learner).pk
        data["whose"] = CAPACITY_ASSESSOR_LABELS[CapacityAssessor.LOCAL_AUTHORITY]
        data["acting_for_id"] = dispute_data.case_friend(officer, learner).pk
    return data


@pytest.mark.parametrize(("name", "language"), params(DISPUTE_STAFF))
def test_dispute_page(
    name,
    language,
    live_server,
    authority,
    plan_school,
    browser_context,
    page_for,
    assert_accessible,
):
    """An LA ALN officer recording and answering disagreements."""
    case = DISPUTE_STAFF[name]
    language_code = LANGUAGES[language][0]
    alnco = idp_data.person("alnco", "en", "Gwen Parry", setting=plan_school)
    officer = idp_data.person("la_aln_officer", language, "Owain Price", local_authority=authority)
    learner = idp_data.pupil(plan_school, "Nia", "Bowen")
    with idp_data.quick_pdfs():
        records = dispute_records(case.needs, alnco, officer, learner)
    sign_in(browser_context, live_server, officer)
    choose_language(browser_context, live_server, language_code)
    data = {"learner_id": learner.pk, "learner": learner.full_name, **records}
    check_page(
        page_for(case), live_server, case, language, data, assert_accessible, f"{name} ({language})"
    )


@pytest.mark.parametrize(("name", "language"), params(DISPUTE_PARENT))
def test_parent_dispute_page(
    name,
    language,
    live_server,
    authority,
    plan_school,
    browser_context,
    page_for,
    assert_accessible,
):
    """A parent asks the LA, and follows their child's requests and appeals."""
    case = DISPUTE_PARENT[name]
    language_code = LANGUAGES[language][0]
    alnco = idp_data.person("alnco", "en", "Gwen Parry", setting=plan_school)
    officer = idp_data.person("la_aln_officer", "en", "Owain Price", local_authority=authority)
    parent = idp_data.person("parent", language, "Rhian Bowen")
    learner = idp_data.pupil(plan_school, "Nia", "Bowen", parent_user=parent)
    with idp_data.quick_pdfs():
        records = dispute_records(case.needs, alnco, officer, learner)
    sign_in(browser_context, live_server, parent)
    choose_language(browser_context, live_server, language_code)
    data = {"learner_id": learner.pk, "learner": learner.full_name, **records}
    page = page_for(case)
    check_page(page, live_server, case, language, data, assert_accessible, f"{name} ({language})")
    assert page.locator('main a[href*="/decide/"], main a[href*="/register/"]').count() == 0


# The LA's data protection officer (issue 7) ------------------------------------------------------
# The audit trail of their authority: the search (with results, paginated, with nothing found,
# with a mistake in a date), one event with its changes, and their home page. The records past
# their retention period ("past_retention": a learner of the authority born in 1990), erasing
# them, and the authority's retention periods.

MANY_EVENTS = 60  # more than the 50 a page of the audit trail shows
RETENTION = "/data-protection/retention"
ERASE_TITLE = "Erase records past their retention period"


def tick_a_learner_and_submit(page):
    """Tick the first learner, give no reason and do not type the word, then submit."""
    page.locator('main input[name="learners"]').first.check(force=True)
    submit(page)


def clear_years_and_submit(page):
    """Leave the first retention period empty, then submit."""
    page.locator("main form input.govuk-input").first.fill("")
    submit(page)


DPO = {
    "dpo-home": Case("/", "Home", "#data-protection-tasks a"),
    "audit": Case("/audit/", "Audit trail", "main #audit-events tbody tr"),
    "audit-page-2": Case(
        "/audit/?page=2",
        "Audit trail",
        "nav.govuk-pagination .govuk-pagination__prev",
        needs=frozenset({"many_events"}),
    ),
    "audit-no-results": Case("/audit/?who=Zzyzx", "Audit trail", "#no-events"),
    "audit-invalid-date": Case(
        "/audit/?from_date_0=31&from_date_1=2&from_date_2=2026",
        "Audit trail",
        "#id_from_date-error",
        errors=True,
    ),
    "audit-event": Case("/audit/{event_id}/", "Event %(number)s", "main #event-changes"),
    "retention": Case(
        f"{RETENTION}/",
        "Records past their retention period",
        "main #candidates tbody tr",
        needs=frozenset({"past_retention"}),
    ),
    "retention-none": Case(f"{RETENTION}/", "Records past their retention period", "main #none"),
    "retention-review": Case(
        f"{RETENTION}/review/",
        ERASE_TITLE,
        "main form .govuk-checkboxes",
        needs=frozenset({"past_retention"}),
    ),
    "retention-review-errors": Case(
        f"{RETENTION}/review/",
        ERASE_TITLE,
        "#id_reason-error",
        tick_a_learner_and_submit,
        True,
        needs=frozenset({"past_retention"}),
    ),
    "retention-settings": Case(
        f"{RETENTION}/settings/", "Retention periods", "main form input#id_years__learner_file"
    ),
    "retention-settings-errors": Case(
        f"{RETENTION}/settings/",
        "Retention periods",
        "#id_years__learner_file-error",
        clear_years_and_submit,
        True,
    ),
    "retention-settings-saved": Case(
        f"{RETENTION}/settings/",
        "Retention periods",
        "main form input#id_years__learner_file",
        submit,
        banner=True,
    ),
}


@pytest.mark.parametrize(("name", "language"), params(DPO))
def test_data_protection_officer_page(
    name, language, live_server, authority, school, browser_context, page_for, assert_accessible
):
    """The DPO searches the authority's audit trail; they see no learner's records."""
    case = DPO[name]
    language_code = LANGUAGES[language][0]
    dpo = MembershipFactory(
        role="data_protection_officer",
        local_authority=authority,
        user__full_name="Llinos Thomas",
        user__preferred_language=language_code,
    ).user
    officer = MembershipFactory(
        role="la_aln_officer", local_authority=authority, user__full_name="Owain Price"
    ).user
    learner = known_learner(school)
    if "past_retention" in case.needs:
        LearnerFactory(
            first_name="Eira",
            last_name="Hughes",
            date_of_birth=datetime.date(1990, 3, 14),
            home_local_authority=authority,
        )
    for _ in range(MANY_EVENTS if "many_events" in case.needs else 1):
        audit_record(
            actor=officer,
            event_type="learner.viewed",
            subject=learner,
            local_authority_id=authority.pk,
            reason="la_responsible",
        )
    decided = audit_record(
        actor=officer,
        event_type="case.decided",
        subject=CaseFactory(learner=learner, local_authority=authority, setting=school),
        local_authority_id=authority.pk,
        changes={"stage": ["deciding", "closed"], "outcome": [None, "has_aln"]},
        reason="Advice from the educational psychologist",
    )
    sign_in(browser_context, live_server, dpo)
    choose_language(browser_context, live_server, language_code)
    data = {
        "learner_id": learner.pk,
        "learner": learner.full_name,
        "event_id": decided.pk,
        "number": decided.pk,
    }
    page = page_for(case)
    check_page(page, live_server, case, language, data, assert_accessible, f"{name} ({language})")
    assert page.locator('.govuk-service-navigation a[href="/learners/"]').count() == 0


# A learner's subject access export (issue 7) -----------------------------------------------------
# An LA ALN officer of the authority the learner lives in: what the archive holds, and its button.

LA_OFFICER = {
    "subject-access": Case(
        "/learners/{learner_id}/subject-access/",
        "Download everything held about %(name)s",
        "main #sections li",
    ),
}


@pytest.mark.parametrize(("name", "language"), params(LA_OFFICER))
def test_la_aln_officer_page(
    name, language, live_server, authority, school, browser_context, page_for, assert_accessible
):
    case = LA_OFFICER[name]
    language_code = LANGUAGES[language][0]
    officer = MembershipFactory(
        role="la_aln_officer",
        local_authority=authority,
        user__full_name="Owain Price",
        user__preferred_language=language_code,
    ).user
    learner = known_learner(school)
    sign_in(browser_context, live_server, officer)
    choose_language(browser_context, live_server, language_code)
    data = {"learner_id": learner.pk, "learner": learner.full_name}
    page = page_for(case)
    check_page(page, live_server, case, language, data, assert_accessible, f"{name} ({language})")
    assert page.locator("main form button#create-archive").is_visible()


# Two-step sign-in (issue 7) ----------------------------------------------------------------------
# A parent (who may turn it on and off), in the state `needs` names: "app" they have set up an
# authenticator app (through the service, as the set-up page does) and so owe its code after
# their password; "given" they have given it; "new_codes" they have just set it up, so their
# recovery codes are shown once. "required": instead a member of staff, without an app, while
# two-step sign-in is required (MFA_REQUIRED), sent to set it up.

SET_UP_PATH = "/account/two-step/set-up/"
CODE_TITLE = "Enter the code from your authenticator app"
GIVEN = frozenset({"app", "given"})


def enter_a_wrong_code(page):
    page.locator("#id_code").fill("12345")
    submit(page)


TWO_STEP = {
    "two-step-code": Case(
        "/sign-in/code/", CODE_TITLE, "main form input#id_code", needs=frozenset({"app"})
    ),
    "two-step-code-errors": Case(
        "/sign-in/code/",
        CODE_TITLE,
        "#id_code-error",
        enter_a_wrong_code,
        True,
        needs=frozenset({"app"}),
    ),
    "two-step-set-up": Case(SET_UP_PATH, "Set up two-step sign-in", "#two-step-qr-code svg"),
    "two-step-set-up-errors": Case(
        SET_UP_PATH, "Set up two-step sign-in", "#id_code-error", submit, True
    ),
    "two-step-set-up-required": Case(
        SET_UP_PATH, "Set up two-step sign-in", "#two-step-required", needs=frozenset({"required"})
    ),
    "two-step-recovery-codes": Case(
        "/account/two-step/recovery-codes/",
        "Save your recovery codes",
        "#recovery-codes li",
        needs=GIVEN | {"new_codes"},
    ),
    "two-step-new-recovery-codes": Case(
        "/account/two-step/recovery-codes/new/",
        "Get new recovery codes",
        "main form button",
        needs=GIVEN,
    ),
    "two-step-turn-off": Case(
        "/account/two-step/turn-off/",
        "Turn off two-step sign-in",
        "main form button.govuk-button--warning",
        needs=GIVEN,
    ),
    "account-two-step-on": Case(
        "/account/",
        "Your account",
        'main a[href="/account/two-step/recovery-codes/new/"]',
        needs=GIVEN,
    ),
}


def two_step_state(needs, person):
    """Set up `person`'s app as `needs` says; what signing in and giving the code leave in the
    session (the gate itself is worked out when they sign in)."""
    if "app" not in needs:
        return {}
    key = random_hex(20)
    device, codes = two_step_set_up(actor=person, key=key, code=f"{totp(bytes.fromhex(key)):06d}")
    session: dict[str, object] = {}
    if "given" in needs:
        session[SESSION_GATE] = TwoStepGate.OPEN.value
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    if "new_codes" in needs:
        session[SESSION_NEW_CODES] = codes
    return session


def sign_in_with(browser_context, live_server, user, values):
    """`sign_in`, with `values` then saved in the person's session."""
    client = Client()
    client.force_login(user)
    session = client.session
    session.update(values)
    session.save()
    browser_context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize(("name", "language"), params(TWO_STEP))
def test_two_step_page(
    name,
    language,
    live_server,
    authority,
    settings,
    browser_context,
    page_for,
    assert_accessible,
):
    """Setting up two-step sign-in, giving the code, recovery codes and turning it off."""
    case = TWO_STEP[name]
    language_code = LANGUAGES[language][0]
    if "required" in case.needs:
        settings.MFA_REQUIRED = True  # the live server runs in this process: it sees it too
        person = MembershipFactory(
            role="la_aln_officer",
            local_authority=authority,
            user__full_name="Owain Price",
            user__preferred_language=language_code,
        ).user
    else:
        person = MembershipFactory(
            role="parent", user__full_name="Rhian Bowen", user__preferred_language=language_code
        ).user
    sign_in_with(browser_context, live_server, person, two_step_state(case.needs, person))
    choose_language(browser_context, live_server, language_code)
    page = page_for(case)
    check_page(page, live_server, case, language, {}, assert_accessible, f"{name} ({language})")
