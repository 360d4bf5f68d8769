"""Background tasks of the outbox (ADR 0004): thin, idempotent, each calls one service."""

from django_tasks import task

from aln.notifications.services import outbox_send_pending


@task()
def outbox_send_pending_task() -> dict[str, int]:
    """Send the emails that are due (every minute, `aln/config/schedule.py`)."""
    sent, failed = outbox_send_pending()
    return {"sent": sent, "failed": failed}
