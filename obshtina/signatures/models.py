"""The EU trusted lists as last fetched, and the signatures found on filed documents."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.scoping import owned_manager


class TrustedList(models.Model):
    """A member state's trusted list (ETSI TS 119 612) as fetched through the EU list of
    lists, with the certificates the list of lists names as its signers.

    Kept in the database, not in a cache directory, so every app server and the worker
    read the same list (no process keeps state of its own); its signature is checked
    when fetched and again each time it is loaded."""

    territory = models.CharField(_("държава"), max_length=2, unique=True)
    location = models.URLField(_("адрес"), max_length=500)
    xml = models.TextField()
    signer_certificates = models.TextField(help_text="PEM")
    issued_at = models.DateTimeField(_("издаден на"), null=True)
    next_update = models.DateTimeField(_("следващо обновяване"), null=True)
    services = models.JSONField(_("квалифицирани услуги"), default=list)
    fetched_at = models.DateTimeField(_("изтеглен на"), default=timezone.now)

    class Meta:
        verbose_name = _("доверителен списък")
        verbose_name_plural = _("доверителни списъци")
        ordering = ["territory"]

    def __str__(self):
        return self.territory


class SignatureCheck(models.Model):
    """That a filed file's signatures were looked for, and when."""

    class State(models.TextChoices):
        PENDING = "pending", _("проверява се")
        DONE = "done", _("проверен")
        FAILED = "failed", _("проверката не успя")

    attachment = models.OneToOneField(
        "correspondence.Attachment", on_delete=models.CASCADE, related_name="signature_check"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    checked_at = models.DateTimeField(null=True)

    objects = owned_manager("attachment__correspondence__municipality")

    class Meta:
        verbose_name = _("проверка на подписи")
        verbose_name_plural = _("проверки на подписи")

    def __str__(self):
        return f"{self.attachment_id}: {self.state}"


class AttachmentSignature(models.Model):
    """One electronic signature found on (or, for a .p7s, over) a filed file.

    The signer's name is kept as the certificate gives it; the personal number in
    the certificate (PNOBG-…) is not kept."""

    class Format(models.TextChoices):
        PADES = "pades", "PAdES"
        CADES = "cades", "CAdES"
        XADES = "xades", "XAdES"

    class Verdict(models.TextChoices):
        VALID = "valid", _("валиден")
        TAMPERED = "tampered", _("документът е променян след подписването")
        REVOKED = "revoked", _("удостоверението е оттеглено")
        EXPIRED = "expired", _("удостоверението е изтекло")
        UNTRUSTED = "untrusted", _("издателят не е в доверителните списъци")
        INDETERMINATE = "indeterminate", _("не може да бъде потвърден")

    attachment = models.ForeignKey(
        "correspondence.Attachment", on_delete=models.CASCADE, related_name="signatures"
    )
    format = models.CharField(max_length=5, choices=Format.choices)
    signer_name = models.CharField(_("подписал"), max_length=200)
    intact = models.BooleanField(_("цялост"))
    verdict = models.CharField(_("резултат"), max_length=15, choices=Verdict.choices)
    qualified = models.BooleanField(_("квалифициран към момента на подписване"))
    signed_at = models.DateTimeField(_("подписан на"), null=True)
    timestamped_at = models.DateTimeField(_("удостоверено време"), null=True)
    detail = models.CharField(max_length=200, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)

    objects = owned_manager("attachment__correspondence__municipality")

    class Meta:
        verbose_name = _("електронен подпис")
        verbose_name_plural = _("електронни подписи")
        ordering = ["attachment", "pk"]

    def __str__(self):
        return f"{self.signer_name} ({self.get_verdict_display()})"

    @property
    def is_valid_qualified(self) -> bool:
        return self.verdict == self.Verdict.VALID and self.qualified
