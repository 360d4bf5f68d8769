"""Writing a plan: start it, edit the draft section by section, add and change needs and
elements of ALP (with the outcome checker beside each outcome), add appendices, start a revision
and throw a revision draft away.

Every form carries the draft's `revision`. When someone else saved the draft first, the save is
refused; the page comes back with the person's own input kept, the reason at the top, and what
the other person saved beside it, ready to be saved again (issue 5: nothing lost).
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from aln.cases.models import Case
from aln.cases.selectors import case_get_for, case_parties_for
from aln.common.errors import ServiceError
from aln.common.i18n import (
    ALP_PROVIDER_LABELS,
    ATTACHMENT_KIND_LABELS,
    ISSUE_PROBLEM_MESSAGES,
    NOTICE_LANGUAGE_LABELS,
    OUTCOME_PROBLEM_MESSAGES,
    OUTCOME_SUGGESTION_MESSAGES,
    error_message,
    label,
)
from aln.common.permissions import AccessLoggedMixin, ActionRequiredMixin, user_roles
from aln.domain.access import Action, any_role_may
from aln.domain.idp import LANGUAGES, check_outcome
from aln.domain.plans import IssueProblem, PlanError
from aln.domain.process import MAX_TEXT_LENGTH, Party, Stage
from aln.domain.responsibility import Body
from aln.idps.forms.editor import (
    SECTION_FORMS,
    AttachmentForm,
    ConfirmForm,
    ElementForm,
    NeedForm,
    RevisionForm,
    yes_no_value,
)
from aln.idps.models import Attachment, Element, Idp, IdpVersion, Need
from aln.idps.selectors.plans import (
    draft_of,
    idp_for_case,
    issue_blocks,
    outcome_language,
)
from aln.idps.selectors.versions import (
    attachment_get,
    attachments_of,
    element_in_draft,
    need_in_draft,
)
from aln.idps.services.attachments import (
    attachment_add,
    attachment_remove,
)
from aln.idps.services.drafting import (
    SECTION_FIELDS,
    draft_discard,
    draft_save_section,
    element_remove,
    element_save,
    idp_start,
    idp_start_revision,
    need_remove,
    need_save,
)
from aln.idps.views.base import PlanActionMixin
from aln.organisations.models import HealthBoard, Setting

LA_BODIES = frozenset({Body.LOCAL_AUTHORITY.value, Body.LOOKING_AFTER_AUTHORITY.value})


def la_maintained(idp: Idp) -> bool:
    """Section 2D (a named school, another placement, board and lodging) is for LA plans only."""
    return idp.maintained_by in LA_BODIES


# --- The outcome checker, as the page and the JSON endpoint show it -----------------------------


def outcome_check_result(text: str, language: str) -> dict[str, Any] | None:
    """The checker's findings on `text`, translated into the page's language; None when there
    is no outcome to check yet. Saving never depends on this."""
    text = (text or "")[:MAX_TEXT_LENGTH]
    if not text.strip():
        return None
    check = check_outcome(text, language if language in LANGUAGES else "en")
    problems = [
        {
            "code": str(problem.code),
            "message": str(OUTCOME_PROBLEM_MESSAGES[problem.message_key])
            % {"evidence": problem.evidence},
            "suggestion": str(OUTCOME_SUGGESTION_MESSAGES[problem.suggestion_key])
            % {"evidence": problem.evidence},
        }
        for problem in check.problems
    ]
    return {
        "passes": check.passes,
        "title": _("No problems found: the outcome is specific, measurable and time-bound")
        if check.passes
        else _("Things to check in this outcome"),
        "problems": problems,
    }


class OutcomeCheckView(ActionRequiredMixin, View):
    """`POST text=...&language=en|cy` (with the CSRF token): the checker's findings as JSON, for
    the editor's script. POST, not GET, so that outcome text, which often names the child, never
    appears in addresses or server logs.

    It reads only the text it is sent (no learner's record), so it is not scoped to a plan; it
    is still only for people who write plans. A GET reads nothing it is sent and answers as for
    an empty outcome.
    """

    required_action = Action.IDP_WRITE

    def get(self, request):
        return self._answer("", "en")

    def post(self, request):
        return self._answer(request.POST.get("text", ""), request.POST.get("language", "en"))

    def _answer(self, text: str, language: str) -> JsonResponse:
        result = outcome_check_result(text, language)
        body = result or {"passes": False, "title": "", "problems": []}
        response = JsonResponse({"empty": result is None, **body})
        response["Cache-Control"] = "no-store, private"
        return response


# --- Starting a plan -----------------------------------------------------------------------------


class IdpStartView(AccessLoggedMixin, ActionRequiredMixin, FormView):
    """Start writing the first IDP on a case whose decision said one is due (IDP_DUE).

    GET asks to confirm; POST starts it and opens the draft. Someone who does not act for the
    body that decided, or a case at another stage, goes back to the case page with the reason.
    """

    required_action = Action.IDP_WRITE
    template_name = "idps/editor_start.html"
    form_class = ConfirmForm
    access_event = "case.viewed"  # the page shows the case the plan would start on
    record_attr = "case"
    case: Case

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if any_role_may(user_roles(request.user), self.required_action):
            try:
                self.case = case_get_for(user=request.user, case_id=kwargs["case_id"])
            except Case.DoesNotExist as error:
                raise Http404 from error
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return super().dispatch(request, *args, **kwargs)

    def _refusal(self, request):
        if not case_parties_for(user=request.user, case=self.case):
            raise Http404  # families and others see the case but take no part in it
        existing = idp_for_case(user=request.user, case=self.case)
        if existing is not None:
            return redirect("idps:plan", idp_id=existing.pk)
        code = None
        if Party.DECIDER not in case_parties_for(user=request.user, case=self.case):
            code = PlanError.NOT_YOURS
        elif self.case.stage != Stage.IDP_DUE:
            code = PlanError.NOT_DUE
        if code is None:
            return None
        messages.error(request, error_message(code))
        return redirect("cases:case-detail", case_id=self.case.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "case": self.case}

    def form_valid(self, form):
        try:
            idp = idp_start(actor=self.actor, case=self.case)
        except ServiceError as error:
            messages.error(self.request, error_message(error.code))
            return redirect("cases:case-detail", case_id=self.case.pk)
        messages.success(self.request, _("The IDP has been started. Write the first draft."))
        return redirect("idps:edit", idp_id=idp.pk)


# --- The draft --------------------------------------------------------------------------------


class DraftMixin(PlanActionMixin):
    """An editor page: the plan has a draft, and the person acts for the body that maintains it.
    Opening one is logged as a view of the draft (`idp.version_viewed`)."""

    access_event = "idp.version_viewed"
    draft: IdpVersion

    def access_subject(self) -> IdpVersion:
        return self.draft

    request: Any
    kwargs: dict[str, Any]

    def check(self, request):
        refusal = super().check(request)
        if refusal is not None:
            return refusal
        draft = draft_of(idp=self.idp)
        if draft is None:
            return self.back(PlanError.NO_DRAFT)
        self.draft = draft
        return None

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "draft": self.draft,
            "la_maintained": la_maintained(self.idp),
        }

    def to_editor(self, message: str = "", anchor: str = ""):
        if message:
            messages.success(self.request, message)
        return redirect(reverse("idps:edit", kwargs={"idp_id": self.idp.pk}) + anchor)


def _issue_items(idp: Idp, draft: IdpVersion) -> list[dict[str, Any]]:
    """What stops the draft being given, each linked to the place to fix it."""
    elements = {element.key: element for element in draft.elements.all()}
    plan_links = {
        IssueProblem.NO_PROFILE: reverse(
            "idps:edit-section", kwargs={"idp_id": idp.pk, "section": "about"}
        ),
        IssueProblem.NO_NEEDS: reverse(
            "idps:edit-section", kwargs={"idp_id": idp.pk, "section": "needs"}
        ),
        IssueProblem.NO_ELEMENTS: reverse("idps:element-add", kwargs={"idp_id": idp.pk}),
    }
    positions = {key: index for index, key in enumerate(elements, start=1)}
    items = []
    for block in issue_blocks(draft):
        element = elements.get(block.element)
        url = (
            reverse("idps:element-edit", kwargs={"idp_id": idp.pk, "element_id": element.pk})
            if element is not None
            else plan_links.get(block.problem, "")
        )
        items.append(
            {
                "message": str(ISSUE_PROBLEM_MESSAGES[block.problem]),
                "url": url,
                "element": positions.get(block.element),
            }
        )
    return items


class DraftOverviewView(DraftMixin, TemplateView):
    """The draft, section by section, with what still stops it being given."""

    template_name = "idps/editor_overview.html"

    def _url(self, name: str, element: Element) -> str:
        return reverse(name, kwargs={"idp_id": self.idp.pk, "element_id": element.pk})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = self.draft
        language = outcome_language(draft)
        needs = list(draft.needs.all())
        descriptions = {need.key: need.description for need in needs}
        context.update(
            needs=needs,
            elements=[
                {
                    "element": element,
                    "number": number,
                    "needs": [descriptions[k] for k in element.need_keys if k in descriptions],
                    "provider": label(ALP_PROVIDER_LABELS, element.provider)
                    if element.provider
                    else "",
                    "check": outcome_check_result(element.outcome, language),
                    "actions": [
                        {"label": _("Change"), "url": self._url("idps:element-edit", element)},
                        {"label": _("Remove"), "url": self._url("idps:element-remove", element)},
                    ],
                }
                for number, element in enumerate(draft.elements.all(), start=1)
            ],
            language=label(NOTICE_LANGUAGE_LABELS, draft.language),
            issues=_issue_items(self.idp, draft),
            attachments=[
                {"attachment": a, "kind": label(ATTACHMENT_KIND_LABELS, a.kind)}
                for a in attachments_of(idp=self.idp, number=draft.number)
            ],
        )
        return context


class _DraftFormView(DraftMixin, FormView):
    """A form that changes the draft; handles someone else saving first."""

    success_message: Any = ""

    def get_initial(self):
        return {"revision": self.draft.revision}

    def save(self, form) -> None:
        raise NotImplementedError

    def theirs(self) -> list[dict[str, str]] | dict[str, Any] | None:
        """What the other person saved, to show beside the person's own input."""
        return None

    def success(self):
        return self.to_editor(str(self.success_message))

    def form_valid(self, form):
        try:
            self.save(form)
        except ServiceError as error:
            if error.code is PlanError.CHANGED_BY_SOMEONE_ELSE:
                return self.changed_by_someone_else(form)
            if error.code in {PlanError.NOT_A_DRAFT, PlanError.NOT_FOUND}:
                return self.back(error.code)
            return self.refused(error, form)
        return self.success()

    def changed_by_someone_else(self, form):
        """Show the form again with the person's input, the reason, and the other's values; its
        revision is now the latest, so saving again keeps this person's version."""
        fresh = draft_of(idp=self.idp)
        if fresh is None:
            return self.back(PlanError.NOT_A_DRAFT)
        self.draft = fresh
        data = form.data.copy()
        data[form.add_prefix("revision")] = str(fresh.revision)
        form = self.get_form_class()(**{**self.get_form_kwargs(), "data": data})
        form.is_valid()
        form.add_error(None, error_message(PlanError.CHANGED_BY_SOMEONE_ELSE))
        return self.render_to_response(self.get_context_data(form=form, theirs=self.theirs()))


def _shown(form, name: str, value: Any) -> str:
    """A stored value as the form's label would show it (choices by their label)."""
    if value in (None, ""):
        return ""
    field = form.fields[name]
    choices = dict(getattr(field, "choices", ()) or ())
    if name == "named_school":
        return str(value.name)
    if choices and not hasattr(value, "pk"):
        return str(choices.get(value, value))
    return str(value)


class SectionEditView(_DraftFormView):
    """One section of the draft: about me, 2A needs summary, 2D placement (LA plans), and the
    information used with transition arrangements."""

    template_name = "idps/editor_section.html"
    success_message = ""

    @property
    def section(self) -> str:
        return self.kwargs["section"]

    def check(self, request):
        if self.kwargs["section"] not in SECTION_FORMS:
            raise Http404
        refusal = super().check(request)
        if refusal is not None:
            return refusal
        if self.section == "placement" and not la_maintained(self.idp):
            raise Http404  # 2D is only part of a plan the local authority maintains
        return None

    def get_form_class(self):
        return SECTION_FORMS[self.section]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.section == "placement":
            kwargs["settings_queryset"] = Setting.objects.filter(
                local_authority_id=self.idp.local_authority_id, is_active=True
            ).order_by("name_en")
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        for name in SECTION_FIELDS[self.section]:
            attribute = "named_school_id" if name == "named_school" else name
            initial[name] = getattr(self.draft, attribute)
        return initial

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "section": self.section}

    def save(self, form):
        draft_save_section(
            actor=self.actor,
            version=self.draft,
            revision=form.revision_seen(),
            section=self.section,
            values=form.values(),
        )

    def success(self):
        return self.to_editor(_("Section saved."), anchor=f"#section-{self.section}")

    def theirs(self):
        kwargs = self.get_form_kwargs()
        form = self.get_form_class()(
            **{k: v for k, v in kwargs.items() if k not in {"data", "files"}}
        )
        rows = [
            {
                "label": str(form.fields[name].label),
                "value": _shown(form, name, getattr(self.draft, name)),
            }
            for name in SECTION_FIELDS[self.section]
        ]
        return {"removed": False, "rows": rows}


