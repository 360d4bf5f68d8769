"""What an attacker would try against the web pages, tried: stored script in free text (on the
pages, in the plan and notice PDFs, and a line break in the calendar feed), forged POSTs, SQL
metacharacters in search boxes, other people's record ids in POSTs, and the headers that keep a
browser safe. docs/security.md ("Web hardening") says what each test proves.

Other people's record ids in GET URLs are covered by tests/architecture/test_access_matrix.py:
every role, on every URL about a record, gets the same 404 for a learner they have no relationship
with as for a missing one.
"""

import datetime
import io
import re

import icalendar
import pytest
from django.apps import apps
from django.db import models
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from aln.audit.models import AuditEvent
from aln.cases.models import AdviceRequest, Case, Meeting, NhsReferral, Views
from aln.deadlines.services.feed import feed_token_create
from aln.domain.notices import NoticeKind, NoticeLanguage, ProviderKind
from aln.idps.forms.editor import SECTION_FORMS
from aln.idps.models import Idp, ReviewProgress
from aln.idps.rendering import render_plan_html, render_plan_pdf
from aln.idps.selectors.plans import version_get
from aln.learners.models import Learner
from aln.notices.content import Contact, Provider
from aln.notices.rendering import render_notice_html, render_notice_pdf
from aln.organisations.models import HealthBoard
from tests.aln.notices.conftest import make_content
from tests.architecture.url_walk import all_routes
from tests.conftest import signed_in
from tests.factories import (
    ActingForFactory,
    AppealFactory,
    AttachmentFactory,
    CalendarClosureFactory,
    CalendarTermFactory,
    CapacityRecordFactory,
    CaseFactory,
    DeadlineFactory,
    ElementFactory,
    EnrolmentFactory,
    EvidenceFactory,
    FamilyLinkFactory,
    IdpFactory,
    IdpVersionFactory,
    LaRequestFactory,
    LearnerAccessGrantFactory,
    LearnerFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NeedFactory,
    NoticeFactory,
    ReviewFactory,
    ReviewRequestFactory,
    SettingFactory,
    SupportProviderFactory,
    SupportReferralFactory,
    TransferFactory,
    TribunalOrderFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, ATTRIBUTE_BREAK)

ROUTES = all_routes()

# Text fields that hold codes or machine values, never words a person typed: the pages look them
# up rather than show them, so a payload there tests nothing (or breaks the lookup).
NOT_FREE_TEXT = {
    "key",
    "element_key",
    "reference",
    "upn",
    "email",
    "filename",
    "content_type",
    "sha256",
    "password",
    "responsibility_reason",
    "responsibility_section",
    "duty_exception",
    "idp_preparer",
    "tribunal_reference",
}

# Every field below held a payload and was seen, escaped, on at least one page the walker yields
# for its records (the first learner's, or the second's at later stages). The test fails if one of
# them is no longer shown anywhere, so that this list (and docs/security.md, which repeats it)
# stays the truth about what the test covers.
SHOWN_ESCAPED = {
    "accounts.User": {"full_name"},
    "cases.AdviceRequest": {"asked_of", "question", "summary"},
    "cases.Case": {"concern", "necessity_reasons", "raised_by_name", "reasons", "referral_summary"},
    "cases.Evidence": {"description", "progress", "provided_by"},
    "cases.Meeting": {"attended", "invited", "notes"},
    "cases.NhsReferral": {"question", "response"},
    "cases.Views": {"how_to_support", "important_for", "important_to"},
    "deadlines.CalendarClosure": {"reason"},
    "deadlines.Deadline": {"missed_circumstance"},
    "disputes.ActingFor": {"authority", "end_reasons", "name"},
    "disputes.Appeal": {"appellant_name", "decision_summary", "notes", "withdrawal_reasons"},
    "disputes.CapacityRecord": {"decided_by_name", "reasons"},
    "disputes.LaRequest": {
        "details",
        "exception_reasons",
        "outcome_reasons",
        "representations",
        "requester_name",
        "withdrawal_reasons",
    },
    "disputes.SupportReferral": {"about", "outcome_notes", "referred_by_name"},
    "disputes.TribunalOrder": {"completion_notes", "details"},
    "idps.Attachment": {"title"},
    "idps.Element": {
        "duration",
        "frequency",
        "group_size",
        "outcome",
        "outcome_exception",
        "provider_name",
        "provision",
        "rationale",
    },
    "idps.Idp": {"cease_reasons"},
    "idps.IdpVersion": {
        "board_and_lodging",
        "communication_language",
        "how_to_support_me",
        "important_to_me",
        "information_used",
        "like_and_admire",
        "needs_summary",
        "other_placement",
        "profile_written_with",
        "transition_arrangements",
        "why_revised",
    },
    "idps.Need": {"description", "impact"},
    "idps.Review": {
        "attended",
        "family_views",
        "invited",
        "learner_views",
        "others_views",
        "reasons",
    },
    "idps.ReviewProgress": {"outcome", "progress"},
    "idps.ReviewRequest": {"answer", "reason", "requester_name"},
    "learners.FamilyMember": {"full_name"},
    "learners.Learner": {"first_name", "last_name"},
    "notices.SupportProvider": {
        "description_cy",
        "description_en",
        "name_cy",
        "name_en",
        "website",
    },
}

