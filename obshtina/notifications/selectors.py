from django.db.models import Count, Q, QuerySet

from .models import DeliveryAttempt, Notification


def notifications_for_staff(*, status: str = "", search: str = "") -> QuerySet[Notification]:
    """The outbox as staff see it, newest first; `search` matches the recipient's address."""
    notifications = Notification.objects.only(
        "pk",
        "created_at",
        "to_email",
        "subject",
        "status",
        "attempts",
        "sent_at",
        "last_error",
        "about_type",
        "about_id",
    ).order_by("-created_at", "-pk")
    if status:
        notifications = notifications.filter(status=status)
    if search:
        notifications = notifications.filter(to_email__icontains=search.strip())
    return notifications


def notification_attempts(*, notification: Notification) -> QuerySet[DeliveryAttempt]:
    return notification.delivery_attempts.order_by("attempted_at", "pk")


def notification_counts() -> dict[str, int]:
    """How many notifications are in each status (for the worker's report)."""
    return Notification.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Notification.Status.values}
    )


def notifications_of_user(user) -> QuerySet[Notification]:
    """Notifications addressed to the user's account or to any of their e-mail addresses."""
    from allauth.account.models import EmailAddress

    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    return Notification.objects.filter(Q(user=user) | Q(to_email__in=emails))


def notifications_export(user) -> list[dict]:
    """The user's part of the personal-data export."""
    return [
        {
            "created_at": notification.created_at.isoformat(),
            "subject": notification.subject,
            "status": notification.status,
        }
        for notification in notifications_of_user(user).order_by("created_at", "pk")
    ]
