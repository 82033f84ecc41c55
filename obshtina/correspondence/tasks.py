"""Background jobs of correspondence: thin wrappers around the services."""

from django_tasks import task

from obshtina.organization.hosts import for_each_municipality

from .services.desk import due_digest_send
from .services.procedure import access_close_unclarified


@task()
def send_due_digests() -> int:
    """The officers' morning digest of due and overdue documents."""
    return for_each_municipality(due_digest_send)


@task()
def close_unclarified_access_requests() -> int:
    """Daily: leave without consideration the requests not clarified within 30 days."""
    return for_each_municipality(access_close_unclarified)
