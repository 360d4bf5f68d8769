"""Which grounds for ending a plan apply to it now, for the pages that offer them."""

import datetime

from aln.cases.selectors import is_young_person_on
from aln.domain.plans import CeaseGround, check_cease
from aln.domain.responsibility import Body
from aln.idps.models import Idp


def cease_grounds_for(*, idp: Idp, on: datetime.date, decided: bool) -> list[CeaseGround]:
    """The grounds the plan could end on, on `on`: automatic ones (`decided=False`) or those
    that need a proposal and a decision (`decided=True`). A ground that does not fit the body
    maintaining the plan or the learner (their age, whether they are a young person) is left
    out, so the page offers only what the law allows (`aln.domain.plans.check_cease`)."""
    learner = idp.learner
    young = is_young_person_on(learner, on)
    return [
        ground
        for ground in CeaseGround
        if ground.automatic is not decided
        and check_cease(
            ground,
            maintained_by=Body(idp.maintained_by),
            is_young_person=young,
            date_of_birth=learner.date_of_birth,
            on=on,
            decided=decided,
            reasons="-" if decided else "",
        )
        is None
    ]
