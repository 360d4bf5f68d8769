import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aln.audit.models import AuditEvent
from aln.deadlines.models import Deadline
from aln.organisations.models import HealthBoard
from tests.conftest import signed_in
from tests.factories import (
    CaseFactory,
    DeadlineFactory,
    EnrolmentFactory,
    FamilyLinkFactory,
    FamilyMemberFactory,
    LearnerAccessGrantFactory,
    SettingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 14)  # a Wednesday
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _on_a_wednesday():
    noon = datetime.datetime(2026, 10, 14, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(noon, tick=False):
        yield


def deadline_at(setting, **kwargs):
    learner = EnrolmentFactory(
        setting=setting, learner__home_local_authority=setting.local_authority
    ).learner
    return DeadlineFactory(case=CaseFactory(learner=learner, setting=setting), **kwargs)


def rows(response):
    return response.soup.select("#deadlines tbody tr")


def cell_texts(row):
    return [cell.get_text(" ", strip=True) for cell in row.select("td")]


def view_counts(response):
    return {
        link["data-view"]: int(link.select_one("[data-count]").get_text())
        for link in response.soup.select("#deadline-views a")
    }


# --- The dashboard ------------------------------------------------------------------------------


def test_dashboard_shows_counts_and_open_deadlines_soonest_first(page, alnco, school):
    later = deadline_at(school, due_on=TODAY + 20 * DAY)
    overdue = deadline_at(school, due_on=TODAY - 3 * DAY)
    this_week = deadline_at(school, due_on=TODAY + 2 * DAY)
    unknown = deadline_at(school, due_on=None, reminder_on=None)
    deadline_at(school, due_on=TODAY - 10 * DAY, state="met", met_on=TODAY - 2 * DAY)
    deadline_at(SettingFactory(), due_on=TODAY - DAY)  # another school's

    response = page.get("/deadlines/")

    assert response.soup.h1.get_text() == "Deadlines"
    assert view_counts(response) == {
        "overdue": 1,
        "due-this-week": 1,
        "due-soon": 1,
        "met-late": 1,
        "date-unknown": 1,
        "open": 4,
    }
    current = response.soup.select('#deadline-views a[aria-current="page"]')
    assert [a["data-view"] for a in current] == ["open"]
    learners = [row.select_one("a").get_text() for row in rows(response)]
    assert learners == [d.case.learner.full_name for d in (overdue, this_week, later, unknown)]
    first = cell_texts(rows(response)[0])
    assert first[1] == overdue.case.reference
    assert first[2] == "School decides whether the learner has ALN (35 school days)"
    assert first[3] == school.name
    assert first[5] == "11 October 2026"
    assert first[6] == "Overdue 3 days overdue"
    assert rows(response)[0].select_one("a")["href"] == f"/cases/{overdue.case_id}/"
    assert cell_texts(rows(response)[3])[5] == "Not known"


def test_status_tags_are_coloured_by_urgency(page, alnco, school):
    deadline_at(school, due_on=TODAY - DAY)
    deadline_at(school, due_on=TODAY + DAY)
    deadline_at(school, due_on=TODAY + 40 * DAY)
    deadline_at(school, due_on=None, reminder_on=None)
    response = page.get("/deadlines/")
    tags = [
        (row.select_one(".govuk-tag")["class"][1], cell_texts(row)[6]) for row in rows(response)
    ]
    assert tags == [
        ("govuk-tag--red", "Overdue 1 day overdue"),
        ("govuk-tag--yellow", "Due"),
        ("govuk-tag--blue", "Due"),
        ("govuk-tag--grey", "Due date not known: term dates missing"),
    ]
    met = page.get("/deadlines/", view="met-late")
    assert met.soup.select_one("#no-deadlines").get_text() == "No deadlines were done late."
    deadline_at(school, due_on=TODAY - 5 * DAY, state="met", met_on=TODAY)
    met = page.get("/deadlines/", view="met-late")
    assert met.soup.select_one("#deadlines .govuk-tag")["class"][1] == "govuk-tag--green"
    assert cell_texts(rows(met)[0])[6] == "Done late"


@pytest.mark.parametrize(
    ("view", "empty_message"),
    [
        ("overdue", "No deadlines are overdue."),
        ("due-this-week", "No deadlines are due this week."),
        ("due-soon", "No deadlines are due in the next 5 school days."),
        ("met-late", "No deadlines were done late."),
        ("date-unknown", "Every open deadline has a due date."),
        ("open", "There are no open deadlines."),
    ],
)
def test_each_view_has_its_own_empty_message(page, alnco, view, empty_message):
    response = page.get("/deadlines/", view=view)
    assert response.soup.select_one("#no-deadlines").get_text() == empty_message
    current = response.soup.select_one('#deadline-views a[aria-current="page"]')
    assert current["data-view"] == view


def test_view_links_keep_the_filters(page, la_officer, school):
    deadline_at(school, due_on=TODAY - DAY, rule_id="la-decision")
    deadline_at(school, due_on=TODAY - DAY)
    response = page.get("/deadlines/", view="overdue", rule="la-decision")
    assert view_counts(response)["overdue"] == 1
    assert len(rows(response)) == 1
    links = {a["data-view"]: a["href"] for a in response.soup.select("#deadline-views a")}
    assert links["due-this-week"] == "?rule=la-decision&view=due-this-week"
    assert response.soup.select_one('input[name="view"]')["value"] == "overdue"


def test_la_officer_filters_by_school_and_officer(page, la_officer, authority, school):
    owner = UserFactory(full_name="Rhian Morgan")
    other_school = SettingFactory(local_authority=authority)
    wanted = deadline_at(school, owner=owner)
    deadline_at(school)
    deadline_at(other_school, owner=owner)
    response = page.get("/deadlines/", setting=str(school.pk), owner=str(owner.pk))
    assert [row.select_one("a").get_text() for row in rows(response)] == [
        wanted.case.learner.full_name
    ]
    assert cell_texts(rows(response)[0])[4] == "Rhian Morgan"
    options = [o.get_text() for o in response.soup.select("#id_owner option")]
    assert options == ["Any", "Rhian Morgan"]
    settings = {o.get_text() for o in response.soup.select("#id_setting option")}
    assert {school.name, other_school.name} <= settings
    clear = response.soup.find("a", string="Clear filters")
    assert clear["href"] == "?view=open"


def test_a_filter_outside_the_users_scope_is_an_error(page, alnco, school):
    elsewhere = SettingFactory()
    deadline_at(school)
    response = page.get("/deadlines/", setting=str(elsewhere.pk))
    summary = response.soup.select_one(".govuk-error-summary").get_text()
    assert "Select a school or setting from the list" in summary
    assert len(rows(response)) == 1  # the filter is left out, not the results


def test_dashboard_in_welsh(page, alnco, school):
    alnco.preferred_language = "cy"
    alnco.save()
    deadline_at(school, due_on=TODAY - DAY)
    response = page.get("/deadlines/", language="cy")
    assert cell_texts(rows(response)[0])[5] == "13 Hydref 2026"


def test_families_see_their_childrens_deadlines_without_staff_filters(client, page, school):
    parent = signed_in(client, "parent")
    mine = deadline_at(school, due_on=TODAY - DAY)
    deadline_at(school, due_on=TODAY - DAY)
    FamilyLinkFactory(learner=mine.case.learner, family_member=FamilyMemberFactory(user=parent))
    response = page.get("/deadlines/")
    assert [row.select_one("a").get_text() for row in rows(response)] == [
        mine.case.learner.full_name
    ]
    assert response.soup.select_one("#id_owner") is None
    assert response.soup.select_one("#id_setting") is None
    assert response.soup.select_one("#id_rule") is not None
    assert response.soup.find("a", href="/deadlines/calendar-feed/") is None


def test_calendar_feed_link_is_for_deadline_owners(client, page, school):
    signed_in(client, "alnco", setting=school)
    assert page.get("/deadlines/").soup.find("a", href="/deadlines/calendar-feed/")
    signed_in(client, "teacher", setting=school)
    assert page.get("/deadlines/").soup.find("a", href="/deadlines/calendar-feed/") is None


def test_dashboard_pages_fifty_at_a_time(page, alnco, school):
    for _ in range(51):
        deadline_at(school, due_on=TODAY - DAY)
    first = page.get("/deadlines/", view="overdue")
    assert len(rows(first)) == 50
    next_link = first.soup.select_one(".govuk-pagination__next a")["href"]
    assert next_link == "?view=overdue&page=2"
    second = page.get("/deadlines/", view="overdue", page="2")
    assert len(rows(second)) == 1


def test_dashboard_query_count_does_not_grow_with_rows(
    page, alnco, school, django_assert_num_queries
):
    for _ in range(3):
        deadline_at(school, owner=UserFactory(), due_on=TODAY - DAY)
    # 11 to read and show the page, and 1 to write its access event (deadline.list_viewed).
    with django_assert_num_queries(11 + 1) as few:
        page.get("/deadlines/")
    for _ in range(27):
        deadline_at(school, owner=UserFactory(), due_on=TODAY + DAY)
    with django_assert_num_queries(len(few.captured_queries)):
        response = page.get("/deadlines/")
    assert len(rows(response)) == 30


def test_home_page_shows_deadline_counts(page, alnco, school):
    deadline_at(school, due_on=TODAY - DAY)
    deadline_at(school, due_on=TODAY - 2 * DAY)
    deadline_at(school, due_on=TODAY + DAY)
    panel = page.get("/").soup.select_one("#deadline-panel")
    links = [(a.get_text(), a["href"]) for a in panel.select("a")]
    assert links == [
        ("2 deadlines are overdue", "/deadlines/?view=overdue"),
        ("1 deadline is due this week", "/deadlines/?view=due-this-week"),
        ("See all deadlines", "/deadlines/"),
    ]


# --- Marking a deadline as done ------------------------------------------------------------------


def test_mark_done_defaults_to_today_and_returns_to_the_case(page, alnco, school):
    deadline = deadline_at(school, due_on=TODAY + DAY)
    form = page.get(f"/deadlines/{deadline.pk}/done/").soup
    assert [i["value"] for i in form.select(".govuk-date-input input")] == ["14", "10", "2026"]
    assert form.select_one('input[name="version"]')["value"] == "1"
    assert form.select_one("legend").get_text(strip=True) == "When was this done?"
    response = page.post(
        f"/deadlines/{deadline.pk}/done/",
        {"met_on_0": "13", "met_on_1": "10", "met_on_2": "2026", "version": "1"},
        status=302,
    )
    assert response.url == f"/cases/{deadline.case_id}/"
    deadline.refresh_from_db()
    assert (deadline.state, deadline.met_on) == ("met", datetime.date(2026, 10, 13))
    assert AuditEvent.objects.filter(event_type="deadline.met").count() == 1
    banner = page.get(response.url).soup.select_one(".govuk-notification-banner").get_text()
    assert "as done on 13 October 2026" in banner
    assert "after the due date" not in banner


def test_done_late_says_so_and_links_to_recording_why(page, alnco, school):
    deadline = deadline_at(school, due_on=TODAY - 2 * DAY)
    response = page.post(
        f"/deadlines/{deadline.pk}/done/",
        {"met_on_0": "14", "met_on_1": "10", "met_on_2": "2026", "version": "1"},
        status=302,
    )
    banner = page.get(response.url).soup.select_one(".govuk-notification-banner")
    assert "This was after the due date, 12 October 2026." in banner.get_text()
    link = banner.select_one("a")
    assert link["href"] == f"/deadlines/{deadline.pk}/missed-reason/"


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("15", "10", "2026", "Date done must be today or in the past"),
        ("1", "9", "2026", "Date done must be on or after the day the clock started"),
        ("", "", "", "Enter the date it was done"),
        ("31", "2", "2026", "The date must be a real date"),
    ],
)
def test_mark_done_errors_are_on_the_date(page, alnco, school, day, month, year, message):
    deadline = deadline_at(school, due_on=TODAY + DAY)
    response = page.post(
        f"/deadlines/{deadline.pk}/done/",
        {"met_on_0": day, "met_on_1": month, "met_on_2": year, "version": "1"},
    )
    assert message in response.soup.select_one("#id_met_on-error").get_text()
    assert response.soup.select_one(".govuk-error-summary a")["href"] == "#id_met_on_0"
    deadline.refresh_from_db()
    assert deadline.state == "open"


