"""Challenging a decision: requests to the LA, its answers, Tribunal appeals, capacity."""

import dataclasses
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aln.domain.calendar import next_working_day_after
from aln.domain.disagreements import (
    APPEAL_MATTER_BODIES,
    APPEAL_TRANSITIONS,
    DECISIONS_BEFORE_HEARING,
    EXCEPTION_RULES,
    OPEN_APPEAL_STAGES,
    ORDER_COMPLIANCE_RULE_VERIFIED,
    ORDER_COUNTS_AS_REVIEW,
    OUTCOME_RULES,
    REQUEST_DEADLINE_RULES,
    RESOLUTION_KEEPS_APPEAL_RIGHTS,
    ROUTE_RULES,
    AppealAction,
    AppealDecision,
    AppealFacts,
    AppealMatter,
    AppealMoveError,
    AppealProblem,
    AppealStage,
    AppealState,
    Appellant,
    CapacityAssessor,
    CapacityView,
    DutyException,
    ExceptionProblem,
    LaOutcome,
    MoveFacts,
    OrderKind,
    OrderProblem,
    OutcomeEffect,
    OutcomeProblem,
    Requester,
    RequestError,
    RequestFacts,
    RequestMove,
    RequestParts,
    RequestProblem,
    Route,
    SupportKind,
    appeal_last_day,
    appeal_move,
    appeal_period_ends_on,
    appeal_rule,
    appealable,
    capacity_view,
    check_appeal,
    check_exception,
    check_order,
    check_outcome,
    check_request,
    check_request_move,
    child_is_notified,
    exceptions_for,
    extends_appeal,
    invited_to_make_representations,
    la_reconsiders,
    notice_goes_to_case_friend,
    outcome_effects,
    outcome_recipients,
    outcomes_for,
    request_moves,
    review_last_day,
    same_as_school,
)
from aln.domain.notices import Recipient
from aln.domain.process import Outcome
from aln.domain.responsibility import Body
from aln.domain.timelines import RULES, due_date

D = datetime.date.fromisoformat
R = Requester

# A valid s.26 request from a parent about a school's decision on a child.
REQUEST = RequestFacts(
    route=Route.RECONSIDER_ALN,
    requester=Requester.PARENT,
    learner_is_young_person=False,
    child_lacks_capacity=False,
    capacity_declared_by_tribunal=False,
    has_case_friend=False,
    has_representative=False,
    decided_by=Body.SCHOOL,
    decision_exists=True,
    plan_maintained=True,
    cease_decided=True,
    school_decision_replaced=False,
    received_on=D("2026-11-04"),
    reconsideration_closes_on=None,
    open_same_route=False,
)


def request(**changes) -> RequestProblem | None:
    return check_request(dataclasses.replace(REQUEST, **changes))


# --- Routes -------------------------------------------------------------------------------------


def test_every_route_has_a_rule_with_a_source():
    assert set(ROUTE_RULES) == set(Route)
    assert all("Act s." in rule.source for rule in ROUTE_RULES.values())


@pytest.mark.parametrize(
    ("route", "deadline_rule", "about", "window_rule"),
    [
        (Route.RECONSIDER_ALN, "la-reconsideration", {Body.SCHOOL}, None),  # s.26, T4
        (Route.RECONSIDER_IDP, "la-idp-reconsideration", {Body.SCHOOL}, None),  # s.27, T5
        (Route.TAKE_OVER_IDP, "la-takeover-decision", {Body.SCHOOL, Body.FEI}, None),  # s.28, T6
        (
            Route.RECONSIDER_CEASING,
            "la-cease-reconsideration",
            {Body.SCHOOL},
            "cease-reconsideration-request",  # s.32, reg 12, T7
        ),
    ],
)
def test_route_rules(route, deadline_rule, about, window_rule):
    rule = ROUTE_RULES[route]
    assert rule.deadline_rule == deadline_rule
    assert rule.about_bodies == about
    assert rule.request_window_rule == window_rule


@pytest.mark.parametrize("route", list(Route))
def test_every_la_answer_limit_is_an_unverified_la_setting(route):
    # Spec T4-T7: none of the LA's reconsideration times is verified in the Code.
    rule = RULES[ROUTE_RULES[route].deadline_rule]
    assert rule.configurable
    assert "UNVERIFIED" in rule.source


def test_the_request_clocks_are_the_routes_answer_rules():
    # What settles a whole case leaves these open: the LA's duty to answer lasts until it does.
    assert {
        "la-reconsideration",
        "la-idp-reconsideration",
        "la-takeover-decision",
        "la-cease-reconsideration",
    } == REQUEST_DEADLINE_RULES
    assert set(RULES) >= REQUEST_DEADLINE_RULES


def test_the_new_cease_reconsideration_limit_defaults_to_7_weeks():
    # Received Fri 6 Nov 2026: 7 weeks from the day after is Fri 25 Dec, rolled to Tue 29 Dec.
    assert due_date("la-cease-reconsideration", D("2026-11-06")) == D("2026-12-29")
    assert due_date("la-cease-reconsideration", D("2026-11-06"), length=4) == D("2026-12-04")


@pytest.mark.parametrize(
    ("route", "requester", "young_person", "expected"),
    [
        # The family asks: the governing body is invited (ss.26(3), 27(3), 28(5)).
        (Route.RECONSIDER_ALN, R.PARENT, False, {R.GOVERNING_BODY}),
        (Route.RECONSIDER_IDP, R.YOUNG_PERSON, True, {R.GOVERNING_BODY}),
        (Route.TAKE_OVER_IDP, R.CHILD, False, {R.GOVERNING_BODY}),
        # The governing body asks for a take-over: the family is invited (s.28(4)).
        (Route.TAKE_OVER_IDP, R.GOVERNING_BODY, False, {R.CHILD, R.PARENT}),
        (Route.TAKE_OVER_IDP, R.GOVERNING_BODY, True, {R.YOUNG_PERSON}),
        # s.32: the spec names no representations duty.
        (Route.RECONSIDER_CEASING, R.PARENT, False, set()),
    ],
)
def test_who_is_invited_to_make_representations(route, requester, young_person, expected):
    invited = invited_to_make_representations(
        route, requester, learner_is_young_person=young_person
    )
    assert invited == expected


