"""Ending a plan: the automatic grounds for each body, and a proposal followed by a decision
(with its right of challenge), or withdrawn. A refused change leaves everything as it was."""

import pytest

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.common.errors import ServiceError
from aln.deadlines.models import Deadline
from aln.deadlines.services.deadlines import deadline_open
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import CeaseError, CeaseGround
from aln.domain.process import ProcessError
from aln.domain.responsibility import Body
from aln.idps.models import Idp
from aln.idps.selectors.ceasing import cease_grounds_for
from aln.idps.services.ceasing import cease_decide, cease_propose, cease_withdraw, plan_end
from tests.aln.idps.conftest import TODAY, D
from tests.factories import (
    CaseFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    IdpFactory,
    IdpVersionFactory,
    LearnerFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db

GIVEN_ON = D("2026-01-12")  # the first plan was given; its review period runs to January 2027

_DECIDING_BODY = {
    Body.SCHOOL: "school",
    Body.FEI: "fei",
    Body.LOCAL_AUTHORITY: "local_authority",
    Body.LOOKING_AFTER_AUTHORITY: "local_authority",
}
_ROLE = {
    Body.SCHOOL: "alnco",
    Body.FEI: "fei_aln_lead",
    Body.LOCAL_AUTHORITY: "la_aln_officer",
    Body.LOOKING_AFTER_AUTHORITY: "la_aln_officer",
}


def given_plan(*, body, authority, setting=None, learner=None, date_of_birth=None):
    """A plan in force, maintained by `body`, with its review deadline running; returns
    (plan, someone acting for the body). Built directly: giving a plan is another module's."""
    if learner is None:
        learner = LearnerFactory(
            home_local_authority=authority, date_of_birth=date_of_birth or D("2016-05-04")
        )
        if setting is not None:
            EnrolmentFactory(learner=learner, setting=setting)
    FamilyLinkFactory(learner=learner)
    at_setting = body in (Body.SCHOOL, Body.FEI)
    organisation = {"setting": setting} if at_setting else {"local_authority": authority}
    actor = MembershipFactory(role=_ROLE[body], **organisation).user
    case = CaseFactory(
        learner=learner,
        local_authority=authority,
        setting=setting if at_setting else None,
        deciding_body=_DECIDING_BODY[body],
        stage="maintaining",
        outcome="has_aln",
        decided_on=D("2025-12-01"),
        idp_preparer=body.value,
    )
    idp = IdpFactory(
        case=case,
        maintained_by=body.value,
        setting=setting if at_setting else None,
        first_given_on=GIVEN_ON,
        review_period_started_on=GIVEN_ON,
    )
    IdpVersionFactory(idp=idp, number=1, state="issued", issued_on=GIVEN_ON)
    deadline_open(actor=actor, case=case, rule_id="idp-review", started_on=GIVEN_ON, owner=actor)
    return idp, actor


def snapshot(idp):
    """Everything a refused change must leave as it was."""
    case = Case.objects.get(pk=idp.case_id)
    stored = Idp.objects.get(pk=idp.pk)
    return (
        case.stage,
        case.version,
        case.closed_on,
        stored.cease_ground,
        stored.ceased_on,
        stored.cease_proposed_on,
        AuditEvent.objects.count(),
        sorted(Deadline.objects.filter(case=case).values_list("state", flat=True)),
    )


def refused(idp, call, code):
    before = snapshot(idp)
    with pytest.raises(ServiceError) as raised:
        call()
    assert raised.value.code == code
    assert snapshot(idp) == before
    return raised.value


def fresh(idp):
    return Idp.objects.select_related("case", "learner").get(pk=idp.pk)


@pytest.fixture
def school_plan(authority, school, terms):
    return given_plan(body=Body.SCHOOL, authority=authority, setting=school)


@pytest.fixture
def fei(authority):
    return SettingFactory(local_authority=authority, kind="fei", name_en="Coleg Prawf")


YOUNG = D("2008-01-01")  # over compulsory school age by 2026: a young person


# --- Automatic grounds --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "born", "ground", "error"),
    [
        (Body.SCHOOL, None, CeaseGround.NO_LONGER_REGISTERED, None),
        (Body.SCHOOL, None, CeaseGround.ENGLISH_EHC_PLAN, None),
        (Body.SCHOOL, None, CeaseGround.LEFT_FEI, CeaseError.NOT_FOR_THIS_BODY),
        (Body.SCHOOL, None, CeaseGround.LA_NO_LONGER_RESPONSIBLE, CeaseError.NOT_FOR_THIS_BODY),
        (
            Body.SCHOOL,
            None,
            CeaseGround.NO_LONGER_LOOKED_AFTER_IN_AREA,
            CeaseError.NOT_FOR_THIS_BODY,
        ),
        (Body.SCHOOL, None, CeaseGround.CONSENT_WITHDRAWN, CeaseError.NOT_A_YOUNG_PERSON),
        (Body.SCHOOL, None, CeaseGround.AGE_25, CeaseError.NOT_YET_25),
        (Body.SCHOOL, None, CeaseGround.NO_LONGER_ALN, CeaseError.NEEDS_A_DECISION),
        (Body.FEI, YOUNG, CeaseGround.LEFT_FEI, None),
        (Body.FEI, YOUNG, CeaseGround.CONSENT_WITHDRAWN, None),
        (Body.FEI, YOUNG, CeaseGround.NO_LONGER_REGISTERED, CeaseError.NOT_FOR_THIS_BODY),
        (Body.LOCAL_AUTHORITY, YOUNG, CeaseGround.LA_NO_LONGER_RESPONSIBLE, None),
        (Body.LOCAL_AUTHORITY, YOUNG, CeaseGround.LEFT_FEI, CeaseError.NOT_FOR_THIS_BODY),
        (
            Body.LOCAL_AUTHORITY,
            YOUNG,
            CeaseGround.NO_LONGER_NECESSARY,
            CeaseError.NEEDS_A_DECISION,
        ),
        (Body.LOOKING_AFTER_AUTHORITY, None, CeaseGround.NO_LONGER_LOOKED_AFTER_IN_AREA, None),
        (
            Body.LOOKING_AFTER_AUTHORITY,
            None,
            CeaseGround.LA_NO_LONGER_RESPONSIBLE,
            CeaseError.NOT_FOR_THIS_BODY,
        ),
        # 25 on 31 July 2026: the duties ended with that academic year (spec T17).
        (Body.LOCAL_AUTHORITY, D("2001-07-31"), CeaseGround.AGE_25, None),
        # 25 on 1 August 2026: the duties run to 31 July 2027.
        (Body.LOCAL_AUTHORITY, D("2001-08-01"), CeaseGround.AGE_25, CeaseError.NOT_YET_25),
    ],
)
def test_each_automatic_ground_ends_only_the_plans_it_applies_to(
    authority, fei, terms, body, born, ground, error
):
    setting = {Body.SCHOOL: SettingFactory(local_authority=authority), Body.FEI: fei}.get(body)
    idp, actor = given_plan(body=body, authority=authority, setting=setting, date_of_birth=born)

    def end():
        plan_end(
            actor=actor,
            idp=idp,
            case_version=idp.case.version,
            ground=ground,
            ended_on=D("2026-10-09"),
            notes="Left for home education on 9 October.",
        )

    if error is not None:
        refused(idp, end, error)
        assert ground not in cease_grounds_for(idp=idp, on=TODAY, decided=False)
        return
    end()
    case = Case.objects.get(pk=idp.case_id)
    assert (case.stage, case.closed_on, case.closed_because) == (
        "closed",
        D("2026-10-09"),
        "plan_ended",
    )
    stored = Idp.objects.get(pk=idp.pk)
    assert (stored.cease_ground, stored.ceased_on) == (ground.value, D("2026-10-09"))
    assert stored.cease_reasons == "Left for home education on 9 October."
    assert list(Deadline.objects.filter(case=case).values_list("state", flat=True)) == ["closed"]
    ended = AuditEvent.objects.get(event_type="case.plan_ended", subject_id=str(case.pk))
    assert ended.changes["ground"] == ground.value
    closed = AuditEvent.objects.get(event_type="deadline.closed")
    assert closed.reason == ground.rule.source


