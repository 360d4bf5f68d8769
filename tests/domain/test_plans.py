"""A plan after the decision: what blocks giving it, reviews, ceasing and transfers."""

import dataclasses
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.ages import duties_end
from aln.domain.plans import (
    GROUND_RULES,
    TRANSFER_RULES,
    AlpProvider,
    CeaseError,
    CeaseGround,
    CeaseRight,
    ElementFacts,
    IssueBlock,
    IssueProblem,
    PlanFacts,
    ReviewDecision,
    ReviewError,
    TransferError,
    TransferKind,
    academic_year_start,
    cease_right,
    check_cease,
    check_issue,
    check_review,
    check_transfer,
)
from aln.domain.responsibility import Body

D = datetime.date.fromisoformat
GOOD = "By July 2027, Cai will read 40 common words aloud correctly in 4 out of 5 checks."
GOOD_CY = (
    "Erbyn Gorffennaf 2027, bydd Cai yn darllen 40 gair cyffredin yn gywir mewn 4 o bob 5 prawf."
)

ELEMENT = ElementFacts(
    key="e1",
    outcome=GOOD,
    provision="Structured phonics, one to one",
    provider=AlpProvider.SCHOOL,
    provider_named=True,
    welsh_required=False,
    starts_on=D("2026-10-19"),
    review_or_end_on=D("2027-07-16"),
    linked_needs=1,
)
PLAN = PlanFacts(language="en", has_profile=True, needs_described=True, elements=(ELEMENT,))


def blocks(**element_changes) -> tuple[IssueBlock, ...]:
    element = dataclasses.replace(ELEMENT, **element_changes)
    return check_issue(dataclasses.replace(PLAN, elements=(element,)))


# --- Giving a plan -------------------------------------------------------------------------------


def test_a_complete_plan_may_be_given():
    assert check_issue(PLAN) == ()


def test_a_welsh_plan_is_checked_in_welsh():
    welsh = dataclasses.replace(
        PLAN, language="cy", elements=(dataclasses.replace(ELEMENT, outcome=GOOD_CY),)
    )
    assert check_issue(welsh) == ()


def test_an_empty_plan_says_everything_it_lacks():
    empty = PlanFacts(language="en", has_profile=False, needs_described=False)
    assert [b.problem for b in check_issue(empty)] == [
        IssueProblem.NO_PROFILE,
        IssueProblem.NO_NEEDS,
        IssueProblem.NO_ELEMENTS,
    ]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"outcome": " "}, IssueProblem.OUTCOME_EMPTY),
        ({"outcome": "Cai will improve his reading."}, IssueProblem.OUTCOME_NEEDS_MEASURE_OR_DATE),
        ({"outcome": "Cai will read 40 words correctly in 4 out of 5 checks."},
         IssueProblem.OUTCOME_NEEDS_MEASURE_OR_DATE),  # no date
        ({"linked_needs": 0}, IssueProblem.NO_NEED_LINKED),
        ({"provision": ""}, IssueProblem.NO_PROVISION),
        ({"provider": None}, IssueProblem.NO_PROVIDER),
        ({"provider": AlpProvider.NHS_BODY, "provider_named": False},
         IssueProblem.NO_HEALTH_BOARD),
        ({"welsh_required": None}, IssueProblem.WELSH_NOT_DECIDED),
        ({"starts_on": None}, IssueProblem.NO_START_DATE),
        ({"review_or_end_on": D("2026-10-01")}, IssueProblem.END_BEFORE_START),
    ],
)  # fmt: skip
def test_each_gap_in_an_element_blocks_giving_the_plan(changes, problem):
    assert IssueBlock(problem, "e1") in blocks(**changes)


def test_a_recorded_reason_lets_an_unmeasured_outcome_through():
    vague = "Cai will become more confident when speaking in class."
    assert blocks(outcome=vague) == (IssueBlock(IssueProblem.OUTCOME_NEEDS_MEASURE_OR_DATE, "e1"),)
    assert blocks(outcome=vague, outcome_exception="Agreed with Cai: a wellbeing aim.") == ()


def test_vague_wording_alone_is_advice_not_a_block():
    # "support" is vague wording, but the outcome has a measure and a date: the author decides.
    outcome = "By July 2027, with support, Cai will read 40 words correctly in 4 out of 5 checks."
    assert blocks(outcome=outcome) == ()


def test_nhs_provision_must_name_the_health_board():
    assert blocks(provider=AlpProvider.NHS_BODY, provider_named=True) == ()


@given(
    welsh=st.sampled_from([True, False, None]),
    linked=st.integers(min_value=0, max_value=3),
    provider=st.sampled_from([*AlpProvider, None]),
)
def test_blocks_name_only_the_element_they_concern(welsh, linked, provider):
    found = blocks(welsh_required=welsh, linked_needs=linked, provider=provider)
    assert all(block.element == "e1" for block in found)
    assert (IssueBlock(IssueProblem.WELSH_NOT_DECIDED, "e1") in found) is (welsh is None)
    assert (IssueBlock(IssueProblem.NO_NEED_LINKED, "e1") in found) is (linked == 0)


