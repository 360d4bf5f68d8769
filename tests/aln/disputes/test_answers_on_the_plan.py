"""What the LA's answers do to the plan as its readers see it.

- s.27(6)-(7): the LA reconsiders a school's plan and revises it itself, directing the school to
  maintain it. Until the LA gives the revised plan, only the LA's deciders write it (the
  school's can read and contribute); once given, the school maintains it and its staff are told
  by email, without the learner's name.
- s.32: when the LA confirms a school's decision to cease, the plan page gives the LA's letter
  and the last day to appeal that it states."""

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from aln.cases.models import Case
from aln.cases.selectors import case_parties_for
from aln.common.errors import ServiceError
from aln.domain.disagreements import LaOutcome, Route
from aln.domain.plans import PlanError
from aln.domain.process import Party
from aln.idps.models import Idp, IdpVersion
from aln.idps.selectors.plans import draft_of
from aln.idps.services.drafting import draft_save_section
from aln.notifications.models import OutboxMessage
from tests.aln.disputes.test_outcomes import decide, open_request
from tests.aln.disputes.test_outcomes_setup import *  # noqa: F403 (fixtures)
from tests.aln.disputes.test_outcomes_setup import GIVEN_ON
from tests.aln.idps.review_helpers import give_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def revising(learner, officer, parent):
    """The LA decided to revise the school's plan itself: its draft v2 is being written."""
    la_request = open_request("plan", Route.RECONSIDER_IDP, learner, officer)
    decide(officer, la_request, LaOutcome.REVISED_SCHOOL_TO_MAINTAIN)
    idp = Idp.objects.select_related("case").get(case_id=la_request.case_id)
    return idp, draft_of(idp=idp)


def test_only_the_las_deciders_write_the_revision(revising, officer, school_alnco):
    idp, draft = revising
    assert case_parties_for(user=school_alnco, case=idp.case) == {Party.CONTRIBUTOR}
    with pytest.raises(ServiceError) as refused:
        draft_save_section(
            actor=school_alnco,
            version=draft,
            revision=draft.revision,
            section="about",
            values={"important_to_me": "Written by the school"},
        )
    assert refused.value.code == PlanError.NOT_YOURS
    assert IdpVersion.objects.get(pk=draft.pk).revision == draft.revision

    draft_save_section(
        actor=officer,
        version=draft,
        revision=draft.revision,
        section="about",
        values={"important_to_me": "Written by the LA"},
    )
    assert IdpVersion.objects.get(pk=draft.pk).important_to_me == "Written by the LA"


def test_the_school_cannot_open_the_editor_while_the_la_revises(client, revising, school_alnco):
    idp, _draft = revising
    client.force_login(school_alnco)
    plan = reverse("idps:plan", args=[idp.pk])
    editor = reverse("idps:edit-section", kwargs={"idp_id": idp.pk, "section": "about"})
    response = client.get(editor)
    assert (response.status_code, response.url) == (302, plan)  # back to the plan, with why
    assert client.get(plan).status_code == 200  # the school still reads it


def test_giving_the_revision_tells_the_school_it_maintains_it(revising, officer, school_alnco):
    idp, _draft = revising
    OutboxMessage.objects.all().delete()
    give_plan(officer, idp, given_on=GIVEN_ON)
    case = Case.objects.get(pk=idp.case_id)
    assert Party.DECIDER in case_parties_for(user=school_alnco, case=case)  # s.27(7)
    emails = OutboxMessage.objects.filter(to_email=school_alnco.email)
    assert emails.count() == 1
    email = emails.get()
    assert "revised a plan you maintain" in email.subject
    assert idp.learner.first_name not in email.body
    assert reverse("idps:plan", args=[idp.pk]) in email.body
    assert "Its next review is due by" in email.body


def test_a_confirmed_cease_shows_the_las_letter_and_its_appeal_day(client, learner, officer):
    la_request = open_request("ceased", Route.RECONSIDER_CEASING, learner, officer)
    notice = decide(officer, la_request, LaOutcome.CEASING_CONFIRMED)
    idp = Idp.objects.get(case_id=la_request.case_id)
    client.force_login(officer)

    html = client.get(reverse("idps:plan", args=[idp.pk])).content.decode()

    assert notice.appeal_last_day is not None
    assert f'id="appeal-closes">{date_format(notice.appeal_last_day, "j F Y")}<' in html
    assert reverse("notices:download", args=[notice.pk]) in html
    assert 'id="cease-confirmed-notice"' in html
