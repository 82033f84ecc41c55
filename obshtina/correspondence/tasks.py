"""Background jobs of correspondence: thin wrappers around the services."""

from django_tasks import task

from .services.desk import due_digest_send


@task()
def send_due_digests() -> int:
    """The officers' morning digest of due and overdue documents."""
    return due_digest_send()
