"""Passing a plan to the body that must now maintain it: who can act afterwards, where the
deadlines go (the review date carries on), who is told, and the moves the law refuses."""

import pytest

from aln.audit.models import AuditEvent
from aln.cases.selectors import case_parties_for
from aln.deadlines.clock import AuthorityClock
from aln.deadlines.models import Deadline
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import PlanError, TransferError, TransferKind
from aln.domain.process import Party, ProcessError
from aln.domain.responsibility import Body
from aln.idps.models import Idp, ReviewRequest, Transfer
from aln.idps.selectors.plans import idp_may_edit, idp_visible_queryset
from aln.idps.services.transfers import idp_transfer
from aln.notifications.models import OutboxMessage
from tests.aln.idps.conftest import TODAY, D
from tests.aln.idps.test_ceasing import YOUNG, fresh, given_plan, refused
from tests.factories import (
    CalendarClosureFactory,
    DeadlineFactory,
    EnrolmentFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    ReviewRequestFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db


def transfer(idp, actor, kind, **values):
    values.setdefault("joined_on", D("2026-10-05"))
    values.setdefault("given_on", TODAY)
    return idp_transfer(
        actor=actor,
        idp=idp,
        case_version=idp.case.version,
        kind=kind,
        notice_language=NoticeLanguage.EN,
        notice_method=DeliveryMethod.POST,
        **values,
    )


@pytest.fixture
def school_plan(authority, school, terms):
    return given_plan(body=Body.SCHOOL, authority=authority, setting=school)


@pytest.fixture
def new_school(authority):
    return SettingFactory(local_authority=authority, name_en="Ysgol Newydd", name_cy="Ysgol Newydd")


def test_an_in_year_move_hands_the_plan_and_its_clocks_to_the_new_school(
    school_plan, school, new_school
):
    idp, old_alnco = school_plan
    EnrolmentFactory(learner=idp.learner, setting=new_school, started_on=D("2026-10-05"))
    new_alnco = MembershipFactory(role="alnco", setting=new_school).user
    # The new school's own calendar (a week's closure) does not move a review period in months.
    CalendarClosureFactory(
        local_authority=school.local_authority,
        setting=new_school,
        starts_on=D("2026-10-19"),
        ends_on=D("2026-10-23"),
        reason="Building work",
    )
    review = Deadline.objects.get(case=idp.case, rule_id="idp-review")
    school_days = DeadlineFactory(
        case=idp.case,
        rule_id="school-decision",
        started_on=D("2026-10-01"),
        due_on=AuthorityClock.load(school.local_authority_id).dates(
            "school-decision", D("2026-10-01"), school.pk
        )[0],
        owner=old_alnco,
    )

    request = ReviewRequestFactory(idp=idp, owner=old_alnco)

    moved = transfer(idp, old_alnco, TransferKind.IN_YEAR_SCHOOL, new_setting=new_school)

    stored = fresh(idp)
    assert (stored.maintained_by, stored.setting_id) == ("school", new_school.pk)
    case = stored.case
    assert (case.setting_id, case.deciding_body, case.owner_id) == (new_school.pk, "school", None)
    assert case.stage == "maintaining"
    # The new school's ALNCo now acts for the plan; the old school's does not.
    assert idp_may_edit(user=new_alnco, idp=stored)
    assert not idp_may_edit(user=old_alnco, idp=stored)
    # The review period carries on to the same day (s.35; T11); the deadlines are the new body's.
    review_after = Deadline.objects.get(pk=review.pk)
    assert review_after.due_on == review.due_on
    assert (review_after.setting_id, review_after.owner_id, review_after.state) == (
        new_school.pk,
        None,
        "open",
    )
    # Any other duty still open was the old school's: it closes with its part in the plan.
    assert Deadline.objects.get(pk=school_days.pk).state == "closed"
    assert AuditEvent.objects.filter(event_type="deadline.handed_over").count() == 1
    assert AuditEvent.objects.filter(
        event_type="deadline.closed", subject_id=str(school_days.pk)
    ).exists()
    # The record of the move, the copy of the plan (reg 15) and the family's letter (s.22(2)).
    assert (moved.from_body, moved.to_body, moved.from_setting_id, moved.to_setting_id) == (
        "school",
        "school",
        school.pk,
        new_school.pk,
    )
    assert "Regulation 15" in moved.notes
    assert moved.notice.kind == "responsibility_changed"
    event = AuditEvent.objects.get(event_type="case.transferred")
    assert event.changes["kind"] == "in_year_school"
    # A request for a review waiting for an answer is the new school's task now.
    assert ReviewRequest.objects.get(pk=request.pk).owner_id is None
    assert event.changes["review_requests_released"] == [str(request.pk)]
    # The new school's people are told, without the learner's name.
    message = OutboxMessage.objects.get(to_email=new_alnco.email)
    for text in (message.subject, message.body):
        assert idp.learner.first_name not in text
        assert idp.learner.last_name not in text
    assert case.reference in message.subject
    assert not OutboxMessage.objects.filter(to_email=old_alnco.email).exists()


def test_a_start_of_year_move_must_be_joined_by_the_end_of_september(school_plan, new_school):
    idp, actor = school_plan
    error = refused(
        idp,
        lambda: transfer(
            idp,
            actor,
            TransferKind.START_OF_YEAR_SCHOOL,
            new_setting=new_school,
            joined_on=D("2026-10-01"),
        ),
        TransferError.JOINED_TOO_LATE,
    )
    assert error.field == "joined_on"
    assert not Transfer.objects.exists()
    transfer(
        idp,
        actor,
        TransferKind.START_OF_YEAR_SCHOOL,
        new_setting=new_school,
        joined_on=D("2026-09-30"),
    )
    assert fresh(idp).setting_id == new_school.pk


def test_school_to_college_names_a_college(authority, school, terms):
    idp, actor = given_plan(
        body=Body.SCHOOL, authority=authority, setting=school, date_of_birth=YOUNG
    )
    college = SettingFactory(local_authority=authority, kind="fei", name_en="Coleg Gwent Prawf")
    lead = MembershipFactory(role="fei_aln_lead", setting=college).user
    refused(
        idp,
        lambda: transfer(
            idp,
            actor,
            TransferKind.SCHOOL_TO_FEI,
            new_setting=SettingFactory(local_authority=authority),
            joined_on=D("2026-09-07"),
        ),
        TransferError.NO_NEW_SETTING,
    )
    transfer(idp, actor, TransferKind.SCHOOL_TO_FEI, new_setting=college, joined_on=D("2026-09-07"))
    stored = fresh(idp)
    assert (stored.maintained_by, stored.setting_id) == ("fei", college.pk)
    assert stored.case.deciding_body == "fei"
    assert idp_may_edit(user=lead, idp=stored)


def test_dual_registration_passes_the_plan_to_the_learners_local_authority(school_plan, authority):
    idp, actor = school_plan
    officer = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    transfer(idp, actor, TransferKind.DUAL_REGISTRATION)
    stored = fresh(idp)
    assert (stored.maintained_by, stored.local_authority_id, stored.setting_id) == (
        "local_authority",
        authority.pk,
        None,
    )
    assert (stored.case.deciding_body, stored.case.setting_id) == ("local_authority", None)
    assert Party.DECIDER in case_parties_for(user=officer, case=stored.case)
    assert not idp_may_edit(user=actor, idp=stored)


def test_a_move_between_authorities_goes_to_the_one_chosen(authority, terms):
    idp, officer = given_plan(body=Body.LOCAL_AUTHORITY, authority=authority, date_of_birth=YOUNG)
    refused(
        idp,
        lambda: transfer(idp, officer, TransferKind.BETWEEN_LAS),
        TransferError.NO_NEW_AUTHORITY,
    )
    refused(
        idp,
        lambda: transfer(idp, officer, TransferKind.BETWEEN_LAS, new_local_authority=authority),
        TransferError.SAME_BODY,
    )
    other = LocalAuthorityFactory(name_en="Sir Arall", name_cy="Sir Arall")
    their_officer = MembershipFactory(role="la_aln_officer", local_authority=other).user
    review = Deadline.objects.get(case=idp.case)
    moved = transfer(idp, officer, TransferKind.BETWEEN_LAS, new_local_authority=other)
    stored = fresh(idp)
    assert (stored.local_authority_id, stored.case.local_authority_id) == (other.pk, other.pk)
    assert (moved.from_local_authority_id, moved.to_local_authority_id) == (authority.pk, other.pk)
    after = Deadline.objects.get(pk=review.pk)
    assert (after.local_authority_id, after.due_on) == (other.pk, review.due_on)
    assert idp_may_edit(user=their_officer, idp=stored)
    assert not idp_may_edit(user=officer, idp=stored)
    assert OutboxMessage.objects.filter(to_email=their_officer.email).exists()


def test_into_care_the_looking_after_authority_maintains_it(school_plan):
    idp, actor = school_plan
    looking_after = LocalAuthorityFactory(name_en="Cyngor Gofal", name_cy="Cyngor Gofal")
    transfer(idp, actor, TransferKind.INTO_CARE, new_local_authority=looking_after)
    stored = fresh(idp)
    assert (stored.maintained_by, stored.local_authority_id) == (
        "looking_after_authority",
        looking_after.pk,
    )
    assert stored.case.deciding_body == "local_authority"
    # The child is now looked after by that authority, whose officers can find the plan.
    assert (stored.learner.is_looked_after, stored.learner.looked_after_by_id) == (
        True,
        looking_after.pk,
    )
    officer = MembershipFactory(role="la_aln_officer", local_authority=looking_after).user
    assert idp_may_edit(user=officer, idp=stored)
    assert idp_visible_queryset(user=officer).filter(pk=idp.pk).exists()


def test_out_of_care_the_home_authority_maintains_it(authority, terms):
    looking_after = LocalAuthorityFactory()
    learner = LearnerFactory(
        home_local_authority=authority, is_looked_after=True, looked_after_by=looking_after
    )
    idp, officer = given_plan(
        body=Body.LOOKING_AFTER_AUTHORITY, authority=looking_after, learner=learner
    )
    home_officer = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    transfer(idp, officer, TransferKind.OUT_OF_CARE)
    stored = fresh(idp)
    assert (stored.maintained_by, stored.local_authority_id) == ("local_authority", authority.pk)
    assert idp_may_edit(user=home_officer, idp=stored)
    assert (stored.learner.is_looked_after, stored.learner.looked_after_by_id) == (False, None)


def test_a_move_that_does_not_start_from_this_body_is_refused(school_plan, authority):
    idp, actor = school_plan
    refused(
        idp,
        lambda: transfer(idp, actor, TransferKind.BETWEEN_LAS, new_local_authority=authority),
        TransferError.NOT_FROM_THIS_BODY,
    )


def test_only_the_body_maintaining_the_plan_passes_it_on(school_plan, new_school):
    idp, _actor = school_plan
    someone_else = MembershipFactory(role="alnco", setting=new_school).user
    refused(
        idp,
        lambda: transfer(idp, someone_else, TransferKind.IN_YEAR_SCHOOL, new_setting=new_school),
        PlanError.NOT_YOURS,
    )


def test_the_notice_date_cannot_be_before_the_move(school_plan, new_school):
    idp, actor = school_plan
    error = refused(
        idp,
        lambda: transfer(
            idp,
            actor,
            TransferKind.IN_YEAR_SCHOOL,
            new_setting=new_school,
            given_on=D("2026-10-02"),
        ),
        ProcessError.DATE_BEFORE_START,
    )
    assert error.field == "given_on"
    assert Idp.objects.get(pk=idp.pk).setting_id != new_school.pk