# Free text that no page shows at all (it is kept for letters, exports or the record). The test
# fails if a page starts to show one of them: move it to SHOWN_ESCAPED.
NEVER_SHOWN = {
    "disputes.ActingFor": {"address"},
    "idps.Transfer": {"notes"},
    "learners.FamilyMember": {"address"},
    "learners.LearnerAccessGrant": {"reason"},
}


def _free_text_fields(model):
    for field in model._meta.get_fields():
        if (
            isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and field.name not in NOT_FREE_TEXT
            and (field.max_length is None or field.max_length >= 60)
        ):
            yield field.name


def _poison(instance, planted):
    """Overwrite every free-text field of `instance` with a payload naming the field."""
    model = type(instance)
    label = model._meta.label
    values = {}
    for i, name in enumerate(_free_text_fields(model)):
        value = f"{PAYLOADS[(len(planted) + i) % 2]} {label}.{name}"
        values[name] = value
        planted.setdefault((label, name), []).append(value)
    model.objects.filter(pk=instance.pk).update(**values)
    return instance


def _learner_with_records(code):
    """A learner of LA `code` with a case, a plan, requests, an appeal and the rest of their
    records, every free-text field holding script. Returns the LA, the school, the URL arguments
    and what was planted where."""
    planted: dict[tuple[str, str], list[str]] = {}
    authority = LocalAuthorityFactory(code=code)
    school = SettingFactory(local_authority=authority)
    board = HealthBoard.objects.get(code="7A1")
    learner = EnrolmentFactory(setting=school, learner__home_local_authority=authority).learner

    def p(instance):
        return _poison(instance, planted)

    p(learner)
    link = FamilyLinkFactory(learner=learner)
    p(link.family_member)
    p(LearnerAccessGrantFactory(learner=learner))
    case = p(CaseFactory(learner=learner, local_authority=authority, setting=school))
    on = datetime.date(2026, 10, 1)
    p(EvidenceFactory(case=case))
    p(Views.objects.create(case=case, whose="child", important_to="x", gathered_on=on))
    p(
        AdviceRequest.objects.create(
            case=case,
            source="educational_psychology",
            asked_of="x",
            question="x",
            requested_on=on,
            wanted_by=on,
        )
    )
    p(NhsReferral.objects.create(case=case, health_board=board, question="x", received_on=on))
    p(Meeting.objects.create(case=case, held_on=on, invited="x", notes="x"))
    deadline = DeadlineFactory(
        case=case, rule_id="nhs-response", due_on=on, started_on=datetime.date(2026, 9, 1)
    )
    idp = p(
        IdpFactory(case__learner=learner, case__local_authority=authority, case__setting=school)
    )
    given = p(IdpVersionFactory(idp=idp, number=1, state="issued", issued_on=on))
    draft = p(IdpVersionFactory(idp=idp, number=2))
    need = p(NeedFactory(version=draft))
    element = p(ElementFactory(version=draft, need_keys=[need.key]))
    appeal = p(AppealFactory(case=case))
    records = {
        "learner_id": learner.pk,
        "case_id": case.pk,
        "deadline_id": deadline.pk,
        "term_id": CalendarTermFactory(local_authority=authority).pk,
        "closure_id": p(CalendarClosureFactory(local_authority=authority, setting=school)).pk,
        "notice_id": NoticeFactory(case=case).pk,
        "provider_id": p(SupportProviderFactory(local_authority=authority)).pk,
        "idp_id": idp.pk,
        "version_id": draft.pk,
        "need_id": need.pk,
        "element_id": element.pk,
        "attachment_id": p(AttachmentFactory(idp=idp)).pk,
        "review_id": p(ReviewFactory(idp=idp, version=given)).pk,
        "request_id": p(ReviewRequestFactory(idp=idp)).pk,
        "transfer_id": p(TransferFactory(idp=idp)).pk,
        "la_request_id": p(LaRequestFactory(case=case)).pk,
        "appeal_id": appeal.pk,
        "order_id": p(TribunalOrderFactory(appeal=appeal)).pk,
        "referral_id": p(SupportReferralFactory(learner=learner, case=case)).pk,
        "capacity_id": p(CapacityRecordFactory(learner=learner)).pk,
        "acting_for_id": p(ActingForFactory(learner=learner)).pk,
    }
    return {"authority": authority, "school": school, "records": records, "planted": planted}