# --- Standing -----------------------------------------------------------------------------------

# A child's case where a case friend and a representative are both recorded, so only the route
# decides who may ask.
_ALL_RECORDED = {"has_case_friend": True, "has_representative": True}
_TAKE_OVER_FACTS = {"decided_by": Body.FEI}


@pytest.mark.parametrize("route", list(Route))
@pytest.mark.parametrize(
    ("requester", "only_take_over"),
    [
        (R.CHILD, False),
        (R.PARENT, False),
        (R.CASE_FRIEND, False),
        (R.REPRESENTATIVE, False),
        (R.GOVERNING_BODY, True),  # s.28(2): only a take-over
    ],
)
def test_who_may_ask_on_each_route(route, requester, only_take_over):
    problem = request(route=route, requester=requester, **_ALL_RECORDED)
    allowed = not only_take_over or route is Route.TAKE_OVER_IDP
    assert (problem is None) is allowed
    if not allowed:
        assert problem is RequestProblem.NO_STANDING


@pytest.mark.parametrize(
    ("requester", "young_person", "expected"),
    [
        # Young persons hold the rights themselves (spec §7).
        (R.YOUNG_PERSON, True, None),
        (R.PARENT, True, RequestProblem.NO_STANDING),
        (R.REPRESENTATIVE, True, None),  # the parent as the young person's s.83 representative
        (R.CHILD, True, RequestProblem.NO_STANDING),
        (R.CASE_FRIEND, True, RequestProblem.NO_STANDING),  # case friends are for children
        # A child's case: the child or the parent, never "the young person".
        (R.YOUNG_PERSON, False, RequestProblem.NO_STANDING),
        (R.PARENT, False, None),
        (R.CHILD, False, None),
    ],
)
def test_young_person_or_child(requester, young_person, expected):
    assert (
        request(requester=requester, learner_is_young_person=young_person, **_ALL_RECORDED)
        is expected
    )


@pytest.mark.parametrize(
    ("requester", "lacks", "declared", "case_friend", "expected"),
    [
        # s.84: duties on the child's own request are disapplied while the child lacks capacity.
        (R.CHILD, True, False, False, RequestProblem.NO_STANDING),
        (R.CHILD, True, False, True, RequestProblem.NO_STANDING),  # the case friend asks
        (R.CHILD, True, True, False, None),  # the Tribunal declared capacity
        (R.CASE_FRIEND, True, False, True, None),  # s.85
        (R.CASE_FRIEND, True, False, False, RequestProblem.NO_STANDING),  # none recorded
        (R.PARENT, True, False, False, None),  # the parent's own right is untouched
    ],
)
def test_capacity_and_case_friends(requester, lacks, declared, case_friend, expected):
    problem = request(
        requester=requester,
        child_lacks_capacity=lacks,
        capacity_declared_by_tribunal=declared,
        has_case_friend=case_friend,
    )
    assert problem is expected


def test_a_representative_must_be_recorded():
    assert request(requester=R.REPRESENTATIVE) is RequestProblem.NO_STANDING
    assert request(requester=R.REPRESENTATIVE, has_representative=True) is None


_REQUEST_FACTS = st.builds(
    RequestFacts,
    route=st.sampled_from(Route),
    requester=st.sampled_from(Requester),
    learner_is_young_person=st.booleans(),
    child_lacks_capacity=st.booleans(),
    capacity_declared_by_tribunal=st.booleans(),
    has_case_friend=st.booleans(),
    has_representative=st.booleans(),
    decided_by=st.sampled_from([*Body, None]),
    decision_exists=st.booleans(),
    plan_maintained=st.booleans(),
    cease_decided=st.booleans(),
    school_decision_replaced=st.booleans(),
    received_on=st.dates(D("2024-01-01"), D("2030-12-31")),
    reconsideration_closes_on=st.one_of(st.none(), st.dates(D("2024-01-01"), D("2030-12-31"))),
    open_same_route=st.booleans(),
)


@settings(deadline=None)
@given(_REQUEST_FACTS)
def test_anyone_the_route_does_not_allow_has_no_standing_whatever_the_facts(facts):
    if facts.requester not in ROUTE_RULES[facts.route].requesters:
        assert check_request(facts) is RequestProblem.NO_STANDING


@settings(deadline=None)
@given(_REQUEST_FACTS)
def test_a_request_about_an_la_decision_or_plan_is_never_valid(facts):
    # No reconsideration of an LA's decision or plan: the remedy is an appeal (s.70).
    if facts.decided_by in (Body.LOCAL_AUTHORITY, Body.LOOKING_AFTER_AUTHORITY):
        assert check_request(facts) is not None


# --- Is there something to challenge? -----------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "missing"),
    [
        (Route.RECONSIDER_ALN, "decision_exists"),
        (Route.RECONSIDER_IDP, "plan_maintained"),
        (Route.TAKE_OVER_IDP, "plan_maintained"),
        (Route.RECONSIDER_CEASING, "cease_decided"),
    ],
)
def test_no_decision_or_plan_to_challenge(route, missing):
    assert request(route=route) is None
    assert request(route=route, **{missing: False}) is RequestProblem.NO_DECISION


@pytest.mark.parametrize("route", list(Route))
@pytest.mark.parametrize("decided_by", [None, Body.NONE])
def test_no_body_no_decision(route, decided_by):
    assert request(route=route, decided_by=decided_by) is RequestProblem.NO_DECISION


