"""Background jobs: thin wrappers around the delivery services."""

from django_scopes import scopes_disabled
from django_tasks import task

from obshtina.organization.hosts import for_each_municipality, serving

from . import services
from .models import Delivery


@task()
def send_delivery(delivery_id: int) -> bool:
    """Send one delivery; if it failed and may be retried, come back when it is due.

    Backends that cannot defer a job (the in-process one in tests) skip the re-enqueue:
    the periodic sweep (``edelivery_sweep`` command) retries then.
    """
    with scopes_disabled():  # which municipality's it is, to send it as that one's
        delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return False
    with serving(delivery.municipality):
        sent = services.delivery_send(delivery_id=delivery_id)
        if not sent and send_delivery.get_backend().supports_defer:
            retry_at = (
                Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING)
                .values_list("next_attempt_at", flat=True)
                .first()
            )
            if retry_at is not None:
                send_delivery.using(run_after=retry_at).enqueue(delivery_id)
    return sent


@task()
def check_delivery_message(municipality_id: int, message_id: int) -> bool:
    """e-Delivery's push notification named a message: read its status."""
    from obshtina.organization.models import Municipality

    with serving(Municipality.objects.get(pk=municipality_id)):
        return services.delivery_check_message(message_id=message_id)


@task()
def sweep_deliveries(limit: int = 50) -> int:
    """Send what is due and check sent messages (for deployments that schedule jobs)."""
    return for_each_municipality(
        lambda: (
            services.deliveries_send_due(limit=limit) + services.deliveries_check_due(limit=limit)
        )
    )