def _later_stages(authority, school):
    """A second learner of the same LA and school whose records have moved on: a decision with
    its reasons, advice and an NHS answer received, a missed deadline explained, a plan the LA
    maintains (with its placement) that has stopped, a review with progress, a refused request
    for a review, requests answered and excepted, appeals decided and withdrawn, an order
    complied with, a referral ended and a case friend who stopped acting. The free text these
    stages add is shown only now. Every free-text field holds script, as above."""
    planted: dict[tuple[str, str], list[str]] = {}

    def p(instance):
        return _poison(instance, planted)

    on = datetime.date(2026, 10, 1)
    learner = EnrolmentFactory(setting=school, learner__home_local_authority=authority).learner
    officer = p(MembershipFactory(role="la_aln_officer", local_authority=authority).user)
    case = p(
        CaseFactory(
            learner=learner,
            local_authority=authority,
            setting=school,
            stage="maintaining",
            owner=officer,
            referred_on=on,
            outcome="has_aln",
            decided_on=on,
            decided_by=officer,
            idp_necessary=True,
            necessity_decided_on=on,
        )
    )
    p(
        AdviceRequest.objects.create(
            case=case,
            source="educational_psychology",
            asked_of="x",
            question="x",
            requested_on=on,
            wanted_by=on,
            received_on=on,
            summary="x",
        )
    )
    board = HealthBoard.objects.get(code="7A1")
    p(
        NhsReferral.objects.create(
            case=case,
            health_board=board,
            question="x",
            received_on=on,
            responded_on=on,
            treatment_identified=False,
            response="x",
        )
    )
    deadline = p(
        DeadlineFactory(
            case=case,
            rule_id="nhs-response",
            started_on=datetime.date(2026, 9, 1),
            due_on=datetime.date(2026, 9, 20),
            missed_reason="beyond_control",
            missed_circumstance="x",
            missed_recorded_by=officer,
        )
    )
    idp = p(
        IdpFactory(
            case=case,
            learner=learner,
            local_authority=authority,
            setting=None,
            maintained_by="local_authority",
            cease_ground="no_longer_registered",
            cease_proposed_on=on,
            ceased_on=on,
        )
    )
    given = p(IdpVersionFactory(idp=idp, number=1, state="issued", issued_on=on))
    review = p(ReviewFactory(idp=idp, version=given))
    p(ReviewProgress.objects.create(review=review, element_key="k1", outcome="x", progress="x"))
    refused = p(ReviewRequestFactory(idp=idp, state="refused", answered_on=on, answer="x"))
    excepted = p(
        LaRequestFactory(
            case=case,
            status="exception",
            duty_exception="became_looked_after",
            decided_on=on,
            closed_on=on,
        )
    )
    answered = p(
        LaRequestFactory(
            case=case,
            status="decided",
            outcome="aln_decision_confirmed",
            decided_on=on,
            closed_on=on,
        )
    )
    decided = p(AppealFactory(case=case, stage="decided", decision="allowed", decided_on=on))
    withdrawn = p(AppealFactory(case=case, stage="withdrawn", closed_on=on))
    order = p(TribunalOrderFactory(appeal=decided, completed_on=on))
    referral = p(
        SupportReferralFactory(learner=learner, case=case, outcome="resolved", outcome_on=on)
    )
    acting_for = p(ActingForFactory(learner=learner, ended_on=on))
    records = {
        "learner_id": learner.pk,
        "case_id": case.pk,
        "deadline_id": deadline.pk,
        "idp_id": idp.pk,
        "review_id": review.pk,
        "request_id": refused.pk,
        "la_request_id": [excepted.pk, answered.pk],
        "appeal_id": [decided.pk, withdrawn.pk],
        "order_id": order.pk,
        "referral_id": referral.pk,
        "acting_for_id": acting_for.pk,
    }
    return {"records": records, "planted": planted}


