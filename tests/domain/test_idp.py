"""IDP outcome quality checks (Code 23.20, 23.31 *(secondary)*; Estyn 2025; spec §4.2-4.3).

The tables hold outcomes as an ALNCo might write them, good and vague, in English and Welsh, with
the exact set of problem codes each should get.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.idp import (
    MSG_EMPTY,
    MSG_NO_DATE,
    MSG_NO_MEASURE,
    MSG_NO_NEED,
    MSG_NO_PROVISION,
    MSG_NO_SKILL,
    MSG_VAGUE_WORDING,
    SUGGEST_ADD_DATE,
    SUGGEST_ADD_MEASURE,
    SUGGEST_LINK_NEED,
    SUGGEST_LINK_PROVISION,
    SUGGEST_NAME_SKILL,
    SUGGEST_REPLACE_VAGUE,
    SUGGEST_WRITE_OUTCOME,
    OutcomeCheck,
    OutcomeProblem,
    PlanNeed,
    PlanOutcome,
    PlanProvision,
    ProblemCode,
    check_outcome,
    check_plan_links,
    mutations,
)

SPECIFIC = ProblemCode.SPECIFIC
MEASURABLE = ProblemCode.MEASURABLE
TIME_BOUND = ProblemCode.TIME_BOUND
VAGUE = ProblemCode.VAGUE
EVERYTHING = {SPECIFIC, MEASURABLE, TIME_BOUND, VAGUE}

GOOD_EN = [
    "By July 2027, Osian will read 40 words from the Year 2 high-frequency list independently, "
    "checked each half term.",
    "By the end of the spring term, Megan will ask an adult for help when she is stuck on 4 out "
    "of 5 occasions.",
    "Within 6 weeks, Dylan will use his visual timetable to move between activities without "
    "adult prompting.",
    "By the end of the summer term 2027, Ffion will spell 20 of the 30 Year 3 words correctly in "
    "a weekly test.",
    "In 12 weeks, Rhys will take turns in a small-group game with two peers for 10 minutes, on 3 "
    "out of 4 observed sessions.",
    "By December 2026, Cerys will count objects to 20 accurately on 4 out of 5 occasions.",
    "By the end of the autumn term, Jac will write a sentence with a capital letter and a full "
    "stop independently in 3 pieces of work each week.",
    "By Easter 2027, Alaw will recognise 20 letter sounds when shown flashcards, measured by the "
    "phonics tracker.",
    "By the end of Year 6, Gethin will read aloud at 90 words per minute with 95% accuracy.",
    "By 31/03/2027, Lowri will use her communication book to request a snack, a drink or a break "
    "at least 3 times a day.",
    "Within 8 weeks, Tomos will sit with his class on the carpet for 10 minutes without leaving "
    "his place on 4 out of 5 days.",
    # "increase" is vague only when nothing is measured: here the reading age is.
    "By the next annual review, Elis will increase his reading age from 6 years 2 months to 7 "
    "years on the Salford test.",
    "By July 2027, Mali will dress herself for PE independently within 5 minutes.",
    "By the October half term, Osian will greet a familiar adult by name when he arrives each "
    "morning, on 4 out of 5 days.",
    "Over the next 10 weeks, Nia will complete 3 maths tasks independently in each session, "
    "recorded on her tick chart.",
    "By the end of the academic year 2026-27, Harri will travel to school on the bus without an "
    "adult on 9 out of 10 journeys.",
    "By the end of the summer term, Iwan will follow a two-step instruction given verbally "
    "without a visual prompt on 4 out of 5 occasions.",
    "By 2027-07-20, Seren will use a calming strategy from her card without a reminder when she "
    "feels anxious, on 3 occasions a week.",
]

GOOD_CY = [
    "Erbyn Gorffennaf 2027, bydd Osian yn darllen 40 gair o'r rhestr geiriau aml yn annibynnol.",
    "Erbyn diwedd tymor y gwanwyn, bydd Megan yn gofyn i oedolyn am help pan fydd hi'n sownd, ar "
    "4 allan o 5 achlysur.",
    "O fewn 6 wythnos, bydd Dylan yn defnyddio ei amserlen weledol i symud rhwng gweithgareddau "
    "heb anogaeth gan oedolyn.",
    "Erbyn diwedd tymor yr haf 2027, bydd Ffion yn sillafu 20 o'r 30 gair ar restr Blwyddyn 3 yn "
    "gywir mewn prawf wythnosol.",
    "Ymhen 12 wythnos, bydd Rhys yn cymryd ei dro mewn gêm grŵp bach gyda dau gyfoed am 10 munud, "
    "ar 3 allan o 4 sesiwn.",
    "Erbyn Rhagfyr 2026, bydd Cerys yn cyfrif gwrthrychau hyd at 20 yn gywir ar 4 allan o 5 "
    "achlysur.",
    "Erbyn diwedd tymor yr hydref, bydd Jac yn ysgrifennu brawddeg gyda phriflythyren ac atalnod "
    "llawn yn annibynnol mewn 3 darn o waith bob wythnos.",
    "Erbyn y Pasg 2027, bydd Alaw yn adnabod 20 o seiniau llythrennau ar gardiau fflach, wedi'i "
    "fesur gan y traciwr ffoneg.",
    "Erbyn diwedd Blwyddyn 6, bydd Gethin yn darllen yn uchel ar 90 gair y funud gyda 95% o "
    "gywirdeb.",
    "Erbyn 31/03/2027, bydd Lowri yn defnyddio ei llyfr cyfathrebu i ofyn am fyrbryd, diod neu "
    "seibiant o leiaf 3 gwaith y dydd.",
    "O fewn 8 wythnos, bydd Tomos yn eistedd gyda'i ddosbarth ar y carped am 10 munud heb adael "
    "ei le ar 4 allan o 5 diwrnod.",
    "Erbyn yr adolygiad blynyddol nesaf, bydd Elis yn cynyddu ei oedran darllen o 6 oed 2 fis i 7 "
    "oed ar brawf darllen Salford.",
    "Erbyn Gorffennaf 2027, bydd Mali yn gwisgo ar gyfer Addysg Gorfforol ar ei phen ei hun o "
    "fewn 5 munud.",
    "Erbyn hanner tymor mis Hydref, bydd Osian yn cyfarch oedolyn cyfarwydd wrth ei enw pan fydd "
    "yn cyrraedd bob bore, ar 4 allan o 5 diwrnod.",
    "Dros y 10 wythnos nesaf, bydd Nia yn cwblhau 3 tasg fathemateg yn annibynnol ym mhob sesiwn, "
    "wedi'i gofnodi ar ei siart.",
    "Erbyn diwedd y flwyddyn academaidd 2026-27, bydd Harri yn teithio i'r ysgol ar y bws heb "
    "oedolyn ar 9 allan o 10 taith.",
    "Erbyn diwedd tymor yr haf, bydd Iwan yn dilyn cyfarwyddyd dau gam ar lafar heb anogaeth "
    "weledol ar 4 allan o 5 achlysur.",
    # A mutated month after "o" and "tan".
    "O Fedi 2026 tan Orffennaf 2027, bydd Seren yn darllen llyfr gydag oedolyn bob dydd.",
]


@pytest.mark.parametrize("text", GOOD_EN)
def test_good_english_outcomes_pass(text):
    check = check_outcome(text, "en")
    assert check.problems == ()
    assert check.passes
    assert check.skill
    assert check.measure
    assert check.timescale


@pytest.mark.parametrize("text", GOOD_CY)
def test_good_welsh_outcomes_pass(text):
    check = check_outcome(text, "cy")
    assert check.problems == ()
    assert check.passes
    assert check.skill
    assert check.measure
    assert check.timescale


VAGUE_EN = [
    ("Osian will improve his reading.", {MEASURABLE, TIME_BOUND, VAGUE}, ["improve"]),
    ("To develop Megan's social skills.", EVERYTHING, ["develop"]),
    (
        "Dylan will be supported to access the curriculum.",
        EVERYTHING,
        ["supported", "access"],
    ),
    ("Ffion will be more confident.", EVERYTHING, ["be more confident"]),
    ("Rhys will work on his handwriting.", {MEASURABLE, TIME_BOUND, VAGUE}, ["work on"]),
    (
        "Cerys will develop her number skills by the end of the summer term.",
        {SPECIFIC, MEASURABLE, VAGUE},
        ["develop"],
    ),
    ("Jac will have better listening skills.", {MEASURABLE, TIME_BOUND, VAGUE}, ["better"]),
    (
        "Alaw will improve her behaviour in class by July 2027.",
        {SPECIFIC, MEASURABLE, VAGUE},
        ["improve"],
    ),
    ("Gethin will access small-group support for literacy.", EVERYTHING, ["access", "support"]),
    (
        "Lowri will make good progress in phonics.",
        {MEASURABLE, TIME_BOUND, VAGUE},
        ["make good progress"],
    ),
    ("Tomos will develop his fine motor skills.", EVERYTHING, ["develop"]),
    (
        "Elis will be supported to manage his emotions better.",
        EVERYTHING,
        ["supported", "better"],
    ),
    (
        "Mali will engage more in lessons and become more independent.",
        EVERYTHING,
        ["engage", "more independent"],
    ),
    ("Nia will improve her spelling within 6 weeks.", {MEASURABLE, VAGUE}, ["improve"]),
    (
        "Harri will feel more confident when speaking in front of the class.",
        {MEASURABLE, TIME_BOUND, VAGUE},
        ["feel more confident"],
    ),
    (
        "Seren will continue to develop her understanding of number by the end of the year.",
        {SPECIFIC, MEASURABLE, VAGUE},
        ["develop", "understanding"],
    ),
    ("Support Osian to improve his communication.", EVERYTHING, ["Support", "improve"]),
]

VAGUE_CY = [
    ("Bydd Osian yn gwella ei ddarllen.", {MEASURABLE, TIME_BOUND, VAGUE}, ["gwella"]),
    ("Datblygu sgiliau cymdeithasol Megan.", EVERYTHING, ["Datblygu"]),
    (
        "Bydd Dylan yn cael ei gefnogi i gael mynediad i'r cwricwlwm.",
        EVERYTHING,
        ["gefnogi", "gael mynediad"],
    ),
    ("Bydd Ffion yn magu hyder.", EVERYTHING, ["magu hyder"]),
    ("Bydd Rhys yn gweithio ar ei lawysgrifen.", {MEASURABLE, TIME_BOUND, VAGUE}, ["gweithio ar"]),
    (
        "Bydd Cerys yn datblygu ei sgiliau rhif erbyn diwedd tymor yr haf.",
        {SPECIFIC, MEASURABLE, VAGUE},
        ["datblygu"],
    ),
    ("Bydd gan Jac sgiliau gwrando gwell.", {MEASURABLE, TIME_BOUND, VAGUE}, ["gwell"]),
    (
        "Bydd Alaw yn gwella ei hymddygiad yn y dosbarth erbyn Gorffennaf 2027.",
        {SPECIFIC, MEASURABLE, VAGUE},
        ["gwella"],
    ),
    (
        "Bydd Gethin yn cael mynediad at gymorth grŵp bach ar gyfer llythrennedd.",
        EVERYTHING,
        ["cael mynediad", "gymorth"],
    ),
    (
        "Bydd Lowri yn gwneud cynnydd da mewn ffoneg.",
        {MEASURABLE, TIME_BOUND, VAGUE},
        ["gwneud cynnydd"],
    ),
    ("Bydd Tomos yn datblygu ei sgiliau echddygol manwl.", EVERYTHING, ["datblygu"]),
    (
        "Bydd Elis yn cael ei gefnogi i reoli ei emosiynau yn well.",
        EVERYTHING,
        ["gefnogi", "yn well"],
    ),
    (
        "Bydd Mali yn ymgysylltu mwy yn y gwersi ac yn dod yn fwy annibynnol.",
        EVERYTHING,
        ["ymgysylltu", "yn fwy annibynnol"],
    ),
    ("Bydd Nia yn gwella ei sillafu o fewn 6 wythnos.", {MEASURABLE, VAGUE}, ["gwella"]),
    (
        "Bydd Harri yn teimlo’n fwy hyderus wrth siarad o flaen y dosbarth.",  # noqa: RUF001
        {MEASURABLE, TIME_BOUND, VAGUE},
        ["’n fwy hyderus"],  # noqa: RUF001
    ),
    (
        "Bydd Seren yn parhau i ddatblygu ei dealltwriaeth o rif erbyn diwedd y flwyddyn.",
        {SPECIFIC, MEASURABLE, VAGUE},
        ["ddatblygu", "dealltwriaeth"],
    ),
    ("Cefnogi Osian i wella ei sgiliau cyfathrebu.", EVERYTHING, ["Cefnogi", "wella"]),
]


@pytest.mark.parametrize(("text", "codes", "evidence"), VAGUE_EN)
def test_vague_english_outcomes(text, codes, evidence):
    check = check_outcome(text, "en")
    assert check.codes == codes
    assert not check.passes
    assert [p.evidence for p in check.problems if p.code is VAGUE] == evidence


@pytest.mark.parametrize(("text", "codes", "evidence"), VAGUE_CY)
def test_vague_welsh_outcomes(text, codes, evidence):
    check = check_outcome(text, "cy")
    assert check.codes == codes
    assert not check.passes
    assert [p.evidence for p in check.problems if p.code is VAGUE] == evidence


def test_tables_are_big_enough():
    for table in (GOOD_EN, GOOD_CY, VAGUE_EN, VAGUE_CY):
        assert len(table) >= 15


@pytest.mark.parametrize(
    ("text", "language", "codes"),
    [
        # One thing missing at a time.
        ("Osian will read 40 words from the Year 2 list independently.", "en", {TIME_BOUND}),
        ("By July 2027, Osian will read words from the high-frequency list.", "en", {MEASURABLE}),
        ("By July 2027, Osian will achieve 4 out of 5.", "en", {SPECIFIC}),
        ("Bydd Osian yn darllen 40 gair yn annibynnol.", "cy", {TIME_BOUND}),
        ("Erbyn Gorffennaf 2027, bydd Osian yn darllen geiriau o'r rhestr.", "cy", {MEASURABLE}),
        ("Erbyn Gorffennaf 2027, bydd Osian yn cyflawni 4 allan o 5.", "cy", {SPECIFIC}),
        # A date is not a measure, and a year group is not one either.
        ("By July 2027.", "en", {SPECIFIC, MEASURABLE}),
        ("Osian will read in Year 2 by July 2027.", "en", {MEASURABLE}),
        ("Erbyn Gorffennaf 2027.", "cy", {SPECIFIC, MEASURABLE}),
        ("Bydd Osian yn darllen ym Mlwyddyn 2 erbyn Gorffennaf 2027.", "cy", {MEASURABLE}),
        # A staffing ratio is provision, not a measure of the child's progress.
        ("Osian will access learning with 1:1 support.", "en", EVERYTHING),
        ("Bydd Osian yn cael mynediad at ddysgu gyda chymorth 1:1.", "cy", EVERYTHING),
        # A vague word with a measure is not vague.
        ("By July 2027, Osian will improve his reading age by 6 months.", "en", set()),
        ("Erbyn Gorffennaf 2027, bydd Osian yn gwella ei oedran darllen 6 mis.", "cy", set()),
        # "ask for support" is a behaviour, not vague wording.
        ("Osian will ask for support.", "en", {MEASURABLE, TIME_BOUND}),
        ("Bydd Osian yn gofyn am gymorth.", "cy", {MEASURABLE, TIME_BOUND}),
        # "chwarae'n deg" is "play fairly", not "ten".
        ("Bydd Osian yn chwarae'n deg.", "cy", {MEASURABLE, TIME_BOUND}),
    ],
)
def test_one_rule_at_a_time(text, language, codes):
    assert check_outcome(text, language).codes == codes


@pytest.mark.parametrize(
    "period",
    [
        "by July 2027",
        "by 31 July",
        "by the 31st of July",
        "by the end of July",
        "in May",
        "July 2027",
        "by 31/07/2027",
        "by 2027-07-31",
        "by 2027",
        "within 6 weeks",
        "in 12 weeks",
        "within a term",
        "over the next two terms",
        "within six school weeks",
        "by the end of the spring term",
        "during the summer term",
        "by the end of Year 6",
        "by the end of the academic year",
        "by the end of this term",
        "by half term",
        "by the February half term",
        "next term",
        "by her next annual review",
        "by Christmas",
        "in the academic year 2026/27",
    ],
)
def test_english_dates_and_periods(period):
    check = check_outcome(f"Osian will read 40 words independently {period}.", "en")
    assert check.passes, check.problems
    assert check.timescale
    assert check.timescale.lower() in period.lower()


@pytest.mark.parametrize(
    "period",
    [
        "erbyn Gorffennaf 2027",
        "erbyn 31 Gorffennaf",
        "erbyn diwedd mis Gorffennaf",
        "ym mis Mai",
        "erbyn mis Medi",
        "o Fedi 2026",
        "tan Orffennaf",
        "hyd at Fawrth 2027",
        "Rhagfyr 2026",
        "erbyn 31/07/2027",
        "erbyn 2027",
        "o fewn 6 wythnos",
        "ymhen 12 wythnos",
        "o fewn chwe wythnos",
        "o fewn tymor",
        "o fewn dau fis",
        "o fewn pythefnos",
        "dros y ddau dymor nesaf",
        "dros y tymor nesaf",
        "erbyn diwedd tymor y gwanwyn",
        "yn ystod tymor yr haf",
        "erbyn diwedd Blwyddyn 6",
        "erbyn diwedd y flwyddyn academaidd",
        "erbyn hanner tymor",
        "erbyn y tymor nesaf",
        "erbyn yr adolygiad nesaf",
        "erbyn y Nadolig",
    ],
)
def test_welsh_dates_and_periods(period):
    check = check_outcome(f"Bydd Osian yn darllen 40 gair yn annibynnol {period}.", "cy")
    assert check.passes, check.problems
    assert check.timescale
    assert check.timescale.lower() in period.lower()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # A frequency, a duration in minutes, a modal verb and a class are not deadlines.
        ("Osian will read 40 words independently, checked each half term.", "en"),
        ("Osian will read independently for 10 minutes.", "en"),
        ("Osian may read 40 words independently.", "en"),
        ("Osian will read 40 words independently in a Year 2 class.", "en"),
        ("Osian will line up and march to the hall independently.", "en"),
        ("Bydd Osian yn darllen 40 gair yn annibynnol bob hanner tymor.", "cy"),
        ("Bydd Osian yn darllen yn annibynnol am 10 munud.", "cy"),
        ("Bydd Osian yn dweud mai 40 gair mae'n eu darllen yn annibynnol.", "cy"),
        ("Bydd Osian yn darllen 40 gair yn annibynnol mewn blwyddyn 2.", "cy"),
        ("Bydd Osian yn darllen 40 gair yn annibynnol ar ddydd Mawrth.", "cy"),
    ],
)
def test_not_a_date(text, language):
    assert check_outcome(text, language).codes == {TIME_BOUND}


@pytest.mark.parametrize(
    ("measure", "language"),
    [
        ("on 4 out of 5 occasions", "en"),
        ("80% of the time", "en"),
        ("independently", "en"),
        ("without prompting", "en"),
        ("without adult support", "en"),
        ("with no reminders", "en"),
        ("by himself", "en"),
        ("on her own", "en"),
        ("at 60 words per minute", "en"),
        ("at least twice a day", "en"),
        ("every time", "en"),
        ("three times a week", "en"),
        ("to a reading age of 8", "en"),
        ("ar 4 allan o 5 achlysur", "cy"),
        ("80 y cant o'r amser", "cy"),
        ("yn annibynnol", "cy"),
        ("heb anogaeth", "cy"),
        ("heb ei atgoffa", "cy"),
        ("heb gymorth oedolyn", "cy"),
        ("ar ei ben ei hun", "cy"),
        ("ar ei phen ei hun", "cy"),
        ("o leiaf dwywaith y dydd", "cy"),
        ("bob tro", "cy"),
        ("dair gwaith yr wythnos", "cy"),
        ("60 gair y funud", "cy"),
    ],
)
def test_measures(measure, language):
    text = {
        "en": f"By July 2027, Osian will read {measure}.",
        "cy": f"Erbyn Gorffennaf 2027, bydd Osian yn darllen {measure}.",
    }[language]
    check = check_outcome(text, language)
    assert check.passes, check.problems
    assert check.measure


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        # Welsh mutations of the vague words: soft, nasal, aspirate.
        ("Rhaid i Nia wella ei sillafu.", "wella"),
        ("Ei nod yw ei ddatblygu.", "ddatblygu"),
        ("Bydd yn ei gefnogi.", "gefnogi"),
        ("Bydd yn ei chefnogi.", "chefnogi"),
        ("Fy nghefnogi.", "nghefnogi"),
        ("Bydd yn dechrau fagu hyder.", "fagu hyder"),
        # Case and punctuation.
        ("GWELLA!!!", "GWELLA"),
        ("(Datblygu)", "Datblygu"),
    ],
)
def test_welsh_vague_words_are_found_mutated(text, evidence):
    vague = [p.evidence for p in check_outcome(text, "cy").problems if p.code is VAGUE]
    assert vague == [evidence]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("IMPROVE!!!", "IMPROVE"),
        ("He will...develop.", "develop"),
        ("Be   more\nconfident", "Be   more\nconfident"),
        ("Improve, improve, IMPROVE.", "Improve"),  # each vague word once
    ],
)
def test_english_vague_words_case_and_punctuation(text, evidence):
    vague = [p.evidence for p in check_outcome(text, "en").problems if p.code is VAGUE]
    assert vague == [evidence]


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("text", ["", "   ", "\n\t", "...", "—"])
def test_empty_text_fails_every_check(text, language):
    check = check_outcome(text, language)
    assert check.codes == EVERYTHING
    assert [p.message_key for p in check.problems] == [
        MSG_NO_SKILL,
        MSG_NO_MEASURE,
        MSG_NO_DATE,
        MSG_EMPTY,
    ]
    assert check.problems[-1].suggestion_key == SUGGEST_WRITE_OUTCOME


def test_problems_carry_message_and_suggestion_keys_in_a_fixed_order():
    check = check_outcome("Dylan will be supported to access the curriculum.", "en")
    assert check.problems == (
        OutcomeProblem(SPECIFIC, MSG_NO_SKILL, SUGGEST_NAME_SKILL),
        OutcomeProblem(MEASURABLE, MSG_NO_MEASURE, SUGGEST_ADD_MEASURE),
        OutcomeProblem(TIME_BOUND, MSG_NO_DATE, SUGGEST_ADD_DATE),
        OutcomeProblem(VAGUE, MSG_VAGUE_WORDING, SUGGEST_REPLACE_VAGUE, "supported"),
        OutcomeProblem(VAGUE, MSG_VAGUE_WORDING, SUGGEST_REPLACE_VAGUE, "access"),
    )


def test_a_passing_check_says_what_it_recognised():
    check = check_outcome(GOOD_EN[0], "en")
    assert (check.skill, check.measure, check.timescale) == ("read", "40", "By July 2027")
    check = check_outcome("Erbyn Gorffennaf 2027, bydd Megan yn ateb 4 allan o 5 cwestiwn.", "cy")
    assert (check.skill, check.measure, check.timescale) == (
        "ateb",
        "4 allan o 5",
        "Erbyn Gorffennaf 2027",
    )


@pytest.mark.parametrize("language", ["EN", "en-GB", "cy-GB", "fr", ""])
def test_unknown_language_is_refused(language):
    with pytest.raises(ValueError, match="language"):
        check_outcome("Osian will read.", language)


def test_problem_codes_are_stable():
    assert {code.value for code in ProblemCode} == {
        "specific",
        "measurable",
        "time-bound",
        "vague",
        "linked-need",
        "linked-provision",
    }


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("gwella", {"gwella", "wella", "ngwella"}),
        ("cefnogi", {"cefnogi", "gefnogi", "nghefnogi", "chefnogi"}),
        ("tymor", {"tymor", "dymor", "nhymor", "thymor"}),
        ("datblygu", {"datblygu", "ddatblygu", "natblygu"}),
        ("llawysgrifen", {"llawysgrifen", "lawysgrifen"}),
        ("rhagfyr", {"rhagfyr", "ragfyr"}),
        ("medi", {"medi", "fedi"}),
        ("ysgrifennu", {"ysgrifennu", "hysgrifennu"}),
        ("chwarae", {"chwarae"}),
        ("yn", {"yn"}),
    ],
)
def test_welsh_mutations(word, forms):
    assert mutations(word) == forms


@pytest.mark.parametrize(
    ("language", "upper"),
    [("en", text.upper()) for text in GOOD_EN] + [("cy", text.upper()) for text in GOOD_CY],
)
def test_case_does_not_matter(language, upper):
    assert check_outcome(upper, language).passes


# --- Properties ---------------------------------------------------------------------------------

LANGUAGES = st.sampled_from(["en", "cy"])
KNOWN = {SPECIFIC, MEASURABLE, TIME_BOUND, VAGUE}
DATES = {
    "en": ["by July 2027", "By the end of the spring term", "within 6 weeks", "31/07/2027"],
    "cy": ["erbyn Gorffennaf 2027", "Erbyn diwedd tymor y gwanwyn", "o fewn 6 wythnos", "tan Fedi"],
}


@given(text=st.text(), language=LANGUAGES)
def test_never_crashes_and_passes_iff_no_problems(text, language):
    check = check_outcome(text, language)
    assert isinstance(check, OutcomeCheck)
    assert check.passes is (check.problems == ())
    assert check.codes <= KNOWN
    for problem in check.problems:
        assert problem.evidence in text
        assert bool(problem.evidence) is (
            problem.code is VAGUE and problem.message_key != MSG_EMPTY
        )
    for found in (check.skill, check.measure, check.timescale):
        assert found in text


@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
    | st.sampled_from([t for t, _, _ in VAGUE_EN + VAGUE_CY] + GOOD_EN + GOOD_CY),
    language=LANGUAGES,
    data=st.data(),
)
def test_adding_a_date_never_adds_a_problem(text, language, data):
    date = data.draw(st.sampled_from(DATES[language]))
    before = check_outcome(text, language)
    after = check_outcome(f"{text}. {date}.", language)
    assert TIME_BOUND not in after.codes
    assert after.codes <= before.codes


@given(words=st.lists(st.sampled_from(["read", "improve", "40", "by July 2027", "the", "."])))
def test_a_measure_silences_vague_wording(words):
    text = " ".join(words)
    check = check_outcome(text + " on 4 out of 5 occasions", "en")
    assert MEASURABLE not in check.codes
    assert VAGUE not in check.codes


# --- Links across the plan ----------------------------------------------------------------------

NEEDS = [PlanNeed("n1", "Osian finds it hard to decode unfamiliar words."), PlanNeed("n2", "  ")]
PROVISION = [
    PlanProvision("p1", "Daily 15-minute 1:1 phonics session with a trained TA."),
    PlanProvision("p2", ""),
]
NO_NEED = OutcomeProblem(ProblemCode.LINKED_NEED, MSG_NO_NEED, SUGGEST_LINK_NEED)
NO_PROVISION = OutcomeProblem(
    ProblemCode.LINKED_PROVISION, MSG_NO_PROVISION, SUGGEST_LINK_PROVISION
)


@pytest.mark.parametrize(
    ("outcome", "problems"),
    [
        (PlanOutcome("o1", frozenset({"n1"}), frozenset({"p1"})), ()),
        (PlanOutcome("o1", frozenset({"n1", "n2"}), frozenset({"p1", "missing"})), ()),
        (PlanOutcome("o1"), (NO_NEED, NO_PROVISION)),
        (PlanOutcome("o1", frozenset({"n1"})), (NO_PROVISION,)),
        (PlanOutcome("o1", provision_ids=frozenset({"p1"})), (NO_NEED,)),
        # A need with no description, or an id the plan does not hold, is not a link.
        (PlanOutcome("o1", frozenset({"n2"}), frozenset({"p1"})), (NO_NEED,)),
        (PlanOutcome("o1", frozenset({"gone"}), frozenset({"p1"})), (NO_NEED,)),
        (PlanOutcome("o1", frozenset({"n1"}), frozenset({"p2"})), (NO_PROVISION,)),
    ],
)
def test_plan_links(outcome, problems):
    assert check_plan_links([outcome], NEEDS, PROVISION) == {"o1": problems}


def test_plan_links_cover_every_outcome_in_order():
    outcomes = [
        PlanOutcome("b", frozenset({"n1"}), frozenset({"p1"})),
        PlanOutcome("a"),
    ]
    result = check_plan_links(outcomes, NEEDS, PROVISION)
    assert list(result) == ["b", "a"]
    assert result == {"b": (), "a": (NO_NEED, NO_PROVISION)}
    assert check_plan_links([], NEEDS, PROVISION) == {}


def test_plan_links_refuse_duplicate_outcome_ids():
    with pytest.raises(ValueError, match="twice"):
        check_plan_links([PlanOutcome("o1"), PlanOutcome("o1")], [], [])


@given(
    need_links=st.frozensets(st.sampled_from(["n1", "n2", "x"])),
    provision_links=st.frozensets(st.sampled_from(["p1", "p2", "y"])),
)
def test_plan_links_only_ever_report_link_codes(need_links, provision_links):
    (problems,) = check_plan_links(
        [PlanOutcome("o", need_links, provision_links)], NEEDS, PROVISION
    ).values()
    codes = {p.code for p in problems}
    assert (ProblemCode.LINKED_NEED in codes) is ("n1" not in need_links)
    assert (ProblemCode.LINKED_PROVISION in codes) is ("p1" not in provision_links)
