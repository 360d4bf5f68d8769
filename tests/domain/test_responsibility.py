"""Who decides whether a learner has ALN, and who keeps the IDP (aln.domain.responsibility).

One table row per row of spec §2.1 and per exception in spec §2.3, asserting every field, then
invariants over every possible situation.
"""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.ages import AgeBand
from aln.domain.responsibility import (
    REASON_SECTIONS,
    Body,
    DutyException,
    Education,
    LearnerSituation,
    ReasonCode,
    Responsibility,
    decide_responsibility,
    local_authority_exception,
    takeover_decider,
)

UNDER = AgeBand.UNDER_COMPULSORY_SCHOOL_AGE
CHILD = AgeBand.COMPULSORY_SCHOOL_AGE
YP = AgeBand.YOUNG_PERSON
SCHOOL, FEI, LA = Body.SCHOOL, Body.FEI, Body.LOCAL_AUTHORITY
LAA, NONE = Body.LOOKING_AFTER_AUTHORITY, Body.NONE
R, X, E = ReasonCode, DutyException, Education


def at(age, education, **facts):
    return LearnerSituation(age_band=age, education=education, **facts)


def duty(body, reason, section, **flags):
    return Responsibility(
        duty_arises=True,
        decider=body,
        idp_preparer=body,
        idp_maintainer=body,
        reason=reason,
        section=section,
        would_decide=body,
        **flags,
    )


def no_duty(would, reason, section, exception=None, exception_section="", consent_needed=False):
    return Responsibility(
        duty_arises=False,
        decider=NONE,
        idp_preparer=NONE,
        idp_maintainer=NONE,
        reason=reason,
        section=section,
        exception=exception,
        exception_section=exception_section,
        consent_needed=consent_needed,
        would_decide=would,
    )


SCHOOL_DECIDES = duty(SCHOOL, R.REGISTERED_PUPIL, "s.11(1)")
FEI_DECIDES = duty(FEI, R.FEI_STUDENT, "s.11(2)")
LAC_DECIDES = duty(LAA, R.LOOKED_AFTER, "s.18(1)")
LAC_REFERRED = duty(LAA, R.LOOKED_AFTER, "s.18(1)", must_refer_to_la=True)
DETAINED = duty(LA, R.DETAINED, "s.40(2)", necessity_decision=True)
EARLY_YEARS = duty(LA, R.UNDER_SCHOOL_AGE_NOT_AT_SCHOOL, "s.13(1)")
NOT_AT_SCHOOL = duty(LA, R.NOT_AT_MAINTAINED_SCHOOL, "s.13(1)")
YP_OUTSIDE = duty(
    LA, R.YOUNG_PERSON_OUTSIDE_SCHOOL_FEI, "s.13(1), s.14(1)(c)", necessity_decision=True
)

