"""The data protection officer's view of the audit trail: their authority's events and no other."""

import datetime
import uuid

import pytest
from django.apps import apps

from aln.accounts.models import User
from aln.audit.models import AuditEvent
from aln.audit.selectors import (
    LEARNER_RECORDS,
    AuditFilters,
    audit_event_get_for,
    audit_event_search_for,
    audit_subjects_of_learners,
)
from tests.aln.audit.helpers import event
from tests.factories import (
    AppealFactory,
    CaseFactory,
    DeadlineFactory,
    FamilyLinkFactory,
    IdpVersionFactory,
    LAServiceFactory,
    LearnerFactory,
    MembershipFactory,
    NoticeFactory,
    SettingFactory,
    TribunalOrderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _found(user, **filters):
    return set(audit_event_search_for(user=user, filters=AuditFilters(**filters)))


# --- Scope ---------------------------------------------------------------------------------------


def test_a_dpo_reads_their_authoritys_events_and_never_another_authoritys(
    dpo, authority, other_authority
):
    learner = LearnerFactory(home_local_authority=authority)
    stranger = LearnerFactory(home_local_authority=other_authority)
    ours = [event(learner, authority=authority), event(authority, authority=authority)]
    theirs = [
        event(stranger, authority=other_authority),
        # Even an event about our learner, written by the other authority (a learner who moved).
        event(learner, authority=other_authority),
    ]
    assert _found(dpo) == set(ours)
    for other in theirs:
        with pytest.raises(AuditEvent.DoesNotExist):
            audit_event_get_for(user=dpo, event_id=other.pk)
    assert audit_event_get_for(user=dpo, event_id=ours[0].pk) == ours[0]


def _works_in(kind, authority):
    organisation = {
        "la": {"role": "la_aln_officer", "local_authority": authority},
        "school": {"role": "alnco", "setting": SettingFactory(local_authority=authority)},
        "service": {
            "role": "la_service_practitioner",
            "service": LAServiceFactory(lead_authority=authority),
        },
        "former": {"role": "la_aln_manager", "local_authority": authority, "is_active": False},
    }[kind]
    return MembershipFactory(**organisation).user


@pytest.mark.parametrize("kind", ["la", "school", "service", "former"])
def test_account_events_of_people_who_work_in_the_authority_are_included(
    dpo, authority, other_authority, kind
):
    person = _works_in(kind, authority)
    outsider = _works_in(kind, other_authority)
    by_them = event(person, event_type="user.language_changed", actor=person)
    about_them = event(person, event_type="user.invited", actor=UserFactory())
    event(outsider, event_type="user.language_changed", actor=outsider)
    event(outsider, event_type="user.invited", actor=UserFactory())
    assert _found(dpo) == {by_them, about_them}


def test_account_events_of_families_and_unknown_people_are_not_included(dpo, authority):
    parent = MembershipFactory(role="parent").user
    event(parent, event_type="user.language_changed", actor=parent)
    event(LearnerFactory(), actor=None)  # no authority, no person: nobody's to read
    assert _found(dpo) == set()


@pytest.mark.parametrize(
    "membership",
    [
        {"role": "la_aln_manager"},  # works in the authority, but is not its DPO
        {"role": "data_protection_officer", "is_active": False},  # no longer its DPO
    ],
)
def test_only_a_current_dpo_of_the_authority_reads_its_events(authority, membership):
    user = MembershipFactory(local_authority=authority, **membership).user
    event(LearnerFactory(home_local_authority=authority), authority=authority)
    assert _found(user) == set()


def test_the_dpo_of_two_authorities_reads_both(dpo, authority, other_authority):
    MembershipFactory(user=dpo, role="data_protection_officer", local_authority=other_authority)
    dpo = User.objects.get(pk=dpo.pk)  # a fresh request loads both memberships
    mine = {
        event(authority, authority=authority),
        event(other_authority, authority=other_authority),
    }
    assert _found(dpo) == mine


# --- Filters -------------------------------------------------------------------------------------


def test_dates_are_days_in_wales_including_summer_time(dpo, authority):
    subject = LearnerFactory(home_local_authority=authority)
    # 23:30 UTC on 30 June is 00:30 on 1 July in Wales (BST); 22:59 UTC on 1 July is 23:59.
    first_of_july_early = event(
        subject, authority=authority, at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    )
    first_of_july_late = event(
        subject, authority=authority, at=datetime.datetime(2026, 7, 1, 22, 59, tzinfo=UTC)
    )
    second_of_july = event(
        subject, authority=authority, at=datetime.datetime(2026, 7, 1, 23, 1, tzinfo=UTC)
    )
    june = event(subject, authority=authority, at=datetime.datetime(2026, 6, 30, 22, 0, tzinfo=UTC))
    july_1 = datetime.date(2026, 7, 1)
    assert _found(dpo, from_date=july_1, to_date=july_1) == {
        first_of_july_early,
        first_of_july_late,
    }
    assert _found(dpo, from_date=july_1) == {
        first_of_july_early,
        first_of_july_late,
        second_of_july,
    }
    assert _found(dpo, to_date=datetime.date(2026, 6, 30)) == {june}


def test_who_matches_part_of_a_name_or_an_email_address(dpo, authority):
    owain = MembershipFactory(
        role="la_aln_officer",
        local_authority=authority,
        user__full_name="Owain Price",
        user__email="o.price@example.org",
    ).user
    gwen = MembershipFactory(
        role="la_aln_officer",
        local_authority=authority,
        user__full_name="Gwen Parry",
        user__email="gwen@council.example",
    ).user
    by_owain = event(authority, authority=authority, actor=owain)
    by_gwen = event(authority, authority=authority, actor=gwen)
    event(authority, authority=authority, actor=None)
    assert _found(dpo, who="owain") == {by_owain}
    assert _found(dpo, who="PRICE") == {by_owain}
    assert _found(dpo, who="council.example") == {by_gwen}
    assert _found(dpo, who="Nobody") == set()


def test_what_record_and_request_each_narrow_the_search(dpo, authority):
    learner = LearnerFactory(home_local_authority=authority)
    case = CaseFactory(learner=learner)
    viewed = event(learner, authority=authority, event_type="learner.viewed", request="req-1")
    opened = event(case, authority=authority, event_type="case.opened", request="req-1")
    other_case = event(CaseFactory(learner=learner), authority=authority, event_type="case.opened")
    assert _found(dpo, event_type="case.opened") == {opened, other_case}
    assert _found(dpo, subject_type="cases.case") == {opened, other_case}
    assert _found(dpo, subject_type="cases.case", subject_id=str(case.pk)) == {opened}
    assert _found(dpo, subject_id=str(learner.pk)) == {viewed}
    assert _found(dpo, request_id="req-1") == {viewed, opened}
    assert _found(dpo, request_id="req-1", event_type="case.opened") == {opened}


@pytest.fixture
def learner_with_records(authority):
    """A learner, and one event about each of their records (and about another learner's)."""
    learner = LearnerFactory(home_local_authority=authority)
    version = IdpVersionFactory(idp__case__learner=learner, idp__case__local_authority=authority)
    case = version.idp.case
    appeal = AppealFactory(case=CaseFactory(learner=learner))
    records = [
        learner,
        case,
        version.idp,
        version,
        DeadlineFactory(case=case),
        NoticeFactory(case=case),
        appeal,
        TribunalOrderFactory(appeal=appeal),
        FamilyLinkFactory(learner=learner),
    ]
    about = {event(record, authority=authority) for record in records}
    someone_else = LearnerFactory(home_local_authority=authority)
    event(someone_else, authority=authority)
    event(CaseFactory(learner=someone_else), authority=authority)
    return learner, about


def test_the_learner_filter_finds_events_about_the_learner_and_every_record_of_theirs(
    dpo, learner_with_records
):
    learner, about = learner_with_records
    assert _found(dpo, learner=str(learner.pk)) == about
    typed_upn = f" {learner.upn[:5].lower()} {learner.upn[5:]} "  # as people type it
    assert _found(dpo, learner=typed_upn) == about


def test_the_learner_filter_never_reaches_another_authoritys_events(
    dpo, learner_with_records, other_authority
):
    learner, about = learner_with_records
    event(learner, authority=other_authority)
    assert _found(dpo, learner=learner.upn) == about


def test_an_erased_learner_is_still_found_by_their_id(dpo, authority):
    gone = uuid.uuid4()
    learner = LearnerFactory(home_local_authority=authority)
    kept = AuditEvent.objects.create(
        event_type="retention.erased",
        subject_type="learners.learner",
        subject_id=str(gone),
        local_authority=authority,
    )
    event(learner, authority=authority)
    assert _found(dpo, learner=str(gone)) == {kept}


def test_an_unknown_upn_finds_nothing(dpo, learner_with_records):
    assert _found(dpo, learner="A999999999999") == set()


def test_every_record_of_a_learner_is_found_in_one_query(
    django_assert_num_queries, learner_with_records
):
    learner, _about = learner_with_records
    with django_assert_num_queries(1):
        audit_subjects_of_learners(learner_ids=[learner.pk])


# --- The mapping from records to learners ------------------------------------------------------

LEARNER = "learners.learner"
# Records that lead to a learner but whose events are not about one learner.
NOT_ONE_LEARNERS = {
    # A parent's details: they may be linked to several children (the link is mapped).
    "learners.familymember",
}


def _reaches_learner(model, seen=()) -> bool:
    if model._meta.label_lower == LEARNER:
        return True
    for field in model._meta.concrete_fields:
        target = field.related_model
        if not field.is_relation or target is None or target in seen or target is model:
            continue
        if target._meta.app_label in {"accounts", "organisations"}:
            continue  # people and organisations are not a learner's records
        if _reaches_learner(target, (*seen, model)):
            return True
    return False


def _follow(model, path):
    if path == "pk":
        return model
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def test_every_model_that_reaches_a_learner_is_mapped():
    reaching = {
        model._meta.label_lower for model in apps.get_models() if _reaches_learner(model)
    } - {"audit.auditevent"}
    assert reaching - NOT_ONE_LEARNERS == set(LEARNER_RECORDS), (
        "Add the new record to LEARNER_RECORDS in aln/audit/selectors.py (with the path to its "
        "learner), or to NOT_ONE_LEARNERS here with the reason"
    )


@pytest.mark.parametrize("label", sorted(LEARNER_RECORDS))
def test_each_path_leads_to_the_learner(label):
    assert _follow(apps.get_model(label), LEARNER_RECORDS[label])._meta.label_lower == LEARNER


def test_the_filters_in_use_are_stored_as_plain_values():
    filters = AuditFilters(from_date=datetime.date(2026, 9, 1), who="Owain", event_type="")
    assert filters.as_dict() == {"from_date": "2026-09-01", "who": "Owain"}