# --- Needs (2A) --------------------------------------------------------------------------------


def _gone(request, editing: bool) -> bool:
    """Someone else removed what this person was changing: a save from the form goes on (it is
    refused as stale, then kept as a new one), anything else goes back to the plan."""
    return editing and request.method == "POST"


class _NeedMixin(DraftMixin):
    need: Need | None = None
    gone = False  # the need was removed by someone else while this person was changing it

    def check(self, request):
        refusal = super().check(request)
        if refusal is not None or "need_id" not in self.kwargs:
            return refusal
        self.need = need_in_draft(draft=self.draft, need_id=self.kwargs["need_id"])
        if self.need is None:
            if _gone(request, self.keeps_input):
                self.gone = True
                return None
            return self.back(PlanError.NOT_FOUND)
        return None

    keeps_input = False

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "need": self.need}

    def stored_need(self) -> dict[str, Any] | None:
        """The need as stored now, field by field (shown beside a refused save)."""
        if self.gone:
            return {"removed": True, "rows": []}
        if self.need is None:
            return None
        stored = self.draft.needs.filter(key=self.need.key).first()
        if stored is None:
            return {"removed": True, "rows": []}
        rows = [
            {"label": str(NeedForm.base_fields["description"].label), "value": stored.description},
            {"label": str(NeedForm.base_fields["impact"].label), "value": stored.impact},
        ]
        return {"removed": False, "rows": rows}


