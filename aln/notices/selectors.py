"""Reads of notices (scoped through the cases the user may see) and of the LA's providers."""

import uuid
from typing import Any

from aln.cases import selectors as case_selectors
from aln.domain.notices import ProviderKind
from aln.domain.roles import Role
from aln.notices.content import Contact, Provider
from aln.notices.models import Notice, SupportProvider
from aln.organisations.models import LocalAuthority


def notice_list_for_case(*, user: Any, case: Any) -> list[Notice]:
    """The notices given on a case the user may see, oldest first (empty if they may not)."""
    visible = case_selectors.case_visible_queryset(user=user)
    return list(
        Notice.objects.filter(case_id=case.pk, case__in=visible)
        .select_related("created_by")
        .order_by("given_on", "created_at")
    )


def notice_get_for(*, user: Any, notice_id: uuid.UUID | str) -> Notice:
    """One notice, or Notice.DoesNotExist if it is missing or on a case the user may not see."""
    visible = case_selectors.case_visible_queryset(user=user)
    return (
        Notice.objects.filter(case__in=visible)
        .select_related("case", "learner", "local_authority")
        .get(pk=notice_id)
    )


def support_provider_list(
    local_authority_id: Any, *, include_inactive: bool = False
) -> list[SupportProvider]:
    """An LA's providers, by kind then name; active ones only unless asked.

    Not about any learner, so not scoped to a user: the provider pages check the LA is the
    manager's own (`managed_local_authority_ids`).
    """
    providers = SupportProvider.objects.filter(local_authority_id=local_authority_id)
    if not include_inactive:
        providers = providers.filter(is_active=True)
    return list(providers.order_by("kind", "name_en"))


def managed_local_authority_ids(*, user: Any) -> list[Any]:
    """The LAs whose providers this user manages: where they are an LA ALN manager."""
    return [
        membership.local_authority_id
        for membership in user.active_memberships
        if membership.role_enum is Role.LA_ALN_MANAGER and membership.local_authority_id
    ]


def managed_local_authority_for(*, user: Any) -> LocalAuthority | None:
    """The LA whose providers this user manages (their first LA ALN manager role), or None."""
    ids = managed_local_authority_ids(user=user)
    return LocalAuthority.objects.filter(pk=ids[0]).first() if ids else None


def support_provider_get_for(*, user: Any, provider_id: uuid.UUID | str) -> SupportProvider:
    """A provider of an LA the user manages, or SupportProvider.DoesNotExist (views: 404)."""
    return SupportProvider.objects.filter(
        local_authority_id__in=managed_local_authority_ids(user=user)
    ).get(pk=provider_id)


def providers_for_notice(*, local_authority_id: Any) -> tuple[Provider, ...]:
    """The LA's active providers as a notice prints them (`NoticeContent.providers`)."""
    return tuple(
        Provider(
            kind=ProviderKind(provider.kind),
            name=provider.name_en,
            name_cy=provider.name_cy,
            phone=provider.phone,
            email=provider.email,
            website=provider.website,
            description=provider.description_en,
            description_cy=provider.description_cy,
        )
        for provider in support_provider_list(local_authority_id)
    )


def contact_of(organisation: Any) -> Contact:
    """The contact details of an LA or a setting (`NoticeContent.contact`)."""
    return Contact(
        address=organisation.contact_address,
        phone=organisation.contact_phone,
        email=organisation.contact_email,
    )
