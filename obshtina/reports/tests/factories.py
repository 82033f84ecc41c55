"""Reports for tests: real submissions through the service, so numbers, routing
and the timeline are as in production."""

import factory

from obshtina.organization.models import Unit
from obshtina.reports.models import Category, Report
from obshtina.reports.services.submission import report_submit

SAMOKOV = (42.3370, 23.5528)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Отдел {n}")
    slug = factory.Sequence(lambda n: f"otdel-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Категория {n}")
    slug = factory.Sequence(lambda n: f"kategoria-{n}")
    unit = factory.SubFactory(UnitFactory)


def submit_report(
    *, category: Category | None = None, latitude=SAMOKOV[0], longitude=SAMOKOV[1], **kwargs
) -> Report:
    """A report submitted by the real service (defaults: a new category, central Samokov)."""
    kwargs.setdefault("description", "Дупка на пътя пред училището")
    return report_submit(
        category=category or CategoryFactory(),
        latitude=latitude,
        longitude=longitude,
        **kwargs,
    )
