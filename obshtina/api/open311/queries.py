"""What a client asks of GET requests.{fmt}: the spec's filters and the extensions of the
City of Helsinki and CitySDK servers, read into one ``RequestsQuery``.

Every parameter that is given must be understood: a value we cannot read is a 400 with
one description per problem, each naming its parameter — never a silently unfiltered
list. Parameters we do not know (a cache buster, ``jurisdiction_id``) are ignored, as
the spec's servers do; discovery lists the ones we know (``EXTENSIONS``).
"""

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from obshtina.core.dates import has_earthly_offset
from obshtina.organization.models import Unit
from obshtina.registry.selectors import normalize_number

from .errors import Open311Error

MAX_REQUESTS = 1000  # the spec's default query limit, and the largest page
DEFAULT_WINDOW = timedelta(days=90)  # the spec's default range, and the widest one
MAX_SERVICE_CODES = 100
MAX_RADIUS = 100_000  # metres: far wider than any municipality
MAX_SEARCH_LENGTH = 200
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000
STATUSES = frozenset({"open", "closed"})
LOCALES = ("bg", "en")
# order_by: the newest first unless asked otherwise; "distance" needs lat and long.
ORDERS = (
    "-requested_datetime",
    "requested_datetime",
    "-updated_datetime",
    "updated_datetime",
    "distance",
)
TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})

# The parameters beyond the spec's, as discovery lists them.
EXTENSIONS = (
    "extensions",
    "lat",
    "long",
    "radius",
    "bbox",
    "updated_after",
    "updated_before",
    "search",
    "agency_responsible",
    "page",
    "page_size",
    "order_by",
    "locale",
)

BAD_DATE = _("Датата не е във формат ISO 8601, напр. 2026-01-31T00:00:00+02:00.")
BAD_OFFSET = _("Часовата зона трябва да е между -12:00 и +14:00, напр. +02:00 или Z.")
DATES_REVERSED = _("start_date е след end_date.")
UPDATES_REVERSED = _("updated_after е след updated_before.")
RANGE_TOO_WIDE = _("Периодът между start_date и end_date е по-дълъг от 90 дни.")
BAD_STATUS = _("Допустимите стойности са open и closed.")
BAD_BOOLEAN = _("Допустимите стойности са true и false.")
BAD_NUMBER = _("Очаква се число.")
BAD_LATITUDE = _("Географската ширина е число между -90 и 90.")
BAD_LONGITUDE = _("Географската дължина е число между -180 и 180.")
BOTH_COORDINATES = _("Изпратете и lat, и long.")
RADIUS_NEEDS_CENTRE = _("Радиусът (в метри) се брои от точка: изпратете и lat, и long.")
BAD_RADIUS = _("Радиусът е в метри: число, по-голямо от 0 и не повече от 100 000.")
BAD_BBOX = _(
    "Областта е bbox=запад,юг,изток,север в градуси (дължина, ширина), напр. "
    "bbox=23.4,42.2,23.7,42.5; западът под изтока, югът под севера."
)
BAD_PAGE = _("Страницата е цяло число от 1 нагоре.")
BAD_PAGE_SIZE = _("Размерът на страницата е цяло число от 1 до 1000.")
BAD_ORDER = _(
    "Подредбата е една от: requested_datetime, updated_datetime (с „-“ отпред: от най-новите) "
    "или distance (с lat и long)."
)
DISTANCE_NEEDS_CENTRE = _("Подредбата по distance иска точка: изпратете lat и long.")
BAD_LOCALE = _("Езикът е bg или en.")
SEARCH_TOO_LONG = _("Текстът за търсене е по-дълъг от 200 знака.")
UNKNOWN_AGENCY = _("Няма звено „%(name)s“ (посочете името или кода му, както е в services).")


@dataclass(frozen=True)
class Circle:
    latitude: float
    longitude: float
    radius: float | None  # metres; None: a centre to order by, not a filter


@dataclass(frozen=True)
class Box:
    west: float
    south: float
    east: float
    north: float


