"""The plan editor in the browser: starting a plan, sections, needs and elements with the outcome
checker, two people saving at once, revising and throwing a draft away."""

import json

import pytest
from django.utils import translation

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.common.i18n import OUTCOME_PROBLEM_MESSAGES
from aln.idps.models import Element, Idp, IdpVersion, Need
from aln.idps.selectors.plans import draft_of
from aln.idps.services.drafting import (
    draft_save_section,
    element_remove,
    element_save,
    idp_start_revision,
)
from aln.organisations.models import HealthBoard
from tests.aln.idps.conftest import GOOD_OUTCOME
from tests.aln.idps.test_plan_pages import give
from tests.conftest import signed_in
from tests.factories import FamilyLinkFactory, FamilyMemberFactory, MembershipFactory

pytestmark = pytest.mark.django_db

VAGUE_OUTCOME = "Cai will improve his reading"


def _draft(plan) -> IdpVersion:
    return draft_of(idp=plan)


def _element_post(revision, **values):
    data = {
        "revision": str(revision),
        "outcome": "",
        "outcome_exception": "",
        "provision": "",
        "frequency": "",
        "duration": "",
        "group_size": "",
        "provider_name": "",
        "rationale": "",
        "starts_on_0": "",
        "starts_on_1": "",
        "starts_on_2": "",
        "review_or_end_on_0": "",
        "review_or_end_on_1": "",
        "review_or_end_on_2": "",
        "health_board": "",
    }
    data.update(values)
    return data


def _other_decider(school):
    """A second person acting for the school (its headteacher), working on the same draft."""
    return MembershipFactory(role="headteacher", setting=school).user


# --- Starting --------------------------------------------------------------------------------


def test_a_decider_starts_the_plan_from_the_case_page(page, client, idp_due_case, alnco):
    soup = page.get(f"/cases/{idp_due_case.pk}/").soup
    start = soup.select_one("#case-idp a")
    assert start["href"] == f"/plans/start/{idp_due_case.pk}/"
    page.get(start["href"])  # asks to confirm: nothing is started by a GET
    assert not Idp.objects.exists()
    response = client.post(start["href"])
    idp = Idp.objects.get(case=idp_due_case)
    assert response.status_code == 302
    assert response.url == f"/plans/{idp.pk}/draft/"
    # Once started, the start page leads to the plan.
    assert client.get(start["href"]).url == f"/plans/{idp.pk}/"


def test_only_a_decider_at_the_right_stage_may_start_a_plan(client, idp_due_case, authority):
    signed_in(client, "la_aln_officer", local_authority=authority)  # sees it, did not decide
    response = client.post(f"/plans/start/{idp_due_case.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/cases/{idp_due_case.pk}/"
    assert b"Only the body that maintains the IDP can do this" in response.content
    assert not Idp.objects.exists()


def test_a_plan_cannot_be_started_before_it_is_due(client, idp_due_case, alnco):
    Case.objects.filter(pk=idp_due_case.pk).update(stage="gathering")
    response = client.post(f"/plans/start/{idp_due_case.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/cases/{idp_due_case.pk}/"
    assert not Idp.objects.exists()


def test_a_parent_cannot_start_a_plan(client, idp_due_case):
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=idp_due_case.learner, family_member=FamilyMemberFactory(user=parent))
    assert client.get(f"/plans/start/{idp_due_case.pk}/").status_code == 404


# --- Pages in both languages ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_editor_pages_render_in_english_and_welsh(page, plan, alnco, language):
    alnco.preferred_language = language
    alnco.save()
    draft = _draft(plan)
    need, element = draft.needs.get(), draft.elements.get()
    base = f"/plans/{plan.pk}/draft/"
    for url in (
        base,
        f"{base}about/",
        f"{base}needs/",
        f"{base}information/",
        f"{base}needs/add/",
        f"{base}needs/{need.pk}/",
        f"{base}needs/{need.pk}/remove/",
        f"{base}elements/add/",
        f"{base}elements/{element.pk}/",
        f"{base}elements/{element.pk}/remove/",
        f"{base}attachments/add/",
    ):
        page.get(url, language=language)
    give(plan, alnco)
    page.get(f"/plans/{plan.pk}/revise/", language=language)
    idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    page.get(f"/plans/{plan.pk}/discard-draft/", language=language)


def test_the_start_page_renders_in_welsh(page, idp_due_case, alnco):
    alnco.preferred_language = "cy"
    alnco.save()
    page.get(f"/plans/start/{idp_due_case.pk}/", language="cy")


def test_the_overview_lists_what_stops_the_draft_being_given(page, plan, alnco):
    draft = _draft(plan)
    element_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=None,
        values={"outcome": VAGUE_OUTCOME},
    )
    soup = page.get(f"/plans/{plan.pk}/draft/").soup
    items = soup.select("#issue-readiness li")
    texts = [li.get_text(strip=True) for li in items]
    assert "Provision 2: Say whether it must be provided in Welsh" in texts
    new = Element.objects.get(version=draft, outcome=VAGUE_OUTCOME)
    assert items[0].a["href"] == f"/plans/{plan.pk}/draft/elements/{new.pk}/"


