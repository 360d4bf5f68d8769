"""Read term dates and closures from an uploaded file: CSV or iCalendar (.ics).

Pure parsing: no models, no database. `parse_upload` turns the bytes into rows and problems, each
problem with the line it is on, so an LA administrator can fix every mistake in one go.
`check_rows` then compares the rows with what is already recorded (overlaps, exact duplicates,
gaps between terms) using the domain's `SchoolCalendar` rules. The calendar service calls it
inside its transaction, and refuses the whole file if there is any problem at all.

Problems carry stable codes (`ImportProblemCode`); `IMPORT_MESSAGES` holds their translated words.
"""

import csv
import datetime
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import icalendar
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aln.domain.calendar import (
    CalendarError,
    CalendarErrorCode,
    Closure,
    SchoolCalendar,
    Term,
)

MAX_FILE_BYTES = 1024 * 1024  # 1 MB: ten years of an LA's term dates is a few kilobytes
MAX_ROWS = 1000
MAX_REASON_LENGTH = 200  # CalendarClosure.reason

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_ONE_DAY = datetime.timedelta(days=1)


class EventKind(StrEnum):
    TERM = "term"
    CLOSURE = "closure"


# What the `type` column may say, in English or Welsh.
_KIND_WORDS = {
    "term": EventKind.TERM,
    "tymor": EventKind.TERM,
    "closure": EventKind.CLOSURE,
    "cau": EventKind.CLOSURE,
}

# Column names, in English or Welsh.
_COLUMNS = {
    "type": "type",
    "math": "type",
    "start": "start",
    "dechrau": "start",
    "end": "end",
    "diwedd": "end",
    "reason": "reason",
    "rheswm": "reason",
}
_REQUIRED_COLUMNS = ("type", "start", "end")


class ImportProblemCode(StrEnum):
    # The whole file
    FILE_TOO_BIG = "import.file_too_big"
    FILE_EMPTY = "import.file_empty"
    WRONG_FILE_TYPE = "import.wrong_file_type"
    NOT_UTF8 = "import.not_utf8"
    CSV_UNREADABLE = "import.csv_unreadable"
    ICS_UNREADABLE = "import.ics_unreadable"
    MISSING_COLUMNS = "import.missing_columns"
    NO_ROWS = "import.no_rows"
    TOO_MANY_ROWS = "import.too_many_rows"
    # One row (or event)
    UNKNOWN_TYPE = "import.unknown_type"
    START_MISSING = "import.start_missing"
    END_MISSING = "import.end_missing"
    START_NOT_A_DATE = "import.start_not_a_date"
    END_NOT_A_DATE = "import.end_not_a_date"
    END_BEFORE_START = "import.end_before_start"
    REASON_MISSING = "import.reason_missing"
    REASON_TOO_LONG = "import.reason_too_long"
    TIMED_EVENT = "import.timed_event"
    REPEATING_EVENT = "import.repeating_event"
    # Against other rows and what is recorded
    OVERLAPS_RECORDED_TERM = "import.overlaps_recorded_term"
    OVERLAPS_TERM_IN_FILE = "import.overlaps_term_in_file"
    REPEATS_ROW = "import.repeats_row"
    TERMS_TOO_FAR_APART = "import.terms_too_far_apart"


