""" "Моите": everything a citizen filed while signed in, of every kind, in one list."""

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.tests.factories import file_document
from obshtina.infodesk.models import QuestionTopic
from obshtina.infodesk.services.questions import question_submit
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday
from obshtina.reports.tests.factories import UnitFactory, submit_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen():
    return UserFactory()


@pytest.fixture
def filed(citizen):
    topic = QuestionTopic.objects.create(name="Местни данъци", unit=UnitFactory())
    return {
        "report": submit_report(author=citizen),
        "question": question_submit(topic=topic, text="Кога се плаща данъкът?", author=citizen),
        "complaint": file_document(
            author=citizen, kind=Correspondence.Kind.COMPLAINT, subject="Шум нощем"
        ),
        "meeting": book(ScheduleFactory(), at(next_weekday(2), "10:00"), author=citizen),
    }


def mine(client, **params):
    return client.get(reverse("accounts:mine"), params)


def test_every_kind_the_citizen_filed_is_in_one_list(client, citizen, filed):
    client.force_login(citizen)
    response = mine(client)
    assert response.status_code == 200
    html = response.text
    for item in filed.values():
        assert item.number in html
        assert item.get_absolute_url() in html
    assert "Шум нощем" in html and "Жалба" in html
    assert "Местни данъци" in html
    assert f"Срок: {timezone.localtime(filed['report'].due_at):%d.%m.%Y}" in html


def test_the_menu_leads_to_it(client, citizen):
    client.force_login(citizen)
    home = client.get("/").text
    assert f'href="{reverse("accounts:mine")}"' in home


def test_one_kind_can_be_shown_alone(client, citizen, filed):
    client.force_login(citizen)
    html = mine(client, kind="questions").text
    assert filed["question"].number in html
    assert filed["report"].number not in html
    assert filed["complaint"].number not in html


def test_an_unknown_kind_shows_everything_rather_than_an_error(client, citizen, filed):
    client.force_login(citizen)
    response = mine(client, kind="<script>", page="x")
    assert response.status_code == 200
    assert filed["meeting"].number in response.text


def test_another_citizen_sees_nothing_of_it(client, filed):
    client.force_login(UserFactory())
    html = mine(client).text
    for item in filed.values():
        assert item.number not in html
    assert "Все още няма нищо подадено от вас." in html


def test_a_visitor_is_asked_to_log_in(client):
    response = mine(client)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
