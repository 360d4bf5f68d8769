"""Disagreements through the real pages in headless Chromium, in English and Welsh (issue 6).

One test per journey: a parent asks the LA to reconsider a school's "no ALN" decision (s.26) and
the LA decides the learner has ALN; an s.27 request answered with no revision and a school's
take-over request (s.28) answered with the LA taking the plan over; an s.32 request refused after
its window and one within it answered with the plan continuing; an appeal whose time is extended
by a timely referral to disagreement resolution, through to an order complied with; a view on
capacity and a case friend, who then receives the child's notice. Then the other answers, each
letter read as the family gets it: an s.26 request answered with the school's own decision (the
right of appeal and its last day); an s.27 revision the LA writes and gives for the school to
maintain, and one it takes over; a family's s.28 take-over request refused (appealable); an s.32
request in time answered that the decision to cease stands (appealable).

Records the journey is not about are built through the services (tests/browser/dispute_data.py
and idp_data.py); every page the person visits is checked with axe-core (serious and critical
problems fail), and in Welsh the person's saved language is "cy": each page must say
`<html lang="cy">` and show its heading in Welsh.
"""

import io

import pytest
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader

from aln.cases.models import Case
from aln.common.clock import today
from aln.common.i18n import BODY_LABELS, CASE_ACTION_LABELS, LA_OUTCOME_LABELS, STAGE_LABELS
from aln.disputes.models import Appeal, LaRequest, TribunalOrder
from aln.domain.disagreements import LaOutcome, Route
from aln.domain.process import CaseAction, Stage
from aln.idps.models import Idp
from aln.notices.models import Notice
from aln.notices.rendering import date_in_words
from tests.browser import dispute_data
from tests.browser.conftest import NAVIGATION_TIMEOUT_MS, sign_in
from tests.browser.idp_data import (
    LANGUAGES,
    authority_with_terms,
    days_ago,
    person,
    pupil,
    quick_pdfs,
    school_in,
)

pytestmark = [pytest.mark.browser]

SENT = "Your request has been sent to the local authority. It must answer by %(date)s."
DECIDED = "The decision is recorded and the letter given."
# The heading of the letters' right of appeal (notices/letters/<language>/_rights.html).
RIGHT_TO_APPEAL = {"en": "Your right to appeal", "cy": "Eich hawl i apelio"}


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path


@pytest.fixture
def authority(transactional_db):
    return authority_with_terms(code="994", name_en="Dispute County", name_cy="Sir yr Anghydfod")


@pytest.fixture
def school(authority):
    return school_in(authority, "Dispute Primary School", "Ysgol Gynradd yr Anghydfod")


@pytest.fixture
def people(authority, school):
    """The school's ALNCo, the LA's ALN officer and a parent, all in English to begin with."""
    return {
        "alnco": person("alnco", "en", "Gwen Parry", setting=school),
        "officer": person("la_aln_officer", "en", "Owain Price", local_authority=authority),
        "parent": person("parent", "en", "Rhian Bowen"),
    }


# Words ------------------------------------------------------------------------------------------


def words(language, message, **values):
    """`message` as the page shows it in `language` (Welsh: the compiled catalogue's text)."""
    with translation.override(LANGUAGES[language][0]):
        text = str(translation.gettext(message) if isinstance(message, str) else message)
        return text % values if values else text


def day(language, value):
    with translation.override(LANGUAGES[language][0]):
        return date_format(value, "j F Y")


# Browser steps ----------------------------------------------------------------------------------


def as_person(page, browser_context, live_server, user, language):
    """Sign `user` in with `language` saved as theirs (the pages follow it)."""
    user.preferred_language = LANGUAGES[language][0]
    user.save(update_fields=["preferred_language"])
    browser_context.clear_cookies()
    sign_in(browser_context, live_server, user)


