from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Notification(models.Model):
    """One message to one recipient, written in the same transaction as the change it reports.

    The bodies are rendered when the row is created, so the worker that sends it needs
    neither a request nor the objects it talks about.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("чака изпращане")
        SENT = "sent", _("изпратено")
        FAILED = "failed", _("неуспешно")

    class Language(models.TextChoices):
        BG = "bg", "Български"
        EN = "en", "English"

    to_email = models.EmailField(_("получател"))
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

    class Meta:
        verbose_name = _("известие")
        verbose_name_plural = _("известия")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
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

    class Meta:
        verbose_name = _("опит за изпращане")
        verbose_name_plural = _("опити за изпращане")
        ordering = ["attempted_at", "pk"]

    def __str__(self):
        return f"#{self.notification_id} {self.attempted_at:%Y-%m-%d %H:%M:%S}"
