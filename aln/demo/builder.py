"""The fictional demo local authority: settings, services, staff, families and learners.

Everything comes from one seed, so the same seed always builds the same people (and the same
primary keys). `make_plan` is pure Python and touches no database; `build` writes a plan with
bulk inserts. Every name, address and phone number is invented: phone numbers are in Ofcom's
range reserved for drama (07700 900xxx) and postcodes use the non-existent "DM" area.
"""

import datetime
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from aln.accounts.models import Membership, User
from aln.audit.services import audit_record
from aln.common.clock import today
from aln.demo.cases import create_process_cases
from aln.demo.clock import create_calendar, create_cases
from aln.demo.contacts import add_contact_details
from aln.demo.disputes import create_demo_disputes
from aln.demo.plans import create_demo_plans
from aln.domain import upn
from aln.domain.organisations import (
    MAINTAINED_SCHOOL_KINDS,
    EducationArrangement,
    LanguageMedium,
    LAServiceKind,
    NeedType,
    SettingKind,
)
from aln.domain.roles import Role
from aln.learners.models import (
    Enrolment,
    FamilyLink,
    FamilyMember,
    Learner,
    LearnerAccessGrant,
    Relationship,
)
from aln.organisations.models import (
    HealthBoard,
    LAService,
    LocalAuthority,
    Setting,
    SpecialistClass,
)

DEMO_LA_CODE = "699"
DEMO_LA_NUMBER = 699
DEMO_LA_GSS_CODE = "W06999999"
DEMO_LA_NAME_EN = "Demo County Borough Council"
DEMO_LA_NAME_CY = "Cyngor Bwrdeistref Sirol Demo"
# Betsi Cadwaladr serves the demo LA, as it serves the real north Wales councils.
DEMO_HEALTH_BOARD_CODE = "7A1"
# Denbighshire and Flintshire share the demo LA's regional sensory service.
REGIONAL_PARTNER_CODES = ("663", "664")
# Ages are fixed against this date, not today, so a seed always gives the same learners.
REFERENCE_DATE = datetime.date(2026, 9, 1)
DEMO_EMAIL_DOMAIN = "demo.example"
MIN_LEARNERS = 10
MAX_LEARNERS = 200_000
BATCH_SIZE = 2000

S = SettingKind
M = LanguageMedium


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: SettingKind
    medium: LanguageMedium
    establishment: int
    name_en: str
    name_cy: str


# Establishment numbers follow the Welsh pattern: 1xxx nursery and PRU, 2xxx-3xxx primary,
# 4xxx secondary, 5xxx all-age, 6xxx independent, 7xxx special; 8xxx-9xxx are the demo's own.
# fmt: off
SETTINGS: tuple[SettingSpec, ...] = tuple(SettingSpec(*row) for row in (
    ("little_oaks", S.MAINTAINED_NURSERY, M.ENGLISH, 1001,
     "Little Oaks Nursery School", "Ysgol Feithrin Derwen Fach"),
    ("demo_pru", S.PUPIL_REFERRAL_UNIT, M.ENGLISH, 1101,
     "Demo Pupil Referral Unit", "Uned Cyfeirio Disgyblion Demo"),
    ("ty_gwyn", S.PUPIL_REFERRAL_UNIT, M.BILINGUAL, 1102,
     "Tŷ Gwyn Education Centre", "Canolfan Addysg Tŷ Gwyn"),
    ("oakfield_primary", S.PRIMARY, M.ENGLISH, 2001,
     "Oakfield Primary School", "Ysgol Gynradd Oakfield"),
    ("ashgrove_primary", S.PRIMARY, M.ENGLISH, 2002,
     "Ashgrove Primary School", "Ysgol Gynradd Ashgrove"),
    ("brookside_primary", S.PRIMARY, M.ENGLISH, 2003,
     "Brookside Primary School", "Ysgol Gynradd Brookside"),
    ("millbrook_primary", S.PRIMARY, M.ENGLISH, 2004,
     "Millbrook Primary School", "Ysgol Gynradd Millbrook"),
    ("hillcrest_primary", S.PRIMARY, M.ENGLISH, 2005,
     "Hillcrest Primary School", "Ysgol Gynradd Hillcrest"),
    ("llanfair_primary", S.PRIMARY, M.DUAL_STREAM, 2006,
     "Llanfair Community Primary School", "Ysgol Gymunedol Llanfair"),
    ("bryn_derw", S.PRIMARY, M.WELSH, 2007,
     "Ysgol Gymraeg Bryn Derw", "Ysgol Gymraeg Bryn Derw"),
    ("cwm_glas", S.PRIMARY, M.WELSH, 2008,
     "Ysgol Gymraeg Cwm Glas", "Ysgol Gymraeg Cwm Glas"),
    ("pen_y_garth", S.PRIMARY, M.WELSH, 2009,
     "Ysgol Gymraeg Pen y Garth", "Ysgol Gymraeg Pen y Garth"),
    ("bro_demo", S.PRIMARY, M.BILINGUAL, 2010,
     "Ysgol Bro Demo", "Ysgol Bro Demo"),
    ("st_davids", S.PRIMARY, M.ENGLISH, 3001,
     "St David's Church in Wales Primary School",
     "Ysgol Gynradd yr Eglwys yng Nghymru Dewi Sant"),
    ("st_marys", S.PRIMARY, M.ENGLISH, 3002,
     "St Mary's Catholic Primary School", "Ysgol Gynradd Gatholig y Santes Fair"),
    ("oakfield_high", S.SECONDARY, M.ENGLISH, 4001,
     "Oakfield High School", "Ysgol Uwchradd Oakfield"),
    ("castle_hill", S.SECONDARY, M.ENGLISH, 4002,
     "Castle Hill High School", "Ysgol Uwchradd Bryn y Castell"),
    ("gyfun_bryn_derw", S.SECONDARY, M.WELSH, 4003,
     "Ysgol Gyfun Gymraeg Bryn Derw", "Ysgol Gyfun Gymraeg Bryn Derw"),
    ("dyffryn_demo", S.SECONDARY, M.BILINGUAL, 4004,
     "Ysgol Dyffryn Demo", "Ysgol Dyffryn Demo"),
    ("llanfair_high", S.SECONDARY, M.DUAL_STREAM, 4005,
     "Llanfair High School", "Ysgol Uwchradd Llanfair"),
    ("riverside", S.ALL_AGE, M.ENGLISH, 5001,
     "Riverside Learning Campus", "Campws Dysgu Glan yr Afon"),
    ("bro_penrhyn", S.ALL_AGE, M.WELSH, 5002,
     "Ysgol Bro Penrhyn", "Ysgol Bro Penrhyn"),
    ("rhoslan", S.INDEPENDENT, M.ENGLISH, 6001,
     "Rhoslan School", "Ysgol Rhoslan"),
    ("hafod", S.INDEPENDENT, M.ENGLISH, 6002,
     "Hafod Independent School", "Ysgol Annibynnol Hafod"),
    ("pen_coed", S.SPECIAL, M.BILINGUAL, 7001,
     "Ysgol Pen Coed", "Ysgol Pen Coed"),
    ("greenfields", S.SPECIAL, M.ENGLISH, 7002,
     "Greenfields School", "Ysgol Greenfields"),
    ("demo_college", S.FEI, M.BILINGUAL, 8001,
     "Demo College", "Coleg Demo"),
    ("cylch_bryn_derw", S.NON_MAINTAINED_EARLY_YEARS, M.WELSH, 9001,
     "Cylch Meithrin Bryn Derw", "Cylch Meithrin Bryn Derw"),
    ("cylch_cwm_glas", S.NON_MAINTAINED_EARLY_YEARS, M.WELSH, 9002,
     "Cylch Meithrin Cwm Glas", "Cylch Meithrin Cwm Glas"),
    ("little_acorns", S.NON_MAINTAINED_EARLY_YEARS, M.ENGLISH, 9003,
     "Little Acorns Day Nursery", "Meithrinfa Ddydd Mes Bach"),
    ("tiny_steps", S.NON_MAINTAINED_EARLY_YEARS, M.ENGLISH, 9004,
     "Tiny Steps Playgroup", "Cylch Chwarae Camau Bach"),
))
# fmt: on
SETTINGS_BY_KEY = {spec.key: spec for spec in SETTINGS}


