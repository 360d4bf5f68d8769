"""Who must decide whether a learner has ALN, and who prepares and maintains the IDP.

One pure function, `decide_responsibility`, turns a learner's situation into the body the law
names, whether the duty arises at all, and the statutory reason. It implements the
responsible-body table (spec §2.1) and the exceptions to the duty to decide (spec §2.3). Sources
are the Additional Learning Needs and Education Tribunal (Wales) Act 2018 ("s.N") and the
Additional Learning Needs (Wales) Regulations 2021 ("reg N"); both read on legislation.gov.uk.

It works in two steps, so that the reason is known even when no duty arises:

1. **Route**: the body that would decide, and why (`ReasonCode`), in this order:
   detained (ss.39-43) > looked after by a Welsh LA (ss.15-19) > registered at two institutions
   (s.30) > registered pupil at a maintained school (s.11(1), s.12(2)(a) referral, s.87) >
   young person at an FEI (s.11(2), s.12(2)(a) referral) > everyone else: the LA (s.13(1)).
2. **Exceptions** (`DutyException`), the first that applies in this order: age (s.99), the duty
   belongs to England (s.11(3)(e), s.18(2)(c), s.40(1)), an IDP is already kept
   (s.11(3)(a), s.13(2)(a), s.18(2)(a), s.40(1)(b)), decided before with no material change
   (s.11(3)(b), s.13(2)(b), s.18(2)(b)), a young person who does not consent (s.11(3)(c),
   s.13(2)(d)). Any one of them is enough in law, so the order only picks which one is reported.

A young person who has not been asked yet (`young_person_consents is None`) gets
`consent_needed=True` and no duty: nothing proceeds until they consent (s.11(3)(c), s.13(2)(d),
s.14(3); spec §7). `would_decide` still names the body that will decide once they do.
"""

from dataclasses import dataclass
from enum import StrEnum

from aln.domain.ages import AgeBand


class Body(StrEnum):
    """A body with ALN duties. `LOCAL_AUTHORITY` is the LA responsible for the learner (s.13) or,
    for a detained person, the home authority (s.39; Education Act 1996 s.562J: the LA that looks
    or most recently looked after them, otherwise the LA where they ordinarily live)."""

    SCHOOL = "school"  # governing body of the maintained school (s.11(1))
    FEI = "fei"  # governing body of the FEI (s.11(2))
    LOCAL_AUTHORITY = "local_authority"  # the responsible LA (s.13), incl. a home authority
    LOOKING_AFTER_AUTHORITY = "looking_after_authority"  # LA that looks after a child (ss.18-19)
    NONE = "none"


class Education(StrEnum):
    """Where or how the learner is educated now."""

    # Registered pupil at a maintained school in Wales (incl. maintained nursery, PRU, special).
    MAINTAINED_SCHOOL = "maintained_school"
    FEI = "fei"  # enrolled student at an institution in the further education sector in Wales
    NON_MAINTAINED_EARLY_YEARS = "non_maintained_early_years"
    INDEPENDENT = "independent"  # independent school or independent specialist college
    ELECTIVE_HOME_EDUCATION = "elective_home_education"
    EOTAS = "eotas"
    NOT_IN_EDUCATION = "not_in_education"
    # Detention order, in relevant youth accommodation (s.39), or in hospital under Part 3 of the
    # Mental Health Act 1983 (regs 20-25: the Act applies with modifications, reg 21 names the LA).
    DETAINED = "detained"


