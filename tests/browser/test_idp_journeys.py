"""Individual development plans through the real pages in headless Chromium, in English and Welsh.

One test per journey issue 5 names: an ALNCo writes the first IDP (the outcome checker answering
as they type) and gives it; a review that revises the plan, then the versions compared; a review
that keeps it, with its notice; a move to another school; a proposal to cease and the decision,
and a plan whose duty simply ended; a parent asking for a review on a phone.

Records the journey is not about are built through the services (tests/browser/idp_data.py);
every page the person visits is checked with axe-core (serious and critical problems fail), and
in Welsh the person's saved language is "cy": each page must say `<html lang="cy">` and show its
heading in Welsh (the compiled catalogue's text, checked to differ from the English).
"""

import io

import pytest
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader

from aln.cases.models import Case
from aln.common.clock import today
from aln.common.i18n import (
    CASE_ACTION_LABELS,
    CLOSED_BECAUSE_LABELS,
    ISSUE_PROBLEM_MESSAGES,
    REVIEW_DECISION_LABELS,
    STAGE_LABELS,
)
from aln.deadlines.models import Deadline
from aln.domain.plans import IssueProblem, ReviewDecision
from aln.domain.process import CaseAction, ClosedBecause, Stage
from aln.idps.models import Idp, ReviewRequest
from aln.notices.models import Notice
from aln.notices.rendering import date_in_words
from tests.browser.conftest import NAVIGATION_TIMEOUT_MS, sign_in
from tests.browser.idp_data import (
    GOOD_OUTCOME,
    LANGUAGES,
    PROVISION,
    VAGUE_OUTCOME,
    authority_with_terms,
    days_ago,
    given_plan,
    idp_due_case,
    person,
    pupil,
    quick_pdfs,
    school_in,
)
from tests.factories import EnrolmentFactory

pytestmark = [pytest.mark.browser]

# The confirmations the pages show (msgids of the views' messages).
GIVEN = "The IDP has been given. The letter and the IDP are saved with the case's notices."
REVISING = (
    "Review recorded. A new version of the IDP has been started: make the changes, then give "
    "the revised IDP. The next review period starts when it is given."
)
CEASED = "Decision recorded and the notice produced. The case is closed."
REQUEST_SENT = (
    "Your request has been sent. They will either hold a review or write to you to explain why "
    "they think a review is not needed."
)


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path


@pytest.fixture
def authority(transactional_db):
    return authority_with_terms()


@pytest.fixture
def school(authority):
    return school_in(authority)


# Words ------------------------------------------------------------------------------------------


def words(language, message):
    """`message` as the page shows it in `language` (Welsh: the compiled catalogue's text)."""
    with translation.override(LANGUAGES[language][0]):
        return str(translation.gettext(message) if isinstance(message, str) else message)


def day(language, value):
    """A date as the pages write it ("j F Y"), with Welsh month names in Welsh."""
    with translation.override(LANGUAGES[language][0]):
        return date_format(value, "j F Y")


def plan_in_force(alnco, learner):
    """A plan given 30 days ago, built through the services (its letters are not drawn)."""
    with quick_pdfs():
        return given_plan(alnco, idp_due_case(alnco, learner))


# Browser steps ----------------------------------------------------------------------------------


def arrive(page, language, heading, assert_accessible, *, where="main h1", exact=False):
    """The page is in the person's language, shows `heading` (a message to translate, or with
    `exact` the text itself), and axe-core finds nothing serious or critical on it."""
    assert page.locator("html").get_attribute("lang") == LANGUAGES[language][1], page.url
    expected = heading if exact else words(language, heading)
    assert page.locator(where).first.inner_text().strip() == expected, page.url
    if language == "cy" and not exact:
        # A known Welsh heading: the catalogue translates it, and the page shows the Welsh.
        assert expected != words("en", heading), f"{heading!r} has no Welsh translation"
    assert_accessible(page, f"{page.url} ({language})")


