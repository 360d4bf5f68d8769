import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from aln.deadlines.models import CalendarClosure, CalendarTerm
from tests.conftest import signed_in
from tests.factories import (
    CalendarClosureFactory,
    CalendarTermFactory,
    LocalAuthorityFactory,
    SettingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
URL = "/deadlines/term-dates/"
TODAY = datetime.datetime(2026, 10, 5, 12, 0, tzinfo=datetime.UTC)

TERMS_2026 = [
    (D(2026, 9, 1), D(2026, 10, 23)),
    (D(2026, 11, 2), D(2026, 12, 18)),
    (D(2027, 1, 4), D(2027, 2, 12)),
    (D(2027, 2, 22), D(2027, 3, 26)),
    (D(2027, 4, 12), D(2027, 5, 28)),
    (D(2027, 6, 7), D(2027, 7, 20)),
]
TERMS_2027 = [
    (D(2027, 9, 1), D(2027, 10, 22)),
    (D(2027, 11, 1), D(2027, 12, 17)),
    (D(2028, 1, 4), D(2028, 2, 11)),
    (D(2028, 2, 21), D(2028, 3, 24)),
    (D(2028, 4, 10), D(2028, 5, 26)),
    (D(2028, 6, 5), D(2028, 7, 20)),
]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def manager(client, authority):
    return signed_in(client, "la_aln_manager", local_authority=authority)


def _terms(authority, terms=TERMS_2026, setting=None):
    return [
        CalendarTermFactory(local_authority=authority, setting=setting, starts_on=s, ends_on=e)
        for s, e in terms
    ]


def _date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _welsh(user):
    user.preferred_language = "cy"
    user.save()


def _banner(client, response):
    """The success banner on the page a POST redirected to."""
    return client.get(response.url).content.decode()


# --- The calendar page ---------------------------------------------------------------------------


def test_la_staff_see_their_las_terms_by_school_year_newest_first(page, la_officer, authority):
    _terms(authority, TERMS_2026 + TERMS_2027)
    _terms(LocalAuthorityFactory(), [(D(2030, 9, 2), D(2030, 10, 25))])  # another LA's
    CalendarClosureFactory(local_authority=authority, reason="Polling day")

    response = page.get(URL)

    headings = [h.get_text(strip=True) for h in response.soup.select("main h2[id^=year-]")]
    assert headings == ["School year 2027 to 2028", "School year 2026 to 2027"]
    rows = response.soup.select("#terms-2026 tbody tr")
    assert rows[0].select("td")[0].get_text() == "1 September 2026"
    assert len(rows) == 6
    assert "Polling day" in response.soup.select_one("#closures-2026").get_text()
    assert "2030" not in response.soup.select_one("main").get_text()
    # 2026/27: 196 weekdays in term, less two bank holidays in term (Good Friday 26 March and
    # May Day 3 May 2027) and the closure on 18 September.
    days = response.soup.select_one("#school-days-2026").get_text(strip=True)
    assert days == "This school year has 193 school days."
    assert not response.soup.select("#calendar-warning")
    # An officer looks but does not change.
    assert not response.soup.select(".govuk-button-group")
    assert not response.soup.select("a[href*='/terms/']")


def test_the_calendar_page_query_count_does_not_grow_with_terms(
    page, manager, authority, school, django_assert_max_num_queries
):
    _terms(authority, TERMS_2026[:2])
    with django_assert_max_num_queries(15) as few:
        page.get(URL)
    _terms(authority, TERMS_2026[2:] + TERMS_2027)
    CalendarClosureFactory.create_batch(5, local_authority=authority)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = page.get(URL)
    assert len(response.soup.select("tbody tr")) == 17


def test_the_page_warns_when_term_dates_run_out_soon(page, la_officer, authority):
    _terms(authority)
    response = page.get(URL)
    warning = response.soup.select_one("#calendar-warning").get_text(strip=True)
    assert warning == (
        "Term dates are recorded up to 20 July 2027. Deadlines that fall after that date "
        "cannot be worked out until next year\N{RIGHT SINGLE QUOTATION MARK}s term dates are added."
    )


def test_the_page_warns_when_no_term_dates_are_recorded(page, la_officer):
    response = page.get(URL)
    assert "No term dates are recorded" in response.soup.select_one("#calendar-warning").text
    assert response.soup.select_one("#nothing-recorded")


def test_the_page_in_welsh(page, la_officer, authority):
    _terms(authority)
    _welsh(la_officer)
    response = page.get(URL, language="cy")
    assert response.soup.select_one("#terms-2026 td").get_text() == "1 Medi 2026"


def test_managers_get_the_buttons_and_change_links(page, manager, authority):
    term = _terms(authority)[0]
    response = page.get(URL)
    buttons = [a.get_text(strip=True) for a in response.soup.select(".govuk-button-group a")]
    assert buttons == ["Add a term", "Add a closure", "Import term dates"]
    links = {a["href"] for a in response.soup.select("#terms-2026 a")}
    assert f"/deadlines/term-dates/terms/{term.pk}/" in links
    assert f"/deadlines/term-dates/terms/{term.pk}/delete/" in links


def test_la_staff_can_see_the_calendar_a_school_counts_on(page, la_officer, authority, school):
    _terms(authority)
    CalendarClosureFactory(local_authority=authority, reason="Polling day")
    CalendarClosureFactory(
        local_authority=authority,
        setting=school,
        starts_on=D(2026, 10, 2),
        ends_on=D(2026, 10, 2),
        reason="INSET day",
    )
    CalendarClosureFactory(
        local_authority=authority,
        setting=SettingFactory(local_authority=authority),
        reason="Another school's INSET day",
    )

    la_page = page.get(URL)
    assert "INSET day" not in la_page.soup.select_one("#closures-2026").get_text()

    response = page.get(URL, setting=str(school.pk))
    whose = response.soup.select_one("#whose-terms").text
    assert "uses the local authority\N{RIGHT SINGLE QUOTATION MARK}s term dates" in whose
    closures = [
        [td.get_text(strip=True) for td in row.select("td")[2:4]]
        for row in response.soup.select("#closures-2026 tbody tr")
    ]
    assert closures == [
        ["Polling day", "All schools in the local authority"],
        ["INSET day", school.name],
    ]


def test_a_school_with_its_own_terms_shows_those(page, la_officer, authority, school):
    _terms(authority)
    _terms(authority, [(D(2026, 9, 7), D(2026, 12, 16))], setting=school)
    response = page.get(URL, setting=str(school.pk))
    rows = response.soup.select("#terms-2026 tbody tr")
    assert len(rows) == 1
    assert rows[0].select("td")[2].get_text(strip=True) == school.name
    assert "keeps its own term dates" in response.soup.select_one("#whose-terms").text


def test_choosing_a_school_in_another_la_is_an_error(page, la_officer):
    response = page.get(URL, setting=str(SettingFactory().pk))
    assert "from the list" in response.soup.select_one(".govuk-error-summary").get_text()


def test_setting_staff_see_their_own_schools_calendar(page, client, authority, school):
    teacher = signed_in(client, "teacher", setting=school)
    _terms(authority)
    CalendarClosureFactory(local_authority=authority, setting=school, reason="INSET day")
    response = page.get(URL)
    assert response.soup.select_one(".govuk-caption-l").get_text() == school.name
    assert "INSET day" in response.soup.select_one("#closures-2026").get_text()
    assert not response.soup.select(".govuk-button-group")  # teachers only look
    assert not response.soup.select("#id_setting")  # nothing else to choose
    _welsh(teacher)
    page.get(URL, language="cy")


def test_an_alnco_may_add_closures_but_not_terms(page, alnco, authority, school):
    _terms(authority)
    own = CalendarClosureFactory(local_authority=authority, setting=school)
    CalendarClosureFactory(local_authority=authority, reason="Polling day")
    response = page.get(URL)
    buttons = [a.get_text(strip=True) for a in response.soup.select(".govuk-button-group a")]
    assert buttons == ["Add a closure"]
    removable = [a["href"] for a in response.soup.select("#closures-2026 a")]
    assert removable == [f"/deadlines/term-dates/closures/{own.pk}/delete/"]


def test_people_without_an_la_or_school_get_404(page, client):
    signed_in(client, "parent")
    page.get(URL, status=404)
    client.force_login(UserFactory())
    page.get(URL, status=404)


# --- Terms ---------------------------------------------------------------------------------------


def test_manager_adds_a_term(page, client, manager, authority):
    data = {**_date_fields("starts_on", D(2026, 9, 1)), **_date_fields("ends_on", D(2026, 10, 23))}
    response = page.post("/deadlines/term-dates/terms/add/", data, status=302)
    term = CalendarTerm.objects.get()
    assert (term.local_authority, term.setting, term.ends_on) == (authority, None, D(2026, 10, 23))
    assert "Term added. No deadlines moved." in _banner(client, response)


def test_a_term_ending_before_it_starts_shows_the_error(page, manager):
    data = {**_date_fields("starts_on", D(2026, 10, 23)), **_date_fields("ends_on", D(2026, 9, 1))}
    response = page.post("/deadlines/term-dates/terms/add/", data)
    summary = response.soup.select_one(".govuk-error-summary")
    assert summary.select_one("a")["href"] == "#id_ends_on_0"
    message = "The last day of term must be the same as or after the first day"
    assert message in response.soup.select_one("#id_ends_on-error").get_text()
    assert not CalendarTerm.objects.exists()


def test_empty_term_form_shows_every_missing_date_in_welsh_too(page, manager):
    response = page.post("/deadlines/term-dates/terms/add/", {})
    assert len(response.soup.select(".govuk-error-summary li")) == 2
    _welsh(manager)
    page.post("/deadlines/term-dates/terms/add/", {}, language="cy")


def test_manager_adds_a_term_for_one_schools_own_dates(page, manager, authority, school):
    form = page.get("/deadlines/term-dates/terms/add/")
    options = [o["value"] for o in form.soup.select("#id_setting option")]
    assert options == ["", str(school.pk)]
    data = {
        **_date_fields("starts_on", D(2026, 9, 7)),
        **_date_fields("ends_on", D(2026, 12, 16)),
        "setting": str(school.pk),
    }
    response = page.post("/deadlines/term-dates/terms/add/", data, status=302)
    assert response.url == f"{URL}?setting={school.pk}"
    assert CalendarTerm.objects.get().setting == school


def test_manager_changes_a_term(page, client, manager, authority):
    term = _terms(authority)[1]
    url = f"/deadlines/term-dates/terms/{term.pk}/"
    form = page.get(url)
    assert form.soup.select_one("#id_starts_on_0")["value"] == "2"
    updated_at = form.soup.select_one("input[name=updated_at]")["value"]
    data = {
        **_date_fields("starts_on", D(2026, 11, 9)),
        **_date_fields("ends_on", D(2026, 12, 18)),
        "updated_at": updated_at,
    }
    response = page.post(url, data, status=302)
    term.refresh_from_db()
    assert term.starts_on == D(2026, 11, 9)
    assert "Term changed." in _banner(client, response)


def test_changing_a_term_someone_else_changed_shows_what_it_says_now(page, manager, authority):
    term = _terms(authority)[1]
    url = f"/deadlines/term-dates/terms/{term.pk}/"
    data = {
        **_date_fields("starts_on", D(2026, 11, 9)),
        **_date_fields("ends_on", D(2026, 12, 18)),
        "updated_at": "2020-01-01T00:00:00+00:00",
    }
    response = page.post(url, data)
    assert "Someone else changed" in response.soup.select_one(".govuk-error-summary").get_text()
    assert response.soup.select_one("#id_starts_on_0")["value"] == "2"
    term.refresh_from_db()
    assert term.starts_on == D(2026, 11, 2)


def test_manager_removes_a_term_after_confirming(page, client, manager, authority):
    term = _terms(authority)[-1]
    url = f"/deadlines/term-dates/terms/{term.pk}/delete/"
    confirm = page.get(url)
    assert "Are you sure" in confirm.soup.h1.get_text()
    assert confirm.soup.select_one("form button.govuk-button--warning")
    response = page.post(url, {}, status=302)
    assert CalendarTerm.objects.count() == 5
    assert "Term removed." in _banner(client, response)


def test_removing_a_term_that_leaves_a_gap_shows_why_not(page, manager, authority):
    terms = _terms(authority, TERMS_2026 + TERMS_2027)
    response = page.post(f"/deadlines/term-dates/terms/{terms[6].pk}/delete/", {})
    assert "more than 100 days" in response.soup.select_one(".govuk-error-summary").get_text()
    assert CalendarTerm.objects.count() == 12


def test_another_las_term_answers_404(page, manager):
    other = CalendarTermFactory(local_authority=LocalAuthorityFactory())
    page.get(f"/deadlines/term-dates/terms/{other.pk}/", status=404)
    page.get(f"/deadlines/term-dates/terms/{other.pk}/delete/", status=404)
    page.post(f"/deadlines/term-dates/terms/{other.pk}/delete/", {}, status=404)
    assert CalendarTerm.objects.filter(pk=other.pk).exists()


def test_setting_staff_and_officers_cannot_manage_terms(page, client, authority, school):
    term = _terms(authority)[0]
    for role, organisation in [
        ("alnco", {"setting": school}),
        ("la_aln_officer", {"local_authority": authority}),
    ]:
        signed_in(client, role, **organisation)
        page.get("/deadlines/term-dates/terms/add/", status=404)
        page.get(f"/deadlines/term-dates/terms/{term.pk}/", status=404)
        page.get("/deadlines/term-dates/import/", status=404)


# --- Closures ------------------------------------------------------------------------------------


def _closure_data(**overrides):
    return {
        **_date_fields("starts_on", D(2026, 11, 16)),
        **_date_fields("ends_on", D(2026, 11, 16)),
        "reason": "INSET day",
        **overrides,
    }


def test_alnco_adds_a_closure_for_their_own_school(page, client, alnco, school):
    form = page.get("/deadlines/term-dates/closures/add/")
    assert form.soup.select_one("input[type=hidden][name=setting]")["value"] == str(school.pk)
    assert not form.soup.select("input[name=applies_to]")
    response = page.post(
        "/deadlines/term-dates/closures/add/", _closure_data(setting=str(school.pk)), status=302
    )
    closure = CalendarClosure.objects.get()
    assert (closure.setting, closure.local_authority) == (school, school.local_authority)
    assert "Closure added. No deadlines moved." in _banner(client, response)


def test_alnco_cannot_add_a_closure_for_another_school(page, alnco, authority):
    other = SettingFactory(local_authority=authority)
    response = page.post(
        "/deadlines/term-dates/closures/add/", _closure_data(setting=str(other.pk))
    )
    assert response.soup.select_one(".govuk-error-summary")
    assert not CalendarClosure.objects.exists()


def test_manager_adds_a_closure_for_all_schools_or_one(page, manager, authority, school):
    page.post(
        "/deadlines/term-dates/closures/add/",
        _closure_data(applies_to="authority", reason="Polling day"),
        status=302,
    )
    page.post(
        "/deadlines/term-dates/closures/add/",
        _closure_data(applies_to="setting", setting=str(school.pk)),
        status=302,
    )
    assert set(CalendarClosure.objects.values_list("setting", "reason")) == {
        (None, "Polling day"),
        (school.pk, "INSET day"),
    }


def test_closure_form_errors_are_shown_with_a_summary(page, manager):
    response = page.post(
        "/deadlines/term-dates/closures/add/",
        _closure_data(applies_to="setting", reason="", **_date_fields("ends_on", D(2026, 11, 1))),
    )
    summary = response.soup.select_one(".govuk-error-summary").get_text()
    assert "Enter the reason" in summary
    assert "Select the school, setting or college that is closed" in summary
    assert not CalendarClosure.objects.exists()
    response = page.post(
        "/deadlines/term-dates/closures/add/",
        _closure_data(applies_to="authority", **_date_fields("ends_on", D(2026, 11, 1))),
    )
    assert "last day closed" in response.soup.select_one("#id_ends_on-error").get_text()
    _welsh(manager)
    page.post("/deadlines/term-dates/closures/add/", {}, language="cy")


@pytest.mark.parametrize(
    ("role", "organisation"),
    [("teacher", "setting"), ("la_aln_officer", "local_authority")],
)
def test_people_who_only_look_cannot_add_or_remove_closures(
    page, client, authority, school, role, organisation
):
    org = {"setting": school, "local_authority": authority}[organisation]
    signed_in(client, role, **{organisation: org})
    closure = CalendarClosureFactory(local_authority=authority, setting=school)
    page.get("/deadlines/term-dates/closures/add/", status=404)
    page.get(f"/deadlines/term-dates/closures/{closure.pk}/delete/", status=404)
    page.post(f"/deadlines/term-dates/closures/{closure.pk}/delete/", {}, status=404)
    assert CalendarClosure.objects.count() == 1


def test_alnco_removes_their_schools_closure_but_not_the_las(page, client, alnco, school):
    own = CalendarClosureFactory(local_authority=school.local_authority, setting=school)
    la_wide = CalendarClosureFactory(local_authority=school.local_authority)
    other_school = CalendarClosureFactory(
        local_authority=school.local_authority,
        setting=SettingFactory(local_authority=school.local_authority),
    )
    page.get(f"/deadlines/term-dates/closures/{la_wide.pk}/delete/", status=404)
    page.post(f"/deadlines/term-dates/closures/{other_school.pk}/delete/", {}, status=404)
    confirm = page.get(f"/deadlines/term-dates/closures/{own.pk}/delete/")
    assert "Are you sure" in confirm.soup.h1.get_text()
    response = page.post(f"/deadlines/term-dates/closures/{own.pk}/delete/", {}, status=302)
    assert response.url == f"{URL}?setting={school.pk}"
    assert set(CalendarClosure.objects.all()) == {la_wide, other_school}
    assert "Closure removed." in _banner(client, response)


# --- Import --------------------------------------------------------------------------------------


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def test_manager_imports_a_csv(page, client, manager, authority):
    _terms(authority, TERMS_2026[:1])
    csv = (
        "\ufefftype,start,end,reason\r\n"
        "term,01/09/2026,23/10/2026,\r\n"
        "term,02/11/2026,18/12/2026,\r\n"
        "closure,2026-09-18,2026-09-18,INSET day\r\n"
    ).encode()
    response = page.post(
        "/deadlines/term-dates/import/", {"file": _upload("terms.csv", csv)}, status=302
    )
    assert CalendarTerm.objects.count() == 2
    assert CalendarClosure.objects.get().reason == "INSET day"
    banner = _banner(client, response)
    assert "1 term added. 1 closure added." in banner
    assert "1 row was already recorded, so it was skipped." in banner


def test_a_bad_import_lists_every_problem_and_saves_nothing(page, manager, authority):
    csv = (
        b"type,start,end,reason\n"
        b"term,2026-09-01,2026-10-23,\n"
        b"term,2026-11-02,2026-12-18,\n"
        b"term,2027-02-12,2027-01-04,\n"
        b"closure,2026-09-18,2026-09-18,\n"
    )
    response = page.post("/deadlines/term-dates/import/", {"file": _upload("terms.csv", csv)})
    items = [li.get_text(strip=True) for li in response.soup.select(".govuk-error-summary li")]
    assert items == [
        "Line 4: The end date must be the same as or after the start date",
        "Line 5: Enter the reason for the closure, like INSET day or polling day",
    ]
    assert response.soup.select_one(".govuk-error-summary a")["href"] == "#id_file"
    assert "Nothing was imported" in response.soup.select_one("#id_file-error").get_text()
    assert not CalendarTerm.objects.exists()
    assert not CalendarClosure.objects.exists()


def test_import_problems_in_welsh(page, manager):
    _welsh(manager)
    page.post(
        "/deadlines/term-dates/import/",
        {"file": _upload("terms.csv", b"type,start,end\nterm,x,y\n")},
        language="cy",
    )


def test_an_ics_import_needs_to_know_what_the_events_are(page, manager, authority):
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:1@example.org\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260918\r\n"
        b"DTEND;VALUE=DATE:20260919\r\nSUMMARY:INSET day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    response = page.post("/deadlines/term-dates/import/", {"file": _upload("inset.ics", ics)})
    assert "terms or closures" in response.soup.select_one("#id_events_are-error").get_text()
    page.post(
        "/deadlines/term-dates/import/",
        {"file": _upload("inset.ics", ics), "events_are": "closure"},
        status=302,
    )
    closure = CalendarClosure.objects.get()
    assert (closure.starts_on, closure.ends_on, closure.reason) == (
        D(2026, 9, 18),
        D(2026, 9, 18),
        "INSET day",
    )


def test_a_file_of_the_wrong_type_is_refused(page, manager):
    response = page.post(
        "/deadlines/term-dates/import/", {"file": _upload("terms.xlsx", b"PK\x03\x04")}
    )
    assert ".csv" in response.soup.select_one("#id_file-error").get_text()


def test_the_import_page_in_welsh(page, manager):
    _welsh(manager)
    response = page.get("/deadlines/term-dates/import/", language="cy")
    assert response.soup.select_one("input[type=file]#id_file")
