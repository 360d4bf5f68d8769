"""Ages that decide who is a child, who is a young person, and when the ALN duties end.

* A **child** is a person not over compulsory school age; a **young person** is a person over
  compulsory school age but under 25 (Act s.99; EN para 6).
* **Compulsory school age** begins when the child attains 5 if that is a prescribed day, otherwise
  on the next prescribed day (Education Act 1996 s.8(2)); the prescribed days are 31 August,
  31 December and 31 March (Education (Start of Compulsory School Age) Order 1998, SI 1998/1607).
  It ends at the end of the school leaving date of the school year in which the person attains 16
  (Education Act 1996 s.8(3)); the school leaving date is the last Friday in June (Education
  (School Leaving Date) Order 1997, SI 1997/1970). The school year here is 1 September to
  31 August (issue 3; Citizens Advice Wales "Compulsory school age").
* **Duties end** at the end of the academic year (1 August to 31 July, Act s.35) in which the young
  person attains 25 (Nodi 10.06 *(secondary)*; the Act subsection is UNVERIFIED, spec T17).
* A person attains an age at the start of the anniversary of their birth (Family Law Reform Act
  1969 s.9(1)). Someone born on 29 February has no anniversary in a common year; English law
  reads it as 1 March (the day after 28 February ends), so they attain each age on 1 March in a
  common year.

All functions take dates and return dates or enums; none reads today's date.
"""

import datetime
from enum import StrEnum

# Education (Start of Compulsory School Age) Order 1998 (SI 1998/1607) art. 2, in calendar order.
PRESCRIBED_DAYS: tuple[tuple[int, int], ...] = ((3, 31), (8, 31), (12, 31))

_SEPTEMBER = 9
_AUGUST = 8
_FRIDAY = 4


class AgeErrorCode(StrEnum):
    DATE_BEFORE_BIRTH = "age.date_before_birth"
    NEGATIVE_AGE = "age.negative_age"


class AgeError(ValueError):
    """An age question that has no answer. `code` is stable."""

    def __init__(self, code: AgeErrorCode) -> None:
        super().__init__(code.value)
        self.code = code


class AgeBand(StrEnum):
    """Where a person stands in the 0-25 ALN system on a given day (Act s.99; spec §1)."""

    UNDER_COMPULSORY_SCHOOL_AGE = "under_compulsory_school_age"  # child, Act s.2(3), s.3(2)
    COMPULSORY_SCHOOL_AGE = "compulsory_school_age"  # child
    YOUNG_PERSON = "young_person"  # over compulsory school age, under 25
    AGED_25_FINAL_YEAR = "aged_25_final_year"  # 25, IDP duties run to the end of the year
    BEYOND_DUTIES = "beyond_duties"  # after the academic year in which they attained 25


def attains_age(date_of_birth: datetime.date, years: int) -> datetime.date:
    """The day a person born on `date_of_birth` attains `years` years of age.

    Family Law Reform Act 1969 s.9(1): a person attains an age at the commencement of the relevant
    anniversary of their birth. For someone born on 29 February the anniversary in a common year is
    taken to be 1 March, so they attain the age on 1 March (not 28 February).
    """
    if years < 0:
        raise AgeError(AgeErrorCode.NEGATIVE_AGE)
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:  # 29 February, in a common year
        return datetime.date(date_of_birth.year + years, 3, 1)


def compulsory_school_age_starts(date_of_birth: datetime.date) -> datetime.date:
    """The first day of compulsory school age.

    Education Act 1996 s.8(2): on attaining 5 if that day is a prescribed day, otherwise at the
    beginning of the next prescribed day; prescribed days are 31 March, 31 August and 31 December
    (Education (Start of Compulsory School Age) Order 1998). Born 31 Aug 2021: 31 Aug 2026; born
    1 Sep 2021: 31 Dec 2026.
    """
    fifth_birthday = attains_age(date_of_birth, 5)
    year = fifth_birthday.year
    # 31 December is prescribed, so some prescribed day in the same year is always on or after it.
    return next(
        day
        for day in (datetime.date(year, month, day) for month, day in PRESCRIBED_DAYS)
        if day >= fifth_birthday
    )


