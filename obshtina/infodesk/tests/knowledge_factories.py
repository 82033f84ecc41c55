"""Knowledge-base entries for tests, indexed for search as the editor saves them."""

import factory

from obshtina.infodesk.models import Regulation, Service, Theme
from obshtina.infodesk.selectors.search import search_text_for


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Тема {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Услуга {n}")
    slug = factory.Sequence(lambda n: f"usluga-{n}")
    purpose = "Описание на услугата."
    search_text = factory.LazyAttribute(lambda entry: search_text_for(entry.name, entry.purpose))

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class RegulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regulation
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Наредба {n}")
    slug = factory.Sequence(lambda n: f"naredba-{n}")
    kind = Regulation.Kind.ORDINANCE
    summary = "Резюме на наредбата."
    search_text = factory.LazyAttribute(lambda entry: search_text_for(entry.title, entry.summary))

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
