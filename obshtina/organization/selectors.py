from django.db.models import QuerySet

from .models import Municipality, Settlement, Unit


def current_municipality() -> Municipality:
    """The deployment's municipality; created with defaults on first use."""
    municipality = Municipality.objects.order_by("pk").first()
    if municipality is None:
        municipality = Municipality.objects.create()
    return municipality


def active_units() -> QuerySet[Unit]:
    return Unit.objects.filter(is_active=True).order_by("name")


def settlements() -> QuerySet[Settlement]:
    return Settlement.objects.all()


def contact_centre_unit() -> Unit | None:
    """The unit that receives what no routing rule covers."""
    return Unit.objects.filter(is_contact_centre=True, is_active=True).order_by("pk").first()