class NeedEditView(_NeedMixin, _DraftFormView):
    """Add a need to section 2A (no `need_id`) or change one."""

    template_name = "idps/editor_need.html"
    form_class = NeedForm
    keeps_input = True

    def get_initial(self):
        initial = super().get_initial()
        if self.need is not None:
            initial.update(description=self.need.description, impact=self.need.impact)
        return initial

    def save(self, form):
        values = form.values()
        need_save(
            actor=self.actor,
            version=self.draft,
            revision=form.revision_seen(),
            key=self.need.key if self.need else None,
            description=values["description"],
            impact=values["impact"],
        )

    def success(self):
        message = _("Need saved.") if self.need else _("Need added.")
        return self.to_editor(message, anchor="#section-needs")

    def theirs(self):
        return self.stored_need()


class _RemoveView(DraftMixin, FormView):
    """GET asks to confirm; POST removes. A removal after someone else saved is refused too."""

    template_name = "idps/editor_remove.html"
    form_class = ConfirmForm

    def get_initial(self):
        return {"revision": self.draft.revision}

    def remove(self, revision: int) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.remove(form.revision_seen())
        except ServiceError as error:
            if error.code is PlanError.CHANGED_BY_SOMEONE_ELSE:
                messages.error(self.request, error_message(error.code))
                return self.to_editor()
            return self.back(error.code)
        return self.to_editor(str(self.removed_message))

    removed_message: Any = ""


