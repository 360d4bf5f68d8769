"""Reading term dates from CSV and iCalendar files (pure: no database)."""

import datetime

import pytest
from django.utils import translation

from aln.deadlines.imports import (
    MAX_ROWS,
    EventKind,
    ImportProblem,
    ImportProblemCode,
    ImportRow,
    ParsedFile,
    check_rows,
    parse_csv,
    parse_ics,
    parse_upload,
)
from aln.domain.calendar import Closure, Term

D = datetime.date

GOOD_CSV = """type,start,end,reason
term,2026-09-01,2026-10-23,
term,2026-11-02,2026-12-18,
closure,2026-09-18,2026-09-18,INSET day
term,04/01/2027,12/02/2027,
"""


def _codes(parsed):
    return [(p.line, p.code) for p in parsed.problems]


def _ics(*events: str) -> bytes:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}@example.org\r\nDTSTAMP:20260101T000000Z\r\n{e}END:VEVENT\r\n"
        for n, e in enumerate(events)
    )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" + body + "END:VCALENDAR\r\n"
    ).encode()


def test_good_csv_gives_terms_and_closures_with_their_lines():
    parsed = parse_csv(GOOD_CSV.encode())
    assert parsed.problems == ()
    assert parsed.rows == (
        ImportRow(2, EventKind.TERM, D(2026, 9, 1), D(2026, 10, 23)),
        ImportRow(3, EventKind.TERM, D(2026, 11, 2), D(2026, 12, 18)),
        ImportRow(4, EventKind.CLOSURE, D(2026, 9, 18), D(2026, 9, 18), "INSET day"),
        ImportRow(5, EventKind.TERM, D(2027, 1, 4), D(2027, 2, 12)),
    )


def test_csv_saved_by_excel_with_a_byte_order_mark_and_crlf_is_read():
    data = "\ufeff" + GOOD_CSV.replace("\n", "\r\n")
    parsed = parse_csv(data.encode("utf-8"))
    assert parsed.problems == ()
    assert len(parsed.rows) == 4


def test_csv_accepts_welsh_column_names_and_types_in_any_order():
    data = (
        "rheswm,math,dechrau,diwedd\n"
        ",Tymor,01/09/2026,23/10/2026\n"
        "Diwrnod HMS,cau,18/09/2026,18/09/2026\n"
    )
    parsed = parse_csv(data.encode())
    assert parsed.problems == ()
    assert [(r.kind, r.start, r.reason) for r in parsed.rows] == [
        (EventKind.TERM, D(2026, 9, 1), ""),
        (EventKind.CLOSURE, D(2026, 9, 18), "Diwrnod HMS"),
    ]


def test_every_bad_csv_row_is_reported_with_its_line_number():
    data = (
        "type,start,end,reason\n"
        "term,2026-09-01,2026-10-23,\n"  # line 2: fine
        "holiday,2026-11-02,2026-12-18,\n"  # line 3: unknown type
        "term,2026-12-18,2026-11-02,\n"  # line 4: ends before it starts
        "\n"  # line 5: blank lines are skipped but still counted
        "closure,2026-09-18,2026-09-18,\n"  # line 6: no reason
        "term,31/02/2027,,\n"  # line 7: not a real date, and no end
        "closure,2027-13-01,18-09-2026,Polling day\n"  # line 8: two bad dates
    )
    parsed = parse_csv(data.encode())
    assert _codes(parsed) == [
        (3, ImportProblemCode.UNKNOWN_TYPE),
        (4, ImportProblemCode.END_BEFORE_START),
        (6, ImportProblemCode.REASON_MISSING),
        (7, ImportProblemCode.START_NOT_A_DATE),
        (7, ImportProblemCode.END_MISSING),
        (8, ImportProblemCode.START_NOT_A_DATE),
        (8, ImportProblemCode.END_NOT_A_DATE),
    ]
    assert [r.line for r in parsed.rows] == [2]


def test_a_quoted_value_over_two_lines_keeps_later_line_numbers_right():
    data = 'type,start,end,reason\nclosure,2026-09-18,2026-09-18,"INSET\nday"\nterm,x,2026-10-23,\n'
    parsed = parse_csv(data.encode())
    assert parsed.rows[0].reason == "INSET day"
    assert _codes(parsed) == [(4, ImportProblemCode.START_NOT_A_DATE)]


