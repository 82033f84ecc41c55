from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from obshtina.organization.scoping import municipality_field, owned_manager


class Notification(models.Model):
    """One message to one recipient, written in the same transaction as the change it reports.

    The bodies are rendered when the row is created, so the worker that sends it needs
    neither a request nor the objects it talks about.
    """

    municipality = municipality_field()

    class Status(models.TextChoices):
        PENDING = "pending", _("чака изпращане")
        SENT = "sent", _("изпратено")
        FAILED = "failed", _("неуспешно")

    class Language(models.TextChoices):
        BG = "bg", "Български"
        EN = "en", "English"

    class Channel(models.TextChoices):
        EMAIL = "email", _("имейл")
        PUSH = "push", _("известие в браузъра")

    channel = models.CharField(
        _("канал"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    # E-mail: the address. Push: empty, the browser subscription says where.
    to_email = models.EmailField(_("получател"), blank=True)
    push_subscription = models.ForeignKey(
        "PushSubscription",
        verbose_name=_("абонамент за известия"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("потребител"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    language = models.CharField(_("език"), max_length=2, choices=Language.choices, default="bg")
    template = models.CharField(_("шаблон"), max_length=100)
    subject = models.CharField(pgettext_lazy("email", "тема"), max_length=255)
    text_body = models.TextField(_("текст"))
    html_body = models.TextField(_("HTML"), blank=True)
    # What the message is about, as plain strings ("reports.report", "42"), so staff can
    # find the item without this app depending on every other app's models.
    about_type = models.CharField(_("относно (вид)"), max_length=100, blank=True)
    about_id = models.CharField(_("относно (номер)"), max_length=64, blank=True)
    # Extra e-mail headers, e.g. List-Unsubscribe for one-click unsubscribing.
    headers = models.JSONField(_("допълнителни заглавки"), default=dict, blank=True)
    # An iCalendar invitation (RFC 5546) sent with the message, e.g. for a meeting.
    calendar = models.TextField(_("покана за календар"), blank=True)
    status = models.CharField(
        _("състояние"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("опити"), default=0)
    next_attempt_at = models.DateTimeField(_("следващ опит"), default=timezone.now)
    # Set while a worker is talking to the mail server; a worker that dies mid-send
    # leaves it to expire, and the row is due again.
    claimed_until = models.DateTimeField(_("зает от изпращач до"), null=True, blank=True)
    sent_at = models.DateTimeField(_("изпратено на"), null=True, blank=True)
    last_error = models.TextField(_("последна грешка"), blank=True)
    created_at = models.DateTimeField(_("създадено на"), default=timezone.now, db_index=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("известие")
        verbose_name_plural = _("известия")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["municipality", "status", "next_attempt_at"], name="notification_due"
            ),
            models.Index(fields=["about_type", "about_id"], name="notification_about"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    @property
    def about(self) -> str:
        return f"{self.about_type} #{self.about_id}" if self.about_type else ""


class DeliveryAttempt(models.Model):
    """One try to hand a notification to the mail server: the audit trail of its delivery."""

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("известие"),
        on_delete=models.CASCADE,
        related_name="delivery_attempts",
    )
    attempted_at = models.DateTimeField(_("кога"), default=timezone.now)
    ok = models.BooleanField(_("успешен"))
    error = models.TextField(_("грешка"), blank=True)

    objects = owned_manager("notification__municipality")

    class Meta:
        verbose_name = _("опит за изпращане")
        verbose_name_plural = _("опити за изпращане")
        ordering = ["attempted_at", "pk"]

    def __str__(self):
        return f"#{self.notification_id} {self.attempted_at:%Y-%m-%d %H:%M:%S}"


class PushSubscription(models.Model):
    """A browser that agreed to receive web push notifications for a user – on one
    municipality's site: a browser subscribes per site, and a push opens that site."""

    municipality = municipality_field()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("потребител"),
        on_delete=models.CASCADE,
        related_name="push_subscriptions",
    )
    endpoint = models.URLField(_("адрес на услугата"), max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    user_agent = models.CharField(_("браузър"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("създаден на"), default=timezone.now)
    last_success_at = models.DateTimeField(_("последно успешно"), null=True, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("абонамент за известия в браузъра")
        verbose_name_plural = _("абонаменти за известия в браузъра")

    def __str__(self):
        return f"{self.user} – {self.user_agent[:40]}"


class WorkNotice(models.Model):
    """Work that reached an official who chose the morning digest, waiting for it.

    It holds what the digest says — the item's number, kind, subject or category,
    unit, deadline and staff link, in the official's language — and never the
    citizen's data. The digest deletes the rows it sends (the sent e-mail is the record).
    """

    municipality = municipality_field()

    class Reason(models.TextChoices):
        ROUTED = "routed", _("ново за звеното ви")
        ASSIGNED = "assigned", _("възложено на вас")
        MEETING_REQUESTED = "meeting_requested", _("заявена среща")
        MEETING_CANCELLED = "meeting_cancelled", _("отказана от гражданина среща")
        MEETING_MOVED = "meeting_moved", _("преместена от гражданина среща")
        REOPENED = "reopened", _("отворено отново от гражданина")
        CLARIFIED = "clarified", _("уточнено от заявителя")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("служител"),
        on_delete=models.CASCADE,
        related_name="work_notices_pending",
    )
    reason = models.CharField(_("повод"), max_length=30, choices=Reason.choices)
    about_type = models.CharField(_("относно (вид)"), max_length=100, blank=True)
    about_id = models.CharField(_("относно (номер)"), max_length=64, blank=True)
    number = models.CharField(_("номер"), max_length=64)
    kind = models.CharField(_("вид"), max_length=100)
    title = models.CharField(_("относно"), max_length=255, blank=True)
    unit = models.CharField(_("звено"), max_length=200, blank=True)
    due_at = models.DateTimeField(_("срок"), null=True, blank=True)
    url = models.URLField(_("връзка"), max_length=500)
    created_at = models.DateTimeField(_("създадено на"), default=timezone.now)

    objects = owned_manager()

    class Meta:
        verbose_name = _("известие за сутрешния обзор")
        verbose_name_plural = _("известия за сутрешния обзор")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.number} ({self.get_reason_display()})"
