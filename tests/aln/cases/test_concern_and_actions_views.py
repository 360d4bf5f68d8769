"""Recording a concern and moving a case in the browser: only the moves the table allows this
person are offered, a refused move says why, and someone acting first is reported."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils.formats import date_format

from aln.audit.models import AuditEvent
from aln.cases.models import Case, Evidence
from aln.cases.services.deciding import case_decide
from aln.cases.services.gathering import case_add_evidence
from aln.cases.services.opening import case_raise_concern
from aln.cases.views.actions import ACTION_VIEWS, action_url_name
from aln.domain.cases import ConcernSource, EvidenceKind
from aln.domain.process import CaseAction, Outcome
from aln.notices.models import Notice
from tests.conftest import signed_in
from tests.factories import (
    CalendarTermFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
CONCERN_ON = D("2026-10-01")


@pytest.fixture(autouse=True)
def _on_a_wednesday_in_term():
    noon = datetime.datetime(2026, 10, 14, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path


@pytest.fixture
def terms(authority):
    return CalendarTermFactory(
        local_authority=authority, starts_on=D("2026-09-01"), ends_on=D("2027-07-21")
    )


@pytest.fixture
def school_case(terms, school, enrolled_learner):
    """A school's case, opened by its ALNCo (who is not signed in: tests sign in whom they need)."""
    opener = MembershipFactory(role="alnco", setting=school).user
    return case_raise_concern(
        actor=opener,
        learner=enrolled_learner,
        raised_by=ConcernSource.PARENT,
        raised_by_name="",
        concern="Struggles to follow spoken instructions.",
        brought_to_attention_on=CONCERN_ON,
    )


def action_url(case, action: CaseAction) -> str:
    return f"/cases/{case.pk}/{action_url_name(action)}/"


def date_fields(name, day: datetime.date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def offered(soup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select("#case-actions a")]


def banner(soup) -> str:
    return " ".join(
        p.get_text(" ", strip=True) for p in soup.select(".govuk-notification-banner__heading")
    )


def error_summary(soup) -> list[tuple[str, str]]:
    return [
        (a["href"], a.get_text(strip=True)) for a in soup.select(".govuk-error-summary__list a")
    ]


def decision_data(case, **values) -> dict[str, str]:
    return {
        "version": str(case.version),
        "outcome": "no_aln",
        "reasons": "Her needs are met by the support every pupil in the class has.",
        **date_fields("decided_on", D("2026-10-12")),
        **values,
    }


# --- Recording a concern -----------------------------------------------------------------------


def test_the_learner_page_offers_staff_to_record_a_concern(page, alnco, enrolled_learner):
    soup = page.get(f"/learners/{enrolled_learner.pk}/").soup
    link = soup.select_one("#raise-concern")
    assert link["href"] == f"/cases/new/{enrolled_learner.pk}/"
    assert "Record a concern" in link.get_text()


def test_families_are_not_offered_to_record_a_concern(client, page, enrolled_learner):
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=enrolled_learner, family_member=FamilyMemberFactory(user=parent))
    soup = page.get(f"/learners/{enrolled_learner.pk}/").soup
    assert soup.select_one("#raise-concern") is None
    page.get(f"/cases/new/{enrolled_learner.pk}/", status=404)


def test_a_concern_about_a_learner_the_user_cannot_see_answers_404(page, alnco):
    stranger = EnrolmentFactory().learner
    page.get(f"/cases/new/{stranger.pk}/", status=404)


def test_recording_a_concern_opens_the_case_and_shows_it(
    page, terms, alnco, enrolled_learner, school
):
    form = page.get(f"/cases/new/{enrolled_learner.pk}/").soup
    assert form.select('input[name="consent"]') == []  # a child: no consent question
    assert form.select_one('input[name="brought_to_attention_on_0"]')["value"] == "14"
    response = page.post(
        f"/cases/new/{enrolled_learner.pk}/",
        {
            "raised_by": "parent",
            "raised_by_name": "Mrs Evans",
            "concern": "Finds it hard to make friends and to follow routines.",
            **date_fields("brought_to_attention_on", CONCERN_ON),
        },
        status=302,
    )
    case = Case.objects.get(learner=enrolled_learner)
    assert response.url == f"/cases/{case.pk}/"
    assert (case.deciding_body, case.setting, case.stage) == ("school", school, "gathering")
    assert case.deadlines.get().rule_id == "school-decision"
    assert case.created_by == alnco
    soup = page.get(response.url).soup
    assert banner(soup) == f"Concern recorded. Case {case.reference} is open."
    assert soup.select_one("#case-stage").get_text(strip=True) == "Gathering information"
    assert "Record the decision" in offered(soup)
    assert "Mrs Evans" in soup.select_one("#concern").get_text()


