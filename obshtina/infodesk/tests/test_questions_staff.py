"""The staff side: the queue, the answer, closing, and the public FAQ version."""

import pytest
from django.core import mail
from django.urls import reverse

from obshtina.infodesk.models import Question
from obshtina.organization.models import Role
from obshtina.organization.tests.factories import UnitFactory, staff

from .questions_factories import EMAIL, NAME, TEXT, TopicFactory, ask, officer_of

pytestmark = pytest.mark.django_db

QUEUE = reverse("casework:workspace")
ANSWER = "Подайте заявление в центъра за услуги; таксата е 5 лв."


@pytest.fixture
def question():
    return ask(asker_name=NAME, asker_email=EMAIL)


@pytest.fixture
def officer(client, question):
    user = officer_of(question.unit)
    client.force_login(user)
    return user


def manage_url(question: Question) -> str:
    return reverse("infodesk:question_manage", kwargs={"number": question.number})


def test_the_queue_lists_only_the_questions_of_the_officers_units(client, officer, question):
    other = ask(topic=TopicFactory(unit=UnitFactory()))
    html = client.get(QUEUE).content.decode()
    assert question.number in html
    assert other.number not in html


def test_the_queue_finds_a_question_by_number_and_filters_by_status(client, officer, question):
    second = ask(topic=question.topic)
    html = client.get(QUEUE, {"kind": "question", "q": question.number}).content.decode()
    assert question.number in html and second.number not in html
    assert (
        question.number
        not in client.get(QUEUE, {"kind": "question", "status": "answered"}).content.decode()
    )


def test_an_operator_sees_every_unit_but_cannot_answer(client, question):
    client.force_login(staff(Role.OPERATOR))
    assert question.number in client.get(QUEUE).content.decode()
    response = client.post(manage_url(question), {"action": "answer", "answer": ANSWER})
    assert response.status_code == 403


def test_a_citizen_is_refused_and_an_anonymous_visitor_must_log_in(client, question):
    assert client.get(QUEUE).status_code == 302
    client.force_login(officer_of(UnitFactory()))
    assert client.get(manage_url(question)).status_code == 404


def test_the_manage_page_shows_the_question_and_the_asker(client, officer, question):
    html = client.get(manage_url(question)).content.decode()
    assert "Тайна 7" in html
    assert EMAIL in html


def test_the_answer_is_emailed_to_the_asker_and_shown_on_the_public_page(
    client, officer, question, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(question), {"action": "answer", "answer": ANSWER})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert question.answered_by == officer
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert ANSWER in message.body
    assert question.get_access_url() in message.body
    assert ANSWER in client.get(question.get_absolute_url()).content.decode()


def test_an_empty_answer_gets_a_message(client, officer, question):
    response = client.post(manage_url(question), {"action": "answer", "answer": ""})
    assert response.status_code == 400
    assert "Напишете отговора." in response.content.decode()


def test_a_closed_question_cannot_be_answered(client, officer, question):
    client.post(manage_url(question), {"action": "close"})
    question.refresh_from_db()
    assert question.status == Question.Status.CLOSED
    response = client.post(manage_url(question), {"action": "answer", "answer": ANSWER})
    assert response.status_code == 400
    assert "приключен" in response.content.decode()


def test_the_faq_form_starts_from_the_askers_text(client, officer, question):
    html = client.get(manage_url(question)).content.decode()
    textarea = html.split('name="faq_question"')[1].split("</textarea>")[0]
    assert "Тайна 7" in textarea


def test_a_published_faq_shows_only_the_edited_text_on_the_public_page(client, officer, question):
    client.post(manage_url(question), {"action": "answer", "answer": "Уважаема г-жо Тайнова, ..."})
    response = client.post(
        manage_url(question),
        {
            "action": "faq",
            "faq_question": "Как да сменя постоянния си адрес?",
            "faq_answer": ANSWER,
        },
    )
    assert response.status_code == 302
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Как да сменя постоянния си адрес?" in html
    assert ANSWER in html
    assert "Тайнова" not in html
    assert TEXT not in html


def test_a_question_is_published_as_faq_only_after_an_answer(client, officer, question):
    response = client.post(
        manage_url(question), {"action": "faq", "faq_question": "Въпрос?", "faq_answer": "Да."}
    )
    assert response.status_code == 400
    question.refresh_from_db()
    assert not question.is_faq


def test_unpublishing_removes_the_faq_entry(client, officer, question):
    client.post(manage_url(question), {"action": "answer", "answer": ANSWER})
    client.post(manage_url(question), {"action": "faq", "faq_question": "В?", "faq_answer": "О."})
    client.post(manage_url(question), {"action": "unpublish"})
    question.refresh_from_db()
    assert not question.is_faq
