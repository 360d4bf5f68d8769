"""Shared set-up for the request tests (imported by test_requests.py and test_requests_views.py):
a school and its LA on a fixed Wednesday, a child at the school with a parent who signs in, the
LA's officers, and the decisions and plans a request can be about, built as the services leave
them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.audit.models import AuditEvent
from aln.deadlines.models import Deadline
from aln.disputes.models import LaRequest
from aln.notifications.models import OutboxMessage
from tests.factories import (
    CalendarTermFactory,
    CaseFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    IdpFactory,
    MembershipFactory,
    NoticeFactory,
)

D = datetime.date.fromisoformat
TODAY = D("2026-11-25")  # a Wednesday in term
DECIDED_ON = D("2026-11-09")
CLOSES_ON = D("2026-11-30")

# The fixtures, for `from ... import *` in the test modules that use them.
__all__ = [
    "_on_a_wednesday_in_term",
    "colleague",
    "learner",
    "officer",
    "parent",
    "school_alnco",
    "terms",
]


@pytest.fixture(autouse=True)
def _on_a_wednesday_in_term():
    noon = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture
def terms(authority):
    return CalendarTermFactory(
        local_authority=authority, starts_on=D("2026-09-01"), ends_on=D("2027-07-21")
    )


@pytest.fixture
def learner(school, terms):
    return EnrolmentFactory(
        setting=school,
        learner__home_local_authority=school.local_authority,
        learner__first_name="Cai",
        learner__last_name="Zebedee-Prys",
    ).learner


@pytest.fixture
def officer(authority):
    """An LA ALN officer (not signed in: service tests act as them directly)."""
    return MembershipFactory(role="la_aln_officer", local_authority=authority).user


@pytest.fixture
def colleague(authority):
    return MembershipFactory(
        role="la_aln_manager",
        local_authority=authority,
        user__email="manager@la.example",
        user__preferred_language="cy",
    ).user


@pytest.fixture
def school_alnco(school):
    return MembershipFactory(role="alnco", setting=school, user__email="alnco@school.example").user


@pytest.fixture
def parent(learner):
    user = MembershipFactory(role="parent", user__email="mam@example.org").user
    FamilyLinkFactory(
        learner=learner, family_member=FamilyMemberFactory(user=user, email="mam@example.org")
    )
    return user


def school_decision(
    learner, *, outcome="no_aln", decided_on=DECIDED_ON, deciding_body="school", notice=True
):
    """A school's decision on ALN with its notice given (the case closed on "no ALN")."""
    case = CaseFactory(
        learner=learner,
        local_authority=learner.home_local_authority,
        setting=learner.enrolments.get().setting,
        deciding_body=deciding_body,
        stage="closed" if outcome == "no_aln" else "idp_due",
        closed_on=decided_on if outcome == "no_aln" else None,
        outcome=outcome,
        decided_on=decided_on,
        reasons="Progress is good with the support every pupil gets.",
    )
    if notice:
        NoticeFactory(case=case, kind=outcome, given_on=decided_on)
    return case


def school_plan(learner, *, stage="maintaining", **values):
    """A plan the school maintains, first given on 12 January 2026."""
    setting = learner.enrolments.get().setting
    idp = IdpFactory(
        case__learner=learner,
        case__local_authority=learner.home_local_authority,
        case__setting=setting,
        case__stage=stage,
        case__decided_on=D("2025-12-01"),
        first_given_on=D("2026-01-12"),
        **values,
    )
    NoticeFactory(case=idp.case, kind="has_aln", given_on=D("2025-12-01"))
    return idp


def ceased_plan(learner, *, closes_on=CLOSES_ON, ground="no_longer_aln"):
    """A school's decision to cease its plan, given on 2 November 2026: the s.32 window's last
    day is `closes_on`."""
    return school_plan(
        learner,
        stage="closed",
        case__closed_on=D("2026-11-02"),
        case__closed_because="plan_ceased",
        ceased_on=D("2026-11-02"),
        cease_ground=ground,
        cease_reasons="No longer needs provision beyond what others get.",
        reconsideration_closes_on=closes_on,
    )


def snapshot():
    """What a refusal must leave as it was."""
    return {
        "requests": list(
            LaRequest.objects.order_by("pk").values_list(
                "pk",
                "status",
                "version",
                "representations",
                "representations_invited_on",
                "duty_exception",
                "closed_on",
            )
        ),
        "deadlines": list(Deadline.objects.order_by("pk").values_list("pk", "state", "met_on")),
        "events": AuditEvent.objects.count(),
        "outbox": OutboxMessage.objects.count(),
    }
