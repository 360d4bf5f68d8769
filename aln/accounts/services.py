import math
import re
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from aln.accounts.models import ORGANISATION_FIELD, Membership, User
from aln.accounts.selectors import (
    invitable_authority_ids_for,
    two_step_app_for,
    two_step_rule_for,
    user_email_in_use,
)
from aln.audit.services import audit_record
from aln.common.errors import ServiceError
from aln.domain.accounts import (
    AccountError,
    TwoStepError,
    TwoStepGate,
    check_membership_organisation,
    check_role_grantable,
    may_turn_off_two_step,
)
from aln.domain.roles import OrganisationKind, Role


def user_set_language(*, actor: User, language: str) -> None:
    """Save the language a signed-in user chose. Audit event: `user.language_changed`."""
    if actor.preferred_language == language:
        return
    with transaction.atomic():
        before = actor.preferred_language
        actor.preferred_language = language
        actor.save(update_fields=["preferred_language"])
        audit_record(
            actor=actor,
            event_type="user.language_changed",
            subject=actor,
            changes={"preferred_language": [before, language]},
        )


def user_sign_out_everywhere(*, actor: User) -> None:
    """End every session the user has, on every browser and device, this one included.

    Raises `session_generation`, which is part of the session auth hash, so Django flushes each
    older session on its next request. The caller signs this request out. Audit event:
    `account.signed_out_everywhere`.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        before = user.session_generation
        user.session_generation = before + 1
        user.save(update_fields=["session_generation"])
        audit_record(
            actor=actor,
            event_type="account.signed_out_everywhere",
            subject=user,
            changes={"session_generation": [before, user.session_generation]},
        )
    actor.session_generation = user.session_generation


def _organisation_kind(organisation: Any) -> OrganisationKind:
    if organisation is None:
        return OrganisationKind.NONE
    return {
        "localauthority": OrganisationKind.LOCAL_AUTHORITY,
        "setting": OrganisationKind.SETTING,
        "laservice": OrganisationKind.LA_SERVICE,
        "healthboard": OrganisationKind.HEALTH_BOARD,
    }[organisation._meta.model_name]


def _authorities_of(organisation: Any) -> set:
    kind = _organisation_kind(organisation)
    if kind is OrganisationKind.LOCAL_AUTHORITY:
        return {organisation.id}
    if kind is OrganisationKind.SETTING:
        return {organisation.local_authority_id}
    if kind is OrganisationKind.LA_SERVICE:
        return {organisation.lead_authority_id} | {
            la.id for la in organisation.served_authorities.all()
        }
    if kind is OrganisationKind.HEALTH_BOARD:
        return {la.id for la in organisation.served_authorities.all()}
    return set()


def _tenant_of(organisation: Any) -> Any:
    """The LA whose audit trail records changes to this organisation's people."""
    kind = _organisation_kind(organisation)
    if kind is OrganisationKind.LOCAL_AUTHORITY:
        return organisation.id
    if kind is OrganisationKind.SETTING:
        return organisation.local_authority_id
    if kind is OrganisationKind.LA_SERVICE:
        return organisation.lead_authority_id
    return None


def _check_invite_allowed(actor: User, role: Role, organisation: Any) -> None:
    allowed = invitable_authority_ids_for(user=actor)
    error = check_role_grantable(role, actor_is_admin=allowed is None)
    if error is not None:
        raise ServiceError(error, field="role")
    error = check_membership_organisation(role, _organisation_kind(organisation))
    if error is not None:
        raise ServiceError(error, field="organisation")
    # Families and advocates belong to no organisation: any LA manager may add them.
    if (
        organisation is not None
        and allowed is not None
        and not (_authorities_of(organisation) & allowed)
    ):
        raise ServiceError(AccountError.OUTSIDE_YOUR_AUTHORITY, field="organisation")


def user_invite(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: Role,
    organisation: Any,
    preferred_language: str,
) -> User:
    """Create an account with a role and email the person a link to set their password.

    Audit events: `user.invited`, `membership.created`. Side effect (on commit): invitation
    email in the person's language.
    """
    email = email.strip().lower()
    _check_invite_allowed(actor, role, organisation)
    with transaction.atomic():
        if user_email_in_use(email=email):
            raise ServiceError(AccountError.EMAIL_IN_USE, field="email")
        user = User(email=email, full_name=full_name.strip(), preferred_language=preferred_language)
        user.set_unusable_password()
        user.save()
        kind = _organisation_kind(organisation)
        membership = Membership.objects.create(
            user=user,
            role=role.value,
            created_by=actor,
            **({ORGANISATION_FIELD[kind]: organisation} if organisation is not None else {}),
        )
        audit_record(
            actor=actor,
            event_type="user.invited",
            subject=user,
            changes={"email": [None, email]},
        )
        audit_record(
            actor=actor,
            event_type="membership.created",
            subject=membership,
            local_authority_id=_tenant_of(organisation),
            changes={"role": [None, role.value], "user": [None, str(user.pk)]},
        )
        transaction.on_commit(lambda: _send_invitation(user=user, inviter=actor))
    return user


