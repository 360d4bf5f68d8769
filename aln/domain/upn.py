"""Unique Pupil Numbers (UPNs).

A UPN is 13 characters: a check letter, then the 3-digit local authority number, the 4-digit
establishment number, the 2-digit year of allocation and a 3-digit serial. A *temporary* UPN ends
with a letter instead of the last digit.

Source: Department for Education / Welsh Government "Unique Pupil Numbers (UPNs)" guidance (the
UPN specification shared by England and Wales): the check letter is found by multiplying
characters 2 to 13 by weights 2 to 13, summing, and taking the remainder modulo 23, which indexes
the 23 letters A-Z without I, O and S. A letter in position 13 takes the value of its index in
that same alphabet.
"""

from dataclasses import dataclass
from enum import StrEnum

UPN_LENGTH = 13
CHECK_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"


class UpnError(StrEnum):
    WRONG_LENGTH = "upn.wrong_length"
    BAD_CHARACTERS = "upn.bad_characters"
    WRONG_CHECK_LETTER = "upn.wrong_check_letter"


@dataclass(frozen=True, slots=True)
class UpnResult:
    """A normalised UPN, or the reason it is not one."""

    value: str
    error: UpnError | None = None

    @property
    def is_valid(self) -> bool:
        return self.error is None


def normalise(raw: str) -> str:
    """Upper-case and drop the spaces people type or paste between groups of digits."""
    return "".join(raw.split()).upper()


def _character_value(character: str) -> int:
    return int(character) if character.isdigit() else CHECK_ALPHABET.index(character)


def check_letter(body: str) -> str:
    """The check letter for the 12 characters after it (weights 2..13, modulo 23)."""
    if len(body) != UPN_LENGTH - 1:
        raise ValueError("A UPN body has 12 characters")
    total = sum(
        _character_value(character) * weight for weight, character in enumerate(body, start=2)
    )
    return CHECK_ALPHABET[total % 23]


def _has_valid_shape(upn: str) -> bool:
    head, last = upn[1:12], upn[12]
    return (
        upn[0] in CHECK_ALPHABET
        and head.isascii()
        and head.isdigit()
        and (last.isdigit() or last in CHECK_ALPHABET)
    )


def validate(raw: str) -> UpnResult:
    """Check a UPN as typed. Returns the normalised value and an error code if it is not valid."""
    upn = normalise(raw)
    if len(upn) != UPN_LENGTH:
        return UpnResult(upn, UpnError.WRONG_LENGTH)
    if not _has_valid_shape(upn):
        return UpnResult(upn, UpnError.BAD_CHARACTERS)
    if check_letter(upn[1:]) != upn[0]:
        return UpnResult(upn, UpnError.WRONG_CHECK_LETTER)
    return UpnResult(upn)


def make(la_number: int, establishment: int, year: int, serial: int) -> str:
    """Build a permanent UPN from its parts (used for demo data and tests)."""
    body = f"{la_number:03d}{establishment:04d}{year % 100:02d}{serial:03d}"
    return check_letter(body) + body
