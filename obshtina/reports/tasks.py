"""Background jobs of reports: thin wrappers around the services."""

from django_tasks import task

from obshtina.organization.hosts import for_each_municipality

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
