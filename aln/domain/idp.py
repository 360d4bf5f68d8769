"""IDP outcome quality: explainable checks that an outcome is SMART, in English and Welsh.

Why these checks exist:

- The intended outcome of each element of additional learning provision (IDP section 2B.1) must
  be SMART, and the plan person-centred and written in plain Welsh or English (ALN Code 2021
  paras 23.8, 23.20, 23.31 *(secondary)*, via Nodi 05.02 and 07.08; spec §4.2, §4.3).
- Estyn (2025), *The additional learning needs system: progress of schools, settings and local
  authorities* (seed 004), found that "in many IDPs, outcomes were too vague. This had a negative
  impact on determining the most appropriate ALP", and that it was not always clear how
  providers planned to measure progress: "a significant shortcoming".

The checks are rules over curated bilingual word lists, never a statistical model, so every
problem carries the words that triggered it (`OutcomeProblem.evidence`) and the author can see
why. They are advice shown while the plan is written: the interface decides what blocks issuing a
plan (issue 5: no measure or no date, unless the author records why).

Matching works on a *folded* copy of the text: lower case, accents removed (ŵ → w, ô → o),
curly apostrophes and dashes made plain, runs of whitespace made one space, and in Welsh the
contraction "'n" read as "yn". Each folded character remembers where it came from, so evidence
is always an exact piece of the author's own text. Welsh entries also match the soft, nasal and
aspirate mutations of their first word, and the h- that a vowel takes after "ei" (her) or "eu":
"gwella" matches "wella" and "ngwella", "Gorffennaf" matches "Orffennaf".

Messages are keys (`OutcomeProblem.message_key`, `.suggestion_key`), translated by the interface
(`aln.common.i18n.OUTCOME_PROBLEM_MESSAGES`); see docs/idp-outcome-checker.md.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

LANGUAGES = ("en", "cy")


class ProblemCode(StrEnum):
    """What is wrong with an outcome. The values are stable: the interface and stored checks use
    them."""

    SPECIFIC = "specific"  # does not name a skill or behaviour
    MEASURABLE = "measurable"  # states no measure or success criterion
    TIME_BOUND = "time-bound"  # states no date or period
    VAGUE = "vague"  # vague wording with no measure (one problem per vague word)
    LINKED_NEED = "linked-need"  # not linked to a described need (section 2A)
    LINKED_PROVISION = "linked-provision"  # not linked to an element of ALP (section 2B)


# Message and suggestion keys: stable strings the interface translates (aln/common/i18n.py).
# Messages for `vague` contain %(evidence)s, the vague word as the author wrote it.
MSG_NO_SKILL = "idp.outcome.no_skill"
MSG_NO_MEASURE = "idp.outcome.no_measure"
MSG_NO_DATE = "idp.outcome.no_date"
MSG_VAGUE_WORDING = "idp.outcome.vague_wording"
MSG_EMPTY = "idp.outcome.empty"
MSG_NO_NEED = "idp.outcome.no_need"
MSG_NO_PROVISION = "idp.outcome.no_provision"
SUGGEST_NAME_SKILL = "idp.outcome.suggest.name_skill"
SUGGEST_ADD_MEASURE = "idp.outcome.suggest.add_measure"
SUGGEST_ADD_DATE = "idp.outcome.suggest.add_date"
SUGGEST_REPLACE_VAGUE = "idp.outcome.suggest.replace_vague"
SUGGEST_WRITE_OUTCOME = "idp.outcome.suggest.write_outcome"
SUGGEST_LINK_NEED = "idp.outcome.suggest.link_need"
SUGGEST_LINK_PROVISION = "idp.outcome.suggest.link_provision"


@dataclass(frozen=True, slots=True)
class OutcomeProblem:
    """One thing to fix, with the words that triggered it ("" when it is something missing)."""

    code: ProblemCode
    message_key: str
    suggestion_key: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class OutcomeCheck:
    """The result of checking one outcome.

    `problems` come in a fixed order: specific, measurable, time-bound, then one `vague` problem
    per distinct vague word in the order they appear. `skill`, `measure` and `timescale` are what
    the checker recognised (the first match, as written; "" when none), so a passing check is
    explainable too.
    """

    problems: tuple[OutcomeProblem, ...]
    skill: str = ""
    measure: str = ""
    timescale: str = ""

    @property
    def passes(self) -> bool:
        return not self.problems

    @property
    def codes(self) -> frozenset[ProblemCode]:
        return frozenset(problem.code for problem in self.problems)


# --- Folding: the text the rules read ------------------------------------------------------

_APOSTROPHES = "'’‘ʼ`´′"  # noqa: RUF001 - the look-alikes people paste are the point
_DASHES = "‐‑‒–—−"  # noqa: RUF001


@dataclass(frozen=True, slots=True)
class _Folded:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the author's text of folded character i

    def source(self, original: str, start: int, end: int) -> str:
        """The author's own words for the folded span [start, end)."""
        return original[self.origin[start] : self.origin[end - 1] + 1]