# Spec §2.1, row by row (the row's words in the id).
SECTION_2_1 = [
    # Registered pupil at a maintained school in Wales (incl. maintained nursery and PRU): GB.
    pytest.param(at(CHILD, E.MAINTAINED_SCHOOL), SCHOOL_DECIDES, id="registered-pupil"),
    pytest.param(at(UNDER, E.MAINTAINED_SCHOOL), SCHOOL_DECIDES, id="maintained-nursery-pupil"),
    pytest.param(
        at(YP, E.MAINTAINED_SCHOOL, young_person_consents=True),
        SCHOOL_DECIDES,
        id="sixth-form-young-person-who-consents",
    ),
    # Young person enrolled at an FEI in Wales: FEI GB (s.11(2)).
    pytest.param(at(YP, E.FEI, young_person_consents=True), FEI_DECIDES, id="fei-student"),
    # School or FEI refers (s.12(2)(a)): the LA decides (s.13(1)), keeps the IDP, may direct.
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, referred_by_setting=True),
        duty(LA, R.SETTING_REFERRAL, "s.12(2)(a), s.13(1)", la_may_direct_school=True),
        id="school-refers-to-la",
    ),
    pytest.param(
        at(UNDER, E.MAINTAINED_SCHOOL, referred_by_setting=True),
        duty(LA, R.SETTING_REFERRAL, "s.12(2)(a), s.13(1)", la_may_direct_school=True),
        id="maintained-nursery-refers-to-la",
    ),
    pytest.param(
        at(YP, E.FEI, referred_by_setting=True, young_person_consents=True),
        duty(LA, R.SETTING_REFERRAL, "s.12(2)(a), s.13(1)"),  # no school to direct; s.14(1)(b)
        id="fei-refers-to-la",
    ),
    # LAC looked after by a Welsh LA: that LA (s.18, s.19); a school or FEI must refer (s.17).
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, looked_after_by_welsh_la=True),
        LAC_REFERRED,
        id="looked-after-at-school",
    ),
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, looked_after_by_welsh_la=True, referred_by_setting=True),
        LAC_REFERRED,
        id="looked-after-school-referred",
    ),
    pytest.param(
        at(UNDER, E.NON_MAINTAINED_EARLY_YEARS, looked_after_by_welsh_la=True),
        LAC_DECIDES,
        id="looked-after-under-school-age",
    ),
    pytest.param(
        at(CHILD, E.ELECTIVE_HOME_EDUCATION, looked_after_by_welsh_la=True),
        LAC_DECIDES,
        id="looked-after-home-educated",
    ),
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, looked_after_by_welsh_la=True, dual_registered=True),
        LAC_REFERRED,
        id="looked-after-and-dual-registered",
    ),
    # LAC in the area of an LA in England: no s.18 duty (s.18(2)(c)).
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, looked_after_by_welsh_la=True, resident_in_england=True),
        no_duty(LAA, R.LOOKED_AFTER, "s.18(1)", X.LOOKED_AFTER_IN_ENGLAND, "s.18(2)(c)"),
        id="looked-after-living-in-england",
    ),
    pytest.param(
        at(CHILD, E.INDEPENDENT, looked_after_by_english_la=True),
        no_duty(LAA, R.LOOKED_AFTER, "s.18(1)", X.LOOKED_AFTER_IN_ENGLAND, "s.18(2)(c)"),
        id="looked-after-in-england-as-the-concern-form-records-it",
    ),
    # Dual registered: the GB must refer; the LA decides and maintains (s.30).
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, dual_registered=True),
        duty(LA, R.DUAL_REGISTERED, "s.30(1)-(2), s.13(1)", must_refer_to_la=True),
        id="dual-registered-pupil",
    ),
    pytest.param(
        at(YP, E.FEI, dual_registered=True, young_person_consents=True),
        duty(LA, R.DUAL_REGISTERED, "s.30(1)-(2), s.13(1)", must_refer_to_la=True),
        id="dual-enrolled-student",
    ),
    # Under compulsory school age, not a registered pupil at a maintained school: LA (s.13(1)).
    pytest.param(at(UNDER, E.NOT_IN_EDUCATION), EARLY_YEARS, id="under-school-age-at-home"),
    pytest.param(
        at(UNDER, E.NON_MAINTAINED_EARLY_YEARS), EARLY_YEARS, id="funded-non-maintained-nursery"
    ),
    # Compulsory school age, not at a maintained school: LA (s.13, s.14(1)(a)).
    pytest.param(at(CHILD, E.INDEPENDENT), NOT_AT_SCHOOL, id="independent-school"),
    pytest.param(at(CHILD, E.ELECTIVE_HOME_EDUCATION), NOT_AT_SCHOOL, id="home-educated"),
    pytest.param(at(CHILD, E.EOTAS), NOT_AT_SCHOOL, id="eotas"),
    pytest.param(at(CHILD, E.NOT_IN_EDUCATION), NOT_AT_SCHOOL, id="child-not-in-education"),
    pytest.param(at(CHILD, E.FEI), NOT_AT_SCHOOL, id="child-at-an-fei-only"),  # s.11(2): YP only
    # Young person not at a maintained school or FEI: LA decides ALN and necessity (s.14(1)(c)).
    pytest.param(
        at(YP, E.INDEPENDENT, young_person_consents=True),
        YP_OUTSIDE,
        id="young-person-at-independent-specialist-college",
    ),
    pytest.param(
        at(YP, E.NOT_IN_EDUCATION, young_person_consents=True),
        YP_OUTSIDE,
        id="young-person-not-in-education",
    ),
    # Young person at an FEI only: the LA has no duty without a referral (s.13(2)(e)); the FEI.
    pytest.param(
        at(YP, E.FEI, young_person_consents=True), FEI_DECIDES, id="fei-only-without-referral"
    ),
    # s.14(6) place or board and lodging secured by the LA: no direction to a school (s.14(9)).
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, referred_by_setting=True, needs_la_secured_place=True),
        duty(LA, R.SETTING_REFERRAL, "s.12(2)(a), s.13(1)"),
        id="la-secured-place-no-direction",
    ),
    pytest.param(
        at(CHILD, E.INDEPENDENT, named_maintained_school=True, needs_la_secured_place=True),
        NOT_AT_SCHOOL,
        id="la-secured-place-outweighs-naming",
    ),
    # s.48 naming a maintained school: the LA may still direct the named school.
    pytest.param(
        at(CHILD, E.ELECTIVE_HOME_EDUCATION, named_maintained_school=True),
        duty(LA, R.NOT_AT_MAINTAINED_SCHOOL, "s.13(1)", la_may_direct_school=True),
        id="naming-a-maintained-school",
    ),
    pytest.param(
        at(YP, E.NOT_IN_EDUCATION, named_maintained_school=True, young_person_consents=True),
        duty(
            LA,
            R.YOUNG_PERSON_OUTSIDE_SCHOOL_FEI,
            "s.13(1), s.14(1)(c)",
            necessity_decision=True,
            la_may_direct_school=True,
        ),
        id="young-person-to-join-a-named-sixth-form",
    ),
    # Detained person: the home authority, which also decides necessity on release (s.40(2)).
    pytest.param(at(CHILD, E.DETAINED), DETAINED, id="detained-child"),
    pytest.param(
        at(YP, E.DETAINED, young_person_consents=True), DETAINED, id="detained-young-person"
    ),
    pytest.param(
        at(CHILD, E.DETAINED, looked_after_by_welsh_la=True),
        DETAINED,  # not "looked after" for the Act (s.15(1)(b)); home authority = that LA
        id="detained-looked-after-child",
    ),
    pytest.param(
        at(CHILD, E.DETAINED, looked_after_by_welsh_la=True, resident_in_england=True),
        DETAINED,  # placed in England, but the looking-after LA in Wales is the home authority
        id="detained-looked-after-placed-in-england",
    ),
    # Detained in hospital under Part 3 MHA 1983: the "relevant LA" (reg 21), recorded the same.
    pytest.param(at(CHILD, E.DETAINED), DETAINED, id="detained-in-hospital-mha-part-3"),
    # Pupil living in England at a Welsh maintained school: the school's duties apply (s.87).
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, resident_in_england=True),
        duty(SCHOOL, R.ENGLISH_RESIDENT_PUPIL, "s.11(1), s.87"),
        id="pupil-living-in-england",
    ),
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, resident_in_england=True, referred_by_setting=True),
        duty(SCHOOL, R.ENGLISH_RESIDENT_PUPIL, "s.11(1), s.87"),  # no Welsh LA to refer to
        id="pupil-living-in-england-no-welsh-referral",
    ),
    # A health body's opinion about a child under school age goes to the LA, or the LA that
    # looks after them (s.64): the same bodies as any other concern.
    pytest.param(at(UNDER, E.NOT_IN_EDUCATION), EARLY_YEARS, id="health-body-s64"),
    pytest.param(
        at(UNDER, E.NOT_IN_EDUCATION, looked_after_by_welsh_la=True),
        LAC_DECIDES,
        id="health-body-s64-looked-after",
    ),
]


