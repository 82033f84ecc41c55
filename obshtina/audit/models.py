"""Who looked at personal data: one row each time a staff member saw a citizen's
private item, one of its files, or their contact data.

A public body must be able to say who read a citizen's letter or contact details
(GDPR, art. 5(2) and 15). Rows are written only by ``services.access_record``,
never changed or deleted on the site (the admin is read-only for everyone), and
removed after ``ACCESS_RECORD_RETENTION_DAYS`` by ``manage.py prune_access_records``.

The staff member's name, e-mail and roles are kept as they were at the time, so
the record still says who it was after their account is anonymised or deleted.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.scoping import municipality_field, owned_manager


class AccessRecord(models.Model):
    municipality = municipality_field()

    class What(models.TextChoices):
        ITEM = "item", _("преписка с лични данни")
        FILE = "file", _("файл към преписка")
        CONTACTS = "contacts", _("данни за контакт на гражданин")

    class How(models.TextChoices):
        PAGE = "page", _("страница за служители")
        FILE = "file", _("изтегляне на файл")
        EXPORT = "export", _("експорт")
        API = "api", _("приложен програмен интерфейс (API)")

    class ItemKind(models.TextChoices):
        REPORT = "report", _("сигнал")
        QUESTION = "question", _("въпрос")
        LETTER = "letter", _("писмо")
        COMPLAINT = "complaint", _("жалба")
        PROPOSAL = "proposal", _("предложение")
        ACCESS_REQUEST = "access_request", _("заявление по ЗДОИ")
        OTHER = "other", _("друг документ")
        APPOINTMENT = "appointment", _("среща в приемното време")
        CALL = "call", _("обаждане в контактния център")
        NOTIFICATION = "notification", _("изпратено съобщение")
        ACCOUNT = "account", _("профил на гражданин")

    accessed_at = models.DateTimeField(_("кога"), default=timezone.now)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("служител (профил)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_name = models.CharField(_("служител"), max_length=300)
    staff_email = models.CharField(_("имейл на служителя"), max_length=254)
    staff_roles = models.CharField(_("роли и звена тогава"), max_length=500, blank=True)
    what = models.CharField(_("какво"), max_length=20, choices=What.choices)
    how = models.CharField(_("как"), max_length=20, choices=How.choices)
    item_kind = models.CharField(_("вид"), max_length=20, choices=ItemKind.choices)
    registry_number = models.CharField(_("деловоден номер"), max_length=32, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    file_name = models.CharField(_("файл"), max_length=200, blank=True)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("чии данни (профил)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client_address = models.CharField(_("от адрес"), max_length=64)

    objects = owned_manager()

    class Meta:
        verbose_name = _("отваряне на лични данни")
        verbose_name_plural = _("кой е отварял лични данни")
        ordering = ["-accessed_at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "-accessed_at"], name="access_record_latest"),
            models.Index(fields=["citizen", "accessed_at"], name="access_record_citizen"),
            models.Index(fields=["registry_number"], name="access_record_number"),
            models.Index(fields=["staff", "accessed_at"], name="access_record_staff"),
        ]

    def __str__(self):
        when = timezone.localtime(self.accessed_at)
        return f"{when:%d.%m.%Y %H:%M} {self.staff_name}: {self.registry_number or self.item_kind}"
