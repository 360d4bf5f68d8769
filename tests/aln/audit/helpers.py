"""Audit events written the way services write them, at a chosen moment and request."""

from contextlib import contextmanager

import time_machine

from aln.audit.services import audit_record
from aln.common.request_context import current_request_id


@contextmanager
def request_id(value: str):
    token = current_request_id.set(value)
    try:
        yield
    finally:
        current_request_id.reset(token)


def event(
    subject,
    *,
    authority=None,
    event_type="learner.viewed",
    actor=None,
    reason="",
    changes=None,
    at=None,
    request="",
):
    """One audit event about `subject` in `authority` (None: an account event), at `at`."""

    def write():
        with request_id(request):
            return audit_record(
                actor=actor,
                event_type=event_type,
                subject=subject,
                local_authority_id=authority.pk if authority is not None else None,
                changes=changes,
                reason=reason,
            )

    if at is None:
        return write()
    with time_machine.travel(at, tick=False):
        return write()
