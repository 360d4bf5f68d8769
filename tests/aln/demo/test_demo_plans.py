"""The demo's plans: every kind issue 5 names, at every point of a plan's life, made through the
plan services."""

import pytest

from aln.accounts.models import User
from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.common.clock import today
from aln.deadlines.models import Deadline
from aln.demo import builder
from aln.demo.plans import create_demo_plans, demo_plans, plan_path
from aln.domain.ages import AgeBand, age_band
from aln.domain.idp import ProblemCode, check_outcome
from aln.domain.plans import REVIEW_RULE, AlpProvider, ReviewDecision, ReviewRequester
from aln.domain.process import ClosedBecause, Stage
from aln.domain.responsibility import Body
from aln.idps.models import Attachment, Idp, IdpVersion, ReviewRequest, Transfer, VersionState
from aln.idps.selectors.plans import (
    current_version,
    draft_of,
    idp_get_for,
    idp_may_edit,
    issue_blocks,
    outcome_language,
)
from aln.notices.models import Notice
from aln.organisations.models import LocalAuthority
from tests.aln.demo.loading import load_demo

pytestmark = pytest.mark.django_db

LA_BODIES = {Body.LOCAL_AUTHORITY.value, Body.LOOKING_AFTER_AUTHORITY.value}


@pytest.fixture
def la(demo_output):
    return LocalAuthority.objects.get(code=builder.DEMO_LA_CODE)


@pytest.fixture
def plans(la):
    return list(
        Idp.objects.filter(learner__home_local_authority=la)
        .select_related("case", "learner", "setting", "local_authority")
        .order_by("created_at")
    )


def given(plans):
    """(plan, the version in force) for every plan that has been given."""
    pairs = [(idp, current_version(idp=idp)) for idp in plans]
    return [(idp, version) for idp, version in pairs if version is not None]


def test_plans_of_every_kind(plans):
    in_force = given(plans)
    school = [(i, v) for i, v in in_force if i.maintained_by == Body.SCHOOL.value]
    assert school
    # A local authority's plan naming other provision in section 2D.
    assert any(
        i.maintained_by in LA_BODIES
        and (v.named_school_id or v.other_placement.strip() or v.board_and_lodging.strip())
        for i, v in in_force
    )
    # An early years plan: the LA's, for a child under compulsory school age when it was given.
    assert any(
        i.maintained_by == Body.LOCAL_AUTHORITY.value
        and age_band(i.learner.date_of_birth, v.issued_on) is AgeBand.UNDER_COMPULSORY_SCHOOL_AGE
        for i, v in in_force
    )
    # A college's plan for a young person.
    assert any(
        i.maintained_by == Body.FEI.value
        and age_band(i.learner.date_of_birth, v.issued_on) is AgeBand.YOUNG_PERSON
        for i, v in in_force
    )
    # A looked-after child's plan, maintained by the authority that looks after the child.
    assert any(
        i.learner.is_looked_after
        and i.maintained_by == Body.LOOKING_AFTER_AUTHORITY.value
        and i.local_authority_id == i.learner.looked_after_by_id
        for i, _v in in_force
    )
    # NHS provision in section 2C, secured by the demo's health board.
    assert any(
        e.provider == AlpProvider.NHS_BODY.value and e.health_board.code == "7A1"
        for _i, v in in_force
        for e in v.elements.all()
    )
    # Welsh-medium provision in a plan written in Welsh.
    assert any(
        v.language == "cy" and any(e.welsh_required for e in v.elements.all()) for _i, v in school
    )
    # A professional report attached as an appendix, a PDF like any other upload.
    report = Attachment.objects.get(idp__in=plans, kind="professional_report")
    with report.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"