@pytest.fixture
def poisoned():
    return _learner_with_records("997")


@pytest.fixture
def later(poisoned):
    return _later_stages(poisoned["authority"], poisoned["school"])


@pytest.fixture
def manager(poisoned):
    return MembershipFactory(role="la_aln_manager", local_authority=poisoned["authority"]).user


def _choices(value) -> list:
    return value if isinstance(value, list) else [value]


def _urls(records):
    """Every URL the walker knows that can be filled in from `records` (all sections of the plan
    editor, both versions of the plan, every record where `records` lists several), except the
    language switch and the token-only feed."""
    for route in ROUTES:
        names = [name for _, name in re.findall(r"<(\w+):(\w+)>", route.pattern)]
        if set(names) & {"language", "token", "uidb64"}:
            continue
        choices = {**{n: _choices(records.get(n)) for n in names}, "section": list(SECTION_FORMS)}
        choices["number"] = [1, 2]
        kwargs = [{}]
        for name in names:
            kwargs = [{**k, name: value} for k in kwargs for value in choices[name]]
        for filled in kwargs:
            if None not in filled.values():
                yield route, reverse(route.name, kwargs=filled)


def _html(response) -> str:
    if not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return response.content.decode()


def test_script_in_free_text_is_shown_as_text_on_every_page(client, poisoned, later, manager):
    alnco = MembershipFactory(role="alnco", setting=poisoned["school"]).user
    seen = ""
    for user in (manager, alnco):
        client.force_login(user)
        for world in (poisoned, later):
            for route, url in _urls(world["records"]):
                response = client.get(url)
                assert response.status_code < 500, (route.name, url)
                html = _html(response)
                for payload in PAYLOADS:
                    assert payload not in html, (route.name, url, payload)
                seen += html
    planted: dict[tuple[str, str], list[str]] = {}
    for world in (poisoned, later):
        for key, values in world["planted"].items():
            planted.setdefault(key, []).extend(values)
    shown = {key for key, values in planted.items() if any(escape(v) in seen for v in values)}
    expected = {(model, name) for model, names in SHOWN_ESCAPED.items() for name in names}
    never = {(model, name) for model, names in NEVER_SHOWN.items() for name in names}
    assert expected <= shown, f"no longer shown on any page: {sorted(expected - shown)}"
    assert not never & shown, f"now shown: move them to SHOWN_ESCAPED: {sorted(never & shown)}"
    # Every free-text field that held script is accounted for, one way or the other.
    assert set(planted) <= expected | never, f"unaccounted for: {sorted(set(planted) - expected)}"


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _planted_in(worlds, *labels: str) -> dict[tuple[str, str], list[str]]:
    planted: dict[tuple[str, str], list[str]] = {}
    for world in worlds:
        for (label, name), values in world["planted"].items():
            if label in labels:
                planted.setdefault((label, name), []).extend(values)
    return planted


def test_script_in_a_plan_is_text_in_its_pdf(poisoned, later):
    """The HTML that goes into WeasyPrint is escaped for every version, in every language, and
    the PDF drawn from it shows the script as words."""
    plan_labels = ("idps.IdpVersion", "idps.Need", "idps.Element", "learners.Learner")
    documents = ""
    for world, numbers in ((poisoned, (1, 2)), (later, (1,))):
        idp = Idp.objects.get(pk=world["records"]["idp_id"])
        for number in numbers:
            version = version_get(idp=idp, number=number)
            for language in ("en", "cy", "bilingual"):
                html = render_plan_html(idp=idp, version=version, language=language)
                for payload in PAYLOADS:
                    assert payload not in html, (number, language, payload)
                documents += html
    planted = _planted_in((poisoned, later), *plan_labels)
    missing = [
        key for key, values in planted.items() if all(escape(v) not in documents for v in values)
    ]
    assert not missing, f"not in any plan document: {sorted(missing)}"
    idp = Idp.objects.get(pk=poisoned["records"]["idp_id"])
    pdf = render_plan_pdf(idp=idp, version=version_get(idp=idp, number=2), language="en")
    text = _pdf_text(pdf)
    assert SCRIPT in text
    assert ATTRIBUTE_BREAK in text