def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char in _DASHES:
        return "-"
    base = unicodedata.normalize("NFD", char)[:1].lower()
    return base if len(base) == 1 else char


def _is_welsh_contraction(text: str, index: int) -> bool:
    """ "'n" after a word and before a non-letter: Welsh "yn" contracted after a vowel."""
    return (
        index > 0
        and text[index - 1].isalpha()
        and text[index + 1 : index + 2] in ("n", "N")
        and not text[index + 2 : index + 3].isalpha()
    )


def _fold(text: str, *, welsh: bool) -> _Folded:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
            continue
        if welsh and char in _APOSTROPHES and _is_welsh_contraction(text, index):
            chars.extend((" ", "y"))  # "teimlo'n fwy" reads as "teimlo yn fwy"
            origin.extend((index, index))
            continue
        chars.append(_fold_char(char))
        origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return _Folded("".join(chars), tuple(origin))


# --- Building patterns -----------------------------------------------------------------------

# Welsh initial mutations (treigladau): soft, nasal, aspirate. Digraphs that never mutate first.
_UNMUTATED = ("ch", "dd", "ff", "ng", "ph", "th")
_SOFT = (("ll", "l"), ("rh", "r"), ("c", "g"), ("p", "b"), ("t", "d"), ("g", ""), ("b", "f"))
_SOFT_MORE = (("d", "dd"), ("m", "f"))
_NASAL = (("c", "ngh"), ("p", "mh"), ("t", "nh"), ("g", "ng"), ("b", "m"), ("d", "n"))
_ASPIRATE = (("c", "ch"), ("p", "ph"), ("t", "th"))
_PARTICLES = frozenset({"yn", "y", "yr", "ei", "eu", "ar", "heb", "o", "i"})


def mutations(word: str) -> frozenset[str]:
    """A Welsh word and its mutated forms: "cefnogi" → gefnogi, nghefnogi, chefnogi.

    Over-generates harmlessly (a form no one writes never matches); particles are left alone.
    """
    forms = {word}
    if word in _PARTICLES or word.startswith(_UNMUTATED):
        return frozenset(forms)
    if word[:1] in "aeiouwy":
        forms.add("h" + word)  # ei hysgrifennu, eu hateb
    for table in (_SOFT + _SOFT_MORE, _NASAL, _ASPIRATE):
        for radical, mutated in table:
            if word.startswith(radical):
                forms.add(mutated + word[len(radical) :])
                break
    return frozenset(forms)


