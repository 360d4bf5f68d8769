import pytest

from tests.conftest import signed_in
from tests.factories import (
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LearnerFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db


def _worklist_rows(response):
    return {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)
        for row in response.soup.select(".govuk-summary-list__row")
    }


def test_la_officer_sees_the_records_to_check(page, la_officer, authority, school):
    FamilyLinkFactory(learner=LearnerFactory(home_local_authority=authority))
    LearnerFactory(home_local_authority=authority, education_arrangement="elective_home_education")
    LearnerFactory(home_local_authority=authority, is_looked_after=True, looked_after_by=authority)
    EnrolmentFactory(setting=school, learner__home_local_authority=authority, learner__upn="")
    rows = _worklist_rows(page.get("/"))
    assert rows == {
        "No parent or carer recorded": "3 learners",
        "Pupils at maintained schools with no UPN": "1 learner",
        "Looked after": "1 learner",
        "Electively home educated": "1 learner",
        "Educated other than at school (EOTAS)": "0 learners",
    }


def test_a_worklist_link_lists_exactly_those_learners(page, la_officer, authority):
    home_educated = LearnerFactory(
        home_local_authority=authority, education_arrangement="elective_home_education"
    )
    LearnerFactory(home_local_authority=authority)
    response = page.get("/learners/", worklist="home-educated")
    assert [a.get_text() for a in response.soup.select("tbody a")] == [
        f"{home_educated.last_name}, {home_educated.first_name}"
    ]


def test_school_staff_get_the_school_worklists_only(page, alnco, enrolled_learner):
    rows = _worklist_rows(page.get("/"))
    assert set(rows) == {
        "No parent or carer recorded",
        "Pupils at maintained schools with no UPN",
        "Looked after",
    }


def test_parent_sees_their_children_and_nobody_else(client, page, school):
    parent = signed_in(client, "parent")
    member = FamilyMemberFactory(user=parent)
    mine = [EnrolmentFactory(setting=school).learner for _ in range(2)]
    for child in mine:
        FamilyLinkFactory(learner=child, family_member=member)
    EnrolmentFactory(setting=SettingFactory())
    response = page.get("/")
    assert sorted(a.get_text() for a in response.soup.select("main ul.govuk-list a")) == sorted(
        child.full_name for child in mine
    )


def test_home_page_query_count_is_constant(
    page, la_officer, authority, django_assert_max_num_queries
):
    LearnerFactory.create_batch(3, home_local_authority=authority)
    with django_assert_max_num_queries(20) as few:
        page.get("/")
    LearnerFactory.create_batch(30, home_local_authority=authority)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page.get("/")
