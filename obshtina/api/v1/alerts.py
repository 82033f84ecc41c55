"""Alerts for an area (e-mail about new and answered reports in a settlement or around
a point), as on the site's alerts page: anyone may ask for one, and nothing is sent
before the address confirms it by the link in an e-mail. A signed-in citizen's alerts
go to the profile's address (a verified one needs no confirmation), and are listed and
removed here; anyone else stops theirs by the link in every alert e-mail."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from obshtina.reports.forms import AlertForm
from obshtina.reports.models import AreaAlert
from obshtina.reports.services import alerts
from obshtina.reports.services.errors import ReportError

from . import limits, schemas
from .auth import AUTH, optional_user, user_of
from .contract import EMAIL_CHECK, server_checks
from .errors import ApiError, validation_error_response
from .pagination import Pages

router = Router(tags=["Известия за район"])

RENAMED = {"latitude": "lat", "longitude": "lng"}
RATE_SCOPE = "alerts"


def _alert(alert: AreaAlert) -> dict:
    return {
        "id": alert.pk,
        "area": alert.area_label,
        "settlement": alert.settlement_id,
        "lat": alert.latitude,
        "lng": alert.longitude,
        "radius": alert.radius,
        "category": alert.category_id,
        "confirmed": alert.confirmed_at is not None,
        "since": alert.created_at,
    }


@router.post(
    "alerts",
    response={
        201: schemas.AlertOut,
        202: schemas.AlertRequested,
        **schemas.errors(400, 403, 429),
    },
    summary="Известие за нови сигнали в район",
)
@server_checks(
    {
        "email": EMAIL_CHECK["email"] + "; required without signing in (a signed-in "
        "citizen's alerts go to the profile's e-mail)",
        "settlement": "a settlement's id (`GET /settlements`); without it `lat` and `lng`",
        "lat": "`lat` and `lng` together, within the municipality, when no `settlement`",
        "category": "an active category's id (`GET /categories`)",
    }
)
def alert_create(request, payload: schemas.AlertIn):
    """A signed-in citizen whose profile e-mail is verified gets the alert at once (201).
    Anyone else gets 202: a confirmation link went to the address, and nothing more is
    sent there until it is opened. Asking again for the same area changes nothing."""
    user = optional_user(request)
    if user is None:
        limits.refuse_if_limited(request, scope=RATE_SCOPE)
    form = AlertForm(
        {
            "email": user.email if user is not None else payload.email or "",
            "settlement": payload.settlement or "",
            "latitude": "" if payload.lat is None else payload.lat,
            "longitude": "" if payload.lng is None else payload.lng,
            "radius": payload.radius,
            "category": payload.category or "",
        }
    )
    if not form.is_valid():
        return validation_error_response(ValidationError(form.errors.as_data()), renamed=RENAMED)
    try:
        alert = alerts.area_alert_request(
            **form.submission(),
            user=user,
            language=translation.get_language() or "bg",
        )
    except ReportError as error:
        return validation_error_response(error, renamed=RENAMED)
    if user is None:
        limits.count(request, scope=RATE_SCOPE)
    if user is not None and alert.confirmed_at is not None:
        return Status(201, _alert(alert))
    # Said alike whether the address had asked before: it tells nothing about anyone.
    return Status(
        202,
        {"message": _("Изпратихме връзка за потвърждение на %(email)s.") % {"email": alert.email}},
    )


@router.get(
    "my/alerts",
    auth=AUTH,
    response={200: list[schemas.AlertOut], **schemas.errors(400, 401)},
    summary="Моите известия за райони",
)
@paginate(Pages, present=lambda request, alert: _alert(alert))
def my_alerts(request):
    return alerts.area_alerts_of(user_of(request))


@router.delete(
    "my/alerts/{alert_id}",
    auth=AUTH,
    response={204: None, **schemas.errors(400, 401, 403, 404)},
    summary="Спиране на известие за район",
)
def alert_delete(request, alert_id: schemas.Id):
    alert = alerts.area_alert_of(user_of(request), alert_id)
    if alert is None:
        raise ApiError(404, "not_found", _("Нямате известие с такъв номер."))
    alerts.area_alert_remove(alert=alert)
    return Status(204, None)
