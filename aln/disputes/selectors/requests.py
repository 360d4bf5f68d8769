"""Reads for requests to the LA (Act ss.26-28, 32): the requests a user may see, what a request
on each route would be about, how the person stands to a request, and whom to email.

Every request read here is scoped to the learners the user may see (`visibility_filter`): a
request about a learner the user may not see does not exist for them (views answer 404).
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F, QuerySet

from aln.accounts.models import Membership
from aln.cases.models import Case
from aln.cases.selectors import case_list_for_learner
from aln.common.clock import today
from aln.disputes.models import LaRequest, RequestStatus
from aln.disputes.selectors.standing import Standing
from aln.domain.access import deciding_roles
from aln.domain.ages import is_young_person
from aln.domain.disagreements import OUTCOME_RULES, Requester, RequestParts, Route
from aln.domain.notices import NoticeKind
from aln.domain.plans import CeaseGround
from aln.domain.process import ClosedBecause, Stage
from aln.domain.responsibility import Body
from aln.domain.roles import LA_ROLES, Role
from aln.learners.models import FamilyLink, Learner
from aln.learners.selectors import visibility_filter
from aln.organisations.models import Setting

# The notices that record a school's (or any body's) ALN decision: has ALN, no ALN, or the
# reasoned refusal to decide (s.26 covers all three; spec §6.1).
DECISION_NOTICE_KINDS = (
    NoticeKind.HAS_ALN.value,
    NoticeKind.NO_ALN.value,
    NoticeKind.DUTY_DOES_NOT_ARISE.value,
)
# A plan is maintained now while its case is maintaining it or a cease is only proposed.
PLAN_MAINTAINED_STAGES = (Stage.MAINTAINING.value, Stage.CEASE_PROPOSED.value)
# Grounds the body decides (s.31: "no longer ALN", "no longer necessary"); the others end the
# duty by themselves and there is no decision to reconsider (spec §6.2).
DECIDED_CEASE_GROUNDS = tuple(ground.value for ground in CeaseGround if not ground.automatic)
# The LA's s.26 answers that replace the school's decision (EN para 75).
REPLACING_OUTCOMES = tuple(
    outcome.value for outcome, rule in OUTCOME_RULES.items() if rule.replaces_school_decision
)

_LA_DECIDERS = frozenset(role.value for role in deciding_roles(decided_by_la=True))
_FAMILY_ROLES = frozenset({Role.PARENT, Role.YOUNG_PERSON})
_SETTING_DECIDERS = frozenset(role.value for role in deciding_roles(decided_by_la=False))


# --- What a request would be about ---------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """The decision or plan a request on `route` about `case` challenges, as
    `aln.domain.disagreements.RequestFacts` needs it.

    - `decided_by`: whose decision (s.26: the case's deciding body) or plan (the body maintaining
      it now). `setting`: that school or FEI (invited to make representations), if any.
    - `decided_on`: the day of the decision, of the plan first given, or of the decision to
      cease: a request cannot have been received before it.
    - `school_decision_replaced`: s.26: the LA answered a s.26 request about the case, so the
      decision is the LA's (`LaRequest` decided with an outcome in `REPLACING_OUTCOMES`).
    """

    route: Route
    case: Case
    decided_by: Body | None
    setting: Setting | None
    decision_exists: bool
    plan_maintained: bool
    cease_decided: bool
    reconsideration_closes_on: datetime.date | None
    decided_on: datetime.date | None
    school_decision_replaced: bool = False


def _idp_of(case: Case) -> Any:
    try:
        return case.idp  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None


def _cease_decided(case: Case, idp: Any) -> bool:
    """s.32: the school decided to cease the plan and the case closed on it (`PLAN_CEASED`). A
    plan ended otherwise (an automatic ground, or the LA's s.26 "no ALN": `PLAN_ENDED`) was no
    school's decision to cease."""
    return (
        idp.ceased_on is not None
        and idp.cease_ground in DECIDED_CEASE_GROUNDS
        and case.closed_because == ClosedBecause.PLAN_CEASED.value
    )


def _school_decision_replaced(case: Case) -> bool:
    return LaRequest.objects.filter(
        case=case,
        route=Route.RECONSIDER_ALN.value,
        status=RequestStatus.DECIDED,
        outcome__in=REPLACING_OUTCOMES,
    ).exists()


def request_subject(*, case: Case, route: Route) -> Subject:
    """What a request on `route` about `case` would challenge (two queries at most; s.26 three:
    whether the LA's answer already replaced the school's decision)."""
    idp = _idp_of(case)
    decision_notices = list(
        case.notices.filter(kind__in=DECISION_NOTICE_KINDS).values_list("given_on", flat=True)
    )
    if route is Route.RECONSIDER_ALN:
        return Subject(
            route=route,
            case=case,
            decided_by=Body(case.deciding_body),
            setting=case.setting,
            decision_exists=bool(decision_notices),
            plan_maintained=False,
            cease_decided=False,
            reconsideration_closes_on=None,
            decided_on=case.decided_on or min(decision_notices, default=None),
            school_decision_replaced=_school_decision_replaced(case),
        )
    if idp is None:
        return Subject(
            route=route,
            case=case,
            decided_by=Body(case.deciding_body),
            setting=case.setting,
            decision_exists=bool(decision_notices),
            plan_maintained=False,
            cease_decided=False,
            reconsideration_closes_on=None,
            decided_on=None,
        )
    cease_decided = _cease_decided(case, idp)
    return Subject(
        route=route,
        case=case,
        decided_by=Body(idp.maintained_by),
        setting=idp.setting,
        decision_exists=bool(decision_notices),
        plan_maintained=case.stage in PLAN_MAINTAINED_STAGES,
        cease_decided=cease_decided,
        reconsideration_closes_on=idp.reconsideration_closes_on,
        decided_on=idp.ceased_on if route is Route.RECONSIDER_CEASING else idp.first_given_on,
    )


def request_subjects_for(*, user: Any, learner: Learner) -> dict[Route, Subject]:
    """For each route, what a request about `learner` would be about now, when there is
    something: the latest ALN decision with its notice given (s.26); the plan maintained now
    (ss.27, 28); the latest decision to cease a plan (s.32). A constant number of queries."""
    cases = list(case_list_for_learner(user=user, learner=learner).select_related("idp__setting"))
    by_id = {case.pk: case for case in cases}
    decided_ids = set(
        case_list_for_learner(user=user, learner=learner)
        .filter(notices__kind__in=DECISION_NOTICE_KINDS)
        .values_list("pk", flat=True)
    )
    candidates: dict[Route, Case] = {}
    decided = sorted(
        (by_id[pk] for pk in decided_ids if pk in by_id),
        key=lambda c: (c.decided_on or datetime.date.min, c.opened_on),
    )
    if decided:
        candidates[Route.RECONSIDER_ALN] = decided[-1]
    with_plans = [(case, _idp_of(case)) for case in cases]
    maintained = [case for case, idp in with_plans if idp and case.stage in PLAN_MAINTAINED_STAGES]
    if maintained:
        candidates[Route.RECONSIDER_IDP] = candidates[Route.TAKE_OVER_IDP] = maintained[0]
    ceased = sorted(
        ((idp.ceased_on, case) for case, idp in with_plans if idp and _cease_decided(case, idp)),
        key=lambda pair: pair[0],
    )
    if ceased:
        candidates[Route.RECONSIDER_CEASING] = ceased[-1][1]
    return {
        route: request_subject(case=candidates[route], route=route)
        for route in Route
        if route in candidates
    }


# --- Who the person is to a learner or a request ----------------------------------------------


def family_requester_for(*, user: Any, learner: Learner, on: datetime.date) -> Requester | None:
    """Who a signed-in family member is when they ask: the learner themselves (a young person,
    or a child with their own sign-in), or a parent (anyone linked as parent or carer). None for
    everyone else."""
    if learner.user_id is not None and learner.user_id == user.pk:
        if is_young_person(learner.date_of_birth, on):
            return Requester.YOUNG_PERSON
        return Requester.CHILD
    if FamilyLink.objects.filter(learner_id=learner.pk, family_member__user=user).exists():
        return Requester.PARENT
    return None


def acts_for_la(user: Any, local_authority_id: Any) -> bool:
    """Whether the user decides for this LA (LA ALN officer or manager, early years lead)."""
    return any(
        m.role in _LA_DECIDERS and m.local_authority_id == local_authority_id
        for m in user.active_memberships
    )


def acts_for_setting(user: Any, setting_id: Any) -> bool:
    """Whether the user acts for this school's or FEI's governing body (ALNCo, headteacher, FEI
    ALN lead there)."""
    return setting_id is not None and any(
        m.role in _SETTING_DECIDERS and m.setting_id == setting_id for m in user.active_memberships
    )


def la_ids_for(user: Any) -> list[Any]:
    """The LAs the user works for (any LA role)."""
    return [
        m.local_authority_id
        for m in user.active_memberships
        if m.role_enum in LA_ROLES and m.local_authority_id is not None
    ]


def is_family(user: Any) -> bool:
    """Whether the user signs in as a parent or a young person (no query)."""
    return any(m.role_enum in _FAMILY_ROLES for m in user.active_memberships)


def request_parts_for(*, user: Any, la_request: LaRequest) -> RequestParts:
    """At most one query (the family link), none for staff."""
    family_as = None
    if is_family(user):
        family_as = family_requester_for(user=user, learner=la_request.learner, on=today())
    return RequestParts(
        la=acts_for_la(user, la_request.local_authority_id),
        governing_body=acts_for_setting(user, la_request.setting_id),
        requester=la_request.requested_by_id is not None and la_request.requested_by_id == user.pk,
        family_as=family_as,
    )


def la_case_owner(case: Case) -> Any:
    """The case's owner when they decide for the case's LA (the LA's answer is theirs to
    chase), else None: a school's case is owned by someone at the school."""
    owner = case.owner
    if owner is None:
        return None
    return owner if acts_for_la(owner, case.local_authority_id) else None


# --- Requests ----------------------------------------------------------------------------------


def _visible(user: Any) -> QuerySet[LaRequest]:
    return LaRequest.objects.filter(visibility_filter(user, today(), prefix="learner__"))


def la_request_get_for(*, user: Any, la_request_id: uuid.UUID | str) -> LaRequest:
    """One request, or LaRequest.DoesNotExist if it is missing or about a learner the user may
    not see (views answer 404)."""
    return (
        _visible(user)
        .select_related(
            "case",
            "learner",
            "local_authority",
            "setting",
            "deadline",
            "notice",
            "requested_by",
            "decided_by",
        )
        .get(pk=la_request_id)
    )


def la_requests_for_learner(*, user: Any, learner: Learner) -> QuerySet[LaRequest]:
    """A learner's requests the user may see, latest first, with their clocks (one query)."""
    return (
        _visible(user)
        .filter(learner=learner)
        .select_related("case", "deadline", "setting")
        .order_by("-received_on", "-created_at")
    )


def open_la_requests_for(*, user: Any) -> QuerySet[LaRequest]:
    """Open requests to the LAs the user works for (the LA dashboard), soonest due first, the
    learner, deadline, setting and case loaded in the same query. Never another LA's."""
    return (
        LaRequest.objects.filter(local_authority_id__in=la_ids_for(user), status=RequestStatus.OPEN)
        .select_related("learner", "deadline", "setting", "case", "deadline__owner")
        .order_by(F("deadline__due_on").asc(nulls_last=True), "received_on", "id")
    )


def has_open_request(*, case: Case, route: Route) -> bool:
    return LaRequest.objects.filter(
        case=case, route=route.value, status=RequestStatus.OPEN
    ).exists()


# --- Whom to email ------------------------------------------------------------------------------


def _contacts(
    memberships: QuerySet[Membership], exclude_user_id: Any = None
) -> list[tuple[str, str]]:
    memberships = memberships.filter(is_active=True, user__is_active=True)
    if exclude_user_id is not None:
        memberships = memberships.exclude(user_id=exclude_user_id)
    rows = memberships.values_list("user__email", "user__preferred_language").distinct()
    return sorted({(email, language) for email, language in rows if email})


def la_decider_contacts(
    local_authority_id: Any, *, exclude_user_id: Any = None
) -> list[tuple[str, str]]:
    """(email, language) of everyone who decides for the LA (one query)."""
    return _contacts(
        Membership.objects.filter(local_authority_id=local_authority_id, role__in=_LA_DECIDERS),
        exclude_user_id,
    )


def setting_decider_contacts(setting_id: Any) -> list[tuple[str, str]]:
    """(email, language) of everyone acting for the school's or FEI's governing body."""
    if setting_id is None:
        return []
    return _contacts(Membership.objects.filter(setting_id=setting_id, role__in=_SETTING_DECIDERS))


def family_contacts(
    *, learner: Learner, invited: Iterable[Requester], standing: Standing
) -> list[tuple[str, str]]:
    """(email, language) of the learner's family members among `invited` who have an email
    address: the young person's own sign-in, parents and carers linked to a child, and a case
    friend (for a child) or representative recorded for them (ss.83, 85). A child has no email
    of their own here: a parent or case friend is told."""
    wanted = set(invited)
    found: set[tuple[str, str]] = set()
    if Requester.YOUNG_PERSON in wanted and learner.user is not None and learner.user.email:
        found.add((learner.user.email, learner.user.preferred_language))
    if Requester.PARENT in wanted:
        found.update(
            (email, language)
            for email, language in FamilyLink.objects.filter(learner=learner).values_list(
                "family_member__email", "family_member__preferred_language"
            )
            if email
        )
    for person, requester in (
        (standing.case_friend, Requester.CHILD),
        (standing.representative, Requester.YOUNG_PERSON),
        (standing.representative, Requester.PARENT),
    ):
        if person is not None and person.email and requester in wanted:
            found.add((person.email, learner.preferred_language))
    return sorted(found)
