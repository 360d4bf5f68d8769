"""From a concern to a decision and its notice, through the real pages in headless Chromium.

One test per path issue 4 names, each in English and in Welsh: the school decides the learner
has ALN; the school decides they do not; the school refers to the LA, which decides; the Early
Years ALN Lead Officer decides for a child under school age; a young person does not agree. In
Welsh the person's saved language is "cy", and the test finds things by id, name and URL and
checks the words against whatever the compiled Welsh catalogue says (the English itself until a
message is translated), so it holds before and after translation.

People are signed in with the session cookie of Django's test client, except the LA officer of
the referral journey, who signs in with the form, to keep the journeys quick. axe-core checks the
concern form, an action form and the case page.
"""

import datetime
import io
import re

import pytest
from django.utils import translation
from pypdf import PdfReader

from aln.cases.models import Case
from aln.common.clock import today
from aln.common.i18n import (
    CASE_ACTION_LABELS,
    CLOSED_BECAUSE_LABELS,
    CONSENT_ANSWER_LABELS,
    STAGE_LABELS,
)
from aln.deadlines.calendars import academic_year_of
from aln.demo.clock import illustrative_terms
from aln.domain.cases import ConsentAnswer
from aln.domain.process import CaseAction, ClosedBecause, Stage
from aln.notices.models import Notice
from aln.notices.rendering import date_in_words
from tests.browser.conftest import sign_in
from tests.factories import (
    CalendarTermFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = [pytest.mark.browser]

PASSWORD = "correct-horse-battery"  # UserFactory's password
# The language a person saves, and what <html lang> then says.
LANGUAGES = {"en": ("en-gb", "en-GB"), "cy": ("cy", "cy")}
CASE_URL = re.compile(r"/cases/[0-9a-f-]{36}/$")


def words(language, message):
    """`message` as the page shows it in `language` (Welsh: the compiled catalogue's text)."""
    with translation.override(LANGUAGES[language][0]):
        return str(translation.gettext(message) if isinstance(message, str) else message)


def born(years, days=0):
    """A date of birth making the learner `years` old today (and `days` more)."""
    now = today()
    return now.replace(year=now.year - years, day=min(now.day, 28)) - datetime.timedelta(days=days)


# Data ------------------------------------------------------------------------------------------


@pytest.fixture
def authority(transactional_db):
    """An LA whose term dates cover today, so every decision deadline has a date."""
    authority = LocalAuthorityFactory(code="996", name_en="Journey County", name_cy="Sir y Daith")
    year = academic_year_of(today())
    for start_year in (year - 1, year, year + 1):
        for starts_on, ends_on in illustrative_terms(start_year):
            CalendarTermFactory(local_authority=authority, starts_on=starts_on, ends_on=ends_on)
    return authority


@pytest.fixture
def school(authority):
    return SettingFactory(
        local_authority=authority,
        name_en="Journey Primary School",
        name_cy="Ysgol Gynradd y Daith",
        language_medium="welsh",
    )


def staff(role, language, **organisation):
    return MembershipFactory(
        role=role,
        user__preferred_language=LANGUAGES[language][0],
        user__full_name=f"{role.replace('_', ' ').title()} Person",
        **organisation,
    ).user


def pupil(school, first_name="Cerys", last_name="Pritchard"):
    """A nine-year-old at the school with a mother who has parental responsibility."""
    learner = EnrolmentFactory(
        setting=school,
        learner__first_name=first_name,
        learner__last_name=last_name,
        learner__date_of_birth=born(9, days=120),
        learner__home_local_authority=school.local_authority,
        started_on=born(4),
    ).learner
    FamilyLinkFactory(learner=learner, family_member__full_name=f"Rhian {last_name}")
    return learner


# Browser steps ---------------------------------------------------------------------------------


def sign_in_with_form(page, live_server, user):
    page.goto(live_server.url + "/sign-in/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    submit(page)


def submit(page):
    """Press the page's own form button (not the header's "Sign out") and wait for the answer."""
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


def choose(page, name, value):
    page.locator(f'main input[name="{name}"][value="{value}"]').check(force=True)


def fill_date(page, name, day):
    for part, value in enumerate((day.day, day.month, day.year)):
        page.locator(f"#id_{name}_{part}").fill(str(value))


def assert_in(page, language):
    assert page.locator("html").get_attribute("lang") == LANGUAGES[language][1]


def record_concern(
    page, live_server, learner, language, *, raised_by, concern, on_form=None, **extra
):
    """From the learner's page to the new case's page. `on_form(page)` runs on the form."""
    page.goto(f"{live_server.url}/learners/{learner.pk}/")
    with page.expect_navigation():
        page.locator("#raise-concern").click()
    assert page.url.endswith(f"/cases/new/{learner.pk}/")
    assert_in(page, language)
    assert page.locator("h1").inner_text() == words(language, "Record a concern")
    if on_form:
        on_form(page)
    choose(page, "raised_by", raised_by)
    page.locator("#id_concern").fill(concern)
    for name, value in extra.items():
        choose(page, name, value)
    submit(page)
    assert CASE_URL.search(page.url), page.url
    assert_in(page, language)
    return Case.objects.get(pk=page.url.rstrip("/").rsplit("/", 1)[-1])


def open_action(page, language, action):
    """Follow the case page's link for `action` (it is offered only when the table allows it)."""
    slug = action.value.replace("_", "-")
    with page.expect_navigation():
        page.locator(f'#case-actions a[href$="/{slug}/"]').click()
    assert_in(page, language)
    assert page.locator("h1").inner_text() == words(language, CASE_ACTION_LABELS[action])


def offered(page):
    """The actions the case page offers, as their URL endings."""
    return [
        href.rstrip("/").rsplit("/", 1)[-1]
        for href in page.locator("#case-actions a").evaluate_all("links => links.map(a => a.href)")
    ]


def add_evidence(
    page, language, description="Small-group reading programme, 3 times a week.", on_form=None
):
    open_action(page, language, CaseAction.ADD_EVIDENCE)
    if on_form:
        on_form(page)
    choose(page, "kind", "targeted")
    page.locator("#id_description").fill(description)
    fill_date(page, "started_on", today() - datetime.timedelta(days=120))
    page.locator("#id_provided_by").fill("Teaching assistant")
    page.locator("#id_progress").fill("Some progress with phonics; reading age unchanged.")
    submit(page)
    assert description in page.locator("#evidence").inner_text()


def record_views(page, language, whose="parent"):
    open_action(page, language, CaseAction.RECORD_VIEWS)
    choose(page, "whose", whose)
    page.locator("#id_important_to").fill("Keeping friends at school and learning through Welsh.")
    submit(page)
    assert "learning through Welsh" in page.locator("#views").inner_text()


def decide(page, language, outcome, reasons, **extra):
    open_action(page, language, CaseAction.DECIDE)
    choose(page, "outcome", outcome)
    for name, value in extra.items():
        choose(page, name, value)
    page.locator("#id_reasons").fill(reasons)
    submit(page)
    assert reasons in page.locator("#decision").inner_text()


def give_notice(page, language, method="post"):
    """The notice is written in the language of the test (English or Welsh)."""
    open_action(page, language, CaseAction.GIVE_NOTICE)
    choose(page, "language", "cy" if language == "cy" else "en")
    choose(page, "method", method)
    submit(page)


def assert_stage(page, language, stage, closed_because=None):
    assert page.locator("#case-stage").inner_text() == words(language, STAGE_LABELS[stage])
    if closed_because is not None:
        why = words(language, CLOSED_BECAUSE_LABELS[closed_because])
        assert why in page.locator("main").inner_text()
        assert page.locator("#case-actions").count() == 0  # nothing left to do


def download_notice(page, language):
    """The case page's notice link gives the stored PDF; returns its text."""
    link = page.locator("#notices a")
    assert link.count() == 1
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(body)).pages)
    return " ".join(text.split())