@dataclass(frozen=True)
class RequestsQuery:
    """Everything GET requests can ask; the defaults are the spec's plain list."""

    numbers: list[str] | None = None  # overrides the filters below, as the spec says
    service_codes: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    statuses: frozenset[str] = frozenset()
    centre: Circle | None = None
    box: Box | None = None
    search: str = ""
    unit_ids: list[int] = field(default_factory=list)
    order: str = ORDERS[0]
    page: int = 1
    page_size: int = MAX_REQUESTS
    extensions: bool = False


def requests_query(query: QueryDict, *, now: datetime | None = None) -> RequestsQuery:
    """``query`` read and checked; Open311Error(400) lists every problem found.

    Without any date the last 90 days; with start_date or end_date alone, 90 days
    from it (or up to it); both may not be more than 90 days apart. A client asking
    what changed (updated_after/updated_before) gets every report changed then,
    however old: its sync would miss the rest.
    """
    reader = _Reader(query)
    numbers = reader.values("service_request_id")
    common = {
        "order": reader.order(),
        "page": reader.integer("page", 1, 10**6, BAD_PAGE) or 1,
        "page_size": reader.integer("page_size", 1, MAX_REQUESTS, BAD_PAGE_SIZE) or MAX_REQUESTS,
        "extensions": reader.boolean("extensions"),
        "centre": reader.centre(),
    }
    if common["order"] == "distance" and common["centre"] is None:
        reader.problem("order_by", DISTANCE_NEEDS_CENTRE)
    if numbers:
        reader.raise_problems()
        normalized = [normalize_number(number) for number in numbers[:MAX_REQUESTS]]
        return RequestsQuery(numbers=normalized, **common)
    start, end = reader.moment("start_date"), reader.moment("end_date")
    updated_after, updated_before = reader.moment("updated_after"), reader.moment("updated_before")
    if start and end:
        if start > end:
            reader.problem("start_date", DATES_REVERSED)
        elif end - start > DEFAULT_WINDOW:
            reader.problem("end_date", RANGE_TOO_WIDE)
    elif start:
        end = start + DEFAULT_WINDOW
    elif end:
        start = end - DEFAULT_WINDOW
    elif not (updated_after or updated_before or reader.has_problems):
        start = (now or timezone.now()) - DEFAULT_WINDOW
    if updated_after and updated_before and updated_after > updated_before:
        reader.problem("updated_after", UPDATES_REVERSED)
    statuses = frozenset(status.lower() for status in reader.values("status"))
    if statuses - STATUSES:
        reader.problem("status", BAD_STATUS)
    search = reader.text("search")
    if len(search) > MAX_SEARCH_LENGTH:
        reader.problem("search", SEARCH_TOO_LONG)
    box, unit_ids = reader.box(), reader.units()
    reader.raise_problems()
    return RequestsQuery(
        service_codes=reader.values("service_code")[:MAX_SERVICE_CODES],
        start=start,
        end=end,
        updated_after=updated_after,
        updated_before=updated_before,
        statuses=statuses,
        box=box,
        search=search,
        unit_ids=unit_ids,
        **common,
    )


def wants_extensions(query: QueryDict) -> bool:
    """GET requests/{id}: whether the client asked for the extended attributes."""
    reader = _Reader(query)
    extensions = reader.boolean("extensions")
    reader.raise_problems()
    return extensions


def locale_of(query: QueryDict) -> str | None:
    """The language a client asks for with ``locale`` (bg, en, en_GB, bg-BG…), or None."""
    text = query.get("locale", "").strip()
    if not text:
        return None
    language = text.replace("-", "_").split("_")[0].lower()
    if language not in LOCALES:
        raise Open311Error(400, f"locale: {BAD_LOCALE}")
    return language


