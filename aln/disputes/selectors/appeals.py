"""Reads for appeals to the Education Tribunal for Wales and the orders they lead to, scoped to
what the user may see (a record about a learner the user cannot see does not exist for them).

The rules (what may be appealed, the appeal period, the appeal's moves) are in
`aln.domain.disagreements`; `aln.disputes.services.appeals` applies them. These functions only
read, with a constant number of queries whatever the number of records.
"""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from aln.accounts.models import Membership, User
from aln.common.clock import today
from aln.deadlines.clock import AuthorityClock
from aln.disputes.models import Appeal, LaRequest, SupportReferral, TribunalOrder
from aln.disputes.selectors.requests import acts_for_la
from aln.domain.access import deciding_roles
from aln.domain.disagreements import REVIEW_RULE as ETW_REVIEW_RULE
from aln.domain.disagreements import (
    AppealAction,
    AppealDecision,
    AppealStage,
    AppealState,
    SupportKind,
    appeal_move,
)
from aln.domain.notices import Right
from aln.domain.roles import LA_ROLES
from aln.idps.models import Idp
from aln.learners.models import Learner
from aln.learners.selectors import visibility_filter
from aln.notices.models import Notice

# How many open orders the home page lists for their owner.
OWNED_ORDERS_LIMIT = 20

# An appeal still being dealt with: not closed or withdrawn. A decided appeal stays here until it
# is closed: a review may be applied for (ETW Regs reg 53) and its orders are followed up.
NOT_FINISHED_STAGES = frozenset(AppealStage) - {AppealStage.CLOSED, AppealStage.WITHDRAWN}


# --- Appeals ------------------------------------------------------------------------------------


def appeal_visible_queryset(*, user: Any) -> QuerySet[Appeal]:
    return Appeal.objects.filter(visibility_filter(user, today(), prefix="learner__"))


def appeal_get_for(*, user: Any, appeal_id: uuid.UUID | str) -> Appeal:
    """One appeal with its notice, request and orders (owners too), or Appeal.DoesNotExist if it
    is missing or about a learner the user may not see (views answer 404)."""
    return (
        appeal_visible_queryset(user=user)
        .select_related("learner", "case", "notice", "la_request", "local_authority")
        .prefetch_related(
            Prefetch(
                "orders",
                queryset=TribunalOrder.objects.select_related("owner").order_by(
                    "comply_by", "created_at"
                ),
            )
        )
        .get(pk=appeal_id)
    )


def appeals_for_learner(*, user: Any, learner: Learner) -> list[Appeal]:
    """The learner's appeals, latest first (one query)."""
    return list(
        appeal_visible_queryset(user=user)
        .filter(learner=learner)
        .select_related("notice")
        .order_by("-received_on", "-created_at")
    )


def open_appeals_for(*, user: Any) -> list[Appeal]:
    """Appeals not yet closed or withdrawn in the LAs the user works for (LA roles only), by the
    date received: the LA dashboard's list. One query."""
    authority_ids = {
        m.local_authority_id for m in user.active_memberships if m.role_enum in LA_ROLES
    }
    if not authority_ids:
        return []
    return list(
        appeal_visible_queryset(user=user)
        .filter(local_authority_id__in=authority_ids, stage__in=list(NOT_FINISHED_STAGES))
        .select_related("learner", "case")
        .order_by("received_on", "created_at")
    )


def appeal_state(appeal: Appeal) -> AppealState:
    """What the domain's appeal table reads (`aln.domain.disagreements.appeal_move`)."""
    return AppealState(
        stage=AppealStage(appeal.stage),
        lodged_late=appeal.received_on > appeal.last_day,
        late_permission=appeal.late_permission,
    )


def decisions_allowed(appeal: Appeal) -> list[AppealDecision]:
    """The Tribunal decisions that may be recorded at the appeal's stage now (a concession or a
    strike-out before a hearing is listed; any decision after)."""
    state = appeal_state(appeal)
    return [
        decision
        for decision in AppealDecision
        if appeal_move(state, AppealAction.DECIDE, decision=decision).allowed
    ]


def appeal_actions_for(*, user: Any, appeal: Appeal) -> list[AppealAction]:
    """The moves to offer this user on this appeal: those the domain's table allows now, and
    only to someone acting for the appeal's LA. Asking for late permission happens when a late
    appeal is recorded, so it is never offered."""
    if not acts_for_la(user=user, local_authority_id=appeal.local_authority_id):
        return []
    state = appeal_state(appeal)
    actions: list[AppealAction] = []
    for action in AppealAction:
        if action is AppealAction.SEEK_LATE_PERMISSION:
            continue
        if action is AppealAction.DECIDE:
            if decisions_allowed(appeal):
                actions.append(action)
        elif appeal_move(state, action).allowed:
            actions.append(action)
    return actions


