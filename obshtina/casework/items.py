"""The fields every handled item has (ARCHITECTURE.md, rule 11), as abstract models.

Reports, questions, letters and meeting requests inherit them; each kind keeps its
own table, its statuses and its procedure.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.scoping import (
    UniquePerMunicipality,
    municipality_field,
    owned_manager,
)
from obshtina.registry.models import RegistryNumber


class RegisteredItem(UniquePerMunicipality, models.Model):
    """An incoming item with a registry number and date (ARCHITECTURE.md, rule 1)."""

    municipality = municipality_field()
    # Empty only inside the registering transaction: the number is taken last
    # (registry_number_assign), so every committed item has one.
    registry_number = models.OneToOneField(
        RegistryNumber, verbose_name=_("деловоден номер"), on_delete=models.PROTECT, null=True
    )
    # The registry code, copied here so that lookup by number is one indexed query
    # (each kind's Meta: unique per municipality).
    number = models.CharField(_("номер"), max_length=32, null=True)  # noqa: DJ001
    updated_at = models.DateTimeField(_("последна промяна"), auto_now=True)

    objects = owned_manager()

    class Meta:
        abstract = True


class AssignedItem(RegisteredItem):
    """A registered item that one official of its unit answers for."""

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("отговорен служител"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_%(class)ss",
    )

    class Meta:
        abstract = True


class ItemEvent(models.Model):
    """One change of an item: its timeline and its audit trail (ARCHITECTURE.md, rule 6).

    A kind adds the foreign key to its item (named by ``item_field``), its own
    ``kind`` choices and ``statuses``, the item's status choices, which label
    ``from_status`` and ``to_status``.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    internal_note = models.TextField(_("вътрешна бележка"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    item_field: ClassVar[str] = ""
    statuses: ClassVar[type[models.TextChoices] | None] = None

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{getattr(self, self.item_field).number}: {self.get_kind_display()}"

    def _status_label(self, code: str) -> str:
        labels = dict(self.statuses.choices) if self.statuses else {}
        return str(labels.get(code, code))

    def get_from_status_display(self) -> str:
        return self._status_label(self.from_status)

    def get_to_status_display(self) -> str:
        return self._status_label(self.to_status)

    @classmethod
    def internal(cls, note: str) -> dict:
        """The fields of an event only staff see, carrying ``note``."""
        return {"internal_note": note}


class PublicItemEvent(ItemEvent):
    """An event of an item with a public part: public events show on its public page."""

    public_message = models.TextField(_("публично съобщение"), blank=True)
    is_public = models.BooleanField(default=True)

    class Meta(ItemEvent.Meta):
        abstract = True

    @classmethod
    def internal(cls, note: str) -> dict:
        return {"internal_note": note, "is_public": False}