def arrive(page, language, heading, assert_accessible, *, where="main h1"):
    """The page is in the person's language, shows `heading`, and axe finds nothing serious."""
    assert page.locator("html").get_attribute("lang") == LANGUAGES[language][1], page.url
    expected = words(language, heading)
    assert page.locator(where).first.inner_text().strip() == expected, page.url
    if language == "cy":
        assert expected != words("en", heading), f"{heading!r} has no Welsh translation"
    assert_accessible(page, f"{page.url} ({language})")


def go(page, locator):
    with page.expect_navigation(timeout=NAVIGATION_TIMEOUT_MS):
        locator.click(timeout=NAVIGATION_TIMEOUT_MS)


def submit(page):
    """Press the form's own (unnamed) button, not the plan editor's "Check this outcome"."""
    go(page, page.locator("main form[method=post] button[type=submit]:not([name])"))


def link(page, language, text, where="main"):
    go(page, page.locator(where).get_by_role("link", name=words(language, text), exact=True))


def choose(page, name, value):
    page.locator(f'main input[name="{name}"][value="{value}"]').check(force=True)


def fill_date(page, name, value):
    for part, number in enumerate((value.day, value.month, value.year)):
        page.locator(f"#id_{name}_{part}").fill(str(number))


def banner(page):
    return page.locator(".govuk-notification-banner").inner_text()


def open_log(page, live_server, language, learner, assert_accessible):
    page.goto(f"{live_server.url}/disputes/learners/{learner.pk}/")
    arrive(page, language, "Disagreements", assert_accessible)


def open_request(page, live_server, language, la_request, assert_accessible):
    page.goto(f"{live_server.url}/disputes/requests/{la_request.pk}/")
    arrive(page, language, "Request to the local authority", assert_accessible)


def decide(page, language, outcome, assert_accessible, reasons, *, has_aln=None):
    """On a request page: record the LA's answer, its letter in the person's language."""
    link(page, language, "Record the local authority's decision", "#request-actions")
    arrive(page, language, "Record the local authority's decision", assert_accessible)
    choose(page, "outcome", outcome.value)
    if has_aln is not None:
        choose(page, "has_aln", "yes" if has_aln else "no")
        if has_aln:
            choose(page, "directs_school", "no")  # the LA prepares the IDP
    page.locator("#id_reasons").fill(reasons)
    choose(page, "language", language)
    choose(page, "method", "post")
    submit(page)
    arrive(page, language, "Request to the local authority", assert_accessible)
    assert words(language, DECIDED) in banner(page)
    assert page.locator("#request-status").inner_text().strip() == words(language, "Decided")
    assert words(language, LA_OUTCOME_LABELS[outcome]) in page.locator("main").inner_text()


def the_request(page):
    return LaRequest.objects.get(pk=page.url.split("/requests/")[1].split("/")[0])


