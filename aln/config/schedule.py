"""Every periodic job, as data (ADR 0004). The django-tasks backport has no scheduler.

`manage.py schedule_run` enqueues jobs for the worker (`manage.py db_worker`) to run:

- with cron or a systemd timer (production), one line per job at its interval, e.g.::

    * * * * *  cd /srv/aln && .venv/bin/python manage.py schedule_run outbox-send
    7 * * * *  cd /srv/aln && .venv/bin/python manage.py schedule_run deadline-reminders
    30 6 * * 1 cd /srv/aln && .venv/bin/python manage.py schedule_run retention-review

  (`schedule_run` with no names enqueues every job once);
- with `schedule_run --loop` (the embedded mode, started by `make run`), which stays running and
  enqueues each job whenever its interval has passed.

Every job must be idempotent: a job enqueued twice, or run late, does no harm.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # import path of a `django_tasks` task that takes no arguments
    interval: datetime.timedelta


JOBS: tuple[Job, ...] = (
    # Send the emails that are due; failures are retried with backoff.
    Job(
        name="outbox-send",
        task="aln.notifications.tasks.outbox_send_pending_task",
        interval=datetime.timedelta(minutes=1),
    ),
    # Queue deadline reminders and missed-deadline emails (idempotent, so hourly is safe and a
    # new day's reminders go out within the hour).
    Job(
        name="deadline-reminders",
        task="aln.deadlines.tasks.deadline_reminders_queue_task",
        interval=datetime.timedelta(hours=1),
    ),
    # Tell each LA's data protection officers how many learners' records are past their retention
    # period (a count, no names). Keyed by ISO week, so running it more often sends nothing twice.
    Job(
        name="retention-review",
        task="aln.dataprotection.tasks.retention_review_notify_task",
        interval=datetime.timedelta(weeks=1),
    ),
)