def test_a_stale_version_changes_nothing_and_shows_the_current_state(page, alnco, school):
    deadline = deadline_at(school, due_on=TODAY + DAY)
    Deadline.objects.filter(pk=deadline.pk).update(version=2)  # someone else saved meanwhile
    response = page.post(
        f"/deadlines/{deadline.pk}/done/",
        {"met_on_0": "13", "met_on_1": "10", "met_on_2": "2026", "version": "1"},
    )
    summary = response.soup.select_one(".govuk-error-summary").get_text()
    assert "Someone else changed this deadline" in summary
    assert response.soup.select_one('input[name="version"]')["value"] == "2"
    assert [i["value"] for i in response.soup.select(".govuk-date-input input")] == [
        "13",
        "10",
        "2026",
    ]
    deadline.refresh_from_db()
    assert (deadline.state, deadline.version) == ("open", 2)
    assert not AuditEvent.objects.filter(event_type="deadline.met").exists()


def test_a_deadline_already_done_cannot_be_done_again(page, alnco, school):
    deadline = deadline_at(school, due_on=TODAY, state="met", met_on=TODAY - DAY)
    response = page.get(f"/deadlines/{deadline.pk}/done/")
    assert response.soup.select_one("main form[method=post]") is None
    assert "no longer open" in response.soup.select_one(".govuk-inset-text").get_text()
    posted = page.post(
        f"/deadlines/{deadline.pk}/done/",
        {"met_on_0": "14", "met_on_1": "10", "met_on_2": "2026", "version": "1"},
    )
    assert "already been closed" in posted.soup.select_one(".govuk-error-summary").get_text()


