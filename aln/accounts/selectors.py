from django.conf import settings as django_settings
from django.db.models import Q, QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from aln.accounts.models import User
from aln.domain.accounts import TwoStepGate, TwoStepRule, two_step_gate, two_step_rule
from aln.domain.roles import Role
from aln.organisations.models import HealthBoard, LAService, LocalAuthority, Setting


def user_email_in_use(*, email: str) -> bool:
    return User.objects.filter(email__iexact=email.strip()).exists()


def invitable_authority_ids_for(*, user: User) -> set | None:
    """LA ids whose organisations this user may add people to; None means every LA."""
    roles = {m.role_enum for m in user.active_memberships}
    if Role.SYSTEM_ADMIN in roles:
        return None
    return {
        m.local_authority_id for m in user.active_memberships if m.role_enum is Role.LA_ALN_MANAGER
    }


def organisation_choices_for(*, user: User) -> dict[str, QuerySet]:
    """The organisations a user may add people to, by kind."""
    ids = invitable_authority_ids_for(user=user)
    authorities = LocalAuthority.objects.all()
    settings = Setting.objects.filter(is_active=True).select_related("local_authority")
    services = LAService.objects.all()
    health_boards = HealthBoard.objects.all()
    if ids is not None:
        authorities = authorities.filter(id__in=ids)
        settings = settings.filter(local_authority_id__in=ids)
        services = services.filter(Q(lead_authority_id__in=ids) | Q(served_authorities__in=ids))
        health_boards = health_boards.filter(served_authorities__in=ids)
    return {
        "local_authority": authorities,
        "setting": settings,
        "service": services.distinct(),
        "health_board": health_boards.distinct(),
    }


def two_step_app_for(*, user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app (two-step sign-in is on when there is one)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def recovery_codes_left_for(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_step_rule_for(*, user: User) -> TwoStepRule:
    """Whether this person's active roles require two-step sign-in (MFA_REQUIRED)."""
    return two_step_rule(
        (m.role_enum for m in user.active_memberships),
        required_for_staff=django_settings.MFA_REQUIRED,
    )


def two_step_gate_for(*, user: User, verified: bool = False) -> TwoStepGate:
    """What this person must do after their password before they may use the service."""
    if verified:
        return TwoStepGate.OPEN
    return two_step_gate(
        rule=two_step_rule_for(user=user),
        has_device=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        verified=False,
    )
