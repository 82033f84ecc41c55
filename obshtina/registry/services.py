"""Registry numbers and dates for every incoming item (ARCHITECTURE.md, rule 1).

Numbering is per series and per calendar year in Europe/Sofia, starts at 1
and has no duplicates, also under many simultaneous requests:

* PostgreSQL: the (series, year) counter row is locked with SELECT … FOR
  UPDATE, so concurrent requests queue on it. The first request of a new year
  creates the row; when two race to do so, the loser's INSERT fails with an
  IntegrityError inside a savepoint and it locks the winner's row instead.
* SQLite: the settings open every transaction with BEGIN IMMEDIATE, so
  writers are serialized by the database lock (with a busy timeout).

The number is taken in the caller's transaction. If that transaction rolls
back, the counter rolls back with it and the next request receives the same
number: nobody ever saw the discarded one, so no gap appears and no number is
given to two items.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import RegistryCounter, RegistryNumber, RegistrySeries, registry_code

# The legal year of a Bulgarian registry starts at midnight in Sofia, whatever
# the server's time zone is.
REGISTRY_TIME_ZONE = ZoneInfo("Europe/Sofia")


# The series every deployment has (also created by migration 0002). A missing
# one is created on first use, so that no item fails to register because its
# series row was removed (e.g. a database flushed by hand or by a test).
DEFAULT_SERIES = {
    "reports": ("Сигнали", "С"),
    "questions": ("Въпроси и искания за информация", "В"),
    "letters": ("Писма, жалби и предложения", "П"),
    "access_requests": ("Заявления за достъп до обществена информация (ЗДОИ)", "ЗДОИ"),
    "outgoing": ("Изходящи документи", "И"),
    "appointments": ("Заявки за приемно време", "ПВ"),
}


class RegistryError(ValidationError):
    """A registry rule was broken; the message is fit to show to staff."""


class UnknownSeriesError(RegistryError):
    pass


def registry_number_issue(*, series: str, at: datetime | None = None) -> RegistryNumber:
    """Give the next number of `series` for the Sofia year of `at` (default: now).

    Raises UnknownSeriesError when the series does not exist or is inactive.
    """
    registered_at = at or timezone.now()
    if timezone.is_naive(registered_at):
        raise ValueError("registry_number_issue needs a timezone-aware datetime")
    year = registered_at.astimezone(REGISTRY_TIME_ZONE).year

    with transaction.atomic():
        registry_series = _series(series)
        if registry_series is None or not registry_series.is_active:
            raise UnknownSeriesError(
                _("Деловодна серия „%(series)s“ не съществува или не е активна."),
                code="unknown_series",
                params={"series": series},
            )
        # get_or_create creates the counter in a savepoint and, on the
        # IntegrityError of a lost race, reads (and locks) the winner's row.
        counter, _created = RegistryCounter.objects.select_for_update().get_or_create(
            series=registry_series, year=year
        )
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return RegistryNumber.objects.create(
            series=registry_series,
            year=year,
            number=counter.last_number,
            code=registry_code(
                prefix=registry_series.prefix, year=year, number=counter.last_number
            ),
            registered_at=registered_at,
        )


def _series(code: str) -> RegistrySeries | None:
    registry_series = RegistrySeries.objects.filter(code=code).first()
    if registry_series is None and code in DEFAULT_SERIES:
        name, prefix = DEFAULT_SERIES[code]
        registry_series, _created = RegistrySeries.objects.get_or_create(
            code=code, defaults={"name": name, "prefix": prefix}
        )
    return registry_series


def registry_number_link(*, registry_number: RegistryNumber, item: models.Model) -> None:
    """Record which item a number was given to.

    Linking again to the same item is harmless; a number already given to
    another item is never moved (RegistryError).
    """
    if item.pk is None:
        raise ValueError("Save the item before linking a registry number to it")
    content_type = ContentType.objects.get_for_model(item)
    with transaction.atomic():
        locked = RegistryNumber.objects.select_for_update().get(pk=registry_number.pk)
        if locked.content_type_id is not None and (
            locked.content_type_id != content_type.pk or locked.object_id != item.pk
        ):
            raise RegistryError(
                _("Номер %(code)s вече е даден на друг документ."),
                code="already_linked",
                params={"code": locked.code},
            )
        locked.item = item
        locked.save(update_fields=["content_type", "object_id"])
    registry_number.item = item