def _hostile_notice(kind, language):
    """A notice whose every free-text value (names, reasons, addresses, providers) is script."""
    script, attribute = SCRIPT, ATTRIBUTE_BREAK
    contact = Contact(address=f"{script}\n{attribute}", phone=attribute, email=script)
    providers = tuple(
        Provider(
            kind=provider_kind,
            name=f"{script} provider",
            name_cy=f"{attribute} darparwr",
            phone=script,
            email=attribute,
            website=script,
            description=attribute,
            description_cy=script,
        )
        for provider_kind in ProviderKind
    )
    return make_content(
        kind=kind,
        language=language,
        case_reference=attribute[:20],
        learner_name=f"{script} Prys",
        addressee_names=(f"{attribute} Prys", script),
        body_name_en=f"{script} governing body",
        body_name_cy=f"{attribute} corff llywodraethu",
        contact=contact,
        reasons=f"{script}\n{attribute}",
        idp_preparer_name=script,
        idp_preparer_name_cy=attribute,
        providers=providers,
        local_authority_name_en=f"{attribute} Council",
        local_authority_name_cy=f"{script} Cyngor",
        local_authority_contact=contact,
        previous_body_name_en=script,
        previous_body_name_cy=attribute,
        about_body_name_en=attribute,
        about_body_name_cy=script,
    )


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_script_in_a_notice_is_escaped_in_every_kind_and_language(kind):
    for language in NoticeLanguage:
        html = render_notice_html(_hostile_notice(kind, language))
        for payload in PAYLOADS:
            assert payload not in html, (kind, language, payload)
            assert escape(payload) in html, (kind, language, payload)


def test_script_in_a_notice_is_text_in_its_pdf():
    pdf = render_notice_pdf(_hostile_notice(NoticeKind.HAS_ALN, NoticeLanguage.BILINGUAL))
    text = _pdf_text(pdf)
    assert f"{SCRIPT} Prys" in text
    assert ATTRIBUTE_BREAK in text


def test_a_line_break_in_the_calendar_feed_cannot_add_an_event(poisoned, manager):
    """The feed names the case by its reference: a reference carrying a line break and an
    iCalendar line stays one folded, escaped value, and the feed holds one event per deadline."""
    injected = "X\r\nBEGIN:VEVENT\r\nY"  # 18 characters: within the reference's length
    case = CaseFactory(
        learner_id=poisoned["records"]["learner_id"],
        local_authority=poisoned["authority"],
        setting=poisoned["school"],
    )
    Case.objects.filter(pk=case.pk).update(reference=injected)
    DeadlineFactory(case=case, owner=manager, due_on=datetime.date(2026, 12, 1))
    raw = feed_token_create(actor=manager)
    response = Client().get(reverse("deadlines:feed", kwargs={"token": raw}))
    assert response.status_code == 200
    body = response.content.decode()
    lines = body.split("\r\n")
    assert [line for line in lines if line.startswith("BEGIN:VEVENT")] == ["BEGIN:VEVENT"]
    assert all(len(line.encode()) <= 75 for line in lines)
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert "BEGIN:VEVENT" in str(event["SUMMARY"])  # kept as words in the event's title


def _row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _accepts_post(route) -> bool:
    return route.view_class is not None and hasattr(route.view_class, "post")