@pytest.mark.parametrize(
    ("values", "href", "message"),
    [
        (
            date_fields("brought_to_attention_on", D("2026-10-15")),
            "#id_brought_to_attention_on_0",
            "The date must be today or in the past",
        ),
        (
            date_fields("brought_to_attention_on", D("2016-05-03")),
            "#id_brought_to_attention_on_0",
            "The date must be on or after the date it started",
        ),
        (
            {**date_fields("brought_to_attention_on", CONCERN_ON), "concern": ""},
            "#id_concern",
            "Enter what the concern is",
        ),
    ],
    ids=["future", "before-birth", "no-concern"],
)
def test_a_bad_concern_shows_the_error_on_its_field_and_saves_nothing(
    page, alnco, enrolled_learner, values, href, message
):
    data = {"raised_by": "teacher", "concern": "Reading.", **values}
    soup = page.post(f"/cases/new/{enrolled_learner.pk}/", data).soup
    assert (href, message) in error_summary(soup)
    assert not Case.objects.exists()
    assert not AuditEvent.objects.filter(event_type="case.opened").exists()


def test_a_young_persons_concern_asks_for_their_agreement(page, alnco, school, authority):
    young = EnrolmentFactory(
        setting=school,
        learner__date_of_birth=D("2009-03-01"),
        learner__home_local_authority=authority,
    ).learner
    form = page.get(f"/cases/new/{young.pk}/").soup
    assert {i["value"] for i in form.select('input[name="consent"]')} == {
        "given",
        "not_yet",
        "refused",
    }
    data = {
        "raised_by": "young_person",
        "concern": "Cannot keep up with coursework.",
        **date_fields("brought_to_attention_on", CONCERN_ON),
    }
    soup = page.post(f"/cases/new/{young.pk}/", data).soup
    assert "Enter or select an answer" in soup.select_one(".govuk-error-summary").get_text()
    assert not Case.objects.exists()
    page.post(f"/cases/new/{young.pk}/", {**data, "consent": "not_yet"}, status=302)
    case = Case.objects.get(learner=young)
    assert (case.stage, case.is_young_person) == ("awaiting_consent", True)
    soup = page.get(f"/cases/{case.pk}/").soup
    assert offered(soup) == [
        "Record that the young person agreed",
        "Record that the young person did not agree",
    ]
    page.post(
        action_url(case, CaseAction.RECORD_CONSENT),
        {"version": "1", **date_fields("consent_on", D("2026-10-06"))},
        status=302,
    )
    case.refresh_from_db()
    assert (case.stage, case.consent_on) == ("gathering", D("2026-10-06"))
    assert case.deadlines.get().started_on == D("2026-10-06")