def test_acting_on_another_schools_deadline_answers_404(page, alnco):
    elsewhere = deadline_at(SettingFactory(), due_on=TODAY - DAY)
    page.get(f"/deadlines/{elsewhere.pk}/done/", status=404)
    page.post(f"/deadlines/{elsewhere.pk}/done/", {"version": "1"}, status=404)
    page.get(f"/deadlines/{elsewhere.pk}/missed-reason/", status=404)
    elsewhere.refresh_from_db()
    assert elsewhere.state == "open"


def test_staff_who_see_but_do_not_own_the_duty_get_404(client, page, school):
    deadline = deadline_at(school, due_on=TODAY - DAY)
    signed_in(client, "teacher", setting=school)
    page.get(f"/deadlines/{deadline.pk}/done/", status=404)
    board = HealthBoard.objects.get(code="7A1")
    declo = signed_in(client, "declo", health_board=board)
    LearnerAccessGrantFactory(learner=deadline.case.learner, user=declo)
    page.get(f"/deadlines/{deadline.pk}/done/", status=404)
    nhs = DeadlineFactory(case=deadline.case, rule_id="nhs-response", due_on=TODAY - DAY)
    page.get(f"/deadlines/{nhs.pk}/done/")


# --- Recording why a deadline was missed ---------------------------------------------------------