@pytest.mark.parametrize(
    ("route", "decided_by", "expected"),
    [
        (Route.RECONSIDER_ALN, Body.LOCAL_AUTHORITY, RequestProblem.NOT_A_SCHOOL_DECISION),
        (Route.RECONSIDER_ALN, Body.FEI, RequestProblem.NOT_A_SCHOOL_DECISION),
        (Route.RECONSIDER_ALN, Body.LOOKING_AFTER_AUTHORITY, RequestProblem.NOT_A_SCHOOL_DECISION),
        (Route.RECONSIDER_IDP, Body.FEI, RequestProblem.NOT_A_SCHOOL_DECISION),
        (Route.RECONSIDER_IDP, Body.LOCAL_AUTHORITY, RequestProblem.NOT_A_SCHOOL_DECISION),
        (Route.RECONSIDER_CEASING, Body.FEI, RequestProblem.NOT_A_SCHOOL_DECISION),
        (Route.RECONSIDER_CEASING, Body.LOCAL_AUTHORITY, RequestProblem.NOT_A_SCHOOL_DECISION),
        (Route.TAKE_OVER_IDP, Body.FEI, None),  # s.28: an FEI's plan may be taken over
        (Route.TAKE_OVER_IDP, Body.SCHOOL, None),
        (Route.TAKE_OVER_IDP, Body.LOCAL_AUTHORITY, RequestProblem.NOT_A_SCHOOL_DECISION),
    ],
)
def test_only_a_school_decision_or_plan_is_reconsidered(route, decided_by, expected):
    assert request(route=route, decided_by=decided_by) is expected


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        # The LA answered a s.26 request: its decision replaced the school's (EN para 75), even
        # when it directed the school to prepare the plan. The remedy is an appeal (s.70).
        (Route.RECONSIDER_ALN, RequestProblem.NOT_A_SCHOOL_DECISION),
        # The plan the school then maintains, and its later decision to cease, are the school's.
        (Route.RECONSIDER_IDP, None),
        (Route.TAKE_OVER_IDP, None),
        (Route.RECONSIDER_CEASING, None),
    ],
)
def test_a_decision_the_las_s26_answer_replaced_is_not_reconsidered(route, expected):
    assert request(route=route, school_decision_replaced=True) is expected
    assert request(route=route, school_decision_replaced=False) is None


@settings(deadline=None)
@given(_REQUEST_FACTS)
def test_a_decision_the_la_does_not_reconsider_is_never_a_valid_request(facts):
    if not la_reconsiders(
        facts.route, facts.decided_by, school_decision_replaced=facts.school_decision_replaced
    ):
        assert check_request(facts) is not None
    if facts.route is Route.RECONSIDER_ALN and facts.school_decision_replaced:
        assert check_request(facts) is not None


# --- The s.32 window ----------------------------------------------------------------------------

# Notifications given Fri 27 Nov 2026: 4 weeks from the day after ends Fri 25 Dec, rolled past
# Christmas and Boxing Day (substitute Mon 28 Dec) to Tue 29 Dec (reg 12, reg 2(4)).
_CLOSES = due_date("cease-reconsideration-request", D("2026-11-27"))


def test_the_window_example_rolls_past_christmas():
    assert D("2026-12-29") == _CLOSES


@pytest.mark.parametrize(
    ("received_on", "expected"),
    [
        ("2026-12-28", None),
        ("2026-12-29", None),  # the last day
        ("2026-12-30", RequestProblem.WINDOW_CLOSED),  # the day after
    ],
)
def test_the_cease_request_window(received_on, expected):
    problem = request(
        route=Route.RECONSIDER_CEASING,
        received_on=D(received_on),
        reconsideration_closes_on=_CLOSES,
    )
    assert problem is expected


def test_no_window_before_the_notifications_are_given():
    assert request(route=Route.RECONSIDER_CEASING, received_on=D("2030-01-01")) is None


@pytest.mark.parametrize("route", [r for r in Route if r is not Route.RECONSIDER_CEASING])
def test_other_routes_have_no_window(route):
    late = {"received_on": D("2027-06-01"), "reconsideration_closes_on": _CLOSES}
    assert request(route=route, **late) is None


# --- Already open, and the order of the checks --------------------------------------------------


def test_a_second_request_on_the_same_route_waits_for_the_first():
    assert request(open_same_route=True) is RequestProblem.ALREADY_OPEN


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"requester": R.GOVERNING_BODY, "decided_by": Body.LOCAL_AUTHORITY},
            RequestProblem.NO_STANDING,
        ),
        (
            {"decision_exists": False, "decided_by": Body.LOCAL_AUTHORITY},
            RequestProblem.NO_DECISION,
        ),
        (
            {"route": Route.RECONSIDER_CEASING, "decided_by": Body.FEI, "open_same_route": True},
            RequestProblem.NOT_A_SCHOOL_DECISION,
        ),
        (
            {
                "route": Route.RECONSIDER_CEASING,
                "received_on": D("2027-01-04"),
                "reconsideration_closes_on": _CLOSES,
                "open_same_route": True,
            },
            RequestProblem.WINDOW_CLOSED,
        ),
    ],
)
def test_the_first_problem_wins(changes, expected):
    assert request(**changes) is expected


# --- Exceptions (s.29) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (Route.RECONSIDER_ALN, set(DutyException)),
        (Route.RECONSIDER_IDP, set(DutyException)),
        (Route.TAKE_OVER_IDP, set(DutyException)),
        (Route.RECONSIDER_CEASING, set()),
    ],
)
def test_exceptions_by_route(route, expected):
    assert set(exceptions_for(route)) == expected


def test_no_exception_is_hard_coded_as_law():
    assert set(EXCEPTION_RULES) == set(DutyException)
    assert all(not rule.verified and "s.29" in rule.source for rule in EXCEPTION_RULES.values())