# Journeys --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_alnco_school_decides_the_learner_has_aln_and_gives_the_notice(
    language, live_server, school, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco = staff("alnco", language, setting=school)
    learner = pupil(school)
    sign_in(browser_context, live_server, alnco)

    case = record_concern(
        page,
        live_server,
        learner,
        language,
        raised_by="parent",
        concern="Reading and spelling are well behind the class despite good spoken Welsh.",
        on_form=lambda form: assert_accessible(form, f"the concern form ({language})"),
    )
    assert case.deciding_body == "school"
    assert_stage(page, language, Stage.GATHERING)
    add_evidence(
        page,
        language,
        on_form=lambda form: assert_accessible(form, f"the add evidence form ({language})"),
    )
    record_views(page, language)
    decide(page, language, "has_aln", "Dyslexia that calls for additional learning provision.")
    assert_stage(page, language, Stage.NOTICE_DUE)
    give_notice(page, language, method="email")

    assert_stage(page, language, Stage.IDP_DUE)
    assert_accessible(page, f"the case page with a notice ({language})")
    text = download_notice(page, language)
    assert learner.full_name in text
    assert "Dyslexia that calls for additional learning provision." in text
    notice = Notice.objects.get(case=case)
    assert (notice.kind, notice.language, notice.method) == ("has_aln", language, "email")
    assert notice.appeal_last_day is None  # a school's decision: the LA reconsiders it
    case.refresh_from_db()
    assert case.idp_due_on is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_alnco_school_decides_the_learner_does_not_have_aln_and_the_case_closes(
    language, live_server, school, browser_context, browser_page
):
    page = browser_page
    sign_in(browser_context, live_server, staff("alnco", language, setting=school))
    learner = pupil(school, "Dafydd", "Hughes")
    case = record_concern(
        page,
        live_server,
        learner,
        language,
        raised_by="teacher",
        concern="Handwriting is slow and written work is often unfinished.",
    )
    add_evidence(page, language, "Touch-typing programme and a laptop for long answers.")
    decide(page, language, "no_aln", "Needs met by the adapted teaching every pupil may have.")
    give_notice(page, language)

    assert_stage(page, language, Stage.CLOSED, ClosedBecause.NOTICE_GIVEN)
    assert "Needs met by the adapted teaching" in download_notice(page, language)
    case.refresh_from_db()
    assert (case.stage, case.closed_on) == ("closed", today())
    assert not case.deadlines.filter(state="open").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_alnco_refers_to_the_la_whose_officer_decides_and_gives_the_notice_with_appeal_date(
    language, live_server, authority, school, browser_context, browser_page
):
    page = browser_page
    sign_in(browser_context, live_server, staff("alnco", language, setting=school))
    officer = staff("la_aln_officer", language, local_authority=authority)
    learner = pupil(school, "Efa", "Morgan")
    case = record_concern(
        page,
        live_server,
        learner,
        language,
        raised_by="alnco",
        concern="Moderate hearing loss confirmed by audiology; misses instructions in class.",
    )
    add_evidence(page, language, "Seated near the teacher; instructions written on the board.")
    open_action(page, language, CaseAction.REFER_TO_LA)
    choose(page, "grounds", "not_reasonable_to_secure")
    page.locator("#id_summary").fill("Likely to need a radio aid and a teacher of the deaf.")
    submit(page)
    assert "radio aid" in page.locator("#referral").inner_text()
    assert "decide" not in offered(page)  # the school now contributes; the LA decides
    assert case.deadlines.filter(rule_id="la-decision", state="open").exists()

    browser_context.clear_cookies()
    sign_in_with_form(page, live_server, officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert_in(page, language)
    decide(
        page,
        language,
        "has_aln",
        "Hearing loss that calls for provision the school could not secure.",
        idp_preparer="local_authority",
    )
    give_notice(page, language)

    assert_stage(page, language, Stage.IDP_DUE)
    notice = Notice.objects.get(case=case)
    assert notice.rights == ["appeal_to_tribunal"]
    assert notice.appeal_last_day is not None
    assert notice.appeal_last_day > today()
    text = download_notice(page, language)
    assert date_in_words(notice.appeal_last_day, language) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_early_years_lead_decides_for_a_child_under_school_age_at_a_non_maintained_setting(
    language, live_server, authority, browser_context, browser_page
):
    page = browser_page
    cylch = SettingFactory(
        local_authority=authority,
        kind="non_maintained_early_years",
        name_en="Cylch Meithrin y Daith",
        name_cy="Cylch Meithrin y Daith",
    )
    child = EnrolmentFactory(
        setting=cylch,
        learner__first_name="Begw",
        learner__last_name="Jones",
        learner__date_of_birth=born(3, days=40),
        learner__upn="",
        learner__home_local_authority=authority,
        started_on=today() - datetime.timedelta(days=200),
    ).learner
    FamilyLinkFactory(learner=child, family_member__full_name="Elin Jones")
    lead = staff("early_years_lead", language, local_authority=authority)
    sign_in(browser_context, live_server, lead)

    case = record_concern(
        page,
        live_server,
        child,
        language,
        raised_by="health_body",
        concern="The health visitor reports very few words at the developmental review.",
    )
    assert (case.deciding_body, case.setting_id) == ("local_authority", None)
    assert case.deadlines.filter(rule_id="la-decision", state="open").exists()
    record_views(page, language)
    decide(page, language, "has_aln", "Communication needs calling for a specialist teacher.")
    give_notice(page, language, method="by_hand")

    assert_stage(page, language, Stage.IDP_DUE)
    text = download_notice(page, language)
    assert child.full_name in text
    notice = Notice.objects.get(case=case)
    assert notice.appeal_last_day is not None  # an LA decision: appeal to the Tribunal
    assert date_in_words(notice.appeal_last_day, language) in text


def says_no_they_do_not_agree(page, language):
    """The young person's answer the officer picks is the one the brief names."""
    refused = page.locator('main input[name="consent"][value="refused"]')
    label = page.locator(f'main label[for="{refused.get_attribute("id")}"]')
    assert label.inner_text().strip() == words(
        language, CONSENT_ANSWER_LABELS[ConsentAnswer.REFUSED]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_la_officer_records_that_a_young_person_does_not_agree_and_the_case_closes(
    language, live_server, authority, browser_context, browser_page
):
    page = browser_page
    young_person = LearnerFactory(
        first_name="Guto",
        last_name="Rees",
        date_of_birth=born(19, days=100),
        home_local_authority=authority,
        education_arrangement="not_in_education",
        upn="",
    )
    officer = staff("la_aln_officer", language, local_authority=authority)
    sign_in(browser_context, live_server, officer)

    case = record_concern(
        page,
        live_server,
        young_person,
        language,
        raised_by="other_agency",
        concern="The careers service thinks reading difficulties stop him applying for courses.",
        consent="refused",
        on_form=lambda form: says_no_they_do_not_agree(form, language),
    )

    assert_stage(page, language, Stage.CLOSED, ClosedBecause.NO_CONSENT)
    assert (case.stage, case.closed_because, case.is_young_person) == (
        "closed",
        "no_consent",
        True,
    )
    assert not case.deadlines.exists()  # without agreement no clock ever started
    assert page.locator("#notices").count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_required_field_shows_the_error_summary_and_changes_nothing(
    language, live_server, school, browser_context, browser_page
):
    page = browser_page
    sign_in(browser_context, live_server, staff("alnco", language, setting=school))
    learner = pupil(school, "Tomos", "Price")

    page.goto(f"{live_server.url}/cases/new/{learner.pk}/")
    choose(page, "raised_by", "parent")  # but no concern
    submit(page)
    assert page.url.endswith(f"/cases/new/{learner.pk}/")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.locator('a[href="#id_concern"]').inner_text() == words(
        language, "Enter what the concern is"
    )
    assert page.title().startswith(words(language, "Error:"))
    assert not Case.objects.exists()

    case = record_concern(
        page, live_server, learner, language, raised_by="parent", concern="Slow to read."
    )
    open_action(page, language, CaseAction.DECIDE)
    choose(page, "outcome", "no_aln")  # but no reasons
    submit(page)
    assert page.locator('.govuk-error-summary a[href="#id_reasons"]').inner_text() == words(
        language, "Enter the reasons for the decision"
    )
    assert page.locator("#id_reasons-error").is_visible()
    unchanged = Case.objects.get(pk=case.pk)
    assert (unchanged.stage, unchanged.version, unchanged.outcome) == (
        "gathering",
        case.version,
        "",
    )
