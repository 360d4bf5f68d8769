"""Reminder and missed-deadline emails: queued once, to the right person, in their language."""

import datetime

import pytest
import time_machine

from aln.deadlines.services.reminders import deadline_reminders_queue
from aln.deadlines.tasks import deadline_reminders_queue_task
from aln.notifications.models import OutboxMessage
from aln.notifications.services import outbox_send_pending
from tests.factories import CaseFactory, DeadlineFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
REMIND_ON, DUE_ON = D("2026-11-23"), D("2026-11-30")


def _deadline(owner=None, **values):
    values = {"due_on": DUE_ON, "reminder_on": REMIND_ON, **values}
    return DeadlineFactory(owner=owner or UserFactory(), **values)


def test_no_reminder_before_the_reminder_day():
    _deadline()
    assert deadline_reminders_queue(today=REMIND_ON - datetime.timedelta(days=1)) == 0
    assert not OutboxMessage.objects.exists()


def test_a_reminder_is_queued_on_the_reminder_day_without_the_childs_name():
    deadline = _deadline()
    learner = deadline.case.learner

    assert deadline_reminders_queue(today=REMIND_ON) == 1

    message = OutboxMessage.objects.get()
    assert message.dedupe_key == f"deadline-reminder:{deadline.pk}:2026-11-30"
    assert message.to_email == deadline.owner.email
    assert message.language == "en"
    assert message.status == "pending"
    reference = deadline.case.reference
    assert message.subject == f"Reminder: a deadline on case {reference} is due on 30 November 2026"
    assert "School decides whether the learner has ALN (35 school days)" in message.body
    assert "It is due in 7 days." in message.body
    assert f"http://127.0.0.1:8000/cases/{deadline.case_id}/" in message.body
    for text in (message.subject, message.body):
        assert learner.first_name not in text
        assert learner.last_name not in text


def test_queueing_again_sends_nothing_twice():
    _deadline()
    assert deadline_reminders_queue(today=REMIND_ON) == 1
    assert deadline_reminders_queue(today=REMIND_ON) == 0
    assert deadline_reminders_queue(today=REMIND_ON + datetime.timedelta(days=1)) == 0
    assert OutboxMessage.objects.count() == 1


def test_a_reminder_is_still_queued_late_if_the_worker_was_down():
    _deadline()
    assert deadline_reminders_queue(today=DUE_ON) == 1
    assert "It is due today." in OutboxMessage.objects.get().body


def test_one_day_left_is_singular():
    _deadline()
    deadline_reminders_queue(today=DUE_ON - datetime.timedelta(days=1))
    assert "It is due in 1 day." in OutboxMessage.objects.get().body


def test_a_moved_due_date_gets_a_new_reminder():
    deadline = _deadline()
    deadline_reminders_queue(today=REMIND_ON)
    deadline.due_on = D("2026-12-07")
    deadline.save()

    assert deadline_reminders_queue(today=REMIND_ON) == 1

    assert sorted(OutboxMessage.objects.values_list("dedupe_key", flat=True)) == [
        f"deadline-reminder:{deadline.pk}:2026-11-30",
        f"deadline-reminder:{deadline.pk}:2026-12-07",
    ]


def test_a_missed_email_is_queued_the_day_after_the_due_date():
    deadline = _deadline()
    assert deadline_reminders_queue(today=DUE_ON) == 1  # the reminder, not a miss
    assert deadline_reminders_queue(today=DUE_ON + datetime.timedelta(days=1)) == 1

    missed = OutboxMessage.objects.get(dedupe_key__startswith="deadline-missed:")
    assert missed.dedupe_key == f"deadline-missed:{deadline.pk}:2026-11-30"
    reference = deadline.case.reference
    assert (
        missed.subject
        == f"A deadline on case {reference} was missed: it was due on 30 November 2026"
    )
    assert "That was 1 day ago." in missed.body
    assert "record on the case page why the deadline was missed" in missed.body
    assert f"/cases/{deadline.case_id}/" in missed.body
    assert deadline_reminders_queue(today=DUE_ON + datetime.timedelta(days=2)) == 0


