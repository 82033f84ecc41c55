"""A question's timeline: every change leaves an event; the public and the asker see the
public ones without who made them, staff see all of them and the internal notes."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question, QuestionEvent
from obshtina.organization.models import Role
from obshtina.organization.tests.factories import UnitFactory, staff

from .questions_factories import EMAIL, NAME, ask, officer_of

pytestmark = pytest.mark.django_db

ANSWER = "Подайте заявление в центъра за услуги; таксата е 5 лв."
NOTE = "Питащият се обади и по телефона; да се провери в ГРАО."


@pytest.fixture
def question():
    return ask(asker_name=NAME, asker_email=EMAIL)


@pytest.fixture
def officer(client, question):
    user = officer_of(question.unit)
    user.first_name, user.last_name = "Гергана", "Служебна"
    user.save()
    client.force_login(user)
    return user


def manage_url(question: Question) -> str:
    return reverse("infodesk:question_manage", kwargs={"number": question.number})


def timeline_of(html: str, heading_id: str) -> str:
    return html.split(f'id="{heading_id}"')[1].split("</section>")[0]


def public_timeline(client, question: Question) -> str:
    return timeline_of(client.get(question.get_absolute_url()).text, "question-timeline")


def asker_timeline(client, question: Question) -> str:
    return timeline_of(client.get(question.get_access_url()).text, "question-timeline")


def staff_timeline(client, question: Question) -> str:
    return timeline_of(client.get(manage_url(question)).text, "timeline-title")


def test_a_new_question_shows_that_it_was_registered_to_the_public_and_the_asker(client, question):
    assert "Регистриран" in public_timeline(client, question)
    assert "Регистриран" in asker_timeline(client, question)


def test_the_answer_is_an_event_that_the_public_sees_without_the_officers_name(
    client, officer, question
):
    client.post(manage_url(question), {"action": "answer", "answer": ANSWER})
    staff_side = staff_timeline(client, question)
    assert "Отговорен" in staff_side and "Гергана Служебна" in staff_side
    assert ANSWER in staff_side  # what was sent stays in the history
    client.logout()
    public_side = public_timeline(client, question)
    assert "Отговорен" in public_side
    assert "нов → отговорен" in public_side
    assert "Гергана" not in client.get(question.get_absolute_url()).text
    assert "Гергана" not in client.get(question.get_access_url()).text


def test_closing_is_an_event_on_the_public_page(client, officer, question):
    client.post(manage_url(question), {"action": "close"})
    client.logout()
    assert "нов → приключен" in public_timeline(client, question)


def test_closing_a_closed_question_says_so_and_leaves_no_second_event(client, officer, question):
    client.post(manage_url(question), {"action": "close"})
    response = client.post(manage_url(question), {"action": "close"}, follow=True)
    assert "Въпросът вече е приключен." in response.text
    assert question.events.filter(kind=QuestionEvent.Kind.CLOSED).count() == 1


def test_publishing_as_faq_is_public_news_but_the_original_answer_stays_with_staff(
    client, officer, question
):
    client.post(manage_url(question), {"action": "answer", "answer": "Уважаема г-жо Тайнова, ..."})
    client.post(
        manage_url(question),
        {"action": "faq", "faq_question": "Как да сменя адреса си?", "faq_answer": ANSWER},
    )
    client.logout()
    html = client.get(question.get_absolute_url()).text
    assert "Публикуван като често задаван въпрос" in timeline_of(html, "question-timeline")
    assert "Тайнова" not in html


def test_an_internal_note_is_shown_to_staff_only(client, officer, question):
    response = client.post(manage_url(question), {"action": "note", "note": NOTE})
    assert response.status_code == 302
    staff_side = staff_timeline(client, question)
    assert NOTE in staff_side and "вътрешна" in staff_side
    client.logout()
    assert NOTE not in client.get(question.get_absolute_url()).text
    assert NOTE not in client.get(question.get_access_url()).text
    assert "Вътрешна бележка" not in public_timeline(client, question)


def test_an_empty_note_gets_a_message(client, officer, question):
    response = client.post(manage_url(question), {"action": "note", "note": "  "})
    assert response.status_code == 400
    assert "Напишете бележката." in response.text
    assert not question.events.filter(kind=QuestionEvent.Kind.NOTE).exists()


def test_an_operator_reads_the_timeline_but_cannot_write_a_note(client, question):
    client.force_login(staff(Role.OPERATOR))
    assert "Регистриран" in staff_timeline(client, question)
    assert client.post(manage_url(question), {"action": "note", "note": NOTE}).status_code == 403


def test_an_officer_of_another_unit_cannot_write_a_note(client, question):
    client.force_login(officer_of(UnitFactory()))
    assert client.post(manage_url(question), {"action": "note", "note": NOTE}).status_code == 404
    assert not question.events.filter(kind=QuestionEvent.Kind.NOTE).exists()


def test_questions_asked_before_the_timeline_get_their_registration_and_answer(question):
    officer = officer_of(question.unit)
    answered_at = timezone.now()
    Question.objects.filter(pk=question.pk).update(
        status=Question.Status.ANSWERED, answer=ANSWER, answered_at=answered_at, answered_by=officer
    )
    unanswered = ask(topic=question.topic)
    QuestionEvent.objects.all().delete()

    migration = importlib.import_module("obshtina.infodesk.migrations.0004_question_events")
    migration.give_timelines(apps, None)

    registered, answered = question.events.order_by("created_at", "pk")
    assert (registered.kind, registered.created_at) == ("created", question.created_at)
    assert (answered.kind, answered.actor) == ("answered", officer)
    assert answered.created_at == answered_at
    assert answered.data == {"answer": ANSWER}
    assert [event.kind for event in unanswered.events.all()] == ["created"]


def test_an_administrator_reads_the_timeline_in_the_admin(client, officer, question):
    client.post(manage_url(question), {"action": "note", "note": NOTE})
    client.force_login(UserFactory(is_staff=True, is_superuser=True, second_factor=True))
    response = client.get(reverse("admin:infodesk_question_change", args=[question.pk]))
    assert response.status_code == 200
    assert "вътрешна бележка" in response.text and "регистриран" in response.text
