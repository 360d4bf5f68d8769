"""Background tasks of the statutory clock (ADR 0004): thin, idempotent, each calls one service."""

from django_tasks import task

from aln.deadlines.services.reminders import deadline_reminders_queue


@task()
def deadline_reminders_queue_task() -> int:
    """Queue today's reminders and missed-deadline emails (hourly: queueing is idempotent)."""
    return deadline_reminders_queue()
