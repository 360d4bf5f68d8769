"""The periodic jobs: `schedule_run` enqueues them; the tasks call their services."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from aln.common.management.commands import schedule_run
from aln.config.schedule import JOBS
from aln.notifications.models import OutboxMessage
from aln.notifications.services import outbox_queue
from aln.notifications.tasks import outbox_send_pending_task
from tests.factories import DeadlineFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def _pending_email():
    outbox_queue(
        dedupe_key="welcome", to_email="a@example.org", language="en", subject="S", body="B"
    )


def _deadline_to_remind_today():
    return DeadlineFactory(
        owner=UserFactory(),
        due_on=datetime.date(2026, 11, 30),
        reminder_on=datetime.date(2026, 11, 23),
    )


@pytest.fixture
def finished_tasks():
    names = []

    def record(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_finished.connect(record)
    yield names
    task_finished.disconnect(record)


def test_every_job_names_a_task_and_has_a_unique_name():
    assert len({job.name for job in JOBS}) == len(JOBS)
    for job in JOBS:
        assert callable(getattr(schedule_run.import_string(job.task), "enqueue", None)), job.task
        assert job.interval > datetime.timedelta(0)


def test_the_outbox_task_sends_what_is_due():
    _pending_email()
    result = outbox_send_pending_task.enqueue()
    assert result.return_value == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 1


@time_machine.travel(NOW, tick=False)
def test_schedule_run_runs_every_job_once():
    _pending_email()
    deadline = _deadline_to_remind_today()

    call_command("schedule_run", stdout=io.StringIO())

    assert len(mail.outbox) == 1  # the outbox job sent the waiting email
    assert OutboxMessage.objects.get(dedupe_key="welcome").status == "sent"
    # ... and the reminders job queued today's reminder for the next run of the outbox job.
    reminder = OutboxMessage.objects.get(dedupe_key__startswith="deadline-reminder:")
    assert reminder.to_email == deadline.owner.email
    assert reminder.status == "pending"


@time_machine.travel(NOW, tick=False)
def test_schedule_run_can_run_only_the_jobs_named():
    _pending_email()
    _deadline_to_remind_today()
    call_command("schedule_run", "outbox-send", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert not OutboxMessage.objects.filter(dedupe_key__startswith="deadline-").exists()


def test_an_unknown_job_is_refused():
    with pytest.raises(CommandError, match="Unknown job nightly"):
        call_command("schedule_run", "nightly")


def test_the_loop_enqueues_each_job_when_its_interval_has_passed(monkeypatch, finished_tasks):
    clock = {"now": 1000.0}
    sleeps = []

    def fake_sleep(seconds):
        if len(sleeps) == 60:
            raise KeyboardInterrupt  # Ctrl+C (or the end of `make run`)
        sleeps.append(seconds)
        clock["now"] += seconds

    monkeypatch.setattr(schedule_run, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(schedule_run, "sleep", fake_sleep)

    out = io.StringIO()
    call_command("schedule_run", "--loop", stdout=out)
    assert out.getvalue().endswith("Scheduler stopped.\n")

    assert set(sleeps) == {60.0}  # woken only when a job is due: every minute
    # An hour of minutes: the outbox at 0, 1, ... 60 minutes; reminders at 0 and 60 minutes.
    assert finished_tasks.count("outbox_send_pending_task") == 61
    assert finished_tasks.count("deadline_reminders_queue_task") == 2


def test_the_loop_tries_again_soon_when_the_database_refuses(monkeypatch):
    clock = {"now": 0.0}
    sleeps, enqueued = [], []

    def fake_sleep(seconds):
        if len(sleeps) == 2:
            raise KeyboardInterrupt
        sleeps.append(seconds)
        clock["now"] += seconds

    def flaky_enqueue(self, job):
        if job.name == "deadline-reminders" and "refused" not in enqueued:
            enqueued.append("refused")
            raise OperationalError("database is locked")
        enqueued.append(job.name)

    monkeypatch.setattr(schedule_run, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(schedule_run, "sleep", fake_sleep)
    monkeypatch.setattr(schedule_run.Command, "_enqueue", flaky_enqueue)

    call_command("schedule_run", "--loop", stdout=io.StringIO())

    assert sleeps == [schedule_run.RETRY_SECONDS, 60.0 - schedule_run.RETRY_SECONDS]
    assert enqueued == [
        "outbox-send",
        "refused",
        "retention-review",
        "deadline-reminders",
        "outbox-send",
    ]


def test_a_job_already_waiting_in_the_database_queue_is_not_added_again(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("schedule_run", stdout=io.StringIO())
    call_command("schedule_run", stdout=io.StringIO())
    paths = sorted(DBTaskResult.objects.ready().values_list("task_path", flat=True))
    assert paths == sorted(job.task for job in JOBS)
