"""The case process table: every stage, action and party, and the checks on what people enter."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.cases import DecidingBody
from aln.domain.process import (
    OPEN_STAGES,
    TRANSITIONS,
    CaseAction,
    CaseFacts,
    ClosedBecause,
    Effect,
    Outcome,
    Party,
    ProcessError,
    ReferralGround,
    Stage,
    allowed_actions,
    check_date,
    check_decision,
    check_referral,
    move,
)

D = datetime.date.fromisoformat
SCHOOL, FEI, LA = DecidingBody.SCHOOL, DecidingBody.FEI, DecidingBody.LOCAL_AUTHORITY
DECIDER, CONTRIBUTOR = {Party.DECIDER}, {Party.CONTRIBUTOR}
LA_ANSWERS = {Party.RECONSIDERING_LA}
# The moves only the LA answering a request makes (spec §6.1).
LA_ACTIONS = {
    CaseAction.LA_REPLACE_DECISION,
    CaseAction.LA_NO_REVISION,
    CaseAction.LA_DECIDE_REVISION,
    CaseAction.LA_TAKE_OVER,
    CaseAction.LA_REVERSE_CEASE,
}


def facts(stage=Stage.GATHERING, body=SCHOOL, **kwargs):
    return CaseFacts(stage=stage, deciding_body=body, is_young_person=False, **kwargs)


# (stage, action, parties, facts kwargs, outcome) -> (target, effects) for every legal move.
LEGAL = [
    (Stage.AWAITING_CONSENT, CaseAction.RECORD_CONSENT, {}, None, Stage.GATHERING,
     (Effect.START_DECISION_CLOCK,)),
    (Stage.AWAITING_CONSENT, CaseAction.RECORD_NO_CONSENT, {}, None, Stage.CLOSED,
     (Effect.CLOSE_CLOCKS,)),
    (Stage.GATHERING, CaseAction.ADD_EVIDENCE, {}, None, Stage.GATHERING, ()),
    (Stage.GATHERING, CaseAction.RECORD_VIEWS, {}, None, Stage.GATHERING, ()),
    (Stage.GATHERING, CaseAction.RECORD_MEETING, {}, None, Stage.GATHERING, ()),
    (Stage.GATHERING, CaseAction.REQUEST_ADVICE, {}, None, Stage.GATHERING, ()),
    (Stage.GATHERING, CaseAction.RECORD_ADVICE, {"advice_awaited": True}, None,
     Stage.GATHERING, ()),
    (Stage.GATHERING, CaseAction.REFER_TO_NHS, {}, None, Stage.GATHERING,
     (Effect.START_NHS_CLOCK,)),
    (Stage.GATHERING, CaseAction.RECORD_NHS_RESPONSE, {"nhs_response_awaited": True}, None,
     Stage.GATHERING, (Effect.MEET_NHS_CLOCK,)),
    (Stage.GATHERING, CaseAction.REFER_TO_LA, {}, None, Stage.GATHERING,
     (Effect.SWITCH_TO_LA_CLOCK,)),
    (Stage.GATHERING, CaseAction.DECIDE, {}, Outcome.NO_ALN, Stage.NOTICE_DUE, ()),
    (Stage.GATHERING, CaseAction.DECIDE, {}, Outcome.HAS_ALN, Stage.NOTICE_DUE, ()),
    (Stage.GATHERING, CaseAction.DECIDE, {}, Outcome.DUTY_DOES_NOT_ARISE, Stage.NOTICE_DUE, ()),
    (Stage.GATHERING, CaseAction.DECIDE, {"necessity_decision": True, "body": LA},
     Outcome.HAS_ALN, Stage.DECIDING_NECESSITY, (Effect.START_NECESSITY_CLOCK,)),
    (Stage.GATHERING, CaseAction.DECIDE, {"necessity_decision": True, "body": LA},
     Outcome.NO_ALN, Stage.NOTICE_DUE, ()),
    (Stage.DECIDING_NECESSITY, CaseAction.DECIDE_NECESSITY, {"body": LA}, None,
     Stage.NOTICE_DUE, ()),
    (Stage.NOTICE_DUE, CaseAction.GIVE_NOTICE, {"outcome": Outcome.HAS_ALN}, None, Stage.IDP_DUE,
     (Effect.ISSUE_NOTICE,)),
    (Stage.NOTICE_DUE, CaseAction.GIVE_NOTICE,
     {"outcome": Outcome.HAS_ALN, "idp_necessary": False, "body": LA}, None, Stage.CLOSED,
     (Effect.ISSUE_NOTICE, Effect.SETTLE_DECISION_CLOCK)),
    (Stage.NOTICE_DUE, CaseAction.GIVE_NOTICE, {"outcome": Outcome.NO_ALN}, None, Stage.CLOSED,
     (Effect.ISSUE_NOTICE, Effect.SETTLE_DECISION_CLOCK)),
    (Stage.NOTICE_DUE, CaseAction.GIVE_NOTICE, {"outcome": Outcome.DUTY_DOES_NOT_ARISE}, None,
     Stage.CLOSED, (Effect.ISSUE_NOTICE, Effect.SETTLE_DECISION_CLOCK)),
    # The plan (s.22, s.23, s.31, s.35).
    (Stage.IDP_DUE, CaseAction.GIVE_IDP, {}, None, Stage.MAINTAINING,
     (Effect.MEET_DECISION_CLOCK, Effect.START_REVIEW_PERIOD)),
    (Stage.MAINTAINING, CaseAction.RECORD_REVIEW, {}, None, Stage.MAINTAINING, ()),
    (Stage.MAINTAINING, CaseAction.GIVE_REVISED_IDP, {}, None, Stage.MAINTAINING,
     (Effect.START_REVIEW_PERIOD,)),
    (Stage.MAINTAINING, CaseAction.GIVE_NO_REVISION_NOTICE, {}, None, Stage.MAINTAINING,
     (Effect.START_REVIEW_PERIOD,)),
    (Stage.MAINTAINING, CaseAction.TRANSFER, {}, None, Stage.MAINTAINING,
     (Effect.HAND_OVER_CLOCKS,)),
    (Stage.MAINTAINING, CaseAction.PROPOSE_CEASE, {}, None, Stage.CEASE_PROPOSED, ()),
    (Stage.CEASE_PROPOSED, CaseAction.WITHDRAW_CEASE_PROPOSAL, {}, None, Stage.MAINTAINING, ()),
    (Stage.CEASE_PROPOSED, CaseAction.CEASE, {}, None, Stage.CLOSED, (Effect.CLOSE_CLOCKS,)),
    (Stage.MAINTAINING, CaseAction.END_PLAN, {}, None, Stage.CLOSED, (Effect.CLOSE_CLOCKS,)),
    (Stage.CEASE_PROPOSED, CaseAction.END_PLAN, {}, None, Stage.CLOSED, (Effect.CLOSE_CLOCKS,)),
]  # fmt: skip

PLAN_STAGES = {Stage.MAINTAINING, Stage.CEASE_PROPOSED}


@pytest.mark.parametrize(("stage", "action", "extra", "outcome", "target", "effects"), LEGAL)
def test_each_legal_move_leads_where_the_law_says(stage, action, extra, outcome, target, effects):
    extra = dict(extra)
    body = extra.pop("body", SCHOOL)
    result = move(facts(stage, body, **extra), action, DECIDER, outcome=outcome)
    assert result.allowed
    assert result.transition.target is target
    assert result.transition.effects == effects


@pytest.mark.parametrize(
    "stage", [s for s in Stage if s is not Stage.AWAITING_CONSENT and s not in PLAN_STAGES]
)
def test_a_young_person_may_withdraw_consent_at_any_open_stage_before_the_plan(stage):
    young = CaseFacts(stage=stage, deciding_body=LA, is_young_person=True)
    result = move(young, CaseAction.WITHDRAW_CONSENT, DECIDER)
    if stage is Stage.CLOSED:
        assert result.error is ProcessError.NOT_ALLOWED_NOW
    else:
        assert result.transition.target is Stage.CLOSED
        assert result.transition.effects == (Effect.CLOSE_CLOCKS,)


@pytest.mark.parametrize("stage", sorted(PLAN_STAGES))
def test_once_a_plan_is_given_withdrawn_consent_ends_it_as_a_ground_of_its_own(stage):
    young = CaseFacts(stage=stage, deciding_body=LA, is_young_person=True)
    assert move(young, CaseAction.WITHDRAW_CONSENT, DECIDER).error is ProcessError.NOT_ALLOWED_NOW
    assert move(young, CaseAction.END_PLAN, DECIDER).transition.target is Stage.CLOSED


@pytest.mark.parametrize("action", [a for a in CaseAction if a.value in {
    "give_idp", "record_review", "give_revised_idp", "give_no_revision_notice", "transfer",
    "propose_cease", "withdraw_cease_proposal", "cease", "end_plan"}])  # fmt: skip
def test_only_the_body_maintaining_the_plan_changes_it(action):
    offered = [stage for stage in Stage if move(facts(stage), action, DECIDER).allowed]
    assert offered, action
    for stage in offered:
        assert move(facts(stage), action, CONTRIBUTOR).error is ProcessError.NOT_YOURS


def test_a_child_has_no_consent_to_withdraw():
    result = move(facts(Stage.GATHERING), CaseAction.WITHDRAW_CONSENT, DECIDER)
    assert result.error is ProcessError.NOT_A_YOUNG_PERSON


@pytest.mark.parametrize("body", [SCHOOL, FEI])
def test_a_school_or_fei_may_refer_to_the_la(body):
    assert move(facts(body=body), CaseAction.REFER_TO_LA, DECIDER).allowed


def test_the_la_cannot_refer_to_itself():
    result = move(facts(body=LA), CaseAction.REFER_TO_LA, DECIDER)
    assert result.error is ProcessError.ONLY_A_SETTING_REFERS


@pytest.mark.parametrize(
    "action", [CaseAction.ADD_EVIDENCE, CaseAction.RECORD_VIEWS, CaseAction.RECORD_MEETING]
)
def test_contributors_add_information(action):
    assert move(facts(), action, CONTRIBUTOR).allowed


@pytest.mark.parametrize(
    "action",
    [
        CaseAction.DECIDE,
        CaseAction.REFER_TO_LA,
        CaseAction.REFER_TO_NHS,
        CaseAction.REQUEST_ADVICE,
        CaseAction.RECORD_ADVICE,
        CaseAction.RECORD_NHS_RESPONSE,
    ],
)
def test_contributors_do_not_decide_or_refer(action):
    waiting = facts(advice_awaited=True, nhs_response_awaited=True)
    assert move(waiting, action, CONTRIBUTOR).error is ProcessError.NOT_YOURS


def test_nothing_happens_on_a_closed_case():
    closed = facts(Stage.CLOSED, outcome=Outcome.NO_ALN, closed_because=ClosedBecause.NOTICE_GIVEN)
    assert allowed_actions(closed, DECIDER | CONTRIBUTOR) == []
    for action in CaseAction:
        assert move(closed, action, DECIDER).error in (
            ProcessError.NOT_ALLOWED_NOW,
            ProcessError.NOT_YOURS,  # only the LA answering a request reopens a closed case
        )


def test_no_information_is_gathered_before_a_young_person_consents():
    waiting = CaseFacts(stage=Stage.AWAITING_CONSENT, deciding_body=LA, is_young_person=True)
    assert allowed_actions(waiting, DECIDER) == [
        CaseAction.RECORD_CONSENT,
        CaseAction.RECORD_NO_CONSENT,
        CaseAction.TAKE_ON,
    ]
    assert move(waiting, CaseAction.DECIDE, DECIDER).error is ProcessError.NOT_ALLOWED_NOW


def test_offered_actions_while_gathering():
    assert allowed_actions(facts(), DECIDER) == [
        CaseAction.ADD_EVIDENCE,
        CaseAction.RECORD_VIEWS,
        CaseAction.REQUEST_ADVICE,
        CaseAction.REFER_TO_NHS,
        CaseAction.RECORD_MEETING,
        CaseAction.REFER_TO_LA,
        CaseAction.DECIDE,
        CaseAction.TAKE_ON,
    ]
    waiting = facts(advice_awaited=True, nhs_response_awaited=True)
    assert CaseAction.RECORD_ADVICE in allowed_actions(waiting, DECIDER)
    assert CaseAction.RECORD_NHS_RESPONSE in allowed_actions(waiting, DECIDER)


def test_an_answer_is_recorded_only_when_one_is_awaited():
    for action in (CaseAction.RECORD_ADVICE, CaseAction.RECORD_NHS_RESPONSE):
        assert move(facts(), action, DECIDER).error is ProcessError.NOT_ALLOWED_NOW
    assert allowed_actions(facts(), CONTRIBUTOR) == [
        CaseAction.ADD_EVIDENCE,
        CaseAction.RECORD_VIEWS,
        CaseAction.RECORD_MEETING,
    ]
    assert CaseAction.REFER_TO_LA not in allowed_actions(facts(body=LA), DECIDER)


def test_every_row_writes_a_dotted_past_tense_audit_event():
    for transition in TRANSITIONS:
        assert transition.event.startswith("case.")
        assert transition.by


def test_every_open_stage_can_be_left():
    """No dead ends: from every open stage some move leads to another stage; only the LA's
    answers to requests leave a closed case."""
    sources = {t.source for t in TRANSITIONS if t.target is not t.source}
    assert sources == OPEN_STAGES | {Stage.CLOSED}
    for t in TRANSITIONS:
        if t.source is Stage.CLOSED:
            assert t.by == frozenset(LA_ANSWERS), t


@given(
    stage=st.sampled_from(Stage),
    body=st.sampled_from(DecidingBody),
    young=st.booleans(),
    necessity=st.booleans(),
    outcome=st.none() | st.sampled_from(Outcome),
    necessary=st.none() | st.booleans(),
    action=st.sampled_from(CaseAction),
    parties=st.sets(st.sampled_from(Party)),
    closed_because=st.none() | st.sampled_from(ClosedBecause),
)
def test_moves_are_consistent(
    stage, body, young, necessity, outcome, necessary, action, parties, closed_because
):
    case = CaseFacts(
        stage, body, young, necessity, outcome, necessary, True, True, closed_because=closed_because
    )
    result = move(case, action, parties, outcome=outcome)
    if result.allowed:
        assert result.transition.source is stage
        assert parties & result.transition.by
        assert action in allowed_actions(case, parties) or action is CaseAction.DECIDE
    else:
        assert result.transition is None
    # Nothing but the LA's answer to a request leaves a closed case, nobody without a part in it
    # moves it, and the LA's answers are the LA's alone.
    if (stage is Stage.CLOSED and Party.RECONSIDERING_LA not in parties) or not parties:
        assert not result.allowed
    if result.allowed and action in LA_ACTIONS:
        assert Party.RECONSIDERING_LA in parties


# --- input checks ------------------------------------------------------------------------------

TODAY = D("2026-11-23")
CONCERN = D("2026-10-01")


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"outcome": None}, ProcessError.OUTCOME_REQUIRED, "outcome"),
        ({"reasons": "  "}, ProcessError.REASONS_REQUIRED, "reasons"),
        ({"reasons": "x" * 10_001}, ProcessError.TEXT_TOO_LONG, "reasons"),
        ({"decided_on": None}, ProcessError.REQUIRED, "decided_on"),
        ({"decided_on": D("2026-11-24")}, ProcessError.DATE_IN_FUTURE, "decided_on"),
        ({"decided_on": D("2026-09-30")}, ProcessError.DATE_BEFORE_CONCERN, "decided_on"),
        (
            {"outcome": Outcome.DUTY_DOES_NOT_ARISE},
            ProcessError.EXCEPTION_REQUIRED,
            "duty_exception",
        ),
    ],
)
def test_a_decision_needs_an_outcome_reasons_and_a_real_date(kwargs, code, field):
    values = {
        "outcome": Outcome.NO_ALN,
        "reasons": "Progress with targeted help shows no ALN.",
        "decided_on": TODAY,
        "duty_exception": "",
        "concern_on": CONCERN,
        "today": TODAY,
    } | kwargs
    error = check_decision(**values)
    assert (error.code, error.field) == (code, field)


def test_a_good_decision_passes():
    assert (
        check_decision(
            outcome=Outcome.DUTY_DOES_NOT_ARISE,
            reasons="An IDP is already maintained by the LA.",
            decided_on=CONCERN,
            duty_exception="idp_already_maintained",
            concern_on=CONCERN,
            today=TODAY,
        )
        is None
    )


@pytest.mark.parametrize(
    ("grounds", "evidence", "referred_on", "code", "field"),
    [
        ([], 2, TODAY, ProcessError.REFERRAL_GROUNDS_REQUIRED, "grounds"),
        ([ReferralGround.CANNOT_DETERMINE_NEEDS], 0, TODAY,
         ProcessError.REFERRAL_EVIDENCE_REQUIRED, ""),
        ([ReferralGround.CANNOT_DETERMINE_NEEDS], 1, D("2027-01-01"),
         ProcessError.DATE_IN_FUTURE, "referred_on"),
        ([ReferralGround.NOT_REASONABLE_TO_SECURE], 1, D("2026-01-01"),
         ProcessError.DATE_BEFORE_CONCERN, "referred_on"),
    ],
)  # fmt: skip
def test_a_referral_needs_grounds_evidence_and_a_real_date(
    grounds, evidence, referred_on, code, field
):
    error = check_referral(
        grounds=grounds,
        summary="Needs a specialist assessment.",
        evidence_count=evidence,
        referred_on=referred_on,
        concern_on=CONCERN,
        today=TODAY,
    )
    assert (error.code, error.field) == (code, field)


@given(day=st.dates(), today=st.dates(), start=st.dates())
def test_an_accepted_date_is_never_in_the_future_or_before_the_start(day, today, start):
    if check_date(day, "on", today=today, not_before=start) is None:
        assert start <= day <= today


def test_every_condition_in_the_table_is_defined():
    from aln.domain.process import _CONDITIONS  # noqa: PLC0415 (a private table, checked once)

    assert {t.when for t in TRANSITIONS} <= set(_CONDITIONS)


@pytest.mark.parametrize("stage", sorted(OPEN_STAGES))
def test_a_decider_may_take_on_an_open_case_they_do_not_own(stage):
    assert move(facts(stage), CaseAction.TAKE_ON, DECIDER).transition.target is stage
    owned = facts(stage, owned_by_actor=True)
    assert move(owned, CaseAction.TAKE_ON, DECIDER).error is ProcessError.NOT_ALLOWED_NOW
    assert move(facts(stage), CaseAction.TAKE_ON, CONTRIBUTOR).error is ProcessError.NOT_YOURS


# --- The LA's answers to requests (Act ss.26-28, 32; spec §6.1) ----------------------------------

NOTICE_GIVEN, PLAN_CEASED = ClosedBecause.NOTICE_GIVEN, ClosedBecause.PLAN_CEASED

# (stage, action, facts kwargs, the LA's decision) -> (target, effects) for every LA move.
LA_LEGAL = [
    # s.26: "has ALN" after the school's "no ALN" (or refusal to decide) reopens the case.
    (Stage.CLOSED, CaseAction.LA_REPLACE_DECISION, {"closed_because": NOTICE_GIVEN},
     Outcome.HAS_ALN, Stage.IDP_DUE, (Effect.SWITCH_TO_LA_CLOCK,)),
    (Stage.CLOSED, CaseAction.LA_REPLACE_DECISION, {"closed_because": NOTICE_GIVEN},
     Outcome.NO_ALN, Stage.CLOSED, ()),
    (Stage.IDP_DUE, CaseAction.LA_REPLACE_DECISION, {}, Outcome.HAS_ALN, Stage.IDP_DUE,
     (Effect.SWITCH_TO_LA_CLOCK,)),
    (Stage.IDP_DUE, CaseAction.LA_REPLACE_DECISION, {}, Outcome.NO_ALN, Stage.CLOSED,
     (Effect.CLOSE_CLOCKS,)),
    (Stage.MAINTAINING, CaseAction.LA_REPLACE_DECISION, {}, Outcome.HAS_ALN, Stage.MAINTAINING,
     ()),
    (Stage.MAINTAINING, CaseAction.LA_REPLACE_DECISION, {}, Outcome.NO_ALN, Stage.CLOSED,
     (Effect.CLOSE_CLOCKS,)),
    # s.27(4): no revision starts the next review period (s.23; T11); s.27(6) revision.
    (Stage.MAINTAINING, CaseAction.LA_NO_REVISION, {}, None, Stage.MAINTAINING,
     (Effect.START_REVIEW_PERIOD,)),
    (Stage.MAINTAINING, CaseAction.LA_DECIDE_REVISION, {}, None, Stage.MAINTAINING, ()),
    # s.28: the plan becomes the LA's; the review period carries on.
    (Stage.MAINTAINING, CaseAction.LA_TAKE_OVER, {}, None, Stage.MAINTAINING,
     (Effect.HAND_OVER_CLOCKS,)),
    # s.32: the decision to cease does not stand.
    (Stage.CLOSED, CaseAction.LA_REVERSE_CEASE, {"closed_because": PLAN_CEASED}, None,
     Stage.MAINTAINING, (Effect.REOPEN_REVIEW_PERIOD,)),
]  # fmt: skip


@pytest.mark.parametrize(("stage", "action", "extra", "outcome", "target", "effects"), LA_LEGAL)
def test_each_la_answer_leads_where_the_law_says(stage, action, extra, outcome, target, effects):
    case = facts(stage, outcome=Outcome.HAS_ALN, **extra)
    result = move(case, action, LA_ANSWERS, outcome=outcome)
    assert result.allowed
    assert result.transition.target is target
    assert result.transition.effects == effects
    # The school (or whoever decides the case) never makes the LA's answer.
    assert move(case, action, DECIDER | CONTRIBUTOR, outcome=outcome).error is (
        ProcessError.NOT_YOURS
    )


@pytest.mark.parametrize(
    ("closed_because", "action", "outcome"),
    [
        # A case closed because the young person did not agree, or whose plan ended on an
        # automatic ground, is not reopened by s.26 or s.32.
        (ClosedBecause.NO_CONSENT, CaseAction.LA_REPLACE_DECISION, Outcome.HAS_ALN),
        (ClosedBecause.PLAN_ENDED, CaseAction.LA_REPLACE_DECISION, Outcome.HAS_ALN),
        (ClosedBecause.PLAN_CEASED, CaseAction.LA_REPLACE_DECISION, Outcome.HAS_ALN),
        (ClosedBecause.NOTICE_GIVEN, CaseAction.LA_REVERSE_CEASE, None),
        (ClosedBecause.PLAN_ENDED, CaseAction.LA_REVERSE_CEASE, None),
        # The LA decides ALN itself: it does not record "the duty does not arise".
        (ClosedBecause.NOTICE_GIVEN, CaseAction.LA_REPLACE_DECISION, Outcome.DUTY_DOES_NOT_ARISE),
    ],
)
def test_the_la_reopens_only_the_cases_its_answer_is_about(closed_because, action, outcome):
    closed = facts(Stage.CLOSED, outcome=Outcome.NO_ALN, closed_because=closed_because)
    assert move(closed, action, LA_ANSWERS, outcome=outcome).error is ProcessError.NOT_ALLOWED_NOW


@pytest.mark.parametrize(
    ("stage", "action"),
    [
        (Stage.GATHERING, CaseAction.LA_REPLACE_DECISION),  # nothing decided yet
        (Stage.CEASE_PROPOSED, CaseAction.LA_REPLACE_DECISION),
        (Stage.IDP_DUE, CaseAction.LA_NO_REVISION),  # no plan to revise yet
        (Stage.CEASE_PROPOSED, CaseAction.LA_TAKE_OVER),
        (Stage.MAINTAINING, CaseAction.LA_REVERSE_CEASE),  # nothing ceased
    ],
)
def test_the_la_answers_only_at_the_stage_its_answer_fits(stage, action):
    result = move(
        facts(stage, outcome=Outcome.HAS_ALN), action, LA_ANSWERS, outcome=Outcome.HAS_ALN
    )
    assert result.error is ProcessError.NOT_ALLOWED_NOW


def test_the_la_answers_are_never_offered_to_the_people_working_the_case():
    for stage in Stage:
        offered = allowed_actions(facts(stage, outcome=Outcome.HAS_ALN), DECIDER | CONTRIBUTOR)
        assert not LA_ACTIONS & set(offered), stage
