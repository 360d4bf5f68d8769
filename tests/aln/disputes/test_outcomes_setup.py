"""Shared set-up for the tests of the LA's answers (imported by test_outcomes.py and
test_outcomes_views.py): the request tests' school, LA, child and parent on a fixed Wednesday,
and open requests on every route about decisions and plans built as the services leave them."""

import pytest

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.deadlines.models import Deadline
from aln.deadlines.services.deadlines import deadline_open
from aln.disputes.models import LaRequest
from aln.disputes.services.requests import la_request_record
from aln.domain.disagreements import Requester, Route
from aln.idps.models import Idp, IdpVersion
from aln.notices.models import Notice
from aln.notifications.models import OutboxMessage
from tests.aln.disputes.test_requests_setup import (
    TODAY,
    D,
    _on_a_wednesday_in_term,
    ceased_plan,
    learner,
    officer,
    parent,
    school_alnco,
    school_decision,
    school_plan,
    terms,
)
from tests.factories import ElementFactory, IdpVersionFactory, NeedFactory

RECEIVED_ON = D("2026-11-16")  # a Monday: the request reached the LA
DECIDED_ON = D("2026-11-23")
GIVEN_ON = TODAY  # Wednesday 25 November 2026
PLAN_GIVEN_ON = D("2026-01-12")  # the school's plan: its review period runs to 12 January 2027

__all__ = [
    "DECIDED_ON",
    "GIVEN_ON",
    "PLAN_GIVEN_ON",
    "RECEIVED_ON",
    "TODAY",
    "D",
    "_documents",
    "_on_a_wednesday_in_term",
    "learner",
    "officer",
    "parent",
    "request_on",
    "school_alnco",
    "snapshot",
    "terms",
    "with_plan",
]


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path


def with_plan(learner, actor, **values):
    """A plan the school maintains, first given on 12 January 2026 (version 1, with a need and
    an element, so a revision of it can be given), its review period running."""
    idp = school_plan(learner, review_period_started_on=PLAN_GIVEN_ON, **values)
    version = IdpVersionFactory(idp=idp, number=1, state="draft")
    need = NeedFactory(version=version)
    ElementFactory(version=version, need_keys=[need.key])
    IdpVersion.objects.filter(pk=version.pk).update(state="issued", issued_on=PLAN_GIVEN_ON)
    Case.objects.filter(pk=idp.case_id).update(
        outcome="has_aln", deciding_body="school", idp_preparer="school"
    )
    if idp.case.stage == "maintaining":
        deadline_open(actor=actor, case=idp.case, rule_id="idp-review", started_on=PLAN_GIVEN_ON)
    return Idp.objects.select_related("case").get(pk=idp.pk)


def request_on(route: Route, case, actor, *, requester=Requester.PARENT, received_on=RECEIVED_ON):
    """An open request recorded by the LA as it arrived by post (its clock running)."""
    return la_request_record(
        actor=actor,
        case=case,
        route=route,
        requester=requester,
        requester_name="Siân Prys",
        received_on=received_on,
        details="We disagree with the school.",
    )


def a_case(kind: str, learner, actor):
    """The case a request on each route is about, as the school left it."""
    if kind == "no_aln":
        case = school_decision(learner)
        Case.objects.filter(pk=case.pk).update(closed_because="notice_given")
        return Case.objects.get(pk=case.pk)
    if kind == "idp_due":
        return school_decision(learner, outcome="has_aln")
    if kind == "plan":
        return with_plan(learner, actor).case
    if kind == "ceased":
        idp = ceased_plan(learner, closes_on=D("2026-11-30"))
        IdpVersionFactory(idp=idp, number=1, state="issued", issued_on=PLAN_GIVEN_ON)
        Idp.objects.filter(pk=idp.pk).update(review_period_started_on=PLAN_GIVEN_ON)
        return Case.objects.get(pk=idp.case_id)
    raise ValueError(kind)


def snapshot():
    """Everything a refused answer must leave as it was."""
    return {
        "requests": list(
            LaRequest.objects.order_by("pk").values_list(
                "pk", "status", "version", "outcome", "decided_on", "notice", "closed_on"
            )
        ),
        "cases": list(
            Case.objects.order_by("pk").values_list(
                "pk", "stage", "version", "outcome", "deciding_body", "closed_on"
            )
        ),
        "plans": list(
            Idp.objects.order_by("pk").values_list("pk", "maintained_by", "ceased_on", "setting")
        ),
        "versions": IdpVersion.objects.count(),
        "deadlines": list(Deadline.objects.order_by("pk").values_list("pk", "state", "met_on")),
        "notices": Notice.objects.count(),
        "events": AuditEvent.objects.count(),
        "outbox": OutboxMessage.objects.count(),
    }