def _send_invitation(*, user: User, inviter: User) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    context = {"user": user, "inviter": inviter, "path": path, "site_url": settings.SITE_URL}
    with translation.override(user.preferred_language):
        subject = render_to_string("accounts/emails/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/emails/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


# --- Signing in and out (audit only: Django's views do the work) -------------------------------


def user_sign_in_record(*, actor: User, gate: TwoStepGate) -> None:
    """Record a right password. Audit event: `account.signed_in` when that is all the person
    needs, else `account.password_accepted` (they must still give a code or set one up)."""
    with transaction.atomic():
        if gate is TwoStepGate.OPEN:
            audit_record(
                actor=actor,
                event_type="account.signed_in",
                subject=actor,
                changes={"second_step": "none"},
            )
        else:
            audit_record(
                actor=actor,
                event_type="account.password_accepted",
                subject=actor,
                changes={"next_step": gate.value},
            )


def user_sign_in_failure_record(*, email: str) -> None:
    """Record a sign-in refused for a wrong email address or password. Audit event:
    `account.sign_in_failed`, about the account whose address was typed. An address that
    matches no account is not kept (it is personal data, perhaps someone else's): the event
    then names no account."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        user = User()
        user.pk = ""  # no account: the event's subject id is left empty
    with transaction.atomic():
        audit_record(actor=None, event_type="account.sign_in_failed", subject=user)


def user_sign_out_record(*, actor: User) -> None:
    """Record that someone signed out (the caller ends the session). Audit: `account.signed_out`."""
    with transaction.atomic():
        audit_record(actor=actor, event_type="account.signed_out", subject=actor)


# --- Two-step sign-in (ADR 0015) ---------------------------------------------------------------

RECOVERY_CODE_COUNT = 10
TWO_STEP_APP_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


class TwoStepTooManyTriesError(ServiceError):
    """Too many wrong codes: django-otp's throttle makes the person wait before the next try."""

    def __init__(self, wait_seconds: int):
        super().__init__(TwoStepError.TOO_MANY_TRIES, field="code")
        self.wait_seconds = wait_seconds


@dataclass(frozen=True)
class TwoStepCheck:
    """A code that was accepted: the device that accepted it, and what is left of the codes."""

    device: Device
    recovery_code_used: bool
    recovery_codes_left: int


def _normalised(code: str) -> str:
    """Codes as people type them: spaces and dashes dropped, letters lower case."""
    return re.sub(r"[\s-]", "", code).lower()


def _is_app_code(code: str) -> bool:
    return code.isdigit() and len(code) == 6


def _new_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes with new ones (the old ones stop working)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def two_step_set_up(*, actor: User, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Turn on two-step sign-in with the authenticator app holding `key` (hex), once the person
    shows they have it by typing its current `code`. Nothing is saved unless the code is right.

    Returns the app device and 10 new recovery codes, to show once. Audit event:
    `account.two_step_set_up`.
    """
    code = _normalised(code)
    with transaction.atomic():
        user = _locked(actor)
        if two_step_app_for(user=user) is not None:
            raise ServiceError(TwoStepError.ALREADY_SET_UP, field="code")
        device = TOTPDevice(user=user, name=TWO_STEP_APP_NAME, key=key, confirmed=True)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        if not (_is_app_code(code) and totp.verify(int(code), device.tolerance)):
            raise ServiceError(TwoStepError.WRONG_CODE, field="code")
        device.last_t = totp.t()  # the code just typed cannot be used again to sign in
        TOTPDevice.objects.filter(user=user).delete()  # any app left half set up
        device.save()
        codes = _new_recovery_codes(user)
        audit_record(
            actor=actor,
            event_type="account.two_step_set_up",
            subject=user,
            changes={"two_step": [False, True], "recovery_codes": [0, len(codes)]},
        )
    return device, codes


def _wait_seconds(devices: list[Device]) -> int:
    """Seconds until django-otp's throttle lets the person try again (0: they may try now)."""
    wait = 0.0
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            wait = max(wait, (data["locked_until"] - timezone.now()).total_seconds())
    return math.ceil(wait) if wait > 0 else 0


def two_step_verify(*, actor: User, code: str) -> TwoStepCheck:
    """Check the code someone typed after their password: from their app (6 digits), or one of
    their recovery codes, which is then used up.

    Audit events: `account.signed_in` (and `account.recovery_code_used`) when it is right,
    `account.two_step_code_failed` when it is wrong. Wrong codes make the person wait before the
    next try (1, 2, 4, 8... seconds, django-otp's throttle): raises `TwoStepTooManyTriesError`.
    """
    code = _normalised(code)
    check = None
    with transaction.atomic():
        apps = list(TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=True))
        recovery = list(StaticDevice.objects.select_for_update().filter(user=actor, confirmed=True))
        if not apps:
            raise ServiceError(TwoStepError.NOT_SET_UP, field="code")
        wait = _wait_seconds(apps + recovery)
        if wait == 0:
            check = _check_code(actor, code, apps, recovery)
            if check is None:
                audit_record(actor=actor, event_type="account.two_step_code_failed", subject=actor)
    # Raised after the transaction, so the failure counted by the throttle is kept.
    if wait:
        raise TwoStepTooManyTriesError(wait)
    if check is None:
        raise ServiceError(TwoStepError.WRONG_CODE, field="code")
    return check


def _check_code(
    actor: User, code: str, apps: list[TOTPDevice], recovery: list[StaticDevice]
) -> TwoStepCheck | None:
    if _is_app_code(code):
        for device in apps:
            if device.verify_token(code):
                audit_record(
                    actor=actor,
                    event_type="account.signed_in",
                    subject=actor,
                    changes={"second_step": "app"},
                )
                return TwoStepCheck(device, recovery_code_used=False, recovery_codes_left=-1)
        return None
    for static in recovery:
        before = static.token_set.count()
        if static.verify_token(code):
            left = before - 1
            audit_record(
                actor=actor,
                event_type="account.recovery_code_used",
                subject=actor,
                changes={"recovery_codes": [before, left]},
            )
            audit_record(
                actor=actor,
                event_type="account.signed_in",
                subject=actor,
                changes={"second_step": "recovery_code"},
            )
            return TwoStepCheck(static, recovery_code_used=True, recovery_codes_left=left)
    if not recovery and apps:
        # No recovery codes at all: count the wrong try against the app, so it is throttled.
        apps[0].throttle_increment(commit=True)
    return None


def two_step_recovery_codes_make(*, actor: User) -> list[str]:
    """Replace the person's recovery codes with 10 new ones (the old ones stop working).

    Audit event: `account.recovery_codes_made`.
    """
    with transaction.atomic():
        user = _locked(actor)
        if two_step_app_for(user=user) is None:
            raise ServiceError(TwoStepError.NOT_SET_UP)
        before = StaticToken.objects.filter(device__user=user).count()
        codes = _new_recovery_codes(user)
        audit_record(
            actor=actor,
            event_type="account.recovery_codes_made",
            subject=user,
            changes={"recovery_codes": [before, len(codes)]},
        )
    return codes


def two_step_turn_off(*, actor: User) -> None:
    """Turn off two-step sign-in, for someone whose roles do not require it.

    Audit event: `account.two_step_turned_off`.
    """
    if not may_turn_off_two_step(two_step_rule_for(user=actor)):
        raise ServiceError(TwoStepError.REQUIRED)
    with transaction.atomic():
        user = _locked(actor)
        if two_step_app_for(user=user) is None:
            raise ServiceError(TwoStepError.NOT_SET_UP)
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit_record(
            actor=actor,
            event_type="account.two_step_turned_off",
            subject=user,
            changes={"two_step": [True, False]},
        )


def two_step_reset(*, actor: User | None, user: User, reason: str) -> None:
    """Take away someone's authenticator app and recovery codes (they lost their phone), and
    end all their sessions. At their next sign-in they set it up again if their role needs it.

    For administrators, through `manage.py two_step_reset`. Audit event: `account.two_step_reset`.
    """
    with transaction.atomic():
        locked = _locked(user)
        had_app = TOTPDevice.objects.filter(user=locked).exists()
        TOTPDevice.objects.filter(user=locked).delete()
        StaticDevice.objects.filter(user=locked).delete()
        before = locked.session_generation
        locked.session_generation = before + 1
        locked.save(update_fields=["session_generation"])
        audit_record(
            actor=actor,
            event_type="account.two_step_reset",
            subject=locked,
            changes={
                "two_step": [had_app, False],
                "session_generation": [before, locked.session_generation],
            },
            reason=reason,
        )
