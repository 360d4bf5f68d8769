"""Every read of a case, scoped to the learners the user may see."""

import uuid
from typing import Any

from django.db.models import QuerySet

from aln.cases.models import Case
from aln.common.clock import today
from aln.learners.selectors import visibility_filter


def case_visible_queryset(*, user: Any) -> QuerySet[Case]:
    return Case.objects.filter(visibility_filter(user, today(), prefix="learner__"))


def case_get_for(*, user: Any, case_id: uuid.UUID | str) -> Case:
    """One case, or Case.DoesNotExist if missing or forbidden (views answer 404)."""
    return (
        case_visible_queryset(user=user)
        .select_related("learner", "local_authority", "setting", "owner")
        .get(pk=case_id)
    )
