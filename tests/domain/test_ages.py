"""Compulsory school age, child or young person, end of duties at 25 (aln.domain.ages)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain.ages import (
    PRESCRIBED_DAYS,
    AgeBand,
    AgeError,
    AgeErrorCode,
    age_band,
    attains_age,
    compulsory_school_age_starts,
    duties_end,
    is_child,
    is_of_compulsory_school_age,
    is_young_person,
    school_leaving_date,
)

D = datetime.date.fromisoformat


@pytest.mark.parametrize(
    ("born", "years", "attains"),
    [
        ("2010-09-01", 16, "2026-09-01"),
        ("2004-02-29", 24, "2028-02-29"),  # leap year: the real anniversary
        ("2004-02-29", 25, "2029-03-01"),  # common year: 1 March (FLRA 1969 s.9)
        ("2020-02-29", 5, "2025-03-01"),
        ("2020-02-29", 0, "2020-02-29"),
    ],
)
def test_attains_age(born, years, attains):
    assert attains_age(D(born), years) == D(attains)


def test_a_negative_age_is_refused():
    with pytest.raises(AgeError) as caught:
        attains_age(D("2020-01-01"), -1)
    assert caught.value.code is AgeErrorCode.NEGATIVE_AGE


@pytest.mark.parametrize(
    ("born", "starts"),
    [
        # EA 1996 s.8(2); prescribed days 31 Dec, 31 Mar, 31 Aug (SI 1998/1607).
        ("2021-08-31", "2026-08-31"),  # 5 on a prescribed day: that day
        ("2021-09-01", "2026-12-31"),  # 5 the day after: the next prescribed day
        ("2021-12-30", "2026-12-31"),
        ("2021-12-31", "2026-12-31"),  # 5 on 31 Dec: that day
        ("2022-01-01", "2027-03-31"),  # 5 on 1 Jan: 31 Mar
        ("2021-03-31", "2026-03-31"),  # 5 on 31 Mar: that day
        ("2021-04-01", "2026-08-31"),  # 5 on 1 Apr: 31 Aug
        ("2020-02-29", "2025-03-31"),  # leapling: 5 on 1 Mar 2025, then 31 Mar
    ],
)
def test_compulsory_school_age_starts(born, starts):
    assert compulsory_school_age_starts(D(born)) == D(starts)


@pytest.mark.parametrize(
    ("born", "leaves"),
    [
        # Last Friday in June of the school year (1 Sep - 31 Aug) in which they turn 16.
        ("2010-08-31", "2026-06-26"),  # 16 on Mon 31 Aug 2026: school year 2025/26
        ("2010-09-01", "2027-06-25"),  # 16 on 1 Sep 2026: school year 2026/27
        ("2010-06-26", "2026-06-26"),  # 16 on the leaving date itself (s.8(3)(b))
        ("2010-06-27", "2026-06-26"),  # 16 after it, before the next school year (s.8(3)(a))
        ("2011-01-15", "2027-06-25"),
        ("2001-08-01", "2017-06-30"),  # 30 Jun 2017 was itself a Friday
        ("2004-02-29", "2020-06-26"),  # leapling (2020 is a leap year)
        ("2012-02-29", "2028-06-30"),
    ],
)
def test_school_leaving_date(born, leaves):
    assert school_leaving_date(D(born)) == D(leaves)


@pytest.mark.parametrize(
    ("born", "ends"),
    [
        # 31 July ending the academic year (1 Aug - 31 Jul) in which they turn 25 (Nodi 10.06).
        ("2001-08-01", "2027-07-31"),  # 25 on 1 Aug 2026: academic year 2026/27
        ("2001-07-31", "2026-07-31"),  # 25 on 31 Jul 2026: that very day
        ("2002-01-10", "2027-07-31"),
        ("2004-02-29", "2029-07-31"),  # leapling: 25 on 1 Mar 2029
    ],
)
def test_duties_end(born, ends):
    assert duties_end(D(born)) == D(ends)


# Born 1 Sep 2010: compulsory school age 31 Dec 2015 to 25 Jun 2027; 25 on 1 Sep 2035;
# duties end 31 Jul 2036.
@pytest.mark.parametrize(
    ("on", "band"),
    [
        ("2010-09-01", AgeBand.UNDER_COMPULSORY_SCHOOL_AGE),
        ("2015-12-30", AgeBand.UNDER_COMPULSORY_SCHOOL_AGE),
        ("2015-12-31", AgeBand.COMPULSORY_SCHOOL_AGE),
        ("2027-06-25", AgeBand.COMPULSORY_SCHOOL_AGE),  # the leaving date is still a child's
        ("2027-06-26", AgeBand.YOUNG_PERSON),
        ("2035-08-31", AgeBand.YOUNG_PERSON),
        ("2035-09-01", AgeBand.AGED_25_FINAL_YEAR),
        ("2036-07-31", AgeBand.AGED_25_FINAL_YEAR),
        ("2036-08-01", AgeBand.BEYOND_DUTIES),
    ],
)
def test_age_band_and_child_or_young_person(on, band):
    born, day = D("2010-09-01"), D(on)
    assert age_band(born, day) is band
    assert is_young_person(born, day) is (band is AgeBand.YOUNG_PERSON)
    assert is_child(born, day) is (
        band in {AgeBand.UNDER_COMPULSORY_SCHOOL_AGE, AgeBand.COMPULSORY_SCHOOL_AGE}
    )
    assert is_of_compulsory_school_age(born, day) is (band is AgeBand.COMPULSORY_SCHOOL_AGE)


def test_leapling_is_a_young_person_until_1_march_in_a_common_year():
    born = D("2004-02-29")
    assert is_young_person(born, D("2029-02-28"))  # still 24 (FLRA 1969 s.9)
    assert not is_young_person(born, D("2029-03-01"))  # 25
    assert age_band(born, D("2029-03-01")) is AgeBand.AGED_25_FINAL_YEAR


@pytest.mark.parametrize("ask", [age_band, is_child, is_young_person, is_of_compulsory_school_age])
def test_a_day_before_birth_is_refused(ask):
    with pytest.raises(AgeError) as caught:
        ask(D("2020-05-01"), D("2020-04-30"))
    assert caught.value.code is AgeErrorCode.DATE_BEFORE_BIRTH


# --- Properties ---------------------------------------------------------------------------------

BIRTHS = st.dates(datetime.date(1990, 1, 1), datetime.date(2030, 12, 31))


@given(born=BIRTHS)
def test_compulsory_school_age_starts_on_the_first_prescribed_day_from_the_fifth_birthday(born):
    starts = compulsory_school_age_starts(born)
    fifth = attains_age(born, 5)
    assert (starts.month, starts.day) in PRESCRIBED_DAYS
    assert fifth <= starts < fifth + datetime.timedelta(days=153)  # longest gap: 1 Apr-31 Aug
    between = (fifth + datetime.timedelta(days=i) for i in range((starts - fifth).days))
    assert not any((day.month, day.day) in PRESCRIBED_DAYS for day in between)


@given(born=BIRTHS)
def test_leaving_date_is_a_june_friday_in_the_school_year_of_the_16th_birthday(born):
    leaves = school_leaving_date(born)
    sixteenth = attains_age(born, 16)
    assert leaves.month == 6
    assert leaves.weekday() == 4
    assert leaves.day >= 24
    school_year_starts = datetime.date(leaves.year - 1, 9, 1)
    assert school_year_starts <= sixteenth <= datetime.date(leaves.year, 8, 31)


@given(born=BIRTHS)
def test_duties_end_on_31_july_within_a_year_of_the_25th_birthday(born):
    ends = duties_end(born)
    twenty_fifth = attains_age(born, 25)
    assert (ends.month, ends.day) == (7, 31)
    assert twenty_fifth <= ends < twenty_fifth + datetime.timedelta(days=366)


@given(born=BIRTHS, days=st.lists(st.integers(0, 40 * 366), min_size=2, max_size=2))
def test_bands_only_move_forward(born, days):
    earlier, later = sorted(born + datetime.timedelta(days=d) for d in days)
    order = list(AgeBand)
    assert order.index(age_band(born, earlier)) <= order.index(age_band(born, later))
