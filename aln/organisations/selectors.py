from typing import Any

from django.db.models import Q, QuerySet

from aln.domain.roles import LA_ROLES, SETTING_ROLES
from aln.organisations.models import LocalAuthority, Setting


def setting_list_for(*, user: Any) -> QuerySet[Setting]:
    """Settings a user works with: all in their LA for LA staff, their own for setting staff."""
    condition = Q(pk__in=[])
    for membership in user.active_memberships:
        if membership.role_enum in LA_ROLES:
            condition |= Q(local_authority_id=membership.local_authority_id)
        elif membership.role_enum in SETTING_ROLES:
            condition |= Q(pk=membership.setting_id)
    return Setting.objects.filter(condition, is_active=True).select_related("local_authority")


def local_authority_list() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.all()
