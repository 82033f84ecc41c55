from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from obshtina.organization.scoping import (
    UniquePerMunicipality,
    municipality_field,
    owned_manager,
)

# Prefixes are Cyrillic capitals only: the lookup turns Latin look-alikes
# typed by citizens ("C", "B", "P") into Cyrillic, so a Latin prefix could
# never be found again.
prefix_validator = RegexValidator(
    r"^[А-Я]{1,5}$", _("Използвайте от 1 до 5 главни букви на кирилица, напр. „С“.")
)


def registry_code(*, prefix: str, year: int, number: int) -> str:
    """The registry index shown to people, e.g. "С-2026-000123"."""
    return f"{prefix}-{year}-{number:06d}"


class RegistrySeries(UniquePerMunicipality, models.Model):
    """A series of registry numbers (деловодна серия), counted per year.

    Other apps name a series by its `code` ("reports", "questions", …); the
    `prefix` starts every registry index of the series, e.g. "С-2026-000123".
    """

    municipality = municipality_field()
    code = models.SlugField(_("код"), max_length=40)
    name = models.CharField(_("име"), max_length=200)
    prefix = models.CharField(
        _("префикс"),
        max_length=5,
        validators=[prefix_validator],
        help_text=_("Смяната засяга само новите номера; издадените запазват своя префикс."),
    )
    is_active = models.BooleanField(_("активна"), default=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("деловодна серия")
        verbose_name_plural = _("деловодни серии")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="registryseries_code_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality", "prefix"], name="registryseries_prefix_per_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.prefix} – {self.name}"


class RegistryCounter(models.Model):
    """The last number given in a series in a year; locked while a number is taken."""

    series = models.ForeignKey(RegistrySeries, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField(_("година"))
    last_number = models.PositiveIntegerField(_("последен номер"), default=0)

    objects = owned_manager("series__municipality")

    class Meta:
        verbose_name = _("брояч на деловодна серия")
        verbose_name_plural = _("броячи на деловодни серии")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="unique_registry_counter"),
        ]

    def __str__(self):
        return f"{self.series.prefix}-{self.year}: {self.last_number}"


class RegistryNumber(UniquePerMunicipality, models.Model):
    """A registry number and date (деловоден номер и дата) given to one item."""

    municipality = municipality_field()
    series = models.ForeignKey(
        RegistrySeries, verbose_name=_("серия"), on_delete=models.PROTECT, related_name="numbers"
    )
    year = models.PositiveSmallIntegerField(_("година"))
    number = models.PositiveIntegerField(_("пореден номер"))
    code = models.CharField(_("регистрационен индекс"), max_length=32)
    registered_at = models.DateTimeField(_("дата и час на регистрация"))
    # The item the number was given to; empty until the caller links it.
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("вид документ"), null=True, blank=True, on_delete=models.PROTECT
    )
    object_id = models.PositiveBigIntegerField(
        _("идентификатор на документа"), null=True, blank=True
    )
    item = GenericForeignKey("content_type", "object_id")

    objects = owned_manager()

    class Meta:
        verbose_name = _("деловоден номер")
        verbose_name_plural = _("деловодни номера")
        ordering = ["-registered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"], name="registrynumber_code_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["series", "year", "number"], name="unique_registry_number"
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="registry_number_item"),
            models.Index(fields=["municipality", "-registered_at"], name="registry_number_latest"),
        ]

    def __str__(self):
        return self.code

    def item_url(self) -> str:
        """The linked item's page, or "" when there is no item or it has no page."""
        item = self.item
        get_url = getattr(item, "get_absolute_url", None)
        return get_url() if get_url else ""
