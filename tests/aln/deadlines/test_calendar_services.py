import datetime

import pytest

from aln.audit.models import AuditEvent
from aln.common.errors import ServiceError
from aln.deadlines.imports import ImportRefused, parse_csv
from aln.deadlines.models import CalendarClosure, CalendarTerm
from aln.deadlines.services.calendar import (
    CalendarScopeError,
    calendar_closure_add,
    calendar_closure_delete,
    calendar_import,
    calendar_term_add,
    calendar_term_delete,
    calendar_term_update,
)
from aln.deadlines.services.deadlines import deadline_open
from aln.domain.calendar import CalendarErrorCode
from aln.domain.deadlines import DeadlineError
from tests.factories import (
    CalendarClosureFactory,
    CalendarTermFactory,
    CaseFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SettingFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date

# Welsh maintained-school term dates for 2026/27 (half terms), and the start of 2027/28.
TERMS_2026 = [
    (D(2026, 9, 1), D(2026, 10, 23)),
    (D(2026, 11, 2), D(2026, 12, 18)),
    (D(2027, 1, 4), D(2027, 2, 12)),
    (D(2027, 2, 22), D(2027, 3, 26)),
    (D(2027, 4, 12), D(2027, 5, 28)),
    (D(2027, 6, 7), D(2027, 7, 20)),
]
TERMS_2027 = [(D(2027, 9, 1), D(2027, 10, 22)), (D(2027, 11, 1), D(2027, 12, 17))]


@pytest.fixture
def manager(authority):
    return MembershipFactory(role="la_aln_manager", local_authority=authority).user


def _record_terms(authority, terms, setting=None):
    return [
        CalendarTermFactory(local_authority=authority, setting=setting, starts_on=s, ends_on=e)
        for s, e in terms
    ]


def _open_deadline(actor, authority, setting=None):
    case = CaseFactory(learner__home_local_authority=authority, opened_on=D(2026, 10, 1))
    if setting is not None:
        case.setting = setting
        case.save()
    return deadline_open(
        actor=actor, case=case, rule_id="school-decision", started_on=D(2026, 10, 1)
    )


def test_adding_a_term_saves_it_and_audits_it(manager, authority):
    for start, end in TERMS_2026:
        moved = calendar_term_add(
            actor=manager, local_authority_id=authority.pk, starts_on=start, ends_on=end
        )
        assert moved == 0
    assert list(CalendarTerm.objects.values_list("starts_on", "ends_on")) == TERMS_2026
    events = AuditEvent.objects.filter(event_type="calendar.term_added")
    assert {e.changes["ends_on"][1] for e in events} == {e.isoformat() for _, e in TERMS_2026}
    assert {(e.actor, e.local_authority_id) for e in events} == {(manager, authority.pk)}


@pytest.mark.parametrize(
    ("start", "end", "code", "field"),
    [
        (D(2027, 1, 15), D(2027, 1, 4), CalendarErrorCode.TERM_ENDS_BEFORE_START, "ends_on"),
        (D(2026, 12, 14), D(2027, 1, 29), CalendarErrorCode.TERMS_OVERLAP, "starts_on"),
        (D(2027, 9, 1), D(2027, 10, 22), CalendarErrorCode.TERMS_TOO_FAR_APART, "starts_on"),
    ],
)
def test_a_term_the_domain_refuses_is_not_saved(manager, authority, start, end, code, field):
    _record_terms(authority, TERMS_2026[:2])
    with pytest.raises(ServiceError) as refused:
        calendar_term_add(
            actor=manager, local_authority_id=authority.pk, starts_on=start, ends_on=end
        )
    assert (refused.value.code, refused.value.field) == (code, field)
    assert CalendarTerm.objects.count() == 2
    assert not AuditEvent.objects.filter(event_type__startswith="calendar.").exists()


def test_changing_term_dates_moves_an_open_deadline_and_records_why(manager, authority):
    terms = _record_terms(authority, TERMS_2026)
    deadline = _open_deadline(manager, authority)
    assert deadline.due_on == D(2026, 11, 26)  # 35 school days after Thursday 1 October

    second_half_term = terms[1]
    moved = calendar_term_update(
        actor=manager,
        term_id=second_half_term.pk,
        starts_on=D(2026, 11, 9),  # a two-week half-term holiday: five fewer school days
        ends_on=D(2026, 12, 18),
        updated_at=second_half_term.updated_at.isoformat(),
    )

    assert moved == 1
    deadline.refresh_from_db()
    assert deadline.due_on == D(2026, 12, 3)
    changed = AuditEvent.objects.get(event_type="calendar.term_changed")
    assert changed.changes["starts_on"] == ["2026-11-02", "2026-11-09"]
    recomputed = AuditEvent.objects.get(event_type="deadline.recomputed")
    assert recomputed.subject_id == str(deadline.pk)
    assert recomputed.changes["due_on"] == ["2026-11-26", "2026-12-03"]
    assert recomputed.reason == (
        "Term dates changed: term 2026-11-02 to 2026-12-18 now runs 2026-11-09 to 2026-12-18"
    )


def test_a_term_changed_by_someone_else_meanwhile_is_not_overwritten(manager, authority):
    term = _record_terms(authority, TERMS_2026[:1])[0]
    seen = term.updated_at.isoformat()
    calendar_term_update(
        actor=manager,
        term_id=term.pk,
        starts_on=D(2026, 9, 2),
        ends_on=D(2026, 10, 23),
        updated_at=seen,
    )
    with pytest.raises(ServiceError) as refused:
        calendar_term_update(
            actor=manager,
            term_id=term.pk,
            starts_on=D(2026, 9, 3),
            ends_on=D(2026, 10, 23),
            updated_at=seen,
        )
    assert refused.value.code is DeadlineError.CHANGED_BY_SOMEONE_ELSE
    term.refresh_from_db()
    assert term.starts_on == D(2026, 9, 2)


def test_removing_a_term_that_leaves_a_long_gap_is_refused(manager, authority):
    terms = _record_terms(authority, TERMS_2026 + TERMS_2027)
    with pytest.raises(ServiceError) as refused:
        calendar_term_delete(actor=manager, term_id=terms[6].pk)  # autumn 2027, first half
    assert refused.value.code is CalendarErrorCode.TERMS_TOO_FAR_APART
    assert CalendarTerm.objects.count() == 8
    assert not AuditEvent.objects.filter(event_type="calendar.term_removed").exists()


def test_removing_the_last_term_is_allowed_and_leaves_deadlines_without_a_date(manager, authority):
    terms = _record_terms(authority, TERMS_2026)
    deadline = _open_deadline(manager, authority)
    for term in reversed(terms):
        calendar_term_delete(actor=manager, term_id=term.pk)
    assert not CalendarTerm.objects.exists()
    deadline.refresh_from_db()
    assert deadline.due_on is None  # never guessed
    assert AuditEvent.objects.filter(event_type="calendar.term_removed").count() == 6


def test_a_school_closure_moves_only_that_schools_deadlines(authority, school):
    _record_terms(authority, TERMS_2026)
    alnco = MembershipFactory(role="alnco", setting=school).user
    here = _open_deadline(alnco, authority, setting=school)
    elsewhere = _open_deadline(alnco, authority)
    moved = calendar_closure_add(
        actor=alnco,
        local_authority_id=authority.pk,
        setting_id=school.pk,
        starts_on=D(2026, 11, 16),
        ends_on=D(2026, 11, 16),
        reason="INSET day",
    )
    assert moved == 1
    here.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (here.due_on, elsewhere.due_on) == (D(2026, 11, 27), D(2026, 11, 26))
    closure = CalendarClosure.objects.get()
    assert (closure.setting, closure.reason) == (school, "INSET day")
    assert AuditEvent.objects.get(event_type="calendar.closure_added").actor == alnco

    assert calendar_closure_delete(actor=alnco, closure_id=closure.pk) == 1
    here.refresh_from_db()
    assert here.due_on == D(2026, 11, 26)
    assert AuditEvent.objects.filter(event_type="calendar.closure_removed").count() == 1


def test_a_closure_ending_before_it_starts_is_not_saved(manager, authority):
    with pytest.raises(ServiceError) as refused:
        calendar_closure_add(
            actor=manager,
            local_authority_id=authority.pk,
            starts_on=D(2026, 9, 18),
            ends_on=D(2026, 9, 17),
            reason="INSET day",
        )
    assert (refused.value.code, refused.value.field) == (
        CalendarErrorCode.CLOSURE_ENDS_BEFORE_START,
        "ends_on",
    )
    assert not CalendarClosure.objects.exists()


def test_a_settings_own_terms_are_checked_apart_from_the_las(manager, authority, school):
    _record_terms(authority, TERMS_2026)
    # A college's own term overlapping the LA's is fine: it is a different calendar.
    calendar_term_add(
        actor=manager,
        local_authority_id=authority.pk,
        setting_id=school.pk,
        starts_on=D(2026, 9, 7),
        ends_on=D(2026, 12, 18),
    )
    assert CalendarTerm.objects.filter(setting=school).count() == 1


def _out_of_scope(call):
    with pytest.raises(ServiceError) as refused:
        call()
    assert refused.value.code is CalendarScopeError.OUTSIDE_YOUR_CALENDARS


def test_an_la_manager_cannot_touch_another_las_calendar(authority, school):
    other = MembershipFactory(role="la_aln_manager", local_authority=LocalAuthorityFactory()).user
    term = _record_terms(authority, TERMS_2026[:1])[0]
    closure = CalendarClosureFactory(local_authority=authority)
    _out_of_scope(
        lambda: calendar_term_add(
            actor=other,
            local_authority_id=authority.pk,
            starts_on=D(2027, 1, 4),
            ends_on=D(2027, 2, 12),
        )
    )
    _out_of_scope(
        lambda: calendar_term_update(
            actor=other,
            term_id=term.pk,
            starts_on=term.starts_on,
            ends_on=D(2026, 10, 30),
            updated_at=term.updated_at.isoformat(),
        )
    )
    _out_of_scope(lambda: calendar_term_delete(actor=other, term_id=term.pk))
    _out_of_scope(lambda: calendar_closure_delete(actor=other, closure_id=closure.pk))
    _out_of_scope(
        lambda: calendar_import(
            actor=other, local_authority_id=authority.pk, parsed=parse_csv(b"type,start,end\n")
        )
    )
    assert CalendarTerm.objects.get().ends_on == D(2026, 10, 23)
    assert CalendarClosure.objects.count() == 1


def test_a_manager_cannot_use_a_setting_in_another_la(manager, authority):
    stranger = SettingFactory()
    _out_of_scope(
        lambda: calendar_term_add(
            actor=manager,
            local_authority_id=authority.pk,
            setting_id=stranger.pk,
            starts_on=D(2026, 9, 1),
            ends_on=D(2026, 10, 23),
        )
    )


def test_an_alnco_manages_only_their_own_schools_closures(authority, school):
    other_school = SettingFactory(local_authority=authority)
    alnco = MembershipFactory(role="alnco", setting=other_school).user
    ours = CalendarClosureFactory(local_authority=authority, setting=school)
    la_wide = CalendarClosureFactory(local_authority=authority)
    _out_of_scope(
        lambda: calendar_closure_add(
            actor=alnco,
            local_authority_id=authority.pk,
            setting_id=school.pk,
            starts_on=D(2026, 9, 18),
            ends_on=D(2026, 9, 18),
            reason="INSET day",
        )
    )
    _out_of_scope(
        lambda: calendar_closure_add(
            actor=alnco,
            local_authority_id=authority.pk,
            starts_on=D(2026, 9, 18),
            ends_on=D(2026, 9, 18),
            reason="Polling day",
        )
    )
    _out_of_scope(lambda: calendar_closure_delete(actor=alnco, closure_id=ours.pk))
    _out_of_scope(lambda: calendar_closure_delete(actor=alnco, closure_id=la_wide.pk))
    _out_of_scope(
        lambda: calendar_term_add(
            actor=alnco,
            local_authority_id=authority.pk,
            starts_on=D(2026, 9, 1),
            ends_on=D(2026, 10, 23),
        )
    )
    assert CalendarClosure.objects.count() == 2
    assert not CalendarTerm.objects.exists()


GOOD_IMPORT = b"""type,start,end,reason
term,2026-09-01,2026-10-23,
term,2026-11-02,2026-12-18,
term,04/01/2027,12/02/2027,
closure,2026-09-18,2026-09-18,INSET day
closure,2027-05-06,2027-05-06,Polling day
"""


def test_import_adds_every_row_skips_what_is_recorded_and_moves_deadlines(manager, authority):
    _record_terms(authority, TERMS_2026[:1])
    CalendarClosureFactory(local_authority=authority, starts_on=D(2026, 9, 18), reason="INSET day")
    deadline = _open_deadline(manager, authority)
    assert deadline.due_on is None  # only one half term recorded: the date is not known yet

    outcome = calendar_import(
        actor=manager, local_authority_id=authority.pk, parsed=parse_csv(GOOD_IMPORT)
    )

    assert (outcome.terms_added, outcome.closures_added, outcome.skipped) == (2, 1, 2)
    assert outcome.moved == 1
    deadline.refresh_from_db()
    assert deadline.due_on == D(2026, 11, 26)
    assert CalendarTerm.objects.count() == 3
    assert CalendarClosure.objects.count() == 2
    event = AuditEvent.objects.get(event_type="calendar.imported")
    assert (event.changes["terms_added"], event.changes["skipped"]) == (2, 2)
    assert AuditEvent.objects.get(event_type="deadline.recomputed").reason.startswith(
        "Term dates imported: 2 terms and 1 closures added"
    )


def test_import_with_any_problem_saves_nothing_and_lists_every_problem(manager, authority):
    _record_terms(authority, TERMS_2026[:1])
    data = GOOD_IMPORT + (
        b"term,2026-10-19,2026-10-30,\n"  # line 7: overlaps the recorded term
        b"closure,2027-06-01,2027-05-31,Closed\n"  # line 8: back to front
    )
    with pytest.raises(ImportRefused) as refused:
        calendar_import(actor=manager, local_authority_id=authority.pk, parsed=parse_csv(data))
    assert [p.line for p in refused.value.problems] == [7, 8]
    assert CalendarTerm.objects.count() == 1
    assert not CalendarClosure.objects.exists()
    assert not AuditEvent.objects.filter(event_type="calendar.imported").exists()


def test_import_for_one_setting_records_its_own_terms(manager, authority, school):
    _record_terms(authority, TERMS_2026)
    outcome = calendar_import(
        actor=manager,
        local_authority_id=authority.pk,
        setting_id=school.pk,
        parsed=parse_csv(GOOD_IMPORT),
    )
    assert (outcome.terms_added, outcome.skipped) == (3, 0)
    assert CalendarTerm.objects.filter(setting=school).count() == 3
    assert CalendarClosure.objects.filter(setting=school).count() == 2
