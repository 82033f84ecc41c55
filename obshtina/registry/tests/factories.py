import factory

from obshtina.organization.models import Unit
from obshtina.registry.models import RegistrySeries


class RegistrySeriesFactory(factory.django.DjangoModelFactory):
    """Series made by tests themselves, so they do not depend on migration data
    (transactional tests flush it)."""

    class Meta:
        model = RegistrySeries
        django_get_or_create = ["code"]

    code = "reports"
    name = "Сигнали"
    prefix = "С"


class UnitFactory(factory.django.DjangoModelFactory):
    """A real model to stand in for an item (report, letter, …) a number is given to."""

    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Отдел {n}")
    slug = factory.Sequence(lambda n: f"otdel-{n}")