def test_missed_reason_is_only_offered_once_missed(page, alnco, school):
    not_yet = deadline_at(school, due_on=TODAY)
    page.get(f"/deadlines/{not_yet.pk}/missed-reason/", status=404)
    closed = deadline_at(school, due_on=TODAY - DAY, state="closed")
    page.get(f"/deadlines/{closed.pk}/missed-reason/", status=404)
    on_time = deadline_at(school, due_on=TODAY - DAY, state="met", met_on=TODAY - DAY)
    page.get(f"/deadlines/{on_time.pk}/missed-reason/", status=404)


def test_missed_reason_form_is_accessible(page, alnco, school):
    deadline = deadline_at(school, due_on=TODAY - DAY)
    soup = page.get(f"/deadlines/{deadline.pk}/missed-reason/").soup
    assert soup.select_one("fieldset legend").get_text(strip=True) == (
        "Why was the deadline missed?"
    )
    assert len(soup.select('input[name="reason"][type=radio]')) == 3
    textarea = soup.select_one("textarea#id_circumstance")
    assert textarea["aria-describedby"] == "id_circumstance-info id_circumstance-hint"
    assert (
        "health board arrived after the deadline"
        in soup.select_one("#id_circumstance-hint").get_text()
    )
    assert soup.select_one(".govuk-character-count")["data-maxlength"] == "2000"


