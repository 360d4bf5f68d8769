"""Reads for reviews of a plan and requests for a review, scoped to what the user may see."""

import uuid
from typing import Any

from django.db.models import Prefetch, Q

from aln.accounts.models import Membership, User
from aln.common.clock import today
from aln.domain.access import deciding_roles
from aln.domain.cases import DecidingBody
from aln.domain.plans import ReviewRequester
from aln.domain.roles import HEALTH_ROLES, STAFF_ROLES
from aln.idps.models import Idp, RequestState, Review, ReviewProgress, ReviewRequest
from aln.learners.models import FamilyLink
from aln.learners.selectors import visibility_filter

# Requests a family (or their advocate) sees: those made on the family's side.
_FAMILY_REQUESTERS = (
    ReviewRequester.CHILD.value,
    ReviewRequester.PARENT.value,
    ReviewRequester.YOUNG_PERSON.value,
)

# How many open requests the home page lists for their owner.
OWNED_REQUESTS_LIMIT = 20


def review_list(*, idp: Idp) -> list[Review]:
    """The plan's reviews, latest first (the plan is one the user can already see)."""
    return list(idp.reviews.select_related("version", "notice").order_by("-held_on", "-created_at"))


def review_get(*, idp: Idp, review_id: uuid.UUID | str) -> Review:
    """One review of a plan the user can see, with its progress rows; Review.DoesNotExist if it
    is not this plan's."""
    return (
        idp.reviews.select_related("version", "notice", "created_by")
        .prefetch_related(
            Prefetch("progress", queryset=ReviewProgress.objects.order_by("created_at")),
            Prefetch("requests", queryset=ReviewRequest.objects.order_by("received_on")),
        )
        .get(pk=review_id)
    )


def requester_for(*, actor: Any, idp: Idp) -> ReviewRequester | None:
    """Who the person asking is, for this plan: the young person, a parent, or (for health
    staff) an NHS body. None when they have no standing to ask (s.23; spec §13 rule 2)."""
    learner = idp.learner
    if learner.user_id is not None and learner.user_id == actor.pk:
        return ReviewRequester.YOUNG_PERSON
    if FamilyLink.objects.filter(learner_id=learner.pk, family_member__user=actor).exists():
        return ReviewRequester.PARENT
    if any(m.role_enum in HEALTH_ROLES for m in actor.active_memberships):
        return ReviewRequester.NHS_BODY
    return None


def review_request_list_for(*, user: Any, idp: Idp, may_edit: bool) -> list[ReviewRequest]:
    """The requests for a plan the user can see: all of them for staff; a family sees the
    requests made on the family's side, health staff those made by an NHS body, and everyone
    the ones they made themselves."""
    requests = idp.review_requests.select_related("owner", "review").order_by(
        "-received_on", "-created_at"
    )
    roles = {m.role_enum for m in user.active_memberships}
    health_only = roles and roles <= HEALTH_ROLES
    if may_edit or (roles & STAFF_ROLES and not health_only):
        return list(requests)
    side = [ReviewRequester.NHS_BODY.value] if health_only else list(_FAMILY_REQUESTERS)
    return list(requests.filter(Q(requested_by__in=side) | Q(created_by=user)))


def review_request_get(*, idp: Idp, request_id: uuid.UUID | str) -> ReviewRequest:
    """One request for a plan the user can see; ReviewRequest.DoesNotExist if not this plan's."""
    return idp.review_requests.select_related("owner", "idp__case").get(pk=request_id)


def open_review_requests(*, idp: Idp) -> list[ReviewRequest]:
    return list(idp.review_requests.filter(state=RequestState.OPEN).order_by("received_on"))


def review_request_owner_choices(*, idp: Idp) -> list[User]:
    """The people who may own a request: everyone acting for the body maintaining the plan."""
    case = idp.case
    decided_by_la = case.deciding_body == DecidingBody.LOCAL_AUTHORITY.value
    memberships = Membership.objects.filter(
        is_active=True,
        role__in=[role.value for role in deciding_roles(decided_by_la=decided_by_la)],
    )
    if decided_by_la:
        memberships = memberships.filter(local_authority_id=case.local_authority_id)
    elif case.setting_id is not None:
        memberships = memberships.filter(setting_id=case.setting_id)
    else:
        return []
    return list(
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by(
            "full_name"
        )
    )


def review_requests_owned_by(*, user: Any) -> list[ReviewRequest]:
    """Open requests for a review that the user owns, on plans they can still see (one query:
    the home page's task list)."""
    return list(
        ReviewRequest.objects.filter(owner_id=user.pk, state=RequestState.OPEN)
        .filter(visibility_filter(user, today(), prefix="idp__learner__"))
        .select_related("idp__learner")
        .order_by("received_on", "created_at")[:OWNED_REQUESTS_LIMIT]
    )