@dataclass(frozen=True, slots=True)
class LearnerSituation:
    """The facts that decide who owes the ALN duties.

    `looked_after_by_welsh_la` and `looked_after_by_english_la` matter only for a child (a young
    person is never "looked after" for the Act, s.15(1)(a); EN para 53) and for a detained person
    (whose home authority is the LA that looks or looked after them).
    `looked_after_by_english_la` is read as "a looked-after child who is in the area of a local
    authority in England" (s.18(2)(c)), as the concern form records it. A child looked after by
    an English authority but living in Wales is not looked after for the Act (s.15(1): Part 6 of
    the Social Services and Well-being (Wales) Act 2014 only): record neither flag for them.
    """

    age_band: AgeBand
    education: Education
    dual_registered: bool = False  # registered at two institutions and educated at both (s.30)
    looked_after_by_welsh_la: bool = False
    looked_after_by_english_la: bool = False  # looked after, in the area of an English LA
    resident_in_england: bool = False  # lives in England; at a Welsh maintained school: s.87
    idp_maintained: bool = False  # an IDP is already maintained (s.11(3)(a), s.13(2)(a))
    decided_before_no_change: bool = False  # decided before, no material change, no new info
    young_person_consents: bool | None = None  # None = not yet asked; young persons only
    referred_by_setting: bool = False  # school/FEI referred under s.12(2)(a)
    english_la_responsible: bool = False  # an English LA is responsible / keeps an EHC plan
    # The LA names (or will name) a maintained school for admission (s.48), so the learner is "to
    # be" a registered pupil there and the LA may direct that school (s.14(2)(b)).
    named_maintained_school: bool = False
    # The LA is satisfied the needs cannot be met unless it also secures a place at a particular
    # school or institution, or board and lodging (s.14(6)-(7)): it cannot direct a school
    # (s.14(9); EN para 49).
    needs_la_secured_place: bool = False


class ReasonCode(StrEnum):
    """Why a body is the one that decides: one per row of spec §2.1 that names a decider."""

    REGISTERED_PUPIL = "registered_pupil"  # s.11(1); IDP s.12(1)
    ENGLISH_RESIDENT_PUPIL = "english_resident_pupil"  # s.11(1); s.87, EN paras 184-185
    FEI_STUDENT = "fei_student"  # s.11(2); IDP s.12(1)
    SETTING_REFERRAL = "setting_referral"  # s.12(2)(a) -> s.13(1); IDP s.14
    LOOKED_AFTER = "looked_after"  # s.18(1); IDP s.19; referral s.17
    DUAL_REGISTERED = "dual_registered"  # s.30(1)-(2) -> s.13(1); IDP s.30(4), s.14
    UNDER_SCHOOL_AGE_NOT_AT_SCHOOL = "under_school_age_not_at_school"  # s.13(1); s.14; s.62
    NOT_AT_MAINTAINED_SCHOOL = "not_at_maintained_school"  # s.13(1); IDP s.14(1)(a)
    YOUNG_PERSON_OUTSIDE_SCHOOL_FEI = "young_person_outside_school_fei"  # s.13(1); s.14(1)(c)
    DETAINED = "detained"  # s.40(2); IDP kept s.42, on release s.43


# The citation stored with a case (`Responsibility.section`): at most 40 characters.
REASON_SECTIONS: dict[ReasonCode, str] = {
    ReasonCode.REGISTERED_PUPIL: "s.11(1)",
    ReasonCode.ENGLISH_RESIDENT_PUPIL: "s.11(1), s.87",
    ReasonCode.FEI_STUDENT: "s.11(2)",
    ReasonCode.SETTING_REFERRAL: "s.12(2)(a), s.13(1)",
    ReasonCode.LOOKED_AFTER: "s.18(1)",
    ReasonCode.DUAL_REGISTERED: "s.30(1)-(2), s.13(1)",
    ReasonCode.UNDER_SCHOOL_AGE_NOT_AT_SCHOOL: "s.13(1)",
    ReasonCode.NOT_AT_MAINTAINED_SCHOOL: "s.13(1)",
    ReasonCode.YOUNG_PERSON_OUTSIDE_SCHOOL_FEI: "s.13(1), s.14(1)(c)",
    ReasonCode.DETAINED: "s.40(2)",
}


