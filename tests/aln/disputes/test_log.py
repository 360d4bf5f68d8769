"""The learner's disagreement log: everything in date order, the view on capacity that applies,
the family's rights with the LA's providers, what each person may do, and a constant number of
queries."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from aln.disputes.selectors.log import EntryKind, disagreement_log
from tests.conftest import signed_in
from tests.factories import (
    ActingForFactory,
    AppealFactory,
    CapacityRecordFactory,
    CaseFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LaRequestFactory,
    LocalAuthorityFactory,
    NoticeFactory,
    SupportProviderFactory,
    SupportReferralFactory,
    TribunalOrderFactory,
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
def case(learner, authority, school):
    return CaseFactory(
        learner=learner, local_authority=authority, setting=school, stage="closed", outcome="no_aln"
    )


def fill(learner, case, authority, n):
    """`n` of every kind of record about the learner."""
    provider = SupportProviderFactory(local_authority=authority, kind="disagreement_resolution")
    notice = NoticeFactory(case=case, given_on=D(2026, 10, 5), rights=["appeal_to_tribunal"])
    for i in range(n):
        LaRequestFactory(case=case, received_on=D(2026, 11, 2) + datetime.timedelta(days=i))
        appeal = AppealFactory(case=case)
        TribunalOrderFactory(appeal=appeal)
        SupportReferralFactory(learner=learner, case=case, provider=provider, notice=notice)
        CapacityRecordFactory(
            learner=learner, decided_on=D(2026, 10, 1) + datetime.timedelta(days=i)
        )
        ActingForFactory(learner=learner, ended_on=D(2026, 12, 1) if i else None)


def _url(learner):
    return reverse("disputes:log", kwargs={"learner_id": learner.pk})


def _speaks(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def _parent_of(client, learner):
    parent = signed_in(client, "parent")
    FamilyLinkFactory(learner=learner, family_member=FamilyMemberFactory(user=parent))
    return parent


# --- The selector -------------------------------------------------------------------------------


def test_everything_is_in_one_list_in_date_order(learner, case, authority):
    fill(learner, case, authority, 2)
    log = disagreement_log(learner=learner)
    kinds = [entry.kind for entry in log.entries]
    assert kinds.count(EntryKind.REQUEST) == 2
    assert kinds.count(EntryKind.APPEAL) == 2
    assert kinds.count(EntryKind.ORDER) == 2
    assert kinds.count(EntryKind.REFERRAL) == 2
    assert kinds.count(EntryKind.CAPACITY) == 2
    assert kinds.count(EntryKind.ACTING_FOR) == 2
    days = [entry.on for entry in log.entries]
    assert days == sorted(days)


def test_the_log_knows_which_view_on_capacity_prevails(learner):
    la = CapacityRecordFactory(
        learner=learner, assessor="local_authority", lacks_capacity=True, decided_on=D(2026, 9, 1)
    )
    CapacityRecordFactory(
        learner=learner, assessor="school", lacks_capacity=False, decided_on=D(2026, 11, 1)
    )
    log = disagreement_log(learner=learner)
    assert log.lacks_capacity is True
    assert log.prevailing == la
    assert [e.prevails for e in log.entries if e.kind is EntryKind.CAPACITY] == [True, False]


def test_a_referral_in_the_log_carries_its_effect_on_the_time_to_appeal(learner, case):
    notice = NoticeFactory(case=case, given_on=D(2026, 10, 5), rights=["appeal_to_tribunal"])
    SupportReferralFactory(learner=learner, notice=notice, referred_on=D(2026, 11, 29))
    (entry,) = disagreement_log(learner=learner).entries
    assert entry.appeal_effect.extends is True
    assert entry.appeal_effect.last_day == D(2027, 1, 25)


def _queries(function):
    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured)


def test_the_selector_reads_everything_in_seven_queries_however_many_records(
    learner, case, authority
):
    fill(learner, case, authority, 1)
    one = _queries(lambda: disagreement_log(learner=learner))
    fill(learner, case, authority, 9)
    ten = _queries(lambda: disagreement_log(learner=learner))
    assert one == ten == 7


def test_the_page_makes_as_many_queries_for_ten_records_as_for_one(
    client, la_officer, learner, case, authority, django_assert_max_num_queries
):
    fill(learner, case, authority, 1)
    client.get(_url(learner))  # warm the session and caches
    one = _queries(lambda: client.get(_url(learner)))
    fill(learner, case, authority, 9)
    with django_assert_max_num_queries(one):
        response = client.get(_url(learner))
    assert response.status_code == 200
    assert len(response.context["cards"]) == 60


# --- The page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_la_sees_every_entry_with_links_and_its_actions(
    page, la_officer, learner, case, authority, language
):
    _speaks(la_officer, language)
    fill(learner, case, authority, 1)
    response = page.get(_url(learner), language=language)
    soup = response.soup
    for kind in ("request", "appeal", "order", "referral", "capacity", "acting_for"):
        assert soup.select(f".log-entry--{kind}"), kind
    request = soup.select_one(".log-entry--request a")["href"]
    assert request.startswith("/disputes/requests/")
    assert soup.select_one(".log-entry--referral a")["href"].endswith("/outcome/")
    actions = {a["href"] for a in soup.select("#dispute-actions a")}
    assert actions == {
        reverse(f"disputes:{name}", kwargs={"learner_id": learner.pk})
        for name in ("request-new", "appeal-new", "referral-new", "capacity-new", "acting-for-new")
    }
    assert not soup.select_one("#rights")  # the family's panel
    with translation.override("cy" if language == "cy" else "en-gb"):
        heading = gettext("Disagreements")
    assert soup.select_one("h1").get_text(strip=True) == heading


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_a_family_sees_their_rights_and_the_las_providers(
    page, client, learner, case, authority, language
):
    parent = _parent_of(client, learner)
    _speaks(parent, language)
    SupportProviderFactory(
        local_authority=authority,
        kind="disagreement_resolution",
        name_en="SNAP Cymru",
        name_cy="SNAP Cymru",
    )
    SupportProviderFactory(
        local_authority=LocalAuthorityFactory(), name_en="Elsewhere", name_cy="Rhywle arall"
    )
    fill(learner, case, authority, 1)
    soup = page.get(_url(learner), language=language).soup
    assert soup.select_one("#rights")
    providers = soup.select_one("#providers").get_text()
    assert "SNAP Cymru" in providers
    assert "Elsewhere" not in providers
    assert "Rhywle arall" not in providers
    assert soup.select(".log-entry--request")  # families read the log too
    actions = {a["href"] for a in soup.select("#dispute-actions a")}
    assert actions == {reverse("disputes:request-new", kwargs={"learner_id": learner.pk})}
    assert not soup.select(".log-entry--referral a[href$='/outcome/']")
    with translation.override("cy" if language == "cy" else "en-gb"):
        rights = gettext("If you disagree with a decision")
    assert soup.select_one("#rights-heading").get_text(strip=True) == rights


def test_a_school_may_record_a_view_on_capacity_but_not_referrals(page, alnco, learner):
    soup = page.get(_url(learner)).soup
    actions = {a["href"] for a in soup.select("#dispute-actions a")}
    assert reverse("disputes:capacity-new", kwargs={"learner_id": learner.pk}) in actions
    assert reverse("disputes:referral-new", kwargs={"learner_id": learner.pk}) not in actions


def test_the_view_that_applies_is_stated(page, la_officer, learner):
    CapacityRecordFactory(learner=learner, assessor="local_authority", lacks_capacity=True)
    soup = page.get(_url(learner)).soup
    assert "lacks capacity" in soup.select_one("#capacity-now").get_text()


def test_the_log_shows_why_an_appointment_ended_and_an_appeal_was_withdrawn(
    page, la_officer, learner, case
):
    ActingForFactory(learner=learner, ended_on=D(2026, 12, 1), end_reasons="The child turned 16.")
    AppealFactory(
        case=case,
        stage="withdrawn",
        closed_on=D(2026, 12, 2),
        withdrawal_reasons="The LA agreed to revise the plan.",
    )
    soup = page.get(_url(learner)).soup

    def rows(kind):
        card = soup.select_one(f".log-entry--{kind}")
        return {
            row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)
            for row in card.select(".govuk-summary-list__row")
        }

    acting = rows("acting_for")
    assert acting["Stopped acting on"] == "1 December 2026"
    assert acting["Why they stopped acting"] == "The child turned 16."
    appeal = rows("appeal")
    assert appeal["Withdrawn on"] == "2 December 2026"
    assert appeal["Why it was withdrawn"] == "The LA agreed to revise the plan."


def test_an_empty_log_says_so(page, la_officer, learner):
    assert page.get(_url(learner)).soup.select_one("#no-entries")


def test_a_parent_of_another_child_and_another_las_officer_get_404(client, learner):
    signed_in(client, "parent")
    assert client.get(_url(learner)).status_code == 404
    signed_in(client, "la_aln_officer", local_authority=LocalAuthorityFactory())
    assert client.get(_url(learner)).status_code == 404


def test_the_learner_and_case_pages_link_to_the_log(page, la_officer, learner, case):
    learner_page = page.get(reverse("learners:learner-detail", kwargs={"learner_id": learner.pk}))
    assert learner_page.soup.select_one("#disagreements-link a")["href"] == _url(learner)
    case_page = page.get(reverse("cases:case-detail", kwargs={"case_id": case.pk}))
    assert case_page.soup.select_one("#case-disagreements a")["href"] == _url(learner)