class _Reader:
    """Reads parameters one by one, keeping every problem to report them together."""

    def __init__(self, query: QueryDict):
        self.query = query
        self.problems: list[str] = []

    @property
    def has_problems(self) -> bool:
        return bool(self.problems)

    def problem(self, name: str, message) -> None:
        self.problems.append(f"{name}: {message}")

    def raise_problems(self) -> None:
        if self.problems:
            raise Open311Error(400, *self.problems)

    def text(self, name: str) -> str:
        return self.query.get(name, "").strip()

    def values(self, name: str) -> list[str]:
        """Comma-separated values, the parameter possibly given more than once."""
        return [
            value.strip()
            for declared in self.query.getlist(name)
            for value in declared.split(",")
            if value.strip()
        ]

    def boolean(self, name: str) -> bool:
        text = self.text(name).lower()
        if text and text not in TRUE | FALSE:
            self.problem(name, BAD_BOOLEAN)
        return text in TRUE

    def integer(self, name: str, lowest: int, highest: int, message) -> int | None:
        text = self.text(name)
        if not text:
            return None
        if not (text.isascii() and text.isdigit()) or not lowest <= int(text) <= highest:
            self.problem(name, message)
            return None
        return int(text)

    def number(self, name: str, lowest: float, highest: float, message) -> float | None:
        text = self.text(name)
        if not text:
            return None
        value = _float(text)
        if value is None or not lowest <= value <= highest:
            self.problem(name, message)
            return None
        return value

    def moment(self, name: str) -> datetime | None:
        """An ISO 8601 date and time in UTC; without an offset it is Sofia time.

        An unencoded "+" of the offset arrives as a space, and is read as the "+" it was.
        """
        text = self.text(name)
        if not text:
            return None
        if "T" in text:
            text = text.replace(" ", "+")
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            self.problem(name, BAD_DATE)
            return None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        elif not has_earthly_offset(moment):
            self.problem(name, BAD_OFFSET)
            return None
        return moment.astimezone(UTC)

    def centre(self) -> Circle | None:
        latitude = self.number("lat", -90, 90, BAD_LATITUDE)
        longitude = self.number("long", -180, 180, BAD_LONGITUDE)
        radius = self.number("radius", 0, MAX_RADIUS, BAD_RADIUS)
        if radius == 0:
            self.problem("radius", BAD_RADIUS)
        given = [self.text(name) != "" for name in ("lat", "long")]
        if any(given) and not all(given):
            self.problem("lat, long", BOTH_COORDINATES)
        elif self.text("radius") and not any(given):
            self.problem("radius", RADIUS_NEEDS_CENTRE)
        if latitude is None or longitude is None or self.has_problems:
            return None
        return Circle(latitude, longitude, radius)

    def box(self) -> Box | None:
        text = self.text("bbox")
        if not text:
            return None
        parts = [_float(part) for part in text.split(",")]
        if len(parts) != 4 or None in parts:
            self.problem("bbox", BAD_BBOX)
            return None
        west, south, east, north = parts
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            self.problem("bbox", BAD_BBOX)
            return None
        return Box(west, south, east, north)

    def units(self) -> list[int]:
        """Units named by name or code; a municipality has a few dozen, compared here
        rather than in SQL so that case is forgiven in Cyrillic on SQLite too."""
        declared = [text.strip() for text in self.query.getlist("agency_responsible")]
        if not any(declared):
            return []
        by_name = {}
        for pk, name, slug in Unit.objects.values_list("pk", "name", "slug"):
            by_name[name.casefold()] = by_name[slug.casefold()] = pk
        # A name may hold a comma itself: a whole value that names a unit is not split.
        wanted = [
            name.strip()
            for text in declared
            for name in ([text] if text.casefold() in by_name else text.split(","))
            if name.strip()
        ]
        found = []
        for name in wanted:
            pk = by_name.get(name.casefold())
            if pk is None:
                self.problem("agency_responsible", UNKNOWN_AGENCY % {"name": name[:80]})
            else:
                found.append(pk)
        return found

    def order(self) -> str:
        text = self.text("order_by") or ORDERS[0]
        if text not in ORDERS:
            self.problem("order_by", BAD_ORDER)
            return ORDERS[0]
        return text


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
