import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.audit.models import AuditEvent
from aln.audit.services import audit_record
from aln.cases.models import AdviceRequest, Meeting, NhsReferral, Views
from aln.cases.services.opening import case_open
from aln.deadlines.services.deadlines import deadline_open, deadline_record_missed_reason
from aln.domain.cases import CaseKind, DecidingBody
from aln.domain.deadlines import MissedReason
from aln.organisations.models import HealthBoard
from tests.conftest import signed_in
from tests.factories import (
    CaseFactory,
    DeadlineFactory,
    EnrolmentFactory,
    EvidenceFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    SettingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 14)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _on_a_wednesday():
    noon = datetime.datetime(2026, 10, 14, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture
def la_case(la_officer, enrolled_learner):
    """An LA decision opened through the services, with an NHS response that was missed."""
    owner = UserFactory(full_name="Dafydd Evans")
    case = case_open(
        actor=la_officer,
        learner=enrolled_learner,
        kind=CaseKind.ALN_DECISION,
        deciding_body=DecidingBody.LOCAL_AUTHORITY,
        opened_on=datetime.date(2026, 9, 1),
        owner=owner,
    )
    nhs = deadline_open(
        actor=la_officer, case=case, rule_id="nhs-response", started_on=datetime.date(2026, 9, 1)
    )
    deadline_record_missed_reason(
        actor=la_officer,
        deadline=nhs,
        reason=MissedReason.BEYOND_CONTROL,
        circumstance="The clinic was closed by flooding.",
        version=nhs.version,
    )
    decision = case.deadlines.get(rule_id="la-decision")
    audit_record(
        actor=la_officer,
        event_type="deadline.recomputed",
        subject=decision,
        local_authority_id=case.local_authority_id,
        changes={"due_on": ["2026-11-23", "2026-11-24"]},
        reason="Term dates changed",
    )
    return case


def summary(soup):
    return {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)
        for row in soup.select("#case-summary .govuk-summary-list__row")
    }


def test_case_page_shows_the_case_its_deadlines_and_the_next_one(page, la_case, authority):
    soup = page.get(f"/cases/{la_case.pk}/").soup
    assert soup.select_one(".govuk-caption-l").get_text() == f"Case {la_case.reference}"
    heading_link = soup.select_one("h1 a")
    assert heading_link.get_text() == la_case.learner.full_name
    assert heading_link["href"] == f"/learners/{la_case.learner_id}/"
    assert summary(soup) == {
        "What the case is about": "Deciding whether the learner has additional learning needs",
        "Who decides": "The local authority",
        "School or setting": "None: the local authority decides",
        "Local authority": authority.name,
        "Opened on": "1 September 2026",
        "Owner": "Dafydd Evans",
    }
    deadlines = soup.select("#deadlines tbody tr")
    assert [row.select_one("td").get_text(" ", strip=True)[:20] for row in deadlines] == [
        "NHS body responds to",
        "Local authority deci",
    ]
    nhs_cells = [td.get_text(" ", strip=True) for td in deadlines[0].select("td")]
    assert nhs_cells[1:5] == [
        "1 September 2026",
        "13 October 2026",
        "Overdue 1 day overdue",
        "\N{EN DASH}",
    ]
    assert "The clinic was closed by flooding." in nhs_cells[0]
    assert "circumstances beyond our control" in nhs_cells[0]
    assert " ".join(soup.select_one("#next-deadline").get_text().split()) == (
        "Next legal deadline 13 October 2026: NHS body responds to a referral (6 weeks) "
        "Overdue 1 day overdue"
    )


def test_case_page_history_newest_first_without_views(page, la_case, la_officer):
    page.get(f"/cases/{la_case.pk}/")
    soup = page.get(f"/cases/{la_case.pk}/").soup
    entries = soup.select("#history > li")
    assert [e.select_one("h3").get_text() for e in entries] == [
        "Due date recalculated",
        "Reason for missing the deadline recorded",
        "Clock started",
        "Clock started",
        "Case opened",
    ]
    recomputed = entries[0].get_text(" ", strip=True)
    assert "Local authority decides whether the learner has ALN (12 weeks)" in recomputed
    assert f"By {la_officer.full_name}, 14 October 2026, 12:00" in recomputed
    assert "Due date moved from 23 November 2026 to 24 November 2026." in recomputed
    assert "Reason given: Term dates changed" in recomputed
    assert "The clinic was closed by flooding." in entries[1].get_text()
    assert "Due on 13 October 2026." in entries[2].get_text()
    assert (
        AuditEvent.objects.filter(event_type="case.viewed", subject_id=str(la_case.pk)).count() == 2
    )
    assert "viewed" not in soup.select_one("#history").get_text().lower()


def test_case_page_in_welsh(page, la_case, la_officer):
    la_officer.preferred_language = "cy"
    la_officer.save()
    soup = page.get(f"/cases/{la_case.pk}/", language="cy").soup
    assert "1 Medi 2026" in soup.select_one("#case-summary").get_text()