# --- The decisions an appeal can be about -------------------------------------------------------


def notices_with_right_of_appeal(*, user: Any, learner: Learner) -> list[Notice]:
    """The learner's notices that told the family of a right of appeal to the Tribunal, on cases
    of the LAs the user acts for, latest first (one query; the rights are checked in Python
    because a JSON "contains" lookup is not portable)."""
    notices = (
        Notice.objects.filter(learner=learner)
        .filter(visibility_filter(user, today(), prefix="learner__"))
        .select_related("case")
        .order_by("-given_on", "-created_at")
    )
    return [
        notice
        for notice in notices
        if Right.APPEAL_TO_TRIBUNAL.value in (notice.rights or [])
        and acts_for_la(user=user, local_authority_id=notice.case.local_authority_id)
    ]


def notice_for_appeal(*, user: Any, learner: Learner, notice_id: Any) -> Notice:
    """One of the learner's notices the user may see (Notice.DoesNotExist otherwise)."""
    return (
        Notice.objects.filter(learner=learner)
        .filter(visibility_filter(user, today(), prefix="learner__"))
        .select_related("case")
        .get(pk=notice_id)
    )


def la_requests_answered_by(notices: Iterable[Notice]) -> dict[Any, LaRequest]:
    """The request to the LA each notice answered (its outcome is what may be appealed), by
    notice id (one query)."""
    ids = [notice.pk for notice in notices]
    if not ids:
        return {}
    return {
        request.notice_id: request
        for request in LaRequest.objects.filter(notice_id__in=ids).order_by("created_at")
    }


def plan_bodies_for(case_ids: Iterable[Any]) -> dict[Any, str]:
    """Who maintains each case's plan (a `Body` value), by case id, for the cases with a plan
    (one query)."""
    ids = list(case_ids)
    if not ids:
        return {}
    return dict(Idp.objects.filter(case_id__in=ids).values_list("case_id", "maintained_by"))


def resolution_referrals_for(notices: Iterable[Notice]) -> dict[Any, SupportReferral]:
    """The earliest referral to disagreement resolution (Act s.68) about each notice, by notice
    id (one query): the one that may extend the appeal period (ETW Regs reg 10; spec T14)."""
    ids = [notice.pk for notice in notices]
    if not ids:
        return {}
    earliest: dict[Any, SupportReferral] = {}
    referrals = SupportReferral.objects.filter(
        notice_id__in=ids, kind=SupportKind.DISAGREEMENT_RESOLUTION.value
    ).order_by("referred_on", "created_at")
    for referral in referrals:
        earliest.setdefault(referral.notice_id, referral)
    return earliest


# --- Orders -------------------------------------------------------------------------------------


def order_visible_queryset(*, user: Any) -> QuerySet[TribunalOrder]:
    return TribunalOrder.objects.filter(
        visibility_filter(user, today(), prefix="appeal__learner__")
    )


def order_get_for(*, user: Any, order_id: uuid.UUID | str) -> TribunalOrder:
    """One order with its appeal and owner, or TribunalOrder.DoesNotExist if it is missing or
    about a learner the user may not see."""
    return (
        order_visible_queryset(user=user)
        .select_related("appeal__learner", "appeal__local_authority", "owner")
        .get(pk=order_id)
    )


def orders_owned_by(*, user: Any) -> list[TribunalOrder]:
    """Orders not yet complied with that the user owns, about learners they can still see, the
    earliest date to comply by first (so overdue ones come first). One query: the home page's
    task list."""
    return list(
        order_visible_queryset(user=user)
        .filter(owner_id=user.pk, completed_on__isnull=True)
        .select_related("appeal__learner")
        .order_by("comply_by", "created_at")[:OWNED_ORDERS_LIMIT]
    )


def order_owner_choices(*, appeal: Appeal) -> list[User]:
    """The people who may own an order: the deciders of the appeal's LA (the LA follows up what
    the Tribunal ordered, an FEI's compliance included)."""
    memberships = Membership.objects.filter(
        is_active=True,
        local_authority_id=appeal.local_authority_id,
        role__in=[role.value for role in deciding_roles(decided_by_la=True)],
    )
    return list(
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by(
            "full_name"
        )
    )


def review_last_day_for(*, local_authority_id: Any, sent_on: datetime.date) -> datetime.date | None:
    """The last day to apply for the Tribunal to review its decision sent on `sent_on` (ETW Regs
    reg 53; T15: rule `etw-review`), on the LA's clock: its own roll-forward setting for the rule,
    where it has one (T18 is UNVERIFIED, so an LA may choose). None only when the LA's calendar
    cannot date it."""
    clock = AuthorityClock.load(local_authority_id)
    last_day, _remind = clock.dates(ETW_REVIEW_RULE, sent_on, None)
    return last_day