class NeedRemoveView(_NeedMixin, _RemoveView):
    removed_message = _("Need removed.")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Remove this need?"),
            "what": self.need.description if self.need else "",
            "warning": _("Outcomes linked to this need will no longer be linked to it."),
        }

    def remove(self, revision):
        if self.need is None:  # `check` turned away a need not in the draft
            raise Http404
        need_remove(actor=self.actor, version=self.draft, revision=revision, key=self.need.key)


# --- Elements of ALP (2B, 2C) -------------------------------------------------------------------


def _element_summary(element: Element, needs: dict[str, str]) -> list[dict[str, str]]:
    """An element as stored, field by field (shown beside a refused save)."""
    day = lambda value: date_format(value, "j F Y") if value else ""  # noqa: E731
    provider = label(ALP_PROVIDER_LABELS, element.provider) if element.provider else ""
    if element.is_nhs and element.health_board is not None:
        provider = f"{provider}: {element.health_board.name}"
    elif element.provider_name:
        provider = f"{provider}: {element.provider_name}" if provider else element.provider_name
    welsh = {"yes": _("Yes"), "no": _("No"), "": _("Not decided")}[
        yes_no_value(element.welsh_required)
    ]
    rows = [
        (
            _("Which needs is this outcome for?"),
            "\n".join(needs.get(k, "") for k in element.need_keys),
        ),
        (_("2B.1 Outcome"), element.outcome),
        (
            _("If this outcome has no measure or no date, say why (optional)"),
            element.outcome_exception,
        ),
        (_("2B.2 What will be provided"), element.provision),
        (_("How often"), element.frequency),
        (_("How long each time"), element.duration),
        (_("Group size"), element.group_size),
        (_("2B.3 Must it be provided in Welsh?"), str(welsh)),
        (_("2B.4 Who provides it?"), provider),
        (_("2B.5 Provided from"), day(element.starts_on)),
        (_("2B.6 Review date or end date"), day(element.review_or_end_on)),
        (_("2B.7 Rationale"), element.rationale),
    ]
    return [{"label": str(title), "value": value} for title, value in rows]