# 1. A parent asks the LA to reconsider a school's "no ALN" decision (s.26) ----------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_parent_asks_the_la_to_reconsider_and_the_la_decides_the_learner_has_aln(
    language, live_server, school, people, browser_context, browser_page, assert_accessible
):
    page = browser_page
    parent, alnco, officer = people["parent"], people["alnco"], people["officer"]
    learner = pupil(school, "Nia", "Bowen", parent_user=parent)
    with quick_pdfs():
        case = dispute_data.school_no_aln_case(alnco, learner)

    # The parent asks online from the disagreements page.
    as_person(page, browser_context, live_server, parent, language)
    open_log(page, live_server, language, learner, assert_accessible)
    link(page, language, "Ask the local authority to reconsider", "#dispute-actions")
    arrive(page, language, "Ask the local authority to reconsider", assert_accessible)
    choose(page, "route", Route.RECONSIDER_ALN.value)
    page.locator("#id_details").fill(dispute_data.DETAILS)
    submit(page)
    arrive(page, language, "Request to the local authority", assert_accessible)
    la_request = the_request(page)
    assert (la_request.route, la_request.requester, la_request.requested_by_id) == (
        Route.RECONSIDER_ALN,
        "parent",
        parent.pk,
    )
    assert words(language, SENT, date=day(language, la_request.deadline.due_on)) in banner(page)

    # The LA officer invites the school's representations.
    as_person(page, browser_context, live_server, officer, language)
    open_request(page, live_server, language, la_request, assert_accessible)
    link(
        page,
        language,
        "Record that they were told and invited to make representations",
        "#request-actions",
    )
    arrive(page, language, "Invite representations", assert_accessible)
    submit(page)
    arrive(page, language, "Request to the local authority", assert_accessible)
    assert LaRequest.objects.get(pk=la_request.pk).representations_invited_on == today()

    # The ALNCo sends the school's representations.
    as_person(page, browser_context, live_server, alnco, language)
    open_request(page, live_server, language, la_request, assert_accessible)
    link(page, language, "Make or record representations", "#request-actions")
    arrive(page, language, "Representations", assert_accessible)
    representations = "Nia's reading improved with the class's phonics support."
    page.locator("#id_representations").fill(representations)
    submit(page)
    arrive(page, language, "Request to the local authority", assert_accessible)
    assert words(language, "Representations recorded.") in banner(page)
    assert representations in page.locator("main").inner_text()

    # The officer decides the learner has ALN (the LA prepares the IDP) and gives the notice.
    as_person(page, browser_context, live_server, officer, language)
    open_request(page, live_server, language, la_request, assert_accessible)
    decide(
        page,
        language,
        LaOutcome.ALN_DECISION_CHANGED,
        assert_accessible,
        "The speech therapist's report shows Nia needs provision beyond what others get.",
        has_aln=True,
    )
    answered = LaRequest.objects.get(pk=la_request.pk)
    assert answered.status == "decided"
    notice = Notice.objects.get(pk=answered.notice_id)
    assert (notice.kind, notice.language) == ("has_aln", language)
    assert page.locator("#request-notice").is_visible()
    case = Case.objects.get(pk=case.pk)
    assert (case.stage, case.outcome, case.deciding_body) == (
        Stage.IDP_DUE,
        "has_aln",
        "local_authority",
    )

    # The parent sees the outcome on the disagreements page.
    as_person(page, browser_context, live_server, parent, language)
    open_log(page, live_server, language, learner, assert_accessible)
    entries = page.locator(".log-entry--request").inner_text()
    assert words(language, LA_OUTCOME_LABELS[LaOutcome.ALN_DECISION_CHANGED]) in entries
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert words(language, STAGE_LABELS[Stage.IDP_DUE]) in page.locator("main").inner_text()
    assert_accessible(page, f"the case page at IDP due ({language})")


# 2. s.27 with no revision; s.28 taken over ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_s27_request_is_answered_no_revision_and_a_school_take_over_request_taken_over(
    language, live_server, school, people, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco, officer = people["alnco"], people["officer"]
    with quick_pdfs():
        kept = dispute_data.school_plan(alnco, pupil(school, "Nia", "Bowen"))
        s27 = dispute_data.request(officer, kept.case, Route.RECONSIDER_IDP)
        passed = dispute_data.school_plan(alnco, pupil(school, "Dafydd", "Hughes"))

    # s.27: the LA will not revise the plan; its notice starts a new review period.
    as_person(page, browser_context, live_server, officer, language)
    open_request(page, live_server, language, s27, assert_accessible)
    decide(
        page,
        language,
        LaOutcome.NO_REVISION,
        assert_accessible,
        "The plan describes Nia's needs and the provision well.",
    )
    notice = Notice.objects.get(pk=LaRequest.objects.get(pk=s27.pk).notice_id)
    assert notice.kind == "no_revision"
    assert Idp.objects.get(pk=kept.pk).review_period_started_on == today()

    # s.28: the school's ALNCo asks the LA, as the governing body, to take over the plan.
    as_person(page, browser_context, live_server, alnco, language)
    open_log(page, live_server, language, passed.learner, assert_accessible)
    link(page, language, "Ask the local authority to reconsider", "#dispute-actions")
    arrive(page, language, "Ask the local authority to reconsider", assert_accessible)
    choose(page, "route", Route.TAKE_OVER_IDP.value)
    page.locator("#id_details").fill("Dafydd needs a specialist place the school cannot arrange.")
    submit(page)
    arrive(page, language, "Request to the local authority", assert_accessible)
    s28 = the_request(page)
    assert (s28.route, s28.requester) == (Route.TAKE_OVER_IDP, "governing_body")

    as_person(page, browser_context, live_server, officer, language)
    open_request(page, live_server, language, s28, assert_accessible)
    decide(
        page,
        language,
        LaOutcome.TAKEN_OVER,
        assert_accessible,
        "Dafydd's needs call for provision only the local authority can arrange.",
    )
    idp = Idp.objects.select_related("case").get(pk=passed.pk)
    assert idp.case.deciding_body == "local_authority"
    assert idp.case.setting_id is None
    page.goto(f"{live_server.url}/plans/{idp.pk}/")
    assert_accessible(page, f"the plan the LA took over ({language})")
    authority = idp.case.local_authority
    name = authority.name_cy if language == "cy" else authority.name_en
    assert name in page.locator("#plan-summary").inner_text()