def go(page, locator):
    """Follow a link or press a button, and wait for the next page."""
    with page.expect_navigation(timeout=NAVIGATION_TIMEOUT_MS):
        locator.click(timeout=NAVIGATION_TIMEOUT_MS)


def submit(page):
    """Press the form's own (unnamed) button, not "Check this outcome" or "Sign out"."""
    go(page, page.locator("main form[method=post] button[type=submit]:not([name])"))


def plan_action(page, language, action):
    """Follow the plan page's link for a move in "What you can do now"."""
    name = words(language, CASE_ACTION_LABELS[action])
    go(page, page.locator("#plan-actions").get_by_role("link", name=name, exact=True))


def plan_link(page, language, text):
    go(page, page.locator("#plan-actions").get_by_role("link", name=words(language, text)))


def choose(page, name, value):
    page.locator(f'main input[name="{name}"][value="{value}"]').check(force=True)


def fill_date(page, name, value):
    for part, number in enumerate((value.day, value.month, value.year)):
        page.locator(f"#id_{name}_{part}").fill(str(number))


def in_force(language, number, given_on=None):
    """What the plan page says of the version in force."""
    return translation_of(
        language,
        "Version %(number)s, given on %(date)s",
        number=number,
        date=day(language, given_on or today()),
    )


def translation_of(language, message, **values):
    with translation.override(LANGUAGES[language][0]):
        return translation.gettext(message) % values


def banner(page):
    return page.locator(".govuk-notification-banner").inner_text()


def pdf_text(page, url):
    response = page.request.get(url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    return " ".join("\n".join(p.extract_text() or "" for p in reader.pages).split())


def the_plan(page):
    """The plan whose page (or one of its pages) is open."""
    return Idp.objects.select_related("case").get(pk=page.url.split("/plans/")[1].split("/")[0])


def open_plan(page, live_server, language, idp, assert_accessible):
    page.goto(f"{live_server.url}/plans/{idp.pk}/")
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )


# 1. Write and give ------------------------------------------------------------------------------


def write_the_profile(page, language, assert_accessible):
    go(page, page.get_by_role("link", name=words(language, "Change section 1: about me")))
    arrive(page, language, "Section 1: about me", assert_accessible)
    choose(page, "language", language)
    page.locator("#id_like_and_admire").fill("Cai is kind and funny, and brilliant with animals.")
    page.locator("#id_important_to_me").fill("Playing football at break with my friends.")
    page.locator("#id_how_to_support_me").fill("One instruction at a time, and a quiet place.")
    submit(page)
    assert words(language, "Section saved.") in banner(page)


def add_a_need(page, language, assert_accessible):
    go(page, page.locator('main a.govuk-button[href$="/draft/needs/add/"]'))
    arrive(page, language, "Add a need", assert_accessible)
    page.locator("#id_description").fill("Cai has difficulty decoding unfamiliar words.")
    page.locator("#id_impact").fill("He cannot yet read class texts on his own.")
    submit(page)
    assert words(language, "Need added.") in banner(page)


def type_outcome_and_wait_for_the_checker(page, text):
    """Type the outcome as a person would; the script posts it (with the CSRF header) to the
    checker and the live region shows the answer. Returns the region."""
    region = page.locator("#outcome-check")
    assert region.get_attribute("aria-live") == "polite"
    with page.expect_response(
        lambda r: r.url.endswith("/plans/check-outcome/") and r.request.method == "POST"
    ) as answer:
        page.locator("#id_outcome").fill("")
        page.locator("#id_outcome").press_sequentially(text)
    response = answer.value
    assert response.status == 200, response.status
    assert response.request.headers.get("x-csrftoken"), "the checker was called without CSRF"
    return region