def test_problem_messages_name_the_line_in_english_and_welsh():
    problem = ImportProblem(4, ImportProblemCode.END_BEFORE_START)
    with translation.override("en-gb"):
        assert problem.message() == (
            "Line 4: The end date must be the same as or after the start date"
        )
    repeat = ImportProblem(6, ImportProblemCode.REPEATS_ROW, other_line=2)
    with translation.override("en-gb"):
        assert repeat.message() == "Line 6: This row is the same as line 2"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("start,end\n2026-09-01,2026-10-23\n", ImportProblemCode.MISSING_COLUMNS),
        ("type,start,end,reason\n", ImportProblemCode.NO_ROWS),
        ("\n\n", ImportProblemCode.FILE_EMPTY),
    ],
)
def test_a_csv_with_no_usable_header_or_rows_gets_one_message(data, code):
    parsed = parse_csv(data.encode())
    assert [p.code for p in parsed.problems] == [code]
    assert parsed.rows == ()


def test_a_file_that_is_not_utf8_gets_one_clear_message():
    # Saved by an old spreadsheet as Windows-1252: an en dash and an accented letter.
    data = b"type,start,end,reason\nclosure,2026-09-18,2026-09-18,INSET \x96 caf\xe9\n"
    parsed = parse_csv(data)
    assert _codes(parsed) == [(None, ImportProblemCode.NOT_UTF8)]


def test_too_many_rows_is_refused_as_a_whole():
    rows = "".join("closure,2026-09-18,2026-09-18,INSET day\n" for _ in range(MAX_ROWS + 1))
    parsed = parse_csv(f"type,start,end,reason\n{rows}".encode())
    assert _codes(parsed) == [(None, ImportProblemCode.TOO_MANY_ROWS)]


def test_upload_checks_size_and_file_type_first():
    big = b"type,start,end,reason\n" + b"x" * (1024 * 1024)
    assert parse_upload("dates.csv", big).problems[0].code is ImportProblemCode.FILE_TOO_BIG
    wrong = parse_upload("dates.xlsx", GOOD_CSV.encode())
    assert wrong.problems[0].code is ImportProblemCode.WRONG_FILE_TYPE
    assert parse_upload("dates.csv", b"  ").problems[0].code is ImportProblemCode.FILE_EMPTY
    assert len(parse_upload("Dates.CSV", GOOD_CSV.encode()).rows) == 4


def test_good_ics_reads_all_day_events_with_exclusive_end_dates():
    data = _ics(
        "DTSTART;VALUE=DATE:20260918\r\nDTEND;VALUE=DATE:20260919\r\nSUMMARY:INSET day\r\n",
        "DTSTART;VALUE=DATE:20270506\r\nSUMMARY:Polling day\r\n",  # no DTEND: one day
        "DTSTART;VALUE=DATE:20261026\r\nDTEND;VALUE=DATE:20261031\r\nSUMMARY:Closed\r\n",
    )
    parsed = parse_ics(data, EventKind.CLOSURE)
    assert parsed.problems == ()
    assert [(r.line, r.start, r.end, r.reason) for r in parsed.rows] == [
        (4, D(2026, 9, 18), D(2026, 9, 18), "INSET day"),
        (11, D(2027, 5, 6), D(2027, 5, 6), "Polling day"),
        (17, D(2026, 10, 26), D(2026, 10, 30), "Closed"),
    ]


def test_ics_terms_from_the_upload_route():
    data = _ics("DTSTART;VALUE=DATE:20260901\r\nDTEND;VALUE=DATE:20261024\r\nSUMMARY:Autumn\r\n")
    parsed = parse_upload("terms.ics", data, EventKind.TERM)
    assert parsed.rows == (ImportRow(4, EventKind.TERM, D(2026, 9, 1), D(2026, 10, 23)),)


def test_every_bad_ics_event_is_reported_at_its_begin_line():
    data = _ics(
        "DTSTART:20260918T090000Z\r\nDTEND:20260918T150000Z\r\nSUMMARY:Meeting\r\n",  # timed
        "DTSTART;VALUE=DATE:20260918\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Every week\r\n",
        "DTSTART;VALUE=DATE:20260918\r\n",  # a closure needs a reason
        "SUMMARY:No start\r\n",
        "DTSTART;VALUE=DATE:20260918\r\nDTEND;VALUE=DATE:20260910\r\nSUMMARY:Back to front\r\n",
        "DTSTART;VALUE=DATE:20260918\r\nDTEND;VALUE=DATE:20260919\r\nSUMMARY:Fine\r\n",
    )
    parsed = parse_ics(data, EventKind.CLOSURE)
    assert _codes(parsed) == [
        (4, ImportProblemCode.TIMED_EVENT),
        (11, ImportProblemCode.REPEATING_EVENT),
        (18, ImportProblemCode.REASON_MISSING),
        (23, ImportProblemCode.START_MISSING),
        (28, ImportProblemCode.END_BEFORE_START),
    ]
    assert [r.reason for r in parsed.rows] == ["Fine"]