def test_placement_is_only_for_a_plan_the_local_authority_maintains(client, plan):
    assert client.get(f"/plans/{plan.pk}/draft/placement/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/draft/nonsense/").status_code == 404
    Idp.objects.filter(pk=plan.pk).update(maintained_by="local_authority")
    assert client.get(f"/plans/{plan.pk}/draft/nonsense/").status_code == 404


# --- Sections --------------------------------------------------------------------------------


def test_saving_a_section_changes_the_draft_and_goes_back_to_it(client, plan):
    draft = _draft(plan)
    response = client.post(
        f"/plans/{plan.pk}/draft/information/",
        {
            "revision": draft.revision,
            "information_used": "Educational psychologist's report, September 2026",
            "transition_arrangements": "",
        },
    )
    assert response.status_code == 302
    assert response.url == f"/plans/{plan.pk}/draft/#section-information"
    stored = IdpVersion.objects.get(pk=draft.pk)
    assert stored.information_used == "Educational psychologist's report, September 2026"
    assert stored.revision == draft.revision + 1


def test_a_stale_section_save_keeps_the_input_and_shows_the_other_persons(
    page, client, plan, school
):
    seen = _draft(plan)  # this person opened the form at this revision
    other = _other_decider(school)
    draft_save_section(
        actor=other,
        version=_draft(plan),
        revision=seen.revision,
        section="about",
        values={"important_to_me": "Swimming on Saturdays with my dad."},
    )
    events = AuditEvent.objects.count()
    mine = {
        "revision": seen.revision,
        "language": "en",
        "communication_language": "",
        "like_and_admire": "Cai is kind and funny.",
        "important_to_me": "Playing football at break with my friends, and drawing.",
        "how_to_support_me": "One instruction at a time.",
        "profile_written_with": "",
    }
    response = page.post(f"/plans/{plan.pk}/draft/about/", mine)
    soup = response.soup
    assert "Someone else saved this IDP" in soup.select_one(".govuk-error-summary").get_text()
    assert (
        soup.select_one("textarea[name=important_to_me]").get_text()
        == "Playing football at break with my friends, and drawing."
    )
    assert "Swimming on Saturdays with my dad." in soup.select_one("#their-changes").get_text()
    assert AuditEvent.objects.count() == events  # nothing saved
    assert _draft(plan).important_to_me == "Swimming on Saturdays with my dad."
    # The form now carries the latest revision: saving again keeps this person's version.
    fresh = soup.select_one("input[name=revision]")["value"]
    assert int(fresh) == seen.revision + 1
    client.post(f"/plans/{plan.pk}/draft/about/", {**mine, "revision": fresh})
    assert _draft(plan).important_to_me == mine["important_to_me"]


# --- Needs -------------------------------------------------------------------------------------