@pytest.mark.parametrize(
    ("route", "exception", "reasons", "expected"),
    [
        (Route.RECONSIDER_ALN, DutyException.BECAME_DETAINED, "Detained 3 March", None),
        (
            Route.RECONSIDER_ALN,
            DutyException.BECAME_DETAINED,
            "  ",
            ExceptionProblem.REASONS_REQUIRED,
        ),
        (
            Route.RECONSIDER_CEASING,
            DutyException.BECAME_LOOKED_AFTER,
            "In care",
            ExceptionProblem.NOT_FOR_THIS_ROUTE,
        ),
    ],
)
def test_recording_an_exception(route, exception, reasons, expected):
    assert check_exception(route, exception, reasons) is expected


# --- What may be done on a request now ----------------------------------------------------------

M = RequestMove
# A s.26 request, open, whose governing body has not been invited yet.
_OPEN_S26 = MoveFacts(
    is_open=True,
    route=Route.RECONSIDER_ALN,
    invited_on=None,
    invitees=frozenset({R.GOVERNING_BODY}),
)
# Each way a person can stand to that request, and the moves it gives them.
_PARTIES = {
    "la": (RequestParts(la=True), set(RequestMove)),
    "governing_body": (RequestParts(governing_body=True), {M.REPRESENTATIONS}),  # s.26(3)
    "requester": (RequestParts(requester=True, family_as=R.PARENT), {M.WITHDRAW}),
    "family": (RequestParts(family_as=R.PARENT), set()),  # not invited on s.26
    "nobody": (RequestParts(), set()),
}


@pytest.mark.parametrize("is_open", [True, False])
@pytest.mark.parametrize("party", list(_PARTIES))
@pytest.mark.parametrize("move", list(RequestMove))
def test_every_move_for_every_party(move, party, is_open):
    parts, allowed = _PARTIES[party]
    facts = dataclasses.replace(_OPEN_S26, is_open=is_open)
    if not is_open:
        expected = RequestError.NOT_OPEN  # nothing is done on a closed request
    elif move in allowed:
        expected = None
    else:
        expected = RequestError.NOT_YOURS
    assert check_request_move(move, facts, parts) is expected


@pytest.mark.parametrize(
    ("facts", "move", "expected"),
    [
        # The law names nobody to invite on s.32, and no s.29 exception applies there.
        (
            MoveFacts(True, Route.RECONSIDER_CEASING, None, frozenset()),
            M.INVITE,
            RequestError.NOBODY_TO_INVITE,
        ),
        (
            MoveFacts(True, Route.RECONSIDER_CEASING, None, frozenset()),
            M.EXCEPTION,
            RequestError.NO_EXCEPTIONS,
        ),
        # Invited once only.
        (
            dataclasses.replace(_OPEN_S26, invited_on=D("2026-11-20")),
            M.INVITE,
            RequestError.ALREADY_INVITED,
        ),
        (dataclasses.replace(_OPEN_S26, invited_on=D("2026-11-20")), M.DECIDE, None),
        (MoveFacts(True, Route.RECONSIDER_CEASING, None, frozenset()), M.REPRESENTATIONS, None),
    ],
)
def test_what_the_la_may_not_do_on_a_route(facts, move, expected):
    assert check_request_move(move, facts, RequestParts(la=True)) is expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        # The governing body asked for a take-over: the family is invited (s.28(4)) and the
        # governing body, which sent it, may withdraw it.
        (RequestParts(family_as=R.PARENT), {M.REPRESENTATIONS}),
        (RequestParts(family_as=R.CHILD), {M.REPRESENTATIONS}),
        (RequestParts(governing_body=True, requester=True), {M.WITHDRAW}),
        (RequestParts(family_as=R.YOUNG_PERSON), set()),  # not a young person's case
    ],
)
def test_a_take_over_the_governing_body_asked_for(parts, expected):
    facts = MoveFacts(True, Route.TAKE_OVER_IDP, None, frozenset({R.CHILD, R.PARENT}))
    assert request_moves(facts, parts) == expected


_MOVE_FACTS = st.builds(
    MoveFacts,
    is_open=st.booleans(),
    route=st.sampled_from(Route),
    invited_on=st.one_of(st.none(), st.dates(D("2024-01-01"), D("2030-12-31"))),
    invitees=st.frozensets(st.sampled_from(Requester)),
)
_PARTS = st.builds(
    RequestParts,
    la=st.booleans(),
    governing_body=st.booleans(),
    requester=st.booleans(),
    family_as=st.one_of(st.none(), st.sampled_from(Requester)),
)


@given(facts=_MOVE_FACTS, parts=_PARTS)
def test_the_moves_offered_are_exactly_the_moves_allowed(facts, parts):
    allowed = {move for move in RequestMove if check_request_move(move, facts, parts) is None}
    assert request_moves(facts, parts) == allowed


@given(facts=_MOVE_FACTS, parts=_PARTS, move=st.sampled_from(RequestMove))
def test_nothing_is_done_on_a_request_that_is_not_open(facts, parts, move):
    closed = dataclasses.replace(facts, is_open=False)
    assert check_request_move(move, closed, parts) is RequestError.NOT_OPEN
    assert request_moves(closed, parts) == frozenset()


@given(facts=_MOVE_FACTS, parts=_PARTS)
def test_only_the_la_invites_records_exceptions_and_answers(facts, parts):
    moves = request_moves(facts, parts)
    if not parts.la:
        assert not moves & {M.INVITE, M.EXCEPTION, M.DECIDE}
    elif facts.is_open:
        assert {M.DECIDE, M.WITHDRAW, M.REPRESENTATIONS} <= moves


# --- LA outcomes --------------------------------------------------------------------------------


def test_every_outcome_answers_one_route_and_every_route_has_two_or_more():
    assert set(OUTCOME_RULES) == set(LaOutcome)
    answered = [outcome for route in Route for outcome in outcomes_for(route)]
    assert sorted(answered) == sorted(LaOutcome)  # each exactly once
    assert all(len(outcomes_for(route)) >= 2 for route in Route)


