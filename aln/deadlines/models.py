from django.conf import settings
from django.db import models

from aln.common.models import BaseModel, enum_check
from aln.domain.deadlines import DEFAULT_REMINDER_SCHOOL_DAYS, DeadlineState, MissedReason
from aln.domain.timelines import RULES


def _ends_after_start(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name=name)


class CalendarTerm(BaseModel):
    """A term: the LA's (setting empty), or a setting's own when it keeps different dates.

    A setting with terms of its own (an FEI, say) counts on those; every other setting counts on
    its LA's terms. Closures add up: the LA's apply to all its settings, a setting's only to it.
    """

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="calendar_terms"
    )
    setting = models.ForeignKey(
        "organisations.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_terms",
    )
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on"]
        constraints = [_ends_after_start("deadlines_calendarterm_ends_after_start")]
        indexes = [models.Index(fields=["local_authority", "setting", "starts_on"])]


class CalendarClosure(BaseModel):
    """Days a school does not meet inside a term: INSET days, polling days, emergencies."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="calendar_closures"
    )
    setting = models.ForeignKey(
        "organisations.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_closures",
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["starts_on"]
        constraints = [_ends_after_start("deadlines_calendarclosure_ends_after_start")]
        indexes = [models.Index(fields=["local_authority", "setting", "starts_on"])]


class ClockSettings(BaseModel):
    """An LA's choices where the law leaves them (UNVERIFIED limits) and reminder timing."""

    local_authority = models.OneToOneField(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="clock_settings"
    )
    reminder_school_days = models.PositiveSmallIntegerField(default=DEFAULT_REMINDER_SCHOOL_DAYS)
    version = models.PositiveIntegerField(default=1)


class RuleSetting(BaseModel):
    """An LA's value for one configurable rule; no row means the statutory default."""

    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="rule_settings"
    )
    rule_id = models.CharField(max_length=40, choices=[(r, r) for r in RULES])
    length = models.PositiveSmallIntegerField(null=True, blank=True)
    roll_forward = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "rule_id"], name="deadlines_rulesetting_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(rule_id__in=list(RULES)), name="deadlines_rulesetting_rule_valid"
            ),
        ]


class Deadline(BaseModel):
    """One statutory duty on a case, with its due date stored (dashboards never recompute).

    `due_on` is empty when the calendar does not reach the due date yet (never guessed);
    `local_authority` and `setting` copy the case's so dashboards filter on indexes. `version`
    stops two people's changes silently overwriting each other.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="deadlines")
    rule_id = models.CharField(max_length=40, choices=[(r, r) for r in RULES])
    local_authority = models.ForeignKey(
        "organisations.LocalAuthority", on_delete=models.PROTECT, related_name="deadlines"
    )
    setting = models.ForeignKey(
        "organisations.Setting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    started_on = models.DateField()
    extended = models.BooleanField(default=False)
    due_on = models.DateField(null=True, blank=True)
    reminder_on = models.DateField(null=True, blank=True)
    state = models.CharField(
        max_length=10,
        choices=[(s.value, s.value) for s in DeadlineState],
        default=DeadlineState.OPEN.value,
    )
    met_on = models.DateField(null=True, blank=True)
    missed_reason = models.CharField(
        max_length=30, blank=True, choices=[(r.value, r.value) for r in MissedReason]
    )
    missed_circumstance = models.TextField(blank=True)
    missed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    missed_recorded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            enum_check("state", DeadlineState),
            models.CheckConstraint(
                condition=models.Q(rule_id__in=list(RULES)), name="deadlines_deadline_rule_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(missed_reason="")
                | models.Q(missed_reason__in=[r.value for r in MissedReason]),
                name="deadlines_deadline_missed_reason_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=DeadlineState.MET.value) | models.Q(met_on__isnull=False),
                name="deadlines_deadline_met_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["local_authority", "state", "due_on"]),
            models.Index(fields=["setting", "state", "due_on"]),
            models.Index(fields=["owner", "state", "due_on"]),
            models.Index(fields=["state", "reminder_on"]),
            models.Index(fields=["case", "state"]),
        ]


class CalendarFeedToken(BaseModel):
    """A private address for one person's deadlines in their calendar app. Only a hash is kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
