"""Background job of the access-to-information procedure: a thin wrapper around the service."""

from django_tasks import task

from .services.procedure import access_close_unclarified


@task()
def close_unclarified_access_requests() -> int:
    """Daily: leave without consideration the requests not clarified within 30 days."""
    return access_close_unclarified()