def _top_level_alternatives(fragment: str) -> list[str]:
    """Split a regular expression at the `|`s outside any group."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(fragment):
        escaped = index > 0 and fragment[index - 1] == "\\"
        if char == "(" and not escaped:
            depth += 1
        elif char == ")" and not escaped:
            depth -= 1
        elif char == "|" and depth == 0 and not escaped:
            parts.append(fragment[start:index])
            start = index + 1
    parts.append(fragment[start:])
    return parts


def _longest_first(fragments: Iterable[str]) -> str:
    """One alternation, longest alternative first, so "ask for support" wins over "ask"."""
    alternatives = {part for fragment in fragments for part in _top_level_alternatives(fragment)}
    return "|".join(sorted(alternatives, key=lambda a: (-len(a), a)))


def _cy(*phrases: str) -> str:
    """Plain Welsh phrases as one alternation; the first word of each in all its mutations."""
    alternatives = []
    for phrase in phrases:
        first, _, rest = phrase.partition(" ")
        forms = _longest_first(re.escape(form) for form in mutations(first))
        alternatives.append(f"(?:{forms})" + (" " + re.escape(rest) if rest else ""))
    return "(?:" + _longest_first(alternatives) + ")"


def _words(*fragments: str) -> re.Pattern[str]:
    """Regular-expression fragments matched as whole words of the folded text."""
    return re.compile(r"(?<!\w)(?:" + _longest_first(fragments) + r")(?!\w)")


# --- English word lists (regular expressions over folded text) -------------------------------

# Specific: an observable action or a skill, not an area ("literacy", "communication",
# "behaviour", "social skills" are areas, so they do not count).
EN_SKILLS = (
    r"read(?:s|ing)?",
    r"writ(?:e|es|ing|ten)|wrote|handwriting",
    r"spell(?:s|ing|ed)?",
    r"count(?:s|ing|ed)?",
    r"add(?:s|ing)?|addition|subtract(?:s|ing|ion)?|multipl(?:y|ies|ying|ication)",
    r"divid(?:e|es|ing)|division|calculat(?:e|es|ing)|estimat(?:e|es|ing)|compar(?:e|es|ing)",
    r"(?:tell|tells|telling) the time",
    r"recogni[sz](?:e|es|ing)|identif(?:y|ies|ying)|name(?:s)?|label(?:s|ling)?",
    r"match(?:es|ing)?|sort(?:s|ing)?|sequenc(?:e|es|ing)",
    r"sound(?:s|ing)? out|blend(?:s|ing)?|segment(?:s|ing)?|decod(?:e|es|ing)",
    r"phonics|phonemes?|letter sounds?|speech sounds?|letters|sentences?|paragraphs?",
    r"(?:high[- ]frequency|sight|key|tricky|common exception|topic) words",
    r"number bonds|(?:times|multiplication) tables|number line|place value|money|coins",
    r"cop(?:y|ies|ying)|typ(?:e|es|ing)|draw(?:s|ing)?|colou?r(?:s|ing)? in",
    r"form(?:s|ing)? (?:letters|numbers|numerals|digits)|letter formation",
    r"(?:hold|holds|holding) (?:a |his |her |their )?(?:pencil|pen|scissors)|pencil grip",
    r"cut(?:s|ting)? (?:out|along|with)",
    r"say(?:s|ing)?|speak(?:s|ing)?|talk(?:s|ing)?|tell(?:s|ing)?|retell(?:s|ing)?",
    r"describ(?:e|es|ing)|explain(?:s|ing)?|summari[sz](?:e|es|ing)|pronounc(?:e|es|ing)",
    r"answer(?:s|ing)?|ask(?:s|ing)?|request(?:s|ing)?|repl(?:y|ies|ying)|respond(?:s|ing)?",
    r"ask(?:s|ing)? for (?:help|support|a break|a movement break|time out)",
    r"greet(?:s|ing)?|sign(?:s|ing)?|point(?:s|ing)? (?:to|at)",
    r"choos(?:e|es|ing)|(?:make|makes|making) (?:a )?choices?",
    r"follow(?:s|ing)? (?:an? |the |his |her |their )?"
    r"(?:(?:\w+[- ]step|simple|spoken|written|verbal|class|classroom|adult|daily|morning) )*"
    r"(?:instructions?|directions?|routines?|rules)",
    r"listen(?:s|ing)?|sit(?:s|ting)?|wait(?:s|ing)?|shar(?:e|es|ing)|play(?:s|ing)?",
    r"(?:stay|stays|staying|remain|remains|remaining) (?:in|on|at|seated|with)",
    r"(?:take|takes|taking) turns|turn[- ]taking|join(?:s|ing)? in",
    r"complet(?:e|es|ing)|finish(?:es|ing)?|organi[sz](?:e|es|ing)|pack(?:s|ing)?",
    r"(?:un)?dress(?:es|ing)?|eat(?:s|ing)?|drink(?:s|ing)?|wash(?:es|ing)?|toilet(?:ing)?",
    r"walk(?:s|ing)?|climb(?:s|ing)?|catch(?:es|ing)?|throw(?:s|ing)?|kick(?:s|ing)?",
    r"jump(?:s|ing)?|hop(?:s|ping)?|balanc(?:e|es|ing)|travel(?:s|led|ling|ing)?",
    r"cross(?:es|ing)? the road|us(?:e|es|ing)|concentrat(?:e|es|ing)|focus(?:es|ing)? on",
    r"attend(?:s|ing)?|arriv(?:e|es|ing)|recall(?:s|ing)?|remember(?:s|ing)?",
    r"punctuat(?:e|es|ing|ion)|capital letters?|full stops?|edit(?:s|ing)?|proofread(?:s|ing)?",
    r"(?:make|makes|making) eye contact|eye contact|initiat(?:e|es|ing)|contribut(?:e|es|ing)",
    r"solv(?:e|es|ing)|(?:put|puts|putting) up (?:his|her|their) hand|line(?:s)? up",
    r"mov(?:e|es|ing) between",
    r"visual timetable|now and next|communication book|pecs|makaton|symbols|calculator",
    r"laptop|word bank|task board|timer|comprehension|vocabulary",
)

# Measurable: a number, a proportion or an observable criterion. Numbers inside a date or
# period, a year group ("Year 2") or "1:1" (a staffing ratio) do not count.
EN_MEASURES = (
    r"%|per ?cent|percent|out of|once|twice",
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty",
    r"forty|fifty|hundred",
    r"at least|at most|no more than|no fewer than|no less than|fewer than",
    r"(?<!more )independently|unaided|(?:by|on) (?:him|her|them)sel(?:f|ves)",
    r"on (?:his|her|their) own",
    r"without (?:any )?(?:an )?(?:adult |staff |verbal |physical )?"
    r"(?:prompting|prompts?|support|help|reminders?|assistance|intervention)",
    r"with no (?:adult |verbal |physical )?(?:prompts?|reminders?|help|support)",
    r"words? (?:per|a) minute|wpm|(?:reading|spelling) age|book band|levels?|scores?",
    r"(?:every|each) (?:time|day|lesson|session|morning|afternoon)",
    r"(?:measured|assessed|recorded|tracked|observed) (?:by|using|with|on|in|through)",
)

EN_NOT_MEASURES = (
    r"(?:year|yr) ?\d{1,2}|y\d{1,2}|(?:key stage|ks) ?\d",
    r"1 ?(?::|-|to) ?1|one[- ]to[- ]one",
)

_EN_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
_EN_NUMBER = (
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty)"
)
_EN_UNIT = (
    r"(?:(?:school|teaching|calendar|working) )?"
    r"(?:days?|weeks?|fortnights?|months?|(?:half[- ])?terms?|years?)(?! ?\d)"
)
_YEAR = r"(?:19|20)\d{2}"
_NUMERIC_DATES = (
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})",  # 31/07/2027
    r"\d{4}-\d{2}-\d{2}",  # 2027-07-31
    rf"{_YEAR} ?[-/] ?(?:{_YEAR}|\d{{2}})",  # an academic year: 2026-27
)

# Time-bound: a date or a period. Month names need a year, a day or a preposition, so that
# "may" and "march" the verbs are not read as dates. A frequency ("each half term") is not one.
EN_TIMES = (
    *_NUMERIC_DATES,
    rf"{_EN_MONTH},? (?:\d{{1,2}}(?:st|nd|rd|th)?,? )?{_YEAR}",
    rf"\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_EN_MONTH}",
    rf"(?:by|before|until|till|in|during|at) (?:the )?(?:(?:end|beginning|start|middle) of )?"
    rf"(?:early |mid[- ]|late )?{_EN_MONTH}",
    rf"end of {_EN_MONTH}",
    rf"(?:by|before|until|till|in|during) (?:the )?(?:end of )?{_YEAR}",
    rf"(?:within|in|after|over|for|during) (?:the )?(?:next |first |coming )?"
    rf"{_EN_NUMBER} {_EN_UNIT}",
    r"(?:autumn|spring|summer|winter) (?:half[- ])?term",
    r"(?:february|october|may|whitsun) half[- ]term",
    r"(?:by|before|until|till) (?:the )?half[- ]term",
    r"(?:(?:by|before|until|till|at|in) )?(?:the )?end of (?:the |this |next |his |her |their )?"
    r"(?:school |academic |(?:autumn|spring|summer) )?"
    r"(?:half[- ]term|term|year|key stage \d|ks ?\d|year \d{1,2}|foundation phase"
    r"|primary school|reception|nursery)",
    r"(?:by|before|until|till|at|in|during) (?:the )?(?:next|this|following) "
    r"(?:half[- ]term|term|school year|academic year|year)",
    r"(?:this|next) (?:half[- ]term|term|school year|academic year)",
    r"(?:by|before|at) (?:the |his |her |their |its )?(?:next |first |following )?"
    r"(?:annual |idp )?review",
    r"(?:by|before|until|till) (?:the )?(?:christmas|easter|whitsun)",
)

# Vague: wording that names no change anyone could see (Estyn 2025) unless the outcome measures
# it. "ask for support" and "ask for help" are behaviours (see EN_SKILLS), not vague.
EN_VAGUE = (
    r"improv(?:e|es|ed|ing|ement|ements)",
    r"develop(?:s|ed|ing|ment)?",
    r"support(?:s|ed|ing)?",
    r"access(?:es|ed|ing)?",
    r"work(?:s|ing)? on",
    r"(?:be|become|becomes|becoming|feel|feels|grow|get|gets) (?:more )?confident",
    r"more confident|(?:self[- ])?confidence|self[- ]esteem",
    r"better",
    r"(?:make|makes|making) (?:good |expected |further |more |better |steady |continued )?"
    r"progress",
    r"engag(?:e|es|ed|ing|ement)|enhanc(?:e|es|ed|ing)|increas(?:e|es|ed|ing)",
    r"understand(?:s|ing)?|awareness|(?:be|become|becomes|more) aware",
    r"(?:more )?independen(?:t|ce)",
    r"consolidat(?:e|es|ed|ing)",
)


# --- Welsh word lists (plain phrases; the first word matches in every mutation) ---------------

CY_SKILLS = (
    "darllen",
    "ysgrifennu",
    "llawysgrifen",
    "sillafu",
    "cyfrif",
    "adio",
    "tynnu",
    "lluosi",
    "rhannu",
    "dweud yr amser",
    "adnabod",
    "enwi",
    "labelu",
    "paru",
    "didoli",
    "trefnu",
    "seinio",
    "asio",
    "segmentu",
    "datgodio",
    "ffoneg",
    "seiniau",
    "synau",
    "llythrennau",
    "llythyren",
    "brawddeg",
    "brawddegau",
    "paragraffau",
    "geiriau aml",
    "geiriau allweddol",
    "geiriau amledd uchel",
    "bondiau rhif",
    "tablau lluosi",
    "tablau",
    "llinell rif",
    "gwerth lle",
    "arian",
    "darnau arian",
    "copio",
    "teipio",
    "tynnu llun",
    "lluniadu",
    "lliwio",
    "ffurfio llythrennau",
    "dal pensil",
    "dal siswrn",
    "dal pel",
    "torri",
    "dweud",
    "siarad",
    "sgwrsio",
    "disgrifio",
    "esbonio",
    "egluro",
    "ailadrodd",
    "crynhoi",
    "ynganu",
    "ateb",
    "gofyn",
    "gofyn am help",
    "gofyn am gymorth",
    "gofyn am gefnogaeth",
    "gofyn am seibiant",
    "ymateb",
    "cyfarch",
    "arwyddo",
    "pwyntio",
    "dewis",
    "dilyn cyfarwyddiadau",
    "dilyn cyfarwyddyd",
    "dilyn y drefn",
    "dilyn rheolau",
    "gwrando",
    "eistedd",
    "aros",
    "cymryd tro",
    "cymryd ei dro",
    "cymryd ei thro",
    "cymryd eu tro",
    "ymuno",
    "chwarae",
    "cwblhau",
    "gorffen",
    "pacio",
    "gwisgo",
    "dadwisgo",
    "bwyta",
    "yfed",
    "golchi",
    "cerdded",
    "dringo",
    "taflu",
    "cicio",
    "neidio",
    "cydbwyso",
    "teithio",
    "croesi'r ffordd",
    "defnyddio",
    "canolbwyntio",
    "mynychu",
    "cyrraedd",
    "cofio",
    "cymharu",
    "amcangyfrif",
    "atalnodi",
    "priflythrennau",
    "priflythyren",
    "atalnod llawn",
    "atalnodau llawn",
    "golygu",
    "cyswllt llygad",
    "cyfrannu",
    "datrys",
    "codi ei law",
    "codi ei llaw",
    "symud rhwng",
    "amserlen weledol",
    "nawr a nesaf",
    "llyfr cyfathrebu",
    "makaton",
    "pecs",
    "symbolau",
    "cyfrifiannell",
    "gliniadur",
    "banc geiriau",
    "amserydd",
    "geirfa",
)

_CY_NUMBER_WORDS = (
    "dau",
    "dwy",
    "tri",
    "tair",
    "pedwar",
    "pedair",
    "pump",
    "pum",
    "chwech",
    "chwe",
    "saith",
    "wyth",
    "naw",
    "deuddeg",
    "pymtheg",
    "ugain",
    "unwaith",
    "dwywaith",
    "teirgwaith",
)

CY_MEASURES = (
    r"%|y cant|canran|allan o",
    _cy(*_CY_NUMBER_WORDS),  # not "deg" (ten): "chwarae'n deg" is "play fairly"
    r"o leiaf|dim mwy na|dim llai na|ar y mwyaf|ar y lleiaf|fan bellaf",
    r"yn annibynnol",  # not "yn fwy annibynnol" (more independent), which is vague
    r"heb (?:ei |eu |ein )?(?:anogaeth|annog|hannog|ysgogiad|ysgogi|atgoffa|hatgoffa|help"
    r"|gymorth|gefnogaeth|oedolyn)",
    r"ar (?:ei|eu) (?:ben|phen) (?:ei|eu) (?:hun|hunan|hunain)",
    r"oedran (?:darllen|sillafu)|(?:gair|geiriau) (?:y|yr) (?:funud|munud)",
    r"lefel(?:au)?|sgor(?:iau)?",
    r"(?:bob|pob) (?:tro|dydd|diwrnod|gwers|bore|sesiwn)",
    r"(?:fesur|mesur|asesu|hasesu|gofnodi|chofnodi|cofnodi) (?:gan|drwy|trwy|gyda|ar|yn ol)",
)

CY_NOT_MEASURES = (
    _cy("blwyddyn") + r" ?\d{1,2}|bl ?\d{1,2}|(?:cyfnod allweddol|ca) ?\d",
    r"1 ?(?::|-|i) ?1|un[- ]i[- ]un",
)

_CY_MONTH = _cy(
    "ionawr",
    "chwefror",
    "mawrth",
    "ebrill",
    "mai",
    "mehefin",
    "gorffennaf",
    "awst",
    "medi",
    "hydref",
    "tachwedd",
    "rhagfyr",
)
_CY_NUMBER = r"(?:\d+|" + _cy("un", "deg", *_CY_NUMBER_WORDS) + ")"
_CY_TERM = _cy("tymor")
_CY_YEAR_WORD = _cy("blwyddyn")
_CY_UNIT = (
    _cy(
        "wythnos",
        "wythnosau",
        "mis",
        "misoedd",
        "diwrnod",
        "diwrnodau",
        "tymor",
        "tymhorau",
        "hanner tymor",
        "blwyddyn",
        "blynedd",
        "pythefnos",
    )
    + r"(?: ysgol)?(?! ?\d)"
)
_CY_EDGE = r"(?:diwedd|ddiwedd|dechrau|ddechrau|canol|ganol)"

CY_TIMES = (
    *_NUMERIC_DATES,
    rf"{_CY_MONTH}(?: \d{{1,2}})?,? {_YEAR}",
    rf"\d{{1,2}}(?:af|il|ydd|ed|fed|eg|ain)? (?:o )?{_CY_MONTH}",
    rf"(?:erbyn|cyn|tan|hyd at|hyd|ym|ers|o|at) (?:{_CY_EDGE} )?(?:mis |fis )?{_CY_MONTH}",
    rf"{_CY_EDGE} (?:mis |fis )?{_CY_MONTH}",
    rf"mis {_CY_MONTH}",
    rf"(?:erbyn|cyn|tan|hyd|yn|ers) (?:diwedd |ddiwedd )?{_YEAR}",
    rf"(?:o fewn|mewn|ymhen|dros|ar ol|am|yn ystod|cyn pen|erbyn diwedd) (?:y |yr )?"
    rf"(?:(?:nesaf|cyntaf) )?{_CY_NUMBER} {_CY_UNIT}",
    rf"(?:o fewn|ymhen|cyn pen|mewn) (?:y |yr )?{_CY_UNIT}",
    rf"{_CY_TERM} (?:y|yr) (?:gwanwyn|haf|hydref)",
    rf"(?:(?:erbyn|cyn|tan|ar) )?(?:diwedd|ddiwedd) (?:y |yr |ei |eu )?"
    rf"(?:hanner tymor|{_CY_TERM}|{_CY_YEAR_WORD}"
    r"|cyfnod allweddol \d|ca ?\d|cyfnod sylfaen|ysgol gynradd|meithrin|derbyn)"
    r"(?: (?:ysgol|academaidd))?(?: \d{1,2})?",
    rf"(?:erbyn|cyn|tan|dros|yn ystod|ym|yn) (?:y |yr )?(?:hanner tymor|{_CY_TERM}"
    rf"|{_CY_YEAR_WORD}(?: ysgol| academaidd)?) (?:nesaf|hwn|yma|canlynol)",
    r"(?:erbyn|cyn|tan) (?:yr? )?hanner tymor",
    r"(?:erbyn|cyn|yn|mewn|adeg) (?:yr |ei |eu |y )?(?:adolygiad|hadolygiad)",
    r"(?:erbyn|cyn|tan) (?:y )?(?:nadolig|pasg|sulgwyn)",
)

CY_VAGUE = (
    "gwella",
    "gwelliant",
    "gwelliannau",
    "datblygu",
    "datblygiad",
    "cefnogi",
    "cefnogaeth",
    "cymorth",
    "cael mynediad",
    "mynediad",
    "gweithio ar",
    "magu hyder",
    "magu mwy o hyder",
    "hyder",
    "hunanhyder",
    "hunan-barch",
    "hyderus",
    "yn fwy hyderus",
    "yn well",
    "gwell",
    "gwneud cynnydd",
    "ymgysylltu",
    "cyfoethogi",
    "cynyddu",
    "deall",
    "dealltwriaeth",
    "ymwybyddiaeth",
    "yn fwy annibynnol",
    "annibyniaeth",
    "atgyfnerthu",
)


# Any number is a measure (unless hidden: see _measure_span), read with what follows it so that
# the evidence is "4 out of 5", not "4".
_NUMBER = r"\d+(?:[.,]\d+)?(?: ?%| ?per ?cent| y cant| out of \d+| allan o \d+)?"


@dataclass(frozen=True, slots=True)
class _Rules:
    welsh: bool
    skill: re.Pattern[str]
    measure: re.Pattern[str]
    not_measure: re.Pattern[str]
    times: tuple[re.Pattern[str], ...]  # separate, so overlapping matches all count
    vague: re.Pattern[str]


_RULES: Mapping[str, _Rules] = {
    "en": _Rules(
        welsh=False,
        skill=_words(*EN_SKILLS),
        measure=re.compile(_NUMBER + "|" + _words(*EN_MEASURES).pattern),
        not_measure=_words(*EN_NOT_MEASURES),
        times=tuple(_words(fragment) for fragment in EN_TIMES),
        vague=_words(*EN_VAGUE),
    ),
    "cy": _Rules(
        welsh=True,
        skill=_words(_cy(*CY_SKILLS)),
        measure=re.compile(_NUMBER + "|" + _words(*CY_MEASURES).pattern),
        not_measure=_words(*CY_NOT_MEASURES),
        times=tuple(_words(fragment) for fragment in CY_TIMES),
        vague=_words(_cy(*CY_VAGUE)),
    ),
}


# --- The checks --------------------------------------------------------------------------------

_NO_SKILL = OutcomeProblem(ProblemCode.SPECIFIC, MSG_NO_SKILL, SUGGEST_NAME_SKILL)
_NO_MEASURE = OutcomeProblem(ProblemCode.MEASURABLE, MSG_NO_MEASURE, SUGGEST_ADD_MEASURE)
_NO_DATE = OutcomeProblem(ProblemCode.TIME_BOUND, MSG_NO_DATE, SUGGEST_ADD_DATE)
_EMPTY = OutcomeCheck(
    problems=(
        _NO_SKILL,
        _NO_MEASURE,
        _NO_DATE,
        OutcomeProblem(ProblemCode.VAGUE, MSG_EMPTY, SUGGEST_WRITE_OUTCOME),
    )
)

Span = tuple[int, int]


def _merged(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _blanked(text: str, spans: Iterable[Span]) -> str:
    """`text` with the spans replaced by spaces (same length, so positions still line up)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _spans(pattern: re.Pattern[str], text: str) -> Iterator[Span]:
    return (match.span() for match in pattern.finditer(text))


