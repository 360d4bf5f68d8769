"""The subject access export: everything held about a learner as one ZIP, for the LA's ALN
officers only, audited."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from aln.accounts.models import User
from aln.audit.models import AuditEvent
from aln.common.i18n import SUBJECT_ACCESS_SECTION_LABELS
from aln.dataprotection.learner_file import SECTIONS
from aln.dataprotection.services import subject_access_export
from aln.domain.roles import OrganisationKind, Role, organisation_kind_for
from aln.organisations.models import HealthBoard
from tests.aln.dataprotection.conftest import build_file
from tests.conftest import signed_in
from tests.factories import (
    AttachmentFactory,
    EnrolmentFactory,
    EvidenceFactory,
    IdpFactory,
    LAServiceFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NoticeFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db


def _archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _url(learner):
    return reverse("dataprotection:subject-access", args=[learner.pk])


def test_the_page_says_what_the_archive_holds(client, page, authority, enrolled_learner):
    signed_in(client, "la_aln_officer", local_authority=authority)
    response = page.get(_url(enrolled_learner))
    assert enrolled_learner.full_name in response.soup.h1.get_text()
    listed = [li.get_text(strip=True) for li in response.soup.select("#sections > li")]
    for key in ("cases", "idp_versions", "appeals", "notices"):
        assert str(SUBJECT_ACCESS_SECTION_LABELS[key]) in listed
    assert response.soup.select_one("form[method=post] #create-archive")


def test_the_page_in_welsh(client, page, authority, enrolled_learner):
    manager = signed_in(client, "la_aln_manager", local_authority=authority)
    manager.preferred_language = "cy"
    manager.save()
    response = page.get(_url(enrolled_learner), language="cy")
    # Welsh after the lead merges /tmp/issue7/cy-dataprotection.json into the catalogue.
    assert "Lawrlwytho popeth" in response.soup.h1.get_text()


def test_the_archive_holds_every_section_and_every_document(client, authority, old_learner):
    made = build_file(old_learner)
    signed_in(client, "la_aln_officer", local_authority=authority)

    response = client.post(_url(old_learner))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "no-store, private"
    disposition = response["Content-Disposition"]
    assert f'filename="learner-{old_learner.upn}-subject-access-' in disposition
    assert disposition.startswith("attachment")
    archive = _archive(response)
    content = json.loads(archive.read("learner.json"))
    assert content["learner"]["id"] == str(old_learner.pk)
    assert content["learner"]["date_of_birth"] == old_learner.date_of_birth.isoformat()
    assert set(content["records"]) == {s.key for s in SECTIONS} - {"learner"}
    for key, records in made.items():
        exported = {row["id"] for row in content["records"][key]}
        assert exported == {str(r.pk) for r in records}, key
    # Every notice PDF and every plan attachment, as stored.
    paths = {d["path"] for d in content["documents"]}
    assert len(paths) == len(made["notices"]) + len(made["idp_attachments"])
    for path in paths:
        assert archive.read(path).startswith(b"%PDF")
    notice = made["notices"][0]
    assert f"documents/notices/{notice.pk}-no_aln-2026-11-23.pdf" in paths
    assert not any(d["missing"] for d in content["documents"])
    # Codes as stored, ids of people and organisations with their names.
    case = content["records"]["cases"][0]
    assert case["stage"] == "closed"
    assert content["people"][str(case["owner_id"])] == made["cases"][0].owner.full_name
    assert f"organisations.setting:{case['setting_id']}" in content["organisations"]
    # Who did what to the records, and the emails about them.
    assert {e["event_type"] for e in content["audit_events"]} >= {"case.opened", "learner.created"}
    assert content["emails"][0]["to_email"] == "parent@example.org"


def test_the_readme_is_in_english_and_welsh(client, authority, enrolled_learner):
    signed_in(client, "la_aln_officer", local_authority=authority)
    readme = _archive(client.post(_url(enrolled_learner))).read("README.txt").decode()
    assert "learner.json" in readme
    assert "records.idp_versions" in readme
    with translation.override("en-gb"):
        assert str(SUBJECT_ACCESS_SECTION_LABELS["appeals"]) in readme
    with translation.override("cy"):
        # Welsh after the lead merges /tmp/issue7/cy-dataprotection.json into the catalogue.
        assert str(SUBJECT_ACCESS_SECTION_LABELS["appeals"]) in readme
        assert "Tribiwnlys" in readme


def test_a_learner_without_a_upn_is_named_by_id(client, authority):
    learner = EnrolmentFactory(learner__upn="", learner__home_local_authority=authority).learner
    signed_in(client, "la_aln_officer", local_authority=authority)
    response = client.post(_url(learner))
    assert f"learner-{learner.pk}-subject-access-" in response["Content-Disposition"]


def test_making_the_archive_is_audited_and_opening_the_page_is_logged(
    client, authority, old_learner
):
    build_file(old_learner)
    officer = signed_in(client, "la_aln_officer", local_authority=authority)
    client.get(_url(old_learner))
    viewed = AuditEvent.objects.filter(event_type="learner.viewed").get()
    assert viewed.actor == officer
    client.post(_url(old_learner))
    event = AuditEvent.objects.get(event_type="learner.subject_access_exported")
    assert event.actor == officer
    assert event.actor_roles == "la_aln_officer"
    assert event.subject_id == str(old_learner.pk)
    assert event.local_authority_id == authority.pk
    assert event.reason == "la_responsible"
    assert event.changes["sections"]["cases"] == 1
    assert event.changes["documents"] == 3
    assert old_learner.full_name not in json.dumps(event.changes)


def test_a_missing_document_is_listed_not_fatal(authority, old_learner, documents_root):
    notice = NoticeFactory(case__learner=old_learner)
    (documents_root / notice.file.name).unlink()
    actor = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    archive = subject_access_export(actor=actor, learner=old_learner)
    content = json.loads(zipfile.ZipFile(archive.file).read("learner.json"))
    assert [d["missing"] for d in content["documents"]] == [True]


def test_another_authoritys_learner_answers_404(client, authority):
    elsewhere = EnrolmentFactory(setting=SettingFactory()).learner
    signed_in(client, "la_aln_manager", local_authority=authority)
    assert client.get(_url(elsewhere)).status_code == 404
    assert client.post(_url(elsewhere)).status_code == 404
    assert not AuditEvent.objects.filter(event_type="learner.subject_access_exported").exists()


def test_a_learner_the_authority_only_hosts_at_a_school_is_not_its_to_export(client, authority):
    """The authority the learner lives in (or that looks after them) answers the request."""
    visitor = EnrolmentFactory(
        setting=SettingFactory(local_authority=authority),
        learner__home_local_authority=LocalAuthorityFactory(),
    ).learner
    signed_in(client, "la_aln_officer", local_authority=authority)
    assert client.get(reverse("learners:learner-detail", args=[visitor.pk])).status_code == 200
    assert client.get(_url(visitor)).status_code == 404


def test_the_authority_looking_after_a_child_may_export(client, authority):
    looked_after = LearnerFactory(
        home_local_authority=LocalAuthorityFactory(),
        is_looked_after=True,
        looked_after_by=authority,
    )
    signed_in(client, "la_aln_officer", local_authority=authority)
    assert client.get(_url(looked_after)).status_code == 200


@pytest.mark.parametrize(
    "role",
    [r for r in Role if r not in {Role.LA_ALN_OFFICER, Role.LA_ALN_MANAGER}],
    ids=lambda r: r.value,
)
def test_no_other_role_may_export(client, authority, school, enrolled_learner, role):
    organisation = {
        OrganisationKind.LOCAL_AUTHORITY: {"local_authority": authority},
        OrganisationKind.SETTING: {"setting": school},
        OrganisationKind.LA_SERVICE: {"service": LAServiceFactory(lead_authority=authority)},
        OrganisationKind.HEALTH_BOARD: {"health_board": HealthBoard.objects.get(code="7A1")},
        OrganisationKind.NONE: {},
    }[organisation_kind_for(role)]
    signed_in(client, role.value, **organisation)
    assert client.get(_url(enrolled_learner)).status_code == 404
    assert client.post(_url(enrolled_learner)).status_code == 404


def test_the_learner_page_links_to_the_export_for_those_allowed(
    client, authority, enrolled_learner
):
    signed_in(client, "la_aln_officer", local_authority=authority)
    detail = reverse("learners:learner-detail", args=[enrolled_learner.pk])
    link = client.get(detail)
    assert _url(enrolled_learner).encode() in link.content
    client.logout()
    signed_in(client, "early_years_lead", local_authority=authority)
    assert _url(enrolled_learner).encode() not in client.get(detail).content


def test_the_number_of_queries_does_not_grow_with_the_records(authority, school):
    officer = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    small = LearnerFactory(home_local_authority=authority)
    build_file(small, school=school)
    large = LearnerFactory(home_local_authority=authority)
    made = build_file(large, school=school, copies=3)
    for case in made["cases"]:
        EvidenceFactory.create_batch(4, case=case)
    counts = []
    for learner in (small, large):
        actor = User.objects.get(pk=officer.pk)  # the same memberships lookup each time
        with CaptureQueriesContext(connection) as captured:
            subject_access_export(actor=actor, learner=learner)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_an_uploaded_file_name_cannot_leave_the_documents_folder(authority, old_learner):
    idp = IdpFactory(case__learner=old_learner)
    attachment = AttachmentFactory(idp=idp, filename="../../etc/pass wd\u202e.pdf")
    actor = MembershipFactory(role="la_aln_officer", local_authority=authority).user
    names = zipfile.ZipFile(subject_access_export(actor=actor, learner=old_learner).file).namelist()
    assert f"documents/plan-attachments/{attachment.pk}-_.._etc_pass_wd_.pdf" in names
    assert all(".." not in name.split("/") for name in names)
