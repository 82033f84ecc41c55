"""The EU trusted lists as last fetched, and the signatures found on filed documents."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
