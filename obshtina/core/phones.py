"""Phone numbers as people type them, compared in one form."""

import phonenumbers


def phone_e164(raw: str) -> str:
    """`raw` as E.164 ("0888 123 456" → "+359888123456"), or "" when it is no phone number."""
    try:
        number = phonenumbers.parse(raw or "", "BG")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