def test_the_early_years_lead_takes_an_under_five_from_concern_to_notice(client, page, authority):
    lead = signed_in(client, "early_years_lead", local_authority=authority)
    child = EnrolmentFactory(
        setting__local_authority=authority,
        setting__kind="non_maintained_early_years",
        learner__date_of_birth=D("2023-01-10"),
        learner__home_local_authority=authority,
    ).learner
    FamilyLinkFactory(learner=child)
    response = page.post(
        f"/cases/new/{child.pk}/",
        {
            "raised_by": "health_body",
            "concern": "The health visitor thinks her speech is delayed.",
            **date_fields("brought_to_attention_on", CONCERN_ON),
        },
        status=302,
    )
    case = Case.objects.get(learner=child)
    assert (case.deciding_body, case.setting, case.created_by) == ("local_authority", None, lead)
    assert "Refer to the local authority" not in offered(page.get(response.url).soup)
    form = page.get(action_url(case, CaseAction.DECIDE)).soup
    assert form.select('input[name="idp_preparer"]') == []  # no school to direct
    page.post(
        action_url(case, CaseAction.DECIDE),
        decision_data(case, outcome="has_aln", reasons="Needs speech and language ALP."),
        status=302,
    )
    page.post(
        action_url(case, CaseAction.GIVE_NOTICE),
        {
            "version": "2",
            "language": "bilingual",
            "method": "email",
            **date_fields("given_on", D("2026-10-13")),
        },
        status=302,
    )
    case.refresh_from_db()
    assert case.stage == "idp_due"
    notice = Notice.objects.get(case=case)
    assert (notice.kind, notice.language, notice.method) == ("has_aln", "bilingual", "email")
    assert notice.rights == ["appeal_to_tribunal"]
    assert notice.appeal_last_day is not None
    soup = page.get(f"/cases/{case.pk}/").soup
    assert soup.select_one("#case-stage").get_text(strip=True) == (
        "Has additional learning needs: IDP to be given"
    )
    appeal = soup.select_one("#notices [data-appeal-last-day]").get_text(" ", strip=True)
    assert date_format(notice.appeal_last_day, "j F Y") in appeal
    download = soup.select_one("#notices a")["href"]
    assert download == f"/notices/{notice.pk}/download/"


# --- The case page offers only what the table allows this person -------------------------------


def test_the_alnco_is_offered_the_decision(page, alnco, school_case):
    soup = page.get(f"/cases/{school_case.pk}/").soup
    actions = offered(soup)
    assert "Record the decision" in actions
    assert "Refer to the local authority" in actions
    assert "Add evidence of support already given" in actions
    assert "Give the decision notice" not in actions
    hrefs = {a["href"] for a in soup.select("#case-actions a")}
    assert action_url(school_case, CaseAction.DECIDE) in hrefs


def test_a_teacher_contributes_but_is_not_offered_the_decision(client, page, school, school_case):
    signed_in(client, "teacher", setting=school)
    soup = page.get(f"/cases/{school_case.pk}/").soup
    assert offered(soup) == [
        "Add evidence of support already given",
        "Record views, wishes and feelings",
        "Record a meeting",
    ]
    response = page.get(action_url(school_case, CaseAction.DECIDE), status=302)
    assert response.url == f"/cases/{school_case.pk}/"
    assert "You cannot do this at this stage of the case" in banner(page.get(response.url).soup)
    page.get(action_url(school_case, CaseAction.ADD_EVIDENCE))


def test_the_la_is_offered_nothing_to_decide_on_a_schools_case(
    client, page, authority, school_case
):
    signed_in(client, "la_aln_officer", local_authority=authority)
    soup = page.get(f"/cases/{school_case.pk}/").soup
    assert "Record the decision" not in offered(soup)


def test_a_parent_sees_the_case_but_no_actions_and_action_pages_answer_404(
    client, page, school_case
):
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=school_case.learner, family_member=FamilyMemberFactory(user=parent))
    soup = page.get(f"/cases/{school_case.pk}/").soup
    assert soup.select_one("#case-actions") is None
    assert soup.select_one("#case-summary") is not None
    for view in ACTION_VIEWS:
        page.get(action_url(school_case, view.action), status=404)
    page.post(action_url(school_case, CaseAction.DECIDE), decision_data(school_case), status=404)
    assert Case.objects.get(pk=school_case.pk).outcome == ""


def test_after_the_decision_only_the_notice_is_offered(page, alnco, school_case):
    case_decide(
        actor=alnco,
        case=school_case,
        version=1,
        outcome=Outcome.NO_ALN,
        reasons="Needs met.",
        decided_on=D("2026-10-12"),
    )
    soup = page.get(f"/cases/{school_case.pk}/").soup
    assert offered(soup) == ["Give the decision notice", "Take on this case"]


# --- Moves through the browser ----------------------------------------------------------------