@dataclass(frozen=True)
class SpecialistClassSpec:
    setting_key: str
    name: str
    places: int
    medium: LanguageMedium
    need_types: tuple[NeedType, ...]


# LA specialist classes hosted by mainstream schools, one of them Welsh-medium.
# fmt: off
SPECIALIST_CLASSES: tuple[SpecialistClassSpec, ...] = (
    SpecialistClassSpec("bryn_derw", "Canolfan Adnoddau Bryn Derw", 8, M.WELSH,
                        (NeedType.AUTISTIC_SPECTRUM, NeedType.SPEECH_LANGUAGE_COMMUNICATION)),
    SpecialistClassSpec("oakfield_high", "Oakfield Learning Resource Base", 12, M.ENGLISH,
                        (NeedType.MODERATE_LEARNING_DIFFICULTIES, NeedType.AUTISTIC_SPECTRUM)),
    SpecialistClassSpec("ashgrove_primary", "Ashgrove Hearing Resource Base", 6, M.ENGLISH,
                        (NeedType.HEARING_IMPAIRMENT, NeedType.MULTI_SENSORY_IMPAIRMENT)),
)
# fmt: on


@dataclass(frozen=True)
class ServiceSpec:
    kind: LAServiceKind
    name_en: str
    name_cy: str
    partner_codes: tuple[str, ...] = ()


K = LAServiceKind
# One service of each kind, led by and serving the demo LA. Sensory support is regional, as in
# north-east Wales, where one council leads a service its neighbours share.
# fmt: off
SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(K.EDUCATIONAL_PSYCHOLOGY,
                "Demo Educational Psychology Service", "Gwasanaeth Seicoleg Addysg Demo"),
    ServiceSpec(K.EARLY_YEARS_ALN,
                "Demo Early Years ALN Team", "Tîm ADY Blynyddoedd Cynnar Demo"),
    ServiceSpec(K.BEHAVIOUR_SUPPORT,
                "Demo Behaviour Support Service", "Gwasanaeth Cymorth Ymddygiad Demo"),
    ServiceSpec(K.LITERACY_SUPPORT,
                "Demo Literacy Support Service", "Gwasanaeth Cymorth Llythrennedd Demo"),
    ServiceSpec(K.SPEECH_AND_LANGUAGE_OUTREACH,
                "Demo Speech, Language and Communication Outreach Service",
                "Gwasanaeth Allgymorth Lleferydd, Iaith a Chyfathrebu Demo"),
    ServiceSpec(K.ENGLISH_WELSH_ADDITIONAL_LANGUAGE,
                "Demo English and Welsh as an Additional Language Service",
                "Gwasanaeth Saesneg a Chymraeg fel Iaith Ychwanegol Demo"),
    ServiceSpec(K.SENSORY_SUPPORT,
                "Demo, Denbighshire and Flintshire Sensory Support Service",
                "Gwasanaeth Cymorth Synhwyraidd Demo, Sir Ddinbych a Sir y Fflint",
                REGIONAL_PARTNER_CODES),
)
# fmt: on


@dataclass(frozen=True)
class DemoUser:
    """A demo login. `organisation` is (Membership field, key) or None for roles without one."""

    email: str
    full_name: str
    role: Role
    organisation: tuple[str, str] | None
    preferred_language: str = "en-gb"
    note: str = ""