@pytest.mark.parametrize(("situation", "expected"), SECTION_2_1)
def test_section_2_1_rows(situation, expected):
    assert decide_responsibility(situation) == expected


# Spec §2.3: when the duty to decide does not arise.
SECTION_2_3 = [
    # An IDP is already being maintained.
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, idp_maintained=True),
        no_duty(SCHOOL, R.REGISTERED_PUPIL, "s.11(1)", X.IDP_ALREADY_MAINTAINED, "s.11(3)(a)"),
        id="idp-kept-school",
    ),
    pytest.param(
        at(CHILD, E.EOTAS, idp_maintained=True),
        no_duty(LA, R.NOT_AT_MAINTAINED_SCHOOL, "s.13(1)", X.IDP_ALREADY_MAINTAINED, "s.13(2)(a)"),
        id="idp-kept-la",
    ),
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, looked_after_by_welsh_la=True, idp_maintained=True),
        no_duty(LAA, R.LOOKED_AFTER, "s.18(1)", X.IDP_ALREADY_MAINTAINED, "s.18(2)(a)"),
        id="idp-kept-looked-after",
    ),
    pytest.param(
        at(CHILD, E.DETAINED, idp_maintained=True),
        no_duty(LA, R.DETAINED, "s.40(2)", X.IDP_ALREADY_MAINTAINED, "s.40(1)(b)"),
        id="idp-kept-detained",
    ),
    # Decided before, needs not materially changed, no new information.
    pytest.param(
        at(YP, E.FEI, decided_before_no_change=True, young_person_consents=True),
        no_duty(FEI, R.FEI_STUDENT, "s.11(2)", X.DECIDED_NO_MATERIAL_CHANGE, "s.11(3)(b)"),
        id="decided-before-fei",
    ),
    pytest.param(
        at(UNDER, E.NOT_IN_EDUCATION, decided_before_no_change=True),
        no_duty(
            LA,
            R.UNDER_SCHOOL_AGE_NOT_AT_SCHOOL,
            "s.13(1)",
            X.DECIDED_NO_MATERIAL_CHANGE,
            "s.13(2)(b)",
        ),
        id="decided-before-la",
    ),
    pytest.param(
        at(CHILD, E.EOTAS, looked_after_by_welsh_la=True, decided_before_no_change=True),
        no_duty(LAA, R.LOOKED_AFTER, "s.18(1)", X.DECIDED_NO_MATERIAL_CHANGE, "s.18(2)(b)"),
        id="decided-before-looked-after",
    ),
    pytest.param(
        at(CHILD, E.DETAINED, decided_before_no_change=True),
        no_duty(LA, R.DETAINED, "s.40(2)", X.DECIDED_NO_MATERIAL_CHANGE, "s.41(2)(b)"),
        id="decided-before-detained",
    ),
    # A young person who does not consent.
    pytest.param(
        at(YP, E.MAINTAINED_SCHOOL, young_person_consents=False),
        no_duty(SCHOOL, R.REGISTERED_PUPIL, "s.11(1)", X.YOUNG_PERSON_NO_CONSENT, "s.11(3)(c)"),
        id="no-consent-school",
    ),
    pytest.param(
        at(YP, E.FEI, young_person_consents=False),
        no_duty(FEI, R.FEI_STUDENT, "s.11(2)", X.YOUNG_PERSON_NO_CONSENT, "s.11(3)(c)"),
        id="no-consent-fei",
    ),
    pytest.param(
        at(YP, E.NOT_IN_EDUCATION, young_person_consents=False),
        no_duty(
            LA,
            R.YOUNG_PERSON_OUTSIDE_SCHOOL_FEI,
            "s.13(1), s.14(1)(c)",
            X.YOUNG_PERSON_NO_CONSENT,
            "s.13(2)(d)",
        ),
        id="no-consent-la",
    ),
    pytest.param(
        at(YP, E.DETAINED, young_person_consents=False),
        no_duty(LA, R.DETAINED, "s.40(2)", X.YOUNG_PERSON_NO_CONSENT, "s.41(2)(a)"),
        id="no-consent-detained",
    ),
    # Not asked yet: nothing proceeds until the young person consents (spec §7).
    pytest.param(
        at(YP, E.MAINTAINED_SCHOOL),
        no_duty(SCHOOL, R.REGISTERED_PUPIL, "s.11(1)", consent_needed=True),
        id="consent-not-yet-asked-school",
    ),
    pytest.param(
        at(YP, E.FEI, referred_by_setting=True),
        no_duty(LA, R.SETTING_REFERRAL, "s.12(2)(a), s.13(1)", consent_needed=True),
        id="consent-not-yet-asked-referral",
    ),
    pytest.param(
        at(YP, E.DETAINED),
        no_duty(LA, R.DETAINED, "s.40(2)", consent_needed=True),
        id="consent-not-yet-asked-detained",
    ),
    # School: an English LA is responsible or keeps an EHC plan (s.11(3)(e)).
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, english_la_responsible=True),
        no_duty(SCHOOL, R.REGISTERED_PUPIL, "s.11(1)", X.ENGLISH_LA_RESPONSIBLE, "s.11(3)(e)"),
        id="english-la-responsible-school",
    ),
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, resident_in_england=True, english_la_responsible=True),
        no_duty(
            SCHOOL,
            R.ENGLISH_RESIDENT_PUPIL,
            "s.11(1), s.87",
            X.ENGLISH_LA_RESPONSIBLE,
            "s.11(3)(e)",
        ),
        id="english-la-responsible-english-resident",
    ),
    pytest.param(
        at(YP, E.FEI, english_la_responsible=True, young_person_consents=True),
        no_duty(FEI, R.FEI_STUDENT, "s.11(2)", X.ENGLISH_LA_RESPONSIBLE, "s.11(3)(e)"),
        id="english-la-responsible-fei",
    ),
    # Looked after, in the area of an English LA (s.18(2)(c)); s.18(2)(a)-(b) above.
    pytest.param(
        at(UNDER, E.NOT_IN_EDUCATION, looked_after_by_english_la=True, idp_maintained=True),
        no_duty(LAA, R.LOOKED_AFTER, "s.18(1)", X.LOOKED_AFTER_IN_ENGLAND, "s.18(2)(c)"),
        id="looked-after-in-england-wins-over-idp",
    ),
    # Detained, home authority in England: s.40(1) binds a home authority in Wales only.
    pytest.param(
        at(CHILD, E.DETAINED, resident_in_england=True),
        no_duty(LA, R.DETAINED, "s.40(2)", X.HOME_AUTHORITY_IN_ENGLAND, "s.40(1)"),
        id="home-authority-in-england",
    ),
    # Living in England, not at a Welsh maintained school: no LA in Wales is responsible.
    pytest.param(
        at(CHILD, E.ELECTIVE_HOME_EDUCATION, resident_in_england=True),
        no_duty(LA, R.NOT_AT_MAINTAINED_SCHOOL, "s.13(1)", X.NOT_IN_WALES, "s.13(1)"),
        id="not-in-wales",
    ),
    pytest.param(
        at(CHILD, E.MAINTAINED_SCHOOL, resident_in_england=True, dual_registered=True),
        no_duty(LA, R.DUAL_REGISTERED, "s.30(1)-(2), s.13(1)", X.NOT_IN_WALES, "s.13(1)"),
        id="dual-registered-living-in-england",  # s.30(1)(e): no responsible LA in Wales
    ),
    # Age: no longer a young person at 25 (s.99); duties over after that academic year.
    pytest.param(
        at(AgeBand.AGED_25_FINAL_YEAR, E.FEI, young_person_consents=True, idp_maintained=True),
        no_duty(FEI, R.FEI_STUDENT, "s.11(2)", X.AGED_25, "s.99"),
        id="aged-25",
    ),
    pytest.param(
        at(AgeBand.BEYOND_DUTIES, E.NOT_IN_EDUCATION, young_person_consents=True),
        no_duty(LA, R.YOUNG_PERSON_OUTSIDE_SCHOOL_FEI, "s.13(1), s.14(1)(c)", X.BEYOND_AGE, "s.99"),
        id="beyond-duties",
    ),
]


