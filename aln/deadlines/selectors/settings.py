from typing import Any

from aln.deadlines.models import ClockSettings, RuleSetting
from aln.domain.deadlines import DEFAULT_REMINDER_SCHOOL_DAYS
from aln.domain.roles import Role
from aln.organisations.models import LocalAuthority


def managed_authority_for(*, user: Any) -> LocalAuthority | None:
    """The LA whose clock settings and term dates this user manages (first LA manager role)."""
    for membership in user.active_memberships:
        if membership.role_enum is Role.LA_ALN_MANAGER:
            return LocalAuthority.objects.get(pk=membership.local_authority_id)
    return None


def clock_settings_for(*, local_authority: LocalAuthority) -> tuple[int, int, dict[str, Any]]:
    """(version, reminder school days, {rule_id: (length, roll_forward)}) with defaults applied."""
    settings = ClockSettings.objects.filter(local_authority=local_authority).first()
    rules = {
        rule_id: (length, roll)
        for rule_id, length, roll in RuleSetting.objects.filter(
            local_authority=local_authority
        ).values_list("rule_id", "length", "roll_forward")
    }
    if settings is None:
        return 1, DEFAULT_REMINDER_SCHOOL_DAYS, rules
    return settings.version, settings.reminder_school_days, rules
