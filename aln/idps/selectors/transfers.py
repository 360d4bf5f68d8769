"""What a transfer page offers: the schools and colleges a plan can move to, and the local
authorities; and a plan's transfers, newest first."""

from typing import Any

from django.db.models import QuerySet

from aln.domain.organisations import MAINTAINED_SCHOOL_KINDS, SettingKind
from aln.idps.models import Idp, Transfer
from aln.organisations.models import LocalAuthority, Setting

# A plan moves to a maintained school (s.35(1)-(3)) or an FEI (s.35(4)-(6)); nowhere else.
TRANSFER_SETTING_KINDS = frozenset({*MAINTAINED_SCHOOL_KINDS, SettingKind.FEI})


def transfer_settings() -> QuerySet[Setting]:
    """Every open maintained school and FEI in Wales (a learner may move across authorities)."""
    return (
        Setting.objects.filter(is_active=True, kind__in=[k.value for k in TRANSFER_SETTING_KINDS])
        .select_related("local_authority")
        .order_by("name_en", "pk")
    )


def transfer_authorities() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.order_by("name_en", "pk")


def transfer_list(*, idp: Idp) -> list[Any]:
    """A plan the user can already see: who it passed from and to, newest first."""
    return list(
        Transfer.objects.filter(idp=idp).select_related(
            "from_local_authority", "from_setting", "to_local_authority", "to_setting", "notice"
        )
    )
