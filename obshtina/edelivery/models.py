"""One outgoing document on its way to a recipient's e-Delivery profile."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.scoping import municipality_field, owned_manager


class Delivery(models.Model):
    """A durable row: the document is sent by a background job and retried with back-off
    until e-Delivery took it; afterwards its status is followed until it is delivered.

    The recipient's ЕГН/ЛНЧ/ЕИК is never stored in plain: ``identifier_hash`` (a keyed
    hash) finds the same recipient again, ``identifier_encrypted`` lets the job send, and
    is erased once there is nothing left to send or check.
    """

    municipality = municipality_field()

    class RecipientKind(models.TextChoices):
        PERSON = "person", _("физическо лице")
        COMPANY = "company", _("юридическо лице")

    class Status(models.TextChoices):
        PENDING = "pending", _("чака изпращане")
        NO_PROFILE = "no_profile", _("получателят няма профил")
        SENT = "sent", _("изпратено")
        RECEIVED = "received", _("получено в профила")
        DELIVERED = "delivered", _("връчено")
        FAILED = "failed", _("неуспешно")

    document = models.ForeignKey(
        "correspondence.OutgoingDocument",
        verbose_name=_("изходящ документ"),
        on_delete=models.CASCADE,
        related_name="edeliveries",
    )
    recipient_kind = models.CharField(
        _("вид получател"), max_length=10, choices=RecipientKind.choices
    )
    identifier_hash = models.CharField(_("идентификатор (хеш)"), max_length=64, db_index=True)
    identifier_encrypted = models.TextField(blank=True, editable=False)
    profile_id = models.BigIntegerField(_("профил в ССЕВ"), null=True, blank=True)
    message_id = models.BigIntegerField(_("номер на съобщението в ССЕВ"), null=True, blank=True)
    status = models.CharField(
        _("състояние"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("опити"), default=0)
    # Sending: when to try again; after sending: when to check the status again.
    next_attempt_at = models.DateTimeField(_("следващ опит"), default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("последна грешка"), blank=True)
    created_at = models.DateTimeField(_("създадено на"), default=timezone.now)
    sent_at = models.DateTimeField(_("изпратено на"), null=True, blank=True)
    received_at = models.DateTimeField(_("получено на"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("връчено на"), null=True, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("електронно връчване")
        verbose_name_plural = _("електронни връчвания")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="edelivery_due_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "identifier_hash"], name="edelivery_once_per_recipient"
            )
        ]

    def __str__(self):
        return f"{self.document} → {self.get_recipient_kind_display()}"


class ReceivedMessage(models.Model):
    """A message of the municipality's e-Delivery inbox that was registered (or recorded
    as one more arrival of a registered ЗДОИ request). Its row is written in the same
    transaction as the registration, and the message id is unique per municipality: a
    message is registered once, however often or concurrently the inbox is read.
    Messages that are not ЗДОИ requests get no row and stay unopened."""

    municipality = municipality_field()
    message_id = models.BigIntegerField(_("номер на съобщението в ССЕВ"))
    correspondence = models.ForeignKey(
        "correspondence.Correspondence",
        verbose_name=_("документ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_item = models.BooleanField(_("нов документ"), default=True)
    processed_at = models.DateTimeField(_("обработено на"), default=timezone.now)

    objects = owned_manager()

    class Meta:
        verbose_name = _("получено съобщение от е-Връчване")
        verbose_name_plural = _("получени съобщения от е-Връчване")
        ordering = ["-processed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "message_id"], name="edelivery_received_once"
            )
        ]

    def __str__(self):
        return f"ССЕВ {self.message_id}"
