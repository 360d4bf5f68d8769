"""A deadline handed to the body that now maintains the plan records, in its audit event, only
what moved: its setting and owner, before and after (its due date carries on)."""

import pytest

from aln.audit.models import AuditEvent
from aln.deadlines.models import Deadline
from aln.domain.plans import TransferKind
from tests.aln.idps.conftest import D
from tests.aln.idps.test_transfers import new_school, school_plan, transfer  # noqa: F401 (fixtures)
from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_a_handed_over_deadline_records_its_setting_and_owner_before_and_after(
    school_plan,  # noqa: F811 (a fixture)
    school,
    new_school,  # noqa: F811 (a fixture)
):
    idp, old_alnco = school_plan
    EnrolmentFactory(learner=idp.learner, setting=new_school, started_on=D("2026-10-05"))
    review = Deadline.objects.get(case=idp.case, rule_id="idp-review")
    Deadline.objects.filter(pk=review.pk).update(owner=old_alnco)
    transfer(idp, old_alnco, TransferKind.IN_YEAR_SCHOOL, new_setting=new_school)
    event = AuditEvent.objects.get(event_type="deadline.handed_over", subject_id=str(review.pk))
    assert event.changes == {
        "setting": [str(school.pk), str(new_school.pk)],
        "owner": [old_alnco.pk, None],
    }
