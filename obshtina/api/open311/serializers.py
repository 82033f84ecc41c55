"""The GeoReport v2 documents, field by field, as plain data for ``rendering``.

Optional fields the spec says "may not be returned" are left out when there is
nothing to say (``media_url`` of a report without a visible photo, say), rather
than sent empty; ``account_id``, ``address_id`` and ``zipcode`` are never sent.
"""

from datetime import UTC, datetime

from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.models import Municipality, Settlement
from obshtina.organization.selectors import site_url
from obshtina.reports.forms import ANSWER_PREFIX, URGENT_CHOICES, URGENT_FIELD
from obshtina.reports.models import Category, Report, ReportEvent, ReportPhoto
from obshtina.reports.selectors.open_data import COORDINATE_DECIMALS

from ..models import Open311Token

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MIME_TYPES = ["text/xml", "application/json"]
GROUP_WITHOUT_UNIT = _("Сигнали")

CONTACT = _("%(name)s: %(email)s, тел. %(phone)s")
KEY_SERVICE = _(
    "Ключ (api_key) за подаване на сигнали издава администраторът на платформата на "
    "всяко приложение или система поотделно. Поискайте ключ на %(email)s."
)
SUBMITTED_NOTICE = _(
    "Сигналът е регистриран с номер %(number)s и е насочен към „%(unit)s“. "
    "Срок за решаване: %(due)s."
)
FORWARDED_NOTICE = _("Препратен към: %(institution)s")
DUPLICATE_NOTICE = _("Дубликат на сигнал %(number)s")
# CitySDK's detailed status of each of ours (ours stays in detailed_status_code).
DETAILED_STATUSES = {
    Report.Status.NEW: "RECEIVED",
    Report.Status.ACCEPTED: "IN_PROCESS",
    Report.Status.IN_PROGRESS: "IN_PROCESS",
    Report.Status.RESOLVED: "PROCESSED",
    Report.Status.REJECTED: "REJECTED",
    Report.Status.FORWARDED: "PROCESSED",
    Report.Status.DUPLICATE: "REJECTED",
}
# "May not be returned" in the spec: left out when empty.
OPTIONAL_REQUEST_FIELDS = frozenset(
    {"status_notes", "agency_responsible", "service_notice", "expected_datetime", "media_url"}
)


def w3c_datetime(value: datetime) -> str:
    """ISO 8601 with the Sofia offset, e.g. 2026-11-23T14:32:52+02:00."""
    # astimezone, not localtime(): three per row, up to 1,000 rows, and the same result.
    return value.astimezone(timezone.get_current_timezone()).isoformat(timespec="seconds")


def discovery_document(
    *,
    municipality: Municipality,
    changeset: datetime,
    url: str,
    production: bool,
    extensions: tuple[str, ...],
) -> dict:
    # Sortable as text: always UTC with a "Z".
    changed = changeset.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "changeset": changed,
        "contact": CONTACT
        % {
            "name": municipality.name,
            "email": municipality.contact_email,
            "phone": municipality.contact_phone,
        },
        "key_service": KEY_SERVICE % {"email": municipality.contact_email},
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": url,
                "changeset": changed,
                "type": "production" if production else "test",
                "formats": MIME_TYPES,
                # The parameters of GET requests beyond the spec's (CitySDK, Helsinki).
                "extensions": list(extensions),
            }
        ],
    }


def service_document(category: Category) -> dict:
    group = category.unit.name if category.unit else str(GROUP_WITHOUT_UNIT)
    return {
        "service_code": category.slug,
        "service_name": category.name,
        "description": category.description or None,
        # True when the category asks questions: GET services/{code} lists them.
        "metadata": bool(category.urgent_question or category.questions.all()),
        "type": "realtime",
        "keywords": f"{category.name}, {group}",
        "group": group,
    }


def service_definition_document(category: Category) -> dict:
    """The category's questions as the spec's attributes, in the site form's order: the
    urgent danger first (a "yes" is refused with its notice), then the others, each
    POSTed back as ``attribute[<code>]``."""
    attributes = []
    if category.urgent_question:
        attributes.append(
            {
                "variable": True,
                "code": URGENT_FIELD,
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": category.urgent_notice or None,
                "order": 1,
                "description": category.urgent_question,
                "values": [{"key": key, "name": str(name)} for key, name in URGENT_CHOICES],
            }
        )
    for question in category.questions.all():
        attributes.append(
            {
                "variable": True,
                "code": f"{ANSWER_PREFIX}{question.pk}",
                "datatype": "string",
                "required": question.is_required,
                "datatype_description": question.help_text or None,
                "order": len(attributes) + 1,
                "description": question.label,
            }
        )
    return {"service_code": category.slug, "attributes": attributes}


