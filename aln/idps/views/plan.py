"""Reading a plan: the plan page (the version in force, in the order of the mandatory form), any
version, the list of versions, a readable difference between two, and the appendices.

Everyone who may see the learner reads the plan and every version of it (families are given a
copy, s.22). The plan page offers the moves the person may make now: other pages add theirs to
`PLAN_ACTION_ROUTES`.
"""

from typing import Any

from django.http import FileResponse, Http404
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from aln.cases.selectors import case_actions_for
from aln.common.i18n import (
    ALP_PROVIDER_LABELS,
    ATTACHMENT_KIND_LABELS,
    BODY_LABELS,
    CASE_ACTION_LABELS,
    CEASE_GROUND_LABELS,
    NOTICE_LANGUAGE_LABELS,
    REVIEW_DECISION_LABELS,
    STAGE_LABELS,
    label,
)
from aln.common.permissions import user_roles
from aln.domain.access import Action, any_role_may
from aln.domain.notices import NoticeKind
from aln.domain.process import CaseAction, Stage
from aln.idps.diff import version_diff
from aln.idps.forms.editor import CompareForm
from aln.idps.models import Attachment, Idp, IdpVersion, VersionState
from aln.idps.selectors.plans import (
    current_version,
    idp_may_edit,
    version_get,
    version_list,
)
from aln.idps.selectors.reviews import review_list
from aln.idps.selectors.versions import (
    attachment_get,
    attachments_of,
    next_review_for,
    version_numbers,
)
from aln.idps.views.base import PlanMixin
from aln.idps.views.editor import la_maintained
from aln.notices.selectors import notice_list_for_case

# The plan's moves and the page that makes each: offered on the plan page when the process table
# allows the person the move now and the page exists. Issuing, reviews, ceasing and transfers
# add their pairs here, e.g. (CaseAction.GIVE_IDP, "idps:give").
PLAN_ACTION_ROUTES: list[tuple[CaseAction, str]] = [
    (CaseAction.GIVE_IDP, "idps:give"),
    (CaseAction.GIVE_REVISED_IDP, "idps:give"),
    (CaseAction.RECORD_REVIEW, "idps:review"),
    (CaseAction.TRANSFER, "idps:transfer"),
    (CaseAction.PROPOSE_CEASE, "idps:cease-propose"),
    (CaseAction.WITHDRAW_CEASE_PROPOSAL, "idps:cease-withdraw"),
    (CaseAction.CEASE, "idps:cease-decide"),
    (CaseAction.END_PLAN, "idps:end"),
]


def _link(text: Any, url_name: str, idp: Idp) -> dict[str, str] | None:
    try:
        return {"label": str(text), "url": reverse(url_name, kwargs={"idp_id": idp.pk})}
    except NoReverseMatch:
        return None


def plan_action_links(user: Any, idp: Idp) -> list[dict[str, str]]:
    """What this person may do with the plan now, as {"label", "url"}: writing the draft, then
    every move in `PLAN_ACTION_ROUTES` the process table allows them."""
    links: list[dict[str, str] | None] = []
    number = idp.versions.filter(state=VersionState.DRAFT).values_list("number", flat=True).first()
    if idp_may_edit(user=user, idp=idp):
        if number is not None:
            links.append(_link(_("Edit the draft"), "idps:edit", idp))
            if number > 1:
                links.append(_link(_("Throw away the draft"), "idps:discard", idp))
        elif idp.case.stage == Stage.MAINTAINING:
            links.append(_link(_("Start a new version (revise the IDP)"), "idps:revise", idp))
    allowed = set(case_actions_for(user=user, case=idp.case))
    if number is None:
        allowed.discard(CaseAction.GIVE_REVISED_IDP)  # nothing written yet to give
    for action, url_name in PLAN_ACTION_ROUTES:
        if action in allowed:
            links.append(_link(label(CASE_ACTION_LABELS, action), url_name, idp))
    return [link for link in links if link is not None]


def version_content(idp: Idp, version: IdpVersion) -> dict[str, Any]:
    """A version's content in the order of the mandatory form, ready for the page."""
    needs = list(version.needs.all())
    descriptions = {need.key: need.description for need in needs}
    elements: list[dict[str, Any]] = []
    for number, element in enumerate(version.elements.all(), start=1):
        elements.append(
            {
                "element": element,
                "number": number,
                "needs": [descriptions[k] for k in element.need_keys if k in descriptions],
                "provider": label(ALP_PROVIDER_LABELS, element.provider)
                if element.provider
                else "",
            }
        )
    return {
        "version": version,
        "language": label(NOTICE_LANGUAGE_LABELS, version.language),
        "needs": needs,
        "alp": [item for item in elements if not item["element"].is_nhs],
        "nhs": [item for item in elements if item["element"].is_nhs],
        "la_maintained": la_maintained(idp),
        "attachments": [
            {"attachment": a, "kind": label(ATTACHMENT_KIND_LABELS, a.kind)}
            for a in attachments_of(idp=idp, number=version.number)
        ],
    }


def _maintainer(idp: Idp) -> str:
    body = label(BODY_LABELS, idp.maintained_by)
    if idp.setting is not None and not la_maintained(idp):
        return f"{body}: {idp.setting.name}"
    return f"{body}: {idp.local_authority.name}"


