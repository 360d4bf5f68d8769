"""Shared IDP fixtures: a school case whose decision was "has ALN" (IDP due), and plans built
from it through the services, on a fixed Wednesday in term."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.cases.services.deciding import case_decide, case_give_notice
from aln.cases.services.opening import case_raise_concern
from aln.domain.cases import ConcernSource
from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import AlpProvider
from aln.domain.process import Outcome
from aln.idps.selectors.plans import draft_of
from aln.idps.services.drafting import draft_save_section, element_save, idp_start, need_save
from tests.factories import CalendarTermFactory, FamilyLinkFactory

D = datetime.date.fromisoformat
TODAY = D("2026-10-14")  # a Wednesday in term

GOOD_OUTCOME = "By July 2027, Cai will read 40 common words aloud correctly in 4 out of 5 checks."


@pytest.fixture(autouse=True)
def _on_a_wednesday_in_term():
    noon = datetime.datetime(2026, 10, 14, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path


@pytest.fixture
def terms(authority):
    return CalendarTermFactory(
        local_authority=authority, starts_on=D("2026-09-01"), ends_on=D("2027-07-21")
    )


@pytest.fixture
def parent_link(enrolled_learner):
    return FamilyLinkFactory(learner=enrolled_learner)


@pytest.fixture
def idp_due_case(terms, alnco, enrolled_learner, parent_link):
    """A school case decided "has ALN", with the notice given: the IDP is now due."""
    case = case_raise_concern(
        actor=alnco,
        learner=enrolled_learner,
        raised_by=ConcernSource.TEACHER,
        raised_by_name="Ms Jones",
        concern="Finds reading very hard despite support.",
        brought_to_attention_on=D("2026-10-01"),
    )
    case_decide(
        actor=alnco,
        case=case,
        version=case.version,
        outcome=Outcome.HAS_ALN,
        reasons="Cai needs provision beyond what is generally made for others of his age.",
        decided_on=D("2026-10-12"),
    )
    case_give_notice(
        actor=alnco,
        case=case,
        version=case.version,
        language=NoticeLanguage.EN,
        method=DeliveryMethod.POST,
        given_on=D("2026-10-13"),
    )
    return case


def complete_draft(actor, idp, *, about=(), element=()):
    """Fill the first draft so that it can be given: profile, a need, one element (`about` and
    `element` override the profile's and the element's values)."""
    draft = draft_of(idp=idp)
    draft_save_section(
        actor=actor,
        version=draft,
        revision=draft.revision,
        section="about",
        values={
            "like_and_admire": "Cai is kind and funny, and brilliant with animals.",
            "important_to_me": "Playing football at break with my friends.",
            "how_to_support_me": "Give me one instruction at a time and a quiet place to read.",
            **dict(about),
        },
    )
    need = need_save(
        actor=actor,
        version=draft,
        revision=draft.revision,
        key=None,
        description="Cai has difficulty decoding unfamiliar words.",
        impact="He cannot yet read class texts on his own.",
    )
    element_save(
        actor=actor,
        version=draft,
        revision=draft.revision,
        key=None,
        values={
            "need_keys": [need.key],
            "outcome": GOOD_OUTCOME,
            "provision": "Structured phonics programme, one to one with a trained assistant.",
            "frequency": "Three times a week",
            "duration": "20 minutes",
            "group_size": "1:1",
            "welsh_required": False,
            "provider": AlpProvider.SCHOOL.value,
            "starts_on": D("2026-10-19"),
            "review_or_end_on": D("2027-07-16"),
            "rationale": "The educational psychologist's report of September 2026.",
            **dict(element),
        },
    )
    return draft_of(idp=idp)


@pytest.fixture
def plan(idp_due_case, alnco):
    """A started plan whose first draft is complete (it can be given)."""
    idp = idp_start(actor=alnco, case=idp_due_case)
    complete_draft(alnco, idp)
    return idp
