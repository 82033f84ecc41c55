"""Reads for the public report page, the submitter's page and subscriptions.

Everything here feeds pages anyone may open: querysets carry only what the
page shows, and the submitter's data is read only by ``report_for_token``'s caller.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import AreaAlert, Report, ReportEvent, ReportPhoto, Subscription
from ..services.notify import unsubscribe_target

# Close enough to see the street, as on the report page of FixMyStreet.
REPORT_MAP_ZOOM = 16


def _reports() -> QuerySet[Report]:
    return Report.objects.select_related("category", "settlement", "duplicate_of")


def report_for_number(number: str, *, user) -> Report | None:
    """The report with exactly this number, if ``user`` may see its public page."""
    report = _reports().filter(number=number).first()
    if report is None or not report.is_visible_to(user):
        return None
    return report


def report_for_token(token: str) -> Report | None:
    """The report behind the submitter's private link (hidden ones too: it is theirs)."""
    if not token:
        return None
    return _reports().filter(access_token=token).first()


def report_public_timeline(report: Report) -> QuerySet[ReportEvent]:
    """Public events only: internal notes and who did what stay with staff."""
    return report.events.filter(is_public=True).only(
        "report_id", "kind", "created_at", "from_status", "to_status", "public_message"
    )


def report_visible_photos(report: Report) -> QuerySet[ReportPhoto]:
    return report.photos.filter(is_hidden=False)


def report_public_original(report: Report, *, user) -> Report | None:
    """The report this one duplicates, when there is one the user may see."""
    original = report.duplicate_of
    if original is None or not original.is_visible_to(user):
        return None
    return original


def report_for_unsubscribe_token(token: str) -> Report | None:
    """The report an e-mail's unsubscribe link is for, or None for a link that is not ours."""
    target = unsubscribe_target(token)
    if target is None:
        return None
    return Report.objects.filter(pk=target[1]).only("pk", "number").first()


def report_map_settings(report: Report) -> dict:
    """What the small map on the report page needs (passed to JS with json_script)."""
    return {
        "latitude": report.latitude,
        "longitude": report.longitude,
        "zoom": REPORT_MAP_ZOOM,
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def is_subscribed(user, report: Report) -> bool:
    if not user.is_authenticated:
        return False
    return Subscription.objects.filter(user=user, report=report).exists()


def subscriptions_of(user) -> QuerySet[Subscription]:
    """The user's subscriptions, most recently changed reports first."""
    return (
        Subscription.objects.filter(user=user)
        .select_related("report__category")
        .order_by("-report__updated_at", "-pk")
    )


def subscriptions_profile_section(user) -> dict:
    """The "Моите абонаменти" section of the profile hub (accounts.sections)."""
    return {
        "title": _("Моите абонаменти"),
        "url": reverse("reports:subscriptions"),
        "count": Subscription.objects.filter(user=user).count(),
        "empty": _("Все още няма абонаменти."),
    }


def subscriptions_export(user) -> list[dict]:
    """The user's subscriptions for the personal-data export (accounts.sections)."""
    return [
        {"report": subscription.report.number, "since": subscription.created_at.isoformat()}
        for subscription in Subscription.objects.filter(user=user).select_related("report")
    ]


def area_alerts_profile_section(user) -> dict:
    """The "Известия за района" section of the profile hub (accounts.sections)."""
    return {
        "title": _("Известия за района"),
        "url": reverse("reports:alerts"),
        "count": AreaAlert.objects.filter(user=user).count(),
        "empty": _("Няма поискани известия за район."),
    }


def area_alerts_export(user) -> list[dict]:
    """The user's area alerts for the personal-data export (accounts.sections)."""
    return [
        {
            "area": str(alert.area_label),
            "email": alert.email,
            "since": alert.created_at.isoformat(),
            "confirmed": alert.confirmed_at.isoformat() if alert.confirmed_at else None,
        }
        for alert in AreaAlert.objects.filter(user=user).select_related("settlement", "category")
    ]
