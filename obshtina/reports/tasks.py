"""Background jobs of reports: thin wrappers around the services."""

from django_scopes import scopes_disabled
from django_tasks import task

from obshtina.organization.hosts import for_each_municipality, serving

from .models import Report
from .services.deadlines import overdue_digest_send
from .services.fixed_checks import fixed_checks_send


@task()
def send_overdue_digests() -> int:
    """The daily digest of overdue reports to the unit heads."""
    return for_each_municipality(overdue_digest_send)


@task()
def send_fixed_checks() -> int:
    """ "Наистина ли е решен?" for the reports resolved weeks ago."""
    return for_each_municipality(fixed_checks_send)


@task()
def send_area_alerts(report_id: int, kind: str) -> int:
    """The area alerts of a report just registered or answered, as its municipality's."""
    from .services.alerts import area_alerts_send

    with scopes_disabled():  # whose report it is, to serve that municipality
        report = Report.objects.filter(pk=report_id).select_related("municipality").first()
    if report is None:
        return 0
    with serving(report.municipality):
        return area_alerts_send(report=report, kind=kind)