def test_missed_reason_needs_a_reason_and_what_happened(page, alnco, school):
    deadline = deadline_at(school, due_on=TODAY - DAY)
    response = page.post(
        f"/deadlines/{deadline.pk}/missed-reason/",
        {"reason": "", "circumstance": "  ", "version": "1"},
    )
    summary = [a.get_text() for a in response.soup.select(".govuk-error-summary a")]
    assert summary == ["Select why the deadline was missed", "Enter what happened"]
    too_long = page.post(
        f"/deadlines/{deadline.pk}/missed-reason/",
        {"reason": "beyond_control", "circumstance": "x" * 2001, "version": "1"},
    )
    assert (
        "2,000 characters or fewer" in too_long.soup.select_one("#id_circumstance-error").get_text()
    )
    deadline.refresh_from_db()
    assert deadline.missed_reason == ""


def test_missed_reason_is_recorded_and_shown_on_the_case(page, alnco, school):
    deadline = deadline_at(school, due_on=TODAY - DAY)
    response = page.post(
        f"/deadlines/{deadline.pk}/missed-reason/",
        {
            "reason": "beyond_control",
            "circumstance": "The health board's report arrived late.",
            "version": "1",
        },
        status=302,
    )
    assert response.url == f"/cases/{deadline.case_id}/"
    deadline.refresh_from_db()
    assert deadline.missed_reason == "beyond_control"
    assert deadline.missed_recorded_by == alnco
    case_page = page.get(response.url).soup
    recorded = case_page.select_one("[data-missed-reason]").get_text()
    assert "circumstances beyond our control" in recorded
    assert "The health board's report arrived late." in recorded


def test_missed_reason_with_a_stale_version_changes_nothing(page, alnco, school):
    deadline = deadline_at(school, due_on=TODAY - DAY)
    Deadline.objects.filter(pk=deadline.pk).update(version=5)
    response = page.post(
        f"/deadlines/{deadline.pk}/missed-reason/",
        {"reason": "no_exception", "circumstance": "Forgot.", "version": "4"},
    )
    assert (
        "Someone else changed this deadline"
        in response.soup.select_one(".govuk-error-summary").get_text()
    )
    deadline.refresh_from_db()
    assert deadline.missed_reason == ""


def test_acting_on_a_deadline_in_welsh(page, alnco, school):
    alnco.preferred_language = "cy"
    alnco.save()
    deadline = deadline_at(school, due_on=TODAY - DAY)
    for path in ("done", "missed-reason"):
        response = page.get(f"/deadlines/{deadline.pk}/{path}/", language="cy")
        assert "13 Hydref 2026" in response.soup.select_one(".govuk-summary-list").get_text()
    errors = page.post(f"/deadlines/{deadline.pk}/missed-reason/", {"version": "1"}, language="cy")
    assert len(errors.soup.select(".govuk-error-summary a")) == 2