def test_the_alnco_decides_and_gives_the_notice(page, alnco, school_case):
    form = page.get(action_url(school_case, CaseAction.DECIDE)).soup
    assert form.select_one('input[name="version"]')["value"] == "1"
    response = page.post(
        action_url(school_case, CaseAction.DECIDE), decision_data(school_case), status=302
    )
    assert response.url == f"/cases/{school_case.pk}/"
    soup = page.get(response.url).soup
    assert banner(soup) == "Decision recorded. Now give the notice."
    assert offered(soup) == ["Give the decision notice", "Take on this case"]
    assert "Her needs are met" in soup.select_one("#decision").get_text()
    page.post(
        action_url(school_case, CaseAction.GIVE_NOTICE),
        {
            "version": "2",
            "language": "en",
            "method": "post",
            **date_fields("given_on", D("2026-10-13")),
        },
        status=302,
    )
    case = Case.objects.get(pk=school_case.pk)
    assert (case.stage, case.closed_because) == ("closed", "notice_given")
    notice = Notice.objects.get(case=case)
    soup = page.get(f"/cases/{case.pk}/").soup
    assert soup.select_one("#case-actions") is None
    link = soup.select_one("#notices a")
    assert link["href"] == f"/notices/{notice.pk}/download/"
    assert "Given on 13 October 2026" in soup.select_one("#notices").get_text(" ", strip=True)
    history = [h.get_text(strip=True) for h in soup.select("#history > li h3")]
    assert "Decision made" in history
    assert "Notice given" in history


def test_the_alnco_adds_evidence_and_refers_to_the_la(page, alnco, school_case):
    page.post(
        action_url(school_case, CaseAction.ADD_EVIDENCE),
        {
            "version": "1",
            "kind": "targeted",
            "description": "Speech and language group, weekly.",
            **date_fields("started_on", D("2026-09-07")),
            "provided_by": "Teaching assistant",
            "progress": "",
        },
        status=302,
    )
    assert Evidence.objects.filter(case=school_case).count() == 1
    page.post(
        action_url(school_case, CaseAction.REFER_TO_LA),
        {
            "version": "2",
            "grounds": ["cannot_determine_needs", "not_reasonable_to_secure"],
            "summary": "We need the LA's specialist assessment.",
            **date_fields("referred_on", D("2026-10-12")),
        },
        status=302,
    )
    case = Case.objects.get(pk=school_case.pk)
    assert case.deciding_body == "local_authority"
    assert {d.rule_id: d.state for d in case.deadlines.all()} == {
        "school-decision": "closed",
        "la-decision": "open",
    }
    soup = page.get(f"/cases/{case.pk}/").soup
    assert "Record the decision" not in offered(soup)  # the LA decides now
    assert "Add evidence of support already given" in offered(soup)
    assert "12 October 2026" in soup.select_one("#referral").get_text()


def test_a_referral_without_evidence_is_refused_with_the_reason(page, alnco, school_case):
    soup = page.post(
        action_url(school_case, CaseAction.REFER_TO_LA),
        {
            "version": "1",
            "grounds": ["cannot_determine_needs"],
            "summary": "We need help.",
            **date_fields("referred_on", D("2026-10-12")),
        },
    ).soup
    assert [li.get_text(strip=True) for li in soup.select(".govuk-error-summary__list li")] == [
        "Add the evidence of support already given before you refer to the local authority"
    ]
    case = Case.objects.get(pk=school_case.pk)
    assert (case.deciding_body, case.version) == ("school", 1)


def test_a_stale_version_is_told_someone_else_changed_the_case(page, alnco, school, school_case):
    page.get(action_url(school_case, CaseAction.DECIDE))  # the ALNCo opens the form at version 1
    teacher = MembershipFactory(role="teacher", setting=school).user
    case_add_evidence(  # meanwhile a teacher adds evidence
        actor=teacher,
        case=school_case,
        version=1,
        kind=EvidenceKind.UNIVERSAL,
        description="Visual timetable in class.",
        started_on=D("2026-09-07"),
        ended_on=None,
        provided_by="",
        progress="",
    )
    response = page.post(
        action_url(school_case, CaseAction.DECIDE),
        decision_data(school_case, version="1"),
        status=302,
    )
    assert response.url == f"/cases/{school_case.pk}/"
    soup = page.get(response.url).soup
    assert "Someone else changed this case" in banner(soup)
    assert "Visual timetable in class." in soup.get_text()  # they see the case as it is now
    case = Case.objects.get(pk=school_case.pk)
    assert (case.stage, case.outcome, case.version) == ("gathering", "", 2)


