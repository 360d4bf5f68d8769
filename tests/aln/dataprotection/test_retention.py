"""Retention: the periods an authority sets, which learners are past them, and erasure."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps

from aln.audit.models import AuditEvent
from aln.common.errors import ServiceError
from aln.dataprotection.learner_file import SECTIONS
from aln.dataprotection.models import RetentionSetting
from aln.dataprotection.selectors import (
    retention_candidate_rows,
    retention_candidates_for,
    retention_periods_for,
)
from aln.dataprotection.services import retention_erase, retention_settings_update
from aln.domain.retention import RecordType, RetentionError
from aln.learners.models import FamilyMember, Learner
from aln.notifications.models import OutboxMessage
from tests.aln.dataprotection.conftest import OLD, build_file
from tests.factories import (
    AttachmentFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    IdpFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
TODAY = D("2026-06-15")


@pytest.fixture(autouse=True)
def _today():
    noon = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture
def officer(authority):
    return MembershipFactory(role="data_protection_officer", local_authority=authority).user


def _listed(user):
    return set(retention_candidates_for(user=user, on=TODAY).values_list("pk", flat=True))


def _learner(authority, born, **kwargs):
    return LearnerFactory(home_local_authority=authority, date_of_birth=D(born), **kwargs)


def _rows():
    """Every row of every table, as (model label, primary key)."""
    return {
        (model._meta.label, pk)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
        for pk in model._base_manager.values_list("pk", flat=True)
    }


# --- Who is past their period ---------------------------------------------------------------


def test_by_default_a_file_is_kept_until_the_31st_birthday(authority, officer):
    birthday_today = _learner(authority, "1995-06-15")
    birthday_tomorrow = _learner(authority, "1995-06-16")
    older = _learner(authority, "1980-01-01")
    assert _listed(officer) == {birthday_today.pk, older.pk}
    assert birthday_tomorrow.pk not in _listed(officer)


def test_a_29_february_birthday_waits_for_1_march(authority, officer):
    leapling = _learner(authority, "1996-02-29")
    assert leapling.pk not in set(
        retention_candidates_for(user=officer, on=D("2027-02-28")).values_list("pk", flat=True)
    )
    assert leapling.pk in set(
        retention_candidates_for(user=officer, on=D("2027-03-01")).values_list("pk", flat=True)
    )


def test_the_authoritys_own_period_replaces_the_default(authority, officer):
    thirty_two = _learner(authority, "1994-01-01")
    retention_settings_update(
        actor=officer,
        local_authority=authority,
        periods={RecordType.LEARNER_FILE: 35, RecordType.AUDIT_EVENTS: 35},
    )
    assert thirty_two.pk not in _listed(officer)
    forty = _learner(authority, "1986-01-01")
    assert _listed(officer) == {forty.pk}


def test_another_authoritys_learners_are_never_listed(authority, officer):
    elsewhere = LocalAuthorityFactory()
    theirs = _learner(elsewhere, "1970-01-01")
    # Even one at a school in this authority: the authority they live in holds their file.
    EnrolmentFactory(learner=theirs, setting=SettingFactory(local_authority=authority))
    assert theirs.pk not in _listed(officer)


def test_the_list_says_what_would_be_erased(authority, officer, old_learner):
    made = build_file(old_learner)
    learners = list(retention_candidates_for(user=officer, on=TODAY))
    periods = retention_periods_for(local_authority_ids=[authority.pk])
    [row] = retention_candidate_rows(learners=learners, periods_by_authority=periods, on=TODAY)
    assert row.scope is RecordType.LEARNER_FILE
    assert row.erasable_from == D("2011-03-14")
    assert row.records == 1 + sum(len(records) for records in made.values())
    assert row.documents == len(made["notices"]) + len(made["idp_attachments"])
    assert not row.has_open_case
    assert row.last_activity_on == TODAY


def test_plan_documents_may_go_before_the_file(authority, officer):
    twenty_nine = _learner(authority, "1997-01-01")
    idp = IdpFactory(case__learner=twenty_nine, case__stage="closed")
    AttachmentFactory(idp=idp)
    without_documents = _learner(authority, "1997-01-02")
    retention_settings_update(
        actor=officer, local_authority=authority, periods={RecordType.DOCUMENTS: 28}
    )
    learners = list(retention_candidates_for(user=officer, on=TODAY))
    assert [learner.pk for learner in learners] == [twenty_nine.pk]
    periods = retention_periods_for(local_authority_ids=[authority.pk])
    [row] = retention_candidate_rows(learners=learners, periods_by_authority=periods, on=TODAY)
    assert (row.scope, row.records, row.documents) == (RecordType.DOCUMENTS, 1, 1)
    assert without_documents.pk not in _listed(officer)


# --- Periods ----------------------------------------------------------------------------------


def test_saving_periods_stores_only_what_differs_from_the_default_and_audits(authority, officer):
    changes = retention_settings_update(
        actor=officer,
        local_authority=authority,
        periods={
            RecordType.LEARNER_FILE: 40,
            RecordType.DOCUMENTS: 31,
            RecordType.AUDIT_EVENTS: 45,
        },
    )
    assert changes == {"learner_file": [31, 40], "audit_events": [31, 45]}
    assert set(RetentionSetting.objects.values_list("record_type", "years")) == {
        ("learner_file", 40),
        ("audit_events", 45),
    }
    event = AuditEvent.objects.get(event_type="retention_settings.changed")
    assert event.changes == changes
    assert event.local_authority_id == authority.pk
    retention_settings_update(actor=officer, local_authority=authority, periods={})
    assert not RetentionSetting.objects.exists()  # back to the defaults: no rows


def test_saving_the_same_periods_changes_nothing_and_audits_nothing(authority, officer):
    assert retention_settings_update(actor=officer, local_authority=authority, periods={}) == {}
    assert not AuditEvent.objects.filter(event_type="retention_settings.changed").exists()


@pytest.mark.parametrize(
    ("periods", "field", "code"),
    [
        ({RecordType.LEARNER_FILE: 25}, "learner_file", RetentionError.YEARS_OUT_OF_RANGE),
        ({RecordType.DOCUMENTS: 40}, "documents", RetentionError.DOCUMENTS_OUTLIVE_FILE),
        ({RecordType.AUDIT_EVENTS: 30}, "audit_events", RetentionError.AUDIT_BEFORE_FILE),
    ],
)
def test_periods_the_domain_refuses_are_not_saved(authority, officer, periods, field, code):
    with pytest.raises(ServiceError) as refused:
        retention_settings_update(actor=officer, local_authority=authority, periods=periods)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not RetentionSetting.objects.exists()


# --- Erasure ----------------------------------------------------------------------------------


def test_erasing_deletes_the_whole_file_and_nothing_else(authority, officer, old_learner):
    made = build_file(old_learner)
    sibling = _learner(authority, "2015-01-01")
    kept = build_file(sibling)
    # A parent of both children stays, with the link to the child who is kept.
    shared_parent = made["family_members"][0]
    FamilyLinkFactory(learner=sibling, family_member=shared_parent)
    only_parent = FamilyLinkFactory(learner=old_learner).family_member
    file_rows = {
        (section.model._meta.label, pk)
        for section in SECTIONS
        for pk in section.rows_for([old_learner.pk]).values_list("pk", flat=True)
    }
    emails = {
        ("notifications.OutboxMessage", pk)
        for pk in OutboxMessage.objects.filter(
            dedupe_key__contains=str(made["notices"][0].pk)
        ).values_list("pk", flat=True)
    }
    before = _rows()

    result = retention_erase(actor=officer, learners=[old_learner], reason="Annual review")

    after = _rows()
    deleted = before - after
    assert deleted == (file_rows - {("learners.FamilyMember", shared_parent.pk)}) | emails
    assert ("learners.FamilyMember", only_parent.pk) in deleted
    assert FamilyMember.objects.filter(pk=shared_parent.pk).exists()
    for section in SECTIONS:  # nothing about the learner is left, by any path
        assert not section.rows_for([old_learner.pk]).exclude(pk=shared_parent.pk).exists()
    for records in kept.values():  # the sibling's file is whole
        model = type(records[0])
        assert model._base_manager.filter(pk__in=[r.pk for r in records]).count() == len(records)
    assert result.learner_files == 1
    assert result.records == len(file_rows)  # the shared parent was counted with the file


def test_erasing_deletes_the_stored_documents_after_commit(
    authority, officer, old_learner, documents_root, django_capture_on_commit_callbacks
):
    made = build_file(old_learner)
    stored = [documents_root / r.file.name for r in made["notices"] + made["idp_attachments"]]
    assert all(path.exists() for path in stored)
    with django_capture_on_commit_callbacks(execute=True):
        retention_erase(actor=officer, learners=[old_learner.pk], reason="Annual review")
    assert not any(path.exists() for path in stored)


def test_erasing_is_audited_with_counts_only(authority, officer, old_learner):
    made = build_file(old_learner)
    retention_erase(actor=officer, learners=[old_learner], reason="Annual review")
    event = AuditEvent.objects.get(event_type="retention.erased")
    assert event.subject_type == "learners.learner"
    assert event.subject_id == str(old_learner.pk)
    assert event.actor == officer
    assert event.local_authority_id == authority.pk
    assert event.reason == "Annual review"
    assert event.changes["scope"] == "learner_file"
    assert event.changes["records"]["cases"] == len(made["cases"])
    assert event.changes["documents"] == 3
    text = str(event.changes)
    assert old_learner.last_name not in text
    assert old_learner.upn not in text
    summary = AuditEvent.objects.get(event_type="retention.erasure_completed")
    assert summary.subject_id == str(authority.pk)
    assert summary.changes["learner_files"] == 1
    # The audit trail about the erased records is kept (append-only).
    assert AuditEvent.objects.filter(
        event_type="case.opened", subject_id=str(made["cases"][0].pk)
    ).exists()


def test_erasure_refuses_a_learner_not_past_their_period_even_if_posted(
    authority, officer, old_learner, young_learner
):
    with pytest.raises(ServiceError) as refused:
        retention_erase(
            actor=officer, learners=[old_learner, young_learner], reason="Annual review"
        )
    assert refused.value.code is RetentionError.NOT_ERASABLE
    assert Learner.objects.filter(pk__in=[old_learner.pk, young_learner.pk]).count() == 2
    assert not AuditEvent.objects.filter(event_type__startswith="retention.").exists()


def test_erasure_refuses_another_authoritys_learner(authority, officer):
    theirs = _learner(LocalAuthorityFactory(), "1970-01-01")
    with pytest.raises(ServiceError) as refused:
        retention_erase(actor=officer, learners=[theirs], reason="Annual review")
    assert refused.value.code is RetentionError.NOT_ERASABLE
    assert Learner.objects.filter(pk=theirs.pk).exists()


def test_erasure_refuses_a_learner_with_an_open_case(authority, officer, old_learner):
    build_file(old_learner, case_stage="maintaining")
    with pytest.raises(ServiceError) as refused:
        retention_erase(actor=officer, learners=[old_learner], reason="Annual review")
    assert refused.value.code is RetentionError.HAS_OPEN_CASE
    assert Learner.objects.filter(pk=old_learner.pk).exists()


@pytest.mark.parametrize(
    ("learners", "reason", "code"),
    [
        ([], "Annual review", RetentionError.NOTHING_SELECTED),
        (["not-an-id"], "Annual review", RetentionError.NOT_ERASABLE),
        (None, "   ", RetentionError.REASON_REQUIRED),
    ],
)
def test_erasure_needs_a_choice_and_a_reason(
    authority, officer, old_learner, learners, reason, code
):
    with pytest.raises(ServiceError) as refused:
        retention_erase(
            actor=officer, learners=[old_learner] if learners is None else learners, reason=reason
        )
    assert refused.value.code is code


def test_only_a_data_protection_officer_of_the_authority_may_erase(authority, old_learner):
    manager = MembershipFactory(role="la_aln_manager", local_authority=authority).user
    with pytest.raises(ServiceError):
        retention_erase(actor=manager, learners=[old_learner], reason="Annual review")
    assert Learner.objects.filter(pk=old_learner.pk).exists()


def test_erasing_only_the_plan_documents_keeps_the_file(
    authority, officer, documents_root, django_capture_on_commit_callbacks
):
    learner = _learner(authority, "1997-01-01")
    idp = IdpFactory(case__learner=learner, case__stage="closed")
    attachment = AttachmentFactory(idp=idp)
    stored = documents_root / attachment.file.name
    retention_settings_update(
        actor=officer, local_authority=authority, periods={RecordType.DOCUMENTS: 28}
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = retention_erase(actor=officer, learners=[learner], reason="Documents review")
    assert (result.learner_files, result.documents_only, result.documents) == (0, 1, 1)
    assert Learner.objects.filter(pk=learner.pk).exists()
    assert type(idp).objects.filter(pk=idp.pk).exists()
    assert not type(attachment).objects.filter(pk=attachment.pk).exists()
    assert not stored.exists()
    event = AuditEvent.objects.get(event_type="retention.erased")
    assert event.changes == {
        "scope": "documents",
        "records": {"idp_attachments": 1},
        "documents": 1,
    }


def test_old_enough_learners_file_is_erased_when_documents_are_also_due(authority, officer):
    learner = _learner(authority, str(OLD))
    retention_erase(actor=officer, learners=[learner], reason="Annual review")
    assert not Learner.objects.filter(pk=learner.pk).exists()