IMPORT_MESSAGES = {
    ImportProblemCode.FILE_TOO_BIG: _("The file must be smaller than 1 MB"),
    ImportProblemCode.FILE_EMPTY: _("The file is empty"),
    ImportProblemCode.WRONG_FILE_TYPE: _(
        "The file must be a CSV file (.csv) or an iCalendar file (.ics)"
    ),
    ImportProblemCode.NOT_UTF8: _("The file could not be read. Save it as CSV UTF-8 and try again"),
    ImportProblemCode.CSV_UNREADABLE: _(
        "The file could not be read as a CSV file. Check it was saved as CSV and try again"
    ),
    ImportProblemCode.ICS_UNREADABLE: _(
        "The file could not be read as an iCalendar file. Export it from your calendar again "
        "and try again"
    ),
    ImportProblemCode.MISSING_COLUMNS: _(
        "The first line must name the columns: type, start, end and reason"
    ),
    ImportProblemCode.NO_ROWS: _("The file has no term dates or closures in it"),
    ImportProblemCode.TOO_MANY_ROWS: _(
        "The file must have 1,000 rows or fewer. Split it into smaller files"
    ),
    ImportProblemCode.UNKNOWN_TYPE: _("The type must be either term or closure"),
    ImportProblemCode.START_MISSING: _("Enter the start date"),
    ImportProblemCode.END_MISSING: _("Enter the end date"),
    ImportProblemCode.START_NOT_A_DATE: _(
        "The start date must be a real date, like 2026-09-01 or 01/09/2026"
    ),
    ImportProblemCode.END_NOT_A_DATE: _(
        "The end date must be a real date, like 2026-10-23 or 23/10/2026"
    ),
    ImportProblemCode.END_BEFORE_START: _(
        "The end date must be the same as or after the start date"
    ),
    ImportProblemCode.REASON_MISSING: _(
        "Enter the reason for the closure, like INSET day or polling day"
    ),
    ImportProblemCode.REASON_TOO_LONG: _("The reason must be 200 characters or fewer"),
    ImportProblemCode.TIMED_EVENT: _(
        "The event must be an all-day event: events with a start or end time cannot be imported"
    ),
    ImportProblemCode.REPEATING_EVENT: _(
        "The event repeats: repeating events cannot be imported. Add each one separately"
    ),
    ImportProblemCode.OVERLAPS_RECORDED_TERM: _(
        "This term overlaps a term that is already recorded"
    ),
    ImportProblemCode.OVERLAPS_TERM_IN_FILE: _("This term overlaps the term on line %(other)s"),
    ImportProblemCode.REPEATS_ROW: _("This row is the same as line %(other)s"),
    ImportProblemCode.TERMS_TOO_FAR_APART: _(
        "There are more than 100 days between this term and the one before or after it: "
        "add the missing term dates too"
    ),
}


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One term or closure read from the file. `line` is where it starts (the header is line 1)."""

    line: int
    kind: EventKind
    start: datetime.date
    end: datetime.date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """What is wrong, and where: `line` is None for the whole file."""

    line: int | None
    code: ImportProblemCode
    other_line: int | None = None

    def message(self) -> str:
        """The problem in the current language, with its line number."""
        text = str(IMPORT_MESSAGES[self.code])
        if self.other_line is not None:
            text = text % {"other": self.other_line}
        if self.line is None:
            return text
        return gettext("Line %(line)s: %(problem)s") % {"line": self.line, "problem": text}


@dataclass(frozen=True)
class ParsedFile:
    rows: tuple[ImportRow, ...] = ()
    problems: tuple[ImportProblem, ...] = ()


class ImportRefused(Exception):  # noqa: N818 (it is an outcome, like Http404)
    """The file has problems, so nothing was imported. `problems` lists every one, in line order."""

    def __init__(self, problems: Iterable[ImportProblem]):
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.code))
        super().__init__(f"{len(self.problems)} problems")


def _file_problem(code: ImportProblemCode) -> ParsedFile:
    return ParsedFile(problems=(ImportProblem(None, code),))


def is_ics(file_name: str) -> bool:
    return file_name.lower().endswith((".ics", ".ical", ".ifb", ".icalendar"))


def is_csv(file_name: str) -> bool:
    return file_name.lower().endswith((".csv", ".txt"))


def parse_upload(file_name: str, data: bytes, ics_kind: EventKind | None = None) -> ParsedFile:
    """Read an uploaded file as CSV or iCalendar, by its name.

    `ics_kind` says whether an .ics file's events are terms or closures (the form asks).
    """
    if len(data) > MAX_FILE_BYTES:
        return _file_problem(ImportProblemCode.FILE_TOO_BIG)
    if not data.strip():
        return _file_problem(ImportProblemCode.FILE_EMPTY)
    if is_ics(file_name):
        return parse_ics(data, ics_kind or EventKind.CLOSURE)
    if is_csv(file_name):
        return parse_csv(data)
    return _file_problem(ImportProblemCode.WRONG_FILE_TYPE)


def _decode(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte order mark
    except UnicodeDecodeError:
        return None


# --- CSV ---------------------------------------------------------------------------------------


def _parse_date(text: str) -> datetime.date | None:
    """YYYY-MM-DD or DD/MM/YYYY (as a UK spreadsheet writes it); None if neither or not real."""
    try:
        if _ISO.fullmatch(text):
            return datetime.date.fromisoformat(text)
        match = _UK.fullmatch(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
    except ValueError:
        return None
    return None


def _date_cell(
    text: str, missing: ImportProblemCode, bad: ImportProblemCode, line: int, problems: list
) -> datetime.date | None:
    if not text:
        problems.append(ImportProblem(line, missing))
        return None
    value = _parse_date(text)
    if value is None:
        problems.append(ImportProblem(line, bad))
    return value


def _csv_row(line: int, cells: dict[str, str]) -> tuple[ImportRow | None, list[ImportProblem]]:
    problems: list[ImportProblem] = []
    kind = _KIND_WORDS.get(cells.get("type", "").lower())
    if kind is None:
        problems.append(ImportProblem(line, ImportProblemCode.UNKNOWN_TYPE))
    start = _date_cell(
        cells.get("start", ""),
        ImportProblemCode.START_MISSING,
        ImportProblemCode.START_NOT_A_DATE,
        line,
        problems,
    )
    end = _date_cell(
        cells.get("end", ""),
        ImportProblemCode.END_MISSING,
        ImportProblemCode.END_NOT_A_DATE,
        line,
        problems,
    )
    reason = " ".join(cells.get("reason", "").split())
    return _row(line, kind, start, end, reason=reason, problems=problems)


def _row(
    line: int,
    kind: EventKind | None,
    start: datetime.date | None,
    end: datetime.date | None,
    *,
    reason: str,
    problems: list[ImportProblem],
) -> tuple[ImportRow | None, list[ImportProblem]]:
    """Checks every kind of row shares; the row is None when anything is wrong."""
    if start and end and end < start:
        problems.append(ImportProblem(line, ImportProblemCode.END_BEFORE_START))
    if kind is EventKind.CLOSURE:
        if not reason:
            problems.append(ImportProblem(line, ImportProblemCode.REASON_MISSING))
        elif len(reason) > MAX_REASON_LENGTH:
            problems.append(ImportProblem(line, ImportProblemCode.REASON_TOO_LONG))
    if problems or kind is None or start is None or end is None:
        return None, problems
    return ImportRow(line, kind, start, end, reason if kind is EventKind.CLOSURE else ""), []


def _records(text: str) -> Iterable[tuple[int, list[str]]]:
    """Each CSV record with the line it starts on (a quoted value may hold a line break)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    for record in reader:
        yield previous_end + 1, record
        previous_end = reader.line_num