def _last_friday_in_june(year: int) -> datetime.date:
    june_30 = datetime.date(year, 6, 30)
    return june_30 - datetime.timedelta(days=(june_30.weekday() - _FRIDAY) % 7)


def school_leaving_date(date_of_birth: datetime.date) -> datetime.date:
    """The last day of compulsory school age: the last Friday in June of the school year
    (1 September to 31 August) in which the person attains 16.

    Education Act 1996 s.8(3)-(4); Education (School Leaving Date) Order 1997 (SI 1997/1970);
    Citizens Advice Wales. Born 31 Aug 2010 (16 on 31 Aug 2026, school year 2025/26): 26 Jun 2026;
    born 1 Sep 2010 (16 on 1 Sep 2026, school year 2026/27): 25 Jun 2027. Simplification: s.8(3)(a)
    turns on the start of the school's own first autumn term (EA 1996 s.579), which this takes to
    be 1 September.
    """
    sixteenth_birthday = attains_age(date_of_birth, 16)
    year = sixteenth_birthday.year
    june_of_school_year = year + 1 if sixteenth_birthday.month >= _SEPTEMBER else year
    return _last_friday_in_june(june_of_school_year)


def duties_end(date_of_birth: datetime.date) -> datetime.date:
    """The last day of the ALN duties: 31 July ending the academic year (1 August to 31 July) in
    which the young person attains 25.

    Nodi 10.06 *(secondary)*; academic year as in Act s.35; the Act subsection is UNVERIFIED
    (spec §1, T17). Born 1 Aug 2001 (25 on 1 Aug 2026): 31 Jul 2027; born 31 Jul 2001: 31 Jul 2026.
    """
    twenty_fifth_birthday = attains_age(date_of_birth, 25)
    year = twenty_fifth_birthday.year
    return datetime.date(year + 1 if twenty_fifth_birthday.month >= _AUGUST else year, 7, 31)


def _check_born(date_of_birth: datetime.date, on: datetime.date) -> None:
    if on < date_of_birth:
        raise AgeError(AgeErrorCode.DATE_BEFORE_BIRTH)


def is_of_compulsory_school_age(date_of_birth: datetime.date, on: datetime.date) -> bool:
    """Whether the person is of compulsory school age on `on` (Education Act 1996 s.8).

    From the start of `compulsory_school_age_starts` to the end of `school_leaving_date`.
    """
    _check_born(date_of_birth, on)
    return compulsory_school_age_starts(date_of_birth) <= on <= school_leaving_date(date_of_birth)


def is_child(date_of_birth: datetime.date, on: datetime.date) -> bool:
    """Whether the person is a child on `on`: not over compulsory school age (Act s.99).

    Compulsory school age ends at the end of the school leaving date (Education Act 1996 s.8(3)),
    so that day is still a child's.
    """
    _check_born(date_of_birth, on)
    return on <= school_leaving_date(date_of_birth)


def is_young_person(date_of_birth: datetime.date, on: datetime.date) -> bool:
    """Whether the person is a young person on `on`: over compulsory school age, under 25.

    Act s.99; EN para 6. True from the day after the school leaving date up to the day before the
    25th birthday. From the 25th birthday it is False: the person is no longer a young person in
    the Act's sense, although an IDP already maintained continues until `duties_end` (use
    `age_band`, which says `AGED_25_FINAL_YEAR`).
    """
    _check_born(date_of_birth, on)
    return school_leaving_date(date_of_birth) < on < attains_age(date_of_birth, 25)


def age_band(date_of_birth: datetime.date, on: datetime.date) -> AgeBand:
    """Where the person stands in the 0-25 system on `on` (Act s.99; Education Act 1996 s.8;
    Nodi 10.06 *(secondary)* for the end of duties)."""
    _check_born(date_of_birth, on)
    if on < compulsory_school_age_starts(date_of_birth):
        return AgeBand.UNDER_COMPULSORY_SCHOOL_AGE
    if on <= school_leaving_date(date_of_birth):
        return AgeBand.COMPULSORY_SCHOOL_AGE
    if on < attains_age(date_of_birth, 25):
        return AgeBand.YOUNG_PERSON
    if on <= duties_end(date_of_birth):
        return AgeBand.AGED_25_FINAL_YEAR
    return AgeBand.BEYOND_DUTIES