@pytest.mark.parametrize(
    ("outcome", "route", "matters", "effects"),
    [
        (
            LaOutcome.ALN_DECISION_CONFIRMED,
            Route.RECONSIDER_ALN,
            {AppealMatter.HAS_ALN},
            {OutcomeEffect.REPLACES_SCHOOL_DECISION},
        ),
        (
            LaOutcome.ALN_DECISION_CHANGED,
            Route.RECONSIDER_ALN,
            {AppealMatter.HAS_ALN},
            {OutcomeEffect.REPLACES_SCHOOL_DECISION},
        ),
        (
            LaOutcome.NO_REVISION,
            Route.RECONSIDER_IDP,
            {AppealMatter.REFUSAL_TO_REVISE},
            {OutcomeEffect.STARTS_REVIEW_PERIOD},  # T11: an LA s.27(4) notice
        ),
        (
            LaOutcome.REVISED_SCHOOL_TO_MAINTAIN,
            Route.RECONSIDER_IDP,
            {AppealMatter.DESCRIPTION_OF_NEED, AppealMatter.ALP, AppealMatter.WELSH_PROVISION},
            {
                OutcomeEffect.LA_PREPARES_REVISION,
                OutcomeEffect.DIRECTS_SCHOOL_TO_MAINTAIN,
                OutcomeEffect.STARTS_REVIEW_PERIOD,
            },
        ),
        (
            LaOutcome.REVISED_AND_TAKEN_OVER,
            Route.RECONSIDER_IDP,
            {
                AppealMatter.DESCRIPTION_OF_NEED,
                AppealMatter.ALP,
                AppealMatter.WELSH_PROVISION,
                AppealMatter.LA_PROVISION,
            },
            {
                OutcomeEffect.LA_PREPARES_REVISION,
                OutcomeEffect.LA_TAKES_OVER,
                OutcomeEffect.STARTS_REVIEW_PERIOD,
            },
        ),
        (LaOutcome.TAKEN_OVER, Route.TAKE_OVER_IDP, set(), {OutcomeEffect.LA_TAKES_OVER}),
        (
            LaOutcome.TAKE_OVER_REFUSED,
            Route.TAKE_OVER_IDP,
            {AppealMatter.REFUSAL_TO_TAKE_OVER},
            set(),
        ),
        (LaOutcome.CEASING_CONFIRMED, Route.RECONSIDER_CEASING, {AppealMatter.CEASE}, set()),
        (
            LaOutcome.CEASING_REVERSED,
            Route.RECONSIDER_CEASING,
            set(),
            {OutcomeEffect.PLAN_CONTINUES},
        ),
    ],
)
def test_outcome_rules(outcome, route, matters, effects):
    rule = OUTCOME_RULES[outcome]
    assert rule.route is route
    assert rule.appeal_matters == matters
    assert outcome_effects(outcome) == effects


def test_only_the_s26_outcomes_replace_the_school_decision():
    replacing = {o for o, rule in OUTCOME_RULES.items() if rule.replaces_school_decision}
    assert replacing == set(outcomes_for(Route.RECONSIDER_ALN))
    for outcome, rule in OUTCOME_RULES.items():
        assert rule.replaces_school_decision is (
            OutcomeEffect.REPLACES_SCHOOL_DECISION in rule.effects
        ), outcome


def test_the_governing_body_gets_a_copy_of_every_outcome():
    assert all(rule.copy_to_governing_body for rule in OUTCOME_RULES.values())


def test_only_the_s32_outcomes_are_unverified():
    unverified = {o for o, rule in OUTCOME_RULES.items() if not rule.verified}
    assert unverified == set(outcomes_for(Route.RECONSIDER_CEASING))


def test_every_outcome_that_can_be_appealed_is_appealable_as_an_la_decision():
    for rule in OUTCOME_RULES.values():
        assert all(appealable(Body.LOCAL_AUTHORITY, m) for m in rule.appeal_matters)


@pytest.mark.parametrize(
    ("outcome", "has_aln", "directs", "added"),
    [
        (LaOutcome.ALN_DECISION_CHANGED, False, False, set()),
        (LaOutcome.ALN_DECISION_CHANGED, True, False, {OutcomeEffect.LA_MUST_PREPARE_OR_DIRECT}),
        (
            LaOutcome.ALN_DECISION_CONFIRMED,
            True,
            True,
            {OutcomeEffect.LA_MUST_PREPARE_OR_DIRECT, OutcomeEffect.DIRECTS_SCHOOL_TO_PREPARE},
        ),
        (LaOutcome.ALN_DECISION_CONFIRMED, False, True, set()),  # nothing to prepare
        (LaOutcome.NO_REVISION, True, True, set()),  # means nothing off s.26
    ],
)
def test_s14_duties_follow_an_la_decision_of_aln(outcome, has_aln, directs, added):
    effects = outcome_effects(outcome, has_aln=has_aln, directs_school=directs)
    assert effects == OUTCOME_RULES[outcome].effects | added


@pytest.mark.parametrize(
    ("young_person", "lacks", "case_friend", "expected"),
    [
        (True, False, False, (Recipient.YOUNG_PERSON,)),
        (False, False, False, (Recipient.CHILD, Recipient.PARENT)),
        (False, True, False, (Recipient.PARENT,)),  # s.84
        (False, True, True, (Recipient.CHILD, Recipient.PARENT, Recipient.CASE_FRIEND)),
    ],
)
def test_who_is_told_the_outcome(young_person, lacks, case_friend, expected):
    recipients = outcome_recipients(
        LaOutcome.TAKE_OVER_REFUSED,
        is_young_person=young_person,
        child_lacks_capacity=lacks,
        case_friend_appointed=case_friend,
    )
    assert recipients == expected


_S26 = Route.RECONSIDER_ALN
_SAME = LaOutcome.ALN_DECISION_CONFIRMED
_DIFFERENT = LaOutcome.ALN_DECISION_CHANGED