class _ElementMixin(DraftMixin):
    element: Element | None = None
    gone = False  # removed by someone else while this person was changing it
    keeps_input = False

    def check(self, request):
        refusal = super().check(request)
        if refusal is not None or "element_id" not in self.kwargs:
            return refusal
        self.element = element_in_draft(draft=self.draft, element_id=self.kwargs["element_id"])
        if self.element is None:
            if _gone(request, self.keeps_input):
                self.gone = True
                return None
            return self.back(PlanError.NOT_FOUND)
        return None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "element": self.element}


class ElementEditView(_ElementMixin, _DraftFormView):
    """Add an element of ALP (no `element_id`) or change one, with the outcome checker.

    "Check this outcome" (`check` in the POST) shows the checker's findings on what was typed
    without saving anything. Saving never needs the outcome to pass.
    """

    template_name = "idps/editor_element.html"
    form_class = ElementForm
    keeps_input = True

    def boards(self):
        """The health boards serving the plan's LA (every board if none is recorded for it)."""
        serving = HealthBoard.objects.filter(served_authorities=self.idp.local_authority_id)
        return (serving if serving.exists() else HealthBoard.objects.all()).order_by("name_en")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "needs": list(self.draft.needs.all()),
            "boards": self.boards(),
        }

    def get_initial(self):
        initial = super().get_initial()
        if self.element is not None:
            initial.update(ElementForm.initial_for(self.element))
        return initial

    def outcome_text(self, form) -> str:
        if form.is_bound:
            return str(form.data.get(form.add_prefix("outcome"), ""))
        return self.element.outcome if self.element else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        language = outcome_language(self.draft)
        context.update(
            outcome_check=outcome_check_result(self.outcome_text(form), language),
            check_language=language,
        )
        return context

    def post(self, request, *args, **kwargs):
        if "check" in request.POST:
            return self.render_to_response(self.get_context_data(form=self.get_form()))
        return super().post(request, *args, **kwargs)

    def save(self, form):
        self.saved = element_save(
            actor=self.actor,
            version=self.draft,
            revision=form.revision_seen(),
            key=self.element.key if self.element else None,
            values=form.values(),
        )

    def success(self):
        message = _("Provision saved.") if self.element else _("Provision added.")
        return self.to_editor(message, anchor=f"#element-{self.saved.key}")

    def theirs(self):
        if self.gone:
            return {"removed": True, "rows": []}
        if self.element is None:
            return None
        stored = self.draft.elements.select_related("health_board").filter(key=self.element.key)
        element = stored.first()
        if element is None:
            return {"removed": True, "rows": []}
        needs = {need.key: need.description for need in self.draft.needs.all()}
        return {"removed": False, "rows": _element_summary(element, needs)}


