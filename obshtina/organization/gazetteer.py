"""The street gazetteer: importing streets from an OpenStreetMap extract and finding
them by a typed address.

An import reads GeoJSON (LineString, MultiLineString or Point features with a
``name`` property) or CSV (``name,lat,lng[,settlement]``). A bad row is reported and
skipped, never fatal; importing the same file again updates the streets it names.

Matching compares ``casefold()`` in Python, not in the database: SQLite's ``LIKE``
and ``lower()`` ignore Cyrillic case, and a municipality has a few hundred streets.
"""

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Settlement, Street

ADDRESS_PART_MIN = 3  # letters of a typed address that may name a street
ADDRESS_CHOICES_MAX = 10  # streets the form offers to choose from

# How names begin in Bulgarian addresses and in OpenStreetMap ("улица „Търговска“").
KIND_PREFIXES = {
    "ул": Street.Kind.STREET,
    "улица": Street.Kind.STREET,
    "бул": Street.Kind.BOULEVARD,
    "булевард": Street.Kind.BOULEVARD,
    "пл": Street.Kind.SQUARE,
    "площад": Street.Kind.SQUARE,
    "жк": Street.Kind.QUARTER,
    "ж.к": Street.Kind.QUARTER,
    "ж к": Street.Kind.QUARTER,
    "квартал": Street.Kind.QUARTER,
    "кв": Street.Kind.QUARTER,
}
_PREFIX = re.compile(
    r"^\s*(?P<prefix>"
    + "|".join(sorted((re.escape(p) for p in KIND_PREFIXES), key=len, reverse=True))
    + r")(?:\.|\s)\s*",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"[„“”\"'«»]")
# A house number, entrance or "№" at the end: "Търговска 5", "Искър № 12А", "Македония, 36".
_HOUSE_NUMBER = re.compile(r"(?:[\s,]+|\s*№)\s*№?\s*\d+\s*[а-яa-z]?(?:\W.*)?$", re.IGNORECASE)


def split_kind(text: str) -> tuple[Street.Kind | None, str]:
    """The kind a name begins with ("ул.", "булевард"…) and the bare name."""
    match = _PREFIX.match(text)
    kind = None
    if match:
        kind = KIND_PREFIXES[match.group("prefix").casefold()]
        text = text[match.end() :]
    return kind, " ".join(_QUOTES.sub(" ", text).split())


def street_words(address: str) -> tuple[Street.Kind | None, str]:
    """What of a typed address names the street: its kind (if typed) and the casefolded
    name without the house number ("ул. Търговска 5" → street, "търговска")."""
    kind, name = split_kind(address.split(",")[0])
    name = _HOUSE_NUMBER.sub("", name)
    return kind, name.casefold().strip()


def all_streets() -> list[Street]:
    """Every street of the municipality, by name."""
    return list(Street.objects.select_related("settlement").order_by("name", "pk"))


def streets_matching(text: str, *, limit: int | None = None) -> list[Street]:
    """Streets of the municipality whose name contains the typed part, in any case;
    those whose name starts with it first."""
    kind, part = street_words(text)
    if not part:
        return []
    found = []
    for street in Street.objects.select_related("settlement").order_by("name"):
        name = street.name.casefold()
        if part in name and (kind is None or street.kind == kind):
            found.append((not name.startswith(part), street))
    found.sort(key=lambda pair: pair[0])
    streets = [street for _starts, street in found]
    return streets[:limit] if limit else streets


def street_for_address(address: str) -> list[Street]:
    """The gazetteer streets a typed address may mean: the one named exactly, or else
    every one whose name contains it (several: the citizen is asked which).

    Each comma-separated part is tried in turn ("срещу пощата, ул. Търговска 5"); a part
    shorter than ``ADDRESS_PART_MIN`` or fitting more than ``ADDRESS_CHOICES_MAX``
    streets names none: the citizen is asked for the map instead.
    """
    for piece in address.split(","):
        _kind, part = street_words(piece)
        if len(part) < ADDRESS_PART_MIN:
            continue
        candidates = streets_matching(piece)
        exact = [street for street in candidates if street.name.casefold() == part]
        if len(exact) == 1:
            return exact
        if 0 < len(candidates) <= ADDRESS_CHOICES_MAX:
            return candidates
    return []


@dataclass
class StreetRow:
    """One street read from a file; its ``line`` is the row or feature number."""

    line: int
    name: str
    latitude: float
    longitude: float
    settlement: str = ""
    osm_id: str = ""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


class GazetteerError(ValueError):
    """The file cannot be read at all (not one bad row: those are reported)."""


