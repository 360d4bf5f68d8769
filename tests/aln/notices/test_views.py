"""Downloading a notice, and the LA ALN manager's provider pages."""

import pytest
from django.urls import reverse

from aln.audit.models import AuditEvent
from aln.notices.models import SupportProvider
from tests.conftest import signed_in
from tests.factories import (
    CaseFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    NoticeFactory,
    SupportProviderFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(school):
    learner = EnrolmentFactory(
        setting=school, learner__home_local_authority=school.local_authority
    ).learner
    return NoticeFactory(case=CaseFactory(learner=learner, setting=school, reference="ALN-T1"))


def _download(client, notice):
    return client.get(reverse("notices:download", kwargs={"notice_id": notice.pk}))


def test_the_la_downloads_a_notice_and_it_is_audited(client, notice, authority):
    officer = signed_in(client, "la_aln_officer", local_authority=authority)
    response = _download(client, notice)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="ALN-T1-no_aln-2026-11-23.pdf"'
    )
    assert response["Cache-Control"] == "no-store, private"
    assert response.content == notice.file.open("rb").read()
    event = AuditEvent.objects.get(event_type="notice.downloaded")
    assert event.actor == officer
    assert event.subject_id == str(notice.pk)


def test_the_family_downloads_their_notice(client, notice):
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=notice.learner, family_member=FamilyMemberFactory(user=parent))
    assert _download(client, notice).status_code == 200


@pytest.mark.parametrize("role", ["la_aln_officer", "parent", "system_admin"])
def test_a_stranger_gets_not_found_and_nothing_is_audited(client, notice, role):
    organisation = {"local_authority": LocalAuthorityFactory()} if role == "la_aln_officer" else {}
    signed_in(client, role, **organisation)
    assert _download(client, notice).status_code == 404
    assert not AuditEvent.objects.filter(event_type="notice.downloaded").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, notice):
    response = _download(client, notice)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


@pytest.fixture
def manager(client, authority):
    return signed_in(client, "la_aln_manager", local_authority=authority)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_manager_sees_their_las_providers_by_kind(page, manager, authority, language):
    manager.preferred_language = "cy" if language == "cy" else "en"
    manager.save()
    SupportProviderFactory(local_authority=authority, name_en="Ours", name_cy="Ein un ni")
    SupportProviderFactory(local_authority=authority, name_en="Gone", is_active=False)
    SupportProviderFactory(name_en="Theirs")
    response = page.get(reverse("notices:provider-list"), language=language)
    text = response.soup.get_text()
    assert ("Ein un ni" if language == "cy" else "Ours") in text
    assert "Gone" not in text
    assert "Theirs" not in text
    # Two kinds have no provider yet: the page warns about each.
    assert len(response.soup.select(".govuk-warning-text")) == 2


def test_the_manager_adds_a_provider(page, manager, authority):
    url = reverse("notices:provider-create")
    page.get(url)
    response = page.client.post(
        url,
        {
            "kind": "disagreement_resolution",
            "name_en": "Resolution Service",
            "name_cy": "Gwasanaeth Datrys",
            "phone": "01234 000000",
            "email": "help@resolve.example",
            "website": "www.resolve.example",
            "description_en": "Independent help to resolve disagreements.",
            "description_cy": "Help annibynnol i ddatrys anghytundebau.",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("notices:provider-list")
    provider = SupportProvider.objects.get()
    assert provider.local_authority == authority
    assert provider.kind == "disagreement_resolution"
    assert AuditEvent.objects.filter(event_type="support_provider.created").count() == 1


def test_a_provider_without_names_is_refused_with_the_fields_named(page, manager):
    response = page.post(
        reverse("notices:provider-create"),
        {"kind": "", "name_en": "", "name_cy": "", "email": "not an email"},
    )
    summary = response.soup.select_one(".govuk-error-summary")
    assert summary is not None
    links = [a["href"] for a in summary.select("a")]
    assert links == ["#id_kind", "#id_name_en", "#id_name_cy", "#id_email"]
    assert "Enter the provider's name in Welsh" in summary.get_text()
    assert not SupportProvider.objects.exists()


def test_the_manager_changes_a_provider(page, manager, authority):
    provider = SupportProviderFactory(local_authority=authority, name_en="Old")
    url = reverse("notices:provider-update", kwargs={"provider_id": provider.pk})
    form = page.get(url).soup
    assert form.select_one("#id_name_en")["value"] == "Old"
    response = page.client.post(
        url,
        {
            "kind": provider.kind,
            "name_en": "New",
            "name_cy": provider.name_cy,
            "phone": provider.phone,
            "email": provider.email,
            "website": provider.website,
            "description_en": provider.description_en,
            "description_cy": provider.description_cy,
        },
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.name_en == "New"


def test_the_manager_removes_a_provider_after_confirming(page, manager, authority):
    provider = SupportProviderFactory(local_authority=authority)
    url = reverse("notices:provider-deactivate", kwargs={"provider_id": provider.pk})
    confirm = page.get(url)
    assert "Are you sure" in confirm.soup.h1.get_text()
    provider.refresh_from_db()
    assert provider.is_active
    assert page.client.post(url).status_code == 302
    provider.refresh_from_db()
    assert not provider.is_active


def test_another_las_providers_are_not_found(client, manager):
    theirs = SupportProviderFactory()
    for name in ("notices:provider-update", "notices:provider-deactivate"):
        url = reverse(name, kwargs={"provider_id": theirs.pk})
        assert client.get(url).status_code == 404
        assert client.post(url, {"name_en": "x"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


@pytest.mark.parametrize("role", ["la_aln_officer", "alnco", "parent"])
def test_only_managers_open_the_provider_pages(client, authority, school, role):
    organisation = {
        "la_aln_officer": {"local_authority": authority},
        "alnco": {"setting": school},
        "parent": {},
    }[role]
    signed_in(client, role, **organisation)
    assert client.get(reverse("notices:provider-list")).status_code == 404
    assert client.get(reverse("notices:provider-create")).status_code == 404
