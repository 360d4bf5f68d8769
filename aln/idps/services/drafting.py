"""Writing a plan: start it, save each section of the draft, add and change needs and elements.

Every save names the draft `revision` the author started from; if someone else saved the draft
since, the save is refused (`PlanError.CHANGED_BY_SOMEONE_ELSE`) and nothing is written, so the
page can show the other person's change beside the author's own text (issue 5). Drafts never
need to pass the outcome checker; giving the plan does (`aln.idps.services.issuing`).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from aln.audit.changes import field_changes
from aln.audit.services import audit_record
from aln.cases.models import Case
from aln.cases.selectors import case_parties_for
from aln.common.errors import ServiceError
from aln.domain.plans import AlpProvider, PlanError
from aln.domain.process import MAX_TEXT_LENGTH, Party, ProcessError, Stage
from aln.domain.responsibility import Body
from aln.idps.models import Element, Idp, IdpVersion, Need, VersionState
from aln.idps.services.attachments import attachments_forget_draft

# The fields of each section of the draft that a section form may change (spec §4.2).
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "about": (
        "language",
        "communication_language",
        "like_and_admire",
        "important_to_me",
        "how_to_support_me",
        "profile_written_with",
    ),
    "needs": ("needs_summary",),
    "placement": ("named_school", "other_placement", "board_and_lodging"),
    "information": ("information_used", "transition_arrangements"),
}

ELEMENT_FIELDS = (
    "need_keys",
    "outcome",
    "outcome_exception",
    "provision",
    "frequency",
    "duration",
    "group_size",
    "welsh_required",
    "provider",
    "provider_name",
    "health_board",
    "starts_on",
    "review_or_end_on",
    "rationale",
)


def _check_decider(actor: Any, case: Case) -> None:
    if Party.DECIDER not in case_parties_for(user=actor, case=case):
        raise ServiceError(PlanError.NOT_YOURS)


def _check_texts(values: dict[str, Any]) -> None:
    for name, value in values.items():
        if isinstance(value, str) and len(value.strip()) > MAX_TEXT_LENGTH:
            raise ServiceError(ProcessError.TEXT_TOO_LONG, field=name)


def _locked_draft(actor: Any, version: IdpVersion, revision: int) -> IdpVersion:
    """The draft row locked for this transaction, if nobody saved it since `revision`."""
    locked = IdpVersion.objects.select_for_update().select_related("idp__case").get(pk=version.pk)
    _check_decider(actor, locked.idp.case)
    if locked.state != VersionState.DRAFT:
        raise ServiceError(PlanError.NOT_A_DRAFT)
    if locked.revision != revision:
        raise ServiceError(PlanError.CHANGED_BY_SOMEONE_ELSE)
    return locked


def _bump(actor: Any, locked: IdpVersion, version: IdpVersion, **values: Any) -> None:
    """Save `values` on the draft with the next revision (the caller holds the lock)."""
    IdpVersion.objects.filter(pk=locked.pk).update(
        revision=locked.revision + 1, updated_by=actor, updated_at=timezone.now(), **values
    )
    for name, value in {**values, "revision": locked.revision + 1}.items():
        setattr(version, name, value)


def _prefill_from_case(case: Case) -> dict[str, str]:
    """Start the one-page profile and the record of information from what the case gathered."""
    views = case.views.filter(whose__in=("child", "young_person")).order_by("-gathered_on").first()
    lines = [f"- {item.description}" for item in case.evidence.all()]
    lines += [
        f"- {advice.asked_of}: {advice.summary}"
        for advice in case.advice_requests.filter(received_on__isnull=False)
    ]
    return {
        "important_to_me": views.important_to if views else "",
        "how_to_support_me": views.how_to_support if views else "",
        "information_used": "\n".join(lines),
    }


@transaction.atomic
def idp_start(*, actor: Any, case: Case) -> Idp:
    """Start writing the first plan for a case whose decision was that the learner has ALN.

    The body preparing it (the decision's `idp_preparer`) maintains it once given.
    """
    locked = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    _check_decider(actor, locked)
    if locked.stage != Stage.IDP_DUE:
        raise ServiceError(PlanError.NOT_DUE)
    if Idp.objects.filter(case=locked).exists():
        raise ServiceError(PlanError.ALREADY_STARTED)
    maintained_by = Body(locked.idp_preparer or locked.deciding_body)
    learner = locked.learner
    if (
        maintained_by is Body.LOCAL_AUTHORITY
        and learner.is_looked_after
        and learner.looked_after_by_id == locked.local_authority_id
    ):
        maintained_by = Body.LOOKING_AFTER_AUTHORITY  # s.19: the LA that looks after the child
    idp = Idp.objects.create(
        case=locked,
        learner_id=locked.learner_id,
        maintained_by=maintained_by.value,
        local_authority_id=locked.local_authority_id,
        setting_id=locked.setting_id if maintained_by in (Body.SCHOOL, Body.FEI) else None,
        created_by=actor,
        updated_by=actor,
    )
    language = "cy" if learner.preferred_language == "cy" else "en"
    IdpVersion.objects.create(
        idp=idp,
        number=1,
        language=language,
        created_by=actor,
        updated_by=actor,
        **_prefill_from_case(locked),
    )
    audit_record(
        actor=actor,
        event_type="idp.started",
        subject=idp,
        local_authority_id=idp.local_authority_id,
        changes={"case": locked.reference, "maintained_by": maintained_by.value},
    )
    return idp


def version_copy(actor: Any, source: IdpVersion, number: int, why_revised: str) -> IdpVersion:
    """A new draft numbered `number`, copied from `source` with its needs and elements. Call it
    inside a service's transaction; the caller writes the audit event."""
    fields = {
        name: getattr(source, name)
        for fields in SECTION_FIELDS.values()
        for name in fields
        if name != "named_school"
    }
    draft = IdpVersion.objects.create(
        idp_id=source.idp_id,
        number=number,
        why_revised=why_revised,
        named_school_id=source.named_school_id,
        created_by=actor,
        updated_by=actor,
        **fields,
    )
    Need.objects.bulk_create(
        Need(
            version=draft,
            key=need.key,
            position=need.position,
            description=need.description,
            impact=need.impact,
            created_by=actor,
            updated_by=actor,
        )
        for need in source.needs.all()
    )
    Element.objects.bulk_create(
        Element(
            version=draft,
            key=element.key,
            position=element.position,
            created_by=actor,
            updated_by=actor,
            **{name: getattr(element, name) for name in ELEMENT_FIELDS if name != "health_board"},
            health_board_id=element.health_board_id,
        )
        for element in source.elements.all()
    )
    return draft


@transaction.atomic
def idp_start_revision(*, actor: Any, idp: Idp, why_revised: str) -> IdpVersion:
    """Start a new draft from the version in force (s.23: a revised plan is a new version)."""
    locked = Idp.objects.select_for_update(of=("self",)).select_related("case").get(pk=idp.pk)
    _check_decider(actor, locked.case)
    if locked.case.stage != Stage.MAINTAINING:
        raise ServiceError(PlanError.NOT_IN_FORCE)
    if locked.versions.filter(state=VersionState.DRAFT).exists():
        raise ServiceError(PlanError.DRAFT_EXISTS)
    if not why_revised.strip():
        raise ServiceError(PlanError.WHY_REVISED_REQUIRED, field="why_revised")
    _check_texts({"why_revised": why_revised})
    source = locked.versions.filter(state=VersionState.ISSUED).order_by("-number").first()
    if source is None:
        raise ServiceError(PlanError.NOT_IN_FORCE)
    draft = version_copy(actor, source, source.number + 1, why_revised.strip())
    audit_record(
        actor=actor,
        event_type="idp.revision_started",
        subject=locked,
        local_authority_id=locked.local_authority_id,
        changes={"version": draft.number, "from_version": source.number},
        reason=why_revised.strip(),
    )
    return draft


@transaction.atomic
def draft_discard(*, actor: Any, version: IdpVersion, revision: int) -> None:
    """Throw away a revision draft (the version in force stays). The first draft cannot be."""
    locked = _locked_draft(actor, version, revision)
    if locked.number == 1:
        raise ServiceError(PlanError.FIRST_VERSION_CANNOT_BE_DISCARDED)
    attachments_forget_draft(idp=locked.idp, number=locked.number)
    audit_record(
        actor=actor,
        event_type="idp.draft_discarded",
        subject=locked.idp,
        local_authority_id=locked.idp.local_authority_id,
        changes={"version": locked.number},
    )
    locked.delete()


@transaction.atomic
def draft_save_section(
    *, actor: Any, version: IdpVersion, revision: int, section: str, values: dict[str, Any]
) -> None:
    """Save one section of the draft. Only the section's own fields are taken from `values`."""
    allowed = SECTION_FIELDS[section]
    changes_in = {name: values[name] for name in allowed if name in values}
    _check_texts(changes_in)
    locked = _locked_draft(actor, version, revision)
    wanted = {
        name: raw.strip() if isinstance(raw, str) else raw for name, raw in changes_in.items()
    }
    changes = field_changes(locked, wanted, wanted)
    update = {
        "named_school_id" if name == "named_school" else name: getattr(value, "pk", value)
        for name, value in wanted.items()
        if name in changes
    }
    _bump(actor, locked, version, **update)
    audit_record(
        actor=actor,
        event_type="idp.draft_saved",
        subject=locked.idp,
        local_authority_id=locked.idp.local_authority_id,
        changes={"version": locked.number, "section": section, **changes},
    )


@transaction.atomic
def need_save(
    *,
    actor: Any,
    version: IdpVersion,
    revision: int,
    key: str | None,
    description: str,
    impact: str,
) -> Need:
    """Add a need to section 2A (no `key`) or change one."""
    if not description.strip():
        raise ServiceError(ProcessError.REQUIRED, field="description")
    _check_texts({"description": description, "impact": impact})
    locked = _locked_draft(actor, version, revision)
    changes: dict[str, Any]
    if key is None:
        need = Need.objects.create(
            version=locked,
            position=locked.needs.count(),
            description=description.strip(),
            impact=impact.strip(),
            created_by=actor,
            updated_by=actor,
        )
        event, changes = "idp.need_added", {"need": need.key}
    else:
        need = _need(locked, key)
        wanted = {"description": description.strip(), "impact": impact.strip()}
        changes = {"need": key, **field_changes(need, wanted, wanted)}
        for name, value in wanted.items():
            setattr(need, name, value)
        need.updated_by = actor
        need.save()
        event = "idp.need_changed"
    _bump(actor, locked, version)
    audit_record(
        actor=actor,
        event_type=event,
        subject=locked.idp,
        local_authority_id=locked.idp.local_authority_id,
        changes={"version": locked.number, **changes},
    )
    return need


def _need(version: IdpVersion, key: str) -> Need:
    need = version.needs.filter(key=key).first()
    if need is None:
        raise ServiceError(PlanError.NOT_FOUND)
    return need


def _element(version: IdpVersion, key: str) -> Element:
    element = version.elements.filter(key=key).first()
    if element is None:
        raise ServiceError(PlanError.NOT_FOUND)
    return element


@transaction.atomic
def need_remove(*, actor: Any, version: IdpVersion, revision: int, key: str) -> None:
    """Remove a need; outcomes linked to it lose the link (the checker then says so)."""
    locked = _locked_draft(actor, version, revision)
    need = _need(locked, key)
    for element in locked.elements.all():
        if key in element.need_keys:
            element.need_keys = [k for k in element.need_keys if k != key]
            element.save(update_fields=["need_keys", "updated_at"])
    need.delete()
    _bump(actor, locked, version)
    audit_record(
        actor=actor,
        event_type="idp.need_removed",
        subject=locked.idp,
        local_authority_id=locked.idp.local_authority_id,
        changes={"version": locked.number, "need": key, "description": need.description},
    )


def _clean_element(version: IdpVersion, values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {name: values[name] for name in ELEMENT_FIELDS if name in values}
    _check_texts(cleaned)
    known = set(version.needs.values_list("key", flat=True))
    need_keys = list(dict.fromkeys(cleaned.get("need_keys") or []))
    if set(need_keys) - known:
        raise ServiceError(PlanError.UNKNOWN_NEED, field="need_keys")
    cleaned["need_keys"] = need_keys
    provider = cleaned.get("provider") or ""
    cleaned["provider"] = AlpProvider(provider).value if provider else ""
    if cleaned["provider"] != AlpProvider.NHS_BODY:
        cleaned["health_board"] = None
    for name, value in cleaned.items():
        if isinstance(value, str):
            cleaned[name] = value.strip()
    starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("review_or_end_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise ServiceError(ProcessError.DATE_BEFORE_START, field="review_or_end_on")
    return cleaned


@transaction.atomic
def element_save(
    *,
    actor: Any,
    version: IdpVersion,
    revision: int,
    key: str | None,
    values: dict[str, Any],
) -> Element:
    """Add an element of ALP (no `key`) or change one. Saving never needs a SMART outcome."""
    locked = _locked_draft(actor, version, revision)
    cleaned = _clean_element(locked, values)
    changes: dict[str, Any]
    if key is None:
        element = Element.objects.create(
            version=locked,
            position=locked.elements.count(),
            created_by=actor,
            updated_by=actor,
            **cleaned,
        )
        event, changes = "idp.element_added", {"element": element.key}
    else:
        element = _element(locked, key)
        changed = field_changes(element, cleaned, cleaned)
        changes = {"element": key, **changed}
        for name in changed:
            attribute = "health_board_id" if name == "health_board" else name
            setattr(element, attribute, getattr(cleaned[name], "pk", cleaned[name]))
        element.updated_by = actor
        element.save()
        event = "idp.element_changed"
    _bump(actor, locked, version)
    audit_record(
        actor=actor,
        event_type=event,
        subject=locked.idp,
        local_authority_id=locked.idp.local_authority_id,
        changes={"version": locked.number, **changes},
    )
    return element


@transaction.atomic
def element_remove(*, actor: Any, version: IdpVersion, revision: int, key: str) -> None:
    locked = _locked_draft(actor, version, revision)
    element = _element(locked, key)
    element.delete()
    _bump(actor, locked, version)
    audit_record(
        actor=actor,
        event_type="idp.element_removed",
        subject=locked.idp,
        local_authority_id=locked.idp.local_authority_id,
        changes={"version": locked.number, "element": key, "outcome": element.outcome},
    )