@pytest.mark.parametrize(("situation", "expected"), SECTION_2_3)
def test_section_2_3_exceptions(situation, expected):
    assert decide_responsibility(situation) == expected


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        # s.13(2)(c): the school is deciding.
        pytest.param(at(CHILD, E.MAINTAINED_SCHOOL), X.SCHOOL_IS_DECIDING, id="school-deciding"),
        # s.13(2)(e): a young person at an FEI only, no s.12(2)(a) referral.
        pytest.param(
            at(YP, E.FEI, young_person_consents=True), X.FEI_ONLY_NO_REFERRAL, id="fei-only"
        ),
        pytest.param(at(YP, E.FEI), X.FEI_ONLY_NO_REFERRAL, id="fei-only-consent-pending"),
        pytest.param(at(YP, E.FEI, referred_by_setting=True), None, id="fei-referred"),
        pytest.param(at(YP, E.FEI, dual_registered=True), None, id="fei-and-school"),
        # s.13(4): a looked after child; s.18 applies instead.
        pytest.param(
            at(CHILD, E.EOTAS, looked_after_by_welsh_la=True), X.LOOKED_AFTER_CHILD, id="lac"
        ),
        # s.87: no LA in Wales is responsible for a pupil living in England.
        pytest.param(
            at(CHILD, E.MAINTAINED_SCHOOL, resident_in_england=True),
            X.NOT_IN_WALES,
            id="pupil-living-in-england",
        ),
        pytest.param(at(CHILD, E.EOTAS), None, id="la-decides"),
        pytest.param(at(CHILD, E.DETAINED), None, id="home-authority-decides"),
        pytest.param(
            at(CHILD, E.EOTAS, idp_maintained=True), X.IDP_ALREADY_MAINTAINED, id="idp-kept"
        ),
    ],
)
def test_local_authority_exception(situation, expected):
    assert local_authority_exception(situation) is expected


