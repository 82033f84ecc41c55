"""Taking a requester's personal data out of a text before it is published.

Automatic rules catch what has a shape — ЕГН, e-mail addresses, phone numbers, street
addresses — and what the request itself tells about the requester: their name (each
part, with the endings Bulgarian adds), their addresses, organisation, e-mail and
phone. Other people's names have no shape a rule can know: the access officer reads
every draft before it is published (``services.publication``).
"""

import re

from .models import Correspondence

NAME, EGN, EIK, EMAIL, PHONE = "[име]", "[ЕГН]", "[ЕИК]", "[имейл]", "[телефон]"
ADDRESS = "[адрес]"

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EGN_PATTERN = re.compile(r"(?<!\d)\d{10}(?!\d)")
# +359 88 123 4567, 0888 123 456, 0888-12-34-56, 02 123 4567, (0722) 6 60 00.
PHONE_PATTERN = re.compile(r"(?<![\w+])(?:\+359|00359|\(?0)\)?[\s-]?\d(?:[\s()-]?\d){6,9}(?!\d)")
# A street, boulevard, quarter or block with its number: "ул. „Искър“ № 5", "ж.к. Самоковско
# шосе, бл. 12, вх. А, ап. 7".
ADDRESS_PATTERN = re.compile(
    r"(?<!\w)(?:ул\.|улица|бул\.|булевард|ж\.\s?к\.|жк|кв\.|квартал|бл\.|блок)\s*"
    r"[„\"“]?[^\d\n,;]{0,40}?[“\"]?\s*(?:№\s*)?\d+[а-яА-Я]?"
    r"(?:\s*,\s*(?:бл\.|вх\.|ет\.|ап\.)\s*[\dА-Яа-я]+)*",
    re.IGNORECASE,
)
NAME_ENDINGS = r"(?:а|я|и|е|о|ов|ева|ова|ите|ът|та)?"
FEMININE_ENDINGS = ("а", "я")
MIN_NAME_PART = 3


def redact(text: str, item: Correspondence) -> str:
    """``text`` without the personal data of ``item``'s requester, nor any that has a shape."""
    for known, marker in _known(item):
        text = re.sub(re.escape(known), marker, text, flags=re.IGNORECASE)
    text = EMAIL_PATTERN.sub(EMAIL, text)
    text = EGN_PATTERN.sub(EGN, text)
    text = PHONE_PATTERN.sub(PHONE, text)
    text = ADDRESS_PATTERN.sub(ADDRESS, text)
    for part in _name_parts(item):
        pattern = rf"(?<!\w){re.escape(part)}{NAME_ENDINGS}(?!\w)"
        text = re.sub(pattern, NAME, text, flags=re.IGNORECASE)
    return text


def _known(item: Correspondence) -> list[tuple[str, str]]:
    """What the request says of the requester, longest first (a whole address before a
    part of it)."""
    values = [
        (item.sender_email, EMAIL),
        (item.sender_phone, PHONE),
        (item.sender_address, ADDRESS),
        (item.organisation_address, ADDRESS),
        (item.organisation_name, NAME),
        (item.organisation_eik, EIK),
        (item.sender_name, NAME),
    ]
    found = [(value.strip(), marker) for value, marker in values if value and value.strip()]
    return sorted(found, key=lambda pair: -len(pair[0]))


def _name_parts(item: Correspondence) -> list[str]:
    """Each name's stem: "Милчева" is also "Милчев" and "Милчеви" in a text."""
    words = re.findall(r"\w+", f"{item.sender_name} {item.organisation_name}")
    stems = {_stem(word) for word in words}
    return sorted({stem for stem in stems if len(stem) >= MIN_NAME_PART}, key=len, reverse=True)


def _stem(word: str) -> str:
    for ending in FEMININE_ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= MIN_NAME_PART:
            return word[: -len(ending)]
    return word
