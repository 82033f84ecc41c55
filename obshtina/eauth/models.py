from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Identity(models.Model):
    """The national e-identification of one account: the person's identifier as a
    keyed hash (to find the account at the next sign-in) and encrypted (for the services
    that must send it on). The plain identifier is stored nowhere."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="eauth_identity",
        verbose_name=_("акаунт"),
    )
    identifier_hash = models.CharField(_("ключ за търсене"), max_length=64, unique=True)
    identifier_encrypted = models.TextField(_("шифриран идентификатор"))
    linked_at = models.DateTimeField(_("свързан на"), auto_now_add=True)
    last_signed_in_at = models.DateTimeField(_("последен вход"), null=True, blank=True)

    class Meta:
        verbose_name = _("електронна идентификация")
        verbose_name_plural = _("електронни идентификации")

    def __str__(self) -> str:
        return str(_("Електронна идентификация на акаунт %(pk)s")) % {"pk": self.user_id}
