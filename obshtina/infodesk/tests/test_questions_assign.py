"""Assigning a question to an officer of its unit, "Поеми", undoing it, and "assigned to me"."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question, QuestionEvent
from obshtina.infodesk.services.questions import QuestionError, question_assign
from obshtina.notifications.models import Notification
from obshtina.organization.models import Role
from obshtina.organization.tests.factories import UnitFactory, staff

from .questions_factories import ask, officer_of

pytestmark = pytest.mark.django_db

QUEUE = reverse("casework:workspace")


@pytest.fixture
def question():
    return ask()


@pytest.fixture
def officer(client, question):
    user = officer_of(question.unit)
    client.force_login(user)
    return user


@pytest.fixture
def colleague(question):
    user = officer_of(question.unit)
    user.first_name, user.last_name = "Георги", "Колев"
    user.save()
    return user


def manage_url(question: Question) -> str:
    return reverse("infodesk:question_manage", kwargs={"number": question.number})


def test_a_question_is_assigned_to_a_colleague_of_the_unit(client, officer, question, colleague):
    assert "Георги Колев" in client.get(manage_url(question)).text  # in the menu
    response = client.post(manage_url(question), {"action": "assign", "assignee": colleague.pk})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.assigned_to == colleague
    event = question.events.get(kind=QuestionEvent.Kind.ASSIGNED)
    assert not event.is_public and event.actor == officer
    assert "Георги Колев" in event.internal_note
    client.logout()
    assert "Колев" not in client.get(question.get_absolute_url()).text


def test_the_assignee_hears_of_it_and_who_takes_it_does_not(client, officer, question, colleague):
    def notices_to(user):
        return Notification.objects.filter(to_email=user.email, template="work_notice")

    client.post(manage_url(question), {"action": "assign", "assignee": colleague.pk})
    (notice,) = notices_to(colleague)
    assert question.number in notice.subject
    assert "Тайнова" not in notice.text_body  # the asker stays behind the login
    before = notices_to(officer).count()  # it was routed to their unit
    client.post(manage_url(question), {"action": "take"})
    question.refresh_from_db()
    assert question.assigned_to == officer
    assert notices_to(officer).count() == before


def test_a_question_cannot_be_assigned_outside_its_unit(client, officer, question):
    stranger = officer_of(UnitFactory())
    response = client.post(manage_url(question), {"action": "assign", "assignee": stranger.pk})
    assert response.status_code == 400
    assert "само на служител от звеното" in response.text
    question.refresh_from_db()
    assert question.assigned_to is None


def test_the_service_refuses_an_inactive_member(officer, question, colleague):
    colleague.is_active = False
    colleague.save()
    with pytest.raises(QuestionError, match="само на служител от звеното"):
        question_assign(question=question, actor=officer, assignee=colleague)


def test_the_service_refuses_a_user_with_no_unit(officer, question):
    with pytest.raises(QuestionError, match="само на служител от звеното"):
        question_assign(question=question, actor=officer, assignee=UserFactory())


def test_an_officer_takes_a_question_in_one_click(client, officer, question):
    assert 'value="take"' in client.get(manage_url(question)).text
    response = client.post(manage_url(question), {"action": "take"}, follow=True)
    assert "Въпросът е възложен на вас." in response.text
    question.refresh_from_db()
    assert question.assigned_to == officer
    assert 'value="take"' not in response.text  # it is theirs now


def test_an_operator_may_neither_take_nor_assign(client, question, colleague):
    client.force_login(staff(Role.OPERATOR))
    assert 'value="take"' not in client.get(manage_url(question)).text
    assert client.post(manage_url(question), {"action": "take"}).status_code == 403
    response = client.post(manage_url(question), {"action": "assign", "assignee": colleague.pk})
    assert response.status_code == 403


def test_an_assignment_is_undone_and_the_history_keeps_both(client, officer, question, colleague):
    client.post(manage_url(question), {"action": "assign", "assignee": colleague.pk})
    assert "Премахни възлагането" in client.get(manage_url(question)).text
    response = client.post(manage_url(question), {"action": "unassign"}, follow=True)
    assert "Възлагането е премахнато." in response.text
    question.refresh_from_db()
    assert question.assigned_to is None
    assert "Премахни възлагането" not in response.text
    kinds = list(question.events.values_list("kind", flat=True))
    assert kinds == ["created", "assigned", "unassigned"]
    undone = question.events.get(kind=QuestionEvent.Kind.UNASSIGNED)
    assert not undone.is_public and "Георги Колев" in undone.internal_note


def test_undoing_an_assignment_that_is_not_there_says_so(client, officer, question):
    response = client.post(manage_url(question), {"action": "unassign"}, follow=True)
    assert "Въпросът не е възложен на никого." in response.text
    assert not question.events.filter(kind=QuestionEvent.Kind.UNASSIGNED).exists()


def test_an_officer_of_another_unit_cannot_undo_an_assignment(client, question, colleague):
    question_assign(question=question, actor=colleague, assignee=colleague)
    client.force_login(officer_of(UnitFactory()))
    assert client.post(manage_url(question), {"action": "unassign"}).status_code == 404
    question.refresh_from_db()
    assert question.assigned_to == colleague


def test_the_queue_filters_the_questions_assigned_to_me(client, officer, question, colleague):
    mine = ask(topic=question.topic)
    question_assign(question=mine, actor=officer, assignee=officer)
    question_assign(question=question, actor=officer, assignee=colleague)
    html = client.get(QUEUE, {"kind": "question", "assignee": "me"}).text
    assert mine.number in html
    assert question.number not in html
    assert "Георги Колев" in client.get(QUEUE).text  # the column of who answers