# 3. s.32: after the window, and within it ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_s32_request_after_the_window_is_refused_and_one_within_it_continues_the_plan(
    language, live_server, school, people, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco, officer, parent = people["alnco"], people["officer"], people["parent"]
    with quick_pdfs():
        late = dispute_data.ceased_plan(
            alnco, pupil(school, "Nia", "Bowen", parent_user=parent), 35
        )
        recent = dispute_data.ceased_plan(alnco, pupil(school, "Dafydd", "Hughes"))

    # Too late: the form says the day the time to ask ended, and nothing is stored.
    as_person(page, browser_context, live_server, parent, language)
    page.goto(f"{live_server.url}/disputes/learners/{late.learner_id}/requests/new/")
    arrive(page, language, "Ask the local authority to reconsider", assert_accessible)
    closed_on = day(language, late.reconsideration_closes_on)
    ended = words(language, "The time to ask for this ended on %(date)s.", date=closed_on)
    assert ended in page.locator("#route-explanations").inner_text()
    choose(page, "route", Route.RECONSIDER_CEASING.value)
    page.locator("#id_details").fill("We do not think Nia is ready to manage without the plan.")
    submit(page)
    arrive(page, language, "Ask the local authority to reconsider", assert_accessible)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert closed_on in summary
    assert page.title().startswith(words(language, "Error:"))
    assert not LaRequest.objects.filter(learner=late.learner).exists()

    # In time, recorded by the LA from a letter: the decision to cease does not stand.
    as_person(page, browser_context, live_server, officer, language)
    page.goto(f"{live_server.url}/disputes/learners/{recent.learner_id}/requests/new/")
    arrive(page, language, "Record a request to the local authority", assert_accessible)
    choose(page, "route", Route.RECONSIDER_CEASING.value)
    choose(page, "requester", "parent")
    page.locator("#id_requester_name").fill("Siân Hughes")
    page.locator("#id_details").fill("Dafydd still needs the reading programme.")
    submit(page)
    arrive(page, language, "Request to the local authority", assert_accessible)
    decide(
        page,
        language,
        LaOutcome.CEASING_REVERSED,
        assert_accessible,
        "Dafydd's reading has slipped since the programme stopped.",
    )
    idp = Idp.objects.select_related("case").get(pk=recent.pk)
    assert idp.case.stage == Stage.MAINTAINING
    assert idp.ceased_on is None


