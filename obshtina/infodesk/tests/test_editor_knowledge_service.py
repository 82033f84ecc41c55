"""The knowledge services the editors' pages call."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from obshtina.infodesk.models import Regulation, Service
from obshtina.infodesk.selectors.search import search_knowledge
from obshtina.infodesk.services.knowledge import regulation_save, service_save

from .editor_helpers import fake_pdf, person, theme

pytestmark = pytest.mark.django_db


def save(actor, name="Адресна регистрация", **kwargs):
    return service_save(actor=actor, data={"name": name, **kwargs}, themes=[])


def test_two_services_with_the_same_name_get_different_slugs():
    editor = person("editor")

    first, second, third = (save(editor) for _ in range(3))

    assert first.slug == "адресна-регистрация"
    assert second.slug == "адресна-регистрация-2"
    assert third.slug == "адресна-регистрация-3"


def test_a_name_without_letters_still_gets_a_slug():
    assert save(person("editor"), name="„—“").slug == "zapis"


def test_a_service_is_found_by_its_texts_and_by_the_names_of_its_themes():
    service = save(person("editor"), name="Удостоверение", purpose="наследници")
    service_save(
        service=service,
        actor=person("editor"),
        data={"name": "Удостоверение за наследници"},
        themes=[theme("Смърт на близък", "smart")],
    )

    assert [hit.title for hit in search_knowledge("наследник")] == ["Удостоверение за наследници"]
    assert [hit.title for hit in search_knowledge("смърт")] == ["Удостоверение за наследници"]


@pytest.mark.parametrize("kind", ["citizen", "officer", "operator"])
def test_only_editors_and_administrators_may_save(kind):
    with pytest.raises(PermissionDenied):
        save(person(kind))
    assert not Service.objects.exists()


def test_a_bad_regulation_file_raises_before_anything_is_written():
    with pytest.raises(ValidationError) as error:
        regulation_save(
            actor=person("editor"),
            data={"title": "Наредба", "kind": "ordinance"},
            themes=[],
            file=fake_pdf(),
        )
    assert "file" in error.value.message_dict
    assert not Regulation.objects.exists()


def test_saving_refreshes_the_last_updated_date():
    service = save(person("editor"))
    before = service.updated_at

    service = service_save(
        service=service, actor=person("administrator"), data={"fees": "10 лв."}, themes=[]
    )

    service.refresh_from_db()
    assert service.updated_at > before
