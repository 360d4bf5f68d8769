"""Every read of deadlines for people, scoped to the learners the user may see.

A deadline is visible exactly when its case's learner is (the policy in `aln.domain.access`, as
`aln.learners.selectors.visibility_filter`). Acting on one needs more: the user must act for the
body that owns the duty (`may_act_on_deadline`).
"""

import datetime
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from aln.accounts.models import User
from aln.common.clock import today
from aln.deadlines.calendars import AuthorityCalendars
from aln.deadlines.models import ClockSettings, Deadline
from aln.domain.access import MembershipFacts, may_act_on_deadline
from aln.domain.deadlines import (
    DEFAULT_REMINDER_SCHOOL_DAYS,
    DeadlineState,
    due_soon_until,
    end_of_week,
)
from aln.domain.roles import LA_ROLES, SETTING_ROLES
from aln.learners.selectors import visibility_filter


class DeadlineView(StrEnum):
    """The dashboard's views of the deadlines a user can see (the `view` query parameter)."""

    OVERDUE = "overdue"
    DUE_THIS_WEEK = "due-this-week"
    DUE_SOON = "due-soon"
    MET_LATE = "met-late"
    DATE_UNKNOWN = "date-unknown"
    OPEN = "open"


@dataclass(frozen=True)
class DeadlineFilters:
    view: DeadlineView = DeadlineView.OPEN
    setting_id: Any = None
    owner_id: Any = None
    rule_id: str = ""


@dataclass(frozen=True)
class DeadlineWindows:
    """The dates the dashboard's views are measured from, worked out once per request."""

    today: datetime.date
    end_of_week: datetime.date
    soon_until: datetime.date
    soon_school_days: int


# --- Queries ------------------------------------------------------------------------------------


def membership_facts(user: Any) -> tuple[MembershipFacts, ...]:
    return tuple(
        MembershipFacts(
            role=m.role_enum,
            local_authority_id=m.local_authority_id,
            setting_id=m.setting_id,
            service_id=m.service_id,
            health_board_id=m.health_board_id,
        )
        for m in user.active_memberships
    )


def deadline_may_act(*, user: Any, deadline: Deadline) -> bool:
    """`may_act_on_deadline` for a loaded deadline (no query: memberships are cached)."""
    return may_act_on_deadline(
        user_id=user.pk,
        memberships=membership_facts(user),
        owner_id=deadline.owner_id,
        local_authority_id=deadline.local_authority_id,
        setting_id=deadline.setting_id,
        rule_id=deadline.rule_id,
    )


def deadline_visible_queryset(*, user: Any) -> QuerySet[Deadline]:
    return Deadline.objects.filter(visibility_filter(user, today(), prefix="case__learner__"))


def _calendar_for(user: Any) -> tuple[Any, Any]:
    """(LA id, setting id) whose calendar times "due soon" for this user: their first LA or
    setting membership. Families and health staff have none (working days are counted)."""
    for membership in user.active_memberships:
        if membership.role_enum in LA_ROLES:
            return membership.local_authority_id, None
        if membership.role_enum in SETTING_ROLES:
            return membership.setting.local_authority_id, membership.setting_id
    return None, None


def deadline_windows_for(*, user: Any, with_due_soon: bool = True) -> DeadlineWindows:
    """Today, the end of this week and the end of "due soon" (the LA's reminder school days
    after today, on the user's calendar). Three queries for staff, none for families.

    `with_due_soon=False` skips the calendar (no query) for pages that do not show "due soon".
    """
    day = today()
    local_authority_id, setting_id = _calendar_for(user) if with_due_soon else (None, None)
    school_days, calendar = DEFAULT_REMINDER_SCHOOL_DAYS, None
    if local_authority_id is not None:
        settings = ClockSettings.objects.filter(local_authority_id=local_authority_id).first()
        if settings is not None:
            school_days = settings.reminder_school_days
        calendar = AuthorityCalendars.load(local_authority_id).for_setting(setting_id)
    return DeadlineWindows(
        today=day,
        end_of_week=end_of_week(day),
        soon_until=due_soon_until(day, school_days, calendar),
        soon_school_days=school_days,
    )