def _email(local: str) -> str:
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


PARENT_EMAIL = _email("parent")
YOUNG_PERSON_EMAIL = _email("young.person")
_LA = ("local_authority", DEMO_LA_CODE)
_HB = ("health_board", DEMO_HEALTH_BOARD_CODE)
_EP = ("service", LAServiceKind.EDUCATIONAL_PSYCHOLOGY.value)

# fmt: off
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser(_email("la.officer"), "Siân Roberts", Role.LA_ALN_OFFICER, _LA),
    DemoUser(_email("la.manager"), "Gareth Lloyd", Role.LA_ALN_MANAGER, _LA),
    DemoUser(_email("early.years"), "Bethan Hughes", Role.EARLY_YEARS_LEAD, _LA),
    DemoUser(_email("practitioner"), "Dr Rhys Morgan", Role.LA_SERVICE_PRACTITIONER, _EP),
    # The ALNCo of the Welsh-medium primary the parent's children attend works in Welsh.
    DemoUser(_email("alnco"), "Nia Pritchard", Role.ALNCO, ("setting", "bryn_derw"), "cy"),
    DemoUser(_email("headteacher"), "Mark Evans", Role.HEADTEACHER, ("setting", "oakfield_high")),
    DemoUser(_email("teacher"), "Emma Davies", Role.TEACHER, ("setting", "oakfield_primary")),
    DemoUser(_email("fei.lead"), "Helen Price", Role.FEI_ALN_LEAD, ("setting", "demo_college")),
    DemoUser(_email("health"), "Claire Watkins", Role.HEALTH_PROFESSIONAL, _HB),
    DemoUser(_email("declo"), "Dr Huw Jenkins", Role.DECLO, _HB),
    DemoUser(PARENT_EMAIL, "Rhian Owen", Role.PARENT, None, "cy",
             "Mother of Megan and Osian Owen"),
    DemoUser(YOUNG_PERSON_EMAIL, "Dylan Parry", Role.YOUNG_PERSON, None, "en-gb",
             "Dylan Parry, 18, Demo College"),
    DemoUser(_email("advocate"), "Ceri Morris", Role.ADVOCATE, None, "en-gb",
             "Learners with an access grant"),
    DemoUser(_email("admin"), "Alex Bevan", Role.SYSTEM_ADMIN, None, "en-gb",
             "The whole service"),
    # The LA's data protection officer searches its audit trail; they see no learner's records.
    DemoUser(_email("dpo"), "Llinos Thomas", Role.DATA_PROTECTION_OFFICER, _LA),
)

GIRLS_WELSH = (
    "Megan", "Cerys", "Ffion", "Seren", "Mali", "Nia", "Alys", "Elin", "Efa", "Lowri",
    "Gwen", "Non", "Lili", "Catrin", "Manon", "Hanna", "Eira", "Begw", "Tesni", "Nel",
)
GIRLS_ENGLISH = (
    "Olivia", "Amelia", "Isla", "Ava", "Lily", "Freya", "Grace", "Evie", "Poppy", "Sophie",
    "Chloe", "Ella", "Ruby", "Mia", "Emily", "Isabella", "Willow", "Rosie", "Harper", "Erin",
)
BOYS_WELSH = (
    "Osian", "Dylan", "Gethin", "Tomos", "Ioan", "Harri", "Macsen", "Cai", "Guto", "Iestyn",
    "Elis", "Rhys", "Steffan", "Gruffydd", "Owain", "Llew", "Twm", "Emyr", "Aled", "Deio",
)
BOYS_ENGLISH = (
    "Jack", "Noah", "Oliver", "Harry", "Charlie", "Alfie", "Jacob", "Leo", "Oscar", "Finley",
    "Tyler", "Lewis", "Evan", "George", "Theo", "Freddie", "Arthur", "Thomas", "Riley", "Mason",
)
WOMEN = (
    "Siân", "Rhian", "Catrin", "Nia", "Sarah", "Emma", "Rachel", "Lowri", "Helen", "Claire",
    "Bethan", "Kate", "Gemma", "Elin", "Angharad", "Carys", "Lisa", "Nicola", "Ceri", "Hayley",
)
MEN = (
    "Gareth", "Rhys", "Dafydd", "Huw", "Aled", "Iwan", "Mark", "David", "Chris", "James",
    "Matthew", "Steffan", "Owain", "Gavin", "Dean", "Geraint", "Paul", "Richard", "Emyr", "Lee",
)
# (surname, weight): the common Welsh patronymic surnames dominate, as they do in Wales.
SURNAMES: tuple[tuple[str, int], ...] = (
    ("Jones", 12), ("Williams", 9), ("Davies", 9), ("Evans", 7), ("Thomas", 6), ("Roberts", 5),
    ("Hughes", 4), ("Lewis", 4), ("Morgan", 4), ("Griffiths", 3), ("Price", 3), ("Rees", 3),
    ("Owen", 3), ("Edwards", 3), ("James", 3), ("Jenkins", 3), ("Smith", 3), ("Pritchard", 2),
    ("Parry", 2), ("Phillips", 2), ("Lloyd", 2), ("Powell", 2), ("Morris", 2), ("Watkins", 2),
    ("Harris", 2), ("Richards", 2), ("Taylor", 2), ("Brown", 2), ("Bevan", 1), ("Howells", 1),
    ("Vaughan", 1), ("Rowlands", 1), ("Wilson", 1), ("Walker", 1), ("Wright", 1), ("Green", 1),
    ("Hall", 1), ("Baker", 1), ("Clarke", 1), ("Turner", 1),
)
STREETS = (
    "Heol y Bryn", "Ffordd yr Eglwys", "Stryd Fawr", "Maes y Coed", "Clos yr Onnen",
    "Oak Avenue", "Church Street", "Station Road", "High Street", "Bryn Road", "Heol Derw",
    "Park View",
)
TOWNS = ("Demo Town", "Llanfair Demo", "Pentref Demo", "Bryn Derw")
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# Learners of each age (on 31 August of the reference year), per 1,310: most learners with ALN
# are of school age; few are babies or in their twenties.
AGE_WEIGHTS = (
    5, 10, 25, 40, 60, 75, 85, 90, 95, 95, 95, 95, 90,
    85, 80, 75, 50, 40, 30, 15, 8, 6, 5, 4, 3, 2,
)
# Where learners of each age are educated, by the oldest age a row covers. None means not in
# education (babies and toddlers only).
KINDS_BY_AGE: tuple[tuple[int, tuple[tuple[SettingKind | None, int], ...]], ...] = (
    (1, ((S.NON_MAINTAINED_EARLY_YEARS, 40), (None, 60))),
    (2, ((S.NON_MAINTAINED_EARLY_YEARS, 80), (None, 20))),
    (3, ((S.MAINTAINED_NURSERY, 30), (S.PRIMARY, 40), (S.NON_MAINTAINED_EARLY_YEARS, 30))),
    (10, ((S.PRIMARY, 88), (S.ALL_AGE, 5), (S.SPECIAL, 4), (S.INDEPENDENT, 3))),
    (15, ((S.SECONDARY, 80), (S.ALL_AGE, 7), (S.SPECIAL, 6), (S.PUPIL_REFERRAL_UNIT, 3),
          (S.INDEPENDENT, 4))),
    (17, ((S.FEI, 62), (S.SECONDARY, 20), (S.ALL_AGE, 3), (S.SPECIAL, 10), (S.INDEPENDENT, 5))),
    (18, ((S.FEI, 85), (S.SPECIAL, 15))),
    (25, ((S.FEI, 100),)),
)
# fmt: on

