"""The LA's disagreement dashboard: its own LA's open requests by route and deadline, appeals by
stage, orders, outcomes per academic year; never another LA's; a constant number of queries."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from aln.disputes.selectors.dashboard import dashboard_for
from tests.conftest import signed_in
from tests.factories import (
    AppealFactory,
    CaseFactory,
    DeadlineFactory,
    EnrolmentFactory,
    LaRequestFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
    TribunalOrderFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 12, 15)
NOON = datetime.datetime(2026, 12, 15, 12, 0, tzinfo=ZoneInfo("Europe/London"))
URL = "/disputes/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


def _case(authority):
    school = SettingFactory(local_authority=authority)
    learner = EnrolmentFactory(setting=school, learner__home_local_authority=authority).learner
    return CaseFactory(learner=learner, local_authority=authority, setting=school, stage="closed")


def _request(authority, due_in=None, **values):
    case = _case(authority)
    deadline = None
    if due_in is not None:
        deadline = DeadlineFactory(
            case=case, rule_id="la-reconsideration", due_on=TODAY + datetime.timedelta(days=due_in)
        )
    return LaRequestFactory(case=case, deadline=deadline, **values)


def _speaks(user, language):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def fill(authority, n):
    for i in range(n):
        _request(authority, due_in=i - 1)
        _request(authority, route="take_over_idp")
        appeal = AppealFactory(case=_case(authority), hearing_on=D(2027, 2, 1))
        TribunalOrderFactory(appeal=appeal, comply_by=D(2027, 1, 15))
        _request(
            authority, status="decided", outcome="aln_decision_confirmed", decided_on=D(2026, 9, 20)
        )
        AppealFactory(
            case=_case(authority), stage="decided", decision="dismissed", decided_on=D(2026, 7, 1)
        )


def test_requests_are_counted_by_deadline_and_route(la_officer, authority):
    _request(authority, due_in=-1)  # overdue
    _request(authority, due_in=0)  # due today: due soon
    _request(authority, due_in=14)  # the last day of the 2 weeks
    _request(authority, due_in=15, route="take_over_idp")  # later
    _request(authority)  # no clock yet
    _request(authority, due_in=-5, status="decided", outcome="aln_decision_confirmed")  # not open
    board = dashboard_for(user=la_officer)
    assert board.deadlines.overdue == 1
    assert board.deadlines.due_soon == 2
    assert board.deadlines.later == 1
    assert board.deadlines.not_known == 1
    assert board.requests_by_route == [("reconsider_aln", 4), ("take_over_idp", 1)]
    dues = [r.deadline.due_on if r.deadline else None for r in board.requests]
    assert dues[0] == TODAY - datetime.timedelta(days=1)  # overdue first
    assert dues[-1] is None  # unknown last


def test_another_las_records_never_appear(la_officer, authority):
    other = LocalAuthorityFactory()
    _request(other, due_in=-1)
    appeal = AppealFactory(case=_case(other))
    TribunalOrderFactory(appeal=appeal)
    _request(other, status="decided", outcome="aln_decision_confirmed", decided_on=D(2026, 10, 1))
    board = dashboard_for(user=la_officer)
    assert board.requests == []
    assert board.appeals == []
    assert board.orders == []
    assert board.request_outcomes == []
    assert board.deadlines.overdue == 0


def test_outcomes_are_counted_per_academic_year(la_officer, authority):
    decided = {"status": "decided", "outcome": "aln_decision_confirmed"}
    _request(authority, decided_on=D(2025, 9, 1), **decided)  # 2025/26
    _request(authority, decided_on=D(2026, 8, 31), **decided)  # 2025/26
    _request(authority, decided_on=D(2026, 9, 1), **decided)  # 2026/27
    _request(authority, decided_on=D(2026, 10, 1), status="decided", outcome="aln_decision_changed")
    AppealFactory(
        case=_case(authority), stage="decided", decision="allowed", decided_on=D(2027, 1, 1)
    )
    board = dashboard_for(user=la_officer)
    rows = {(row.year, row.code): row.count for row in board.request_outcomes}
    assert rows == {
        (2025, "aln_decision_confirmed"): 2,
        (2026, "aln_decision_confirmed"): 1,
        (2026, "aln_decision_changed"): 1,
    }
    assert [(r.year, r.code, r.count) for r in board.appeal_decisions] == [(2026, "allowed", 1)]
    assert board.years == [2026, 2025]


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured), response


def test_the_dashboard_makes_as_many_queries_for_ten_records_as_for_one(
    client, la_officer, authority
):
    fill(authority, 1)
    client.get(URL)
    one, _response = _queries(client)
    fill(authority, 9)
    ten, response = _queries(client)
    assert one == ten
    assert len(response.context["requests"]) == 20


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_page_lists_what_is_open(page, la_officer, authority, language):
    _speaks(la_officer, language)
    fill(authority, 2)
    soup = page.get(URL, language=language).soup
    assert len(soup.select("#open-requests tbody tr")) == 4
    assert soup.select_one("#count-overdue").get_text(strip=True) == "1"
    assert soup.select("#open-requests .govuk-tag--red")
    assert len(soup.select("#open-appeals tbody tr")) == 4  # two lodged, two decided not closed
    assert len(soup.select("#open-orders tbody tr")) == 2
    years = [th.get_text(strip=True) for th in soup.select("#request-outcomes thead th")[1:]]
    assert years == ["2026/27", "2025/26"]  # requests in 2026/27, appeals in 2025/26
    assert [td.get_text() for td in soup.select("#request-outcomes tbody td")] == ["2", "0"]
    assert [td.get_text() for td in soup.select("#appeal-decisions tbody td")] == ["0", "2"]
    first = soup.select_one("#open-requests tbody tr a")["href"]
    assert first.startswith("/disputes/learners/")
    with translation.override("cy" if language == "cy" else "en-gb"):
        heading = gettext("Disagreements and appeals")
    assert soup.select_one("h1").get_text(strip=True) == heading


def test_an_empty_dashboard(page, la_officer):
    soup = page.get(URL).soup
    assert soup.select_one("#no-requests")
    assert soup.select_one("#no-appeals")
    assert soup.select_one("#no-orders")
    assert soup.select_one("#no-outcomes")


@pytest.mark.parametrize("role", ["alnco", "teacher", "parent"])
def test_only_la_staff_open_the_dashboard(client, school, role):
    organisation = {"setting": school} if role != "parent" else {}
    signed_in(client, role, **organisation)
    assert client.get(URL).status_code == 404


def test_the_home_page_links_to_the_dashboard_for_la_staff_only(page, client, authority, school):
    signed_in(client, "la_aln_manager", local_authority=authority)
    assert (
        page.get(reverse("home:home")).soup.select_one("#disputes-dashboard-link a")["href"] == URL
    )
    client.force_login(MembershipFactory(role="alnco", setting=school).user)
    assert not page.get(reverse("home:home")).soup.select_one("#disputes-dashboard-link")