@pytest.mark.parametrize(
    ("route", "outcome", "has_aln", "directs", "reasons", "school", "expected"),
    [
        (_S26, _DIFFERENT, True, True, "Reasons", Outcome.NO_ALN, None),
        (
            Route.RECONSIDER_IDP,
            _DIFFERENT,
            True,
            False,
            "Reasons",
            Outcome.NO_ALN,
            OutcomeProblem.NOT_FOR_THIS_ROUTE,
        ),
        # s.26: the LA decides ALN itself and must say which.
        (_S26, _SAME, None, False, "Reasons", Outcome.NO_ALN, OutcomeProblem.HAS_ALN_REQUIRED),
        (Route.TAKE_OVER_IDP, LaOutcome.TAKE_OVER_REFUSED, None, False, "Reasons", None, None),
        (
            _S26,
            _DIFFERENT,
            False,
            True,
            "Reasons",
            Outcome.HAS_ALN,
            OutcomeProblem.DIRECTION_NEEDS_ALN,
        ),
        (
            Route.TAKE_OVER_IDP,
            LaOutcome.TAKE_OVER_REFUSED,
            None,
            False,
            " ",
            None,
            OutcomeProblem.REASONS_REQUIRED,
        ),
        # "The same decision as the school" is the school's own; "a different one" is not.
        (_S26, _SAME, False, False, "Reasons", Outcome.NO_ALN, None),
        (_S26, _SAME, True, False, "Reasons", Outcome.HAS_ALN, None),
        (
            _S26,
            _SAME,
            True,
            False,
            "Reasons",
            Outcome.NO_ALN,
            OutcomeProblem.NOT_THE_SCHOOLS_DECISION,
        ),
        (
            _S26,
            _DIFFERENT,
            False,
            False,
            "Reasons",
            Outcome.NO_ALN,
            OutcomeProblem.NOT_THE_SCHOOLS_DECISION,
        ),
        # A "duty does not arise" decision is never the same as the LA's decision on ALN.
        (
            _S26,
            _SAME,
            False,
            False,
            "Reasons",
            Outcome.DUTY_DOES_NOT_ARISE,
            OutcomeProblem.NOT_THE_SCHOOLS_DECISION,
        ),
        (_S26, _DIFFERENT, False, False, "Reasons", Outcome.DUTY_DOES_NOT_ARISE, None),
        # Reasons are asked for before the match with the school's decision.
        (_S26, _SAME, True, False, "", Outcome.NO_ALN, OutcomeProblem.REASONS_REQUIRED),
    ],
)
def test_recording_an_outcome(route, outcome, has_aln, directs, reasons, school, expected):
    problem = check_outcome(
        route,
        outcome,
        has_aln=has_aln,
        directs_school=directs,
        reasons=reasons,
        school_outcome=school,
    )
    assert problem is expected


@pytest.mark.parametrize(
    ("has_aln", "school", "expected"),
    [
        (True, Outcome.HAS_ALN, True),
        (False, Outcome.NO_ALN, True),
        (True, Outcome.NO_ALN, False),
        (False, Outcome.HAS_ALN, False),
        (True, Outcome.DUTY_DOES_NOT_ARISE, False),
        (False, Outcome.DUTY_DOES_NOT_ARISE, False),
        (False, None, False),
    ],
)
def test_same_as_school(has_aln, school, expected):
    assert same_as_school(has_aln=has_aln, school_outcome=school) is expected


@given(
    has_aln=st.booleans(),
    school=st.one_of(st.none(), st.sampled_from(Outcome)),
    directs=st.booleans(),
)
def test_exactly_one_s26_answer_fits_the_las_decision(has_aln, school, directs):
    fitting = [
        outcome
        for outcome in outcomes_for(_S26)
        if check_outcome(
            _S26,
            outcome,
            has_aln=has_aln,
            directs_school=directs and has_aln,
            reasons="Reasons",
            school_outcome=school,
        )
        is None
    ]
    assert len(fitting) == 1


# --- What may be appealed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "matter", "expected"),
    [
        (Body.SCHOOL, AppealMatter.HAS_ALN, False),  # the LA reconsiders first (EN para 73)
        (Body.SCHOOL, AppealMatter.CEASE, False),
        (Body.NONE, AppealMatter.HAS_ALN, False),
        (Body.LOCAL_AUTHORITY, AppealMatter.HAS_ALN, True),
        (Body.LOOKING_AFTER_AUTHORITY, AppealMatter.LA_PROVISION, True),  # s.19(4)
        (Body.FEI, AppealMatter.HAS_ALN, True),
        (Body.FEI, AppealMatter.ALP, True),
        (Body.FEI, AppealMatter.CEASE, True),
        (Body.FEI, AppealMatter.IDP_NOT_NECESSARY, False),  # only an LA decides (s.14(1)(c))
        (Body.FEI, AppealMatter.LA_PROVISION, False),
        (Body.FEI, AppealMatter.REFUSAL_TO_TAKE_OVER, False),  # only an LA takes over (s.28)
        (Body.LOCAL_AUTHORITY, AppealMatter.REFUSAL_TO_TAKE_OVER, True),
    ],
)
def test_appealable_by_body_and_matter(body, matter, expected):
    assert appealable(body, matter) is expected


@given(matter=st.sampled_from(AppealMatter))
def test_a_school_decision_is_never_appealable(matter):
    assert not appealable(Body.SCHOOL, matter)
    assert appealable(Body.LOCAL_AUTHORITY, matter)  # every matter is some LA decision


def test_every_matter_has_bodies():
    assert set(APPEAL_MATTER_BODIES) == set(AppealMatter)


# --- The appeal deadline (T14) ------------------------------------------------------------------

# Notice given Fri 6 Nov 2026: the 8 weeks beginning that day end on Thu 31 Dec 2026. The appeal
# is due the first working day after: Fri 1 Jan is a bank holiday, then a weekend: Mon 4 Jan.
NOTICE = D("2026-11-06")


def test_the_period_ends_before_the_appeal_is_due():
    assert appeal_period_ends_on(NOTICE) == D("2026-12-31")
    assert appeal_last_day(NOTICE, None) == D("2027-01-04")