def _view_condition(view: DeadlineView, windows: DeadlineWindows | None) -> Q:
    is_open = Q(state=DeadlineState.OPEN.value)
    if view is DeadlineView.OVERDUE:
        return is_open & Q(due_on__lt=today() if windows is None else windows.today)
    if view is DeadlineView.MET_LATE:
        return Q(state=DeadlineState.MET.value, met_on__gt=F("due_on"))
    if view is DeadlineView.DATE_UNKNOWN:
        return is_open & Q(due_on__isnull=True)
    if view is DeadlineView.OPEN:
        return is_open
    if windows is None:
        raise ValueError(f"The {view} view needs the windows")
    until = windows.end_of_week if view is DeadlineView.DUE_THIS_WEEK else windows.soon_until
    return is_open & Q(due_on__gte=windows.today, due_on__lte=until)


def _filtered(user: Any, filters: DeadlineFilters) -> QuerySet[Deadline]:
    queryset = deadline_visible_queryset(user=user)
    if filters.setting_id:
        queryset = queryset.filter(setting_id=filters.setting_id)
    if filters.owner_id:
        queryset = queryset.filter(owner_id=filters.owner_id)
    if filters.rule_id:
        queryset = queryset.filter(rule_id=filters.rule_id)
    return queryset


def deadline_list_for(
    *, user: Any, filters: DeadlineFilters, windows: DeadlineWindows | None = None
) -> QuerySet[Deadline]:
    """The deadlines in the filters' view, soonest due first (unknown dates last), with all the
    dashboard shows in the same query. Pass `windows` when the request has them already."""
    if windows is None and filters.view in {DeadlineView.DUE_THIS_WEEK, DeadlineView.DUE_SOON}:
        windows = deadline_windows_for(user=user)
    return (
        _filtered(user, filters)
        .filter(_view_condition(filters.view, windows))
        .select_related("case", "case__learner", "setting", "owner")
        .order_by(F("due_on").asc(nulls_last=True), "case__reference", "id")
    )


def deadline_counts_for(
    *,
    user: Any,
    filters: DeadlineFilters,
    views: Collection[DeadlineView] = tuple(DeadlineView),
    windows: DeadlineWindows | None = None,
) -> dict[DeadlineView, int]:
    """How many deadlines each view holds, under the filters (their own view is ignored).

    One query, whatever the number of views.
    """
    if windows is None and ({DeadlineView.DUE_THIS_WEEK, DeadlineView.DUE_SOON} & set(views)):
        windows = deadline_windows_for(user=user)
    aliases = {view: view.name.lower() for view in views}
    totals = _filtered(user, filters).aggregate(
        **{
            alias: Count("pk", filter=_view_condition(view, windows))
            for view, alias in aliases.items()
        }
    )
    return {view: totals[alias] or 0 for view, alias in aliases.items()}


def deadline_owner_list_for(*, user: Any) -> QuerySet[User]:
    """People who own deadlines the user can see (the dashboard's officer filter)."""
    owners = deadline_visible_queryset(user=user).filter(owner__isnull=False).values("owner_id")
    return User.objects.filter(pk__in=owners).order_by("full_name", "email")


def deadline_get_for(
    *, user: Any, deadline_id: uuid.UUID | str, for_action: bool = False
) -> Deadline:
    """One deadline, or Deadline.DoesNotExist if missing or not visible (views answer 404).

    With `for_action`, also Deadline.DoesNotExist unless the user may act on it
    (`may_act_on_deadline`).
    """
    deadline = (
        deadline_visible_queryset(user=user)
        .select_related("case", "case__learner", "setting", "local_authority", "owner")
        .get(pk=deadline_id)
    )
    if for_action and not deadline_may_act(user=user, deadline=deadline):
        raise Deadline.DoesNotExist
    return deadline


def deadline_list_for_case(*, user: Any, case_id: Any) -> QuerySet[Deadline]:
    """A case's deadlines the user may see, in due date order, with who recorded a miss."""
    return (
        deadline_visible_queryset(user=user)
        .filter(case_id=case_id)
        .select_related("owner", "missed_recorded_by")
        .order_by(F("due_on").asc(nulls_last=True), "started_on", "id")
    )
