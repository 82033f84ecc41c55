"""Changes made through Open311: a client's use of its key, a POSTed service request."""

from django.db import transaction
from django.utils import timezone

from obshtina.reports.models import Report
from obshtina.reports.services.submission import report_submit

from ..models import Open311Client, Open311Token


def open311_client_mark_used(*, client: Open311Client) -> None:
    """Record when the client last called us with its key (shown in the admin)."""
    client.last_used_at = timezone.now()
    Open311Client.objects.filter(pk=client.pk).update(last_used_at=client.last_used_at)


def open311_request_submit(*, client: Open311Client, **report) -> tuple[Report, Open311Token]:
    """Register the report as the site does (``report_submit``'s arguments, channel
    "api") and give it a token.

    Raises ``ReportError`` for what ``report_submit`` refuses (a place outside the
    municipality, say); then neither the report nor the token is stored.
    """
    with transaction.atomic():
        report = report_submit(**report, channel=Report.Channel.API)
        token = Open311Token.objects.create(report=report, client=client)
    return report, token