@pytest.mark.parametrize(
    ("referred_on", "rule", "last_day"),
    [
        (None, "etw-appeal", "2027-01-04"),
        ("2026-11-20", "etw-appeal-extended", "2027-02-26"),
        # On the last day of the period: extended, 16 weeks end Thu 25 Feb, due Fri 26 Feb.
        ("2026-12-31", "etw-appeal-extended", "2027-02-26"),
        # The day after the period expired: too late, even though the appeal is not yet due.
        ("2027-01-01", "etw-appeal", "2027-01-04"),
        ("2027-01-03", "etw-appeal", "2027-01-04"),
    ],
)
def test_a_referral_before_expiry_extends_the_appeal(referred_on, rule, last_day):
    referred = D(referred_on) if referred_on else None
    assert appeal_rule(NOTICE, referred) == rule
    assert appeal_last_day(NOTICE, referred) == D(last_day)


def test_advocacy_never_extends_the_appeal():
    assert extends_appeal(D("2026-11-20"), NOTICE)
    assert not extends_appeal(D("2026-11-20"), NOTICE, kind=SupportKind.ADVOCACY)


def test_disagreement_resolution_keeps_appeal_rights():
    assert RESOLUTION_KEEPS_APPEAL_RIGHTS is True  # s.68(5): notices say so


_DAYS = st.dates(D("2025-01-01"), D("2032-12-31"))


@settings(deadline=None)
@given(notice=_DAYS, later=_DAYS, earlier=_DAYS)
def test_extends_appeal_is_monotone_in_the_referral_date(notice, later, earlier):
    earlier, later = min(earlier, later), max(earlier, later)
    if extends_appeal(later, notice):
        assert extends_appeal(earlier, notice)


@settings(deadline=None)
@given(notice=_DAYS)
def test_the_appeal_is_due_the_first_working_day_after_the_period(notice):
    ends = appeal_period_ends_on(notice)
    assert (ends - notice).days == 8 * 7 - 1
    assert appeal_last_day(notice, None) == next_working_day_after(ends)
    assert appeal_last_day(notice, ends) > appeal_last_day(notice, None)


def test_review_last_day_rolls_forward():
    # Decision sent Fri 27 Nov 2026: + 28 = Fri 25 Dec, rolled to Tue 29 Dec (reg 53; T15).
    assert review_last_day(D("2026-11-27")) == D("2026-12-29")


# --- Whether an appeal may go ahead -------------------------------------------------------------

APPEAL = AppealFacts(
    decided_by=Body.LOCAL_AUTHORITY,
    matters=frozenset({AppealMatter.ALP}),
    appellant=Appellant.PARENT,
    learner_is_young_person=False,
    child_lacks_capacity=False,
    capacity_declared_by_tribunal=False,
    has_case_friend=False,
    has_representative=False,
    received_on=D("2027-01-04"),
    last_day=D("2027-01-04"),
)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, None),
        ({"decided_by": Body.SCHOOL}, AppealProblem.NOT_APPEALABLE),
        ({"decided_by": Body.SCHOOL, "matters": frozenset()}, AppealProblem.NOT_APPEALABLE),
        (
            {"decided_by": Body.FEI, "matters": frozenset({AppealMatter.LA_PROVISION})},
            AppealProblem.NOT_APPEALABLE,
        ),
        ({"appellant": Appellant.YOUNG_PERSON}, AppealProblem.NO_STANDING),
        ({"learner_is_young_person": True}, AppealProblem.NO_STANDING),  # parent of a YP
        ({"appellant": Appellant.CHILD, "child_lacks_capacity": True}, AppealProblem.NO_STANDING),
        (
            {"appellant": Appellant.CASE_FRIEND, "child_lacks_capacity": True},
            AppealProblem.NO_STANDING,
        ),
        (
            {
                "appellant": Appellant.CASE_FRIEND,
                "child_lacks_capacity": True,
                "has_case_friend": True,
            },
            None,
        ),
        ({"matters": frozenset()}, AppealProblem.NO_MATTERS),
        ({"received_on": D("2027-01-05")}, AppealProblem.LATE_NEEDS_PERMISSION),
        ({"received_on": D("2027-01-05"), "late_permission": False}, AppealProblem.LATE_REFUSED),
        ({"received_on": D("2027-01-05"), "late_permission": True}, None),  # reg 14
    ],
)
def test_check_appeal(changes, expected):
    assert check_appeal(dataclasses.replace(APPEAL, **changes)) is expected


# --- An appeal's stages -------------------------------------------------------------------------

S = AppealStage
A = AppealAction


@pytest.mark.parametrize(
    ("state", "action", "decision", "target"),
    [
        (AppealState(S.LODGED), A.REGISTER, None, S.CASE_STATEMENTS),
        (
            AppealState(S.LODGED, lodged_late=True),
            A.SEEK_LATE_PERMISSION,
            None,
            S.LATE_PERMISSION_SOUGHT,
        ),
        (AppealState(S.LATE_PERMISSION_SOUGHT, True), A.GRANT_LATE_PERMISSION, None, S.LODGED),
        (AppealState(S.LATE_PERMISSION_SOUGHT, True), A.REFUSE_LATE_PERMISSION, None, S.CLOSED),
        (AppealState(S.LODGED, True, True), A.REGISTER, None, S.CASE_STATEMENTS),
        (AppealState(S.CASE_STATEMENTS), A.LIST_HEARING, None, S.HEARING_LISTED),
        (AppealState(S.CASE_STATEMENTS), A.DECIDE, AppealDecision.CONCEDED, S.DECIDED),
        (AppealState(S.HEARING_LISTED), A.DECIDE, AppealDecision.ALLOWED_IN_PART, S.DECIDED),
        (AppealState(S.DECIDED), A.RECORD_REVIEW_APPLICATION, None, S.DECIDED),
        (AppealState(S.DECIDED), A.CLOSE, None, S.CLOSED),
    ],
)
def test_appeal_moves(state, action, decision, target):
    move = appeal_move(state, action, decision=decision)
    assert move.allowed
    assert move.transition.target is target


