"""Registry numbers and dates for every incoming item (ARCHITECTURE.md, rule 1).

Numbering is per series and per calendar year in Europe/Sofia, starts at 1
and has no duplicates, also under many simultaneous requests:

* The counter is advanced by one statement, UPDATE … SET last_number =
  last_number + 1 … RETURNING last_number. On PostgreSQL it locks the (series,
  year) row until the caller's transaction ends, so concurrent requests queue
  on it. The first request of a new year creates the row; when two race to do
  so, the loser's INSERT fails with an IntegrityError inside a savepoint and it
  advances the winner's row instead.
* SQLite: the settings open every transaction with BEGIN IMMEDIATE, so
  writers are serialized by the database lock (with a busy timeout) anyway.

The number is taken in the caller's transaction. If that transaction rolls
back, the counter rolls back with it and the next request receives the same
number: nobody ever saw the discarded one, so no gap appears among the
committed items and no number is given to two items.

Because the counter stays locked until the commit, a submission takes its
number last (`registry_number_assign`): the item is saved first without a
number, with its photos, routing and events, and only then numbered, so the
lock is held for the few statements between the number and the commit. There
the series is checked (active) by the same statement that advances the counter.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.selectors import current_municipality

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

    The number is not linked to an item yet; callers that register an item use
    `registry_number_assign`, which takes the number last and links it.
    Raises UnknownSeriesError when the series does not exist or is inactive.
    """
    registered_at = _aware(at)
    with transaction.atomic():
        registry_series = _active_series(series, current_municipality().pk)
        return _number_create(registry_series, registered_at)


def registry_number_assign(
    *, item: models.Model, series: str, at: datetime | None = None
) -> RegistryNumber:
    """Number a saved item as the last step of the caller's transaction.

    Do everything else first (photos, routing, events) and call this just
    before the commit: the series' counter stays locked from here to the
    commit, and a rollback gives the number back, so committed items keep
    consecutive numbers. Sets and saves ``item.registry_number`` and
    ``item.number``; render what shows the number (e-mails) after this call.
    """
    if item.pk is None:
        raise ValueError("Save the item before giving it a registry number")
    if not transaction.get_connection().in_atomic_block:
        raise ValueError("registry_number_assign belongs inside the item's transaction")
    registered_at = _aware(at)
    year = registered_at.astimezone(REGISTRY_TIME_ZONE).year
    # The item's municipality numbers it: each municipality counts from 1 in its series.
    municipality_id = _municipality_id(item)
    advanced = _counter_update_by_code(series, year, municipality_id)
    if advanced is None:  # the year's first number, or a series missing or inactive
        registry_series = _active_series(series, municipality_id)
        registry_number = _number_create(registry_series, registered_at, item=item)
    else:
        number, series_id, prefix = advanced
        registry_number = RegistryNumber.objects.create(
            municipality_id=municipality_id,
            series_id=series_id,
            year=year,
            number=number,
            code=registry_code(prefix=prefix, year=year, number=number),
            registered_at=registered_at,
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
        )
    item.registry_number = registry_number
    item.number = registry_number.code
    item.save(update_fields=["registry_number", "number"])
    return registry_number


def _municipality_id(item: models.Model) -> int:
    """The municipality whose series numbers the item: its own, or for a document
    without one (an outgoing answer) the one being served, which is its item's."""
    return getattr(item, "municipality_id", None) or current_municipality().pk


def _aware(at: datetime | None) -> datetime:
    registered_at = at or timezone.now()
    if timezone.is_naive(registered_at):
        raise ValueError("Registry numbers need a timezone-aware datetime")
    return registered_at


def _active_series(code: str, municipality_id: int) -> RegistrySeries:
    registry_series = _series(code, municipality_id)
    if registry_series is None or not registry_series.is_active:
        raise UnknownSeriesError(
            _("Деловодна серия „%(series)s“ не съществува или не е активна."),
            code="unknown_series",
            params={"series": code},
        )
    return registry_series


def _number_create(
    registry_series: RegistrySeries, registered_at: datetime, *, item: models.Model | None = None
) -> RegistryNumber:
    year = registered_at.astimezone(REGISTRY_TIME_ZONE).year
    number = _counter_advance(registry_series, year)
    return RegistryNumber.objects.create(
        municipality_id=registry_series.municipality_id,
        series=registry_series,
        year=year,
        number=number,
        code=registry_code(prefix=registry_series.prefix, year=year, number=number),
        registered_at=registered_at,
        content_type=ContentType.objects.get_for_model(item) if item is not None else None,
        object_id=item.pk if item is not None else None,
    )


def _counter_advance(registry_series: RegistrySeries, year: int) -> int:
    """Add one to the (series, year) counter and return it; the row stays locked.

    One statement (UPDATE … RETURNING) instead of SELECT … FOR UPDATE and a save:
    one round trip less while the row is locked.
    """
    number = _counter_update(registry_series, year)
    if number is not None:
        return number
    try:
        # The year's first number. A savepoint: the loser of a race to create
        # the row keeps a usable transaction and advances the winner's row.
        with transaction.atomic():
            RegistryCounter.objects.create(series=registry_series, year=year, last_number=1)
        return 1
    except IntegrityError:
        number = _counter_update(registry_series, year)
        if number is None:  # pragma: no cover - the row exists: the INSERT said so
            raise
        return number


def _counter_update(registry_series: RegistrySeries, year: int) -> int | None:
    connection = transaction.get_connection()
    table = connection.ops.quote_name(RegistryCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1"
            " WHERE series_id = %s AND year = %s RETURNING last_number",
            [registry_series.pk, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _counter_update_by_code(
    code: str, year: int, municipality_id: int
) -> tuple[int, int, str] | None:
    """`_counter_update` for a municipality's active series named by its code, in one statement:
    (number, series id, prefix), or None when the series or the year's row is missing.
    One round trip instead of reading the series first."""
    connection = transaction.get_connection()
    counter = connection.ops.quote_name(RegistryCounter._meta.db_table)
    series = connection.ops.quote_name(RegistrySeries._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {counter} SET last_number = last_number + 1"
            f" WHERE year = %s AND series_id = (SELECT id FROM {series}"
            "  WHERE municipality_id = %s AND code = %s AND is_active)"
            f" RETURNING last_number, series_id, (SELECT prefix FROM {series}"
            f"  WHERE {series}.id = {counter}.series_id)",
            [year, municipality_id, code],
        )
        row = cursor.fetchone()
    return tuple(row) if row else None


def _series(code: str, municipality_id: int) -> RegistrySeries | None:
    series = RegistrySeries.objects.filter(municipality_id=municipality_id)
    registry_series = series.filter(code=code).first()
    if registry_series is None and code in DEFAULT_SERIES:
        name, prefix = DEFAULT_SERIES[code]
        registry_series, _created = series.get_or_create(
            municipality_id=municipality_id, code=code, defaults={"name": name, "prefix": prefix}
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