class DutyException(StrEnum):
    """Why the duty to decide does not arise (spec §2.3)."""

    IDP_ALREADY_MAINTAINED = "idp_already_maintained"  # s.11(3)(a), 13(2)(a), 18(2)(a), 40(1)(b)
    DECIDED_NO_MATERIAL_CHANGE = "decided_no_material_change"  # s.11(3)(b), 13(2)(b), 18(2)(b)
    YOUNG_PERSON_NO_CONSENT = "young_person_no_consent"  # s.11(3)(c), s.13(2)(d), s.14(3)
    LOOKED_AFTER_IN_ENGLAND = "looked_after_in_england"  # s.18(2)(c); EN para 54
    ENGLISH_LA_RESPONSIBLE = "english_la_responsible"  # s.11(3)(e); s.12(2)(c)-(d)
    HOME_AUTHORITY_IN_ENGLAND = "home_authority_in_england"  # s.40(1): "home authority in Wales"
    NOT_IN_WALES = "not_in_wales"  # s.13(1): no LA in Wales is responsible for the learner
    AGED_25 = "aged_25"  # s.99: no longer a young person; an IDP runs to the year's end
    BEYOND_AGE = "beyond_age"  # duties ended with the academic year they attained 25
    # Why the LA itself need not decide although someone else must (`local_authority_exception`).
    SCHOOL_IS_DECIDING = "school_is_deciding"  # s.13(2)(c)
    FEI_ONLY_NO_REFERRAL = "fei_only_no_referral"  # s.13(2)(e); EN para 44
    LOOKED_AFTER_CHILD = "looked_after_child"  # s.13(4): s.18 applies instead


@dataclass(frozen=True, slots=True)
class Responsibility:
    """The answer. When `duty_arises` is False every body is `NONE` and every action flag is
    False; `reason`, `section` and `would_decide` still say who would have decided, and why."""

    duty_arises: bool
    decider: Body  # Body.NONE when duty_arises is False
    idp_preparer: Body  # who prepares an IDP if ALN is found (Body.NONE if none)
    idp_maintainer: Body
    reason: ReasonCode  # why this body (also when an exception applies)
    section: str  # citation for the reason, e.g. "s.11(1)" (REASON_SECTIONS)
    exception: DutyException | None = None
    consent_needed: bool = False  # young person not yet asked: nothing proceeds until consent
    necessity_decision: bool = False  # LA also decides whether an IDP is necessary
    must_refer_to_la: bool = False  # the school/FEI must refer (LAC s.17, dual registration s.30)
    la_may_direct_school: bool = False  # s.14(2)(b): the LA may direct a maintained school
    exception_section: str = ""  # citation for the exception, e.g. "s.11(3)(a)"
    would_decide: Body = Body.NONE  # the body that decides if no exception applies


@dataclass(frozen=True, slots=True)
class _Route:
    reason: ReasonCode
    decider: Body
    must_refer_to_la: bool = False
    necessity_decision: bool = False
    la_may_direct_school: bool = False


_CHILD_BANDS = frozenset({AgeBand.UNDER_COMPULSORY_SCHOOL_AGE, AgeBand.COMPULSORY_SCHOOL_AGE})
_SETTINGS = frozenset({Education.MAINTAINED_SCHOOL, Education.FEI})
_LA = Body.LOCAL_AUTHORITY


def _is_child(situation: LearnerSituation) -> bool:
    """A child is a person not over compulsory school age (s.99; EN para 6)."""
    return situation.age_band in _CHILD_BANDS


def _is_looked_after_child(situation: LearnerSituation) -> bool:
    """Looked after for the Act: a child, looked after under Part 6 SSWBA 2014, not detained
    (s.15(1)); see `LearnerSituation` for how the English flag is read."""
    return (
        _is_child(situation)
        and situation.education is not Education.DETAINED
        and (situation.looked_after_by_welsh_la or situation.looked_after_by_english_la)
    )


def _la_may_direct(situation: LearnerSituation, *, at_maintained_school: bool) -> bool:
    """s.14(2)(b): the learner is, or is to be, a registered pupil at a maintained school in
    Wales; never where the IDP must describe a place or board and lodging (s.14(9))."""
    to_be_pupil = at_maintained_school or situation.named_maintained_school
    return to_be_pupil and not situation.needs_la_secured_place