@pytest.mark.parametrize(
    ("situation", "expected"),
    [
        pytest.param(at(CHILD, E.MAINTAINED_SCHOOL, idp_maintained=True), LA, id="school-plan"),
        pytest.param(at(YP, E.FEI, idp_maintained=True), LA, id="fei-plan"),
        pytest.param(
            at(CHILD, E.MAINTAINED_SCHOOL, resident_in_england=True), NONE, id="s87-direct-only"
        ),
        pytest.param(at(CHILD, E.MAINTAINED_SCHOOL, looked_after_by_welsh_la=True), NONE, id="lac"),
        pytest.param(at(CHILD, E.MAINTAINED_SCHOOL, dual_registered=True), NONE, id="dual"),
        pytest.param(at(CHILD, E.EOTAS), NONE, id="no-governing-body-plan"),
        pytest.param(at(AgeBand.BEYOND_DUTIES, E.FEI), NONE, id="beyond-duties"),
    ],
)
def test_takeover_decider(situation, expected):
    """Spec §2.1, last row: a request to take over a GB plan is the LA's to decide (s.28)."""
    assert takeover_decider(situation) is expected


# --- Invariants over every situation ---------------------------------------------------------

_BOOLEAN_FACTS = [
    f.name
    for f in dataclasses.fields(LearnerSituation)
    if f.name not in {"age_band", "education", "young_person_consents"}
]


