"""Views on a child's capacity (s.84), case friends (s.85) and representatives (s.83): who
records which, which view prevails, and what `standing_for` then says."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.audit.models import AuditEvent
from aln.common.errors import ServiceError
from aln.disputes.models import ActingFor, CapacityRecord
from aln.disputes.selectors.standing import standing_for
from aln.disputes.services.capacity import (
    acting_for_appoint,
    acting_for_end,
    assessors_for,
    capacity_record,
)
from aln.domain.disagreements import (
    ActingForProblem,
    CapacityAssessor,
    CapacityProblem,
)
from aln.domain.process import ProcessError
from aln.notifications.models import OutboxMessage
from tests.factories import (
    EnrolmentFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
NOON = datetime.datetime(2026, 12, 15, 12, 0, tzinfo=ZoneInfo("Europe/London"))
TODAY = D(2026, 12, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def world(authority, school):
    learner = EnrolmentFactory(
        setting=school, learner__home_local_authority=authority, learner__first_name="Cai"
    ).learner
    return {
        "authority": authority,
        "school": school,
        "learner": learner,
        "officer": MembershipFactory(role="la_aln_officer", local_authority=authority).user,
        "alnco": MembershipFactory(role="alnco", setting=school).user,
    }


def view(world, actor="officer", **changes):
    values = {
        "actor": world[actor],
        "learner": world["learner"],
        "assessor": CapacityAssessor.LOCAL_AUTHORITY,
        "lacks_capacity": True,
        "decided_on": D(2026, 11, 2),
        "decided_by_name": "Dr Ffion Hughes, educational psychologist",
        "reasons": "Cannot yet understand what the rights mean.",
    }
    values.update(changes)
    return capacity_record(**values)


def appoint(world, **changes):
    values = {
        "actor": world["officer"],
        "learner": world["learner"],
        "kind": "case_friend",
        "name": "Gareth Prys",
        "email": "gareth@example.org",
        "address": "",
        "authority": "Appointed by the Education Tribunal for Wales",
        "appointed_on": D(2026, 11, 20),
    }
    values.update(changes)
    return acting_for_appoint(**values)


# --- Views on capacity --------------------------------------------------------------------------


def test_the_la_records_its_view_and_tells_the_school_without_naming_the_child(world):
    record = view(world)
    assert record.assessor == "local_authority"
    assert record.created_by == world["officer"]
    event = AuditEvent.objects.get(event_type="dispute.capacity_recorded")
    assert event.changes == {
        "assessor": "local_authority",
        "lacks_capacity": True,
        "decided_on": "2026-11-02",
    }
    email = OutboxMessage.objects.get()
    assert email.to_email == world["alnco"].email
    assert f"/disputes/capacity/{record.pk}/" in email.body
    assert world["learner"].first_name not in email.subject + email.body
    assert world["learner"].last_name not in email.subject + email.body


def test_a_schools_own_view_tells_nobody(world):
    view(world, actor="alnco", assessor=CapacityAssessor.SCHOOL)
    assert CapacityRecord.objects.get().assessor == "school"
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    "assessor",
    [CapacityAssessor.LOCAL_AUTHORITY, CapacityAssessor.TRIBUNAL, CapacityAssessor.NHS_BODY],
)
def test_a_school_records_only_its_own_view(world, assessor):
    with pytest.raises(ServiceError) as refused:
        view(world, actor="alnco", assessor=assessor)
    assert (refused.value.code, refused.value.field) == (
        CapacityProblem.ASSESSOR_NOT_YOURS,
        "assessor",
    )
    assert not CapacityRecord.objects.exists()
    assert not AuditEvent.objects.filter(event_type="dispute.capacity_recorded").exists()


@pytest.mark.parametrize("role", ["parent", "teacher", "other_school", "other_la"])
def test_nobody_else_records_a_view(world, role):
    world["someone"] = {
        "parent": lambda: MembershipFactory(role="parent").user,
        "teacher": lambda: MembershipFactory(role="teacher", setting=world["school"]).user,
        "other_school": lambda: MembershipFactory(role="alnco", setting=SettingFactory()).user,
        "other_la": lambda: (
            MembershipFactory(role="la_aln_manager", local_authority=LocalAuthorityFactory()).user
        ),
    }[role]()
    with pytest.raises(ServiceError) as refused:
        view(world, actor="someone", assessor=CapacityAssessor.SCHOOL)
    assert refused.value.code is CapacityProblem.NOT_YOURS
    assert not CapacityRecord.objects.exists()


def test_who_records_which_view_follows_the_domain(world):
    college = SettingFactory(kind="fei", local_authority=world["authority"])
    EnrolmentFactory(setting=college, learner=world["learner"])
    lead = MembershipFactory(role="fei_aln_lead", setting=college).user
    assert assessors_for(actor=world["officer"], learner=world["learner"]) == tuple(
        CapacityAssessor
    )
    assert assessors_for(actor=world["alnco"], learner=world["learner"]) == (
        CapacityAssessor.SCHOOL,
    )
    assert assessors_for(actor=lead, learner=world["learner"]) == (CapacityAssessor.FEI,)
    world["lead"] = lead
    view(world, actor="lead", assessor=CapacityAssessor.FEI)
    assert CapacityRecord.objects.get().assessor == "fei"


def test_a_view_on_capacity_is_only_for_a_child(world):
    world["learner"].date_of_birth = D(2009, 5, 4)  # 17: a young person
    world["learner"].save()
    with pytest.raises(ServiceError) as refused:
        view(world)
    assert refused.value.code is CapacityProblem.ONLY_FOR_A_CHILD
    assert not CapacityRecord.objects.exists()


def test_a_view_needs_its_reasons_and_a_date_that_has_happened(world):
    with pytest.raises(ServiceError) as refused:
        view(world, reasons=" ")
    assert (refused.value.code, refused.value.field) == (ProcessError.REQUIRED, "reasons")
    with pytest.raises(ServiceError) as refused:
        view(world, decided_on=D(2026, 12, 16))
    assert refused.value.code is ProcessError.DATE_IN_FUTURE
    assert not CapacityRecord.objects.exists()


def test_the_las_view_prevails_over_a_later_school_view(world):
    view(world, lacks_capacity=False, decided_on=D(2026, 10, 1))
    view(world, actor="alnco", assessor=CapacityAssessor.SCHOOL, decided_on=D(2026, 11, 1))
    standing = standing_for(learner=world["learner"], on=TODAY)
    assert standing.child_lacks_capacity is False  # the LA says the child has capacity


def test_the_tribunals_declaration_prevails_over_the_la(world):
    view(world, lacks_capacity=True, decided_on=D(2026, 11, 1))
    view(world, assessor=CapacityAssessor.TRIBUNAL, lacks_capacity=False, decided_on=D(2026, 10, 1))
    standing = standing_for(learner=world["learner"], on=TODAY)
    assert standing.child_lacks_capacity is False
    assert standing.capacity_declared_by_tribunal is True


# --- Case friends and representatives -----------------------------------------------------------


def test_a_case_friend_is_recorded_and_standing_reads_it(world):
    person = appoint(world)
    standing = standing_for(learner=world["learner"], on=TODAY)
    assert standing.case_friend == person
    event = AuditEvent.objects.get(event_type="dispute.acting_for_appointed")
    assert event.changes == {"kind": "case_friend", "appointed_on": "2026-11-20"}
    assert "Gareth" not in str(event.changes)


def test_a_case_friend_for_a_young_person_is_refused(world):
    world["learner"].date_of_birth = D(2009, 5, 4)
    world["learner"].save()
    with pytest.raises(ServiceError) as refused:
        appoint(world)
    assert refused.value.code is ActingForProblem.CASE_FRIEND_ONLY_FOR_A_CHILD
    assert not ActingFor.objects.exists()
    # A representative acts for the young person instead (s.83).
    representative = appoint(world, kind="representative", authority="Lasting power of attorney")
    assert standing_for(learner=world["learner"], on=TODAY).representative == representative


def test_a_second_case_friend_is_refused_until_the_first_stops(world):
    first = appoint(world)
    with pytest.raises(ServiceError) as refused:
        appoint(world, name="Someone Else")
    assert refused.value.code is ActingForProblem.CASE_FRIEND_ALREADY
    assert ActingFor.objects.count() == 1
    acting_for_end(
        actor=world["officer"],
        acting_for=first,
        version=1,
        ended_on=D(2026, 12, 1),
        reasons="The Tribunal ended it.",
    )
    second = appoint(world, name="Someone Else", appointed_on=D(2026, 12, 2))
    assert standing_for(learner=world["learner"], on=TODAY).case_friend == second


def test_only_the_la_records_case_friends(world):
    with pytest.raises(ServiceError) as refused:
        appoint(world, actor=world["alnco"])
    assert refused.value.code is ActingForProblem.NOT_YOURS
    assert not ActingFor.objects.exists()


def test_ending_an_appointment(world):
    person = appoint(world)
    acting_for_end(
        actor=world["officer"],
        acting_for=person,
        version=1,
        ended_on=D(2026, 12, 1),
        reasons=" The Tribunal declared the child has capacity. ",
    )
    person.refresh_from_db()
    assert (person.ended_on, person.version) == (D(2026, 12, 1), 2)
    assert person.end_reasons == "The Tribunal declared the child has capacity."
    assert standing_for(learner=world["learner"], on=TODAY).case_friend is None
    event = AuditEvent.objects.get(event_type="dispute.acting_for_ended")
    assert event.reason == "The Tribunal declared the child has capacity."
    with pytest.raises(ServiceError) as refused:
        acting_for_end(
            actor=world["officer"], acting_for=person, version=2, ended_on=TODAY, reasons="Again"
        )
    assert refused.value.code is ActingForProblem.ALREADY_ENDED
    person.refresh_from_db()
    assert (person.ended_on, person.version) == (D(2026, 12, 1), 2)


@pytest.mark.parametrize("version", [0, 2, None])
def test_ending_from_a_stale_page_is_refused_and_nothing_is_saved(world, version):
    person = appoint(world)
    with pytest.raises(ServiceError) as refused:
        acting_for_end(
            actor=world["officer"],
            acting_for=person,
            version=version,
            ended_on=D(2026, 12, 1),
            reasons="Ended.",
        )
    assert refused.value.code is ActingForProblem.CHANGED_BY_SOMEONE_ELSE
    person.refresh_from_db()
    assert (person.ended_on, person.end_reasons, person.version) == (None, "", 1)
    assert not AuditEvent.objects.filter(event_type="dispute.acting_for_ended").exists()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ended_on": D(2026, 11, 19)}, ProcessError.DATE_BEFORE_START),
        ({"ended_on": D(2026, 12, 16)}, ProcessError.DATE_IN_FUTURE),
        ({"reasons": ""}, ProcessError.REQUIRED),
    ],
)
def test_ending_needs_a_good_date_and_reasons(world, changes, code):
    person = appoint(world)
    values = {"ended_on": D(2026, 12, 1), "reasons": "Ended.", **changes}
    with pytest.raises(ServiceError) as refused:
        acting_for_end(actor=world["officer"], acting_for=person, version=1, **values)
    assert refused.value.code is code
    person.refresh_from_db()
    assert person.ended_on is None
    assert not AuditEvent.objects.filter(event_type="dispute.acting_for_ended").exists()


def test_only_the_la_ends_an_appointment(world):
    person = appoint(world)
    with pytest.raises(ServiceError) as refused:
        acting_for_end(
            actor=world["alnco"], acting_for=person, version=1, ended_on=TODAY, reasons="No"
        )
    assert refused.value.code is ActingForProblem.NOT_YOURS
    person.refresh_from_db()
    assert person.ended_on is None
