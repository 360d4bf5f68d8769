import datetime

import pytest

from aln.audit.models import AuditEvent
from aln.learners.models import Learner
from tests.conftest import signed_in
from tests.factories import (
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LearnerFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db


def test_alnco_finds_a_learner_at_their_school_by_name(page, alnco, enrolled_learner):
    response = page.get("/learners/", name=enrolled_learner.last_name)
    rows = response.soup.select("tbody tr")
    assert [row.select_one("a").get_text() for row in rows] == [
        f"{enrolled_learner.last_name}, {enrolled_learner.first_name}"
    ]


def test_search_by_upn_and_date_of_birth(page, alnco, school):
    wanted = EnrolmentFactory(
        setting=school, learner__date_of_birth=datetime.date(2015, 3, 27)
    ).learner
    EnrolmentFactory(setting=school, learner__date_of_birth=datetime.date(2014, 1, 1))
    by_upn = page.get("/learners/", upn=wanted.upn.lower())
    assert len(by_upn.soup.select("tbody tr")) == 1
    by_dob = page.get(
        "/learners/", date_of_birth_0="27", date_of_birth_1="3", date_of_birth_2="2015"
    )
    assert [a.get_text() for a in by_dob.soup.select("tbody a")] == [
        f"{wanted.last_name}, {wanted.first_name}"
    ]


def test_invalid_search_date_shows_error_summary(page, alnco):
    response = page.get(
        "/learners/", date_of_birth_0="31", date_of_birth_1="2", date_of_birth_2="2015"
    )
    assert (
        "The date must be a real date"
        in response.soup.select_one(".govuk-error-summary").get_text()
    )


def test_learners_at_other_schools_are_not_listed(page, alnco, enrolled_learner):
    other = EnrolmentFactory(setting=SettingFactory()).learner
    response = page.get("/learners/")
    names = response.soup.select_one("tbody").get_text()
    assert enrolled_learner.last_name in names
    assert f"{other.last_name}, {other.first_name}" not in names


def test_forbidden_learner_answers_404_like_a_missing_one(page, alnco):
    stranger = EnrolmentFactory(setting=SettingFactory()).learner
    page.get(f"/learners/{stranger.pk}/", status=404)
    page.get("/learners/00000000-0000-0000-0000-000000000000/", status=404)


def test_opening_a_learner_is_audited_with_the_relationship(page, alnco, enrolled_learner):
    response = page.get(f"/learners/{enrolled_learner.pk}/")
    assert enrolled_learner.full_name in response.soup.h1.get_text()
    assert "enrolled at your school" in response.soup.select_one(".govuk-inset-text").get_text()
    event = AuditEvent.objects.get(event_type="learner.viewed")
    assert event.actor == alnco
    assert event.subject_id == str(enrolled_learner.pk)
    assert event.reason == "enrolled_at_setting"


def test_learner_page_in_welsh(page, alnco, enrolled_learner):
    alnco.preferred_language = "cy"
    alnco.save()
    response = page.get(f"/learners/{enrolled_learner.pk}/", language="cy")
    assert response.soup.select_one(".govuk-summary-list__key").get_text() == "Dyddiad geni"


def test_list_page_query_count_does_not_grow_with_learners(
    page, alnco, school, django_assert_max_num_queries
):
    EnrolmentFactory.create_batch(3, setting=school)
    with django_assert_max_num_queries(12) as few:
        page.get("/learners/")
    EnrolmentFactory.create_batch(30, setting=school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = page.get("/learners/")
    assert len(response.soup.select("tbody tr")) == 25


def valid_learner_form(school, **overrides):
    data = {
        "first_name": "Megan",
        "last_name": "Pritchard",
        "date_of_birth_0": "4",
        "date_of_birth_1": "5",
        "date_of_birth_2": "2017",
        "upn": "A660123423001",
        "home_local_authority": str(school.local_authority.pk),
        "education_arrangement": "at_setting",
        "setting": str(school.pk),
        "preferred_language": "cy",
        "parent_name": "Siân Pritchard",
        "parent_relationship": "mother",
        "parent_email": "sian@example.org",
        "parent_language": "cy",
        "parent_has_parental_responsibility": "on",
    }
    data.update(overrides)
    return data


def test_alnco_adds_a_learner_with_a_parent(page, alnco, school):
    response = page.post("/learners/add/", valid_learner_form(school), status=302)
    learner = Learner.objects.get(upn="A660123423001")
    assert response.url == f"/learners/{learner.pk}/"
    assert learner.enrolments.get().setting == school
    assert learner.family_links.get().family_member.preferred_language == "cy"
    assert set(AuditEvent.objects.values_list("event_type", flat=True)) == {
        "learner.created",
        "enrolment.created",
        "family_member.linked",
    }


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"upn": "B660123423001"}, "upn", "check the first letter"),
        ({"date_of_birth_2": "2099"}, "date_of_birth", "today or in the past"),
        ({"setting": "00000000-0000-0000-0000-000000000000"}, "setting", "from the list"),
        ({"setting": "not-a-setting"}, "setting", "from the list"),
        ({"date_of_birth_0": "31", "date_of_birth_1": "2"}, "date_of_birth", "real date"),
    ],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_saved(
    page, alnco, school, overrides, field, message
):
    response = page.post("/learners/add/", valid_learner_form(school, **overrides))
    error = response.soup.select_one(f"#id_{field}-error")
    assert message in error.get_text()
    assert not Learner.objects.exists()
    assert not AuditEvent.objects.exists()


def test_duplicate_upn_is_refused(page, alnco, school):
    LearnerFactory(upn="A660123423001")
    response = page.post("/learners/add/", valid_learner_form(school))
    assert "already recorded" in response.soup.select_one("#id_upn-error").get_text()
    assert Learner.objects.count() == 1


def test_bad_input_error_is_in_welsh(page, alnco, school):
    alnco.preferred_language = "cy"
    alnco.save()
    response = page.post(
        "/learners/add/", valid_learner_form(school, upn="B660123423001"), language="cy"
    )
    assert response.soup.title.get_text().startswith("Gwall:")
    assert response.soup.select_one("#id_upn-error").get_text(strip=True).startswith("Gwall:")


def test_add_form_starts_from_the_alncos_school(page, alnco, school):
    response = page.get("/learners/add/")
    assert response.soup.select_one("#id_setting option[selected]")["value"] == str(school.pk)
    selected_la = response.soup.select_one("#id_home_local_authority option[selected]")
    assert selected_la["value"] == str(school.local_authority.pk)


def test_parents_are_led_back_home_not_to_staff_search(client, page, school):
    parent = signed_in(client, "parent")
    child = EnrolmentFactory(setting=school).learner
    FamilyLinkFactory(learner=child, family_member=FamilyMemberFactory(user=parent))
    response = page.get(f"/learners/{child.pk}/")
    assert response.soup.select_one(".govuk-back-link")["href"] == "/"
