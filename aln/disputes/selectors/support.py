"""Reads for disagreement resolution and advocacy referrals (Act ss.68-69), views on a child's
capacity (s.84) and the people acting for a learner (ss.83, 85): the records a user may see, who
acts for the LA or the school for a learner, and what a referral does to the time to appeal.

Records are reached through the learner: a record whose learner the user may not see is missing
(views answer 404), as for every other learner record."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from aln.accounts.models import Membership
from aln.cases.selectors import case_list_for_learner, current_enrolments
from aln.common.clock import today
from aln.disputes.models import ActingFor, CapacityRecord, SupportReferral
from aln.domain.access import deciding_roles
from aln.domain.disagreements import (
    CapacityAssessor,
    CapacityView,
    SupportKind,
    appeal_last_day,
    appeal_period_ends_on,
    extends_appeal,
    provider_fits,
)
from aln.domain.notices import Right
from aln.domain.organisations import MAINTAINED_SCHOOL_KINDS, SettingKind
from aln.learners.models import Learner
from aln.learners.selectors import visibility_filter
from aln.notices.models import Notice, SupportProvider
from aln.notices.selectors import notice_list_for_case, support_provider_list

_LA_DECIDERS = deciding_roles(decided_by_la=True)
_SETTING_DECIDERS = deciding_roles(decided_by_la=False)


# --- Who acts for the LA, or the school, for this learner --------------------------------------


def la_ids_acting_for(*, user: Any, learner: Learner, on: datetime.date | None = None) -> list[Any]:
    """The LAs for which `user` decides (LA ALN officer, manager, Early Years lead) and which
    stand to `learner` as the access policy says: the LA where the learner lives first, then the
    LA looking after them, then an LA maintaining a setting they attend. One query (enrolments)
    at most; empty for everyone else."""
    mine = [
        m.local_authority_id
        for m in user.active_memberships
        if m.role_enum in _LA_DECIDERS and m.local_authority_id
    ]
    if not mine:
        return []
    wanted: list[Any] = [learner.home_local_authority_id]
    if learner.looked_after_by_id:
        wanted.append(learner.looked_after_by_id)
    wanted += [e.setting.local_authority_id for e in current_enrolments(learner, on or today())]
    return [la for la in dict.fromkeys(wanted) if la in mine]


def la_acting_for(*, user: Any, learner: Learner) -> Any:
    """The LA the user acts for on this learner's disagreements (`la_ids_acting_for`), or None."""
    ids = la_ids_acting_for(user=user, learner=learner)
    return ids[0] if ids else None


def setting_decided_at(
    *, user: Any, learner: Learner, on: datetime.date | None = None
) -> SettingKind | None:
    """The kind of the setting the learner attends now where `user` decides for the governing
    body (ALNCo, headteacher, FEI ALN lead), or None: what `capacity_assessors_for` reads."""
    settings = {e.setting_id: e.setting.kind for e in current_enrolments(learner, on or today())}
    for membership in user.active_memberships:
        if membership.role_enum in _SETTING_DECIDERS and membership.setting_id in settings:
            return SettingKind(settings[membership.setting_id])
    return None


def school_contacts_for(*, learner: Learner, on: datetime.date) -> list[tuple[str, str]]:
    """(email, language) of the people who act for the governing body of each maintained school
    the learner attends on `on`: the LA tells them its view on the child's capacity, which then
    prevails over theirs (Act s.84; EN para 178)."""
    schools = [
        e.setting_id
        for e in current_enrolments(learner, on)
        if e.setting.kind in MAINTAINED_SCHOOL_KINDS
    ]
    if not schools:
        return []
    rows = (
        Membership.objects.filter(
            is_active=True,
            user__is_active=True,
            role__in=[role.value for role in _SETTING_DECIDERS],
            setting_id__in=schools,
        )
        .values_list("user__email", "user__preferred_language")
        .distinct()
    )
    return sorted({(email, language) for email, language in rows if email})


# --- Records, scoped to the learners the user may see -------------------------------------------


def _visible(model: Any, user: Any) -> QuerySet:
    return model.objects.filter(visibility_filter(user, today(), prefix="learner__"))


def referral_get_for(*, user: Any, referral_id: uuid.UUID | str) -> SupportReferral:
    """One referral, or SupportReferral.DoesNotExist if missing or about a learner the user may
    not see (views answer 404)."""
    return (
        _visible(SupportReferral, user)
        .select_related("learner", "local_authority", "provider", "notice", "case")
        .get(pk=referral_id)
    )