def read_streets(content: bytes, *, filename: str = "") -> Iterator[StreetRow | str]:
    """The rows of a GeoJSON or CSV file; a bad row comes as its error message."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GazetteerError(_("Файлът не е в UTF-8.")) from error
    if filename.lower().endswith((".geojson", ".json")) or text.lstrip().startswith("{"):
        return _geojson_rows(text)
    return _csv_rows(text)


def _geojson_rows(text: str) -> Iterator[StreetRow | str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GazetteerError(_("Файлът не е валиден GeoJSON: %s") % error) from error
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise GazetteerError(_("В GeoJSON файла няма „features“."))
    for number, feature in enumerate(features, start=1):
        yield _feature_row(number, feature)


def _feature_row(number: int, feature) -> StreetRow | str:
    properties = (feature or {}).get("properties") or {}
    name = str(properties.get("name") or "").strip()
    if not name:
        return _("обект %(line)s: няма име (name)") % {"line": number}
    point = representative_point((feature or {}).get("geometry") or {})
    if point is None:
        return _("обект %(line)s (%(name)s): геометрията не е линия или точка") % {
            "line": number,
            "name": name,
        }
    osm_id = properties.get("@id") or properties.get("osm_id") or (feature or {}).get("id") or ""
    return StreetRow(
        line=number,
        name=name,
        latitude=point[1],
        longitude=point[0],
        settlement=str(properties.get("settlement") or properties.get("addr:city") or ""),
        osm_id=str(osm_id)[:40],
    )


def representative_point(geometry: dict) -> tuple[float, float] | None:
    """(longitude, latitude) of a Point, or the vertex nearest the middle of a line's
    length (a MultiLineString's longest part): a point on the street itself."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "Point":
            return float(coordinates[0]), float(coordinates[1])
        if kind == "MultiLineString":
            coordinates = max(coordinates, key=_length)
        elif kind != "LineString":
            return None
        line = [(float(lng), float(lat)) for lng, lat, *_rest in coordinates]
    except (TypeError, ValueError, IndexError):
        return None
    if not line:
        return None
    half, walked = _length(line) / 2, 0.0
    for start, end in pairwise(line):
        step = _length([start, end])
        if walked + step >= half:
            return end if half - walked > step / 2 else start
        walked += step
    return line[0]


def _length(line) -> float:
    return sum(
        ((float(b[0]) - float(a[0])) ** 2 + (float(b[1]) - float(a[1])) ** 2) ** 0.5
        for a, b in pairwise(line)
    )


def _csv_rows(text: str) -> Iterator[StreetRow | str]:
    reader = csv.DictReader(io.StringIO(text))
    columns = {column.strip().casefold() for column in reader.fieldnames or []}
    if not {"name", "lat", "lng"} <= columns:
        raise GazetteerError(_("CSV файлът трябва да има колони name, lat, lng[, settlement]."))
    for row in reader:
        row = {(key or "").strip().casefold(): (value or "").strip() for key, value in row.items()}
        line = reader.line_num
        try:
            latitude, longitude = float(row["lat"]), float(row["lng"])
        except ValueError:
            yield _("ред %(line)s: невалидни координати") % {"line": line}
            continue
        if not row["name"]:
            yield _("ред %(line)s: няма име (name)") % {"line": line}
            continue
        yield StreetRow(line, row["name"], latitude, longitude, row.get("settlement", ""))


@transaction.atomic
def streets_import(
    rows, *, settlement: Settlement | None = None, progress: Callable[[str], None] | None = None
) -> ImportResult:
    """Create or update the streets of the rows in the municipality being served.

    A row's settlement (by name) wins over ``settlement``; without either, the town.
    Rows outside the municipality's area, or naming an unknown settlement, are errors.
    """
    from .selectors import current_municipality

    municipality = current_municipality()
    by_name = {item.name.casefold(): item for item in Settlement.objects.all()}
    towns = Settlement.objects.order_by("pk")
    default = settlement or towns.filter(kind=Settlement.Kind.TOWN).first() or towns.first()
    if default is None:
        raise GazetteerError(_("Общината още няма населени места."))
    result = ImportResult()
    for row in rows:
        if isinstance(row, str):
            result.errors.append(row)
            continue
        error = _row_error(row, municipality, by_name)
        if error:
            result.errors.append(error)
            continue
        kind, name = split_kind(row.name)
        place = by_name[row.settlement.casefold()] if row.settlement else default
        _street, created = Street.objects.update_or_create(
            settlement=place,
            name=name,
            defaults={
                "kind": kind or Street.Kind.STREET,
                "latitude": Decimal(f"{row.latitude:.6f}"),
                "longitude": Decimal(f"{row.longitude:.6f}"),
                **({"osm_id": row.osm_id} if row.osm_id else {}),
            },
        )
        if created:
            result.created += 1
        else:
            result.updated += 1
        if progress and (result.created + result.updated) % 100 == 0:
            progress(_("%(count)s улици…") % {"count": result.created + result.updated})
    return result


def _row_error(row: StreetRow, municipality, by_name: dict) -> str:
    if row.settlement and row.settlement.casefold() not in by_name:
        return _("ред %(line)s (%(name)s): няма населено място „%(settlement)s“") % {
            "line": row.line,
            "name": row.name,
            "settlement": row.settlement,
        }
    if not split_kind(row.name)[1]:
        return _("ред %(line)s: няма име (name)") % {"line": row.line}
    if not municipality.contains(row.latitude, row.longitude):
        return _("ред %(line)s (%(name)s): мястото е извън общината") % {
            "line": row.line,
            "name": row.name,
        }
    return ""
