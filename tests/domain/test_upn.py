import pytest
from hypothesis import given
from hypothesis import strategies as st

from aln.domain import upn


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("", upn.UpnError.WRONG_LENGTH),
        ("A12345678901", upn.UpnError.WRONG_LENGTH),
        ("A1234567890123", upn.UpnError.WRONG_LENGTH),
        ("I123456789012", upn.UpnError.BAD_CHARACTERS),  # I is not a check letter
        ("A12345678X012", upn.UpnError.BAD_CHARACTERS),  # letters only first and last
        ("A12345678901S", upn.UpnError.BAD_CHARACTERS),  # S is never used
    ],
)
def test_malformed_upns_are_rejected_with_a_reason(raw, error):
    assert upn.validate(raw).error is error


def test_check_letter_worked_example():
    # Weights 2..13 over 660123423001: 2*6+3*6+4*0+5*1+6*2+7*3+8*4+9*2+10*3+11*0+12*0+13*1 = 161;
    # 161 mod 23 = 0, which is A.
    assert upn.check_letter("660123423001") == "A"
    assert upn.validate("A660123423001").is_valid
    assert upn.validate("B660123423001").error is upn.UpnError.WRONG_CHECK_LETTER


def test_temporary_upn_last_letter_counts_by_its_alphabet_index():
    body = "66012342300"
    for letter in "ABCZ":
        value = upn.check_letter(body + letter) + body + letter
        assert upn.validate(value).is_valid


def test_spaces_and_case_are_forgiven():
    assert upn.validate(" a660 1234 23 001 ").value == "A660123423001"


@given(
    la=st.integers(0, 999),
    establishment=st.integers(0, 9999),
    year=st.integers(0, 99),
    serial=st.integers(0, 999),
)
def test_every_made_upn_validates(la, establishment, year, serial):
    assert upn.validate(upn.make(la, establishment, year, serial)).is_valid


@given(body=st.text(alphabet="0123456789", min_size=12, max_size=12), data=st.data())
def test_any_other_check_letter_is_rejected(body, data):
    right = upn.check_letter(body)
    wrong = data.draw(st.sampled_from([c for c in upn.CHECK_ALPHABET if c != right]))
    assert upn.validate(wrong + body).error is upn.UpnError.WRONG_CHECK_LETTER


@given(body=st.text(alphabet="0123456789", min_size=12, max_size=12), position=st.integers(1, 11))
def test_changing_one_digit_is_detected(body, position):
    valid = upn.check_letter(body) + body
    digit = valid[position]
    changed = valid[:position] + str((int(digit) + 1) % 10) + valid[position + 1 :]
    assert not upn.validate(changed).is_valid