def test_a_plan_at_each_point_of_its_life(la, plans):
    # A draft being written while the plan is due, with an outcome the checker finds vague.
    drafts = [(idp, draft_of(idp=idp)) for idp in plans if idp.case.stage == Stage.IDP_DUE]
    assert any(
        ProblemCode.VAGUE in check_outcome(element.outcome, outcome_language(draft)).codes
        for _idp, draft in drafts
        for element in draft.elements.all()
    )
    assert all(issue_blocks(draft) for _idp, draft in drafts)  # it cannot be given yet
    # A revised plan: version 2 given, with why it was revised.
    revised = IdpVersion.objects.get(idp__in=plans, number=2, state=VersionState.ISSUED)
    assert revised.why_revised
    assert revised.notice.kind == "revised_idp_given"
    # A review that kept the plan as it is, with its notice.
    kept = [r for idp in plans for r in idp.reviews.all() if r.decision == "no_revision"]
    assert kept
    assert all(review.notice.kind == "no_revision" for review in kept)
    # A request for a review from the demo parent, waiting as a task with an owner.
    parent = User.objects.get(email=builder.PARENT_EMAIL)
    request = ReviewRequest.objects.get(idp__in=plans, state="open")
    assert request.requested_by == ReviewRequester.PARENT.value
    assert request.created_by == parent
    assert request.owner is not None
    # A proposal to cease, with the proposed decision given.
    proposed = [idp for idp in plans if idp.case.stage == Stage.CEASE_PROPOSED]
    assert proposed
    assert all(idp.cease_ground and idp.cease_proposed_on for idp in proposed)
    # A plan ceased by a school: the family may still ask the LA to reconsider.
    ceased = [idp for idp in plans if idp.case.closed_because == ClosedBecause.PLAN_CEASED.value]
    assert ceased
    assert all(idp.ceased_on and idp.case.stage == Stage.CLOSED for idp in ceased)
    assert any(
        idp.reconsideration_closes_on and idp.reconsideration_closes_on >= today() for idp in ceased
    )
    # A plan passed to a new body, the family told who is now responsible.
    # The transfer story (a take-over after a request to the LA is a transfer too: not this one).
    transfer = Transfer.objects.exclude(kind="la_takes_over").get(idp__in=plans)
    assert transfer.notice.kind == "responsibility_changed"
    assert transfer.to_body == transfer.idp.maintained_by
    kinds = set(Notice.objects.filter(case__idp__in=plans).values_list("kind", flat=True))
    assert {
        "idp_given",
        "revised_idp_given",
        "no_revision",
        "cease_proposed",
        "cease_decided",
        "responsibility_changed",
    } <= kinds


def test_made_through_the_services_with_past_dates(plans):
    now = today()
    for idp in plans:
        events = set(
            AuditEvent.objects.filter(subject_id=str(idp.pk)).values_list("event_type", flat=True)
        )
        assert "idp.started" in events, idp.case.reference
        assert {"case.opened", "case.decided", "case.notice_given"} <= set(
            AuditEvent.objects.filter(subject_id=str(idp.case_id)).values_list(
                "event_type", flat=True
            )
        ), idp.case.reference
        for version in idp.versions.filter(state=VersionState.ISSUED):
            assert "idp.given" in events
            assert not issue_blocks(version), (idp.case.reference, version.number)
            assert version.issued_on <= now
            assert version.notice.given_on == version.issued_on
            assert version.notice.size_bytes > 0
        for review in idp.reviews.all():
            assert "idp.reviewed" in events
            assert review.invited_on < review.held_on <= now
        if idp.case.stage == Stage.MAINTAINING:
            # The review clock runs from the day the plan (or its last revision) was given.
            review = Deadline.objects.get(case=idp.case, rule_id=REVIEW_RULE, state="open")
            assert review.started_on == idp.review_period_started_on <= now
    assert ReviewDecision.REVISE.value in {r.decision for idp in plans for r in idp.reviews.all()}


def test_each_plan_opens_for_the_login_the_printout_names(la, demo_output):
    rows = demo_plans(la)
    assert "Example plans, one of each kind" in demo_output
    assert len(rows) == Idp.objects.filter(learner__home_local_authority=la).count()
    for row in rows:
        assert f"{plan_path(row.idp_id)} ({row.sign_in_as})" in demo_output
        user = User.objects.get(email=row.sign_in_as)
        idp = idp_get_for(user=user, idp_id=row.idp_id)
        if row.stage != Stage.CLOSED:
            assert idp_may_edit(user=user, idp=idp), row.summary
    parent = User.objects.get(email=builder.PARENT_EMAIL)
    requested = ReviewRequest.objects.get(idp__learner__home_local_authority=la, state="open")
    assert idp_get_for(user=parent, idp_id=requested.idp_id)


def test_loading_again_adds_nothing(la, demo_output):
    counts = (
        Idp.objects.count(),
        IdpVersion.objects.count(),
        Case.objects.count(),
        Notice.objects.count(),
        AuditEvent.objects.count(),
    )
    again = load_demo()
    assert "already loaded" in again
    assert "Example plans, one of each kind" in again
    assert create_demo_plans(la, {}, {}, today()) == []
    assert (
        Idp.objects.count(),
        IdpVersion.objects.count(),
        Case.objects.count(),
        Notice.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
