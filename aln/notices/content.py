"""What a statutory notice says: plain values the case services fill in and the renderer prints.

Nothing here touches the database, so a notice can be rendered (and tested) from values alone.
`NoticeContent` holds everything the law asks a notice to contain (spec §5): the decision and its
reasons, who decided and how to contact them, the LA's information and advice (Act s.9),
disagreement resolution (s.68) and independent advocacy (s.69) providers, and the right to ask the
LA to reconsider (s.26) or to appeal to the Education Tribunal for Wales (s.70) with the last day.
"""

import datetime
from dataclasses import dataclass

from aln.domain.notices import NoticeKind, NoticeLanguage, ProviderKind, Recipient, Right


@dataclass(frozen=True, slots=True)
class Contact:
    """How to reach a body: any part may be blank (the notice leaves out what is missing)."""

    address: str = ""
    phone: str = ""
    email: str = ""

    def __bool__(self) -> bool:
        return bool(self.address.strip() or self.phone.strip() or self.email.strip())


@dataclass(frozen=True, slots=True)
class Provider:
    """A service the LA has arranged (s.9, s.68 or s.69), for example SNAP Cymru.

    `name` and `description` are in English; `name_cy` and `description_cy` in Welsh (the English
    is used where the Welsh is blank).
    """

    kind: ProviderKind
    name: str
    phone: str = ""
    email: str = ""
    website: str = ""
    description: str = ""
    name_cy: str = ""
    description_cy: str = ""

    def name_in(self, language: str) -> str:
        return (self.name_cy or self.name) if language == "cy" else self.name

    def description_in(self, language: str) -> str:
        return (self.description_cy or self.description) if language == "cy" else self.description


@dataclass(frozen=True, slots=True)
class NoticeContent:
    """Everything one notice says, in the language(s) it is written in.

    - `body_name_en` / `body_name_cy`: who decided and gives the notice (the school's governing
      body, the FEI, or the LA); `decided_by_school` is True for a maintained school's governing
      body (Act s.11), whose decisions the LA reconsiders (s.26) rather than the Tribunal.
    - `contact`: how to reach that body.
    - `addressee_names`: the people the letter is addressed to, by name ("Dear ...");
      `recipients`: who it is given to, from `aln.domain.notices.notice_recipients`.
    - `rights`: from `aln.domain.notices.notice_rights`; `appeal_last_day` is the last day the
      Tribunal must receive an appeal (the `etw-appeal` clock), required with the right of appeal.
    - `idp_preparer_name` and `idp_due_on`: for a "has ALN" notice, who prepares the IDP and the
      day it will be given by (Act s.22; the decision deadline).
    - `providers`: the LA's configured providers (`aln.notices.selectors.providers_for_notice`).
    - `local_authority_name_en` / `_cy` and `local_authority_contact`: the LA that reconsiders a
      school's decision, named in the right to ask it to (blank: "the local authority").

    Notices about a plan (`aln.domain.notices.PLAN_KINDS`) also use:
    - `reconsideration_last_day`: the last day to ask the LA to reconsider a school's decision to
      cease the plan (Act s.32; Regs reg 12; the `cease-reconsideration-request` clock).
    - `review_due_on`: the end of the review period the notice starts (s.23; `idp-review`).
    - `plan_version`: the version number of the plan given.
    - `cease_ground`: why the plan is to stop (`aln.domain.plans.CeaseGround` value);
      `ceases_on`: the day the body stops maintaining it, when known.
    - `previous_body_name_en` / `_cy` and `responsible_from`: for a change of responsible body,
      who was responsible before and from when the body giving the notice is (s.22(2)).
    - `requested_on`: the day a refused request for a review was received.

    The LA's answer to a request about a school's (or FEI's) decision or plan (`aln.disputes`;
    Act ss.26-29, 32) also uses:
    - `request_route` (an `aln.domain.disagreements.Route` value) and `request_received_on`:
      what the LA was asked, and the day the request reached it;
    - `about_body_name_en` / `_cy`: the school or FEI whose decision or plan it was about;
      `copy_to_governing_body`: its governing body is given a copy (spec §5: ss.27(4)-(5),
      28(7));
    - `la_outcome` (an `aln.domain.disagreements.LaOutcome` value): the LA's answer;
      `request_exception` (a `DutyException` value): why the LA will not reconsider (s.29).
    """

    kind: NoticeKind
    language: NoticeLanguage
    case_reference: str
    learner_name: str
    learner_date_of_birth: datetime.date
    addressee_names: tuple[str, ...]
    recipients: tuple[Recipient, ...]
    body_name_en: str
    body_name_cy: str
    decided_by_school: bool
    contact: Contact
    decided_on: datetime.date
    reasons: str
    given_on: datetime.date
    rights: frozenset[Right]
    appeal_last_day: datetime.date | None
    idp_preparer_name: str = ""
    idp_preparer_name_cy: str = ""  # the Welsh name, where the body has one
    idp_due_on: datetime.date | None = None
    providers: tuple[Provider, ...] = ()
    local_authority_name_en: str = ""
    local_authority_name_cy: str = ""
    local_authority_contact: Contact = Contact()
    reconsideration_last_day: datetime.date | None = None
    review_due_on: datetime.date | None = None
    plan_version: int | None = None
    cease_ground: str = ""
    ceases_on: datetime.date | None = None
    previous_body_name_en: str = ""
    previous_body_name_cy: str = ""
    responsible_from: datetime.date | None = None
    requested_on: datetime.date | None = None
    request_route: str = ""
    request_received_on: datetime.date | None = None
    about_body_name_en: str = ""
    about_body_name_cy: str = ""
    copy_to_governing_body: bool = False
    la_outcome: str = ""
    request_exception: str = ""

    @property
    def to_young_person(self) -> bool:
        """The young person holds the rights and is written to as "you" (Act s.99; spec §7)."""
        return Recipient.YOUNG_PERSON in self.recipients

    def providers_of(self, kind: ProviderKind) -> tuple[Provider, ...]:
        return tuple(provider for provider in self.providers if provider.kind == kind)