def _time_spans(rules: _Rules, text: str) -> list[Span]:
    """Time-bound (SMART: Code 23.20, 23.31 *(secondary)*; spec §4.2-4.3): the outcome says by
    when, as a date ("by July 2027", "erbyn Gorffennaf 2027") or a period
    ("within 6 weeks", "o fewn 6 wythnos", "by the end of the spring term"). Overlapping
    expressions are merged, so "by July 2027" is one span."""
    return _merged(span for pattern in rules.times for span in _spans(pattern, text))


def _measure_span(rules: _Rules, text: str, times: list[Span]) -> Span | None:
    """Measurable (Code 23.20, 23.31 *(secondary)*; Estyn 2025: it was often unclear how
    progress would be measured): a number, a proportion ("4 out of 5", "4 allan o 5", "80%"), a
    level of independence ("independently", "without prompting", "yn annibynnol", "heb
    anogaeth") or another observable criterion. The numbers of a date or period, a year group
    and a 1:1 staffing ratio are not measures of the child's progress."""
    hidden = [*times, *_spans(rules.not_measure, text)]
    match = rules.measure.search(_blanked(text, hidden))
    return match.span() if match else None


def _skill_span(rules: _Rules, text: str) -> Span | None:
    """Specific (Code 23.20, 23.31 *(secondary)*): the outcome names a skill or a behaviour
    someone could see: read, spell, count, ask for help, take turns, use a visual timetable /
    darllen, sillafu, cyfrif, gofyn am help, cymryd ei dro, defnyddio amserlen weledol. Broad
    areas (literacy, communication, behaviour, social skills) are not specific."""
    match = rules.skill.search(text)
    return match.span() if match else None