# How strongly a family preferring Welsh-medium (True) or English-medium (False) education
# picks a setting of each medium.
MEDIUM_WEIGHTS: dict[bool, dict[str, float]] = {
    True: {M.WELSH: 6, M.BILINGUAL: 3, M.DUAL_STREAM: 3, M.ENGLISH: 0.5},
    False: {M.ENGLISH: 6, M.DUAL_STREAM: 2, M.BILINGUAL: 2, M.WELSH: 0.3},
}
# Chance a learner prefers Welsh, by the medium of their setting.
WELSH_PREFERENCE: dict[str, float] = {
    M.WELSH: 0.85,
    M.BILINGUAL: 0.45,
    M.DUAL_STREAM: 0.4,
    M.ENGLISH: 0.04,
}
# Settings that allocate UPNs on first entry (nursery class or reception).
UPN_SETTING_KINDS = frozenset({S.MAINTAINED_NURSERY, S.PRIMARY, S.ALL_AGE})

GRANT_REASONS = {
    _email("practitioner"): "Educational psychology assessment requested by the ALNCo",
    _email("health"): "Referral to paediatric speech and language therapy",
    _email("declo"): "LA asked the health board about relevant treatment or services (s.20)",
    _email("advocate"): "Independent advocacy requested by the young person",
}


@dataclass
class LearnerRow:
    id: uuid.UUID
    first_name: str
    last_name: str
    date_of_birth: datetime.date
    upn: str
    preferred_language: str
    education_arrangement: str
    is_looked_after: bool
    # Not stored: used to choose learners for access grants.
    age: int
    setting_kind: str | None


@dataclass
class EnrolmentRow:
    id: uuid.UUID
    learner_id: uuid.UUID
    setting_key: str
    started_on: datetime.date
    is_dual_registration: bool = False


@dataclass
class FamilyMemberRow:
    id: uuid.UUID
    full_name: str
    email: str
    phone: str
    address: str
    preferred_language: str
    user_email: str = ""


@dataclass
class FamilyLinkRow:
    id: uuid.UUID
    learner_id: uuid.UUID
    family_member_id: uuid.UUID
    relationship: str
    has_parental_responsibility: bool
    is_main_contact: bool


@dataclass
class GrantRow:
    id: uuid.UUID
    learner_id: uuid.UUID
    user_email: str
    reason: str


@dataclass
class DemoPlan:
    """Every row the demo needs, generated from a seed without touching the database."""

    seed: int
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    learners: list[LearnerRow] = field(default_factory=list)
    enrolments: list[EnrolmentRow] = field(default_factory=list)
    family_members: list[FamilyMemberRow] = field(default_factory=list)
    links: list[FamilyLinkRow] = field(default_factory=list)
    grants: list[GrantRow] = field(default_factory=list)
    young_person_id: uuid.UUID | None = None


@dataclass
class _Family:
    welsh: bool
    surname: str
    address: str
    # The setting of each kind the family's children mostly share.
    schools: dict[str, SettingSpec] = field(default_factory=dict)


def _september(year: int) -> datetime.date:
    return datetime.date(year, 9, 1)


