"""Asking a question through "Задай въпрос": number, e-mail, routing, the form's errors."""

import pytest
from django.core import mail
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question
from obshtina.infodesk.services.questions import QuestionError, question_route
from obshtina.organization.tests.factories import UnitFactory

from .questions_factories import EMAIL, NAME, TEXT, TopicFactory, ask

pytestmark = pytest.mark.django_db

URL = reverse("infodesk:ask")


@pytest.fixture
def topic():
    return TopicFactory(name="Адресна регистрация")


def test_an_anonymous_question_gets_a_v_number_and_the_sent_page_shows_it(client, topic):
    response = client.post(URL, {"topic": topic.pk, "text": TEXT}, follow=True)
    question = Question.objects.get()
    assert question.number.startswith("В-")
    assert question.author is None
    assert response.redirect_chain[-1][0] == reverse(
        "infodesk:question_sent", kwargs={"token": question.access_token}
    )
    assert question.number in response.content.decode()


def test_with_an_email_the_asker_gets_the_number_and_the_access_link(
    client, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"topic": topic.pk, "text": TEXT, "name": NAME, "email": EMAIL})
    question = Question.objects.get()
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert question.number in message.subject
    assert question.get_access_url() in message.body


def test_without_an_email_nothing_is_sent(client, topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"topic": topic.pk, "text": TEXT})
    assert mail.outbox == []


def test_an_empty_question_gets_a_message_and_keeps_what_was_typed(client, topic):
    response = client.post(URL, {"topic": topic.pk, "text": "   ", "name": "Петър Тестов"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Напишете въпроса си." in html
    assert "Петър Тестов" in html
    assert not Question.objects.exists()


def test_a_bad_email_is_explained_next_to_the_field(client, topic):
    response = client.post(URL, {"topic": topic.pk, "text": TEXT, "email": "не-е-имейл"})
    assert "Въведете валиден имейл адрес" in response.content.decode()
    assert not Question.objects.exists()


def test_a_signed_in_citizen_is_the_author_and_their_data_are_filled_in(client, topic):
    user = UserFactory(first_name="Елена", last_name="Профилова")
    client.force_login(user)
    assert "Елена Профилова" in client.get(URL).content.decode()
    client.post(URL, {"topic": topic.pk, "text": TEXT})
    question = Question.objects.get()
    assert question.author == user
    assert question.asker_email == user.email
    assert question.asker_name == "Елена Профилова"


def test_a_question_goes_to_the_unit_of_its_topic(topic):
    assert ask(topic=topic).unit == topic.unit


def test_a_topic_without_a_unit_goes_to_the_contact_centre():
    centre = UnitFactory(name="Контактен център", is_contact_centre=True)
    assert ask(topic=TopicFactory(unit=None)).unit == centre


def test_without_any_unit_the_citizen_is_told_to_call():
    with pytest.raises(QuestionError):
        question_route(topic=TopicFactory(unit=None))