class PlanDetailView(PlanMixin, TemplateView):
    """The plan: who it is for and who maintains it, where it is in its life, and the version in
    force in full."""

    template_name = "idps/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        idp, user = self.idp, self.request.user
        versions = version_list(idp=idp)
        in_force = current_version(idp=idp)
        context.update(
            stage=label(STAGE_LABELS, idp.case.stage),
            maintainer=_maintainer(idp),
            versions=versions,
            draft=next((v for v in versions if v.is_draft), None),
            in_force=in_force,
            content=version_content(idp, in_force) if in_force else None,
            review=next_review_for(user=user, idp=idp),
            plan_actions=plan_action_links(user, idp),
            reviews=[
                (review, label(REVIEW_DECISION_LABELS, review.decision))
                for review in review_list(idp=idp)
            ],
            may_ask_for_review=idp.case.stage == Stage.MAINTAINING
            and any_role_may(user_roles(user), Action.IDP_REVIEW_REQUEST),
            ended=_ending(user, idp),
        )
        return context


def _ending(user, idp: Idp) -> dict[str, Any] | None:
    """When the plan has stopped: the day, the ground, and, for a decision to cease, its notice
    with the right it gave and its last day (the same facts as the letter). When the LA
    reconsidered a school's decision and confirmed it (s.32), its letter too: the right of
    appeal runs from the LA's letter, not the school's."""
    if idp.ceased_on is None:
        return None
    notices = notice_list_for_case(user=user, case=idp.case)
    decisions = [n for n in notices if n.kind == NoticeKind.CEASE_DECIDED]
    confirmed = [n for n in notices if n.kind == NoticeKind.CEASE_CONFIRMED]
    return {
        "ground": label(CEASE_GROUND_LABELS, idp.cease_ground),
        "notice": decisions[-1] if decisions else None,
        "confirmed": confirmed[-1] if confirmed else None,
    }


class VersionListView(PlanMixin, TemplateView):
    """Every version of the plan, newest first, each with a link to what changed from the one
    before."""

    template_name = "idps/version_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = version_list(idp=self.idp)  # newest first
        rows = []
        for index, version in enumerate(versions):
            previous = versions[index + 1] if index + 1 < len(versions) else None
            rows.append({"version": version, "previous": previous})
        context["rows"] = rows
        return context


class VersionDetailView(PlanMixin, TemplateView):
    """Any version of the plan: when it was given, by whom and to whom, and its content."""

    template_name = "idps/version_detail.html"
    access_event = "idp.version_viewed"
    version: IdpVersion

    def access_subject(self) -> IdpVersion:
        return self.version

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            version = version_get(idp=self.idp, number=kwargs["number"])
        except IdpVersion.DoesNotExist as error:
            raise Http404 from error
        self.version = version
        numbers = version_numbers(idp=self.idp)
        earlier = [n for n in numbers if n < version.number]
        context.update(
            version=version,
            content=version_content(self.idp, version),
            previous=earlier[-1] if earlier else None,
        )
        return context


class VersionCompareView(PlanMixin, TemplateView):
    """A readable difference between two versions (`?from=1&to=2`)."""

    template_name = "idps/version_compare.html"
    compared: tuple[int, int] | None = None

    def access_details(self) -> dict[str, Any]:
        return {"versions": list(self.compared)} if self.compared else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        numbers = version_numbers(idp=self.idp)
        asked = "from" in self.request.GET or "to" in self.request.GET
        initial = {}
        if len(numbers) >= 2:
            initial = {"from": numbers[-2], "to": numbers[-1]}
        form = CompareForm(self.request.GET if asked else None, numbers=numbers, initial=initial)
        diff = None
        if asked and form.is_valid():
            old = version_get(idp=self.idp, number=form.cleaned_data["from"])
            new = version_get(idp=self.idp, number=form.cleaned_data["to"])
            self.compared = (old.number, new.number)
            diff = version_diff(
                old,
                new,
                old_attachments=attachments_of(idp=self.idp, number=old.number),
                new_attachments=attachments_of(idp=self.idp, number=new.number),
                with_placement=la_maintained(self.idp)
                or any(
                    v.named_school_id or v.other_placement or v.board_and_lodging
                    for v in (old, new)
                ),
            )
        context.update(form=form, diff=diff, enough=len(numbers) >= 2)
        return context


class AttachmentDownloadView(PlanMixin, View):
    """Download an appendix of a plan the person may see. Every download is audited."""

    access_event = "idp.attachment_downloaded"
    attachment: Attachment

    def access_subject(self) -> Attachment:
        return self.attachment

    def access_details(self) -> dict[str, Any]:
        return {"idp": str(self.idp.pk), "title": self.attachment.title}

    def get(self, request, idp_id, attachment_id):
        try:
            attachment = attachment_get(idp=self.idp, attachment_id=attachment_id)
        except Attachment.DoesNotExist as error:
            raise Http404 from error
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        self.attachment = attachment
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.filename,
            content_type=attachment.content_type,
        )
        response["Cache-Control"] = "no-store, private"
        response["X-Content-Type-Options"] = "nosniff"
        return response


urlpatterns = [
    path("<uuid:idp_id>/", PlanDetailView.as_view(), name="plan"),
    path("<uuid:idp_id>/versions/", VersionListView.as_view(), name="versions"),
    path("<uuid:idp_id>/versions/<int:number>/", VersionDetailView.as_view(), name="version"),
    path("<uuid:idp_id>/compare/", VersionCompareView.as_view(), name="compare"),
    path(
        "<uuid:idp_id>/attachments/<uuid:attachment_id>/",
        AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
]
