"""A parent, or a young person, raises a concern themselves."""

import datetime
from html import escape

import pytest

from aln.cases.models import Case
from aln.cases.services.opening import case_raise_concern_as_family
from aln.common.errors import ServiceError
from aln.notifications.models import OutboxMessage
from tests.factories import (
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("aln.cases.services.opening.today", lambda: TODAY)


def _pupil(date_of_birth=datetime.date(2018, 5, 1)):
    return EnrolmentFactory(setting__kind="primary", learner__date_of_birth=date_of_birth).learner


def _parent_of(learner):
    user = UserFactory()
    MembershipFactory(user=user, role="parent")
    FamilyLinkFactory(learner=learner, family_member=FamilyMemberFactory(user=user))
    return user


def test_a_parents_concern_goes_to_the_school_and_tells_its_alnco():
    pupil = _pupil()
    setting = pupil.enrolments.get().setting
    alnco = MembershipFactory(role="alnco", setting=setting).user
    MembershipFactory(role="teacher", setting=setting)  # teachers decide nothing: not told
    parent = _parent_of(pupil)
    case = case_raise_concern_as_family(actor=parent, learner=pupil, concern="She cannot read.")
    assert (case.deciding_body, case.setting, case.raised_by) == ("school", setting, "parent")
    assert case.brought_to_attention_on == TODAY
    assert case.raised_by_name == parent.full_name
    assert case.deadlines.get().rule_id == "school-decision"
    emails = list(OutboxMessage.objects.values_list("to_email", flat=True))
    assert emails == [alnco.email]
    message = OutboxMessage.objects.get()
    assert case.reference in message.subject
    assert pupil.first_name not in message.body  # no child's name in an email


def test_a_young_persons_own_concern_is_their_agreement():
    young = _pupil(date_of_birth=datetime.date(2008, 3, 1))
    young.user = UserFactory()
    young.save()
    case = case_raise_concern_as_family(actor=young.user, learner=young, concern="Exams are hard.")
    assert (case.raised_by, case.stage, case.consent_on) == ("young_person", "gathering", TODAY)


def test_a_parents_concern_about_a_young_person_waits_for_their_agreement():
    young = _pupil(date_of_birth=datetime.date(2008, 3, 1))
    case = case_raise_concern_as_family(actor=_parent_of(young), learner=young, concern="Worried.")
    assert case.stage == "awaiting_consent"
    assert not case.deadlines.exists()


def test_an_empty_concern_is_refused_and_nothing_is_saved():
    pupil = _pupil()
    with pytest.raises(ServiceError) as refused:
        case_raise_concern_as_family(actor=_parent_of(pupil), learner=pupil, concern="  ")
    assert refused.value.field == "concern"
    assert not Case.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_the_parent_sends_a_concern_from_their_childs_page(client):
    pupil = _pupil()
    parent = _parent_of(pupil)
    client.force_login(parent)
    page = client.get(f"/learners/{pupil.pk}/").content.decode()
    assert f"/cases/raise/{pupil.pk}/" in page
    response = client.post(f"/cases/raise/{pupil.pk}/", {"concern": "He is struggling."})
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == f"/cases/{case.pk}/"
    case_page = client.get(response.url).content.decode()
    # Why the school decides, naming the child, so it reads the same to a parent and to staff.
    assert f"because {escape(pupil.full_name)} is a registered pupil there" in case_page


def test_an_empty_form_shows_the_error_and_another_parent_gets_404(client):
    pupil = _pupil()
    client.force_login(_parent_of(pupil))
    page = client.post(f"/cases/raise/{pupil.pk}/", {"concern": ""}).content.decode()
    assert "Enter what you are worried about" in page
    client.force_login(_parent_of(_pupil()))
    assert client.get(f"/cases/raise/{pupil.pk}/").status_code == 404
