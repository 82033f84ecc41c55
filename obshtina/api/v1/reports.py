"""Reports (сигнали): categories, submission with photos, the public report, the map,
and a signed-in citizen's reports and subscriptions.

Submission goes through the site's own form (``ReportForm``: place from a
settlement, photos cleaned by content, the profile's data for a signed-in user)
and the ``report_submit`` service, so the API and the site keep the same rules.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.pagination import paginate
from pydantic import Field

from obshtina.organization.gazetteer import all_streets, streets_matching
from obshtina.organization.models import Street
from obshtina.organization.selectors import settlements
from obshtina.registry.selectors import normalize_number
from obshtina.reports.forms import ANSWER_PREFIX, URGENT_FIELD, ReportForm
from obshtina.reports.models import CategoryQuestion, Report
from obshtina.reports.selectors import map as map_selectors
from obshtina.reports.selectors.mine import reports_of_author
from obshtina.reports.selectors.public import (
    report_for_number,
    report_public_original,
    report_public_timeline,
    report_visible_photos,
    subscriptions_of,
)
from obshtina.reports.services import following
from obshtina.reports.services.submission import report_submit

from . import patterns, schemas, selectors
from .auth import AUTH, optional_user, user_of
from .contract import EMAIL_CHECK, PHONE_CHECK, server_checks
from .errors import ApiError
from .idempotency import CONFLICTS as IDEMPOTENCY_CONFLICTS
from .idempotency import OPENAPI as IDEMPOTENCY_KEY
from .idempotency import idempotent
from .pagination import Pages
from .submissions import submit_with_form

router = Router(tags=["Сигнали"])

# The site's form and service name the place "latitude"/"longitude" (or "location").
RENAMED = {"latitude": "lat", "longitude": "lng", "location": "lat"}
MAP_DATA_MAX_AGE = 60  # seconds, as the site's map data
Photos = File[list[UploadedFile], {"max_length": settings.REPORT_MAX_PHOTOS}]


def _report_or_404(number: str, *, user) -> Report:
    report = None
    if schemas.is_storable(number):
        report = report_for_number(normalize_number(number), user=user)
    if report is None:
        raise ApiError(404, "not_found", _("Няма сигнал с такъв номер."))
    return report


@router.get(
    "categories",
    response={200: list[schemas.CategoryOut], **schemas.errors(400)},
    summary="Категории на сигналите",
)
@paginate(Pages)
def categories(request):
    return selectors.active_categories()


@router.get(
    "settlements",
    response={200: list[schemas.SettlementOut], **schemas.errors(400)},
    summary="Населени места",
)
@paginate(Pages)
def settlement_list(request):
    return settlements()


def _street(request, street: Street) -> dict:
    return {
        "id": street.pk,
        "name": street.name,
        "kind": street.kind,
        "label": f"{street}, {street.settlement}",
        "settlement": street.settlement_id,
        "lat": float(street.latitude),
        "lng": float(street.longitude),
    }


@router.get(
    "streets",
    response={200: list[schemas.StreetOut], **schemas.errors(400)},
    summary="Улици (за адреса на сигнал)",
)
@paginate(Pages, present=_street)
def street_list(request, query: Query[schemas.StreetsQuery]):
    """The municipality's gazetteer, as the address field suggests it: streets whose name
    contains `q`, those starting with it first; a report's `address` naming one exactly
    is placed on it."""
    streets = streets_matching(query.q) if query.q.strip() else all_streets()
    if query.settlement is not None:
        streets = [street for street in streets if street.settlement_id == query.settlement]
    return streets


@router.post(
    "reports",
    response={201: schemas.Created, **schemas.errors(400, 403, 409, 429)},
    summary="Подаване на сигнал (multipart/form-data, със снимки)",
    openapi_extra=IDEMPOTENCY_KEY,
)
@decorate_view(idempotent)
@server_checks(
    {
        "category": "an active category's id (`GET /categories`)",
        "settlement": "a settlement's id (`GET /settlements`)",
        "lat": "`lat` and `lng` together, or neither and a `settlement` or an `address` "
        "naming a street; the place lies within the municipality",
        "street": "a street's id (`GET /streets`); needed when the `address` names several",
        "photos": "each a JPEG, PNG or WebP image of at most "
        f"{settings.UPLOAD_MAX_IMAGE_BYTES // (1024 * 1024)} MB",
        **EMAIL_CHECK,
        **PHONE_CHECK,
        "answers": "a JSON object whose keys are ids of the category's `questions`; each "
        "required question answered",
        "urgent": "needed when the category has an `urgent_question`; `yes` is refused with "
        "its `urgent_notice` (as is any report of a category with that notice and no question)",
    },
    state_errors=IDEMPOTENCY_CONFLICTS,
)
def report_create(
    request,
    data: Form[schemas.ReportIn],
    photos: Photos = None,
):
    """Without lat/lng the settlement's centre is the place. A signed-in citizen's
    name, e-mail and phone come from the profile. `access_url` is only in this answer
    (and in the e-mail to the submitter)."""
    answers = _answers(data.answers)
    return submit_with_form(
        request,
        scope="reports",
        form_class=ReportForm,
        data={
            **{f"{ANSWER_PREFIX}{question}": answer for question, answer in answers.items()},
            URGENT_FIELD: data.urgent,
            "category": data.category,
            "description": data.description,
            "latitude": "" if data.lat is None else data.lat,
            "longitude": "" if data.lng is None else data.lng,
            "settlement": data.settlement or "",
            "address": data.address,
            "street": data.street or "",
            "name": data.name,
            "email": data.email,
            "phone": data.phone,
        },
        files=MultiValueDict({"photos": list(photos or [])}),
        service=report_submit,
        channel=Report.Channel.API,
        renamed=RENAMED | _answer_fields(data.category),
    )


def _answers(text: str) -> dict[str, str]:
    """``answers`` read: question id → text; a 400 naming ``answers`` for anything else."""
    if not text.strip():
        return {}
    try:
        answers = json.loads(text)
    except ValueError:
        answers = None
    if not isinstance(answers, dict) or not all(
        key.isdigit() and isinstance(value, str) for key, value in answers.items()
    ):
        message = _('Отговорите са JSON обект: номер на въпроса → отговор, напр. {"12": "С-0412"}.')
        raise ApiError(400, "invalid", message, fields={"answers": [message]})
    return answers


def _answer_fields(category_id: int) -> dict[str, str]:
    """The form's field of each of the category's questions, by its name in the API."""
    ids = CategoryQuestion.objects.filter(category_id=category_id).values_list("pk", flat=True)
    return {f"{ANSWER_PREFIX}{pk}": "answers" for pk in ids}


def _report_summary(request, report: Report) -> dict:
    """What every answer about a report begins with (``MyReportOut``)."""
    return {
        "number": report.number,
        "url": request.build_absolute_uri(report.get_absolute_url()),
        "category": report.category.name,
        "status": report.status,
        "status_label": report.get_status_display(),
        "created_at": report.created_at,
    }


@router.get(
    "reports/{number}",
    response={200: schemas.ReportOut, **schemas.errors(404)},
    summary="Публичната част на сигнал",
)
def report_detail(request, number: str):
    """What the report's public page shows: never the submitter's data."""
    user = optional_user(request) or request.user
    report = _report_or_404(number, user=user)
    timeline = list(report_public_timeline(report))
    original = report_public_original(report, user=user)
    return _report_summary(request, report) | {
        "description": report.description,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "settlement": report.settlement.name if report.settlement else None,
        "address": report.address,
        "updated_at": timeline[-1].created_at if timeline else report.updated_at,
        "due_at": report.due_at if report.is_open else None,
        "resolved_at": report.resolved_at,
        "forwarded_to": report.forwarded_to if report.status == Report.Status.FORWARDED else "",
        "public_answer": report.public_answer,
        "duplicate_of": original.number if original else None,
        "photos": [
            {
                "url": request.build_absolute_uri(photo.image.url),
                "width": photo.width,
                "height": photo.height,
            }
            for photo in report_visible_photos(report)
        ],
        "timeline": [
            {
                "kind": event.kind,
                "label": event.get_kind_display(),
                "created_at": event.created_at,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "message": event.public_message,
            }
            for event in timeline
        ],
    }


class MapQuery(Schema):
    bbox: str = Field(
        max_length=200,
        pattern=patterns.BBOX,
        description="The visible area: south,west,north,east in degrees, e.g. "
        "`42.2,23.3,42.5,23.7`.",
    )
    zoom: int = Field(ge=0, le=20)
    category: list[schemas.Id] = Field(default_factory=list, max_length=100)
    status: list[Report.Status] = Field(default_factory=list, max_length=10)


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        return map_selectors.parse_bbox(text)
    except ValueError as error:
        raise ApiError(400, "invalid", str(error), fields={"bbox": [str(error)]}) from None


@router.get(
    "map",
    response={200: schemas.MapOut, **schemas.errors(400)},
    summary="Сигналите от последните 30 дни във видимата област",
)
@server_checks({"bbox": "south is below north and west is west of east"})
def map_data(request, response: HttpResponse, query: Query[MapQuery]):
    """Markers, or clusters counted on the server when the area holds over 500 reports."""
    data = map_selectors.reports_in_view(
        _bbox(query.bbox),
        zoom=query.zoom,
        category_ids=query.category,
        statuses=[status.value for status in query.status],
    )
    if data["type"] == "markers":
        for marker in data["items"]:
            marker["url"] = request.build_absolute_uri(marker["url"])
    patch_cache_control(response, public=True, max_age=MAP_DATA_MAX_AGE)
    return data


@router.get(
    "my/reports",
    auth=AUTH,
    response={200: list[schemas.MyReportOut], **schemas.errors(400, 401)},
    summary="Моите сигнали",
)
@paginate(Pages, present=_report_summary)
def my_reports(request):
    """The reports the user filed while signed in, newest first."""
    return reports_of_author(user_of(request))


def _subscription(request, subscription) -> dict:
    report = subscription.report
    return {
        "number": report.number,
        "url": request.build_absolute_uri(report.get_absolute_url()),
        "category": report.category.name,
        "status": report.status,
        "since": subscription.created_at,
    }


@router.get(
    "my/subscriptions",
    auth=AUTH,
    response={200: list[schemas.SubscriptionOut], **schemas.errors(400, 401)},
    summary="Моите абонаменти",
)
@paginate(Pages, present=_subscription)
def my_subscriptions(request):
    return subscriptions_of(user_of(request))


@router.post(
    "my/subscriptions",
    auth=AUTH,
    response={201: schemas.SubscriptionOut, **schemas.errors(400, 401, 403, 404)},
    summary="Абониране за сигнал",
)
def subscription_create(request, payload: schemas.SubscriptionIn):
    """E-mails about every public change of the report; subscribing twice is one subscription."""
    user = user_of(request)
    report = _report_or_404(payload.number, user=user)
    subscription = following.subscription_add(user=user, report=report)
    return Status(201, _subscription(request, subscription))


@router.delete(
    "my/subscriptions/{number}",
    auth=AUTH,
    response={204: None, **schemas.errors(401, 403, 404)},
    summary="Отписване от сигнал",
)
def subscription_delete(request, number: str):
    user = user_of(request)
    subscription = None
    if schemas.is_storable(number):
        subscription = (
            subscriptions_of(user).filter(report__number=normalize_number(number)).first()
        )
    if subscription is None:
        raise ApiError(404, "not_found", _("Не сте абонирани за сигнал с такъв номер."))
    following.subscription_remove(user=user, report=subscription.report)
    return Status(204, None)
