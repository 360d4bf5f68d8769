"""The give page: what still blocks the plan, the form that gives it, and the draft as a PDF."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from aln.audit.models import AuditEvent
from aln.cases.models import Case
from aln.idps.models import IdpVersion
from aln.idps.selectors.plans import draft_of
from aln.idps.services.drafting import idp_start
from aln.notices.models import Notice
from tests.aln.idps.conftest import TODAY
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def give_url(idp):
    return reverse("idps:give", kwargs={"idp_id": idp.pk})


def form_data(idp, **overrides):
    draft = draft_of(idp=idp)
    case = Case.objects.get(pk=idp.case_id)
    data = {
        "revision": draft.revision,
        "case_version": case.version,
        "given_on_0": TODAY.day,
        "given_on_1": TODAY.month,
        "given_on_2": TODAY.year,
        "language": "en",
        "method": "post",
        "email_to": "",
    }
    return {**data, **overrides}


def speaks(user, language):
    """Staff see pages in the language saved on their profile."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_page_lists_what_blocks_an_incomplete_draft(page, idp_due_case, alnco, language):
    idp = idp_start(actor=alnco, case=idp_due_case)
    speaks(alnco, language)
    response = page.get(give_url(idp), language=language)
    blocks = response.soup.select("#issue-blocks li")
    assert len(blocks) == 3  # no profile, no needs, no provision
    assert all(item.select_one("a[href]") for item in blocks)
    links = {item.select_one("a")["href"] for item in blocks}
    assert reverse("idps:edit-section", kwargs={"idp_id": idp.pk, "section": "about"}) in links
    assert reverse("idps:element-add", kwargs={"idp_id": idp.pk}) in links
    assert response.soup.select_one("main form") is None
    assert response.soup.select_one("#preview-link")["href"] == reverse(
        "idps:preview", kwargs={"idp_id": idp.pk}
    )


def test_a_complete_draft_offers_the_form_with_the_plans_language(page, plan, alnco):
    response = page.get(give_url(plan))
    soup = response.soup
    assert soup.select_one("#issue-blocks") is None
    assert soup.select_one("input[name=language][value=en]").has_attr("checked")
    assert soup.select_one("input[name=revision]")["value"] == str(draft_of(idp=plan).revision)
    assert soup.select_one("input[name=given_on_0]")["value"] == str(TODAY.day)


def test_giving_the_plan_from_the_page(page, plan, alnco, client):
    response = client.post(give_url(plan), form_data(plan, language="bilingual"))
    assert response.status_code == 302
    assert response["Location"] == reverse("idps:plan", kwargs={"idp_id": plan.pk})
    notice = Notice.objects.get(kind="idp_given")
    assert notice.language == "bilingual"
    assert IdpVersion.objects.get(idp=plan, number=1).state == "issued"
    assert Case.objects.get(pk=plan.case_id).stage == "maintaining"


def test_a_stale_form_is_refused_with_the_reason(page, plan, alnco):
    data = form_data(plan)
    data["revision"] = int(data["revision"]) - 1
    response = page.post(give_url(plan), data)
    assert response.soup.select_one(".govuk-error-summary")
    assert not Notice.objects.filter(kind="idp_given").exists()
    assert IdpVersion.objects.get(idp=plan, number=1).state == "draft"


def test_form_errors_are_shown_in_welsh_too(page, plan, alnco):
    speaks(alnco, "cy")
    data = form_data(plan, method="", given_on_0="", given_on_1="", given_on_2="")
    response = page.post(give_url(plan), data, language="cy")
    assert len(response.soup.select(".govuk-error-summary li")) == 2
    assert not Notice.objects.filter(kind="idp_given").exists()


def test_a_bad_email_address_is_refused(page, plan, alnco):
    response = page.post(give_url(plan), form_data(plan, method="email", email_to="not-an-email"))
    assert response.soup.select_one("#email_to-error") or response.soup.select_one(
        ".govuk-error-summary"
    )
    assert not Notice.objects.filter(kind="idp_given").exists()


def test_once_given_there_is_nothing_to_give(page, plan, alnco, client):
    client.post(give_url(plan), form_data(plan))
    response = client.get(give_url(plan))
    assert response.status_code == 302
    assert response["Location"] == reverse("idps:plan", kwargs={"idp_id": plan.pk})


def test_someone_who_cannot_write_plans_gets_not_found(plan, client, school):
    signed_in(client, "teacher", setting=school)
    assert client.get(give_url(plan)).status_code == 404
    assert client.get(reverse("idps:preview", kwargs={"idp_id": plan.pk})).status_code == 404


def test_an_officer_who_does_not_maintain_the_plan_is_sent_back(plan, client, authority):
    signed_in(client, "la_aln_officer", local_authority=authority)
    response = client.get(give_url(plan))
    assert response.status_code == 302
    assert response["Location"] == reverse("idps:plan", kwargs={"idp_id": plan.pk})


@pytest.mark.parametrize(("language", "watermark"), [("en", "DRAFT"), ("cy", "DRAFFT")])
def test_the_draft_opens_as_a_pdf_marked_draft(plan, alnco, client, language, watermark):
    url = reverse("idps:preview", kwargs={"idp_id": plan.pk})
    response = client.get(url, {"language": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert watermark in text
    assert plan.learner.full_name in text
    event = AuditEvent.objects.get(event_type="idp.preview_viewed")
    assert (event.subject_id, event.changes) == (str(plan.pk), {"version": 1})
