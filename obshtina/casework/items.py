"""The fields every handled item has (ARCHITECTURE.md, rule 11), as abstract models.

Reports, questions, letters and meeting requests inherit them; each kind keeps its
own table, its statuses and its procedure.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from obshtina.registry.models import RegistryNumber


class RegisteredItem(models.Model):
    """An incoming item with a registry number and date (ARCHITECTURE.md, rule 1)."""

    # Empty only inside the registering transaction: the number is taken last
    # (registry_number_assign), so every committed item has one.
    registry_number = models.OneToOneField(
        RegistryNumber, verbose_name=_("деловоден номер"), on_delete=models.PROTECT, null=True
    )
    # The registry code, copied here so that lookup by number is one indexed query.
    number = models.CharField(_("номер"), max_length=32, unique=True, null=True)  # noqa: DJ001
    updated_at = models.DateTimeField(_("последна промяна"), auto_now=True)

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
