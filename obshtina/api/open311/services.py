"""Changes made through Open311: a client's use of its key, a POSTed service request."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from obshtina.organization.models import Settlement
from obshtina.reports.models import Category, Report
from obshtina.reports.services.submission import report_submit

from ..models import Open311Client, Open311Token


def open311_client_mark_used(*, client: Open311Client) -> None:
    """Record when the client last called us with its key (shown in the admin)."""
    client.last_used_at = timezone.now()
    Open311Client.objects.filter(pk=client.pk).update(last_used_at=client.last_used_at)


def open311_request_submit(
    *,
    client: Open311Client,
    category: Category,
    description: str,
    latitude: float,
    longitude: float,
    settlement: Settlement | None = None,
    address: str = "",
    photos: Sequence[bytes] = (),
    submitter_name: str = "",
    submitter_email: str = "",
    submitter_phone: str = "",
) -> tuple[Report, Open311Token]:
    """Register the report as the site does (channel "api") and give it a token.

    Raises ``ReportError`` for what ``report_submit`` refuses (a place outside the
    municipality, say); then neither the report nor the token is stored.
    """
    with transaction.atomic():
        report = report_submit(
            category=category,
            description=description,
            latitude=latitude,
            longitude=longitude,
            settlement=settlement,
            address=address,
            photos=photos,
            submitter_name=submitter_name,
            submitter_email=submitter_email,
            submitter_phone=submitter_phone,
            channel=Report.Channel.API,
        )
        token = Open311Token.objects.create(report=report, client=client)
    return report, token
