import pytest
from django.db import DatabaseError, connection, transaction

from aln.audit.models import AppendOnlyError, AuditEvent
from aln.audit.services import audit_record
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return audit_record(actor=None, event_type="learner.created", subject=LearnerFactory())


def test_code_cannot_change_or_remove_audit_events(event):
    event.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_refuses_update_and_delete_even_in_raw_sql(event):
    for sql in ("UPDATE audit_auditevent SET reason = 'x'", "DELETE FROM audit_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).reason == ""