class _Planner:
    def __init__(self, seed: int, learner_count: int):
        # Seeded generators, never the global one: the same seed must give the same demo.
        self.rng = random.Random(seed)
        # Keys come from a generator of their own, so drawing them leaves the people unchanged.
        self.id_rng = random.Random(f"demo-ids:{seed}")
        self.count = learner_count
        self.plan = DemoPlan(seed=seed)
        self.serials: dict[tuple[int, int], int] = {}
        self.by_kind = {kind: [s for s in SETTINGS if s.kind == kind] for kind in SettingKind}
        self.surnames = [name for name, _ in SURNAMES]
        self.surname_weights = [weight for _, weight in SURNAMES]
        self.age_cum_weights = _cumulative(AGE_WEIGHTS)
        self.kinds_by_age = [
            next(kinds for oldest, kinds in KINDS_BY_AGE if age <= oldest)
            for age in range(len(AGE_WEIGHTS))
        ]
        self.contact_seq = 0

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.id_rng.getrandbits(128), version=4)

    def run(self) -> DemoPlan:
        keys = [
            "la",
            *(spec.key for spec in SETTINGS),
            *(f"class:{spec.setting_key}" for spec in SPECIALIST_CLASSES),
            *(f"service:{spec.kind.value}" for spec in SERVICES),
        ]
        for key in keys:
            self.plan.ids[key] = self.new_id()
        self._parent_family()
        self._young_person_family()
        while len(self.plan.learners) < self.count:
            self._random_family()
        self._grants()
        return self.plan

    # Families -----------------------------------------------------------------------------

    def _new_family(self, *, welsh: bool, surname: str) -> _Family:
        rng = self.rng
        postcode = (
            f"DM{rng.randint(1, 9)} {rng.randint(1, 9)}"
            f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        )
        address = f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {rng.choice(TOWNS)} {postcode}"
        return _Family(welsh=welsh, surname=surname, address=address)

    def _parent_family(self) -> None:
        """The family parent@demo.example belongs to: two children at the ALNCo's school."""
        family = self._new_family(welsh=True, surname="Owen")
        mother = self._carer(family, "Rhian Owen", "cy", user_email=PARENT_EMAIL)
        father = self._carer(family, "Aled Owen", "cy")
        for first_name, age in (("Megan", 9), ("Osian", 6)):
            learner = self._learner(family, first_name, age, setting_key="bryn_derw")
            self._link(learner, mother, Relationship.MOTHER, responsible=True, main=True)
            self._link(learner, father, Relationship.FATHER, responsible=True, main=False)

    def _young_person_family(self) -> None:
        """young.person@demo.example: 18, at the FEI, with their own sign-in."""
        family = self._new_family(welsh=False, surname="Parry")
        mother = self._carer(family, "Sarah Parry", "en")
        learner = self._learner(family, "Dylan", 18, setting_key="demo_college")
        self._link(learner, mother, Relationship.MOTHER, responsible=True, main=True)
        self.plan.young_person_id = learner.id

    def _random_family(self) -> None:
        rng = self.rng
        remaining = self.count - len(self.plan.learners)
        size = min(remaining, rng.choices((1, 2, 3), weights=(55, 33, 12))[0])
        welsh = rng.random() < 0.25
        surname = rng.choices(self.surnames, self.surname_weights)[0]
        family = self._new_family(welsh=welsh, surname=surname)
        # Siblings in care are usually placed together.
        looked_after = rng.random() < 0.01
        carers = self._foster_carers(family) if looked_after else self._parents(family)
        age = self._age()
        for _ in range(size):
            first_name = self._first_name(welsh)
            learner = self._learner(family, first_name, age, looked_after=looked_after)
            for carer, relationship, responsible, main in carers:
                self._link(learner, carer, relationship, responsible=responsible, main=main)
            age = min(25, max(0, age + rng.choice((-5, -4, -3, -2, -1, 1, 2, 3, 4, 5))))

    def _age(self) -> int:
        return self.rng.choices(range(len(AGE_WEIGHTS)), cum_weights=self.age_cum_weights)[0]

    def _first_name(self, welsh: bool) -> str:
        rng = self.rng
        welsh_name = rng.random() < (0.7 if welsh else 0.2)
        if rng.random() < 0.5:
            return rng.choice(GIRLS_WELSH if welsh_name else GIRLS_ENGLISH)
        return rng.choice(BOYS_WELSH if welsh_name else BOYS_ENGLISH)

    def _carer_language(self, family: _Family) -> str:
        welsh_chance = 0.7 if family.welsh else 0.05
        return "cy" if self.rng.random() < welsh_chance else "en"

    def _adult(self, women: bool, surname: str) -> str:
        return f"{self.rng.choice(WOMEN if women else MEN)} {surname}"

    def _other_surname(self) -> str:
        return self.rng.choices(self.surnames, self.surname_weights)[0]

    def _parents(self, family: _Family) -> list[tuple[FamilyMemberRow, str, bool, bool]]:
        rng = self.rng
        surname = family.surname
        roll = rng.random()
        # (relationship, is a woman, surname, has parental responsibility)
        if roll < 0.55:
            people = [
                (Relationship.MOTHER, True, surname, True),
                (Relationship.FATHER, False, surname, True),
            ]
        elif roll < 0.80:
            people = [(Relationship.MOTHER, True, surname, True)]
        elif roll < 0.88:
            people = [(Relationship.FATHER, False, surname, True)]
        elif roll < 0.94:
            people = [
                (Relationship.MOTHER, True, surname, True),
                (Relationship.STEP_PARENT, False, self._other_surname(), False),
            ]
        elif roll < 0.98:
            people = [(Relationship.SPECIAL_GUARDIAN, rng.random() < 0.7, surname, True)]
        else:
            people = [
                (Relationship.MOTHER, True, surname, True),
                (Relationship.GRANDPARENT, True, surname, False),
            ]
        carers = []
        for index, (relationship, woman, carer_surname, responsible) in enumerate(people):
            carer = self._carer(
                family, self._adult(woman, carer_surname), self._carer_language(family)
            )
            carers.append((carer, relationship.value, responsible, index == 0))
        return carers

    def _foster_carers(self, family: _Family) -> list[tuple[FamilyMemberRow, str, bool, bool]]:
        """Foster carers lead day to day; a birth parent often keeps parental responsibility."""
        foster = self._carer(
            family, self._adult(True, self._other_surname()), self._carer_language(family), "carer"
        )
        carers = [(foster, Relationship.FOSTER_CARER.value, False, True)]
        if self.rng.random() < 0.5:
            mother = self._carer(
                family, self._adult(True, family.surname), self._carer_language(family)
            )
            carers.append((mother, Relationship.MOTHER.value, True, False))
        return carers

    def _carer(
        self,
        family: _Family,
        full_name: str,
        language: str,
        prefix: str = "parent",
        *,
        user_email: str = "",
    ) -> FamilyMemberRow:
        self.contact_seq += 1
        seq = self.contact_seq
        slug = "".join(
            ch for ch in full_name.rsplit(maxsplit=1)[-1].lower() if ch.isascii() and ch.isalpha()
        )
        has_email = user_email or self.rng.random() < 0.9
        row = FamilyMemberRow(
            id=self.new_id(),
            full_name=full_name,
            email=(user_email or f"{prefix}.{slug}.{seq}@{DEMO_EMAIL_DOMAIN}") if has_email else "",
            phone=f"07700 900{seq % 1000:03d}",
            address=family.address,
            preferred_language=language,
            user_email=user_email,
        )
        self.plan.family_members.append(row)
        return row

    def _link(
        self,
        learner: LearnerRow,
        carer: FamilyMemberRow,
        relationship: str,
        *,
        responsible: bool,
        main: bool,
    ) -> None:
        self.plan.links.append(
            FamilyLinkRow(
                id=self.new_id(),
                learner_id=learner.id,
                family_member_id=carer.id,
                relationship=str(relationship),
                has_parental_responsibility=responsible,
                is_main_contact=main,
            )
        )

    # Learners -----------------------------------------------------------------------------

    def _date_of_birth(self, age: int) -> datetime.date:
        """A birthday making the learner `age` on 31 August of the reference year."""
        first = datetime.date(REFERENCE_DATE.year - age - 1, 9, 1)
        last = datetime.date(REFERENCE_DATE.year - age, 8, 31)
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def _pick_setting(self, family: _Family, kind: str) -> SettingSpec:
        rng = self.rng
        if kind in family.schools and rng.random() < 0.85:
            return family.schools[kind]
        candidates = self.by_kind[SettingKind(kind)]
        weights = [MEDIUM_WEIGHTS[family.welsh][spec.medium] for spec in candidates]
        choice = rng.choices(candidates, weights)[0]
        family.schools.setdefault(kind, choice)
        return choice

    def _learner(
        self,
        family: _Family,
        first_name: str,
        age: int,
        *,
        setting_key: str | None = None,
        looked_after: bool = False,
    ) -> LearnerRow:
        rng = self.rng
        date_of_birth = self._date_of_birth(age)
        home_educated = (
            setting_key is None and not looked_after and 5 <= age <= 15 and rng.random() < 0.01
        )
        setting: SettingSpec | None
        if setting_key is not None:
            setting = SETTINGS_BY_KEY[setting_key]
        elif home_educated:
            setting = None
        else:
            kinds = self.kinds_by_age[age]
            kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
            setting = None if kind is None else self._pick_setting(family, kind)
        if home_educated:
            arrangement = EducationArrangement.ELECTIVE_HOME_EDUCATION
        elif setting is None:
            arrangement = EducationArrangement.NOT_IN_EDUCATION
        else:
            arrangement = EducationArrangement.AT_SETTING
        medium = setting.medium if setting else (M.WELSH if family.welsh else M.ENGLISH)
        row = LearnerRow(
            id=self.new_id(),
            first_name=first_name,
            last_name=family.surname,
            date_of_birth=date_of_birth,
            upn=self._upn(family, age, setting),
            preferred_language="cy" if rng.random() < WELSH_PREFERENCE[medium] else "en",
            education_arrangement=arrangement.value,
            is_looked_after=looked_after,
            age=age,
            setting_kind=setting.kind.value if setting else None,
        )
        self.plan.learners.append(row)
        if setting is not None:
            self._enrol(family, row, setting)
        return row

    def _enrol(self, family: _Family, learner: LearnerRow, setting: SettingSpec) -> None:
        rng = self.rng
        started_on = self._start_date(learner, setting)
        if started_on is None:
            # Too young to have started yet: recorded as not in education.
            learner.education_arrangement = EducationArrangement.NOT_IN_EDUCATION.value
            learner.setting_kind = None
            return
        dual = (
            4 <= learner.age <= 15
            and setting.kind in (S.PRIMARY, S.SECONDARY)
            and rng.random() < 0.006
        )
        self.plan.enrolments.append(
            EnrolmentRow(self.new_id(), learner.id, setting.key, started_on, dual)
        )
        if dual:
            # Dual registration: a mainstream place kept alongside a PRU or special school one.
            kind = S.PUPIL_REFERRAL_UNIT if learner.age >= 11 else S.SPECIAL
            second = self._pick_setting(family, kind)
            second_start = max(
                started_on, REFERENCE_DATE - datetime.timedelta(days=rng.randint(30, 400))
            )
            self.plan.enrolments.append(
                EnrolmentRow(self.new_id(), learner.id, second.key, second_start, True)
            )

    def _start_date(self, learner: LearnerRow, setting: SettingSpec) -> datetime.date | None:
        """When the learner started at the setting; None if too young to have started yet."""
        rng = self.rng
        age, year, kind = learner.age, REFERENCE_DATE.year, setting.kind
        if kind is S.NON_MAINTAINED_EARLY_YEARS:
            return self._early_years_start(learner.date_of_birth)
        if age == 3:
            # Nursery starts in the term after the third birthday.
            third_birthday = _birthday(learner.date_of_birth, 3)
            terms = (datetime.date(year, 1, 6), datetime.date(year, 4, 20))
            return next((term for term in terms if term > third_birthday), REFERENCE_DATE)
        if kind is S.PUPIL_REFERRAL_UNIT:
            return REFERENCE_DATE - datetime.timedelta(days=rng.randint(0, 500))
        if kind is S.FEI:
            # Most start at 16; older students are on a course begun in the last three years.
            return _september(year - age + 16 if age <= 18 else rng.randint(year - 2, year))
        secondary_phase = kind is S.SECONDARY or (kind is not S.PRIMARY and age >= 11)
        phase_start = _september(year - age + (11 if secondary_phase else 4))
        if rng.random() < 0.15:
            # Joined during the phase, not at its start.
            days = (REFERENCE_DATE - phase_start).days
            return phase_start + datetime.timedelta(days=rng.randint(0, days))
        return phase_start

    def _early_years_start(self, born: datetime.date) -> datetime.date | None:
        earliest = max(
            born + datetime.timedelta(days=183), REFERENCE_DATE.replace(REFERENCE_DATE.year - 3)
        )
        if earliest > REFERENCE_DATE:
            return None
        days = (REFERENCE_DATE - earliest).days
        return earliest + datetime.timedelta(days=self.rng.randint(0, days))

    def _upn(self, family: _Family, age: int, setting: SettingSpec | None) -> str:
        """A UPN, allocated by the first maintained school attended (nursery or reception)."""
        rng = self.rng
        if age < 3:
            return ""
        kind = setting.kind if setting else None
        if kind in MAINTAINED_SCHOOL_KINDS:
            has_upn = True
        elif kind is S.NON_MAINTAINED_EARLY_YEARS:
            has_upn = False
        elif kind is S.INDEPENDENT:
            has_upn = rng.random() < 0.4
        elif kind is S.FEI:
            has_upn = rng.random() < (0.85 if age <= 18 else 0.6)
        else:  # home educated: most were at school first
            has_upn = rng.random() < 0.7
        if not has_upn:
            return ""
        allocated = REFERENCE_DATE.year if age == 3 else REFERENCE_DATE.year - age + 4
        if setting is not None and setting.kind in UPN_SETTING_KINDS:
            allocator = setting
        else:
            allocator = self._pick_setting(family, S.PRIMARY)
        return self._allocate_upn(allocator.establishment, allocated)

    def _allocate_upn(self, establishment: int, year: int) -> str:
        # Serials run 1-999 per school and year; a full school lends the next one its numbers.
        others = [spec.establishment for spec in SETTINGS if spec.establishment != establishment]
        for candidate in (establishment, *others):
            serial = self.serials.get((candidate, year), 0) + 1
            if serial <= 999:
                self.serials[(candidate, year)] = serial
                return upn.make(DEMO_LA_NUMBER, candidate, year, serial)
        raise ValueError(f"Too many learners: no UPN serials left for {year}")

    # Access grants ------------------------------------------------------------------------

    def _grants(self) -> None:
        learners = self.plan.learners
        # The first three learners are the parent's two children and the young person.
        megan, young_person, others = learners[0], learners[2], learners[3:]
        in_school = [row for row in others if row.setting_kind and 4 <= row.age <= 15]
        young = [row for row in others if 16 <= row.age <= 25]
        chosen = {
            _email("practitioner"): [megan, *self._sample(in_school, 4)],
            _email("health"): self._sample(in_school, 4),
            _email("declo"): self._sample(in_school, 3),
            _email("advocate"): [young_person, *self._sample(young, 1)],
        }
        for email, rows in chosen.items():
            for row in rows:
                self.plan.grants.append(
                    GrantRow(self.new_id(), row.id, email, GRANT_REASONS[email])
                )

    def _sample(self, rows: Sequence[LearnerRow], count: int) -> list[LearnerRow]:
        return self.rng.sample(list(rows), min(count, len(rows)))