def submitted_document(*, report: Report, token: Open311Token) -> dict:
    """The answer to a POST: the registry number at once (the service is "realtime"),
    and a token for clients that only know the ``tokens/`` way."""
    notice = SUBMITTED_NOTICE % {
        "number": report.number,
        "unit": report.unit.name,
        "due": dateformat.format(timezone.localtime(report.due_at), "d.m.Y"),
    }
    return {"service_request_id": report.number, "token": token.token, "service_notice": notice}


def token_document(*, token: str, number: str) -> dict:
    return {"service_request_id": number, "token": token}


def request_document(row: dict, extra: dict | None = None) -> dict:
    """One report (a row of ``selectors.public_requests``) as a GeoReport request;
    with ``extra`` (its photos and events from ``selectors.request_extensions``) also
    the CitySDK ``extended_attributes``."""
    is_open = row["status"] in Report.OPEN_STATUSES
    document = {
        "service_request_id": row["number"],
        "status": "open" if is_open else "closed",
        "status_notes": row["public_answer"] or None,
        "service_name": row["category_name"],
        "service_code": row["category_code"],
        "description": row["description"],
        "agency_responsible": row["unit_name"],
        "service_notice": _service_notice(row),
        "requested_datetime": w3c_datetime(row["created_at"]),
        "updated_datetime": w3c_datetime(row["updated"]),
        # Like the public page: a deadline only while the report is open.
        "expected_datetime": w3c_datetime(row["due_at"]) if is_open else None,
        "address": _address(row),
        "lat": round(row["latitude"], COORDINATE_DECIMALS),
        "long": round(row["longitude"], COORDINATE_DECIMALS),
        "media_url": _media_url(row["photo"]),
    }
    document = {
        name: value
        for name, value in document.items()
        if value is not None or name not in OPTIONAL_REQUEST_FIELDS
    }
    if extra is not None:
        document["extended_attributes"] = _extended_attributes(row, extra)
    return document


def _extended_attributes(row: dict, extra: dict) -> dict:
    """CitySDK's title, detailed status and every photo; the unit handling the report;
    and the public timeline as 6Aika's ``request_history``. All of it is on the
    report's public page already: no person, no internal note."""
    place = _address(row)
    return {
        "title": f"{row['category_name']}: {place}" if place else row["category_name"],
        "detailed_status": DETAILED_STATUSES[row["status"]],
        "detailed_status_code": row["status"],
        "detailed_status_label": str(Report.Status(row["status"]).label),
        "media_urls": [_media_url(name) for name in extra["photos"]],
        "unit": {"code": row["unit_code"], "name": row["unit_name"]},
        "request_history": [_history_item(event) for event in extra["events"]],
    }


def _history_item(event: dict) -> dict:
    return {
        "time": w3c_datetime(event["created_at"]),
        "kind": event["kind"],
        "label": str(ReportEvent.Kind(event["kind"]).label),
        "status": event["to_status"] or None,
        "note": event["public_message"] or None,
    }


def _service_notice(row: dict) -> str | None:
    if row["status"] == Report.Status.FORWARDED and row["forwarded_to"]:
        return FORWARDED_NOTICE % {"institution": row["forwarded_to"]}
    if row["status"] == Report.Status.DUPLICATE and row["duplicate_number"]:
        return DUPLICATE_NOTICE % {"number": row["duplicate_number"]}
    return None


def _address(row: dict) -> str | None:
    """From the most specific to the most general: the landmark, then the settlement."""
    parts = [row["address"]]
    if row["settlement_name"]:
        settlement = Settlement(name=row["settlement_name"], kind=row["settlement_kind"])
        parts.append(str(settlement))
    return ", ".join(part for part in parts if part) or None


def _media_url(name: str | None) -> str | None:
    if not name:
        return None
    url = ReportPhoto._meta.get_field("image").storage.url(name)
    return url if "://" in url else site_url() + url
