"""The plan page, versions and the difference between two: who may read them, in both languages,
and what they show."""

import pytest
from django.urls import reverse

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.idps.models import Idp, IdpVersion
from aln.idps.selectors.plans import draft_of
from aln.idps.services.drafting import draft_save_section, element_save, idp_start_revision
from aln.organisations.models import HealthBoard
from tests.aln.idps.conftest import TODAY, D
from tests.conftest import signed_in
from tests.factories import (
    DeadlineFactory,
    ElementFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    IdpFactory,
    IdpVersionFactory,
    NeedFactory,
    NoticeFactory,
    ReviewFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db


def give(idp: Idp, actor, *, on=TODAY, to=("Siân Prys",)) -> IdpVersion:
    """Freeze the draft as the issuing service would (written directly: giving is not ours)."""
    draft = draft_of(idp=idp)
    notice = NoticeFactory(case=idp.case, kind="has_aln", given_on=on)
    IdpVersion.objects.filter(pk=draft.pk).update(
        state="issued", issued_on=on, issued_by=actor, given_to=list(to), notice=notice
    )
    Case.objects.filter(pk=idp.case_id).update(stage="maintaining")
    Idp.objects.filter(pk=idp.pk).update(first_given_on=on, review_period_started_on=on)
    idp.refresh_from_db()
    idp.case.refresh_from_db()
    return IdpVersion.objects.get(pk=draft.pk)


def test_the_plan_page_shows_the_version_in_force_in_the_order_of_the_form(page, plan, alnco):
    give(plan, alnco)
    DeadlineFactory(case=plan.case, rule_id="idp-review", started_on=TODAY, due_on=D("2027-10-13"))
    soup = page.get(f"/plans/{plan.pk}/").soup
    assert "Version 1, given on 14 October 2026" in soup.select_one("#in-force").get_text()
    assert soup.select_one("#review-period").get_text(strip=True) == "14 October 2026"
    assert soup.select_one("#review-due").get_text(strip=True) == "13 October 2027"
    headings = [h["id"] for h in soup.select("#plan-content h2[id]")]
    assert headings[:4] == ["section-about", "section-needs", "section-alp", "section-nhs"]
    assert "section-placement" not in headings  # 2D is only for a plan the LA maintains
    assert "brilliant with animals" in soup.select_one("#profile").get_text()
    element = soup.select_one("#alp .govuk-summary-card")
    keys = [dt.get_text(strip=True) for dt in element.select("dt")]
    assert keys[1:] == [
        "2B.1 Outcome",
        "2B.2 Provision",
        "2B.3 Must it be provided in Welsh?",
        "2B.4 Who provides it",
        "2B.5 Provided from",
        "2B.6 Review date or end date",
        "2B.7 Rationale",
    ]
    assert "Three times a week" in element.select_one("[data-field=provision]").get_text()
    assert "No" in element.select_one("[data-field=welsh_required]").get_text()
    assert "decoding unfamiliar words" in element.get_text()  # linked to its need
    labels = [a.get_text(strip=True) for a in soup.select("#plan-actions a")]
    assert "Start a new version (revise the IDP)" in labels


def test_a_plan_not_yet_given_says_so_and_offers_the_draft(page, plan):
    soup = page.get(f"/plans/{plan.pk}/").soup
    assert soup.select_one("#in-force").get_text(strip=True) == "Not yet given"
    assert "Version 1 (draft)" in soup.select_one("#draft").get_text()
    links = {a.get_text(strip=True): a["href"] for a in soup.select("#plan-actions a")}
    assert links["Edit the draft"] == f"/plans/{plan.pk}/draft/"
    assert "Throw away the draft" not in links  # the first draft cannot be thrown away


def test_nhs_provision_is_shown_in_section_2c_with_its_health_board(page, plan, alnco):
    board = HealthBoard.objects.get(code="7A1")
    draft = draft_of(idp=plan)
    need_key = draft.needs.first().key
    element_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=None,
        values={
            "need_keys": [need_key],
            "outcome": "By July 2027, Cai will say 20 sounds clearly in 4 out of 5 sessions.",
            "provision": "Speech and language therapy",
            "provider": "nhs_body",
            "health_board": board,
            "welsh_required": True,
        },
    )
    give(plan, alnco)
    soup = page.get(f"/plans/{plan.pk}/").soup
    nhs = soup.select_one("#nhs")
    assert "Speech and language therapy" in nhs.get_text()
    assert board.name_en in nhs.get_text()
    assert "Speech and language therapy" not in soup.select_one("#alp").get_text()


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_plan_version_and_compare_pages_render_in_english_and_welsh(page, plan, alnco, language):
    alnco.preferred_language = language  # a signed-in user's saved language wins
    alnco.save()
    give(plan, alnco)
    idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    for url in (
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/versions/",
        f"/plans/{plan.pk}/versions/1/",
        f"/plans/{plan.pk}/versions/2/",
        f"/plans/{plan.pk}/compare/",
        f"/plans/{plan.pk}/compare/?from=1&to=2",
    ):
        page.get(url, language=language)