def test_la_officer_may_act_on_the_las_deadlines(page, la_case):
    soup = page.get(f"/cases/{la_case.pk}/").soup
    nhs, decision = soup.select("#deadlines tbody tr")
    nhs_links = {a.get_text(strip=True).split(":")[0] for a in nhs.select("a")}
    assert nhs_links == {"Mark as done", "Change why it was missed"}
    assert [a.get_text(strip=True).split(":")[0] for a in decision.select("a")] == ["Mark as done"]


def test_school_staff_see_an_la_case_but_do_not_act_on_it(client, page, la_case, school):
    signed_in(client, "alnco", setting=school)
    soup = page.get(f"/cases/{la_case.pk}/").soup
    assert len(soup.select("#deadlines tbody tr")) == 2
    assert soup.select("#deadlines tbody a") == []


def test_alnco_acts_on_their_schools_overdue_deadline(page, alnco, school, enrolled_learner):
    case = CaseFactory(learner=enrolled_learner, setting=school)
    deadline = DeadlineFactory(case=case, due_on=TODAY - DAY)
    soup = page.get(f"/cases/{case.pk}/").soup
    hrefs = [a["href"] for a in soup.select("#deadlines tbody a")]
    assert hrefs == [
        f"/deadlines/{deadline.pk}/done/",
        f"/deadlines/{deadline.pk}/missed-reason/",
    ]
    assert "No reason for missing this deadline" in soup.select_one("#deadlines").get_text()


def test_families_see_their_childs_case_without_actions(client, page, la_case):
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=la_case.learner, family_member=FamilyMemberFactory(user=parent))
    soup = page.get(f"/cases/{la_case.pk}/").soup
    assert len(soup.select("#deadlines tbody tr")) == 2
    assert soup.select("#deadlines tbody a") == []
    assert soup.select_one("#history") is not None


def test_a_case_the_user_may_not_see_answers_404(page, alnco):
    stranger = EnrolmentFactory(setting=SettingFactory()).learner
    case = CaseFactory(learner=stranger)
    page.get(f"/cases/{case.pk}/", status=404)
    page.get("/cases/00000000-0000-0000-0000-000000000000/", status=404)
    assert not AuditEvent.objects.filter(event_type="case.viewed").exists()


def test_a_case_with_no_open_deadlines_says_so(page, alnco, school, enrolled_learner):
    case = CaseFactory(learner=enrolled_learner, setting=school)
    DeadlineFactory(case=case, state="met", met_on=TODAY)
    soup = page.get(f"/cases/{case.pk}/").soup
    assert "no open deadlines" in soup.select_one("#next-deadline").get_text()
    unknown = CaseFactory(learner=enrolled_learner, setting=school)
    DeadlineFactory(case=unknown, due_on=None, reminder_on=None)
    soup = page.get(f"/cases/{unknown.pk}/").soup
    assert "not known yet" in soup.select_one("#next-deadline").get_text()


def test_case_page_query_count_does_not_grow_with_deadlines(
    page, alnco, school, enrolled_learner, django_assert_num_queries
):
    case = CaseFactory(learner=enrolled_learner, setting=school)
    DeadlineFactory(case=case, owner=UserFactory())
    with django_assert_num_queries(18) as few:
        page.get(f"/cases/{case.pk}/")
    for _ in range(5):
        DeadlineFactory(case=case, owner=UserFactory(), due_on=TODAY - DAY)
    with django_assert_num_queries(len(few.captured_queries)):
        soup = page.get(f"/cases/{case.pk}/").soup
    assert len(soup.select("#deadlines tbody tr")) == 6


def test_learner_page_lists_their_cases(page, la_case):
    soup = page.get(f"/learners/{la_case.learner_id}/").soup
    link = soup.select_one("#cases tbody a")
    assert link.get_text() == la_case.reference
    assert link["href"] == f"/cases/{la_case.pk}/"


def _gathered(case, health_board):
    """One of each thing gathered on a case, written directly."""
    day = datetime.date(2026, 10, 1)
    EvidenceFactory(case=case)
    Views.objects.create(case=case, whose="parent", important_to="Friends", gathered_on=day)
    AdviceRequest.objects.create(
        case=case,
        source="health",
        asked_of="Paediatrics",
        question="?",
        requested_on=day,
        wanted_by=day,
    )
    NhsReferral.objects.create(case=case, health_board=health_board, question="?", received_on=day)
    Meeting.objects.create(case=case, held_on=day, invited="Family", notes="Agreed a plan")


def test_case_page_query_count_does_not_grow_with_what_is_gathered(
    page, alnco, school, enrolled_learner, django_assert_num_queries
):
    case = CaseFactory(learner=enrolled_learner, setting=school)
    board = HealthBoard.objects.get(code="7A1")
    _gathered(case, board)
    with django_assert_num_queries(18, exact=False) as few:
        page.get(f"/cases/{case.pk}/")
    for _ in range(4):
        _gathered(case, board)
    with django_assert_num_queries(len(few.captured_queries)):
        soup = page.get(f"/cases/{case.pk}/").soup
    assert len(soup.select("#evidence li")) == 5
    assert len(soup.select("#meetings li")) == 5
    assert len(soup.select("#nhs-referrals li")) == 5