def test_misses_older_than_the_catch_up_window_are_left_to_the_dashboard():
    _deadline()
    assert deadline_reminders_queue(today=DUE_ON + datetime.timedelta(days=15)) == 0
    assert deadline_reminders_queue(today=DUE_ON + datetime.timedelta(days=14)) == 1
    assert "That was 14 days ago." in OutboxMessage.objects.get().body


def test_no_missed_email_once_the_reason_is_recorded():
    _deadline(missed_reason="beyond_control")
    assert deadline_reminders_queue(today=DUE_ON + datetime.timedelta(days=1)) == 0


def test_a_welsh_speaker_is_written_to_in_welsh():
    deadline = _deadline(owner=UserFactory(preferred_language="cy"))
    deadline_reminders_queue(today=REMIND_ON)
    message = OutboxMessage.objects.get()
    assert message.language == "cy"
    assert "30 Tachwedd 2026" in message.subject  # the date is written in Welsh
    assert "November" not in message.subject + message.body
    assert f"/cases/{deadline.case_id}/" in message.body


@pytest.mark.parametrize("state", ["met", "closed"])
def test_no_email_for_deadlines_that_are_done_or_closed(state):
    _deadline(state=state, met_on=REMIND_ON if state == "met" else None)
    assert deadline_reminders_queue(today=REMIND_ON) == 0
    assert deadline_reminders_queue(today=DUE_ON + datetime.timedelta(days=1)) == 0


def test_no_email_without_a_due_date():
    _deadline(due_on=None, reminder_on=None)
    assert deadline_reminders_queue(today=REMIND_ON) == 0


def test_the_case_owner_is_reminded_when_the_deadline_has_no_owner_who_can_be():
    case_owner = UserFactory()
    DeadlineFactory(
        case=CaseFactory(owner=case_owner),
        owner=None,
        due_on=DUE_ON,
        reminder_on=REMIND_ON,
    )
    DeadlineFactory(
        case=CaseFactory(owner=case_owner),
        owner=UserFactory(is_active=False),
        due_on=DUE_ON,
        reminder_on=REMIND_ON,
    )
    assert deadline_reminders_queue(today=REMIND_ON) == 2
    assert set(OutboxMessage.objects.values_list("to_email", flat=True)) == {case_owner.email}


def test_no_email_when_nobody_active_owns_the_deadline():
    DeadlineFactory(owner=None, due_on=DUE_ON, reminder_on=REMIND_ON)
    DeadlineFactory(
        case=CaseFactory(owner=UserFactory(is_active=False)),
        owner=UserFactory(is_active=False),
        due_on=DUE_ON,
        reminder_on=REMIND_ON,
    )
    assert deadline_reminders_queue(today=REMIND_ON) == 0


def test_queries_do_not_grow_with_the_number_of_deadlines(django_assert_max_num_queries):
    for _ in range(20):
        _deadline()
        _deadline(due_on=REMIND_ON - datetime.timedelta(days=2))  # missed
    with django_assert_max_num_queries(6):
        assert deadline_reminders_queue(today=REMIND_ON) == 40


@time_machine.travel(datetime.datetime(2026, 11, 23, 7, 0, tzinfo=datetime.UTC), tick=False)
def test_the_task_queues_todays_reminders():
    _deadline()
    result = deadline_reminders_queue_task.enqueue()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 1
    assert OutboxMessage.objects.count() == 1


def test_emails_wait_for_the_start_of_the_working_day():
    _deadline()
    just_after_midnight = datetime.datetime(2026, 11, 23, 0, 30, tzinfo=datetime.UTC)
    seven = datetime.datetime(2026, 11, 23, 7, 0, tzinfo=datetime.UTC)  # GMT in November
    with time_machine.travel(just_after_midnight, tick=False):
        deadline_reminders_queue()
        assert OutboxMessage.objects.get().send_after == seven
        assert outbox_send_pending() == (0, 0)
    with time_machine.travel(seven, tick=False):
        assert outbox_send_pending() == (1, 0)
