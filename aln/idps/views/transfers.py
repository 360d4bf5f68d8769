"""The page that passes a plan to the body that must now maintain it (s.35, s.30; spec §6.3).

Only the moves that can start from the body maintaining the plan are offered. Afterwards the
person may no longer see the learner (they acted for the old school or authority): they are
sent to the learner search with the confirmation, not to a plan page that would answer 404.
"""

from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.domain.plans import TransferKind
from aln.domain.process import CaseAction
from aln.domain.responsibility import Body
from aln.idps.forms.transfers import TransferForm
from aln.idps.selectors.plans import idp_visible_queryset
from aln.idps.selectors.transfers import transfer_authorities, transfer_settings
from aln.idps.services.transfers import idp_transfer
from aln.idps.views.ceasing import PlanMoveView
from aln.organisations.models import LocalAuthority


class IdpTransferView(PlanMoveView):
    case_action = CaseAction.TRANSFER
    form_class = TransferForm
    template_name = "idps/transfer_form.html"

    def kinds(self) -> list[TransferKind]:
        body = Body(self.idp.maintained_by)
        return [kind for kind in TransferKind if body in kind.rule.from_bodies]

    def get_form_kwargs(self):
        settings = sorted(transfer_settings(), key=lambda s: (s.name.casefold(), str(s.pk)))
        authorities = sorted(transfer_authorities(), key=lambda a: (a.name.casefold(), str(a.pk)))
        return {
            **super().get_form_kwargs(),
            "kinds": self.kinds(),
            "settings": settings,
            "authorities": authorities,
        }

    def get_initial(self):
        learner = self.idp.learner
        initial = {**super().get_initial(), "joined_on": None}
        if learner.looked_after_by_id:
            initial["new_local_authority"] = str(learner.looked_after_by_id)
        return initial

    def perform(self, data, version):
        setting_id = data.get("new_setting") or None
        authority_id = data.get("new_local_authority") or None
        transfer = idp_transfer(
            actor=self.actor,
            idp=self.idp,
            case_version=version,
            kind=TransferKind(data["kind"]),
            joined_on=data["joined_on"],
            new_setting=transfer_settings().filter(pk=setting_id).first() if setting_id else None,
            new_local_authority=(
                LocalAuthority.objects.filter(pk=authority_id).first() if authority_id else None
            ),
            notes=data["notes"],
            notice_language=NoticeLanguage(data["language"]),
            notice_method=DeliveryMethod(data["method"]),
            given_on=data["given_on"],
        )
        new_body = transfer.to_setting or transfer.to_local_authority
        return str(
            _(
                "The IDP has been passed to %(body)s. They have been told, and the letter telling "
                "the family who is now responsible has been produced."
            )
            % {"body": new_body.name}
        )

    def done(self):
        if idp_visible_queryset(user=self.actor).filter(pk=self.idp.pk).exists():
            return redirect("idps:plan", idp_id=self.idp.pk)
        # The old body's staff may no longer see the learner: somewhere they can.
        return redirect("learners:learner-search")


urlpatterns = [
    path("<uuid:idp_id>/transfer/", IdpTransferView.as_view(), name="transfer"),
]