# --- Reviews -------------------------------------------------------------------------------------

REVIEW = {
    "invited_on": D("2027-05-01"),
    "held_on": D("2027-05-20"),
    "learner_views": "Cai says reading group is fun.",
    "progress": ["Reads 32 of the 40 words."],
    "decision": ReviewDecision.NO_REVISION,
    "reasons": "Good progress; the plan still fits.",
}


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({}, None),
        ({"invited_on": D("2027-05-20")}, ReviewError.INVITED_AFTER_MEETING),
        ({"learner_views": " "}, ReviewError.VIEWS_REQUIRED),
        ({"progress": ["Reads 32 words.", ""]}, ReviewError.PROGRESS_REQUIRED),
        ({"reasons": ""}, ReviewError.REASONS_REQUIRED),
        ({"reasons": "", "decision": ReviewDecision.PROPOSE_CEASE}, ReviewError.REASONS_REQUIRED),
        ({"reasons": "", "decision": ReviewDecision.REVISE}, None),
    ],
)
def test_a_review_record(changes, error):
    assert check_review(**{**REVIEW, **changes}) is error


# --- Ceasing -------------------------------------------------------------------------------------

BORN = D("2010-03-15")
IN_SPRING = D("2027-01-10")
IN_NOVEMBER = D("2026-11-02")


def cease(ground, body=Body.SCHOOL, *, young=False, on=IN_SPRING, decided=None, **kw):
    decided = (not ground.automatic) if decided is None else decided
    reasons = kw.pop("reasons", "No longer needs provision beyond what others get.")
    return check_cease(
        ground,
        maintained_by=body,
        is_young_person=young,
        date_of_birth=kw.pop("born", BORN),
        on=on,
        decided=decided,
        reasons=reasons,
    )


@pytest.mark.parametrize(
    ("ground", "body", "young", "error"),
    [
        (CeaseGround.NO_LONGER_REGISTERED, Body.SCHOOL, False, None),
        (CeaseGround.NO_LONGER_REGISTERED, Body.FEI, True, CeaseError.NOT_FOR_THIS_BODY),
        (CeaseGround.LEFT_FEI, Body.FEI, True, None),
        (CeaseGround.LEFT_FEI, Body.SCHOOL, False, CeaseError.NOT_FOR_THIS_BODY),
        (CeaseGround.LA_NO_LONGER_RESPONSIBLE, Body.LOCAL_AUTHORITY, False, None),
        (CeaseGround.LA_NO_LONGER_RESPONSIBLE, Body.SCHOOL, False, CeaseError.NOT_FOR_THIS_BODY),
        (CeaseGround.NO_LONGER_LOOKED_AFTER_IN_AREA, Body.LOOKING_AFTER_AUTHORITY, False, None),
        (CeaseGround.ENGLISH_EHC_PLAN, Body.LOCAL_AUTHORITY, False, None),
        (CeaseGround.CONSENT_WITHDRAWN, Body.FEI, True, None),
        (CeaseGround.CONSENT_WITHDRAWN, Body.SCHOOL, False, CeaseError.NOT_A_YOUNG_PERSON),
        (CeaseGround.NO_LONGER_ALN, Body.SCHOOL, False, None),
        (CeaseGround.NO_LONGER_ALN, Body.LOCAL_AUTHORITY, False, None),
        (CeaseGround.NO_LONGER_NECESSARY, Body.LOCAL_AUTHORITY, True, None),
        (CeaseGround.NO_LONGER_NECESSARY, Body.LOCAL_AUTHORITY, False,
         CeaseError.NOT_A_YOUNG_PERSON),
        (CeaseGround.NO_LONGER_NECESSARY, Body.SCHOOL, True, CeaseError.NOT_FOR_THIS_BODY),
    ],
)  # fmt: skip
def test_each_ground_applies_to_the_bodies_the_act_names(ground, body, young, error):
    assert cease(ground, body, young=young) is error


def test_automatic_grounds_are_recorded_not_decided_and_the_others_need_a_decision():
    assert cease(CeaseGround.NO_LONGER_REGISTERED, decided=True) is CeaseError.NOT_A_DECISION
    assert cease(CeaseGround.NO_LONGER_ALN, decided=False) is CeaseError.NEEDS_A_DECISION
    assert cease(CeaseGround.NO_LONGER_ALN, reasons=" ") is CeaseError.REASONS_REQUIRED


