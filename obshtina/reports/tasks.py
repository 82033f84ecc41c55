"""Background jobs of reports: thin wrappers around the services."""

from django_tasks import task

from .services.deadlines import overdue_digest_send


@task()
def send_overdue_digests() -> int:
    """The daily digest of overdue reports to the unit heads."""
    return overdue_digest_send()