def test_the_grounds_offered_fit_the_plan(school_plan):
    idp, _actor = school_plan
    assert cease_grounds_for(idp=idp, on=TODAY, decided=False) == [
        CeaseGround.NO_LONGER_REGISTERED,
        CeaseGround.ENGLISH_EHC_PLAN,
    ]
    assert cease_grounds_for(idp=idp, on=TODAY, decided=True) == [CeaseGround.NO_LONGER_ALN]


def test_an_end_date_in_the_future_or_before_the_plan_was_given_is_refused(school_plan):
    idp, actor = school_plan
    for day, code in ((D("2026-10-15"), ProcessError.DATE_IN_FUTURE), (D("2025-12-31"), None)):
        error = refused(
            idp,
            lambda day=day: plan_end(
                actor=actor,
                idp=idp,
                case_version=idp.case.version,
                ground=CeaseGround.NO_LONGER_REGISTERED,
                ended_on=day,
            ),
            code or ProcessError.DATE_BEFORE_START,
        )
        assert error.field == "ended_on"


def test_only_someone_acting_for_the_maintaining_body_ends_a_plan(school_plan, school):
    idp, _actor = school_plan
    teacher = MembershipFactory(role="teacher", setting=school).user
    refused(
        idp,
        lambda: plan_end(
            actor=teacher,
            idp=idp,
            case_version=idp.case.version,
            ground=CeaseGround.NO_LONGER_REGISTERED,
            ended_on=TODAY,
        ),
        "idp.not_yours",
    )