def test_the_duties_end_with_the_academic_year_of_the_25th_birthday():
    born = D("2001-09-01")  # 25 on 1 Sep 2026: the duties end on 31 Jul 2027
    assert duties_end(born) == D("2027-07-31")
    kwargs = {"young": True, "born": born}
    assert cease(CeaseGround.AGE_25, Body.FEI, on=D("2027-07-31"), **kwargs) is (
        CeaseError.NOT_YET_25
    )
    assert cease(CeaseGround.AGE_25, Body.FEI, on=D("2027-08-01"), **kwargs) is None


def test_the_decided_grounds_are_exactly_the_two_the_act_names():
    decided = {ground for ground, rule in GROUND_RULES.items() if not rule.automatic}
    assert decided == {CeaseGround.NO_LONGER_ALN, CeaseGround.NO_LONGER_NECESSARY}
    assert set(GROUND_RULES) == set(CeaseGround)
    assert all(rule.source for rule in GROUND_RULES.values())


@pytest.mark.parametrize("body", list(Body))
def test_only_a_school_decision_goes_to_the_la_first(body):
    expected = CeaseRight.LA_RECONSIDERATION if body is Body.SCHOOL else CeaseRight.TRIBUNAL_APPEAL
    assert cease_right(body) is expected


# --- Transfers -----------------------------------------------------------------------------------


def transfer(kind, body=Body.SCHOOL, joined_on=IN_NOVEMBER, **kwargs):
    arguments = {
        "new_setting_chosen": True,
        "new_authority_chosen": True,
        "same_as_now": False,
        **kwargs,
    }
    return check_transfer(kind, maintained_by=body, joined_on=joined_on, **arguments)


@pytest.mark.parametrize(
    ("kind", "body", "error"),
    [
        (TransferKind.IN_YEAR_SCHOOL, Body.SCHOOL, None),
        (TransferKind.IN_YEAR_SCHOOL, Body.FEI, TransferError.NOT_FROM_THIS_BODY),
        (TransferKind.DUAL_REGISTRATION, Body.SCHOOL, None),
        (TransferKind.BETWEEN_LAS, Body.LOCAL_AUTHORITY, None),
        (TransferKind.BETWEEN_LAS, Body.SCHOOL, TransferError.NOT_FROM_THIS_BODY),
        (TransferKind.INTO_CARE, Body.SCHOOL, None),
        (TransferKind.INTO_CARE, Body.LOOKING_AFTER_AUTHORITY, TransferError.NOT_FROM_THIS_BODY),
        (TransferKind.OUT_OF_CARE, Body.LOOKING_AFTER_AUTHORITY, None),
    ],
)
def test_each_move_starts_from_the_bodies_the_act_names(kind, body, error):
    assert transfer(kind, body) is error


@pytest.mark.parametrize("kind", [TransferKind.START_OF_YEAR_SCHOOL, TransferKind.SCHOOL_TO_FEI])
def test_a_start_of_year_move_needs_the_learner_there_by_the_end_of_september(kind):
    assert transfer(kind, joined_on=D("2026-09-30")) is None
    assert transfer(kind, joined_on=D("2026-08-01")) is None
    assert transfer(kind, joined_on=D("2026-10-01")) is TransferError.JOINED_TOO_LATE
    assert transfer(kind, joined_on=D("2027-07-31")) is TransferError.JOINED_TOO_LATE


def test_a_move_names_where_it_goes_and_is_not_to_the_same_body():
    kind = TransferKind.IN_YEAR_SCHOOL
    assert transfer(kind, new_setting_chosen=False) is TransferError.NO_NEW_SETTING
    assert transfer(kind, same_as_now=True) is TransferError.SAME_BODY
    between = TransferKind.BETWEEN_LAS
    assert transfer(between, Body.LOCAL_AUTHORITY, new_authority_chosen=False) is (
        TransferError.NO_NEW_AUTHORITY
    )


def test_every_move_has_a_source_and_a_new_body():
    assert set(TRANSFER_RULES) == set(TransferKind)
    assert all(rule.source and rule.to_body is not Body.NONE for rule in TRANSFER_RULES.values())


@given(st.dates(min_value=D("2000-01-01"), max_value=D("2040-12-31")))
def test_the_academic_year_starts_on_the_1_august_on_or_before_a_day(day):
    start = academic_year_start(day)
    assert (start.month, start.day) == (8, 1)
    assert start <= day < start.replace(year=start.year + 1)


def test_an_la_take_over_is_never_recorded_as_a_move_by_the_body_maintaining_the_plan():
    """s.28: the LA decides it on a request; the plan's transfer page never offers it."""
    rule = TransferKind.LA_TAKES_OVER.rule
    assert rule.to_body is Body.LOCAL_AUTHORITY
    assert not rule.from_bodies
    for body in Body:
        error = check_transfer(
            TransferKind.LA_TAKES_OVER,
            maintained_by=body,
            joined_on=D("2026-11-02"),
            new_setting_chosen=False,
            new_authority_chosen=False,
            same_as_now=False,
        )
        assert error is TransferError.NOT_FROM_THIS_BODY