def test_the_tables_reach_every_reason_and_exception():
    answers = [p.values[1] for p in (*SECTION_2_1, *SECTION_2_3)]
    assert {a.reason for a in answers} == set(ReasonCode)
    from_tables = {a.exception for a in answers} - {None}
    for_the_la = {X.SCHOOL_IS_DECIDING, X.FEI_ONLY_NO_REFERRAL, X.LOOKED_AFTER_CHILD}
    assert from_tables == set(DutyException) - for_the_la  # those: test_local_authority_exception


def test_every_reason_is_cited():
    assert set(REASON_SECTIONS) == set(ReasonCode)
    assert all(0 < len(section) <= 40 for section in REASON_SECTIONS.values())  # Case field


situations = st.builds(
    LearnerSituation,
    age_band=st.sampled_from(AgeBand),
    education=st.sampled_from(Education),
    young_person_consents=st.none() | st.booleans(),
    **{name: st.booleans() for name in _BOOLEAN_FACTS},
)


@given(situations)
def test_no_duty_means_no_decider_and_nothing_to_do(situation):
    answer = decide_responsibility(situation)
    assert answer.section == REASON_SECTIONS[answer.reason]
    assert bool(answer.exception_section) == (answer.exception is not None)
    assert answer.duty_arises == (answer.decider is not NONE)
    if answer.duty_arises:
        assert answer.exception is None
        assert not answer.consent_needed
        assert answer.idp_preparer is answer.idp_maintainer is answer.decider
        assert answer.would_decide is answer.decider
    else:
        assert answer.idp_preparer is answer.idp_maintainer is NONE
        assert not answer.necessity_decision
        assert not answer.must_refer_to_la
        assert not answer.la_may_direct_school
        assert (answer.exception is None) == answer.consent_needed
        assert answer.would_decide is not NONE