def test_adding_changing_and_removing_a_need(client, plan):
    draft = _draft(plan)
    client.post(
        f"/plans/{plan.pk}/draft/needs/add/",
        {"revision": draft.revision, "description": "Finds spelling hard.", "impact": ""},
    )
    need = Need.objects.get(version=draft, description="Finds spelling hard.")
    draft = _draft(plan)
    client.post(
        f"/plans/{plan.pk}/draft/needs/{need.pk}/",
        {"revision": draft.revision, "description": "Finds spelling very hard.", "impact": "x"},
    )
    need.refresh_from_db()
    assert (need.description, need.impact) == ("Finds spelling very hard.", "x")
    draft = _draft(plan)
    client.post(f"/plans/{plan.pk}/draft/needs/{need.pk}/remove/", {"revision": draft.revision})
    assert not Need.objects.filter(pk=need.pk).exists()


def test_a_need_must_be_described(page, plan):
    draft = _draft(plan)
    soup = page.post(
        f"/plans/{plan.pk}/draft/needs/add/",
        {"revision": draft.revision, "description": "  ", "impact": ""},
    ).soup
    assert "Enter a description of the need" in soup.select_one(".govuk-error-summary").get_text()
    assert Need.objects.filter(version=draft).count() == 1


# --- Elements and the outcome checker ---------------------------------------------------------


def _outcome_codes(soup):
    return [li["data-code"] for li in soup.select("#outcome-check li")]


def test_the_inline_checker_flags_an_outcome_with_no_measure(page, plan, alnco):
    draft = _draft(plan)
    element = element_save(
        actor=alnco,
        version=draft,
        revision=draft.revision,
        key=None,
        values={"outcome": VAGUE_OUTCOME},
    )
    soup = page.get(f"/plans/{plan.pk}/draft/elements/{element.pk}/").soup
    region = soup.select_one("#outcome-check")
    assert region["aria-live"] == "polite"
    assert "measurable" in _outcome_codes(soup)
    assert str(OUTCOME_PROBLEM_MESSAGES["idp.outcome.no_measure"]) in region.get_text()


def test_the_inline_checker_finds_nothing_wrong_with_a_good_outcome(page, plan):
    element = _draft(plan).elements.get()
    assert element.outcome == GOOD_OUTCOME
    soup = page.get(f"/plans/{plan.pk}/draft/elements/{element.pk}/").soup
    assert _outcome_codes(soup) == []
    assert soup.select_one("#outcome-check [data-passes]")["data-passes"] == "true"


def test_check_this_outcome_shows_the_check_without_saving(page, plan):
    draft = _draft(plan)
    element = draft.elements.get()
    events = AuditEvent.objects.count()
    soup = page.post(
        f"/plans/{plan.pk}/draft/elements/{element.pk}/",
        _element_post(draft.revision, outcome=VAGUE_OUTCOME, check="1"),
    ).soup
    assert "measurable" in _outcome_codes(soup)
    assert soup.select_one("textarea[name=outcome]").get_text() == VAGUE_OUTCOME
    assert AuditEvent.objects.count() == events
    element.refresh_from_db()
    assert element.outcome == GOOD_OUTCOME


def test_an_element_is_saved_even_with_a_vague_outcome_and_welsh_stays_undecided(client, plan):
    draft = _draft(plan)
    response = client.post(
        f"/plans/{plan.pk}/draft/elements/add/",
        _element_post(draft.revision, outcome=VAGUE_OUTCOME, provision="Reading group"),
    )
    assert response.status_code == 302
    element = Element.objects.get(version=draft, outcome=VAGUE_OUTCOME)
    assert element.welsh_required is None  # 2B.3 not answered: not decided
    assert element.provider == ""


def test_an_element_provided_by_an_nhs_body_names_its_health_board(client, page, plan):
    board = HealthBoard.objects.get(code="7A1")
    draft = _draft(plan)
    need = draft.needs.get()
    response = client.post(
        f"/plans/{plan.pk}/draft/elements/add/",
        _element_post(
            draft.revision,
            need_keys=[need.key],
            outcome=GOOD_OUTCOME,
            provision="Speech and language therapy",
            welsh_required="yes",
            provider="nhs_body",
            health_board=str(board.pk),
            starts_on_0="19",
            starts_on_1="10",
            starts_on_2="2026",
        ),
    )
    assert response.status_code == 302
    element = Element.objects.get(version=draft, provision="Speech and language therapy")
    assert (element.provider, element.health_board_id, element.welsh_required) == (
        "nhs_body",
        board.pk,
        True,
    )
    assert element.need_keys == [need.key]
    assert str(element.starts_on) == "2026-10-19"
    soup = page.get(f"/plans/{plan.pk}/draft/elements/{element.pk}/").soup
    assert soup.select_one("select[name=health_board] option[selected]")["value"] == str(board.pk)
    assert soup.select_one("input[name=provider][value=nhs_body]").has_attr("checked")


