"""Background jobs: thin wrappers around the delivery services."""

from django_scopes import scopes_disabled
from django_tasks import task

from obshtina.organization.hosts import for_each_municipality, serving

from . import officials, services
from .models import Notification


@task()
def deliver_notification(notification_id: int) -> bool:
    """Send one notification; if it failed and may be retried, come back when it is due.

    Backends that cannot defer a job (the in-process one in tests) skip the
    re-enqueue: the periodic sweep (`deliver_notifications` command) retries then.
    """
    with scopes_disabled():  # which municipality's it is, to deliver it as that one's
        notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        return False
    with serving(notification.municipality):
        sent = services.notification_deliver(notification_id=notification_id)
        if not sent and deliver_notification.get_backend().supports_defer:
            retry_at = (
                Notification.objects.filter(pk=notification_id, status=Notification.Status.PENDING)
                .values_list("next_attempt_at", flat=True)
                .first()
            )
            if retry_at is not None:
                deliver_notification.using(run_after=retry_at).enqueue(notification_id)
    return sent


@task()
def deliver_due_notifications(limit: int = 100) -> int:
    """Sweep every due notification (for deployments that schedule jobs, not commands)."""
    return for_each_municipality(lambda: services.notifications_deliver_due(limit=limit))


@task()
def send_work_digests() -> int:
    """The morning digest of new work, to the officials who chose it over e-mails at once."""
    return for_each_municipality(officials.work_digest_send)
