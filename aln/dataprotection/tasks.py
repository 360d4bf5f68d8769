"""Background task of data protection (ADR 0004): thin, idempotent, calls one service."""

from django_tasks import task

from aln.dataprotection.services import retention_review_notify


@task()
def retention_review_notify_task() -> int:
    """Email each authority's data protection officers how many learners' records are past their
    retention period (weekly; once per ISO week whatever the interval)."""
    return retention_review_notify()
