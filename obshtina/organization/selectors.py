from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from .models import Municipality, Settlement, Unit

MUNICIPALITY_CACHE_KEY = "organization:municipality"
MUNICIPALITY_CACHE_SECONDS = 300


def current_municipality() -> Municipality:
    """The deployment's municipality; created with defaults on first use.

    Every page asks for it (the frame, the map), so it is kept in the shared cache;
    saving or deleting it forgets it there (``forget_municipality``)."""
    municipality = cache.get(MUNICIPALITY_CACHE_KEY)
    if municipality is not None:
        return municipality
    municipality = Municipality.objects.order_by("pk").first()
    if municipality is None:
        return Municipality.objects.create()  # kept from the next read, once committed
    cache.set(MUNICIPALITY_CACHE_KEY, municipality, MUNICIPALITY_CACHE_SECONDS)
    return municipality


def forget_municipality(created: bool = False, **kwargs) -> None:
    """Now, and again at the commit of a change: a read before it may have kept the old row."""
    cache.delete(MUNICIPALITY_CACHE_KEY)
    if not created:
        transaction.on_commit(lambda: cache.delete(MUNICIPALITY_CACHE_KEY))


def active_units() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).order_by("name")


def settlements() -> QuerySet[Settlement]:
    return Settlement.objects.all()


def contact_centre_unit() -> Unit | None:
    """The unit that receives what no routing rule covers."""
    return Unit.objects.filter(is_contact_centre=True, is_active=True).order_by("pk").first()
