import factory

from obshtina.organization.models import Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Отдел „Звено {n}“")
    slug = factory.Sequence(lambda n: f"zveno-{n}")