def test_a_version_given_says_when_by_whom_and_to_whom_with_its_notice(page, plan, alnco):
    version = give(plan, alnco, to=("Siân Prys", "Cai Prys"))
    soup = page.get(f"/plans/{plan.pk}/versions/1/").soup
    given = soup.select_one("#version-given").get_text()
    assert "14 October 2026" in given
    assert alnco.full_name in given
    assert "Siân Prys" in given
    assert "Cai Prys" in given
    assert soup.select_one("#version-notice")["href"] == reverse(
        "notices:download", args=[version.notice_id]
    )


def test_a_version_that_does_not_exist_is_missing(page, plan):
    page.get(f"/plans/{plan.pk}/versions/7/", status=404)


@pytest.mark.parametrize(
    "query",
    ["?from=1", "?from=1&to=9", "?from=x&to=1", "?from=1&to=1", "?to="],
)
def test_comparing_with_bad_or_missing_numbers_says_what_is_wrong(page, plan, alnco, query):
    give(plan, alnco)
    idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    soup = page.get(f"/plans/{plan.pk}/compare/{query}").soup
    assert soup.select_one(".govuk-error-summary")
    assert soup.select_one("#differences") is None


def test_the_compare_page_shows_what_changed(page, plan, alnco):
    give(plan, alnco)
    draft = idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    draft_save_section(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        section="about",
        values={"important_to_me": "Playing rugby at break with my friends."},
    )
    soup = page.get(f"/plans/{plan.pk}/compare/", **{"from": "1", "to": "2"}).soup
    about = soup.select_one("#diff-about")
    assert about.select_one("del").get_text(strip=True).endswith("football")
    assert about.select_one("ins").get_text(strip=True).endswith("rugby")
    assert "Annual review" in soup.select_one("#differences").get_text()


def test_a_parent_reads_the_plan_but_cannot_open_the_editor(client, page, plan):
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=plan.learner, family_member=FamilyMemberFactory(user=parent))
    soup = page.get(f"/plans/{plan.pk}/").soup
    assert soup.select_one("#plan-actions") is None
    page.get(f"/plans/{plan.pk}/versions/1/")
    # Parents may not write plans at all: the editor is missing to them (role check first).
    assert client.get(f"/plans/{plan.pk}/draft/").status_code == 404


def test_staff_who_see_the_plan_but_do_not_maintain_it_are_sent_back(client, plan, authority):
    signed_in(client, "la_aln_officer", local_authority=authority)  # the school maintains it
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    for url in (
        f"/plans/{plan.pk}/draft/",
        f"/plans/{plan.pk}/draft/about/",
        f"/plans/{plan.pk}/draft/elements/add/",
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"/plans/{plan.pk}/"
    follow = client.get(f"/plans/{plan.pk}/draft/", follow=True)
    assert b"Only the body that maintains the IDP can do this" in follow.content


def test_another_schools_alnco_cannot_find_the_plan(client, plan):
    signed_in(client, "alnco", setting=SettingFactory())
    for url in (
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/versions/1/",
        f"/plans/{plan.pk}/compare/",
        f"/plans/{plan.pk}/draft/",
    ):
        assert client.get(url).status_code == 404, url


def _plan_with_elements(school, count):
    learner = EnrolmentFactory(
        setting=school, learner__home_local_authority=school.local_authority
    ).learner
    idp = IdpFactory(
        case__learner=learner, case__setting=school, case__local_authority=school.local_authority
    )
    version = IdpVersionFactory(idp=idp, state="issued", issued_on=TODAY)
    need = NeedFactory(version=version)
    for _ in range(count):
        ElementFactory(version=version, need_keys=[need.key])
    ElementFactory(version=version, provider="nhs_body", need_keys=[need.key])
    DeadlineFactory(case=idp.case, rule_id="idp-review", started_on=TODAY, due_on=D("2027-10-13"))
    return idp


def test_plan_page_query_count_does_not_grow_with_elements(
    page, alnco, school, django_assert_num_queries
):
    one, eight = _plan_with_elements(school, 1), _plan_with_elements(school, 8)
    with django_assert_num_queries(40, exact=False) as few:
        page.get(f"/plans/{one.pk}/")
    with django_assert_num_queries(len(few.captured_queries)):
        soup = page.get(f"/plans/{eight.pk}/").soup
    assert len(soup.select("#alp .govuk-summary-card")) == 8


def test_the_case_page_links_to_the_plan(page, plan, idp_due_case):
    soup = page.get(f"/cases/{idp_due_case.pk}/").soup
    assert soup.select_one("#case-idp a")["href"] == f"/plans/{plan.pk}/"


def test_opening_a_plan_is_logged_and_the_family_sees_its_reviews(client, page, plan):
    review = ReviewFactory(idp=plan, version=draft_of(idp=plan))
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=plan.learner, family_member=FamilyMemberFactory(user=parent))
    soup = page.get(f"/plans/{plan.pk}/").soup
    links = [a["href"] for a in soup.select("#plan-reviews a")]
    assert f"/plans/{plan.pk}/reviews/{review.pk}/" in links
    assert f"/plans/{plan.pk}/requests/" in links
    viewed = AuditEvent.objects.filter(event_type="idp.viewed", subject_id=str(plan.pk))
    assert viewed.filter(actor=parent).count() == 1