def parse_csv(data: bytes) -> ParsedFile:
    """Read ``type,start,end,reason`` rows (a header line first; Welsh names and words work too)."""
    text = _decode(data)
    if text is None:
        return _file_problem(ImportProblemCode.NOT_UTF8)
    try:
        records = [(line, cells) for line, cells in _records(text) if any(c.strip() for c in cells)]
    except csv.Error:
        return _file_problem(ImportProblemCode.CSV_UNREADABLE)
    return _parse_records(records)


def _parse_records(records: list[tuple[int, list[str]]]) -> ParsedFile:
    if not records:
        return _file_problem(ImportProblemCode.FILE_EMPTY)
    header_line, header = records[0]
    columns = [_COLUMNS.get(name.strip().lower().lstrip("\ufeff")) for name in header]
    if not set(_REQUIRED_COLUMNS) <= set(columns):
        return ParsedFile(problems=(ImportProblem(header_line, ImportProblemCode.MISSING_COLUMNS),))
    body = records[1:]
    if not body:
        return _file_problem(ImportProblemCode.NO_ROWS)
    if len(body) > MAX_ROWS:
        return _file_problem(ImportProblemCode.TOO_MANY_ROWS)
    rows: list[ImportRow] = []
    problems: list[ImportProblem] = []
    for line, values in body:
        cells = {
            column: value.strip()
            for column, value in zip(columns, values, strict=False)
            if column is not None
        }
        row, row_problems = _csv_row(line, cells)
        problems += row_problems
        if row is not None:
            rows.append(row)
    return ParsedFile(tuple(rows), tuple(problems))


# --- iCalendar ---------------------------------------------------------------------------------


