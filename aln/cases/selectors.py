"""Every read of a case, scoped to the learners the user may see."""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from aln.accounts.models import Membership
from aln.cases.models import Case
from aln.common.clock import today
from aln.deadlines.selectors.deadlines import membership_facts
from aln.domain.access import case_parties, deciding_roles
from aln.domain.ages import AgeBand, age_band
from aln.domain.cases import Circumstance, DecidingBody
from aln.domain.organisations import MAINTAINED_SCHOOL_KINDS, EducationArrangement, SettingKind
from aln.domain.process import (
    CaseAction,
    CaseFacts,
    ClosedBecause,
    Outcome,
    Party,
    Stage,
    allowed_actions,
)
from aln.domain.responsibility import Education, LearnerSituation
from aln.learners.models import Enrolment, Learner
from aln.learners.selectors import visibility_filter


def case_visible_queryset(*, user: Any) -> QuerySet[Case]:
    return Case.objects.filter(visibility_filter(user, today(), prefix="learner__"))


def case_get_for(*, user: Any, case_id: uuid.UUID | str) -> Case:
    """One case, or Case.DoesNotExist if missing or forbidden (views answer 404)."""
    return (
        case_visible_queryset(user=user)
        .select_related("learner", "local_authority", "setting", "owner", "decided_by")
        .get(pk=case_id)
    )


def case_list_for_learner(*, user: Any, learner: Learner) -> QuerySet[Case]:
    return case_visible_queryset(user=user).filter(learner=learner).select_related("setting")


def case_facts(case: Case, user: Any = None) -> CaseFacts:
    """The facts the process table reads (`aln.domain.process`), as `user` asks."""
    return CaseFacts(
        stage=Stage(case.stage),
        deciding_body=DecidingBody(case.deciding_body),
        is_young_person=case.is_young_person,
        necessity_decision=case.necessity_decision,
        outcome=Outcome(case.outcome) if case.outcome else None,
        idp_necessary=case.idp_necessary,
        advice_awaited=case.advice_requests.filter(received_on__isnull=True).exists(),
        nhs_response_awaited=case.nhs_referrals.filter(responded_on__isnull=True).exists(),
        owned_by_actor=user is not None and case.owner_id == user.pk,
        closed_because=ClosedBecause(case.closed_because) if case.closed_because else None,
    )


def case_parties_for(*, user: Any, case: Case) -> frozenset[Party]:
    """How the user stands to a case they can see (decider, contributor, or neither).

    While the LA prepares the revised plan of a school's plan it reconsidered (s.27(6);
    `case_la_prepares_revision`), the LA's deciders write and give it, and the school's only
    contribute until it is given.
    """
    return case_parties(
        memberships=membership_facts(user),
        decided_by_la=case.deciding_body == DecidingBody.LOCAL_AUTHORITY.value,
        local_authority_id=case.local_authority_id,
        setting_id=case.setting_id,
        la_prepares_revision=case_la_prepares_revision(case),
    )


def case_la_prepares_revision(case: Case) -> bool:
    """The LA decided to revise a plan that a school or FEI maintains and has not given the
    revised plan yet (s.27(6)-(7)): the case's IDP preparer is the LA while its deciding body
    is not (`aln.cases.services.reconsidering.case_la_prepare_revision`)."""
    return (
        case.stage == Stage.MAINTAINING.value
        and case.idp_preparer == DecidingBody.LOCAL_AUTHORITY.value
        and case.deciding_body != DecidingBody.LOCAL_AUTHORITY.value
    )


def _acts_for_la(memberships: Iterable[Any], local_authority_id: Any) -> bool:
    roles = deciding_roles(decided_by_la=True)
    return any(m.role in roles and m.local_authority_id == local_authority_id for m in memberships)


def case_la_parties(*, user: Any, case: Case) -> frozenset[Party]:
    """The LA's part in answering a request about the case's decision or plan (ss.26-28, 32):
    `Party.RECONSIDERING_LA` for the deciders of the case's LA, nothing for anyone else."""
    if _acts_for_la(membership_facts(user), case.local_authority_id):
        return frozenset({Party.RECONSIDERING_LA})
    return frozenset()