class ElementRemoveView(_ElementMixin, _RemoveView):
    removed_message = _("Provision removed.")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Remove this provision?"),
            "what": self.element.outcome if self.element else "",
        }

    def remove(self, revision):
        if self.element is None:  # `check` turned away an element not in the draft
            raise Http404
        element_remove(
            actor=self.actor, version=self.draft, revision=revision, key=self.element.key
        )


# --- Revising and discarding -----------------------------------------------------------------


class RevisionStartView(PlanActionMixin, FormView):
    """Start a new version from the one in force, saying why it is being revised (s.23)."""

    template_name = "idps/editor_revise.html"
    form_class = RevisionForm

    def check(self, request):
        refusal = super().check(request)
        if refusal is not None:
            return refusal
        if self.idp.case.stage != Stage.MAINTAINING:
            return self.back(PlanError.NOT_IN_FORCE)
        if draft_of(idp=self.idp) is not None:
            return self.back(PlanError.DRAFT_EXISTS)
        return None

    def form_valid(self, form):
        try:
            idp_start_revision(
                actor=self.actor, idp=self.idp, why_revised=form.cleaned_data["why_revised"]
            )
        except ServiceError as error:
            return self.refused(error, form)
        messages.success(self.request, _("A new version has been started from the IDP in force."))
        return redirect("idps:edit", idp_id=self.idp.pk)


class DraftDiscardView(DraftMixin, FormView):
    """Throw away a revision draft; the version in force stays as it is."""

    template_name = "idps/editor_remove.html"
    form_class = ConfirmForm

    def check(self, request):
        refusal = super().check(request)
        if refusal is None and self.draft.number == 1:
            return self.back(PlanError.FIRST_VERSION_CANNOT_BE_DISCARDED)
        return refusal

    def get_initial(self):
        return {"revision": self.draft.revision}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Throw away this draft?"),
            "what": _("Version %(number)s (draft)") % {"number": self.draft.number},
            "warning": _(
                "Everything written in this draft will be lost. The IDP in force does not change."
            ),
            "button": _("Throw away the draft"),
        }

    def form_valid(self, form):
        try:
            # The draft's appendix changes go with it (the service undoes them).
            draft_discard(actor=self.actor, version=self.draft, revision=form.revision_seen())
        except ServiceError as error:
            if error.code is PlanError.CHANGED_BY_SOMEONE_ELSE:
                messages.error(self.request, error_message(error.code))
                return self.to_editor()
            return self.back(error.code)
        messages.success(self.request, _("The draft has been thrown away."))
        return redirect("idps:plan", idp_id=self.idp.pk)