# 4. An appeal, extended by a referral, through to an order -------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_appeal_extended_by_a_referral_is_decided_and_its_order_complied_with(
    language,
    live_server,
    authority,
    school,
    people,
    browser_context,
    browser_page,
    assert_accessible,
):
    page = browser_page
    officer = people["officer"]
    manager = person("la_aln_manager", language, "Eleri Watkins", local_authority=authority)
    learner = pupil(school, "Nia", "Bowen")
    _, notice = dispute_data.la_decision(learner, given_days_ago=20)
    provider = dispute_data.resolution_provider(authority)

    # A referral to disagreement resolution within the 8 weeks extends the time to appeal.
    as_person(page, browser_context, live_server, officer, language)
    open_log(page, live_server, language, learner, assert_accessible)
    link(
        page,
        language,
        "Record a referral to disagreement resolution or advocacy",
        "#dispute-actions",
    )
    arrive(
        page,
        language,
        "Record a referral to disagreement resolution or advocacy",
        assert_accessible,
    )
    choose(page, "kind", "disagreement_resolution")
    choose(page, "provider", str(provider.pk))
    page.locator("#id_notice").select_option(str(notice.pk))
    fill_date(page, "referred_on", today())
    page.locator("#id_referred_by_name").fill("Owain Price")
    page.locator("#id_about").fill("Whether Nia needs speech and language therapy.")
    submit(page)
    arrive(page, language, "Disagreements", assert_accessible)
    referral = learner.support_referrals.get()
    assert referral.referred_on == today()

    # The appeal: the decision, then its details.
    link(page, language, "Record an appeal to the Tribunal", "#dispute-actions")
    arrive(page, language, "Which decision is the appeal against?", assert_accessible)
    choose(page, "notice", str(notice.pk))
    submit(page)
    arrive(page, language, "Record an appeal to the Tribunal", assert_accessible)
    choose(page, "appellant", "parent")
    page.locator("#id_appellant_name").fill("Rhian Bowen")
    page.locator('main input[name="matters"]').first.check(force=True)
    fill_date(page, "received_on", today())
    page.locator("#id_tribunal_reference").fill("ETW/26/0042")
    submit(page)
    arrive(page, language, "Appeal to the Education Tribunal for Wales", assert_accessible)
    appeal = Appeal.objects.get(learner=learner)
    assert appeal.extended
    assert page.locator("#last-day").inner_text().startswith(day(language, appeal.last_day))
    assert (appeal.last_day - notice.given_on).days >= 16 * 7

    for title, field, value in [
        ("Record that the Tribunal registered the appeal", "case_statement_due_on", days_ago(-21)),
        ("Record the hearing date", "hearing_on", today()),
    ]:
        link(page, language, title, "#appeal-actions")
        arrive(page, language, title, assert_accessible)
        fill_date(page, field, value)
        submit(page)
        arrive(page, language, "Appeal to the Education Tribunal for Wales", assert_accessible)

    link(page, language, "Record the Tribunal's decision", "#appeal-actions")
    arrive(page, language, "Record the Tribunal's decision", assert_accessible)
    choose(page, "decision", "allowed")
    page.locator("#id_decision_summary").fill("The Tribunal found that Nia has ALN.")
    fill_date(page, "decided_on", today())
    fill_date(page, "decision_sent_on", today())
    submit(page)
    arrive(page, language, "Appeal to the Education Tribunal for Wales", assert_accessible)
    assert Appeal.objects.get(pk=appeal.pk).stage == "decided"
    assert page.locator("#review-last-day").is_visible()

    # An order, owned by the manager, on their home page; then complied with.
    link(page, language, "Record an order the Tribunal made", "#appeal-actions")
    arrive(page, language, "Record an order the Tribunal made", assert_accessible)
    choose(page, "kind", "prepare_idp")
    page.locator("#id_details").fill("Prepare an IDP for Nia within 12 weeks.")
    fill_date(page, "made_on", today())
    fill_date(page, "comply_by", days_ago(-84))
    page.locator("#id_owner").select_option(str(manager.pk))
    submit(page)
    order = TribunalOrder.objects.get(appeal=appeal)
    assert order.owner_id == manager.pk

    as_person(page, browser_context, live_server, manager, language)
    page.goto(f"{live_server.url}/")
    tasks = page.locator("#tribunal-order-tasks")
    assert day(language, order.comply_by) in tasks.inner_text()
    assert_accessible(page, f"the owner's home page ({language})")
    go(page, tasks.locator(f'a[href="/disputes/orders/{order.pk}/"]'))
    arrive(page, language, "Tribunal order", assert_accessible)
    link(page, language, "Record that the order was complied with", "#order-actions")
    arrive(page, language, "Record that the order was complied with", assert_accessible)
    fill_date(page, "completed_on", today())
    submit(page)
    assert TribunalOrder.objects.get(pk=order.pk).completed_on == today()
    assert_accessible(page, f"after the order was complied with ({language})")