def _school_route(situation: LearnerSituation) -> _Route:
    if situation.resident_in_england:
        # s.87 (EN paras 184-185): the school's duties apply. No LA in Wales is responsible, so
        # there is no s.12(2)(a) referral: the school asks the English LA instead (s.12(2)(c)).
        return _Route(ReasonCode.ENGLISH_RESIDENT_PUPIL, Body.SCHOOL)
    if situation.referred_by_setting:
        may_direct = _la_may_direct(situation, at_maintained_school=True)
        return _Route(ReasonCode.SETTING_REFERRAL, _LA, la_may_direct_school=may_direct)
    return _Route(ReasonCode.REGISTERED_PUPIL, Body.SCHOOL)


def _fei_route(situation: LearnerSituation) -> _Route:
    if situation.referred_by_setting and not situation.resident_in_england:
        # s.14(1)(b): an FEI student's IDP needs no necessity decision.
        may_direct = _la_may_direct(situation, at_maintained_school=False)
        return _Route(ReasonCode.SETTING_REFERRAL, _LA, la_may_direct_school=may_direct)
    return _Route(ReasonCode.FEI_STUDENT, Body.FEI)


def _la_route(situation: LearnerSituation) -> _Route:
    """Not a registered pupil at a maintained school, nor a young person at an FEI: the LA."""
    may_direct = _la_may_direct(situation, at_maintained_school=False)
    if situation.age_band is AgeBand.UNDER_COMPULSORY_SCHOOL_AGE:
        reason = ReasonCode.UNDER_SCHOOL_AGE_NOT_AT_SCHOOL
    elif situation.age_band is AgeBand.COMPULSORY_SCHOOL_AGE:
        reason = ReasonCode.NOT_AT_MAINTAINED_SCHOOL
    else:  # s.14(1)(c): the LA also decides whether an IDP is necessary (regs 6-10)
        return _Route(
            ReasonCode.YOUNG_PERSON_OUTSIDE_SCHOOL_FEI,
            _LA,
            necessity_decision=True,
            la_may_direct_school=may_direct,
        )
    return _Route(reason, _LA, la_may_direct_school=may_direct)


def _route(situation: LearnerSituation) -> _Route:
    """The body that would decide, ignoring the exceptions (spec §2.1)."""
    education = situation.education
    if education is Education.DETAINED:
        # s.40(2): the home authority decides ALN and whether an IDP will be necessary on release
        # (reg 18); it keeps the IDP during detention (s.42), then the responsible LA (s.43).
        return _Route(ReasonCode.DETAINED, _LA, necessity_decision=True)
    if _is_looked_after_child(situation):
        # s.18(1), s.19; a school or FEI must refer (s.17); only an LA IDP (EN para 53).
        return _Route(
            ReasonCode.LOOKED_AFTER,
            Body.LOOKING_AFTER_AUTHORITY,
            must_refer_to_la=education in _SETTINGS,
        )
    if education in _SETTINGS and situation.dual_registered:
        # s.30(1)-(2): the GB must refer to the LA to decide under s.13(1); the LA maintains the
        # IDP (s.30(4); Code 28.11 *(secondary)*), so the app offers no direction to a school.
        return _Route(ReasonCode.DUAL_REGISTERED, _LA, must_refer_to_la=True)
    if education is Education.MAINTAINED_SCHOOL:
        return _school_route(situation)
    if education is Education.FEI and not _is_child(situation):
        return _fei_route(situation)
    return _la_route(situation)


_SETTING, _LOCAL, _LOOKED_AFTER, _DETENTION = "setting", "la", "looked_after", "detained"

# The exceptions common to every duty to decide, by the duty they qualify.
_COMMON_SECTIONS: dict[DutyException, dict[str, str]] = {
    DutyException.IDP_ALREADY_MAINTAINED: {
        _SETTING: "s.11(3)(a)",
        _LOCAL: "s.13(2)(a)",
        _LOOKED_AFTER: "s.18(2)(a)",
        _DETENTION: "s.40(1)(b)",
    },
    DutyException.DECIDED_NO_MATERIAL_CHANGE: {
        _SETTING: "s.11(3)(b)",
        _LOCAL: "s.13(2)(b)",
        _LOOKED_AFTER: "s.18(2)(b)",
        _DETENTION: "s.41(2)(b)",  # Nodi 04.01 *(secondary)*
    },
    DutyException.YOUNG_PERSON_NO_CONSENT: {
        _SETTING: "s.11(3)(c)",
        _LOCAL: "s.13(2)(d)",
        _DETENTION: "s.41(2)(a)",  # Nodi 04.01 *(secondary)*
    },
}


