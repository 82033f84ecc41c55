"""Alerts for an area, for anyone: e-mail about new and answered reports in a settlement
or within a radius of a point, optionally of one category.

Double opt-in: a request stores the alert unconfirmed and e-mails a link; nothing else
is sent to the address until it is confirmed (a signed-in user's own verified address
needs no second proof). Every alert e-mail has a one-click way out (RFC 8058).

The alerts of a report are written after its registration commits (a background job),
never while the registry counter is locked; each becomes a notification of the outbox,
retried like any other.
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.core.jobs import enqueue_with_change
from obshtina.notifications.services import notification_queue
from obshtina.organization.models import Settlement
from obshtina.organization.selectors import current_municipality, settlements, site_url

from ..models import AreaAlert, Category, Report
from ..selectors.nearby import distance_m
from .errors import ReportError
from .notify import _public_values

RADII = (250, 500, 1000, 2000, 5000)  # metres a citizen may choose
NEW, ANSWERED = "new", "answered"
PENDING_PER_ADDRESS = 5  # unconfirmed requests one address may have waiting


def area_alert_request(
    *,
    email: str,
    settlement: Settlement | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    radius: int | None = None,
    category: Category | None = None,
    user=None,
    language: str = "bg",
) -> AreaAlert:
    """Store the alert and ask the address to confirm it; returns the alert.

    Raises ``ReportError`` keyed by field for an area that is neither a settlement nor a
    point with a radius, a point outside the municipality, or too many unconfirmed
    requests for one address. Asking again for the same area changes nothing.
    """
    email = email.strip()
    if settlement is None:
        if latitude is None or longitude is None:
            raise ReportError(
                {"latitude": _("Изберете населено място или отбележете точка на картата.")}
            )
        if radius not in RADII:
            raise ReportError({"radius": _("Изберете радиус от списъка.")})
        if not current_municipality().contains(latitude, longitude):
            raise ReportError({"latitude": _("Точката е извън територията на общината.")})
    area = (
        {"settlement": settlement, "latitude": None, "longitude": None, "radius": None}
        if settlement is not None
        else {"settlement": None, "latitude": latitude, "longitude": longitude, "radius": radius}
    )
    existing = AreaAlert.objects.filter(email__iexact=email, category=category, **area).first()
    if existing is not None:
        return existing
    waiting = AreaAlert.objects.filter(email__iexact=email, confirmed_at__isnull=True)
    if waiting.count() >= PENDING_PER_ADDRESS:
        raise ReportError(
            {"email": _("Този адрес има няколко непотвърдени заявки: потвърдете ги от имейла.")}
        )
    already_proven = bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.email.lower() == email.lower()
        and _verified(user)
    )
    with transaction.atomic():
        alert = AreaAlert.objects.create(
            email=email,
            user=user if getattr(user, "is_authenticated", False) else None,
            category=category,
            language=language,
            confirmed_at=timezone.now() if already_proven else None,
            **area,
        )
        if not already_proven:
            notification_queue(
                to_email=email,
                template="report_alert_confirm",
                context={"area": alert.area_label, "confirm_url": _url("alert_confirm", alert)},
                language=language,
            )
    return alert


def _verified(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def area_alert_for_token(token: str) -> AreaAlert | None:
    return AreaAlert.objects.filter(token=token).select_related("settlement", "category").first()


def area_alert_confirm(*, alert: AreaAlert) -> AreaAlert:
    if alert.confirmed_at is None:
        alert.confirmed_at = timezone.now()
        alert.save(update_fields=["confirmed_at"])
    return alert


def area_alert_remove(*, alert: AreaAlert) -> None:
    alert.delete()


def area_alerts_of(user) -> QuerySet[AreaAlert]:
    return (
        AreaAlert.objects.filter(user=user).select_related("settlement", "category").order_by("pk")
    )


def area_alert_of(user, alert_id: int) -> AreaAlert | None:
    """One of ``user``'s alerts, or None (also for anybody else's)."""
    return area_alerts_of(user).filter(pk=alert_id).first()


def area_alerts_send(*, report: Report, kind: str) -> int:
    """Queue the e-mail of ``kind`` (NEW, ANSWERED) to every confirmed alert whose area
    and category hold ``report``; returns how many."""
    if report.is_hidden:
        return 0
    alerts = (
        AreaAlert.objects.filter(confirmed_at__isnull=False)
        .filter(Q(category__isnull=True) | Q(category_id=report.category_id))
        .select_related("settlement", "category")
    )
    place = report.settlement_id or _nearest_settlement_id(report)
    sent = 0
    for alert in alerts:
        if not _holds(alert, report, place):
            continue
        notification_queue(
            to_email=alert.email,
            template="report_alert",
            context={
                **_public_values(report),
                "kind": kind,
                "area": alert.area_label,
                "description": report.description,
                "answer": report.public_answer,
                "stop_url": _url("alert_stop", alert),
            },
            language=alert.language,
            about=report,
            list_unsubscribe_url=_url("alert_stop", alert),
        )
        sent += 1
    return sent


def area_holds(alert: AreaAlert, report: Report) -> bool:
    """Whether ``report`` lies in ``alert``'s area (its category aside)."""
    return _holds(alert, report, report.settlement_id or _nearest_settlement_id(report))


def _holds(alert: AreaAlert, report: Report, place: int | None) -> bool:
    if alert.settlement_id:
        return alert.settlement_id == place
    return (
        distance_m(alert.latitude, alert.longitude, report.latitude, report.longitude)
        <= alert.radius
    )


def _nearest_settlement_id(report: Report) -> int | None:
    """For a report placed on the map without a settlement: the settlement whose centre
    is nearest (settlements have no borders here; a few dozen centres are compared)."""
    point = (report.latitude, report.longitude)
    centres = [
        (distance_m(float(place.latitude), float(place.longitude), *point), place.pk)
        for place in settlements()
    ]
    return min(centres)[1] if centres else None


def _url(name: str, alert: AreaAlert) -> str:
    return site_url() + reverse(f"reports:{name}", kwargs={"token": alert.token})


def area_alerts_after_commit(*, report: Report, kind: str) -> None:
    """Send the alerts of ``report`` from a background job once the change has committed
    (the job is queued with the change itself: a crash after the commit loses nothing)."""
    from ..tasks import send_area_alerts  # tasks import the services

    enqueue_with_change(send_area_alerts, report.pk, kind)