def capacity_get_for(*, user: Any, capacity_id: uuid.UUID | str) -> CapacityRecord:
    """One view on capacity, or CapacityRecord.DoesNotExist (missing or not visible)."""
    return (
        _visible(CapacityRecord, user).select_related("learner", "created_by").get(pk=capacity_id)
    )


def acting_for_get_for(*, user: Any, acting_for_id: uuid.UUID | str) -> ActingFor:
    """One case friend or representative, or ActingFor.DoesNotExist (missing or not visible)."""
    return _visible(ActingFor, user).select_related("learner").get(pk=acting_for_id)


def capacity_records_for(*, learner: Learner) -> list[CapacityRecord]:
    """Every view on the learner's capacity, oldest first (the order `capacity_view` reads)."""
    return list(CapacityRecord.objects.filter(learner=learner).order_by("decided_on", "created_at"))


def current_acting_for(*, learner: Learner, kind: str) -> ActingFor | None:
    """The case friend or representative of this kind acting now (not ended), newest first."""
    return (
        ActingFor.objects.filter(learner=learner, kind=kind, ended_on__isnull=True)
        .order_by("-appointed_on", "-created_at")
        .first()
    )


# --- Views on capacity ----------------------------------------------------------------------


def views_of(records: Iterable[CapacityRecord]) -> list[CapacityView]:
    return [
        CapacityView(CapacityAssessor(r.assessor), r.lacks_capacity, r.decided_on) for r in records
    ]


# --- Providers, and the decisions a referral may be about --------------------------------------


def providers_for_referral(*, local_authority_id: Any, kind: SupportKind) -> list[SupportProvider]:
    """The LA's active providers of the kind a referral needs (s.68 or s.69)."""
    return [p for p in support_provider_list(local_authority_id) if provider_fits(kind, p.kind)]


def referral_providers(*, local_authority_id: Any) -> list[SupportProvider]:
    """The LA's active disagreement resolution and advocacy providers (one query)."""
    return [
        p
        for p in support_provider_list(local_authority_id)
        if any(provider_fits(kind, p.kind) for kind in SupportKind)
    ]


def notices_for_referral(*, user: Any, learner: Learner) -> list[Notice]:
    """The notices given about the learner on cases the user may see, newest first: a referral
    may be about one of these decisions."""
    notices = [
        notice
        for case in case_list_for_learner(user=user, learner=learner)
        for notice in notice_list_for_case(user=user, case=case)
    ]
    return sorted(notices, key=lambda n: (n.given_on, n.created_at), reverse=True)


def carries_appeal_right(notice: Notice | None) -> bool:
    """Whether the notice gave a right of appeal to the Tribunal (its period can be extended)."""
    return notice is not None and Right.APPEAL_TO_TRIBUNAL.value in (notice.rights or [])


@dataclass(frozen=True, slots=True)
class AppealEffect:
    """What a referral does to the time to appeal the decision in its notice (ETW Regs reg 10;
    spec T14): the original period's last day, whether this referral extends it, and the day
    the Tribunal must receive the appeal by, with this referral counted."""

    period_ends_on: datetime.date
    extends: bool
    last_day: datetime.date


def appeal_effect(
    *, kind: SupportKind, notice: Notice | None, referred_on: datetime.date
) -> AppealEffect | None:
    """For a s.68 referral about a notice that carries a right of appeal; None otherwise (an
    advocacy referral, or no such notice, leaves the time to appeal as it is)."""
    if kind is not SupportKind.DISAGREEMENT_RESOLUTION or not carries_appeal_right(notice):
        return None
    assert notice is not None  # noqa: S101 (checked above)
    return AppealEffect(
        period_ends_on=appeal_period_ends_on(notice.given_on),
        extends=extends_appeal(referred_on, notice.given_on, kind=kind),
        last_day=appeal_last_day(notice.given_on, referred_on),
    )


def resolution_referred_on(*, notice: Notice) -> datetime.date | None:
    """The date of the earliest referral to disagreement resolution (s.68) about this notice's
    decision, or None: the appeal period is extended when it is before the period expired."""
    return (
        SupportReferral.objects.filter(
            notice=notice, kind=SupportKind.DISAGREEMENT_RESOLUTION.value
        )
        .order_by("referred_on")
        .values_list("referred_on", flat=True)
        .first()
    )
