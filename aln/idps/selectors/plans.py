"""Every read of a plan, scoped to the learners the user may see (a forbidden plan is missing)."""

import uuid
from typing import Any

from django.db.models import Prefetch, QuerySet

from aln.cases.selectors import case_parties_for
from aln.common.clock import today
from aln.domain.idp import check_outcome
from aln.domain.plans import (
    AlpProvider,
    ElementFacts,
    IssueBlock,
    PlanFacts,
    check_issue,
)
from aln.domain.process import Party
from aln.idps.models import Element, Idp, IdpVersion, Need, VersionState
from aln.learners.selectors import visibility_filter


def idp_visible_queryset(*, user: Any) -> QuerySet[Idp]:
    return Idp.objects.filter(visibility_filter(user, today(), prefix="learner__"))


def idp_get_for(*, user: Any, idp_id: uuid.UUID | str) -> Idp:
    """One plan, or Idp.DoesNotExist if missing or forbidden (views answer 404)."""
    return (
        idp_visible_queryset(user=user)
        .select_related("case", "learner", "local_authority", "setting")
        .get(pk=idp_id)
    )


def idp_for_case(*, user: Any, case: Any) -> Idp | None:
    return idp_visible_queryset(user=user).filter(case=case).first()


def idp_may_edit(*, user: Any, idp: Idp) -> bool:
    """People acting for the body that maintains the plan write and give it (Party.DECIDER)."""
    return Party.DECIDER in case_parties_for(user=user, case=idp.case)


def version_list(*, idp: Idp) -> list[IdpVersion]:
    return list(idp.versions.select_related("issued_by", "notice").order_by("-number"))


def _with_content(queryset: QuerySet[IdpVersion]) -> QuerySet[IdpVersion]:
    return queryset.select_related("named_school", "issued_by", "notice").prefetch_related(
        Prefetch("needs", queryset=Need.objects.order_by("position", "created_at")),
        Prefetch(
            "elements",
            queryset=Element.objects.select_related("health_board").order_by(
                "position", "created_at"
            ),
        ),
    )


def version_get(*, idp: Idp, number: int) -> IdpVersion:
    """One version of a plan the user can already see, with its needs and elements."""
    return _with_content(idp.versions.all()).get(number=number)


def draft_of(*, idp: Idp) -> IdpVersion | None:
    return _with_content(idp.versions.filter(state=VersionState.DRAFT)).first()


def current_version(*, idp: Idp) -> IdpVersion | None:
    """The version in force: the last one given."""
    return _with_content(idp.versions.filter(state=VersionState.ISSUED)).order_by("-number").first()


def latest_version(*, idp: Idp) -> IdpVersion | None:
    return _with_content(idp.versions.all()).order_by("-number").first()


def plan_facts(version: IdpVersion) -> PlanFacts:
    """A version as the issue check in `aln.domain.plans` reads it."""
    needs = list(version.needs.all())
    described = {need.key for need in needs if need.description.strip()}
    elements = tuple(
        ElementFacts(
            key=element.key,
            outcome=element.outcome,
            provision=element.provision,
            provider=AlpProvider(element.provider) if element.provider else None,
            provider_named=bool(
                element.health_board_id if element.is_nhs else element.provider_name.strip()
            )
            or element.provider
            in (AlpProvider.SCHOOL, AlpProvider.FEI, AlpProvider.LOCAL_AUTHORITY),
            welsh_required=element.welsh_required,
            starts_on=element.starts_on,
            review_or_end_on=element.review_or_end_on,
            linked_needs=len(described.intersection(element.need_keys)),
            outcome_exception=element.outcome_exception,
        )
        for element in version.elements.all()
    )
    return PlanFacts(
        language=outcome_language(version),
        has_profile=any(
            text.strip()
            for text in (
                version.like_and_admire,
                version.important_to_me,
                version.how_to_support_me,
            )
        ),
        needs_described=bool(version.needs_summary.strip() or described),
        elements=elements,
    )


def outcome_language(version: IdpVersion) -> str:
    """The language the outcomes are checked in: Welsh for a Welsh plan, otherwise English."""
    return "cy" if version.language == "cy" else "en"


def issue_blocks(version: IdpVersion) -> tuple[IssueBlock, ...]:
    return check_issue(plan_facts(version))


def outcome_checks(version: IdpVersion) -> dict[str, Any]:
    """The quality check of each element's outcome, by element key (shown beside the outcome)."""
    language = outcome_language(version)
    return {
        element.key: check_outcome(element.outcome, language) for element in version.elements.all()
    }
