"""The demo's story cases: every stage of the process, made through the case services."""

import pytest

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.common.clock import today
from aln.demo import builder
from aln.demo.cases import create_process_cases, demo_cases
from aln.domain.ages import AgeBand, age_band
from aln.domain.notices import DECISION_KINDS
from aln.domain.process import ClosedBecause, Stage
from aln.notices.models import Notice, SupportProvider
from aln.organisations.models import LocalAuthority
from tests.aln.demo.loading import load_demo

pytestmark = pytest.mark.django_db

DATE_FIELDS = (
    "opened_on",
    "brought_to_attention_on",
    "consent_on",
    "referred_on",
    "decided_on",
    "necessity_decided_on",
    "closed_on",
)


@pytest.fixture
def output(demo_output):
    return demo_output


@pytest.fixture
def stories(output):
    la = LocalAuthority.objects.get(code=builder.DEMO_LA_CODE)
    return list(
        Case.objects.filter(local_authority=la)
        .exclude(concern="")
        .select_related("learner", "setting", "created_by")
    )


def test_a_case_at_every_stage_and_closed_every_way_a_story_ends(stories):
    # The plan stages (maintaining, cease proposed) are reached by the demo's plans (issue 5).
    assert {Stage(case.stage) for case in stories} == set(Stage)
    closed = {case.closed_because for case in stories if case.stage == Stage.CLOSED}
    assert {
        ClosedBecause.NOTICE_GIVEN.value,
        ClosedBecause.NO_CONSENT.value,
        ClosedBecause.PLAN_CEASED.value,
    } <= closed


def test_schools_a_college_the_la_early_years_and_a_looked_after_child(stories):
    assert {case.deciding_body for case in stories} == {"school", "fei", "local_authority"}
    assert any(case.referred_on for case in stories)  # a school referred to the LA
    assert any(case.is_young_person for case in stories)
    assert any(
        age_band(case.learner.date_of_birth, case.opened_on) is AgeBand.UNDER_COMPULSORY_SCHOOL_AGE
        and case.deciding_body == "local_authority"
        for case in stories
    )
    assert any(case.learner.is_looked_after for case in stories)
    assert {case.created_by.email for case in stories} >= {
        "alnco@demo.example",
        "headteacher@demo.example",
        "fei.lead@demo.example",
        "la.officer@demo.example",
        "early.years@demo.example",
    }


def test_made_through_the_services_with_past_dates_and_welsh_notices(stories):
    """Each case has the audit trail, deadlines and stored notices only the services make."""
    now = today()
    for case in stories:
        events = set(
            AuditEvent.objects.filter(subject_id=str(case.pk)).values_list("event_type", flat=True)
        )
        assert "case.opened" in events, case.reference
        if case.outcome:
            assert "case.decided" in events, case.reference
            assert case.reasons.strip()
        if case.stage in {Stage.GATHERING, Stage.DECIDING_NECESSITY, Stage.NOTICE_DUE}:
            assert case.deadlines.filter(state="open").exists(), case.reference
        for name in DATE_FIELDS:
            day = getattr(case, name)
            assert day is None or day <= now, (case.reference, name)
    # The school's decision notices (an LA's answer to a request adds its own: not counted).
    notices = Notice.objects.filter(
        case__in=stories, kind__in=DECISION_KINDS, la_requests__isnull=True
    )
    # A decision notice for each case that gave one: every case whose plan is due or was given.
    noticed = {Stage.IDP_DUE, Stage.MAINTAINING, Stage.CEASE_PROPOSED}
    ended = {
        ClosedBecause.NOTICE_GIVEN.value,
        ClosedBecause.PLAN_CEASED.value,
        ClosedBecause.PLAN_ENDED.value,
    }
    assert notices.count() == sum(
        1 for case in stories if case.stage in noticed or case.closed_because in ended
    )
    assert {"cy", "bilingual", "en"} <= set(notices.values_list("language", flat=True))
    assert all(notice.size_bytes > 0 and notice.given_on <= now for notice in notices)
    assert notices.filter(appeal_last_day__isnull=False).exists()  # the LA's decision
    assert set(SupportProvider.objects.values_list("kind", flat=True)) == {
        "information_and_advice",
        "disagreement_resolution",
        "independent_advocacy",
    }


def test_the_printout_points_to_a_case_at_each_stage_and_loading_again_adds_nothing(output):
    la = LocalAuthority.objects.get(code=builder.DEMO_LA_CODE)
    rows = demo_cases(la)
    assert {row.stage for row in rows} == set(Stage)
    assert "Example cases, one at each stage" in output
    for row in rows:
        assert f"/cases/{row.case_id}/ ({row.sign_in_as})" in output
        assert row.sign_in_as.endswith("@demo.example")
    assert "Closed: The young person did not agree to a decision being made" in output
    assert "Has additional learning needs: IDP to be given" in output

    counts = (Case.objects.count(), Notice.objects.count(), AuditEvent.objects.count())
    again = load_demo()
    assert "already loaded" in again
    assert "Example cases, one at each stage" in again
    assert create_process_cases(la, {}, {}, today()) == []
    assert (Case.objects.count(), Notice.objects.count(), AuditEvent.objects.count()) == counts
