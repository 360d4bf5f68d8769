"""The learner file: every kind of record about a learner, and how each reaches the learner.

One list, read by the subject access export (what is held), the retention list (what would be
erased) and the erasure (what is erased), so the three always agree.
`tests/aln/dataprotection/test_learner_file.py` walks every installed model and fails if one that
reaches `Learner` through foreign keys is missing here (and not in its commented exclusion list),
so a new kind of record cannot be silently left out of an export or left behind by an erasure.
"""

import functools
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, Q


@dataclass(frozen=True)
class Section:
    """One kind of record: its key in `learner.json`, its model and its paths to the learner.

    `paths` are lookups from the model to the learner's id; a record belongs to the learner if
    any of them matches (a notice names its learner and its case, which names the learner too).
    The first path is used to count records per learner.

    `shared_through`: a record several learners may share (a parent of two children) names the
    relation that links it to them; erasing one learner's file erases it only once no learner is
    linked to it any more.
    """

    key: str
    model_label: str
    paths: tuple[str, ...]
    shared_through: str = ""

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def rows_for(self, learner_ids: Iterable[object]) -> models.QuerySet:
        """The section's rows about any of these learners (no model's own manager rules apply:
        a notice's manager refuses deletes, but erasure under retention is the one exception)."""
        ids = list(learner_ids)
        condition = Q(pk__in=[])
        for path in self.paths:
            condition |= Q(**{f"{path}__in": ids})
        manager = self.model._base_manager
        # A subquery on the primary key: a path through a reverse relation (a family member's
        # links) must not repeat a row.
        return manager.filter(pk__in=manager.filter(condition).values("pk"))


SECTIONS: tuple[Section, ...] = (
    Section("learner", "learners.Learner", ("pk",)),
    Section("family_links", "learners.FamilyLink", ("learner",)),
    Section("family_members", "learners.FamilyMember", ("links__learner",), shared_through="links"),
    Section("enrolments", "learners.Enrolment", ("learner",)),
    Section("access_grants", "learners.LearnerAccessGrant", ("learner",)),
    Section("cases", "cases.Case", ("learner",)),
    Section("evidence", "cases.Evidence", ("case__learner",)),
    Section("views", "cases.Views", ("case__learner",)),
    Section("advice_requests", "cases.AdviceRequest", ("case__learner",)),
    Section("nhs_referrals", "cases.NhsReferral", ("case__learner",)),
    Section("meetings", "cases.Meeting", ("case__learner",)),
    Section("deadlines", "deadlines.Deadline", ("case__learner",)),
    Section("notices", "notices.Notice", ("learner", "case__learner")),
    Section("idps", "idps.Idp", ("learner", "case__learner")),
    Section("idp_versions", "idps.IdpVersion", ("idp__learner",)),
    Section("idp_needs", "idps.Need", ("version__idp__learner",)),
    Section("idp_elements", "idps.Element", ("version__idp__learner",)),
    Section("idp_attachments", "idps.Attachment", ("idp__learner",)),
    Section("idp_reviews", "idps.Review", ("idp__learner",)),
    Section("idp_review_progress", "idps.ReviewProgress", ("review__idp__learner",)),
    Section("idp_review_requests", "idps.ReviewRequest", ("idp__learner",)),
    Section("idp_transfers", "idps.Transfer", ("idp__learner",)),
    Section("la_requests", "disputes.LaRequest", ("learner", "case__learner")),
    Section("appeals", "disputes.Appeal", ("learner", "case__learner")),
    Section("tribunal_orders", "disputes.TribunalOrder", ("appeal__learner",)),
    Section("support_referrals", "disputes.SupportReferral", ("learner", "case__learner")),
    Section("capacity_records", "disputes.CapacityRecord", ("learner",)),
    Section("acting_for", "disputes.ActingFor", ("learner",)),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}

# The sections whose rows carry a stored file (`file`), and the folder each goes in.
DOCUMENT_SECTIONS = {"notices": "notices", "idp_attachments": "plan-attachments"}
# Plan attachments may be erased before the rest of the file (documents' own period, ADR 0017);
# notice PDFs stay with their notice, the evidence of what the family was told (ADR 0008).
EARLY_ERASABLE_DOCUMENTS = "idp_attachments"


def counts_by_learner(learner_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
    """How many records of each section each learner has (one query per section)."""
    counts: dict[uuid.UUID, dict[str, int]] = {pk: {} for pk in learner_ids}
    for section in SECTIONS:
        path = section.paths[0]
        rows = (
            section.rows_for(learner_ids)
            .values(path)
            .annotate(n=Count("pk", distinct=True))
            .values_list(path, "n")
            .order_by()
        )
        for learner_id, number in rows:
            if learner_id in counts:
                counts[learner_id][section.key] = number
    return counts


@functools.cache
def deletion_order() -> tuple[Section, ...]:
    """The sections in an order that deletes every record before the records it points to, so
    no `on_delete=PROTECT` foreign key is ever left pointing at a deleted row."""
    remaining = list(SECTIONS)
    ordered: list[Section] = []
    while remaining:
        models_left = {section.model for section in remaining}
        ready = [
            section
            for section in remaining
            if not any(
                _points_to(other.model, section.model)
                for other in remaining
                if other is not section and other.model in models_left
            )
        ]
        if not ready:  # pragma: no cover (a cycle; the learner file has none)
            raise RuntimeError("The learner file's foreign keys form a cycle")
        ordered.extend(ready)
        remaining = [section for section in remaining if section not in ready]
    return tuple(ordered)


def _points_to(source: type[models.Model], target: type[models.Model]) -> bool:
    return any(
        field.is_relation and field.related_model is target
        for field in source._meta.concrete_fields
    )


def is_user_field(field: models.Field) -> bool:
    """A foreign key to a person's account (who created, owns or decided a record)."""
    related = getattr(field, "related_model", None)
    return related is not None and related._meta.label == settings.AUTH_USER_MODEL
