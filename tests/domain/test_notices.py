"""Who a decision notice goes to, and which right of challenge it states (spec §5, §6.1, §7)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.notices import (
    DECISION_KINDS,
    LA_ANSWER_KINDS,
    NOTICE_RULES,
    PLAN_KINDS,
    DeliveryMethod,
    NoticeError,
    NoticeKind,
    Recipient,
    Right,
    last_day_rule,
    notice_problem,
    notice_recipients,
    notice_rights,
)

R = Recipient


@pytest.mark.parametrize(
    ("young", "looked_after", "lacks_capacity", "case_friend", "expected"),
    [
        # Young person: they hold the rights themselves (Act s.99; spec §7).
        (True, False, False, False, (R.YOUNG_PERSON,)),
        (True, True, True, True, (R.YOUNG_PERSON,)),
        # Child and parent (Act ss.11(4), 13(3)).
        (False, False, False, False, (R.CHILD, R.PARENT)),
        # Looked-after child: the IRO too (Act s.18(3)).
        (False, True, False, False, (R.CHILD, R.PARENT, R.INDEPENDENT_REVIEWING_OFFICER)),
        # Child lacking capacity, no case friend: no notice to the child (Act s.84).
        (False, False, True, False, (R.PARENT,)),
        (False, True, True, False, (R.PARENT, R.INDEPENDENT_REVIEWING_OFFICER)),
        # ...unless a case friend has been appointed (Act ss.84, 85).
        (False, False, True, True, (R.CHILD, R.PARENT, R.CASE_FRIEND)),
        (
            False,
            True,
            True,
            True,
            (R.CHILD, R.PARENT, R.CASE_FRIEND, R.INDEPENDENT_REVIEWING_OFFICER),
        ),
        (False, False, False, True, (R.CHILD, R.PARENT, R.CASE_FRIEND)),
    ],
)
def test_recipients(young, looked_after, lacks_capacity, case_friend, expected):
    assert (
        notice_recipients(
            is_young_person=young,
            looked_after=looked_after,
            child_lacks_capacity=lacks_capacity,
            case_friend_appointed=case_friend,
        )
        == expected
    )


@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_recipients_invariants(young, looked_after, lacks_capacity, case_friend):
    recipients = notice_recipients(
        is_young_person=young,
        looked_after=looked_after,
        child_lacks_capacity=lacks_capacity,
        case_friend_appointed=case_friend,
    )
    assert recipients, "somebody is always told"
    assert len(set(recipients)) == len(recipients)
    # The young person, and only the young person, for a young person.
    assert (R.YOUNG_PERSON in recipients) is young
    if young:
        assert recipients == (R.YOUNG_PERSON,)
    else:
        assert R.PARENT in recipients
        assert (R.INDEPENDENT_REVIEWING_OFFICER in recipients) is looked_after
        assert (R.CHILD in recipients) is (not lacks_capacity or case_friend)
        assert (R.CASE_FRIEND in recipients) is case_friend


@pytest.mark.parametrize(
    ("decided_by_school", "kind", "expected"),
    [
        (True, NoticeKind.HAS_ALN, Right.ASK_LA_TO_RECONSIDER),
        (True, NoticeKind.NO_ALN, Right.ASK_LA_TO_RECONSIDER),
        (True, NoticeKind.DUTY_DOES_NOT_ARISE, Right.ASK_LA_TO_RECONSIDER),
        (False, NoticeKind.HAS_ALN, Right.APPEAL_TO_TRIBUNAL),
        (False, NoticeKind.NO_ALN, Right.APPEAL_TO_TRIBUNAL),
        (False, NoticeKind.DUTY_DOES_NOT_ARISE, Right.APPEAL_TO_TRIBUNAL),
        (False, NoticeKind.IDP_NOT_NECESSARY, Right.APPEAL_TO_TRIBUNAL),
    ],
)
def test_rights(decided_by_school, kind, expected):
    assert notice_rights(decided_by_school=decided_by_school, kind=kind) == frozenset({expected})


def test_a_school_never_decides_whether_an_idp_is_necessary():
    with pytest.raises(ValueError, match="local authority"):
        notice_rights(decided_by_school=True, kind=NoticeKind.IDP_NOT_NECESSARY)


@given(st.booleans(), st.sampled_from(sorted(DECISION_KINDS)))
def test_every_decision_notice_states_exactly_one_way_to_challenge_it(decided_by_school, kind):
    if decided_by_school and kind is NoticeKind.IDP_NOT_NECESSARY:
        return
    rights = notice_rights(decided_by_school=decided_by_school, kind=kind)
    assert len(rights) == 1
    # There is no appeal against a school (EN para 73); a school decision goes to the LA.
    assert (Right.APPEAL_TO_TRIBUNAL in rights) is (not decided_by_school)


# --- Notices about a plan (spec §5, §6.1, §6.2, §6.3) ----------------------------------------

K = NoticeKind
RECONSIDER_IDP = frozenset({Right.ASK_LA_TO_RECONSIDER_IDP})
RECONSIDER_CEASING = frozenset({Right.ASK_LA_TO_RECONSIDER_CEASING})
APPEAL = frozenset({Right.APPEAL_TO_TRIBUNAL})
NONE = frozenset()


def test_the_kinds_are_decisions_or_about_a_plan():
    assert set(NoticeKind) == DECISION_KINDS | PLAN_KINDS | LA_ANSWER_KINDS
    assert not DECISION_KINDS & PLAN_KINDS
    assert not (DECISION_KINDS | PLAN_KINDS) & LA_ANSWER_KINDS
    assert set(NOTICE_RULES) == set(NoticeKind)
    assert all(rule.source for rule in NOTICE_RULES.values())


@pytest.mark.parametrize(
    ("kind", "by_school", "by_la_or_fei"),
    [
        # A school's plan is reconsidered by the LA (s.27); an LA's or FEI's is appealable (s.70).
        (K.IDP_GIVEN, RECONSIDER_IDP, APPEAL),
        (K.REVISED_IDP_GIVEN, RECONSIDER_IDP, APPEAL),
        # Refusal to revise: s.27 for a school, s.70 for an LA or FEI.
        (K.NO_REVISION, RECONSIDER_IDP, APPEAL),
        (K.REVIEW_REFUSED, RECONSIDER_IDP, APPEAL),
        # A proposal is answered, not challenged (s.31; EN para 90).
        (K.CEASE_PROPOSED, NONE, NONE),
        # A school's decision to cease: ask the LA within 4 weeks (s.32; reg 12); else s.70.
        (K.CEASE_DECIDED, RECONSIDER_CEASING, APPEAL),
        # Being told who is now responsible is information (s.22(2)).
        (K.RESPONSIBILITY_CHANGED, NONE, NONE),
    ],
)
def test_plan_notice_rights(kind, by_school, by_la_or_fei):
    assert notice_rights(decided_by_school=True, kind=kind) == by_school
    assert notice_rights(decided_by_school=False, kind=kind) == by_la_or_fei


@given(st.booleans(), st.sampled_from(sorted(PLAN_KINDS)))
def test_there_is_no_appeal_against_a_school_about_its_plan(decided_by_school, kind):
    rights = notice_rights(decided_by_school=decided_by_school, kind=kind)
    assert len(rights) <= 1
    if decided_by_school:
        assert Right.APPEAL_TO_TRIBUNAL not in rights  # EN para 73
    else:
        assert not rights & {Right.ASK_LA_TO_RECONSIDER_IDP, Right.ASK_LA_TO_RECONSIDER_CEASING}


@pytest.mark.parametrize(
    ("right", "rule"),
    [
        (Right.APPEAL_TO_TRIBUNAL, "etw-appeal"),  # ETW Regs reg 10; spec T14
        (Right.ASK_LA_TO_RECONSIDER_CEASING, "cease-reconsideration-request"),  # reg 12; T7
        (Right.ASK_LA_TO_RECONSIDER, None),
        (Right.ASK_LA_TO_RECONSIDER_IDP, None),
    ],
)
def test_the_last_day_for_a_right_comes_from_its_clock(right, rule):
    assert last_day_rule(right) == rule


@pytest.mark.parametrize(
    ("kind", "iro_told"),
    [
        (K.IDP_GIVEN, True),  # s.22(3)
        (K.REVISED_IDP_GIVEN, True),  # s.23(11)
        (K.CEASE_PROPOSED, True),  # spec §5: LAC, the IRO
        (K.CEASE_DECIDED, True),
        (K.NO_REVISION, False),  # s.23(10) names the child and the parent
        (K.REVIEW_REFUSED, False),
        (K.RESPONSIBILITY_CHANGED, False),  # s.22(2)
        (K.NO_ALN, True),  # s.18(3)
    ],
)
def test_a_looked_after_childs_iro_is_told_where_the_source_says(kind, iro_told):
    recipients = notice_recipients(
        is_young_person=False,
        looked_after=True,
        child_lacks_capacity=False,
        case_friend_appointed=False,
        kind=kind,
    )
    assert recipients[:2] == (R.CHILD, R.PARENT)
    assert (R.INDEPENDENT_REVIEWING_OFFICER in recipients) is iro_told


@given(st.sampled_from(sorted(PLAN_KINDS)), st.booleans(), st.booleans())
def test_plan_notices_follow_the_capacity_rule(kind, lacks_capacity, case_friend):
    recipients = notice_recipients(
        is_young_person=False,
        looked_after=False,
        child_lacks_capacity=lacks_capacity,
        case_friend_appointed=case_friend,
        kind=kind,
    )
    assert (R.CHILD in recipients) is (not lacks_capacity or case_friend)  # s.84
    young = notice_recipients(
        is_young_person=True,
        looked_after=True,
        child_lacks_capacity=False,
        case_friend_appointed=False,
        kind=kind,
    )
    assert young == (R.YOUNG_PERSON,)


D = datetime.date.fromisoformat


def _problem(kind, *, by_school=False, reasons="Reasons.", **overrides):
    rights = notice_rights(decided_by_school=by_school, kind=kind)
    values = {
        "kind": kind,
        "decided_by_school": by_school,
        "rights": rights,
        "reasons": reasons,
        "recipients": (R.CHILD, R.PARENT),
        "addressee_count": 2,
        "decided_on": D("2026-11-20"),
        "given_on": D("2026-11-23"),
        "appeal_last_day": D("2027-01-19") if Right.APPEAL_TO_TRIBUNAL in rights else None,
        "idp_due_on": None,
        "method": DeliveryMethod.POST,
        "email_count": 0,
        "reconsideration_last_day": D("2026-12-21")
        if Right.ASK_LA_TO_RECONSIDER_CEASING in rights
        else None,
    }
    return notice_problem(**{**values, **overrides})


@pytest.mark.parametrize("kind", sorted(PLAN_KINDS))
@pytest.mark.parametrize("by_school", [True, False])
def test_a_complete_plan_notice_may_be_given(kind, by_school):
    assert _problem(kind, by_school=by_school) is None


@pytest.mark.parametrize(
    ("kind", "required"),
    [
        (K.IDP_GIVEN, False),  # a copy of the plan (s.22)
        (K.REVISED_IDP_GIVEN, False),
        (K.RESPONSIBILITY_CHANGED, False),
        (K.NO_REVISION, True),  # decision and reasons (s.23(10))
        (K.REVIEW_REFUSED, True),
        (K.CEASE_PROPOSED, True),
        (K.CEASE_DECIDED, True),  # EN para 90
    ],
)
def test_which_plan_notices_need_reasons(kind, required):
    problem = _problem(kind, reasons="  ")
    assert problem == (NoticeError.REASONS_REQUIRED if required else None)


def test_a_schools_cease_decision_gives_the_last_day_to_ask_the_la():
    assert (
        _problem(K.CEASE_DECIDED, by_school=True, reconsideration_last_day=None)
        == NoticeError.RECONSIDERATION_LAST_DAY_REQUIRED
    )
    assert (
        _problem(K.CEASE_DECIDED, by_school=True, reconsideration_last_day=D("2026-11-22"))
        == NoticeError.RECONSIDERATION_LAST_DAY_BEFORE_GIVEN
    )


@pytest.mark.parametrize("kind", [K.IDP_GIVEN, K.NO_REVISION, K.CEASE_DECIDED])
def test_an_la_plan_notice_gives_the_last_day_for_appealing(kind):
    assert _problem(kind, appeal_last_day=None) == NoticeError.APPEAL_LAST_DAY_REQUIRED


@pytest.mark.parametrize(
    ("kind", "stated"),
    [
        (K.IDP_GIVEN, APPEAL),  # a school's plan: not appealable
        (K.CEASE_DECIDED, APPEAL),
        (K.NO_REVISION, NONE),  # every refusal to revise states a route
        (K.CEASE_PROPOSED, RECONSIDER_CEASING),  # a proposal states none
    ],
)
def test_a_school_plan_notice_stating_the_wrong_right_is_refused(kind, stated):
    assert (
        _problem(kind, by_school=True, rights=stated, appeal_last_day=D("2027-01-19"))
        == NoticeError.RIGHTS_DO_NOT_MATCH
    )


# --- The LA's answers to requests (spec §5, §6.1) ----------------------------------------------


@pytest.mark.parametrize(
    ("kind", "rights"),
    [
        (K.TAKE_OVER_AGREED, frozenset()),  # s.28(7): decision and reasons; nothing adverse
        (K.TAKE_OVER_REFUSED, APPEAL),  # s.70: refusal to take over
        (K.REVISION_DECIDED, frozenset()),  # the revised plan's own notice carries the appeal
        (K.CEASE_CONFIRMED, APPEAL),  # s.70: decisions to cease
        (K.CEASE_REVERSED, frozenset()),
        (K.REQUEST_EXCEPTION, frozenset()),  # s.29: the spec names no right
    ],
)
def test_the_las_answers_state_the_right_their_outcome_gives(kind, rights):
    assert notice_rights(decided_by_school=False, kind=kind) == rights
    assert _problem(kind) is None
    assert _problem(kind, reasons=" ") == NoticeError.REASONS_REQUIRED  # decision and reasons


@pytest.mark.parametrize("kind", sorted(LA_ANSWER_KINDS))
def test_only_an_la_gives_its_answers(kind):
    with pytest.raises(ValueError, match="local authority"):
        notice_rights(decided_by_school=True, kind=kind)
    assert not NOTICE_RULES[kind].tells_iro  # a school's or FEI's plan is never a child in care's


def test_a_refusal_to_take_over_gives_the_last_day_for_appealing():
    assert _problem(K.TAKE_OVER_REFUSED, appeal_last_day=None) == (
        NoticeError.APPEAL_LAST_DAY_REQUIRED
    )
