import dataclasses
import datetime

import pytest

from aln.domain.notices import (
    NoticeKind,
    NoticeLanguage,
    ProviderKind,
    notice_recipients,
    notice_rights,
)
from aln.notices.content import Contact, NoticeContent, Provider

PROVIDERS = (
    Provider(
        kind=ProviderKind.INFORMATION_AND_ADVICE,
        name="Family Information Service",
        name_cy="Gwasanaeth Gwybodaeth i Deuluoedd",
        phone="01234 111111",
    ),
    Provider(
        kind=ProviderKind.DISAGREEMENT_RESOLUTION,
        name="Disagreement Resolution Service",
        name_cy="Gwasanaeth Datrys Anghytundebau",
        email="resolve@example.org",
    ),
    Provider(
        kind=ProviderKind.INDEPENDENT_ADVOCACY,
        name="SNAP Cymru",
        phone="0808 801 0608",
        website="www.snapcymru.org",
        description="Free independent advocacy.",
        description_cy="Eiriolaeth annibynnol am ddim.",
    ),
)


def make_content(
    *,
    kind=NoticeKind.NO_ALN,
    language=NoticeLanguage.EN,
    decided_by_school=False,
    young_person=False,
    **overrides,
) -> NoticeContent:
    """A complete, lawful notice; override any field."""
    content = NoticeContent(
        kind=kind,
        language=language,
        case_reference="ALN-T0000042",
        learner_name="Osian Prys",
        learner_date_of_birth=datetime.date(2016, 5, 4),
        addressee_names=("Osian Prys",) if young_person else ("Siân Prys", "Elis Prys"),
        recipients=notice_recipients(
            is_young_person=young_person,
            looked_after=False,
            child_lacks_capacity=False,
            case_friend_appointed=False,
        ),
        body_name_en="Ysgol Aberwen governing body" if decided_by_school else "Demo Council",
        body_name_cy="Corff llywodraethu Ysgol Aberwen" if decided_by_school else "Cyngor Demo",
        decided_by_school=decided_by_school,
        contact=Contact(address="1 Heol y Bont\nAberwen", phone="01234 567890", email="a@b.org"),
        decided_on=datetime.date(2026, 11, 20),
        reasons="Reading support has closed the gap.",
        given_on=datetime.date(2026, 11, 23),
        rights=notice_rights(decided_by_school=decided_by_school, kind=kind),
        appeal_last_day=None if decided_by_school else datetime.date(2027, 1, 19),
        idp_preparer_name="Demo Council",
        idp_due_on=datetime.date(2026, 12, 11) if kind is NoticeKind.HAS_ALN else None,
        providers=PROVIDERS,
        local_authority_name_en="Demo Council",
        local_authority_name_cy="Cyngor Demo",
    )
    return dataclasses.replace(content, **overrides)


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    """Stored notices go to this test's own directory."""
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT
