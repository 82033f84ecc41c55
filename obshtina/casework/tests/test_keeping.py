"""Who keeps the answer templates, tried from outside with the test client:
editors every template, a unit head only their unit's, a plain officer none."""

import pytest

from obshtina.casework.models import AnswerTemplate
from obshtina.organization.tests.factories import UnitFactory

from .helpers import active_url, answer_template, edit_url, list_url, new_url, person

pytestmark = pytest.mark.django_db

NEW = {"title": "Прието", "kind": "report", "text": "Сигнал {номер} е приет.", "status": ""}


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Екология“")


@pytest.fixture
def other_unit():
    return UnitFactory(name="Отдел „Строителство“")


def test_an_editor_creates_a_template_for_the_whole_municipality(client):
    editor = person(role="editor")
    client.force_login(editor)

    response = client.post(new_url(), NEW)

    assert response.status_code == 302
    template = AnswerTemplate.objects.get()
    assert (template.title, template.unit, template.created_by) == ("Прието", None, editor)


def test_a_unit_head_creates_a_template_for_their_unit(client, unit):
    client.force_login(person(unit=unit, is_head=True))

    response = client.post(new_url(), {**NEW, "unit": unit.pk})

    assert response.status_code == 302
    assert AnswerTemplate.objects.get().unit == unit


def test_a_unit_head_cannot_create_a_template_of_another_unit(client, unit, other_unit):
    client.force_login(person(unit=unit, is_head=True))

    response = client.post(new_url(), {**NEW, "unit": other_unit.pk})

    assert response.status_code == 400
    assert not AnswerTemplate.objects.exists()


def test_a_unit_head_does_not_see_or_edit_another_units_template(client, unit, other_unit):
    theirs = answer_template(title="Чуждият", unit=other_unit)
    client.force_login(person(unit=unit, is_head=True))

    assert "Чуждият" not in client.get(list_url()).text
    assert client.get(edit_url(theirs)).status_code == 404
    assert client.post(active_url(theirs), {"is_active": "0"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active


def test_a_unit_head_does_not_edit_the_municipalitys_templates(client, unit):
    municipal = answer_template(title="На общината")
    client.force_login(person(unit=unit, is_head=True))

    assert client.get(edit_url(municipal)).status_code == 404


def test_a_plain_officer_may_not_open_the_templates(client, unit):
    client.force_login(person(unit=unit))

    assert client.get(list_url()).status_code == 403
    assert client.post(new_url(), NEW).status_code == 403
    assert not AnswerTemplate.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(list_url())

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_editor_deactivates_a_template_and_it_is_no_longer_offered(client):
    template = answer_template(title="Остарял")
    client.force_login(person(role="editor"))

    response = client.post(active_url(template), {"is_active": "0"}, follow=True)

    template.refresh_from_db()
    assert not template.is_active
    assert "вече не се предлага" in response.text


def test_an_editor_edits_a_units_template(client, unit):
    template = answer_template(title="Старо заглавие", unit=unit)
    client.force_login(person(role="editor"))

    response = client.post(edit_url(template), {**NEW, "title": "Ново заглавие", "unit": unit.pk})

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.title == "Ново заглавие"


def test_the_citizens_name_in_a_report_template_gives_a_bulgarian_message(client):
    client.force_login(person(role="editor"))

    response = client.post(new_url(), {**NEW, "text": "Уважаеми {име},"})

    assert response.status_code == 400
    assert "името на гражданина не се публикува" in response.text
    assert not AnswerTemplate.objects.exists()


def test_an_unknown_placeholder_gives_a_bulgarian_message(client):
    client.force_login(person(role="editor"))

    response = client.post(new_url(), {**NEW, "text": "Благодарим, {телефон}."})

    assert response.status_code == 400
    assert "Непознат заместител {телефон}" in response.text


def test_an_empty_text_gives_a_bulgarian_message(client):
    client.force_login(person(role="editor"))

    response = client.post(new_url(), {**NEW, "text": "   "})

    assert response.status_code == 400
    assert "Напишете текста на шаблона." in response.text