def test_cancelled_events_are_left_out():
    data = _ics(
        "DTSTART;VALUE=DATE:20260918\r\nSTATUS:CANCELLED\r\nSUMMARY:Called off\r\n",
        "DTSTART;VALUE=DATE:20260925\r\nSUMMARY:INSET day\r\n",
    )
    parsed = parse_ics(data, EventKind.CLOSURE)
    assert [(r.line, r.reason) for r in parsed.rows] == [(11, "INSET day")]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"this is not a calendar", ImportProblemCode.ICS_UNREADABLE),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", ImportProblemCode.NO_ROWS),
        (b"BEGIN:VCALENDAR\r\n\xff\xfe\r\nEND:VCALENDAR\r\n", ImportProblemCode.NOT_UTF8),
    ],
)
def test_unreadable_ics_gets_one_clear_message(data, code):
    assert _codes(parse_ics(data, EventKind.TERM)) == [(None, code)]


RECORDED = [Term(D(2026, 9, 1), D(2026, 10, 23)), Term(D(2026, 11, 2), D(2026, 12, 18))]
RECORDED_CLOSURES = [Closure(D(2026, 9, 18), D(2026, 9, 18), "INSET day")]


def _rows(*rows):
    return ParsedFile(rows=tuple(ImportRow(n + 2, *row) for n, row in enumerate(rows)))


def test_rows_already_recorded_are_skipped_and_counted():
    parsed = _rows(
        (EventKind.TERM, D(2026, 9, 1), D(2026, 10, 23)),
        (EventKind.CLOSURE, D(2026, 9, 18), D(2026, 9, 18), "inset  DAY"),
        (EventKind.TERM, D(2027, 1, 4), D(2027, 2, 12)),
    )
    checked = check_rows(parsed, RECORDED, RECORDED_CLOSURES)
    assert checked.problems == ()
    assert checked.skipped == 2
    assert [r.line for r in checked.terms] == [4]
    assert checked.closures == ()


def test_overlaps_with_recorded_terms_and_with_each_other_are_problems():
    parsed = _rows(
        (EventKind.TERM, D(2026, 10, 20), D(2026, 10, 30)),  # line 2: overlaps a recorded term
        (EventKind.TERM, D(2027, 1, 4), D(2027, 2, 12)),  # line 3
        (EventKind.TERM, D(2027, 2, 1), D(2027, 2, 19)),  # line 4: overlaps line 3
        (EventKind.TERM, D(2027, 1, 4), D(2027, 2, 12)),  # line 5: the same as line 3
    )
    checked = check_rows(parsed, RECORDED, [])
    assert [(p.line, p.code, p.other_line) for p in checked.problems] == [
        (5, ImportProblemCode.REPEATS_ROW, 3),
        (2, ImportProblemCode.OVERLAPS_RECORDED_TERM, None),
        (4, ImportProblemCode.OVERLAPS_TERM_IN_FILE, 3),
    ]


def test_a_missing_year_between_terms_is_a_problem_on_the_term_after_the_gap():
    parsed = _rows((EventKind.TERM, D(2027, 9, 1), D(2027, 10, 22)))
    checked = check_rows(parsed, RECORDED, [])
    assert [(p.line, p.code) for p in checked.problems] == [
        (2, ImportProblemCode.TERMS_TOO_FAR_APART)
    ]


def test_a_gap_before_recorded_terms_is_blamed_on_the_imported_term():
    parsed = _rows((EventKind.TERM, D(2025, 1, 6), D(2025, 2, 14)))
    checked = check_rows(parsed, RECORDED, [])
    assert [(p.line, p.code) for p in checked.problems] == [
        (2, ImportProblemCode.TERMS_TOO_FAR_APART)
    ]


def test_parse_problems_are_kept_by_the_check():
    parsed = ParsedFile(
        rows=(ImportRow(2, EventKind.TERM, D(2027, 1, 4), D(2027, 2, 12)),),
        problems=(ImportProblem(3, ImportProblemCode.UNKNOWN_TYPE),),
    )
    checked = check_rows(parsed, RECORDED, [])
    assert [(p.line, p.code) for p in checked.problems] == [(3, ImportProblemCode.UNKNOWN_TYPE)]
