"""Putting a plan in force for the review tests."""

from aln.domain.notices import DeliveryMethod, NoticeLanguage
from aln.idps.models import Idp
from aln.idps.selectors.plans import draft_of
from aln.idps.services.issuing import idp_give
from tests.aln.idps.conftest import TODAY


def give_plan(actor, idp, given_on=TODAY):
    """Give the draft (by default "today", 14 October 2026): the plan is then maintained and its
    review period runs."""
    draft = draft_of(idp=idp)
    idp = Idp.objects.select_related("case").get(pk=idp.pk)
    idp_give(
        actor=actor,
        idp=idp,
        version=draft,
        revision=draft.revision,
        case_version=idp.case.version,
        given_on=given_on,
        method=DeliveryMethod.POST,
        language=NoticeLanguage.EN,
    )
    idp.refresh_from_db()
    return idp
