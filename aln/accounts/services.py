from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from aln.accounts.models import ORGANISATION_FIELD, Membership, User
from aln.accounts.selectors import invitable_authority_ids_for, user_email_in_use
from aln.audit.services import audit_record
from aln.common.errors import ServiceError
from aln.domain.accounts import AccountError, check_membership_organisation, check_role_grantable
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