def test_a_form_without_a_version_is_treated_as_stale(page, alnco, school_case):
    page.post(
        action_url(school_case, CaseAction.DECIDE),
        decision_data(school_case, version=""),
        status=302,
    )
    assert Case.objects.get(pk=school_case.pk).outcome == ""


@pytest.mark.parametrize(
    ("values", "href", "message"),
    [
        ({"reasons": ""}, "#id_reasons", "Enter the reasons for the decision"),
        ({"reasons": "   "}, "#id_reasons", "Enter the reasons for the decision"),
        (
            date_fields("decided_on", D("2026-10-15")),
            "#id_decided_on_0",
            "The date must be today or in the past",
        ),
        (
            date_fields("decided_on", D("2026-09-30")),
            "#id_decided_on_0",
            "The date must be on or after the day the concern was brought to your attention",
        ),
        (
            {"outcome": "duty_does_not_arise"},
            "#id_duty_exception",
            "Select why the duty to decide does not arise",
        ),
    ],
    ids=["no-reasons", "blank-reasons", "future", "before-concern", "no-exception"],
)
def test_a_field_error_re_renders_the_form_with_the_error_summary(
    page, alnco, school_case, values, href, message
):
    soup = page.post(
        action_url(school_case, CaseAction.DECIDE), decision_data(school_case, **values)
    ).soup
    assert (href, message) in error_summary(soup)
    assert soup.title.get_text(strip=True).startswith("Error:")
    assert soup.select_one('input[name="version"]')["value"] == "1"
    case = Case.objects.get(pk=school_case.pk)
    assert (case.stage, case.outcome, case.version) == ("gathering", "", 1)


# --- Every page in Welsh -----------------------------------------------------------------------


@pytest.fixture
def welsh_alnco(alnco):
    alnco.preferred_language = "cy"
    alnco.save()
    return alnco


def test_the_concern_pages_work_in_welsh(page, welsh_alnco, terms, enrolled_learner):
    page.get(f"/learners/{enrolled_learner.pk}/", language="cy")
    page.get(f"/cases/new/{enrolled_learner.pk}/", language="cy")
    soup = page.post(
        f"/cases/new/{enrolled_learner.pk}/",
        {"raised_by": "teacher", "concern": ""},
        language="cy",
    ).soup
    assert soup.select_one(".govuk-error-summary") is not None


def test_every_action_offered_on_a_gathering_case_opens_in_welsh(page, welsh_alnco, school_case):
    soup = page.get(f"/cases/{school_case.pk}/", language="cy").soup
    hrefs = [a["href"] for a in soup.select("#case-actions a")]
    assert len(hrefs) == 8  # answers are offered only once something is awaited
    for href in hrefs:
        page.get(href, language="cy")


def test_the_decision_and_notice_pages_work_in_welsh(page, welsh_alnco, school_case):
    soup = page.post(
        action_url(school_case, CaseAction.DECIDE),
        decision_data(school_case, reasons=""),
        language="cy",
    ).soup
    assert soup.select_one(".govuk-error-summary") is not None
    page.post(action_url(school_case, CaseAction.DECIDE), decision_data(school_case), status=302)
    page.get(action_url(school_case, CaseAction.GIVE_NOTICE), language="cy")
    page.get(f"/cases/{school_case.pk}/", language="cy")


def test_taking_on_a_case_makes_you_its_owner_and_is_then_no_longer_offered(
    page, alnco, school_case
):
    assert school_case.owner is not None  # the ALNCo who recorded the concern
    assert school_case.owner != alnco
    page.post(action_url(school_case, CaseAction.TAKE_ON), {"version": "1"}, status=302)
    school_case.refresh_from_db()
    assert school_case.owner == alnco
    assert "Take on this case" not in offered(page.get(f"/cases/{school_case.pk}/").soup)
