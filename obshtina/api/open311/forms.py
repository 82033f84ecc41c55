"""What Open311 clients send: a POSTed service request and the filters of GET requests.

Both turn bad input into ``Open311Error(400, …)`` with one description per
problem, each naming the parameter it is about.

Where a report is: ``lat`` and ``long`` (WGS84), or else a settlement of the
municipality named in ``address_string`` (its centre is used, as on the site's
form without a map). ``address_id`` means nothing to us, and ``media_url`` is
not fetched (the server would download whatever a client points it to); photos
come as ``media`` files in a multipart POST, cleaned like the site's uploads.
"""

from datetime import UTC, datetime, timedelta

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from obshtina.core.dates import has_earthly_offset
from obshtina.registry.selectors import normalize_number
from obshtina.reports.forms import PhotosField

from .errors import Open311Error
from .selectors import MAX_REQUESTS, settlement_named_in

DEFAULT_WINDOW = timedelta(days=90)  # the spec's default range, and the widest one
MAX_SERVICE_CODES = 100
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000
STATUSES = frozenset({"open", "closed"})

NO_PLACE = _(
    "Посочете мястото с lat и long (WGS84) или населено място от общината в address_string."
)
BOTH_COORDINATES = _("Изпратете и lat, и long.")
NAME_TOO_LONG = _("Името (first_name и last_name) е по-дълго от 200 знака.")
BAD_DATE = _("Датата не е във формат ISO 8601, напр. 2026-01-31T00:00:00+02:00.")
BAD_OFFSET = _("Часовата зона трябва да е между -12:00 и +14:00, напр. +02:00 или Z.")
DATES_REVERSED = _("start_date е след end_date.")
RANGE_TOO_WIDE = _("Периодът между start_date и end_date е по-дълъг от 90 дни.")
BAD_STATUS = _("Допустимите стойности са open и closed.")
# How the service's error fields are called in Open311.
SERVICE_FIELDS = {"location": "lat, long", "category": "service_code", "__all__": ""}


class RequestSubmitForm(forms.Form):
    """The fields of POST requests.{fmt}, except api_key and service_code."""

    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    long = forms.FloatField(required=False, min_value=-180, max_value=180)
    address_string = forms.CharField(required=False, max_length=300)
    description = forms.CharField(
        max_length=4000, error_messages={"required": _("Опишете проблема.")}
    )
    first_name = forms.CharField(required=False, max_length=100)
    last_name = forms.CharField(required=False, max_length=100)
    email = forms.EmailField(required=False)
    phone = forms.CharField(required=False, max_length=40)
    media = PhotosField(required=False)

    def clean(self):
        cleaned = super().clean()
        if self.has_error("lat") or self.has_error("long"):
            return cleaned
        latitude, longitude = cleaned.get("lat"), cleaned.get("long")
        cleaned["settlement"] = None
        if (latitude is None) != (longitude is None):
            self.add_error(None, BOTH_COORDINATES)
        elif latitude is None:
            settlement = settlement_named_in(cleaned.get("address_string", ""))
            if settlement is None:
                self.add_error(None, NO_PLACE)
            else:
                cleaned["settlement"] = settlement
                cleaned["lat"] = float(settlement.latitude)
                cleaned["long"] = float(settlement.longitude)
        name = " ".join(
            part for part in (cleaned.get("first_name"), cleaned.get("last_name")) if part
        )
        if len(name) > 200:
            self.add_error(None, NAME_TOO_LONG)
        cleaned["name"] = name
        return cleaned

    def submission(self) -> dict:
        """Keyword arguments for ``services.open311_request_submit`` (without client, category)."""
        data = self.cleaned_data
        return {
            "description": data["description"],
            "latitude": data["lat"],
            "longitude": data["long"],
            "settlement": data["settlement"],
            "address": data["address_string"],
            "photos": data["media"],
            "submitter_name": data["name"],
            "submitter_email": data["email"],
            "submitter_phone": data["phone"],
        }

    def raise_errors(self):
        raise Open311Error(400, *error_descriptions(self.errors.get_json_data()))


def error_descriptions(errors: dict) -> list[str]:
    """``{"lat": [{"message": …}]}`` → ``["lat: …"]``; errors of no field stay bare."""
    descriptions = []
    for field, messages in errors.items():
        name = SERVICE_FIELDS.get(field, field)
        for message in messages:
            text = str(message["message"] if isinstance(message, dict) else message)
            descriptions.append(f"{name}: {text}" if name else text)
    return descriptions


def requests_filters(query: QueryDict) -> dict:
    """Keyword arguments for ``selectors.public_requests`` from GET requests.{fmt}.

    Without dates the last 90 days; with one date, 90 days from it (or up to it);
    two dates may not be more than 90 days apart. ``service_request_id`` overrides
    every other filter, as the spec says.
    """
    numbers = _values(query, "service_request_id")
    if numbers:
        return {"numbers": [normalize_number(number) for number in numbers[:MAX_REQUESTS]]}
    start = _moment(query, "start_date")
    end = _moment(query, "end_date")
    if start and end:
        if start > end:
            raise Open311Error(400, f"start_date: {DATES_REVERSED}")
        if end - start > DEFAULT_WINDOW:
            raise Open311Error(400, f"end_date: {RANGE_TOO_WIDE}")
    elif start:
        end = start + DEFAULT_WINDOW
    elif end:
        start = end - DEFAULT_WINDOW
    else:
        start = timezone.now() - DEFAULT_WINDOW
    statuses = {status.lower() for status in _values(query, "status")}
    if statuses - STATUSES:
        raise Open311Error(400, f"status: {BAD_STATUS}")
    return {
        "service_codes": _values(query, "service_code")[:MAX_SERVICE_CODES],
        "start": start,
        "end": end,
        "statuses": statuses or None,
    }


def _values(query: QueryDict, name: str) -> list[str]:
    """Comma-separated values, the parameter possibly given more than once."""
    return [
        value.strip()
        for declared in query.getlist(name)
        for value in declared.split(",")
        if value.strip()
    ]


def _moment(query: QueryDict, name: str) -> datetime | None:
    """An ISO 8601 date and time in UTC; without an offset it is Sofia time.

    An unencoded "+" of the offset arrives as a space, and is read as the "+" it was.
    """
    text = query.get(name, "").strip()
    if not text:
        return None
    if "T" in text:
        text = text.replace(" ", "+")
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise Open311Error(400, f"{name}: {BAD_DATE}")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    elif not has_earthly_offset(moment):
        raise Open311Error(400, f"{name}: {BAD_OFFSET}")
    return moment.astimezone(UTC)