def test_a_bad_date_is_shown_on_the_field_and_nothing_is_saved(page, plan):
    draft = _draft(plan)
    soup = page.post(
        f"/plans/{plan.pk}/draft/elements/add/",
        _element_post(draft.revision, outcome="x", starts_on_0="31", starts_on_1="2"),
    ).soup
    assert soup.select_one(".govuk-error-summary")
    assert Element.objects.filter(version=draft).count() == 1


def test_a_stale_element_save_keeps_the_input_and_shows_the_stored_element(page, plan, school):
    seen = _draft(plan)
    element = seen.elements.get()
    other = _other_decider(school)
    element_save(
        actor=other,
        version=_draft(plan),
        revision=seen.revision,
        key=element.key,
        values={"provision": "Phonics in a group of three", "group_size": "3"},
    )
    mine = _element_post(
        seen.revision, outcome=GOOD_OUTCOME, provision="Phonics one to one, every day"
    )
    soup = page.post(f"/plans/{plan.pk}/draft/elements/{element.pk}/", mine).soup
    assert "Someone else saved this IDP" in soup.select_one(".govuk-error-summary").get_text()
    assert soup.select_one("textarea[name=provision]").get_text() == "Phonics one to one, every day"
    assert "Phonics in a group of three" in soup.select_one("#their-changes").get_text()
    element.refresh_from_db()
    assert element.provision == "Phonics in a group of three"


def test_an_element_removed_by_someone_else_can_be_saved_again(page, client, plan, school):
    seen = _draft(plan)
    element = seen.elements.get()
    element_remove(
        actor=_other_decider(school), version=_draft(plan), revision=seen.revision, key=element.key
    )
    mine = _element_post(seen.revision, outcome=GOOD_OUTCOME, provision="Mine")
    soup = page.post(f"/plans/{plan.pk}/draft/elements/{element.pk}/", mine).soup
    assert "They removed this" in soup.select_one("#their-changes").get_text()
    fresh = soup.select_one("input[name=revision]")["value"]
    client.post(f"/plans/{plan.pk}/draft/elements/{element.pk}/", {**mine, "revision": fresh})
    assert _draft(plan).elements.get().provision == "Mine"


def test_removing_an_element(client, plan):
    draft = _draft(plan)
    element = draft.elements.get()
    client.post(
        f"/plans/{plan.pk}/draft/elements/{element.pk}/remove/", {"revision": draft.revision}
    )
    assert not Element.objects.filter(version=draft).exists()


# --- The JSON checker --------------------------------------------------------------------------


def test_the_check_endpoint_answers_in_english(client, alnco):
    response = client.post("/plans/check-outcome/", {"text": VAGUE_OUTCOME, "language": "en"})
    body = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert body["passes"] is False
    codes = [p["code"] for p in body["problems"]]
    assert "measurable" in codes
    no_measure = next(p for p in body["problems"] if p["code"] == "measurable")
    assert no_measure["message"] == (
        "The outcome does not say how you will know it has been achieved"
    )
    good = json.loads(client.post("/plans/check-outcome/", {"text": GOOD_OUTCOME}).content)
    assert (good["passes"], good["problems"]) == (True, [])
    empty = json.loads(client.post("/plans/check-outcome/", {"text": "  "}).content)
    assert empty["empty"] is True


def test_the_check_endpoint_checks_welsh_and_answers_in_the_page_language(client, alnco):
    alnco.preferred_language = "cy"
    alnco.save()
    body = json.loads(
        client.post(
            "/plans/check-outcome/", {"text": "Bydd Cai yn gwella ei ddarllen", "language": "cy"}
        ).content
    )
    codes = [p["code"] for p in body["problems"]]
    assert "vague" in codes
    assert "measurable" in codes
    with translation.override("cy"):
        welsh = str(OUTCOME_PROBLEM_MESSAGES["idp.outcome.no_measure"])
    assert next(p for p in body["problems"] if p["code"] == "measurable")["message"] == welsh