# --- Appendices ---------------------------------------------------------------------------------


class AttachmentAddView(DraftMixin, FormView):
    """Add a document (PDF, Word, PNG or JPEG, at most 10 MB) to the draft as an appendix."""

    template_name = "idps/attachment_form.html"
    form_class = AttachmentForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            attachment_add(
                actor=self.actor,
                idp=self.idp,
                upload=data["file"],
                title=data["title"],
                kind=data["kind"],
                document_date=data["document_date"],
            )
        except ServiceError as error:
            if error.code in {PlanError.NOT_A_DRAFT, PlanError.NOT_YOURS}:
                return self.back(error.code)
            form.add_error(error.field or None, error_message(error.code))
            return self.form_invalid(form)
        return self.to_editor(_("Document added."), anchor="#section-appendices")


class AttachmentRemoveView(DraftMixin, FormView):
    template_name = "idps/editor_remove.html"
    form_class = ConfirmForm
    attachment: Attachment

    def check(self, request):
        refusal = super().check(request)
        if refusal is not None:
            return refusal
        try:
            self.attachment = attachment_get(
                idp=self.idp, attachment_id=self.kwargs["attachment_id"]
            )
        except Attachment.DoesNotExist as error:
            raise Http404 from error
        current = {a.pk for a in attachments_of(idp=self.idp, number=self.draft.number)}
        if self.attachment.pk not in current:
            return self.back(PlanError.NOT_FOUND)
        return None

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "title": _("Remove this document from the draft?"),
            "what": self.attachment.title,
            "warning": _("Earlier versions of the IDP keep it."),
        }

    def form_valid(self, form):
        try:
            attachment_remove(actor=self.actor, idp=self.idp, attachment=self.attachment)
        except ServiceError as error:
            return self.back(error.code)
        return self.to_editor(_("Document removed."), anchor="#section-appendices")


urlpatterns = [
    path("check-outcome/", OutcomeCheckView.as_view(), name="check-outcome"),
    path("start/<uuid:case_id>/", IdpStartView.as_view(), name="start"),
    path("<uuid:idp_id>/revise/", RevisionStartView.as_view(), name="revise"),
    path("<uuid:idp_id>/discard-draft/", DraftDiscardView.as_view(), name="discard"),
    path("<uuid:idp_id>/draft/", DraftOverviewView.as_view(), name="edit"),
    path("<uuid:idp_id>/draft/needs/add/", NeedEditView.as_view(), name="need-add"),
    path("<uuid:idp_id>/draft/needs/<uuid:need_id>/", NeedEditView.as_view(), name="need-edit"),
    path(
        "<uuid:idp_id>/draft/needs/<uuid:need_id>/remove/",
        NeedRemoveView.as_view(),
        name="need-remove",
    ),
    path("<uuid:idp_id>/draft/elements/add/", ElementEditView.as_view(), name="element-add"),
    path(
        "<uuid:idp_id>/draft/elements/<uuid:element_id>/",
        ElementEditView.as_view(),
        name="element-edit",
    ),
    path(
        "<uuid:idp_id>/draft/elements/<uuid:element_id>/remove/",
        ElementRemoveView.as_view(),
        name="element-remove",
    ),
    path(
        "<uuid:idp_id>/draft/attachments/add/",
        AttachmentAddView.as_view(),
        name="attachment-add",
    ),
    path(
        "<uuid:idp_id>/draft/attachments/<uuid:attachment_id>/remove/",
        AttachmentRemoveView.as_view(),
        name="attachment-remove",
    ),
    # Last: a section's name is a slug, so fixed paths above take precedence.
    path("<uuid:idp_id>/draft/<slug:section>/", SectionEditView.as_view(), name="edit-section"),
]
