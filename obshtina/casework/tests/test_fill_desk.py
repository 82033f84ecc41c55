"""Letters and access-to-information documents: templates with the sender's name."""

import pytest

from obshtina.casework.models import AnswerTemplate
from obshtina.correspondence.models import Correspondence, OutgoingDocument
from obshtina.correspondence.tests.desk_helpers import manage_url, officer_of
from obshtina.correspondence.tests.factories import UnitFactory, file_document

from .helpers import answer_template, textarea

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Местни данъци“")


@pytest.fixture
def officer(client, unit):
    user = officer_of(unit)
    client.force_login(user)
    return user


def test_fill_on_a_letters_answer_greets_the_sender_and_saves_nothing(client, officer, unit):
    letter = file_document(addressee=unit, sender_name="Мария Тайнова")
    template = answer_template(
        kind=AnswerTemplate.Kind.LETTER, text="Уважаема {име}, по писмо {номер} от {дата}: ..."
    )

    response = client.post(
        manage_url(letter),
        {
            "action": "answer",
            "kind": "answer",
            "answer_template": template.pk,
            "fill_template": "1",
        },
    )

    assert response.status_code == 200
    assert textarea(response.text, "text").startswith(
        f"Уважаема Мария Тайнова, по писмо {letter.number} от"
    )
    assert not OutgoingDocument.objects.exists()


def test_the_answer_form_starts_with_the_automatic_template_of_answered_chosen(
    client, officer, unit
):
    letter = file_document(addressee=unit)
    template = answer_template(kind=AnswerTemplate.Kind.LETTER, status="answered")

    page = client.get(manage_url(letter)).text

    assert f'<option value="{template.pk}" selected>' in page


def test_fill_on_an_access_decision_uses_the_outcomes_automatic_template(client, officer, unit):
    request = file_document(
        kind=Correspondence.Kind.ACCESS_REQUEST, addressee=unit, sender_name="Петър Петров"
    )
    answer_template(
        title="Отказ",
        kind=AnswerTemplate.Kind.ACCESS_REQUEST,
        step=AnswerTemplate.Step.DECISION,
        status=Correspondence.Status.REFUSED,
        text="Уважаеми {име}, по заявление {номер} отказваме достъп.",
    )

    response = client.post(
        manage_url(request),
        {"action": "access_decide", "outcome": "refuse", "text": "", "fill_template": "1"},
    )

    assert response.status_code == 200
    decision = response.text.split('id="action-access_decide"')[1]
    assert textarea(decision, "text") == (
        f"Уважаеми Петър Петров, по заявление {request.number} отказваме достъп."
    )
    request.refresh_from_db()
    assert request.status == Correspondence.Status.REGISTERED


def test_a_notice_template_is_offered_only_for_its_step(client, officer, unit):
    request = file_document(kind=Correspondence.Kind.ACCESS_REQUEST, addressee=unit)
    answer_template(
        title="Уточнете",
        kind=AnswerTemplate.Kind.ACCESS_REQUEST,
        step=AnswerTemplate.Step.CLARIFICATION,
    )

    page = client.get(manage_url(request)).text

    assert 'id="id_access_clarification_answer_template"' in page
    assert 'id="id_access_decide_answer_template"' not in page