def test_a_forged_post_is_refused_on_every_url_and_writes_nothing(poisoned, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    before, audit_before = _row_counts(), AuditEvent.objects.count()
    posted = set()
    for route, url in _urls(poisoned["records"]):
        if _accepts_post(route):
            response = client.post(url, {"version": "1", "confirm": "yes"})
            assert response.status_code == 403, (route.name, url, response.status_code)
            posted.add(route.name)
    assert AuditEvent.objects.count() == audit_before
    assert _row_counts() == before
    # Every view that takes a POST was tried, but the password reset link (a one-off token).
    expected = {r.name for r in ROUTES if _accepts_post(r)} - {"accounts:password-reset-confirm"}
    assert posted == expected


def test_the_same_post_with_its_csrf_token_gets_past_the_check(poisoned, manager):
    """The control for the test above: its 403s come from the missing token, nothing else."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    client.get(reverse("home:home"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:sign-out"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


SQL_PROBES = (
    "' OR '1'='1",
    "'; DROP TABLE learners_learner; --",
    '" OR ""="',
    "') UNION SELECT email, password FROM accounts_user --",
    "%",
    "_",
    "\\",
    "1; SELECT pg_sleep(5)",
)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
@pytest.mark.parametrize("probe", SQL_PROBES)
def test_sql_metacharacters_in_the_learner_search_find_nobody(client, page, language, probe):
    authority = LocalAuthorityFactory(code="996")
    LearnerFactory.create_batch(3, home_local_authority=authority)
    user = MembershipFactory(role="la_aln_manager", local_authority=authority).user
    user.preferred_language = language  # a signed-in person's saved language wins over the cookie
    user.save()
    client.force_login(user)
    for params in ({"name": probe}, {"upn": probe[:20]}, {"name": probe, "upn": probe[:20]}):
        response = page.get(reverse("learners:learner-search"), language=language, **params)
        assert response.soup.select("tbody a") == [], params
        assert response.soup.select_one("#results-count").get_text(strip=True) in {
            "0 learners",
            "0 dysgwr",
        }, params
    assert Learner.objects.count() == 3


def test_hostile_query_strings_on_every_page_answer_normally(client, poisoned, manager):
    """Every GET parameter a page reads (grep request.GET), given SQL metacharacters or script:
    no page fails, and nothing sent is shown back unescaped."""
    client.force_login(manager)
    names = ("name", "upn", "setting", "owner", "rule", "worklist", "view", "page", "from", "to")
    names += ("kind", "notice", "language", "next", "date_of_birth_0", "date_of_birth_2")
    for probe in (SQL_PROBES[0], SQL_PROBES[3], SCRIPT, ATTRIBUTE_BREAK):
        for route, url in _urls(poisoned["records"]):
            response = client.get(url, dict.fromkeys(names, probe))
            assert response.status_code < 500, (route.name, url, probe)
            if probe in PAYLOADS:
                assert probe not in _html(response), (route.name, url, probe)
    feed = reverse("deadlines:feed", kwargs={"token": SQL_PROBES[0]})
    assert Client().get(feed).status_code == 404


def test_a_post_about_another_las_learner_answers_404_and_writes_nothing(client, poisoned, manager):
    """The access matrix proves this for every GET; this is the same for every POST."""
    stranger = _learner_with_records("995")
    client.force_login(manager)
    before, audit_before = _row_counts(), AuditEvent.objects.count()
    tried = 0
    for route, url in _urls(stranger["records"]):
        if _accepts_post(route) and "<uuid:" in route.pattern:
            response = client.post(url, {"version": "1", "confirm": "yes"})
            assert response.status_code == 404, (route.name, url, response.status_code)
            tried += 1
    assert tried > 0
    assert AuditEvent.objects.count() == audit_before
    assert _row_counts() == before


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = (d.strip().split() for d in policy.split(";") if d.strip())
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize("with_user", [False, True], ids=["signed-out", "signed-in"])
def test_every_page_sends_the_security_headers(client, authority, with_user):
    if with_user:
        signed_in(client, "la_aln_manager", local_authority=authority)
    response = client.get(reverse("home:home" if with_user else "accounts:sign-in"))
    assert response.status_code == 200
    directives = _directives(response)
    scripts = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src" if "object-src" in directives else "default-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_has_an_inline_script(client, manager):
    """The policy forbids inline script and event handlers; a page that had one would break."""
    client.force_login(manager)
    for url in (reverse("home:home"), reverse("learners:learner-search"), reverse("home:privacy")):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<[a-z][^>]*>", html):
            assert not re.search(r"\son[a-z]+=", tag), (url, tag)
            if tag.startswith("<script"):
                assert "src=" in tag, (url, tag)


# The tests run with DEBUG off, as production does, so base.py's settings apply; test.py only
# turns the HTTPS redirect off (the test client speaks plain HTTP), so it is turned back on here.
@override_settings(SECURE_SSL_REDIRECT=True)
def test_in_production_plain_http_is_redirected_and_https_is_pinned(client):
    response = client.get(reverse("accounts:sign-in"))
    assert response.status_code == 301
    assert response.url.startswith("https://")
    response = client.get(reverse("accounts:sign-in"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_in_production_cookies_are_secure(client):
    user = MembershipFactory(role="la_aln_manager", local_authority=LocalAuthorityFactory()).user
    client.get(reverse("accounts:sign-in"), secure=True)
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": user.email, "password": "correct-horse-battery"},
        secure=True,
    )
    assert response.status_code == 302
    session = client.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    client.get(reverse("common:language-switch", kwargs={"language": "cy"}), secure=True)
    assert client.cookies["django_language"]["secure"] is True