def _vague_spans(rules: _Rules, text: str) -> list[Span]:
    """Vague (Estyn 2025: "in many IDPs, outcomes were too vague"): words such as improve,
    develop, support, access, work on, be more confident, better / gwella, datblygu, cefnogi,
    cael mynediad, magu hyder, yn well. The caller asks only when the outcome states no measure:
    "improve his reading age from 6y2m to 7y" is measurable, so not vague. Skill phrases are
    hidden first, so "ask for support" is a behaviour, not vague. One span per distinct word."""
    seen: set[str] = set()
    spans: list[Span] = []
    for match in rules.vague.finditer(_blanked(text, _spans(rules.skill, text))):
        if match.group() not in seen:
            seen.add(match.group())
            spans.append(match.span())
    return spans


def check_outcome(text: str, language: str) -> OutcomeCheck:
    """Check one IDP outcome (section 2B.1) is specific, measurable, time-bound and not vague.

    The ALN Code requires outcomes to be SMART and person-centred (Code 23.20, 23.31
    *(secondary)*, spec §4.2-4.3); Estyn (2025) found many too vague to measure progress. Each
    rule is explained on the helper that applies it. `language` is the language the outcome is
    written in, "en" or "cy" (ValueError otherwise). Empty text, or text with no letters or
    digits, fails every check. Never raises for any text.
    """
    if language not in _RULES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    rules = _RULES[language]
    folded = _fold(text, welsh=rules.welsh)
    if not any(char.isalnum() for char in folded.text):
        return _EMPTY

    def words(span: Span | None) -> str:
        return folded.source(text, *span) if span else ""

    skill = _skill_span(rules, folded.text)
    times = _time_spans(rules, folded.text)
    measure = _measure_span(rules, folded.text, times)
    problems: list[OutcomeProblem] = []
    if skill is None:
        problems.append(_NO_SKILL)
    if measure is None:
        problems.append(_NO_MEASURE)
    if not times:
        problems.append(_NO_DATE)
    if measure is None:
        problems.extend(
            OutcomeProblem(ProblemCode.VAGUE, MSG_VAGUE_WORDING, SUGGEST_REPLACE_VAGUE, words(s))
            for s in _vague_spans(rules, folded.text)
        )
    return OutcomeCheck(
        problems=tuple(problems),
        skill=words(skill),
        measure=words(measure),
        timescale=words(times[0] if times else None),
    )


