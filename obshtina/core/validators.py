"""Validators for identifiers people type in forms."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The Registry Agency's check-digit weights for ЕИК / код по БУЛСТАТ.
_NINE_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8)
_NINE_WEIGHTS_RETRY = (3, 4, 5, 6, 7, 8, 9, 10)
_THIRTEEN_WEIGHTS = (2, 7, 3, 5)
_THIRTEEN_WEIGHTS_RETRY = (4, 9, 5, 7)

INVALID_EIK = _("Невалиден ЕИК / БУЛСТАТ: въведете 9 или 13 цифри с вярна контролна цифра.")


def _check_digit(digits: list[int], weights: tuple, retry_weights: tuple) -> int:
    """Weighted sum modulo 11; a remainder of 10 is retried with the second
    weights, and a second 10 gives 0."""
    remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder != 10:
        return remainder
    remainder = sum(d * w for d, w in zip(digits, retry_weights, strict=True)) % 11
    return 0 if remainder == 10 else remainder


def is_valid_eik(value: str) -> bool:
    """Is ``value`` a 9-digit ЕИК or a 13-digit code of a branch with valid check digits?

    A 13-digit code is the 9-digit ЕИК of the company (itself checked) and four
    more digits with their own check digit.
    """
    if not value.isascii() or not value.isdigit() or len(value) not in (9, 13):
        return False
    digits = [int(char) for char in value]
    if _check_digit(digits[:8], _NINE_WEIGHTS, _NINE_WEIGHTS_RETRY) != digits[8]:
        return False
    if len(digits) == 13:
        return _check_digit(digits[8:12], _THIRTEEN_WEIGHTS, _THIRTEEN_WEIGHTS_RETRY) == digits[12]
    return True


def validate_eik(value: str) -> None:
    """Django validator for ЕИК / БУЛСТАТ; spaces around the digits are ignored."""
    if not is_valid_eik((value or "").strip()):
        raise ValidationError(INVALID_EIK, code="invalid_eik")