def _duty_kind(route: _Route) -> str:
    if route.reason is ReasonCode.DETAINED:
        return _DETENTION
    if route.decider is Body.LOOKING_AFTER_AUTHORITY:
        return _LOOKED_AFTER
    return _SETTING if route.decider in {Body.SCHOOL, Body.FEI} else _LOCAL


def _age_exception(situation: LearnerSituation) -> tuple[DutyException, str] | None:
    if situation.age_band is AgeBand.BEYOND_DUTIES:
        # Duties end with the academic year in which the young person attains 25 (Nodi 10.06
        # *(secondary)*; the Act subsection is UNVERIFIED, spec T17).
        return DutyException.BEYOND_AGE, "s.99"
    if situation.age_band is AgeBand.AGED_25_FINAL_YEAR:
        # No longer a young person (under 25, s.99): no new decision; an IDP already kept
        # continues to the end of the academic year (spec §1).
        return DutyException.AGED_25, "s.99"
    return None


def _england_exception(
    situation: LearnerSituation, route: _Route
) -> tuple[DutyException, str] | None:
    """The duty belongs to an authority in England, or to no authority in Wales."""
    if route.reason is ReasonCode.DETAINED:
        # s.40(1) binds a home authority in Wales; the home authority is the LA that looks
        # after the person, otherwise the LA where they ordinarily live (EA 1996 s.562J).
        applies = situation.resident_in_england and not situation.looked_after_by_welsh_la
        found = (DutyException.HOME_AUTHORITY_IN_ENGLAND, "s.40(1)")
    elif route.reason is ReasonCode.LOOKED_AFTER:
        applies = situation.looked_after_by_english_la or situation.resident_in_england
        found = (DutyException.LOOKED_AFTER_IN_ENGLAND, "s.18(2)(c)")
    elif route.decider in {Body.SCHOOL, Body.FEI}:
        applies = situation.english_la_responsible
        found = (DutyException.ENGLISH_LA_RESPONSIBLE, "s.11(3)(e)")
    else:
        applies = situation.resident_in_england
        found = (DutyException.NOT_IN_WALES, "s.13(1)")
    return found if applies else None


def _exception(situation: LearnerSituation, route: _Route) -> tuple[DutyException, str] | None:
    """The first exception to the duty to decide that applies (spec §2.3)."""
    found = _age_exception(situation) or _england_exception(situation, route)
    if found:
        return found
    kind = _duty_kind(route)
    if situation.idp_maintained:
        code = DutyException.IDP_ALREADY_MAINTAINED
    elif situation.decided_before_no_change:
        code = DutyException.DECIDED_NO_MATERIAL_CHANGE
    elif _consent_applies(situation) and situation.young_person_consents is False:
        code = DutyException.YOUNG_PERSON_NO_CONSENT
    else:
        return None
    return code, _COMMON_SECTIONS[code][kind]


def _consent_applies(situation: LearnerSituation) -> bool:
    """Only a young person consents (s.11(3)(c), s.13(2)(d), s.14(3); s.41(2)(a) detained)."""
    return situation.age_band is AgeBand.YOUNG_PERSON


def _no_duty(
    route: _Route,
    *,
    exception: DutyException | None = None,
    exception_section: str = "",
    consent_needed: bool = False,
) -> Responsibility:
    return Responsibility(
        duty_arises=False,
        decider=Body.NONE,
        idp_preparer=Body.NONE,
        idp_maintainer=Body.NONE,
        reason=route.reason,
        section=REASON_SECTIONS[route.reason],
        exception=exception,
        consent_needed=consent_needed,
        exception_section=exception_section,
        would_decide=route.decider,
    )


