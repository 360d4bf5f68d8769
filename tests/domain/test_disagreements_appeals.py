"""What a notice's decision can be appealed on and whose decision it was, when orders follow an
appeal, which provider takes a referral, who records which view on capacity, and the codes the
disputes services refuse with (aln.domain.disagreements)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.disagreements import (
    CAPACITY_STANDING,
    NOTICE_APPEAL_MATTERS,
    ORDERING_DECISIONS,
    OUTCOME_RULES,
    PROVIDER_KIND_FOR,
    ActingForProblem,
    AppealDecision,
    AppealError,
    AppealMatter,
    AppealStage,
    CapacityAssessor,
    CapacityProblem,
    CapacityView,
    LaOutcome,
    SupportKind,
    SupportProblem,
    appeal_matters,
    appealable,
    capacity_assessors_for,
    capacity_view,
    check_capacity_view,
    check_case_friend,
    notice_decided_by,
    orders_may_be_recorded,
    prevailing_view_index,
    provider_fits,
)
from aln.domain.notices import (
    LA_ANSWER_KINDS,
    NOTICE_RULES,
    PLAN_KINDS,
    NoticeKind,
    ProviderKind,
    Right,
    notice_rights,
)
from aln.domain.organisations import SettingKind
from aln.domain.responsibility import Body

M = AppealMatter
LA = Body.LOCAL_AUTHORITY
PLAN = (M.DESCRIPTION_OF_NEED, M.ALP, M.WELSH_PROVISION, M.LA_PROVISION)
_BODY_VALUES = st.sampled_from([*(b.value for b in Body), ""])


# --- What a notice's decision can be appealed on (Act s.70; EN paras 156-159) ------------------


@pytest.mark.parametrize(
    ("kind", "body", "expected"),
    [
        (NoticeKind.HAS_ALN, LA, (M.HAS_ALN,)),
        (NoticeKind.NO_ALN, Body.FEI, (M.HAS_ALN,)),
        (NoticeKind.DUTY_DOES_NOT_ARISE, LA, (M.HAS_ALN,)),
        (NoticeKind.IDP_NOT_NECESSARY, LA, (M.IDP_NOT_NECESSARY,)),
        (NoticeKind.IDP_NOT_NECESSARY, Body.FEI, ()),  # only an LA decides necessity
        (NoticeKind.IDP_GIVEN, LA, PLAN),
        # An FEI makes no s.14(6) / s.19(4) provision.
        (NoticeKind.IDP_GIVEN, Body.FEI, PLAN[:3]),
        (NoticeKind.REVISED_IDP_GIVEN, Body.LOOKING_AFTER_AUTHORITY, PLAN),
        (NoticeKind.NO_REVISION, Body.FEI, (M.REFUSAL_TO_REVISE,)),
        (NoticeKind.REVIEW_REFUSED, LA, (M.REFUSAL_TO_REVISE,)),
        (NoticeKind.CEASE_DECIDED, LA, (M.CEASE,)),
        (NoticeKind.CEASE_PROPOSED, LA, ()),  # a proposal is not a decision
        (NoticeKind.RESPONSIBILITY_CHANGED, LA, ()),
        (NoticeKind.HAS_ALN, Body.SCHOOL, ()),  # the LA reconsiders first (EN para 73)
    ],
)
def test_what_a_notices_decision_can_be_appealed_on(kind, body, expected):
    assert appeal_matters(body, kind) == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (LaOutcome.NO_REVISION, (M.REFUSAL_TO_REVISE,)),
        (LaOutcome.TAKE_OVER_REFUSED, (M.REFUSAL_TO_TAKE_OVER,)),
        (LaOutcome.CEASING_CONFIRMED, (M.CEASE,)),
        (LaOutcome.ALN_DECISION_CHANGED, (M.HAS_ALN,)),
        (LaOutcome.TAKEN_OVER, ()),
    ],
)
def test_an_la_answer_is_appealed_on_what_the_answer_gives(answer, expected):
    # The notice kind does not matter: the answer's own matters do.
    assert appeal_matters(LA, NoticeKind.NO_ALN, answer) == expected


def test_every_notice_that_states_a_right_of_appeal_has_something_to_appeal_on():
    for kind, rule in NOTICE_RULES.items():
        if kind in LA_ANSWER_KINDS:  # their matters come from OUTCOME_RULES
            assert kind not in NOTICE_APPEAL_MATTERS
            continue
        states_appeal = Right.APPEAL_TO_TRIBUNAL in rule.other_rights
        assert bool(NOTICE_APPEAL_MATTERS.get(kind)) == states_appeal, kind


@given(
    body=st.sampled_from(Body),
    kind=st.sampled_from(NoticeKind),
    answer=st.none() | st.sampled_from(LaOutcome),
)
def test_only_what_the_body_decides_in_the_enums_order(body, kind, answer):
    matters = appeal_matters(body, kind, answer)
    assert all(appealable(body, matter) for matter in matters)
    assert list(matters) == sorted(matters, key=list(AppealMatter).index)
    wanted = OUTCOME_RULES[answer].appeal_matters if answer else NOTICE_APPEAL_MATTERS.get(kind)
    assert set(matters) <= set(wanted or ())
    if body in (Body.SCHOOL, Body.NONE):
        assert matters == ()


# --- Whose decision a notice gave ----------------------------------------------------------------


def _rights(kind, *, school):
    return [right.value for right in notice_rights(decided_by_school=school, kind=kind)]


@pytest.mark.parametrize(
    ("rights", "answers_request", "kind", "plan_body", "case_body", "expected"),
    [
        # A school's decision states the route to the LA (EN para 73).
        (
            _rights(NoticeKind.NO_ALN, school=True),
            False,
            NoticeKind.NO_ALN,
            None,
            "school",
            "school",
        ),
        ([], False, NoticeKind.CEASE_PROPOSED, None, "school", "none"),
        # The right of appeal: the LA's, an FEI's, or the looking-after LA's.
        (
            [Right.APPEAL_TO_TRIBUNAL],
            False,
            NoticeKind.NO_ALN,
            None,
            "local_authority",
            "local_authority",
        ),
        ([Right.APPEAL_TO_TRIBUNAL], False, NoticeKind.NO_ALN, None, "fei", "fei"),
        (
            [Right.APPEAL_TO_TRIBUNAL],
            False,
            NoticeKind.HAS_ALN,
            None,
            "looking_after_authority",
            "looking_after_authority",
        ),
        # An answer to a request to the LA is always the LA's.
        ([Right.APPEAL_TO_TRIBUNAL], True, NoticeKind.NO_REVISION, "fei", "fei", "local_authority"),
        # A plan notice: whoever maintains the plan, else whoever decides the case.
        ([Right.APPEAL_TO_TRIBUNAL], False, NoticeKind.IDP_GIVEN, "fei", "local_authority", "fei"),
        ([Right.APPEAL_TO_TRIBUNAL], False, NoticeKind.IDP_GIVEN, None, "fei", "fei"),
        # A school named on an appealable notice means the LA decided (s.14(2)(b) direction).
        (
            [Right.APPEAL_TO_TRIBUNAL],
            False,
            NoticeKind.IDP_GIVEN,
            "school",
            "school",
            "local_authority",
        ),
        # A decision notice is about the case, not the plan.
        (
            [Right.APPEAL_TO_TRIBUNAL],
            False,
            NoticeKind.HAS_ALN,
            "fei",
            "local_authority",
            "local_authority",
        ),
    ],
)
def test_whose_decision_a_notice_gave(
    rights, answers_request, kind, plan_body, case_body, expected
):
    decided_by = notice_decided_by(
        rights,
        answers_request=answers_request,
        notice_kind=kind,
        plan_body=plan_body,
        case_body=case_body,
    )
    assert decided_by is Body(expected)


@given(
    kind=st.sampled_from(sorted(set(NoticeKind) - LA_ANSWER_KINDS)),
    school=st.booleans(),
    answers_request=st.booleans(),
    plan_body=st.none() | _BODY_VALUES,
    case_body=_BODY_VALUES,
)
def test_a_notice_with_the_right_of_appeal_is_never_a_schools(
    kind, school, answers_request, plan_body, case_body
):
    if school and NOTICE_RULES[kind].school_rights is None:
        return  # a school never gives this notice
    rights = _rights(kind, school=school)
    decided_by = notice_decided_by(
        rights,
        answers_request=answers_request,
        notice_kind=kind,
        plan_body=plan_body,
        case_body=case_body,
    )
    appealable_body = decided_by in (LA, Body.FEI, Body.LOOKING_AFTER_AUTHORITY)
    assert appealable_body == (Right.APPEAL_TO_TRIBUNAL.value in rights)
    if school and rights:
        assert decided_by is Body.SCHOOL
    if kind not in PLAN_KINDS and not answers_request and appealable_body:
        own = case_body in (Body.FEI, Body.LOOKING_AFTER_AUTHORITY)
        assert decided_by is (Body(case_body) if own else LA)


# --- Orders (Act s.70) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "decision", "expected"),
    [
        (AppealStage.DECIDED, AppealDecision.ALLOWED, True),
        (AppealStage.DECIDED, AppealDecision.ALLOWED_IN_PART, True),
        (AppealStage.DECIDED, AppealDecision.CONCEDED, True),
        (AppealStage.DECIDED, AppealDecision.DISMISSED, False),
        (AppealStage.DECIDED, AppealDecision.STRUCK_OUT, False),
        (AppealStage.CLOSED, AppealDecision.ALLOWED, False),  # closed: no more orders
        (AppealStage.HEARING_LISTED, None, False),
    ],
)
def test_orders_follow_a_decision_for_the_appellant(stage, decision, expected):
    assert orders_may_be_recorded(stage, decision) is expected


@given(stage=st.sampled_from(AppealStage), decision=st.none() | st.sampled_from(AppealDecision))
def test_orders_only_while_decided_and_only_after_an_ordering_decision(stage, decision):
    allowed = orders_may_be_recorded(stage, decision)
    assert allowed == (stage is AppealStage.DECIDED and decision in ORDERING_DECISIONS)
    if decision in (AppealDecision.DISMISSED, AppealDecision.STRUCK_OUT, None):
        assert not allowed


# --- Which provider takes a referral (ss.68, 69) -------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "provider_kind", "expected"),
    [
        (SupportKind.DISAGREEMENT_RESOLUTION, ProviderKind.DISAGREEMENT_RESOLUTION, True),
        (SupportKind.DISAGREEMENT_RESOLUTION, ProviderKind.INDEPENDENT_ADVOCACY, False),
        (SupportKind.ADVOCACY, ProviderKind.INDEPENDENT_ADVOCACY, True),
        (SupportKind.ADVOCACY, ProviderKind.DISAGREEMENT_RESOLUTION, False),
        (SupportKind.ADVOCACY, ProviderKind.INFORMATION_AND_ADVICE, False),
    ],
)
def test_a_referral_goes_to_a_provider_of_its_kind(kind, provider_kind, expected):
    assert provider_fits(kind, provider_kind.value) is expected


@given(provider_kind=st.sampled_from(ProviderKind))
def test_every_provider_takes_referrals_of_at_most_one_kind(provider_kind):
    fits = [kind for kind in SupportKind if provider_fits(kind, provider_kind.value)]
    assert len(fits) <= 1
    assert bool(fits) == (provider_kind in PROVIDER_KIND_FOR.values())


# --- Who records which view on capacity (s.84; EN paras 176-178) ---------------------------------


@pytest.mark.parametrize(
    ("for_la", "setting", "expected"),
    [
        (True, None, tuple(CapacityAssessor)),
        (True, SettingKind.PRIMARY, tuple(CapacityAssessor)),
        (False, SettingKind.PRIMARY, (CapacityAssessor.SCHOOL,)),
        (False, SettingKind.SPECIAL, (CapacityAssessor.SCHOOL,)),
        (False, SettingKind.FEI, (CapacityAssessor.FEI,)),
        (False, None, ()),
    ],
)
def test_who_records_which_view_on_capacity(for_la, setting, expected):
    assert capacity_assessors_for(decides_for_la=for_la, decides_at_setting=setting) == expected


@given(setting=st.none() | st.sampled_from(SettingKind))
def test_a_setting_records_at_most_its_own_view_and_the_la_every_view(setting):
    own = capacity_assessors_for(decides_for_la=False, decides_at_setting=setting)
    assert len(own) <= 1
    assert set(own) <= {CapacityAssessor.SCHOOL, CapacityAssessor.FEI}
    everything = capacity_assessors_for(decides_for_la=True, decides_at_setting=setting)
    assert everything == tuple(CapacityAssessor)
    assert set(own) <= set(everything)


# --- Codes ---------------------------------------------------------------------------------------

_CODES = [*AppealError, *SupportProblem, *CapacityProblem, *ActingForProblem]


@pytest.mark.parametrize("code", _CODES)
def test_codes_are_stable_dotted_values(code):
    assert code.value.count(".") >= 1
    assert code.value == code.value.lower()


def test_codes_are_unique():
    assert len({code.value for code in _CODES}) == len(_CODES)


# --- Which view on capacity prevails; who a view or a case friend may be for -------------------

_SCHOOL, _LA, _ETW = (
    CapacityAssessor.SCHOOL,
    CapacityAssessor.LOCAL_AUTHORITY,
    CapacityAssessor.TRIBUNAL,
)
_OCT, _NOV = datetime.date(2026, 10, 1), datetime.date(2026, 11, 1)


@pytest.mark.parametrize(
    ("views", "expected"),
    [
        ([], None),
        ([CapacityView(_SCHOOL, True, _OCT)], 0),
        # EN para 178: the LA's view prevails over a later school view.
        ([CapacityView(_LA, False, _OCT), CapacityView(_SCHOOL, True, _NOV)], 0),
        # The Tribunal's declaration prevails over everything.
        ([CapacityView(_ETW, False, _OCT), CapacityView(_LA, True, _NOV)], 0),
        # Among equals the latest; on the same day the one recorded later.
        ([CapacityView(_SCHOOL, True, _NOV), CapacityView(_SCHOOL, False, _OCT)], 0),
        ([CapacityView(_LA, True, _OCT), CapacityView(_LA, False, _OCT)], 1),
    ],
)
def test_which_view_on_capacity_prevails(views, expected):
    assert prevailing_view_index(views) == expected


_VIEW = st.builds(
    CapacityView,
    st.sampled_from(CapacityAssessor),
    st.booleans(),
    st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 1, 1)),
)


@given(st.lists(_VIEW, max_size=8))
def test_the_prevailing_view_outranks_every_other_and_is_what_capacity_view_answers(views):
    index = prevailing_view_index(views)
    if not views:
        assert index is None
        assert capacity_view(views) is None
        return
    assert index is not None
    chosen = views[index]
    assert capacity_view(views) is chosen.lacks_capacity
    for other in views:
        assert CAPACITY_STANDING[other.assessor] <= CAPACITY_STANDING[chosen.assessor]
        if CAPACITY_STANDING[other.assessor] == CAPACITY_STANDING[chosen.assessor]:
            assert other.on <= chosen.on
    # Nothing recorded after it on the same day with the same standing.
    assert not any(
        (CAPACITY_STANDING[v.assessor], v.on) == (CAPACITY_STANDING[chosen.assessor], chosen.on)
        for v in views[index + 1 :]
    )


@pytest.mark.parametrize(
    ("is_child", "expected"), [(True, None), (False, CapacityProblem.ONLY_FOR_A_CHILD)]
)
def test_a_view_on_capacity_is_about_a_child_only(is_child, expected):
    assert check_capacity_view(is_child=is_child) == expected


@pytest.mark.parametrize(
    ("is_child", "acting", "expected"),
    [
        (True, False, None),
        (True, True, ActingForProblem.CASE_FRIEND_ALREADY),
        (False, False, ActingForProblem.CASE_FRIEND_ONLY_FOR_A_CHILD),
        (False, True, ActingForProblem.CASE_FRIEND_ONLY_FOR_A_CHILD),
    ],
)
def test_a_case_friend_for_a_child_only_and_one_at_a_time(is_child, acting, expected):
    assert check_case_friend(is_child=is_child, case_friend_acting=acting) == expected