def _cumulative(weights: Sequence[int]) -> list[int]:
    total, result = 0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def _birthday(born: datetime.date, age: int) -> datetime.date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # 29 February
        return datetime.date(born.year + age, 3, 1)


def make_plan(*, seed: int, learners: int) -> DemoPlan:
    """Generate the demo's people and enrolments from a seed, without touching the database."""
    if not MIN_LEARNERS <= learners <= MAX_LEARNERS:
        raise ValueError(f"The demo needs between {MIN_LEARNERS} and {MAX_LEARNERS:,} learners")
    return _Planner(seed, learners).run()


def demo_authority() -> LocalAuthority | None:
    """The demo LA if it has been loaded."""
    return LocalAuthority.objects.filter(code=DEMO_LA_CODE).first()


# Writing ----------------------------------------------------------------------------------
# The demo is seeded with bulk inserts straight into the models, bypassing the services on
# purpose: services audit and validate one row at a time, far too slow for 60,000 learners.
# One audit event records the load as a whole.


@dataclass
class _Organisations:
    la: LocalAuthority
    settings: dict[str, Setting]
    services: dict[str, LAService]
    health_board: HealthBoard


def _create_organisations(plan: DemoPlan) -> _Organisations:
    la = LocalAuthority.objects.create(
        id=plan.ids["la"],
        code=DEMO_LA_CODE,
        gss_code=DEMO_LA_GSS_CODE,
        name_en=DEMO_LA_NAME_EN,
        name_cy=DEMO_LA_NAME_CY,
        is_demo=True,
    )
    health_board = HealthBoard.objects.get(code=DEMO_HEALTH_BOARD_CODE)
    health_board.served_authorities.add(la)
    settings = {
        spec.key: Setting(
            id=plan.ids[spec.key],
            name_en=spec.name_en,
            name_cy=spec.name_cy,
            kind=spec.kind.value,
            language_medium=spec.medium.value,
            local_authority=la,
            establishment_number=f"{spec.establishment:04d}",
        )
        for spec in SETTINGS
    }
    Setting.objects.bulk_create(settings.values())
    SpecialistClass.objects.bulk_create(
        SpecialistClass(
            id=plan.ids[f"class:{spec.setting_key}"],
            setting=settings[spec.setting_key],
            name=spec.name,
            places=spec.places,
            language_medium=spec.medium.value,
            need_types=[need.value for need in spec.need_types],
        )
        for spec in SPECIALIST_CLASSES
    )
    services = {}
    for service_spec in SERVICES:
        service = LAService.objects.create(
            id=plan.ids[f"service:{service_spec.kind.value}"],
            kind=service_spec.kind.value,
            name_en=service_spec.name_en,
            name_cy=service_spec.name_cy,
            lead_authority=la,
        )
        partners = LocalAuthority.objects.filter(code__in=service_spec.partner_codes)
        service.served_authorities.add(la, *partners)
        services[service_spec.kind.value] = service
    return _Organisations(la, settings, services, health_board)


