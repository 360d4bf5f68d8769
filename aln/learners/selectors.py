"""Every read of learner data goes through here, already scoped to what the user may see."""

import datetime
import uuid
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Prefetch, Q, QuerySet

from aln.accounts.models import User
from aln.common.clock import today
from aln.domain.access import Relationship, learner_relationship
from aln.domain.organisations import MAINTAINED_SCHOOL_KINDS, EducationArrangement
from aln.domain.roles import HEALTH_ROLES, LA_ROLES, SETTING_ROLES, Role
from aln.learners.facts import actor_facts, learner_facts
from aln.learners.models import Enrolment, FamilyLink, Learner, LearnerAccessGrant


def _current_enrolments(on: datetime.date) -> QuerySet:
    return Enrolment.objects.filter(started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=on)
    )


def _granted_learner_ids(user: User, on: datetime.date) -> QuerySet:
    return (
        LearnerAccessGrant.objects.filter(user=user)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .values("learner_id")
    )


def visibility_filter(user: User, on: datetime.date, prefix: str = "") -> Q:
    """The policy in `aln.domain.access` as one query filter (a parity test proves they agree).

    `prefix` applies it to a related learner (`"case__learner__"` for cases' deadlines), as
    joins rather than an IN over every visible learner, which is far faster for a large LA.
    """
    current = _current_enrolments(on)

    def q(**lookups: object) -> Q:
        return Q(**{f"{prefix}{name}": value for name, value in lookups.items()})

    condition = Q(pk__in=[])
    for membership in user.active_memberships:
        role = membership.role_enum
        if role in LA_ROLES:
            la = membership.local_authority_id
            condition |= (
                q(home_local_authority_id=la)
                | q(looked_after_by_id=la)
                | q(pk__in=current.filter(setting__local_authority_id=la).values("learner_id"))
            )
        elif role in SETTING_ROLES:
            condition |= q(
                pk__in=current.filter(setting_id=membership.setting_id).values("learner_id")
            )
        elif role is Role.PARENT:
            condition |= q(
                pk__in=FamilyLink.objects.filter(family_member__user=user).values("learner_id")
            )
        elif role is Role.YOUNG_PERSON:
            condition |= q(user=user)
        elif role in HEALTH_ROLES or role in {Role.LA_SERVICE_PRACTITIONER, Role.ADVOCATE}:
            condition |= q(pk__in=_granted_learner_ids(user, on))
    return condition


def learner_visible_queryset(*, user: User) -> QuerySet[Learner]:
    return Learner.objects.filter(visibility_filter(user, today()))


class Worklist(StrEnum):
    """Records someone should look at: gaps that block statutory work, or learners the LA owes
    a duty to directly (looked after: Act s.18; home educated or EOTAS: s.13)."""

    NO_PARENT_OR_CARER = "no-parent-or-carer"
    NO_UPN = "no-upn"
    LOOKED_AFTER = "looked-after"
    HOME_EDUCATED = "home-educated"
    EOTAS = "eotas"


SETTING_WORKLISTS = (Worklist.NO_PARENT_OR_CARER, Worklist.NO_UPN, Worklist.LOOKED_AFTER)
LA_WORKLISTS = (*SETTING_WORKLISTS, Worklist.HOME_EDUCATED, Worklist.EOTAS)


def _worklist_filter(worklist: Worklist, on: datetime.date) -> Q:
    if worklist is Worklist.NO_PARENT_OR_CARER:
        return ~Q(pk__in=FamilyLink.objects.values("learner_id"))
    if worklist is Worklist.NO_UPN:
        # Every pupil at a maintained school has a UPN (it is allocated on entry).
        at_school = _current_enrolments(on).filter(setting__kind__in=list(MAINTAINED_SCHOOL_KINDS))
        return Q(upn="", pk__in=at_school.values("learner_id"))
    if worklist is Worklist.LOOKED_AFTER:
        return Q(is_looked_after=True)
    if worklist is Worklist.HOME_EDUCATED:
        return Q(education_arrangement=EducationArrangement.ELECTIVE_HOME_EDUCATION.value)
    return Q(education_arrangement=EducationArrangement.EOTAS.value)


def worklists_for(*, user: User) -> tuple[Worklist, ...]:
    """The worklists that matter to this user's roles (LA staff see the LA's direct duties)."""
    roles = {m.role_enum for m in user.active_memberships}
    if roles & LA_ROLES:
        return LA_WORKLISTS
    if roles & SETTING_ROLES:
        return SETTING_WORKLISTS
    return ()


def worklist_counts_for(*, user: User) -> list[tuple[Worklist, int]]:
    """How many visible learners are on each of the user's worklists (one query each)."""
    on = today()
    visible = learner_visible_queryset(user=user)
    return [(w, visible.filter(_worklist_filter(w, on)).count()) for w in worklists_for(user=user)]


@dataclass(frozen=True)
class LearnerSearch:
    name: str = ""
    upn: str = ""
    date_of_birth: datetime.date | None = None
    setting_id: object = None
    worklist: Worklist | None = None


def learner_list_for(*, user: User, search: LearnerSearch | None = None) -> QuerySet[Learner]:
    """Learners the user may see, filtered by the search, with their current settings prefetched."""
    on = today()
    queryset = learner_visible_queryset(user=user).select_related("home_local_authority")
    if search is not None:
        for word in search.name.split():
            queryset = queryset.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        if search.upn:
            queryset = queryset.filter(upn__iexact=search.upn.replace(" ", ""))
        if search.date_of_birth:
            queryset = queryset.filter(date_of_birth=search.date_of_birth)
        if search.worklist:
            queryset = queryset.filter(_worklist_filter(search.worklist, on))
        if search.setting_id:
            queryset = queryset.filter(
                pk__in=_current_enrolments(on)
                .filter(setting_id=search.setting_id)
                .values("learner_id")
            )
    return queryset.prefetch_related(
        Prefetch(
            "enrolments",
            queryset=_current_enrolments(on).select_related("setting"),
            to_attr="current_enrolments",
        )
    ).order_by("last_name", "first_name", "id")


def learner_get_for(*, user: User, learner_id: uuid.UUID | str) -> Learner:
    """One learner, or Learner.DoesNotExist if missing or forbidden (views answer 404)."""
    return (
        learner_visible_queryset(user=user)
        .select_related("home_local_authority", "looked_after_by", "user")
        .prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.select_related("setting", "setting__local_authority"),
            ),
            Prefetch(
                "family_links",
                queryset=FamilyLink.objects.select_related("family_member"),
            ),
            "access_grants",
        )
        .get(pk=learner_id)
    )


def learner_relationship_for(*, user: User, learner: Learner) -> Relationship | None:
    """Why this user may see this learner, in the domain's words (shown and audited)."""
    return learner_relationship(actor_facts(user), learner_facts(learner, today()))


def learner_count_for(*, user: User) -> int:
    return learner_visible_queryset(user=user).count()
