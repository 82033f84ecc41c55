"""ЕИК / БУЛСТАТ check digits (obshtina.core.validators)."""

import pytest
from django.core.exceptions import ValidationError

from obshtina.core.validators import is_valid_eik, validate_eik


@pytest.mark.parametrize(
    "code",
    [
        "831641791",  # a known, registered 9-digit ЕИК
        "020469788",  # a known 9-digit code with a leading zero
        "1213961230342",  # a known 13-digit code
        "100000086",  # first remainder 10, second 6
        "100000550",  # both remainders 10: check digit 0
        "8316417910002",  # a branch of 831641791
        "8316417910115",  # 13-digit, first remainder 10, second 5
        "8316417911090",  # 13-digit, both remainders 10: check digit 0
    ],
)
def test_codes_with_the_right_check_digit_are_accepted(code):
    assert is_valid_eik(code)
    validate_eik(code)


@pytest.mark.parametrize(
    "code",
    [
        "831641792",  # wrong check digit
        "100000085",  # wrong check digit after the retry
        "100000551",  # should be 0 after two remainders of 10
        "8316417910003",  # wrong 13th digit
        "8316417920002",  # right 13th digit, but the first nine are wrong
        "83164179",  # too short
        "8316417911",  # ten digits
        "83164179a",
        "٨٣١٦٤١٧٩١",  # Arabic-Indic digits are digits, but not an ЕИК
        "",
    ],
)
def test_codes_with_a_wrong_check_digit_or_shape_are_refused(code):
    assert not is_valid_eik(code)
    with pytest.raises(ValidationError) as error:
        validate_eik(code)
    assert "Невалиден ЕИК" in error.value.messages[0]


def test_spaces_around_the_code_are_ignored():
    validate_eik(" 831641791 ")
