"""The main streets of Самоков for the demo gazetteer (``load_demo_data``).

Coordinates are approximate (a point near each street's middle, within a hundred
metres or so); a real deployment imports its streets from an OpenStreetMap extract
(``manage.py import_streets``), which replaces these points.
"""

from decimal import Decimal

from django.db import transaction

from .models import Settlement, Street

TOWN_STREETS = [
    # (kind, name, latitude, longitude)
    (Street.Kind.STREET, "Търговска", "42.337600", "23.555800"),
    (Street.Kind.STREET, "Македония", "42.336200", "23.551400"),
    (Street.Kind.BOULEVARD, "Искър", "42.332600", "23.557200"),
    (Street.Kind.STREET, "Христо Ботев", "42.339300", "23.549600"),
    (Street.Kind.STREET, "Софийско шосе", "42.346200", "23.546300"),
    (Street.Kind.SQUARE, "Захари Зограф", "42.337300", "23.553400"),
    (Street.Kind.STREET, "Отец Паисий", "42.340100", "23.556500"),
    (Street.Kind.STREET, "Васил Левски", "42.335100", "23.559300"),
    (Street.Kind.STREET, "Георги Бенковски", "42.341200", "23.552100"),
    (Street.Kind.STREET, "Никола Вапцаров", "42.333800", "23.549800"),
    (Street.Kind.STREET, "Ген. Владимир Заимов", "42.330900", "23.553900"),
    (Street.Kind.STREET, "Скакавица", "42.329700", "23.559900"),
]


@transaction.atomic
def streets_load() -> int:
    """Create the missing streets of the town; returns how many were created."""
    town = Settlement.objects.filter(kind=Settlement.Kind.TOWN).order_by("pk").first()
    if town is None:
        return 0
    created = 0
    for kind, name, latitude, longitude in TOWN_STREETS:
        _street, is_new = Street.objects.get_or_create(
            settlement=town,
            name=name,
            defaults={"kind": kind, "latitude": Decimal(latitude), "longitude": Decimal(longitude)},
        )
        created += is_new
    return created