# --- Links across the whole plan ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanNeed:
    """A need described in section 2A (description of the ALN and its impact on learning)."""

    id: str
    description: str


@dataclass(frozen=True, slots=True)
class PlanProvision:
    """An element of additional learning provision (section 2B.2, or NHS provision in 2C)."""

    id: str
    description: str


@dataclass(frozen=True, slots=True)
class PlanOutcome:
    """An outcome (2B.1) and the ids of the needs and provision it is linked to."""

    id: str
    need_ids: frozenset[str] = frozenset()
    provision_ids: frozenset[str] = frozenset()


_NO_NEED = OutcomeProblem(ProblemCode.LINKED_NEED, MSG_NO_NEED, SUGGEST_LINK_NEED)
_NO_PROVISION = OutcomeProblem(
    ProblemCode.LINKED_PROVISION, MSG_NO_PROVISION, SUGGEST_LINK_PROVISION
)


def check_plan_links(
    outcomes: Iterable[PlanOutcome],
    needs: Iterable[PlanNeed],
    provisions: Iterable[PlanProvision],
) -> dict[str, tuple[OutcomeProblem, ...]]:
    """Problems with each outcome's links, keyed by outcome id in the order given.

    An IDP describes the ALN and the ALP it calls for (Act s.10(a), (b)); each element of ALP
    carries its intended outcome (2B.1, repeated per element, Code 23.29 *(secondary)*; spec
    §4.2), and Estyn (2025) found vague outcomes made it hard to decide the right ALP. So every
    outcome must be linked to at least one need that is described (non-blank, in 2A) and to at
    least one element of ALP that is described. A link to an id not in `needs` or `provisions`
    (a deleted need, say) does not count. Every outcome gets an entry, `()` when its links are
    sound. Duplicate outcome ids raise ValueError.
    """
    described_needs = {need.id for need in needs if need.description.strip()}
    described_provision = {element.id for element in provisions if element.description.strip()}
    result: dict[str, tuple[OutcomeProblem, ...]] = {}
    for outcome in outcomes:
        if outcome.id in result:
            raise ValueError(f"outcome {outcome.id!r} is listed twice")
        problems: list[OutcomeProblem] = []
        if not outcome.need_ids & described_needs:
            problems.append(_NO_NEED)
        if not outcome.provision_ids & described_provision:
            problems.append(_NO_PROVISION)
        result[outcome.id] = tuple(problems)
    return result
