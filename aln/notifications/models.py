from django.db import models

from aln.common.models import enum_check
from aln.domain.notifications import OutboxStatus


class OutboxMessage(models.Model):
    """An email waiting to be sent, or sent: nothing is lost while the mail server is down.

    Rows are written in the same transaction as the change that causes them, so a rolled-back
    change sends nothing. `dedupe_key` makes queueing idempotent: queueing the same reminder twice
    leaves one row.
    """

    id = models.BigAutoField(primary_key=True)
    dedupe_key = models.CharField(max_length=200, unique=True)
    to_email = models.EmailField()
    language = models.CharField(max_length=2)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(
        max_length=10,
        choices=[(s.value, s.value) for s in OutboxStatus],
        default=OutboxStatus.PENDING.value,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    send_after = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [enum_check("status", OutboxStatus)]
        indexes = [models.Index(fields=["status", "send_after"])]

    def __str__(self) -> str:
        return f"{self.dedupe_key} -> {self.to_email}"