# 5. Capacity and a case friend, who receives the child's notice ---------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_view_on_capacity_and_a_case_friend_then_the_notice_goes_to_the_case_friend(
    language, live_server, school, people, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco, officer, parent = people["alnco"], people["officer"], people["parent"]
    learner = pupil(school, "Nia", "Bowen", parent_user=parent)
    with quick_pdfs():
        idp = dispute_data.school_plan(alnco, learner)
        la_request = dispute_data.request(officer, idp.case, Route.RECONSIDER_IDP)

    as_person(page, browser_context, live_server, officer, language)
    open_log(page, live_server, language, learner, assert_accessible)
    link(page, language, "Record a view on the child's capacity", "#dispute-actions")
    arrive(page, language, "Record a view on the child's capacity", assert_accessible)
    choose(page, "assessor", "local_authority")
    choose(page, "lacks_capacity", "yes")
    fill_date(page, "decided_on", days_ago(1))
    page.locator("#id_decided_by_name").fill("Dr Elin Rees, educational psychologist")
    page.locator("#id_reasons").fill("Nia cannot yet understand what asking for a review means.")
    submit(page)
    arrive(page, language, "Disagreements", assert_accessible)
    assert page.locator("#capacity-now").is_visible()

    link(page, language, "Record a case friend or representative", "#dispute-actions")
    arrive(page, language, "Record a case friend or representative", assert_accessible)
    choose(page, "kind", "case_friend")
    page.locator("#id_name").fill("Gareth Lloyd")
    page.locator("#id_email").fill("gareth.lloyd@example.org")
    page.locator("#id_authority").fill("Appointed by the Tribunal, ETW/26/0042.")
    fill_date(page, "appointed_on", days_ago(1))
    submit(page)
    arrive(page, language, "Disagreements", assert_accessible)
    assert "Gareth Lloyd" in page.locator(".log-entry--acting_for").inner_text()

    open_request(page, live_server, language, la_request, assert_accessible)
    decide(
        page,
        language,
        LaOutcome.NO_REVISION,
        assert_accessible,
        "The plan describes Nia's needs and the provision well.",
    )
    notice = Notice.objects.get(pk=LaRequest.objects.get(pk=la_request.pk).notice_id)
    # s.84-85: with a case friend appointed, the notice goes to them too (outcome_recipients).
    assert {"case_friend", "parent"} <= set(notice.recipients)
    assert "Gareth Lloyd" in notice.addressee_names


# The answers not covered above: each letter read as the family gets it ------------------------


def letter_text(page, url):
    """The letter's PDF as the person downloads it, its text on one line."""
    response = page.request.get(url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.body())).pages
    return " ".join("\n".join(p.extract_text() or "" for p in pages).split())


def answer(page, live_server, language, la_request, outcome, assert_accessible, reasons, **more):
    """The signed-in officer records `outcome` on the request page; returns its letter and the
    letter's text."""
    open_request(page, live_server, language, la_request, assert_accessible)
    decide(page, language, outcome, assert_accessible, reasons, **more)
    notice = Notice.objects.get(pk=LaRequest.objects.get(pk=la_request.pk).notice_id)
    assert notice.language == language
    return notice, letter_text(page, page.locator("#request-notice").evaluate("a => a.href"))


def assert_states_the_appeal(notice, text, language):
    """The letter gives the right to appeal to the Tribunal (s.70) and its last day, at least the
    8 weeks of `etw-appeal` after the letter is given."""
    assert notice.appeal_last_day is not None
    assert (notice.appeal_last_day - notice.given_on).days >= 8 * 7
    assert RIGHT_TO_APPEAL[language] in text
    assert date_in_words(notice.appeal_last_day, language) in text