def test_a_stale_page_is_refused(school_plan):
    idp, actor = school_plan
    refused(
        idp,
        lambda: plan_end(
            actor=actor,
            idp=idp,
            case_version=idp.case.version - 1,
            ground=CeaseGround.NO_LONGER_REGISTERED,
            ended_on=TODAY,
        ),
        ProcessError.CHANGED_BY_SOMEONE_ELSE,
    )


# --- Proposal and decision ---------------------------------------------------------------------


PROPOSED_ON = D("2026-10-05")
DECIDED_ON = D("2026-10-13")


def propose(idp, actor, *, ground=CeaseGround.NO_LONGER_ALN, given_on=PROPOSED_ON):
    return cease_propose(
        actor=actor,
        idp=idp,
        case_version=idp.case.version,
        ground=ground,
        reasons="Cai now reads at the level expected for his age without extra help.",
        given_on=given_on,
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )


def decide(idp, actor, *, decided_on=DECIDED_ON, given_on=TODAY):
    return cease_decide(
        actor=actor,
        idp=idp,
        case_version=idp.case.version,
        reasons="The review in October found no additional learning needs remain.",
        decided_on=decided_on,
        given_on=given_on,
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )


def test_a_proposal_gives_the_family_notice_and_waits_for_the_decision(school_plan):
    idp, actor = school_plan
    notice = propose(idp, actor)
    stored = fresh(idp)
    assert stored.case.stage == "cease_proposed"
    assert (stored.cease_ground, stored.cease_proposed_on) == ("no_longer_aln", D("2026-10-05"))
    assert notice.kind == "cease_proposed"
    assert notice.given_on == D("2026-10-05")
    # The plan is still maintained: its review period runs on.
    assert list(Deadline.objects.filter(case=idp.case).values_list("state", flat=True)) == ["open"]
    event = AuditEvent.objects.get(event_type="case.cease_proposed")
    assert event.changes["ground"] == "no_longer_aln"


def test_a_ground_that_needs_a_decision_is_proposed_only_where_it_fits(school_plan):
    idp, actor = school_plan
    refused(
        idp,
        lambda: propose(idp, actor, ground=CeaseGround.NO_LONGER_NECESSARY),
        CeaseError.NOT_FOR_THIS_BODY,
    )
    refused(
        idp,
        lambda: propose(idp, actor, ground=CeaseGround.NO_LONGER_REGISTERED),
        CeaseError.NOT_A_DECISION,
    )