@given(situations)
def test_a_looked_after_child_never_has_a_school_or_fei_decider(situation):
    answer = decide_responsibility(situation)
    looked_after_child = (
        situation.age_band in {UNDER, CHILD}
        and situation.education is not E.DETAINED
        and (situation.looked_after_by_welsh_la or situation.looked_after_by_english_la)
    )
    if looked_after_child:
        assert answer.would_decide is LAA
        assert answer.decider in {LAA, NONE}
        assert not answer.la_may_direct_school
    else:
        assert answer.would_decide is not LAA


@given(situations)
def test_necessity_only_for_young_persons_and_detained_persons(situation):
    if decide_responsibility(situation).necessity_decision:
        assert situation.age_band is YP or situation.education is E.DETAINED


@given(situations)
def test_school_or_fei_decides_only_for_their_own_pupils_and_students(situation):
    answer = decide_responsibility(situation)
    if answer.would_decide is SCHOOL:
        assert situation.education is E.MAINTAINED_SCHOOL
    if answer.would_decide is FEI:
        assert situation.education is E.FEI
        assert situation.age_band not in {UNDER, CHILD}


@given(situations)
def test_only_a_young_person_is_asked_to_consent(situation):
    answer = decide_responsibility(situation)
    if answer.consent_needed:
        assert situation.age_band is YP
        assert situation.young_person_consents is None
    if situation.age_band is YP and situation.young_person_consents is False:
        assert not answer.duty_arises
    if situation.age_band is not YP:  # a child's consent is never asked
        other = dataclasses.replace(situation, young_person_consents=None)
        assert decide_responsibility(other) == answer


@given(situations)
def test_consent_does_not_change_who_would_decide(situation):
    answers = [
        decide_responsibility(dataclasses.replace(situation, young_person_consents=consents))
        for consents in (None, True, False)
    ]
    assert len({(a.would_decide, a.reason) for a in answers}) == 1


@given(situations)
def test_direction_only_by_an_la_towards_a_maintained_school(situation):
    answer = decide_responsibility(situation)
    if answer.la_may_direct_school:
        assert answer.decider is LA
        assert situation.education is E.MAINTAINED_SCHOOL or situation.named_maintained_school
        assert not situation.needs_la_secured_place  # s.14(9)
        assert answer.reason not in {R.DUAL_REGISTERED, R.DETAINED}


@given(situations)
def test_only_a_school_or_fei_is_told_to_refer(situation):
    answer = decide_responsibility(situation)
    if answer.must_refer_to_la:
        assert situation.education in {E.MAINTAINED_SCHOOL, E.FEI}
        assert answer.decider in {LA, LAA}


@given(situations)
def test_no_duty_at_25_or_after(situation):
    if situation.age_band in {AgeBand.AGED_25_FINAL_YEAR, AgeBand.BEYOND_DUTIES}:
        answer = decide_responsibility(situation)
        assert not answer.duty_arises
        assert answer.exception in {X.AGED_25, X.BEYOND_AGE}


@given(situations)
def test_looked_after_flags_do_not_matter_for_young_persons(situation):
    if situation.age_band is YP and situation.education is not E.DETAINED:
        plain = dataclasses.replace(
            situation, looked_after_by_welsh_la=False, looked_after_by_english_la=False
        )
        assert decide_responsibility(plain) == decide_responsibility(situation)


@given(situations)
def test_a_referral_can_only_hand_the_decision_to_the_la(situation):
    before = decide_responsibility(dataclasses.replace(situation, referred_by_setting=False))
    after = decide_responsibility(dataclasses.replace(situation, referred_by_setting=True))
    if after.would_decide is not before.would_decide:
        assert before.would_decide in {SCHOOL, FEI}
        assert after.would_decide is LA
        assert after.reason is R.SETTING_REFERRAL


@given(situations)
def test_when_the_la_has_no_exception_it_is_the_body_that_decides(situation):
    if local_authority_exception(situation) is None:
        assert decide_responsibility(situation).would_decide is LA