def decide_responsibility(situation: LearnerSituation) -> Responsibility:
    """Who must decide whether the learner has ALN, who prepares and maintains an IDP, whether
    the duty arises at all, and the statutory reason (spec §2.1, §2.3, §7).

    - Registered pupil at a maintained school: its governing body decides, prepares and
      maintains (s.11(1), s.12(1)); also a child under school age at a maintained nursery.
      Resident in England: the same (s.87).
    - Young person at an FEI only: the FEI (s.11(2)); the LA has no duty (s.13(2)(e)).
    - The school or FEI referred (s.12(2)(a)): the LA decides (s.13(1)) and prepares and
      maintains, and may direct a maintained school (s.14(2)(b)) unless s.14(9) applies.
    - Looked after by a Welsh LA: that LA decides (s.18), prepares and maintains (s.19); a school
      or FEI must refer (s.17). Not in Wales: no duty (s.18(2)(c)).
    - Registered at two institutions: they must refer; the LA decides (s.30(1)-(2), s.13(1)).
    - Anyone else (under school age, independent school, EHE, EOTAS, not in education): the LA
      (s.13(1), s.14(1)(a)); a young person also gets a necessity decision (s.14(1)(c), regs 6-10).
    - Detained: the home authority decides, and whether an IDP is needed on release (s.40(2)).
    """
    route = _route(situation)
    found = _exception(situation, route)
    if found:
        code, exception_section = found
        return _no_duty(route, exception=code, exception_section=exception_section)
    if _consent_applies(situation) and situation.young_person_consents is None:
        return _no_duty(route, consent_needed=True)
    return Responsibility(
        duty_arises=True,
        decider=route.decider,
        idp_preparer=route.decider,
        idp_maintainer=route.decider,
        reason=route.reason,
        section=REASON_SECTIONS[route.reason],
        necessity_decision=route.necessity_decision,
        must_refer_to_la=route.must_refer_to_la,
        la_may_direct_school=route.la_may_direct_school,
        would_decide=route.decider,
    )


_NOT_THE_LA: dict[Body, DutyException] = {
    Body.SCHOOL: DutyException.SCHOOL_IS_DECIDING,
    Body.FEI: DutyException.FEI_ONLY_NO_REFERRAL,
    Body.LOOKING_AFTER_AUTHORITY: DutyException.LOOKED_AFTER_CHILD,
}


def local_authority_exception(situation: LearnerSituation) -> DutyException | None:
    """Why the LA a concern reaches need not decide under s.13(1) itself; None if it must (or
    will, once a young person consents).

    s.13(2)(c): a registered pupil whose school is deciding (the LA must be satisfied that it
    is); s.13(2)(e): a young person at an FEI only, with no s.12(2)(a) referral (EN para 44);
    s.13(4): a looked after child, for whom s.18 applies; a pupil living in England: no LA in
    Wales is responsible (s.87 gives the maintaining LA reconsideration only). Otherwise the
    exception of `decide_responsibility`, if any.
    """
    answer = decide_responsibility(situation)
    if answer.exception is not None:
        return answer.exception
    if answer.reason is ReasonCode.ENGLISH_RESIDENT_PUPIL:
        return DutyException.NOT_IN_WALES
    return _NOT_THE_LA.get(answer.would_decide)


def takeover_decider(situation: LearnerSituation) -> Body:
    """Who decides a request to take over a governing body's IDP (s.28): the responsible LA, for
    a learner at a maintained school or FEI whose IDP the governing body keeps.

    `Body.NONE` where there is nothing to take over: a looked after child (only an LA IDP,
    s.19), a learner registered at two institutions (the LA already maintains, s.30(4)), a pupil
    living in England (the maintaining LA may only direct, s.87; EN para 185), or past the age
    of the duties.
    """
    takeover_possible = (
        situation.education in _SETTINGS
        and situation.age_band is not AgeBand.BEYOND_DUTIES
        and not _is_looked_after_child(situation)
        and not situation.dual_registered
        and not situation.resident_in_england
    )
    return _LA if takeover_possible else Body.NONE
