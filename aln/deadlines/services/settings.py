"""An LA's clock settings: reminder timing and its values for the UNVERIFIED time limits."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from aln.audit.changes import field_changes
from aln.audit.services import audit_record
from aln.common.errors import ServiceError
from aln.deadlines.models import ClockSettings, RuleSetting
from aln.deadlines.services.deadlines import deadlines_recompute
from aln.domain.deadlines import DeadlineError, check_reminder_days
from aln.domain.timelines import check_rule_setting, get_rule
from aln.organisations.models import LocalAuthority


@dataclass(frozen=True)
class RuleChoice:
    """An LA's value for one rule; None means "the statutory default"."""

    length: int | None = None
    roll_forward: bool | None = None


def _stored(value: Any, default: Any) -> Any:
    return None if value == default else value


@transaction.atomic
def clock_settings_update(
    *,
    actor: Any,
    local_authority: LocalAuthority,
    reminder_school_days: int,
    rules: Mapping[str, RuleChoice],
    version: int,
) -> int:
    """Save the settings and recompute every open deadline of the LA; returns how many moved."""
    error = check_reminder_days(reminder_school_days)
    if error is not None:
        raise ServiceError(error, field="reminder_school_days")
    for rule_id, choice in rules.items():
        rule_error = check_rule_setting(rule_id, choice.length, choice.roll_forward)
        if rule_error is not None:
            raise ServiceError(rule_error, field=f"length__{rule_id}")
    settings, _created = ClockSettings.objects.select_for_update().get_or_create(
        local_authority=local_authority, defaults={"created_by": actor, "updated_by": actor}
    )
    if settings.version != version:
        raise ServiceError(DeadlineError.CHANGED_BY_SOMEONE_ELSE)
    before = _snapshot(settings, local_authority)
    settings.reminder_school_days = reminder_school_days
    settings.version += 1
    settings.updated_by = actor
    settings.save()
    for rule_id, choice in rules.items():
        rule = get_rule(rule_id)
        length = _stored(choice.length, rule.length)
        roll_forward = _stored(choice.roll_forward, rule.roll_forward)
        if length is None and roll_forward is None:
            RuleSetting.objects.filter(local_authority=local_authority, rule_id=rule_id).delete()
            continue
        RuleSetting.objects.update_or_create(
            local_authority=local_authority,
            rule_id=rule_id,
            defaults={"length": length, "roll_forward": roll_forward, "updated_by": actor},
            create_defaults={
                "length": length,
                "roll_forward": roll_forward,
                "created_by": actor,
                "updated_by": actor,
            },
        )
    after = _snapshot(settings, local_authority)
    changes = field_changes(before, after, sorted(before.keys() | after.keys()))
    audit_record(
        actor=actor,
        event_type="clock_settings.changed",
        subject=settings,
        local_authority_id=local_authority.pk,
        changes=changes,
    )
    if not changes:
        return 0
    return deadlines_recompute(
        actor=actor,
        local_authority_id=local_authority.pk,
        reason=f"Clock settings changed: {', '.join(sorted(changes))}",
    )


def _snapshot(settings: ClockSettings, local_authority: LocalAuthority) -> dict[str, Any]:
    values: dict[str, Any] = {"reminder_school_days": settings.reminder_school_days}
    for rule_id, length, roll in RuleSetting.objects.filter(
        local_authority=local_authority
    ).values_list("rule_id", "length", "roll_forward"):
        values[f"{rule_id}.length"] = length
        values[f"{rule_id}.roll_forward"] = roll
    return values