def add_provision_with_a_vague_outcome(page, language, assert_accessible):
    go(page, page.locator('main a.govuk-button[href$="/draft/elements/add/"]'))
    arrive(page, language, "Add provision", assert_accessible)
    page.locator('main input[name="need_keys"]').first.check(force=True)
    region = type_outcome_and_wait_for_the_checker(page, VAGUE_OUTCOME[language])
    measurable = region.locator('li[data-code="measurable"]')
    measurable.wait_for(state="visible")
    assert region.locator('[data-passes="false"]').inner_text() == words(
        language, "Things to check in this outcome"
    )
    assert region.locator('li[data-code="time-bound"]').is_visible()
    assert_accessible(page, f"the element form with the checker's answer ({language})")
    page.locator("#id_provision").fill(PROVISION)
    page.locator("#id_frequency").fill("Three times a week")
    page.locator("#id_duration").fill("20 minutes")
    page.locator("#id_group_size").fill("1:1")
    choose(page, "welsh_required", "yes" if language == "cy" else "no")
    choose(page, "provider", "school")
    fill_date(page, "starts_on", today())
    fill_date(page, "review_or_end_on", today().replace(year=today().year + 1))
    page.locator("#id_rationale").fill("The educational psychologist's report.")
    submit(page)
    assert words(language, "Provision added.") in banner(page)
    assert VAGUE_OUTCOME[language] in page.locator("#elements").inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_alnco_writes_the_first_idp_with_the_outcome_checker_and_gives_it(
    language, live_server, school, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco = person("alnco", language, setting=school)
    with quick_pdfs():
        case = idp_due_case(alnco, pupil(school))
    sign_in(browser_context, live_server, alnco)

    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert_accessible(page, f"the case page at IDP due ({language})")
    go(page, page.locator("#case-idp a"))
    arrive(page, language, "Start writing the IDP", assert_accessible)
    submit(page)
    assert page.url.endswith("/draft/")
    arrive(page, language, "Write the IDP", assert_accessible)
    assert words(language, "The IDP has been started. Write the first draft.") in banner(page)

    write_the_profile(page, language, assert_accessible)
    add_a_need(page, language, assert_accessible)
    add_provision_with_a_vague_outcome(page, language, assert_accessible)
    blocked = words(language, ISSUE_PROBLEM_MESSAGES[IssueProblem.OUTCOME_NEEDS_MEASURE_OR_DATE])
    assert blocked in page.locator("#issue-readiness").inner_text()

    # The give page says what stops the plan being given, linked to where it is fixed.
    go(page, page.locator(".govuk-back-link"))
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    plan_action(page, language, CaseAction.GIVE_IDP)
    arrive(page, language, CASE_ACTION_LABELS[CaseAction.GIVE_IDP], assert_accessible)
    blocks = page.locator("#issue-blocks")
    assert blocks.locator("h2").inner_text() == words(language, "The IDP cannot be given yet")
    assert blocked in blocks.inner_text()
    assert page.locator("main form[method=post]").count() == 0  # nothing to press yet

    go(page, blocks.locator("a").first)
    arrive(page, language, "Change provision", assert_accessible)
    if language == "en":  # fix the outcome: the checker now finds nothing
        region = type_outcome_and_wait_for_the_checker(page, GOOD_OUTCOME["en"])
        region.locator('[data-passes="true"]').wait_for(state="visible")
        assert region.locator("li[data-code]").count() == 0
    else:  # keep the words, and record why the outcome has no measure or date
        page.locator("#id_outcome_exception").fill(
            "Bydd y mesur yn cael ei gytuno gyda Cai a'i fam yn y cyfarfod nesaf."
        )
    submit(page)
    assert page.locator("#issue-readiness h2").inner_text() == words(language, "Ready to be given")

    go(page, page.locator(".govuk-back-link"))
    plan_action(page, language, CaseAction.GIVE_IDP)
    arrive(page, language, CASE_ACTION_LABELS[CaseAction.GIVE_IDP], assert_accessible)
    choose(page, "language", language)
    choose(page, "method", "post")
    submit(page)

    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    assert words(language, GIVEN) in banner(page)
    idp = the_plan(page)
    assert idp.case.stage == Stage.MAINTAINING
    assert page.locator("#in-force").inner_text() == in_force(language, 1)
    review = Deadline.objects.get(case=idp.case, rule_id="idp-review", state="open")
    assert review.started_on == today()
    assert page.locator("#review-due").inner_text() == day(language, review.due_on)
    assert page.locator("#plan-stage").inner_text() == words(
        language, STAGE_LABELS[Stage.MAINTAINING]
    )
    notice = Notice.objects.get(case=idp.case, kind="idp_given")
    assert notice.language == language


# 2. Review and revise ---------------------------------------------------------------------------


def fill_the_review(page, language, decision, reasons):
    page.locator("#id_invited").fill("Cai, his mother and his class teacher.")
    fill_date(page, "invited_on", days_ago(14))
    page.locator("#id_attended").fill("Cai, his mother and his class teacher.")
    page.locator("#id_learner_views").fill("I can read more words now and I like the games.")
    for progress in page.locator('main textarea[name^="progress_"]').all():
        progress.fill("Reads 25 of the 40 words.")
    choose(page, "decision", decision.value)
    page.locator("#id_reasons").fill(reasons)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_review_decides_to_revise_and_the_revised_idp_is_given_then_compared(
    language, live_server, school, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco = person("alnco", language, setting=school)
    idp = plan_in_force(alnco, pupil(school))
    sign_in(browser_context, live_server, alnco)

    open_plan(page, live_server, language, idp, assert_accessible)
    plan_action(page, language, CaseAction.RECORD_REVIEW)
    arrive(page, language, "Record a review of the IDP", assert_accessible)
    fill_the_review(page, language, ReviewDecision.REVISE, "Cai needs more practice time.")
    submit(page)
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    assert words(language, REVISING) in banner(page)
    assert page.locator("#draft").is_visible()  # version 2 is being written

    plan_link(page, language, "Edit the draft")
    arrive(page, language, "Write the IDP", assert_accessible)
    assert "Cai needs more practice time." in page.locator(".govuk-inset-text").first.inner_text()
    go(page, page.locator('#elements a[href*="/draft/elements/"]:not([href$="/remove/"])'))
    arrive(page, language, "Change provision", assert_accessible)
    page.locator("#id_provision").fill(
        "Structured phonics programme in a small group of three with a trained assistant."
    )
    submit(page)
    assert words(language, "Provision saved.") in banner(page)

    go(page, page.locator(".govuk-back-link"))
    plan_action(page, language, CaseAction.GIVE_REVISED_IDP)
    arrive(page, language, CASE_ACTION_LABELS[CaseAction.GIVE_REVISED_IDP], assert_accessible)
    choose(page, "language", language)
    choose(page, "method", "by_hand")
    submit(page)
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    assert page.locator("#in-force").inner_text() == in_force(language, 2)
    assert Notice.objects.filter(case=idp.case, kind="revised_idp_given").count() == 1

    go(
        page,
        page.locator("#version-links").get_by_role(
            "link", name=words(language, "All versions and what changed")
        ),
    )
    arrive(page, language, "Versions of the IDP", assert_accessible)
    go(page, page.locator('#versions a[href*="/compare/?from=1&to=2"]'))
    arrive(page, language, "Compare versions of the IDP", assert_accessible)
    provision = page.locator('#differences [data-field="provision"]')
    words_in = "els => els.map(e => e.lastChild.textContent.trim())"  # less "Added:"/"Removed:"
    added = provision.locator("ins").evaluate_all(words_in)
    removed = provision.locator("del").evaluate_all(words_in)
    # The rewritten phrase reads as one removal and one addition, not word by word.
    assert added == ["in a small group of three"], added
    assert removed == [", one to one"], removed


# 3. Review with no revision ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_review_keeps_the_idp_gives_the_notice_and_is_listed_on_the_plan(
    language, live_server, school, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco = person("alnco", language, setting=school)
    idp = plan_in_force(alnco, pupil(school))
    sign_in(browser_context, live_server, alnco)

    open_plan(page, live_server, language, idp, assert_accessible)
    plan_action(page, language, CaseAction.RECORD_REVIEW)
    arrive(page, language, "Record a review of the IDP", assert_accessible)
    reasons = "Good progress: the provision stays as it is for another year."
    fill_the_review(page, language, ReviewDecision.NO_REVISION, reasons)
    choose(page, "notice_language", language)
    choose(page, "notice_method", "post")
    assert_accessible(page, f"the review form with the notice questions answered ({language})")
    submit(page)

    held = translation_of(language, "Review on %(date)s", date=day(language, today()))
    arrive(page, language, held, assert_accessible, exact=True)
    if language == "cy":
        assert held != translation_of("en", "Review on %(date)s", date=day("en", today()))
    decision = words(language, REVIEW_DECISION_LABELS[ReviewDecision.NO_REVISION])
    assert decision in page.locator("#review-decision").inner_text()
    notice = Notice.objects.get(case=idp.case, kind="no_revision")
    assert notice.language == language
    notice_link = page.locator("#review-decision a")
    assert reasons in pdf_text(page, notice_link.evaluate("a => a.href"))

    go(page, page.locator(".govuk-back-link"))
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    listed = page.locator("#plan-reviews li").inner_text()
    assert held in listed
    assert decision in listed
    assert page.locator("#review-period").inner_text() == day(language, today())


# 4. Transfer ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_in_year_move_passes_the_idp_to_the_new_schools_alnco(
    language, live_server, authority, school, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco = person("alnco", language, setting=school)
    learner = pupil(school)
    idp = plan_in_force(alnco, learner)
    new_school = school_in(authority, "Bryn Primary School", "Ysgol Gynradd y Bryn")
    new_alnco = person("alnco", language, name="New Alnco", setting=new_school)
    learner.enrolments.update(ended_on=today())  # leaves today
    EnrolmentFactory(learner=learner, setting=new_school, started_on=days_ago(3))
    sign_in(browser_context, live_server, alnco)

    open_plan(page, live_server, language, idp, assert_accessible)
    plan_action(page, language, CaseAction.TRANSFER)
    arrive(page, language, CASE_ACTION_LABELS[CaseAction.TRANSFER], assert_accessible)
    choose(page, "kind", "in_year_school")
    page.locator("#id_new_setting").select_option(str(new_school.pk))
    fill_date(page, "joined_on", days_ago(3))
    choose(page, "language", language)
    choose(page, "method", "post")
    submit(page)

    # The old ALNCo is told the plan has been passed on, and may no longer change it.
    new_name = new_school.name_cy if language == "cy" else new_school.name_en
    told = translation_of(
        language,
        "The IDP has been passed to %(body)s. They have been told, and the letter telling the "
        "family who is now responsible has been produced.",
        body=new_name,
    )
    assert told in banner(page)
    assert page.locator("#plan-actions").count() == 0
    assert_accessible(page, f"the page after the transfer ({language})")
    moved = Idp.objects.select_related("case").get(pk=idp.pk)
    assert (moved.setting_id, moved.case.setting_id) == (new_school.pk, new_school.pk)

    browser_context.clear_cookies()
    sign_in(browser_context, live_server, new_alnco)
    open_plan(page, live_server, language, idp, assert_accessible)
    assert new_name in page.locator("#plan-summary").inner_text()
    plan_action(page, language, CaseAction.RECORD_REVIEW)  # theirs to maintain now
    arrive(page, language, "Record a review of the IDP", assert_accessible)


# 5. Ceasing, and a duty that ended --------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_school_proposes_to_cease_then_decides_and_another_plan_ends(
    language, live_server, school, browser_context, browser_page, assert_accessible
):
    page = browser_page
    alnco = person("alnco", language, setting=school)
    idp = plan_in_force(alnco, pupil(school))
    other = plan_in_force(alnco, pupil(school, "Dafydd", "Hughes"))
    sign_in(browser_context, live_server, alnco)

    open_plan(page, live_server, language, idp, assert_accessible)
    plan_action(page, language, CaseAction.PROPOSE_CEASE)
    arrive(page, language, CASE_ACTION_LABELS[CaseAction.PROPOSE_CEASE], assert_accessible)
    choose(page, "ground", "no_longer_aln")
    page.locator("#id_reasons").fill("Cai now reads at the expected level without extra help.")
    choose(page, "language", language)
    choose(page, "method", "post")
    submit(page)
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    assert page.locator("#plan-stage").inner_text() == words(
        language, STAGE_LABELS[Stage.CEASE_PROPOSED]
    )

    plan_action(page, language, CaseAction.CEASE)
    arrive(page, language, CASE_ACTION_LABELS[CaseAction.CEASE], assert_accessible)
    choose(page, "language", language)
    choose(page, "method", "post")
    submit(page)
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    assert words(language, CEASED) in banner(page)
    assert page.locator("#plan-stage").inner_text() == words(language, STAGE_LABELS[Stage.CLOSED])
    assert page.locator("#plan-actions").count() == 0

    ceased = Idp.objects.select_related("case").get(pk=idp.pk)
    assert ceased.case.closed_because == ClosedBecause.PLAN_CEASED
    assert ceased.reconsideration_closes_on is not None
    go(page, page.locator(".govuk-back-link"))  # the case says why it closed
    assert (
        words(language, CLOSED_BECAUSE_LABELS[ClosedBecause.PLAN_CEASED])
        in page.locator("main").inner_text()
    )
    notice = Notice.objects.get(case=ceased.case, kind="cease_decided")
    assert notice.language == language
    text = pdf_text(page, f"{live_server.url}/notices/{notice.pk}/download/")
    assert date_in_words(ceased.reconsideration_closes_on, language) in text

    # Another plan: the learner is no longer a registered pupil, so the duty simply ended.
    open_plan(page, live_server, language, other, assert_accessible)
    plan_action(page, language, CaseAction.END_PLAN)
    arrive(page, language, CASE_ACTION_LABELS[CaseAction.END_PLAN], assert_accessible)
    choose(page, "ground", "no_longer_registered")
    submit(page)
    arrive(
        page, language, "Individual development plan", assert_accessible, where=".govuk-caption-l"
    )
    assert page.locator("#plan-stage").inner_text() == words(language, STAGE_LABELS[Stage.CLOSED])
    ended = Case.objects.get(pk=other.case_id)
    assert (ended.stage, ended.closed_because, ended.closed_on) == (
        "closed",
        ClosedBecause.PLAN_ENDED,
        today(),
    )
    assert not ended.deadlines.filter(state="open").exists()


# 6. A parent asks for a review on a phone -------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_parent_asks_for_a_review_on_a_phone_and_sees_the_request(
    language, live_server, school, browser_context, browser_page, assert_accessible
):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 667})
    alnco = person("alnco", language, setting=school)
    parent = person("parent", language, name="Rhian Morgan")
    idp = plan_in_force(alnco, pupil(school, parent_user=parent))
    sign_in(browser_context, live_server, parent)

    open_plan(page, live_server, language, idp, assert_accessible)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll
    ask = page.get_by_role("link", name=words(language, "Ask for a review of this IDP"))
    ask.scroll_into_view_if_needed()
    assert ask.is_visible()
    go(page, ask)
    arrive(page, language, "Ask for a review of the plan", assert_accessible)
    reason = "Cai is finding his new class much harder and the reading sessions have stopped."
    page.locator("#id_reason").fill(reason)
    submit(page)

    arrive(page, language, "Requests for a review", assert_accessible)
    assert words(language, REQUEST_SENT) in banner(page)
    request = page.locator(".review-request")
    assert request.count() == 1
    assert reason in request.inner_text()
    assert request.locator(".request-status").inner_text().strip() == words(
        language, "Waiting for an answer"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    stored = ReviewRequest.objects.get(idp=idp)
    assert (stored.requested_by, stored.created_by_id) == ("parent", parent.pk)
