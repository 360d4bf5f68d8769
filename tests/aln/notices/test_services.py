"""Giving a notice stores the PDF once, audits it and emails the family; providers are audited."""

import dataclasses
import datetime
import hashlib

import pytest
from django.db import transaction

from aln.audit.models import AuditEvent
from aln.common.errors import ServiceError
from aln.domain.notices import (
    DeliveryMethod,
    NoticeError,
    NoticeKind,
    NoticeLanguage,
    ProviderError,
    ProviderKind,
)
from aln.notices.models import Notice, SupportProvider
from aln.notices.services import (
    ProviderDetails,
    notice_issue,
    notice_read_pdf,
    support_provider_create,
    support_provider_deactivate,
    support_provider_update,
)
from aln.notifications.models import OutboxMessage
from tests.aln.notices.conftest import make_content
from tests.factories import CaseFactory, MembershipFactory, SupportProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(authority):
    return CaseFactory(learner__home_local_authority=authority, deciding_body="local_authority")


@pytest.fixture
def officer(authority):
    return MembershipFactory(role="la_aln_officer", local_authority=authority).user


@pytest.fixture
def manager(authority):
    return MembershipFactory(role="la_aln_manager", local_authority=authority).user


def test_issuing_stores_the_pdf_with_its_hash_and_date_given(case, officer, documents_root):
    notice = notice_issue(
        actor=officer,
        case=case,
        content=make_content(),
        method=DeliveryMethod.POST,
    )
    stored = (documents_root / notice.file.name).read_bytes()
    assert stored.startswith(b"%PDF-")
    assert notice.sha256 == hashlib.sha256(stored).hexdigest()
    assert notice.size_bytes == len(stored)
    assert notice_read_pdf(notice=notice) == stored
    assert (notice.case, notice.learner, notice.local_authority) == (
        case,
        case.learner,
        case.local_authority,
    )
    assert notice.kind == "no_aln"
    assert notice.language == "en"
    assert notice.recipients == ["child", "parent"]
    assert notice.addressee_names == ["Siân Prys", "Elis Prys"]
    assert notice.rights == ["appeal_to_tribunal"]
    assert notice.given_on == datetime.date(2026, 11, 23)
    assert notice.appeal_last_day == datetime.date(2027, 1, 19)
    assert notice.created_by == officer
    assert not OutboxMessage.objects.exists()


def test_issuing_is_audited(case, officer):
    notice = notice_issue(
        actor=officer, case=case, content=make_content(), method=DeliveryMethod.BY_HAND
    )
    event = AuditEvent.objects.get(event_type="notice.issued")
    assert event.actor == officer
    assert event.subject_type == "notices.notice"
    assert event.subject_id == str(notice.pk)
    assert event.local_authority_id == case.local_authority_id
    assert event.changes == {
        "case_id": str(case.pk),
        "kind": "no_aln",
        "language": "en",
        "method": "by_hand",
        "given_on": "2026-11-23",
        "recipients": ["child", "parent"],
        "rights": ["appeal_to_tribunal"],
        "appeal_last_day": "2027-01-19",
        "sha256": notice.sha256,
    }


def test_a_notice_given_by_email_is_emailed_once_to_each_address(case, officer):
    content = make_content(language=NoticeLanguage.BILINGUAL)
    notice = notice_issue(
        actor=officer,
        case=case,
        content=content,
        method=DeliveryMethod.EMAIL,
        email_to=("sian@example.org", " elis@example.org ", "sian@example.org", ""),
    )
    messages = list(OutboxMessage.objects.order_by("to_email"))
    assert [m.to_email for m in messages] == ["elis@example.org", "sian@example.org"]
    assert notice.email_to == ["sian@example.org", "elis@example.org"]
    message = messages[0]
    assert message.language == "cy"  # Welsh first in a bilingual notice
    assert message.dedupe_key == f"notice-issued:{notice.pk}:elis@example.org"
    assert f"/notices/{notice.pk}/download/" in message.body
    assert "ALN-T0000042" in message.subject
    assert "Tuesday 19 January 2027" in message.body
    assert message.body.index("----------") > 0  # the Welsh, then the English
    # Email is not a secure channel: the child is not named, the letter is not attached.
    assert "Osian" not in message.body
    assert "Osian" not in message.subject


def test_an_email_is_queued_only_if_the_notice_is_saved(case, officer):
    def issue_then_fail():
        with transaction.atomic():
            notice_issue(
                actor=officer,
                case=case,
                content=make_content(),
                method=DeliveryMethod.EMAIL,
                email_to=("sian@example.org",),
            )
            raise RuntimeError("the case change failed")

    with pytest.raises(RuntimeError):
        issue_then_fail()
    assert not Notice.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not AuditEvent.objects.filter(event_type="notice.issued").exists()


