"""The referral, capacity and case friend pages in English and Welsh, who may open them, and the
case's notice form prefilled from what is recorded (s.84, s.85)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from aln.common.i18n import error_message
from aln.disputes.models import ActingFor, CapacityRecord, SupportReferral
from aln.domain.disagreements import ActingForProblem
from aln.notifications.models import OutboxMessage
from tests.conftest import signed_in
from tests.factories import (
    ActingForFactory,
    CapacityRecordFactory,
    CaseFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NoticeFactory,
    SupportProviderFactory,
    SupportReferralFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
NOON = datetime.datetime(2026, 12, 15, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def learner(authority, school):
    return EnrolmentFactory(setting=school, learner__home_local_authority=authority).learner


@pytest.fixture
def notice(learner, authority, school):
    case = CaseFactory(learner=learner, local_authority=authority, setting=school)
    return NoticeFactory(
        case=case, given_on=D(2026, 10, 5), rights=["appeal_to_tribunal"], kind="no_aln"
    )


@pytest.fixture
def providers(authority):
    return {
        "resolution": SupportProviderFactory(
            local_authority=authority, kind="disagreement_resolution", name_en="SNAP Cymru"
        ),
        "advocacy": SupportProviderFactory(local_authority=authority, kind="independent_advocacy"),
    }


def _speaks(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _url(name, **kwargs):
    return reverse(f"disputes:{name}", kwargs=kwargs)


def _log(learner):
    return _url("log", learner_id=learner.pk)


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


# --- Referrals ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_referral_page_offers_the_las_providers_and_the_learners_notices(
    page, la_officer, learner, notice, providers, language
):
    _speaks(la_officer, language)
    other = SupportProviderFactory(
        local_authority=LocalAuthorityFactory(), kind="independent_advocacy"
    )
    response = page.get(_url("referral-new", learner_id=learner.pk), language=language)
    soup = response.soup
    assert [r["value"] for r in soup.select("input[name=kind]")] == [
        "disagreement_resolution",
        "advocacy",
    ]
    offered = {r["value"] for r in soup.select("input[name=provider]")}
    assert offered == {str(providers["resolution"].pk), str(providers["advocacy"].pk)}
    assert str(other.pk) not in offered
    notices = [o["value"] for o in soup.select("select[name=notice] option")]
    assert notices == ["", str(notice.pk)]
    assert not soup.select(".govuk-radios__conditional")
    with translation.override("cy" if language == "cy" else "en-gb"):
        heading = gettext("Record a referral to disagreement resolution or advocacy")
    assert soup.select_one("h1").get_text(strip=True) == heading


def test_without_providers_the_page_says_so(page, la_officer, learner):
    response = page.get(_url("referral-new", learner_id=learner.pk))
    assert response.soup.select_one("#no-providers")
    assert not response.soup.select("form input[name=kind]")


def _referral_data(providers, notice, day, **changes):
    data = {
        "kind": "disagreement_resolution",
        "provider": str(providers["resolution"].pk),
        "notice": str(notice.pk),
        **_date("referred_on", day),
        "referred_by_name": "Siân Prys",
        "about": "The family disagree with the decision.",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("day", "shown"),
    [(D(2026, 11, 29), "25 January 2027"), (D(2026, 11, 30), "30 November 2026")],
    ids=["last-day-of-period", "day-after"],
)
def test_recording_a_referral_says_when_the_appeal_must_now_arrive(
    client, la_officer, learner, notice, providers, day, shown
):
    response = client.post(
        _url("referral-new", learner_id=learner.pk), _referral_data(providers, notice, day)
    )
    assert response.status_code == 302
    assert response.url == _log(learner)
    referral = SupportReferral.objects.get()
    assert referral.notice == notice
    (message,) = _messages(response)
    assert shown in message
    assert ("extended by 8 weeks" in message) is (day == D(2026, 11, 29))


def test_a_provider_of_the_wrong_kind_is_shown_on_the_field(
    page, la_officer, learner, notice, providers
):
    data = _referral_data(providers, notice, D(2026, 11, 9), provider=str(providers["advocacy"].pk))
    response = page.post(_url("referral-new", learner_id=learner.pk), data)
    assert response.soup.select_one(".govuk-error-summary a[href='#id_provider']")
    assert response.soup.select_one("#id_provider-error")
    assert not SupportReferral.objects.exists()


def test_school_staff_and_families_never_see_the_referral_page(
    client, learner, school, notice, providers
):
    signed_in(client, "alnco", setting=school)
    assert client.get(_url("referral-new", learner_id=learner.pk)).status_code == 404
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=learner, family_member=FamilyMemberFactory(user=parent))
    assert client.get(_url("referral-new", learner_id=learner.pk)).status_code == 404


def test_another_las_officer_gets_404(client, learner):
    signed_in(client, "la_aln_officer", local_authority=LocalAuthorityFactory())
    assert client.get(_url("referral-new", learner_id=learner.pk)).status_code == 404
    referral = SupportReferralFactory(learner=learner)
    assert client.get(_url("referral-outcome", referral_id=referral.pk)).status_code == 404


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_recording_how_a_referral_ended(page, client, la_officer, learner, language):
    _speaks(la_officer, language)
    referral = SupportReferralFactory(learner=learner)
    url = _url("referral-outcome", referral_id=referral.pk)
    response = page.get(url, language=language)
    assert response.soup.select_one("input[name=version]")["value"] == "1"
    assert [r["value"] for r in response.soup.select("input[name=outcome]")] == [
        "resolved",
        "partly_resolved",
        "not_resolved",
        "withdrawn",
    ]
    posted = client.post(
        url, {"version": "1", "outcome": "partly_resolved", **_date("outcome_on", D(2026, 12, 1))}
    )
    assert posted.status_code == 302
    referral.refresh_from_db()
    assert (referral.outcome, referral.version) == ("partly_resolved", 2)
    again = client.get(url)
    assert again.status_code == 302
    assert again.url == _log(learner)


def test_a_stale_outcome_form_goes_back_to_the_log(client, la_officer, learner):
    referral = SupportReferralFactory(learner=learner, version=3)
    response = client.post(
        _url("referral-outcome", referral_id=referral.pk),
        {"version": "2", "outcome": "resolved", **_date("outcome_on", D(2026, 12, 1))},
    )
    assert response.status_code == 302
    assert response.url == _log(learner)
    referral.refresh_from_db()
    assert referral.outcome == ""


# --- Capacity -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_a_school_may_record_only_its_own_view(page, client, alnco, learner, language):
    _speaks(alnco, language)
    url = _url("capacity-new", learner_id=learner.pk)
    response = page.get(url, language=language)
    assert [r["value"] for r in response.soup.select("input[name=assessor]")] == ["school"]
    assert response.soup.select_one("#school-view")
    posted = client.post(
        url,
        {
            "assessor": "local_authority",
            "lacks_capacity": "yes",
            **_date("decided_on", D(2026, 12, 1)),
            "decided_by_name": "ALNCo",
            "reasons": "Cannot follow what the rights mean.",
        },
    )
    assert posted.status_code == 200  # not a choice offered: the form says so
    assert not CapacityRecord.objects.exists()


def test_the_la_records_a_view_and_the_school_is_emailed(client, la_officer, learner, school):
    MembershipFactory(role="alnco", setting=school)
    url = _url("capacity-new", learner_id=learner.pk)
    assert {r["value"] for r in _soup(client.get(url)).select("input[name=assessor]")} == {
        "school",
        "fei",
        "local_authority",
        "nhs_body",
        "tribunal",
    }
    response = client.post(
        url,
        {
            "assessor": "local_authority",
            "lacks_capacity": "no",
            **_date("decided_on", D(2026, 12, 1)),
            "decided_by_name": "Educational psychologist",
            "reasons": "Understands the information with support.",
        },
    )
    assert response.status_code == 302
    record = CapacityRecord.objects.get()
    assert record.lacks_capacity is False
    assert OutboxMessage.objects.count() == 1


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_families_are_sent_back_from_the_capacity_page(client, learner):
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=learner, family_member=FamilyMemberFactory(user=parent))
    response = client.get(_url("capacity-new", learner_id=learner.pk))
    assert response.status_code == 302
    assert response.url == _log(learner)


def test_a_parent_of_another_child_gets_404(client, learner):
    signed_in(client, "parent")
    assert client.get(_url("capacity-new", learner_id=learner.pk)).status_code == 404
    record = CapacityRecordFactory(learner=learner)
    assert client.get(_url("capacity", capacity_id=record.pk)).status_code == 404


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_capacity_page_says_which_view_applies(page, la_officer, learner, language):
    _speaks(la_officer, language)
    school_view = CapacityRecordFactory(
        learner=learner, assessor="school", lacks_capacity=True, decided_on=D(2026, 11, 1)
    )
    la_view = CapacityRecordFactory(
        learner=learner, assessor="local_authority", lacks_capacity=False, decided_on=D(2026, 10, 1)
    )
    school_page = page.get(_url("capacity", capacity_id=school_view.pk), language=language)
    assert school_page.soup.select_one("#applies .govuk-tag--grey")
    assert school_page.soup.select_one("#prevailing")
    la_page = page.get(_url("capacity", capacity_id=la_view.pk), language=language)
    assert la_page.soup.select_one("#applies .govuk-tag--green")
    assert not la_page.soup.select_one("#prevailing")


# --- Case friends and representatives -----------------------------------------------------------


def _acting_data(**changes):
    data = {
        "kind": "case_friend",
        "name": "Gareth Prys",
        "email": "gareth@example.org",
        "address": "",
        "authority": "Appointed by the Tribunal",
        **_date("appointed_on", D(2026, 12, 1)),
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_recording_a_case_friend(page, client, la_officer, learner, language):
    _speaks(la_officer, language)
    url = _url("acting-for-new", learner_id=learner.pk)
    response = page.get(url, language=language)
    assert [r["value"] for r in response.soup.select("input[name=kind]")] == [
        "case_friend",
        "representative",
    ]
    assert not response.soup.select_one("#not-a-child")
    posted = client.post(url, _acting_data())
    assert posted.status_code == 302
    assert ActingFor.objects.get().name == "Gareth Prys"


def test_a_case_friend_for_a_young_person_is_refused_on_the_form(page, la_officer, learner):
    learner.date_of_birth = D(2009, 5, 4)
    learner.save()
    url = _url("acting-for-new", learner_id=learner.pk)
    assert page.get(url).soup.select_one("#not-a-child")
    response = page.post(url, _acting_data())
    assert response.soup.select_one("#id_kind-error")
    assert not ActingFor.objects.exists()


def test_ending_an_appointment_from_its_page(page, client, la_officer, learner):
    person = ActingForFactory(learner=learner)
    url = _url("acting-for-end", acting_for_id=person.pk)
    assert page.get(url).soup.select_one("input[name=version]")["value"] == "1"
    response = client.post(
        url, {"version": 1, **_date("ended_on", D(2026, 12, 1)), "reasons": "Ended."}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.ended_on, person.end_reasons, person.version) == (D(2026, 12, 1), "Ended.", 2)
    again = client.get(url)
    assert again.status_code == 302
    assert again.url == _log(learner)


@pytest.mark.parametrize("version", ["", "0"])
def test_ending_from_a_stale_page_goes_back_to_the_log(client, la_officer, learner, version):
    person = ActingForFactory(learner=learner)
    url = _url("acting-for-end", acting_for_id=person.pk)
    data = {"version": version, **_date("ended_on", D(2026, 12, 1)), "reasons": "Ended."}
    response = client.post(url, data)
    assert (response.status_code, response.url) == (302, _log(learner))
    with translation.override("en-gb"):
        message = error_message(ActingForProblem.CHANGED_BY_SOMEONE_ELSE)
    assert str(message) in client.get(response.url).content.decode()
    person.refresh_from_db()
    assert (person.ended_on, person.version) == (None, 1)


def test_school_staff_cannot_end_an_appointment(client, alnco, learner):
    person = ActingForFactory(learner=learner)
    assert client.get(_url("acting-for-end", acting_for_id=person.pk)).status_code == 404


# --- The case's notice form, prefilled from the records -----------------------------------------


def test_the_notice_form_is_prefilled_with_capacity_and_the_case_friend(
    page, alnco, learner, school, authority
):
    case = CaseFactory(
        learner=learner,
        local_authority=authority,
        setting=school,
        stage="notice_due",
        outcome="no_aln",
        decided_on=D(2026, 12, 1),
        reasons="No ALN.",
    )
    url = reverse("cases:give-notice", kwargs={"case_id": case.pk})
    before = page.get(url).soup
    assert not before.select_one("input[name=child_lacks_capacity]").has_attr("checked")
    assert before.select_one("input[name=case_friend_name]").get("value", "") == ""
    CapacityRecordFactory(learner=learner, assessor="local_authority", lacks_capacity=True)
    ActingForFactory(learner=learner, name="Gareth Prys")
    after = page.get(url).soup
    assert after.select_one("input[name=child_lacks_capacity]").has_attr("checked")
    assert after.select_one("input[name=case_friend_name]")["value"] == "Gareth Prys"