def open_plan(page, live_server, language, idp, assert_accessible):
    page.goto(f"{live_server.url}/plans/{idp.pk}/")
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )


def la_revises(
    page, live_server, language, school, people, browser_context, assert_accessible, outcome, why
):
    """A parent asked the LA to reconsider the school's plan (s.27); the officer signs in and
    answers that the LA revises it (`outcome`, with `why`). Returns the plan and the text of the
    decision letter (it gives no right of appeal yet: the revised plan's own letter will)."""
    alnco, officer = people["alnco"], people["officer"]
    with quick_pdfs():
        idp, la_request = dispute_data.plan_request(
            alnco, officer, pupil(school, "Nia", "Bowen"), Route.RECONSIDER_IDP
        )
    as_person(page, browser_context, live_server, officer, language)
    notice, text = answer(page, live_server, language, la_request, outcome, assert_accessible, why)
    assert notice.kind == "revision_decided"
    return idp, text


def maintained_by(language, body, name):
    """What the plan page says of who maintains the plan."""
    return f"{words(language, BODY_LABELS[body])}: {name}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_s26_request_answered_with_the_schools_decision_gives_the_right_of_appeal(
    language, live_server, school, people, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco, officer = people["alnco"], people["officer"]
    with quick_pdfs():
        case = dispute_data.school_no_aln_case(alnco, pupil(school, "Nia", "Bowen"))
        la_request = dispute_data.request(officer, case, Route.RECONSIDER_ALN)

    as_person(page, browser_context, live_server, officer, language)
    notice, text = answer(
        page,
        live_server,
        language,
        la_request,
        LaOutcome.ALN_DECISION_CONFIRMED,
        assert_accessible,
        "Nia's reading improved with the support every pupil in her class gets.",
        has_aln=False,
    )
    # The LA's own decision now (s.26), so the family's next step is the Tribunal (s.70).
    assert notice.kind == "no_aln"
    assert_states_the_appeal(notice, text, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_s27_request_revised_by_the_la_then_maintained_by_the_school(
    language, live_server, school, people, browser_context, browser_page, assert_accessible
):
    page = browser_page
    why = "Nia needs the speech therapist's programme written into the plan."
    idp, text = la_revises(
        page, live_server, language, school, people, browser_context, assert_accessible,
        LaOutcome.REVISED_SCHOOL_TO_MAINTAIN, why,
    )  # fmt: skip
    assert RIGHT_TO_APPEAL[language] not in text  # the revised plan's own letter gives it

    # The officer writes the revised draft the decision started, and gives it.
    open_plan(page, live_server, language, idp, assert_accessible)
    assert why in page.locator("#draft").inner_text()
    link(page, language, "Edit the draft", "#plan-actions")
    arrive(page, language, "Write the IDP", assert_accessible)
    go(page, page.locator('#elements a[href*="/draft/elements/"]:not([href$="/remove/"])'))
    arrive(page, language, "Change provision", assert_accessible)
    provision = "Speech and language therapy programme, twice a week with a trained assistant."
    page.locator("#id_provision").fill(provision)
    submit(page)
    assert words(language, "Provision saved.") in banner(page)
    go(page, page.locator(".govuk-back-link"))
    give = CASE_ACTION_LABELS[CaseAction.GIVE_REVISED_IDP]
    link(page, language, give, "#plan-actions")
    arrive(page, language, give, assert_accessible)
    choose(page, "language", language)
    choose(page, "method", "post")
    submit(page)

    # The revised plan is in force, maintained by the school as the LA directed (s.27(7)).
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    in_force = words(
        language, "Version %(number)s, given on %(date)s", number=2, date=day(language, today())
    )
    assert page.locator("#in-force").inner_text() == in_force
    summary = page.locator("#plan-summary").inner_text()
    name = school.name_cy if language == "cy" else school.name_en
    assert maintained_by(language, "school", name) in summary
    assert provision in page.locator("#plan-content").inner_text()
    given = Notice.objects.get(case=idp.case, kind="revised_idp_given")
    text = letter_text(page, f"{live_server.url}/notices/{given.pk}/download/")
    assert_states_the_appeal(given, text, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_s27_request_revised_and_taken_over_makes_the_plan_the_las(
    language,
    live_server,
    authority,
    school,
    people,
    browser_context,
    browser_page,
    assert_accessible,
):
    page = browser_page
    why = "Nia's needs now call for provision only the local authority can arrange."
    idp, _text = la_revises(
        page, live_server, language, school, people, browser_context, assert_accessible,
        LaOutcome.REVISED_AND_TAKEN_OVER, why,
    )  # fmt: skip

    open_plan(page, live_server, language, idp, assert_accessible)
    name = authority.name_cy if language == "cy" else authority.name_en
    assert (
        maintained_by(language, "local_authority", name)
        in page.locator("#plan-summary").inner_text()
    )
    assert why in page.locator("#draft").inner_text()  # the LA writes the revision
    assert (
        page.locator("#plan-actions")
        .get_by_role("link", name=words(language, "Edit the draft"))
        .is_visible()
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_familys_take_over_request_refused_gives_the_right_of_appeal(
    language, live_server, school, people, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco, officer, parent = people["alnco"], people["officer"], people["parent"]
    learner = pupil(school, "Nia", "Bowen", parent_user=parent)
    with quick_pdfs():
        dispute_data.school_plan(alnco, learner)

    # The parent asks the LA online to take the plan over (s.28).
    as_person(page, browser_context, live_server, parent, language)
    open_log(page, live_server, language, learner, assert_accessible)
    link(page, language, "Ask the local authority to reconsider", "#dispute-actions")
    arrive(page, language, "Ask the local authority to reconsider", assert_accessible)
    choose(page, "route", Route.TAKE_OVER_IDP.value)
    page.locator("#id_details").fill("Nia needs a specialist place the school cannot arrange.")
    submit(page)
    arrive(page, language, "Request to the local authority", assert_accessible)
    la_request = the_request(page)
    assert (la_request.route, la_request.requester) == (Route.TAKE_OVER_IDP, "parent")

    as_person(page, browser_context, live_server, officer, language)
    notice, text = answer(
        page,
        live_server,
        language,
        la_request,
        LaOutcome.TAKE_OVER_REFUSED,
        assert_accessible,
        "The school can arrange everything the plan describes.",
    )
    assert notice.kind == "take_over_refused"
    assert_states_the_appeal(notice, text, language)
    name = school.name_cy if language == "cy" else school.name_en
    assert name in text  # the school goes on maintaining the plan

    # The parent sees the answer on the disagreements page.
    as_person(page, browser_context, live_server, parent, language)
    open_log(page, live_server, language, learner, assert_accessible)
    entries = page.locator(".log-entry--request").inner_text()
    assert words(language, LA_OUTCOME_LABELS[LaOutcome.TAKE_OVER_REFUSED]) in entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_s32_request_in_time_answered_the_decision_to_cease_stands(
    language, live_server, school, people, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco, officer = people["alnco"], people["officer"]
    with quick_pdfs():
        idp, la_request = dispute_data.plan_request(
            alnco, officer, pupil(school, "Nia", "Bowen"), Route.RECONSIDER_CEASING, ceased=True
        )

    as_person(page, browser_context, live_server, officer, language)
    notice, text = answer(
        page,
        live_server,
        language,
        la_request,
        LaOutcome.CEASING_CONFIRMED,
        assert_accessible,
        "Nia has read at the expected level all term without extra help.",
    )
    assert notice.kind == "cease_confirmed"
    assert_states_the_appeal(notice, text, language)
    assert date_in_words(idp.ceased_on, language) in text  # the day the plan stopped

    open_plan(page, live_server, language, idp, assert_accessible)
    assert page.locator("#plan-stage").inner_text() == words(language, STAGE_LABELS[Stage.CLOSED])
    assert page.locator("#plan-ended").is_visible()