@pytest.mark.parametrize(
    ("change", "method", "email_to", "code"),
    [
        ({"reasons": "  "}, DeliveryMethod.POST, (), NoticeError.REASONS_REQUIRED),
        ({"recipients": ()}, DeliveryMethod.POST, (), NoticeError.NO_RECIPIENTS),
        ({"addressee_names": (" ",)}, DeliveryMethod.POST, (), NoticeError.NO_ADDRESSEE),
        (
            {"given_on": datetime.date(2026, 11, 19)},
            DeliveryMethod.POST,
            (),
            NoticeError.GIVEN_BEFORE_DECISION,
        ),
        ({"appeal_last_day": None}, DeliveryMethod.POST, (), NoticeError.APPEAL_LAST_DAY_REQUIRED),
        ({}, DeliveryMethod.EMAIL, (" ",), NoticeError.EMAIL_ADDRESS_REQUIRED),
        ({"decided_by_school": True}, DeliveryMethod.POST, (), NoticeError.RIGHTS_DO_NOT_MATCH),
    ],
)
def test_an_incomplete_notice_is_refused_and_nothing_is_stored(
    case, officer, change, method, email_to, code, documents_root
):
    content = dataclasses.replace(make_content(), **change)
    with pytest.raises(ServiceError) as raised:
        notice_issue(actor=officer, case=case, content=content, method=method, email_to=email_to)
    assert raised.value.code is code
    assert not Notice.objects.exists()
    assert not AuditEvent.objects.exists()
    assert not documents_root.exists() or not any(documents_root.rglob("*.pdf"))


def test_a_has_aln_notice_needs_the_idp_due_date(case, officer):
    content = make_content(kind=NoticeKind.HAS_ALN, idp_due_on=None)
    with pytest.raises(ServiceError) as raised:
        notice_issue(actor=officer, case=case, content=content, method=DeliveryMethod.POST)
    assert raised.value.code is NoticeError.IDP_DUE_DATE_REQUIRED


DETAILS = ProviderDetails(
    kind=ProviderKind.INDEPENDENT_ADVOCACY,
    name_en="SNAP Cymru",
    name_cy="SNAP Cymru",
    phone="0808 801 0608",
    website="www.snapcymru.org",
    description_en="Free independent advocacy.",
    description_cy="Eiriolaeth annibynnol am ddim.",
)


def test_a_manager_adds_a_provider_for_their_la(manager, authority):
    provider = support_provider_create(
        actor=manager, local_authority_id=authority.pk, details=DETAILS
    )
    assert provider.local_authority == authority
    assert provider.kind == "independent_advocacy"
    assert provider.is_active
    event = AuditEvent.objects.get(event_type="support_provider.created")
    assert event.subject_id == str(provider.pk)
    assert event.changes["name_en"] == [None, "SNAP Cymru"]
    assert event.changes["kind"] == [None, "independent_advocacy"]


def test_nobody_manages_another_las_providers(manager, officer):
    elsewhere = SupportProviderFactory()
    for actor in (manager, officer):
        with pytest.raises(ServiceError) as raised:
            support_provider_create(
                actor=actor, local_authority_id=elsewhere.local_authority_id, details=DETAILS
            )
        assert raised.value.code is ProviderError.OUTSIDE_YOUR_AUTHORITY
        with pytest.raises(ServiceError):
            support_provider_update(actor=actor, provider_id=elsewhere.pk, details=DETAILS)
        with pytest.raises(ServiceError):
            support_provider_deactivate(actor=actor, provider_id=elsewhere.pk)
    elsewhere.refresh_from_db()
    assert elsewhere.is_active
    assert not AuditEvent.objects.exists()


def test_changing_a_provider_audits_only_what_changed(manager, authority):
    provider = SupportProviderFactory(local_authority=authority, name_en="Old name")
    details = dataclasses.replace(
        DETAILS,
        name_en="New name",
        name_cy=provider.name_cy,
        phone=provider.phone,
        email=provider.email,
        website=provider.website,
        description_en=provider.description_en,
        description_cy=provider.description_cy,
    )
    support_provider_update(actor=manager, provider_id=provider.pk, details=details)
    provider.refresh_from_db()
    assert provider.name_en == "New name"
    event = AuditEvent.objects.get(event_type="support_provider.updated")
    assert event.changes == {"name_en": ["Old name", "New name"]}
    # Saving the same details again changes nothing and records nothing.
    support_provider_update(actor=manager, provider_id=provider.pk, details=details)
    assert AuditEvent.objects.filter(event_type="support_provider.updated").count() == 1


def test_removing_a_provider_keeps_it_inactive(manager, authority):
    provider = SupportProviderFactory(local_authority=authority)
    support_provider_deactivate(actor=manager, provider_id=provider.pk)
    provider.refresh_from_db()
    assert not provider.is_active
    assert SupportProvider.objects.filter(pk=provider.pk).exists()
    assert AuditEvent.objects.get(event_type="support_provider.deactivated").changes == {
        "is_active": [True, False]
    }
    with pytest.raises(ServiceError) as raised:
        support_provider_deactivate(actor=manager, provider_id=provider.pk)
    assert raised.value.code is ProviderError.ALREADY_INACTIVE