def test_a_schools_decision_states_the_last_day_to_ask_the_la_and_closes_the_clocks(school_plan):
    idp, actor = school_plan
    propose(idp, actor)
    idp = fresh(idp)
    notice = decide(idp, actor)
    stored = fresh(idp)
    assert (stored.case.stage, stored.case.closed_because) == ("closed", "plan_ceased")
    assert stored.ceased_on == D("2026-10-13")
    # Four weeks beginning with the day after the notice (Thursday 15 October): 11 November.
    assert stored.reconsideration_closes_on == D("2026-11-11")
    assert notice.kind == "cease_decided"
    assert (notice.rights, notice.appeal_last_day) == (["ask_la_to_reconsider_ceasing"], None)
    printed = AuditEvent.objects.get(event_type="notice.issued", subject_id=str(notice.pk))
    assert printed.changes["reconsideration_last_day"] == "2026-11-11"
    assert list(Deadline.objects.filter(case=idp.case).values_list("state", flat=True)) == [
        "closed"
    ]
    event = AuditEvent.objects.get(event_type="case.plan_ceased")
    assert event.changes["right"] == "la_reconsideration"
    assert event.changes["last_day"] == "2026-11-11"


def test_an_las_decision_gives_the_right_of_appeal_instead(authority, terms):
    idp, actor = given_plan(body=Body.LOCAL_AUTHORITY, authority=authority, date_of_birth=YOUNG)
    assert cease_grounds_for(idp=idp, on=TODAY, decided=True) == [
        CeaseGround.NO_LONGER_ALN,
        CeaseGround.NO_LONGER_NECESSARY,
    ]
    propose(idp, actor, ground=CeaseGround.NO_LONGER_NECESSARY)
    idp = fresh(idp)
    notice = decide(idp, actor)
    stored = fresh(idp)
    assert stored.reconsideration_closes_on is None
    # Eight weeks beginning with the day the notice is given, then the next working day (T14).
    assert notice.appeal_last_day == D("2026-12-09")
    assert notice.rights == ["appeal_to_tribunal"]
    event = AuditEvent.objects.get(event_type="case.plan_ceased")
    assert event.changes["right"] == "tribunal_appeal"


def test_the_decision_cannot_come_before_the_proposal(school_plan):
    idp, actor = school_plan
    propose(idp, actor)
    idp = fresh(idp)
    error = refused(
        idp, lambda: decide(idp, actor, decided_on=D("2026-10-02")), ProcessError.DATE_BEFORE_START
    )
    assert error.field == "decided_on"
    error = refused(
        idp, lambda: decide(idp, actor, given_on=D("2026-10-12")), ProcessError.DATE_BEFORE_START
    )
    assert error.field == "given_on"


def test_a_decision_needs_a_proposal_first(school_plan):
    idp, actor = school_plan
    refused(idp, lambda: decide(idp, actor), ProcessError.NOT_ALLOWED_NOW)


def test_withdrawing_the_proposal_goes_back_to_maintaining(school_plan):
    idp, actor = school_plan
    propose(idp, actor)
    idp = fresh(idp)
    refused(
        idp,
        lambda: cease_withdraw(actor=actor, idp=idp, case_version=idp.case.version, reasons=" "),
        ProcessError.REQUIRED,
    )
    cease_withdraw(
        actor=actor,
        idp=idp,
        case_version=idp.case.version,
        reasons="The family showed us new evidence from the speech therapist.",
    )
    stored = fresh(idp)
    assert stored.case.stage == "maintaining"
    assert (stored.cease_ground, stored.cease_proposed_on, stored.cease_reasons) == ("", None, "")
    event = AuditEvent.objects.get(event_type="case.cease_proposal_withdrawn")
    assert event.changes["ground"] == "no_longer_aln"
    assert event.changes["reasons"].startswith("The family showed us")