def _organisation(orgs: _Organisations, kind: str, key: str) -> dict[str, object]:
    """The Membership field and organisation a demo user's role is held in."""
    found: dict[str, object] = {
        "local_authority": orgs.la,
        "setting": orgs.settings.get(key),
        "service": orgs.services.get(key),
        "health_board": orgs.health_board,
    }
    return {kind: found[kind]}


def _create_users(orgs: _Organisations, password: str) -> dict[str, User]:
    # One hash for the shared demo password: hashing it fourteen times only adds seconds.
    hashed = make_password(password)
    users = {}
    for spec in DEMO_USERS:
        user = User.objects.create(
            email=spec.email,
            full_name=spec.full_name,
            preferred_language=spec.preferred_language,
            password=hashed,
        )
        organisation = {} if spec.organisation is None else _organisation(orgs, *spec.organisation)
        Membership.objects.create(user=user, role=spec.role.value, **organisation)
        users[spec.email] = user
    return users


def _create_learners(plan: DemoPlan, orgs: _Organisations, users: dict[str, User]) -> None:
    la_id = orgs.la.pk
    young_person = users[YOUNG_PERSON_EMAIL]
    Learner.objects.bulk_create(
        (
            Learner(
                id=row.id,
                first_name=row.first_name,
                last_name=row.last_name,
                date_of_birth=row.date_of_birth,
                upn=row.upn,
                home_local_authority_id=la_id,
                is_looked_after=row.is_looked_after,
                looked_after_by_id=la_id if row.is_looked_after else None,
                education_arrangement=row.education_arrangement,
                preferred_language=row.preferred_language,
                user_id=young_person.pk if row.id == plan.young_person_id else None,
            )
            for row in plan.learners
        ),
        batch_size=BATCH_SIZE,
    )
    Enrolment.objects.bulk_create(
        (
            Enrolment(
                id=row.id,
                learner_id=row.learner_id,
                setting_id=orgs.settings[row.setting_key].pk,
                started_on=row.started_on,
                is_dual_registration=row.is_dual_registration,
            )
            for row in plan.enrolments
        ),
        batch_size=BATCH_SIZE,
    )
    FamilyMember.objects.bulk_create(
        (
            FamilyMember(
                id=row.id,
                full_name=row.full_name,
                email=row.email,
                phone=row.phone,
                address=row.address,
                preferred_language=row.preferred_language,
                user_id=users[row.user_email].pk if row.user_email else None,
            )
            for row in plan.family_members
        ),
        batch_size=BATCH_SIZE,
    )
    FamilyLink.objects.bulk_create(
        (
            FamilyLink(
                id=row.id,
                learner_id=row.learner_id,
                family_member_id=row.family_member_id,
                relationship=row.relationship,
                has_parental_responsibility=row.has_parental_responsibility,
                is_main_contact=row.is_main_contact,
            )
            for row in plan.links
        ),
        batch_size=BATCH_SIZE,
    )
    LearnerAccessGrant.objects.bulk_create(
        LearnerAccessGrant(
            id=row.id, learner_id=row.learner_id, user=users[row.user_email], reason=row.reason
        )
        for row in plan.grants
    )