def test_the_check_endpoint_is_only_for_people_who_write_plans(client):
    signed_in(client, "parent")
    assert client.post("/plans/check-outcome/", {"text": "x"}).status_code == 404


def test_the_check_endpoint_never_reads_outcome_text_from_the_address(client, alnco):
    body = json.loads(client.get("/plans/check-outcome/", {"text": VAGUE_OUTCOME}).content)
    assert body["empty"] is True


def test_the_element_page_loads_the_checker_script_as_a_file(page, plan):
    soup = page.get(f"/plans/{plan.pk}/draft/elements/add/").soup
    scripts = [s for s in soup.select("script") if "outcome-check" in s.get("src", "")]
    assert scripts
    assert not any(s.string for s in soup.select("script"))
    region = soup.select_one("#outcome-check")
    assert region["data-url"] == "/plans/check-outcome/"
    assert region["data-input"] == "id_outcome"


# --- Revising and discarding -------------------------------------------------------------------


def test_revising_starts_a_new_draft_from_the_version_in_force(client, page, plan, alnco):
    give(plan, alnco)
    soup = page.post(f"/plans/{plan.pk}/revise/", {"why_revised": " "}).soup
    summary = soup.select_one(".govuk-error-summary").get_text()
    assert "Enter why the IDP is being revised" in summary
    response = client.post(f"/plans/{plan.pk}/revise/", {"why_revised": "Annual review"})
    assert response.url == f"/plans/{plan.pk}/draft/"
    draft = _draft(plan)
    assert (draft.number, draft.why_revised) == (2, "Annual review")
    # While a draft exists, a second revision is not offered.
    assert client.get(f"/plans/{plan.pk}/revise/").url == f"/plans/{plan.pk}/"


def test_a_revision_draft_can_be_thrown_away_but_not_the_first(client, plan, alnco):
    assert client.get(f"/plans/{plan.pk}/discard-draft/").url == f"/plans/{plan.pk}/"
    give(plan, alnco)
    draft = idp_start_revision(actor=alnco, idp=plan, why_revised="Annual review")
    response = client.post(f"/plans/{plan.pk}/discard-draft/", {"revision": draft.revision})
    assert response.url == f"/plans/{plan.pk}/"
    assert _draft(plan) is None
    assert plan.versions.count() == 1


def test_editor_pages_without_a_draft_go_back_to_the_plan(client, plan, alnco):
    give(plan, alnco)
    response = client.get(f"/plans/{plan.pk}/draft/", follow=True)
    assert response.redirect_chain[-1][0] == f"/plans/{plan.pk}/"
    assert b"No new version of the IDP is being written: start one first" in response.content
    need = plan.versions.get().needs.get()
    # An issued version's need cannot be changed through the editor.
    assert client.get(f"/plans/{plan.pk}/draft/needs/{need.pk}/").url == f"/plans/{plan.pk}/"


def test_a_local_authority_plan_has_section_2d(page, client, plan, school, alnco):
    Idp.objects.filter(pk=plan.pk).update(maintained_by="local_authority")
    draft = _draft(plan)
    page.get(f"/plans/{plan.pk}/draft/placement/")
    response = client.post(
        f"/plans/{plan.pk}/draft/placement/",
        {
            "revision": draft.revision,
            "named_school": str(school.pk),
            "other_placement": "",
            "board_and_lodging": "Weekly boarding during term",
        },
    )
    assert response.status_code == 302
    stored = IdpVersion.objects.get(pk=draft.pk)
    assert (stored.named_school_id, stored.board_and_lodging) == (
        school.pk,
        "Weekly boarding during term",
    )
    give(plan, alnco)
    placement = page.get(f"/plans/{plan.pk}/").soup.select_one("#placement").get_text()
    assert school.name_en in placement
    assert "Weekly boarding during term" in placement
