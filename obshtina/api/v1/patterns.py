"""The regular expressions the schema states and the server checks with them.

JSON Schema, pydantic (Rust's regex) and Python's ``re`` read ``\\s`` and ``\\d``
each a little differently, so these patterns name their characters explicitly:
"a space" is exactly what ``str.strip()`` removes, which is how the services and
forms behind the API measure text. Each pattern has its message for the citizen.
"""

import sys

from django.utils.translation import gettext_lazy as _


def _class_of(predicate) -> str:
    """The code points for which `predicate` holds, as ranges of ``\\uXXXX`` escapes."""
    points = [point for point in range(sys.maxunicode + 1) if predicate(chr(point))]
    ranges: list[list[int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(
        f"\\u{first:04x}" if first == last else f"\\u{first:04x}-\\u{last:04x}"
        for first, last in ranges
    )


SPACES = _class_of(str.isspace)  # all in the Basic Multilingual Plane
_ANY = r"[^\u0000]"  # what a database stores: anything but NUL
_SEEN = f"[^\\u0000{SPACES}]"  # a character that ``strip()`` keeps

STORABLE = f"^{_ANY}*$"
FILLED = f"^{_ANY}*{_SEEN}{_ANY}*$"


_LATITUDE = r"-?(?:90(?:\.0+)?|[1-8]?[0-9](?:\.[0-9]+)?)"
_LONGITUDE = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[1-9]?[0-9])(?:\.[0-9]+)?)"
BBOX = f"^{_LATITUDE},{_LONGITUDE},{_LATITUDE},{_LONGITUDE}$"

# A pattern's message: a template and its values, put together in the caller's language.
_MESSAGES = {
    STORABLE: (_("Текстът съдържа непозволени знаци."), {}),
    BBOX: (
        _(
            "Задайте видимата област като bbox=юг,запад,север,изток: четири числа в градуси, "
            "ширината от -90 до 90, дължината от -180 до 180."
        ),
        {},
    ),
}


def at_least(length: int) -> str:
    """Text that is still `length` (≥ 2) characters long once stripped."""
    return f"^{_ANY}*{_SEEN}{_ANY}{{{length - 2},}}{_SEEN}{_ANY}*$"


def non_spaces_at_least(count: int) -> str:
    """Text with at least `count` characters that are not spaces, wherever they are (the
    report form's rule for a description)."""
    return f"^(?:[{SPACES}]*{_SEEN}){{{count}}}{_ANY}*$"


def with_message(pattern: str, template, **values) -> str:
    """`pattern`, whose mismatch the citizen reads as `template` % `values`."""
    _MESSAGES[pattern] = (template, values)
    return pattern


def message_for(pattern: str) -> str | None:
    """The citizen's message when a value does not match `pattern`, if it has its own."""
    if pattern not in _MESSAGES:
        return None
    template, values = _MESSAGES[pattern]
    return str(template) % values if values else str(template)