def build(plan: DemoPlan, *, password: str) -> LocalAuthority:
    """Write the plan in one transaction (all or nothing) and audit the load. Returns the LA."""
    with transaction.atomic():
        orgs = _create_organisations(plan)
        users = _create_users(orgs, password)
        _create_learners(plan, orgs, users)
        add_contact_details(orgs.la, orgs.settings)
        create_calendar(orgs.la, orgs.settings, today())
        create_cases(plan, orgs.la, orgs.settings, users, today())
        create_process_cases(orgs.la, orgs.settings, users, today())
        create_demo_plans(orgs.la, orgs.settings, users, today())
        create_demo_disputes(orgs.la, orgs.settings, users, today())
        audit_record(
            actor=None,
            event_type="demo.loaded",
            subject=orgs.la,
            local_authority_id=orgs.la.pk,
            changes={"learners": [None, len(plan.learners)]},
        )
    _refresh_statistics()
    return orgs.la


def _refresh_statistics() -> None:
    # Query planners pick indexes from table statistics, which a bulk load leaves stale (SQLite
    # has none until ANALYZE): without them the LA's learner list is about ten times slower.
    if connection.vendor in {"sqlite", "postgresql"}:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    organisation: str


def demo_logins() -> list[DemoLogin]:
    """The demo users as they are in the database, in the order they are introduced."""
    memberships = {
        m.user.email: m
        for m in Membership.objects.filter(
            user__email__in=[spec.email for spec in DEMO_USERS]
        ).select_related("user", "local_authority", "setting", "service", "health_board")
    }
    logins = []
    for spec in DEMO_USERS:
        membership = memberships.get(spec.email)
        if membership is None:
            continue
        organisation = membership.organisation
        logins.append(
            DemoLogin(spec.email, membership.role, str(organisation) if organisation else spec.note)
        )
    return logins
