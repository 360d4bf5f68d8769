"""Recording representations again records, in its audit event, the text and date before and
after (it used to keep only the old text)."""

import pytest

from aln.audit.models import AuditEvent
from aln.disputes.services.requests import (
    la_request_record,
    la_request_record_representations,
)
from aln.domain.disagreements import Requester, Route
from tests.aln.disputes.test_requests_setup import *  # noqa: F403 (the fixtures)
from tests.aln.disputes.test_requests_setup import TODAY, D, school_decision

pytestmark = pytest.mark.django_db


def test_representations_recorded_again_keep_the_text_and_date_before_and_after(learner, officer):
    la_request = la_request_record(
        actor=officer,
        case=school_decision(learner),
        route=Route.RECONSIDER_ALN,
        requester=Requester.PARENT,
        requester_name="Siân Prys",
        received_on=D("2026-11-16"),
        details="The school did not read the speech therapist's report.",
    )
    la_request_record_representations(
        actor=officer,
        la_request=la_request,
        version=la_request.version,
        received_on=D("2026-11-20"),
        representations="First letter.",
    )
    la_request_record_representations(
        actor=officer,
        la_request=la_request,
        version=la_request.version,
        received_on=TODAY,
        representations="Second letter.",
    )
    first, second = AuditEvent.objects.filter(
        event_type="dispute.representations_recorded"
    ).order_by("id")
    assert first.changes == {
        "representations": ["", "First letter."],
        "representations_received_on": [None, "2026-11-20"],
    }
    assert second.changes == {
        "representations": ["First letter.", "Second letter."],
        "representations_received_on": ["2026-11-20", TODAY.isoformat()],
    }