@pytest.mark.parametrize(
    ("state", "action", "decision", "error"),
    [
        (
            AppealState(S.LODGED, lodged_late=True),
            A.REGISTER,
            None,
            AppealMoveError.LATE_NEEDS_PERMISSION,
        ),
        (AppealState(S.LODGED), A.SEEK_LATE_PERMISSION, None, AppealMoveError.NOT_LATE),
        (
            AppealState(S.LODGED, True, False),
            A.SEEK_LATE_PERMISSION,
            None,
            AppealMoveError.NOT_ALLOWED_NOW,
        ),
        (AppealState(S.LODGED), A.DECIDE, AppealDecision.ALLOWED, AppealMoveError.NOT_ALLOWED_NOW),
        (
            AppealState(S.CASE_STATEMENTS),
            A.DECIDE,
            AppealDecision.DISMISSED,
            AppealMoveError.DECISION_NEEDS_HEARING,
        ),
        (AppealState(S.HEARING_LISTED), A.DECIDE, None, AppealMoveError.DECISION_REQUIRED),
        (AppealState(S.DECIDED), A.WITHDRAW, None, AppealMoveError.NOT_ALLOWED_NOW),
        (AppealState(S.CLOSED), A.CLOSE, None, AppealMoveError.NOT_ALLOWED_NOW),
    ],
)
def test_appeal_moves_refused(state, action, decision, error):
    assert appeal_move(state, action, decision=decision).error is error


@pytest.mark.parametrize("stage", sorted(OPEN_APPEAL_STAGES))
def test_an_appeal_can_be_withdrawn_at_any_open_stage(stage):
    move = appeal_move(AppealState(stage), A.WITHDRAW)
    assert move.transition.target is S.WITHDRAWN


def test_closed_and_withdrawn_appeals_go_nowhere():
    assert not [t for t in APPEAL_TRANSITIONS if t.source in (S.CLOSED, S.WITHDRAWN)]


@given(decision=st.sampled_from(AppealDecision))
def test_only_a_concession_or_strike_out_comes_before_a_hearing(decision):
    move = appeal_move(AppealState(S.CASE_STATEMENTS), A.DECIDE, decision=decision)
    assert move.allowed is (decision in DECISIONS_BEFORE_HEARING)


# --- Tribunal orders ----------------------------------------------------------------------------


def test_order_compliance_time_is_not_law():
    assert ORDER_COMPLIANCE_RULE_VERIFIED is False  # T20
    assert not [rule_id for rule_id in RULES if "order" in rule_id]


def test_only_an_order_to_revise_counts_as_the_review():
    assert {OrderKind.REVISE_IDP} == ORDER_COUNTS_AS_REVIEW  # s.23(6)


@pytest.mark.parametrize(
    ("comply_by", "expected"),
    [
        ("2027-03-01", None),
        ("2027-02-01", None),  # the same day
        (None, OrderProblem.COMPLY_BY_REQUIRED),
        ("2027-01-31", OrderProblem.COMPLY_BY_BEFORE_ORDER),
    ],
)
def test_an_order_states_its_own_date(comply_by, expected):
    comply = D(comply_by) if comply_by else None
    assert check_order(made_on=D("2027-02-01"), comply_by=comply) is expected


# --- Capacity and case friends ------------------------------------------------------------------

C = CapacityAssessor


def view(assessor, lacks, on):
    return CapacityView(assessor, lacks, D(on))


@pytest.mark.parametrize(
    ("views", "expected"),
    [
        ([], None),
        ([view(C.SCHOOL, True, "2026-10-01")], True),
        # The LA's view prevails over a later school view (EN para 178).
        ([view(C.LOCAL_AUTHORITY, False, "2026-10-01"), view(C.SCHOOL, True, "2026-11-01")], False),
        # Equal standing: the latest wins.
        ([view(C.SCHOOL, True, "2026-11-01"), view(C.SCHOOL, False, "2026-10-01")], True),
        (
            [
                view(C.LOCAL_AUTHORITY, True, "2026-10-01"),
                view(C.LOCAL_AUTHORITY, False, "2026-12-01"),
            ],
            False,
        ),
        # The Tribunal's declaration prevails over everything, however old.
        (
            [view(C.TRIBUNAL, False, "2025-01-01"), view(C.LOCAL_AUTHORITY, True, "2026-12-01")],
            False,
        ),
    ],
)
def test_which_capacity_view_prevails(views, expected):
    assert capacity_view(views) is expected


_VIEWS = st.lists(
    st.builds(CapacityView, st.sampled_from(CapacityAssessor), st.booleans(), _DAYS),
    max_size=6,
)


@settings(deadline=None)
@given(views=_VIEWS, declaration=st.booleans(), on=_DAYS)
def test_a_tribunal_declaration_always_prevails(views, declaration, on):
    others = [v for v in views if v.assessor is not C.TRIBUNAL]
    assert capacity_view([*others, CapacityView(C.TRIBUNAL, declaration, on)]) is declaration


@pytest.mark.parametrize(
    ("lacks", "case_friend", "declared", "expected"),
    [
        (False, False, False, True),
        (True, False, False, False),  # s.84
        (True, True, False, True),
        (True, False, True, True),
    ],
)
def test_child_is_notified(lacks, case_friend, declared, expected):
    assert child_is_notified(lacks, case_friend, declared) is expected


@pytest.mark.parametrize(
    ("young_person", "case_friend", "expected"),
    [(False, True, True), (False, False, False), (True, True, False)],
)
def test_notice_goes_to_case_friend(young_person, case_friend, expected):
    assert (
        notice_goes_to_case_friend(is_young_person=young_person, has_case_friend=case_friend)
        is expected
    )