def _event_lines(text: str) -> list[int]:
    """The line number of each BEGIN:VEVENT, in the order the events appear."""
    return [
        number
        for number, line in enumerate(_LINE_BREAK.split(text), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]


def _property_value(event: icalendar.Component, name: str) -> object:
    """The property's Python value; None when it is missing, "broken" when it cannot be read."""
    prop = event.get(name)
    if prop is None:
        return None
    try:
        return prop.dt
    except (ValueError, AttributeError):
        return "broken"


def _all_day(value: object) -> bool:
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _ics_end(
    event: icalendar.Component, start: datetime.date, line: int, problems: list[ImportProblem]
) -> datetime.date | None:
    """The last day of the event. DTEND is exclusive (RFC 5545 3.6.1); none means one day."""
    end = _property_value(event, "DTEND")
    if end is None and event.get("DURATION") is not None:
        duration = _property_value(event, "DURATION")
        if not isinstance(duration, datetime.timedelta) or duration.seconds:
            problems.append(ImportProblem(line, ImportProblemCode.TIMED_EVENT))
            return None
        end = start + duration
    if end is None:
        return start
    if end == "broken":
        problems.append(ImportProblem(line, ImportProblemCode.END_NOT_A_DATE))
        return None
    if not _all_day(end):
        problems.append(ImportProblem(line, ImportProblemCode.TIMED_EVENT))
        return None
    assert isinstance(end, datetime.date)  # noqa: S101 (narrows the type for mypy)
    # Some calendar apps write DTEND the same as DTSTART for a one-day event; an end before the
    # start is left as it is, for the shared check to report.
    return end - _ONE_DAY if end > start else end


def _ics_event(
    event: icalendar.Component, line: int, kind: EventKind
) -> tuple[ImportRow | None, list[ImportProblem]]:
    problems: list[ImportProblem] = []
    if event.get("RRULE") is not None or event.get("RDATE") is not None:
        return None, [ImportProblem(line, ImportProblemCode.REPEATING_EVENT)]
    start_value = _property_value(event, "DTSTART")
    start: datetime.date | None = None
    end: datetime.date | None = None
    if start_value is None:
        problems.append(ImportProblem(line, ImportProblemCode.START_MISSING))
    elif start_value == "broken":
        problems.append(ImportProblem(line, ImportProblemCode.START_NOT_A_DATE))
    elif not _all_day(start_value):
        problems.append(ImportProblem(line, ImportProblemCode.TIMED_EVENT))
    else:
        assert isinstance(start_value, datetime.date)  # noqa: S101 (narrows the type for mypy)
        start = start_value
        end = _ics_end(event, start, line, problems)
    if problems:
        return None, problems
    summary = " ".join(str(event.get("SUMMARY") or "").split())
    return _row(line, kind, start, end, reason=summary, problems=problems)


def parse_ics(data: bytes, kind: EventKind) -> ParsedFile:
    """Read each all-day VEVENT as a term or a closure (`kind`); SUMMARY is a closure's reason."""
    text = _decode(data)
    if text is None:
        return _file_problem(ImportProblemCode.NOT_UTF8)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError:
        return _file_problem(ImportProblemCode.ICS_UNREADABLE)
    events = [
        event
        for calendar in calendars
        for event in calendar.walk("VEVENT")
        if str(event.get("STATUS", "")).upper() != "CANCELLED"
    ]
    if not events:
        return _file_problem(ImportProblemCode.NO_ROWS)
    if len(events) > MAX_ROWS:
        return _file_problem(ImportProblemCode.TOO_MANY_ROWS)
    # Events and BEGIN:VEVENT lines pair up in file order (a mismatch would only lose line numbers).
    numbered = zip(_all_events(calendars), _event_lines(text), strict=False)
    lines = {id(event): number for event, number in numbered}
    rows: list[ImportRow] = []
    problems: list[ImportProblem] = []
    for event in events:
        row, row_problems = _ics_event(event, lines.get(id(event), 0), kind)
        problems += row_problems
        if row is not None:
            rows.append(row)
    return ParsedFile(tuple(rows), tuple(problems))


def _all_events(calendars: Sequence[icalendar.Calendar]) -> list[icalendar.Component]:
    """Every VEVENT, cancelled ones too, in file order (to match them to their line numbers)."""
    return [event for calendar in calendars for event in calendar.walk("VEVENT")]


# --- Against what is recorded ------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedImport:
    """What an import would add, and how many rows were already recorded (and skipped)."""

    terms: tuple[ImportRow, ...] = ()
    closures: tuple[ImportRow, ...] = ()
    skipped: int = 0
    problems: tuple[ImportProblem, ...] = field(default=())


def _closure_key(start: datetime.date, end: datetime.date, reason: str) -> tuple:
    return (start, end, " ".join(reason.split()).casefold())


def _repeats(rows: Sequence[ImportRow]) -> list[ImportProblem]:
    """A row that is the same as an earlier row in the file (reported once, as a repeat)."""
    first_line: dict[tuple, int] = {}
    problems = []
    for row in rows:
        key = (row.kind, *_closure_key(row.start, row.end, row.reason))
        if key in first_line:
            problems.append(ImportProblem(row.line, ImportProblemCode.REPEATS_ROW, first_line[key]))
        else:
            first_line[key] = row.line
    return problems


def _term_overlaps(terms: Sequence[ImportRow], recorded: Sequence[Term]) -> list[ImportProblem]:
    problems = []
    for row in terms:
        if any(row.start <= term.end and term.start <= row.end for term in recorded):
            problems.append(ImportProblem(row.line, ImportProblemCode.OVERLAPS_RECORDED_TERM))
    for earlier, later in itertools.combinations(sorted(terms, key=lambda r: r.line), 2):
        if earlier.start <= later.end and later.start <= earlier.end:
            problems.append(
                ImportProblem(later.line, ImportProblemCode.OVERLAPS_TERM_IN_FILE, earlier.line)
            )
    return problems


def _gap_problem(
    new_terms: Sequence[ImportRow], recorded: Sequence[Term], closures: Sequence[Closure]
) -> list[ImportProblem]:
    """The domain's check of the whole calendar (a term missing between two others, say)."""
    if not new_terms:
        return []
    terms = [Term(row.start, row.end) for row in new_terms] + list(recorded)
    try:
        SchoolCalendar(name="import", terms=tuple(terms), closures=tuple(closures))
    except CalendarError as error:
        if error.code is not CalendarErrorCode.TERMS_TOO_FAR_APART:
            raise  # overlaps and back-to-front dates were reported row by row already
        line = _blamed_line(error.where, new_terms, terms)
        return [ImportProblem(line, ImportProblemCode.TERMS_TOO_FAR_APART)]
    return []


def _blamed_line(where: str, new_terms: Sequence[ImportRow], terms: Sequence[Term]) -> int | None:
    """The line of the imported term the gap is next to (the domain names the later term)."""
    match = re.fullmatch(r"terms\[(\d+)\]\.start", where)
    if match is None:
        return None
    later = int(match.group(1))
    if later < len(new_terms):
        return new_terms[later].line
    ordered = sorted(range(len(terms)), key=lambda i: terms[i].start)
    position = ordered.index(later)
    earlier = ordered[position - 1] if position else None
    if earlier is not None and earlier < len(new_terms):
        return new_terms[earlier].line
    return None


def check_rows(
    parsed: ParsedFile, recorded_terms: Sequence[Term], recorded_closures: Sequence[Closure]
) -> CheckedImport:
    """Compare the file's rows with the recorded terms and closures of the same calendar.

    Exact duplicates of recorded rows are skipped (and counted). A term overlapping a recorded
    term or another term in the file, a row repeating an earlier row, and a gap of more than
    `LONGEST_HOLIDAY_DAYS` between terms are problems. The problems include the parse problems.
    """
    repeats = _repeats(parsed.rows)
    repeated_lines = {problem.line for problem in repeats}
    problems = [*parsed.problems, *repeats]
    recorded_term_keys = {(t.start, t.end) for t in recorded_terms}
    recorded_closure_keys = {_closure_key(c.start, c.end, c.reason) for c in recorded_closures}
    terms: list[ImportRow] = []
    closures: list[ImportRow] = []
    skipped = 0
    for row in parsed.rows:
        if row.line in repeated_lines:
            continue
        if row.kind is EventKind.TERM and (row.start, row.end) in recorded_term_keys:
            skipped += 1
        elif row.kind is EventKind.TERM:
            terms.append(row)
        elif _closure_key(row.start, row.end, row.reason) in recorded_closure_keys:
            skipped += 1
        else:
            closures.append(row)
    problems += _term_overlaps(terms, recorded_terms)
    if not problems:
        every_closure = [Closure(c.start, c.end, c.reason) for c in closures]
        problems += _gap_problem(terms, recorded_terms, [*recorded_closures, *every_closure])
    return CheckedImport(tuple(terms), tuple(closures), skipped, tuple(problems))
