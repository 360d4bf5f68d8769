"""Who may act for a learner in a disagreement, from what is recorded: age, capacity views and
the Tribunal's declaration, case friends and representatives (Act ss.83-85; spec §7). Requests,
appeals and notices all read these facts from here."""

import datetime
from dataclasses import dataclass

from aln.disputes.models import ActingFor, ActingForKind, CapacityRecord
from aln.domain.ages import is_young_person
from aln.domain.disagreements import CapacityAssessor, CapacityView, capacity_view
from aln.learners.models import Learner


@dataclass(frozen=True, slots=True)
class Standing:
    is_young_person: bool
    child_lacks_capacity: bool
    capacity_declared_by_tribunal: bool
    case_friend: ActingFor | None
    representative: ActingFor | None

    @property
    def has_case_friend(self) -> bool:
        return self.case_friend is not None

    @property
    def has_representative(self) -> bool:
        return self.representative is not None


def _current(people: list[ActingFor], kind: str, on: datetime.date) -> ActingFor | None:
    for person in people:  # newest first
        if person.kind == kind and person.appointed_on <= on and person.ended_on is None:
            return person
    return None


def standing_for(*, learner: Learner, on: datetime.date) -> Standing:
    """The facts `aln.domain.disagreements` needs about who may act for `learner` on `on`.
    Two queries. Callers have already checked the user may see the learner."""
    records = list(CapacityRecord.objects.filter(learner=learner, decided_on__lte=on))
    views = [
        CapacityView(CapacityAssessor(r.assessor), r.lacks_capacity, r.decided_on)
        for r in sorted(records, key=lambda r: (r.decided_on, r.created_at))
    ]
    lacks = capacity_view(views)
    tribunal = [v for v in views if v.assessor is CapacityAssessor.TRIBUNAL]
    people = list(ActingFor.objects.filter(learner=learner))
    return Standing(
        is_young_person=is_young_person(learner.date_of_birth, on),
        child_lacks_capacity=bool(lacks),
        capacity_declared_by_tribunal=bool(tribunal) and not tribunal[-1].lacks_capacity,
        case_friend=_current(people, ActingForKind.CASE_FRIEND, on),
        representative=_current(people, ActingForKind.REPRESENTATIVE, on),
    )