def case_actions_for(*, user: Any, case: Case) -> list[CaseAction]:
    """The moves to offer this user on this case: exactly what the table allows them."""
    return allowed_actions(case_facts(case, user), case_parties_for(user=user, case=case))


def current_enrolments(learner: Learner, on: datetime.date) -> list[Enrolment]:
    return [
        e
        for e in learner.enrolments.select_related("setting").all()
        if e.started_on <= on and (e.ended_on is None or e.ended_on >= on)
    ]


_ARRANGEMENT_EDUCATION = {
    EducationArrangement.ELECTIVE_HOME_EDUCATION: Education.ELECTIVE_HOME_EDUCATION,
    EducationArrangement.EOTAS: Education.EOTAS,
    EducationArrangement.NOT_IN_EDUCATION: Education.NOT_IN_EDUCATION,
}


# A learner at settings of several kinds counts as at the first that applies, in this order.
_SETTING_EDUCATION = (
    (MAINTAINED_SCHOOL_KINDS, Education.MAINTAINED_SCHOOL),
    (frozenset({SettingKind.FEI}), Education.FEI),
    (frozenset({SettingKind.INDEPENDENT}), Education.INDEPENDENT),
    (frozenset({SettingKind.NON_MAINTAINED_EARLY_YEARS}), Education.NON_MAINTAINED_EARLY_YEARS),
)


def _education(learner: Learner, enrolments: Iterable[Enrolment], detained: bool) -> Education:
    if detained:
        return Education.DETAINED
    arrangement = EducationArrangement(learner.education_arrangement)
    if arrangement in _ARRANGEMENT_EDUCATION:
        return _ARRANGEMENT_EDUCATION[arrangement]
    kinds = {SettingKind(e.setting.kind) for e in enrolments}
    for setting_kinds, education in _SETTING_EDUCATION:
        if kinds & setting_kinds:
            return education
    return Education.NOT_IN_EDUCATION


def learner_situation(
    learner: Learner,
    on: datetime.date,
    *,
    consents: bool | None,
    circumstances: Iterable[str] = (),
) -> LearnerSituation:
    """A learner's situation for `aln.domain.responsibility`, from their record and what the
    person recording the concern told us (`circumstances`)."""
    enrolments = current_enrolments(learner, on)
    flags = {Circumstance(c) for c in circumstances}
    looked_after = learner.is_looked_after
    welsh_la = looked_after and learner.looked_after_by_id is not None
    return LearnerSituation(
        age_band=age_band(learner.date_of_birth, on),
        education=_education(learner, enrolments, Circumstance.DETAINED in flags),
        dual_registered=sum(e.is_dual_registration for e in enrolments) >= 2,
        looked_after_by_welsh_la=welsh_la and "looked_after_in_england" not in flags,
        looked_after_by_english_la=Circumstance.LOOKED_AFTER_IN_ENGLAND in flags,
        resident_in_england=Circumstance.RESIDENT_IN_ENGLAND in flags,
        idp_maintained=Circumstance.IDP_MAINTAINED in flags,
        decided_before_no_change=Circumstance.DECIDED_BEFORE_NO_CHANGE in flags,
        young_person_consents=consents,
        english_la_responsible=Circumstance.ENGLISH_LA_RESPONSIBLE in flags,
    )


def is_young_person_on(learner: Learner, on: datetime.date) -> bool:
    return age_band(learner.date_of_birth, on) in {AgeBand.YOUNG_PERSON, AgeBand.AGED_25_FINAL_YEAR}


def case_decider_contacts(case: Case) -> list[tuple[str, str]]:
    """(email, language) of everyone who acts for the body deciding the case, to tell them of a
    concern raised by a family."""
    decided_by_la = case.deciding_body == DecidingBody.LOCAL_AUTHORITY.value
    memberships = Membership.objects.filter(
        is_active=True,
        user__is_active=True,
        role__in=[role.value for role in deciding_roles(decided_by_la=decided_by_la)],
    )
    if decided_by_la:
        memberships = memberships.filter(local_authority_id=case.local_authority_id)
    elif case.setting_id is not None:
        memberships = memberships.filter(setting_id=case.setting_id)
    else:
        return []
    rows = memberships.values_list("user__email", "user__preferred_language").distinct()
    return sorted({(email, language) for email, language in rows if email})
