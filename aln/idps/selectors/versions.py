"""Reads for the plan pages and the editor: a version's appendices, one appendix, and the review
period on the plan's case. The plan itself comes from `idp_get_for` (already scoped)."""

import uuid
from typing import Any

from django.db.models import Q

from aln.deadlines.models import Deadline
from aln.deadlines.selectors.deadlines import deadline_list_for_case
from aln.domain.deadlines import DeadlineState
from aln.domain.plans import REVIEW_RULE
from aln.idps.models import Attachment, Element, Idp, IdpVersion, Need


def attachments_of(*, idp: Idp, number: int) -> list[Attachment]:
    """The appendices that are part of version `number`: added in it or before, and not removed
    in it or before."""
    return list(
        idp.attachments.filter(added_in__lte=number)
        .filter(Q(removed_in__isnull=True) | Q(removed_in__gt=number))
        .order_by("added_in", "created_at")
    )


def attachment_get(*, idp: Idp, attachment_id: uuid.UUID | str) -> Attachment:
    """One appendix of a plan the user can already see (Attachment.DoesNotExist otherwise)."""
    return idp.attachments.select_related("idp").get(pk=attachment_id)


def next_review_for(*, user: Any, idp: Idp) -> Deadline | None:
    """The open review deadline on the plan's case (rule `idp-review`), if there is one."""
    return (
        deadline_list_for_case(user=user, case_id=idp.case_id)
        .filter(rule_id=REVIEW_RULE, state=DeadlineState.OPEN.value)
        .first()
    )


def need_in_draft(*, draft: IdpVersion, need_id: uuid.UUID | str) -> Need | None:
    return draft.needs.filter(pk=need_id).first()


def element_in_draft(*, draft: IdpVersion, element_id: uuid.UUID | str) -> Element | None:
    return draft.elements.select_related("health_board").filter(pk=element_id).first()


def version_numbers(*, idp: Idp) -> list[int]:
    return list(idp.versions.order_by("number").values_list("number", flat=True))
