"""Shared set-up for the appeal and order tests (imported by test_appeals*.py and test_orders*.py):
a child in the Demo Test County on a fixed Wednesday, 10 February 2027, the decisions an appeal
can be about (the LA's, a school's, a college's, the LA's answer to a request), given in notices,
and the LA's officers.

The worked example for the appeal period (ETW Regs reg 10; spec T14): a notice given on Monday
23 November 2026 starts 8 weeks that end on Sunday 17 January 2027, so the Tribunal must receive
the appeal by Monday 18 January 2027, the first working day after. A referral to disagreement
resolution on or before 17 January extends the period to 16 weeks: the last day becomes Monday
15 March 2027.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.audit.models import AuditEvent
from aln.disputes.services.appeals import appeal_record
from aln.domain.disagreements import Appellant
from tests.factories import (
    AppealFactory,
    CaseFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NoticeFactory,
    SettingFactory,
)

D = datetime.date.fromisoformat
TODAY = D("2027-02-10")  # a Wednesday
GIVEN = D("2026-11-23")  # a Monday: the 8 weeks end on Sunday 17 January 2027
LAST_DAY = D("2027-01-18")  # the first working day after the 8 weeks
EXTENDED_LAST_DAY = D("2027-03-15")  # after 16 weeks (a timely s.68 referral)
IN_TIME = D("2027-01-05")
LATE = D("2027-01-19")

# The fixtures, for `from tests.aln.disputes.test_appeals_setup import *` (the autouse ones too).
__all__ = [
    "_documents",
    "_on_a_wednesday",
    "colleague",
    "fei_notice",
    "la_case",
    "la_notice",
    "learner",
    "officer",
    "other_officer",
    "other_parent",
    "parent",
    "school_notice",
]


@pytest.fixture(autouse=True)
def _on_a_wednesday():
    noon = datetime.datetime(2027, 2, 10, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path


@pytest.fixture
def learner(authority):
    """A child (born 2016) living in the LA."""
    return LearnerFactory(
        home_local_authority=authority, first_name="Cai", last_name="Zebedee-Prys"
    )


@pytest.fixture
def la_case(learner):
    return CaseFactory(
        learner=learner,
        local_authority=learner.home_local_authority,
        deciding_body="local_authority",
        stage="closed",
        outcome="no_aln",
    )


@pytest.fixture
def la_notice(la_case):
    """The LA's decision that Cai has no ALN, with the right of appeal (s.13(3), s.70)."""
    return NoticeFactory(case=la_case, kind="no_aln", rights=["appeal_to_tribunal"], given_on=GIVEN)


@pytest.fixture
def school_notice(learner, school):
    """A maintained school's decision: the notice states the right to ask the LA (s.26)."""
    case = CaseFactory(
        learner=learner,
        local_authority=learner.home_local_authority,
        setting=school,
        deciding_body="school",
        stage="closed",
        outcome="no_aln",
    )
    return NoticeFactory(case=case, kind="no_aln", rights=["ask_la_to_reconsider"], given_on=GIVEN)


@pytest.fixture
def fei_notice(learner, authority):
    """A college's IDP for the learner, given with the right of appeal (s.70)."""
    college = SettingFactory(local_authority=authority, kind="fei")
    case = CaseFactory(
        learner=learner,
        local_authority=learner.home_local_authority,
        setting=college,
        deciding_body="fei",
        stage="maintaining",
        outcome="has_aln",
    )
    return NoticeFactory(case=case, kind="idp_given", rights=["appeal_to_tribunal"], given_on=GIVEN)


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
def other_officer():
    """An ALN officer of another LA."""
    return MembershipFactory(role="la_aln_officer", local_authority=LocalAuthorityFactory()).user


@pytest.fixture
def parent(learner):
    user = MembershipFactory(role="parent", user__email="mam@example.org").user
    FamilyLinkFactory(learner=learner, family_member=FamilyMemberFactory(user=user))
    return user


@pytest.fixture
def other_parent():
    """The parent of another child."""
    user = MembershipFactory(role="parent").user
    FamilyLinkFactory(family_member=FamilyMemberFactory(user=user))
    return user


def record(actor, notice, **changes):
    """An appeal against `notice` by a parent, received in time (change any argument)."""
    arguments = {
        "actor": actor,
        "case": notice.case,
        "notice": notice,
        "appellant": Appellant.PARENT,
        "appellant_name": "Siân Prys",
        "matters": ["has_aln"],
        "received_on": IN_TIME,
        "tribunal_reference": "ETW/27/0042",
        **changes,
    }
    return appeal_record(**arguments)


def an_appeal(la_notice, **fields):
    """An appeal against the LA's notice, in time, at the stage wanted."""
    values = {
        "case": la_notice.case,
        "notice": la_notice,
        "notice_given_on": GIVEN,
        "received_on": IN_TIME,
        "last_day": LAST_DAY,
        "tribunal_reference": "ETW/27/0042",
        **fields,
    }
    if values.get("stage") == "decided":
        values = {
            "decision": "allowed",
            "decision_summary": "The learner has ALN.",
            "decided_on": D("2027-01-28"),
            "decision_sent_on": D("2027-01-29"),
            **values,
        }
    return AppealFactory(**values)


def events(subject, event_type=None):
    found = AuditEvent.objects.filter(subject_id=str(subject.pk))
    if event_type is not None:
        found = found.filter(event_type=event_type)
    return list(found.order_by("id"))
