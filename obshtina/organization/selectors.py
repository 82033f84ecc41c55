from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from .hosts import forget_hosts, serving_municipality
from .models import Membership, Municipality, Settlement, Unit

MUNICIPALITY_CACHE_KEY = "organization:municipality"
MUNICIPALITY_CACHE_SECONDS = 300


def current_municipality() -> Municipality:
    """The municipality being served: the request's (its host decides, see
    organization.hosts) or, outside a request, the first one; created with defaults
    on first use.

    Every page asks for it (the frame, the map), so it is kept in the shared cache;
    saving or deleting it forgets it there (``forget_municipality``)."""
    municipality = serving_municipality()
    if municipality is not None:
        return municipality
    municipality = cache.get(MUNICIPALITY_CACHE_KEY)
    if municipality is not None:
        return municipality
    municipality = Municipality.objects.order_by("pk").first()
    if municipality is None:
        try:
            with transaction.atomic():
                return Municipality.objects.create()  # kept from the next read, once committed
        except IntegrityError:  # created at the same moment by another request
            return Municipality.objects.order_by("pk").first()
    cache.set(MUNICIPALITY_CACHE_KEY, municipality, MUNICIPALITY_CACHE_SECONDS)
    return municipality


def site_url() -> str:
    """The address of the municipality being served, for links in e-mails and feeds
    (``Municipality.site_url``)."""
    return current_municipality().site_url


def forget_municipality(created: bool = False, **kwargs) -> None:
    """Now, and again at the commit of a change: a read before it may have kept the old row."""

    def forget():
        cache.delete(MUNICIPALITY_CACHE_KEY)
        forget_hosts()

    forget()
    if not created:
        transaction.on_commit(forget)


def active_units() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).order_by("name")


def unit_members(unit: Unit | None) -> QuerySet:
    """The active members (officers and heads) of a unit, by name; none for no unit:
    whom its items may be assigned to, and who hears of what reaches it."""
    if unit is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            pk__in=Membership.objects.filter(unit=unit).values("user_id"), is_active=True
        )
        .order_by("last_name", "first_name", "email")
    )


def may_take(user, item) -> bool:
    """ "Поеми": is the user a member of the item's unit, and not its assignee yet?"""
    return item.assigned_to_id != user.pk and unit_members(item.unit).filter(pk=user.pk).exists()


def settlements() -> QuerySet[Settlement]:
    return Settlement.objects.all()


def contact_centre_unit() -> Unit | None:
    """The unit that receives what no routing rule covers."""
    return Unit.objects.filter(is_contact_centre=True, is_active=True).order_by("pk").first()
