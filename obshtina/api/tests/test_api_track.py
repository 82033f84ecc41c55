"""GET track/{number}: any item by its registry number, for those who may see it."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import QuestionTopic
from obshtina.infodesk.services.questions import question_submit
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday
from obshtina.reports.tests.factories import UnitFactory, submit_report

from .v1_helpers import API, bearer, empty_cache  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_report_is_tracked_by_anyone(client):
    report = submit_report()
    response = client.get(f"{API}track/{report.number.lower()}")
    assert response.status_code == 200
    assert response.json() == {
        "kind": "report",
        "number": report.number,
        "status": "new",
        "status_label": "нов",
        "url": f"http://testserver{report.get_absolute_url()}",
    }


def test_tracking_a_report_looks_its_number_up_once(client, django_assert_num_queries):
    """The entry, then the report: no second look-up of the same number (a regression guard)."""
    report = submit_report()
    with django_assert_num_queries(2):
        response = client.get(f"{API}track/{report.number}")
    assert response.json()["number"] == report.number


def test_a_question_is_tracked_by_anyone(client):
    topic = QuestionTopic.objects.create(name="Данъци", unit=UnitFactory())
    question = question_submit(topic=topic, text="Кога се плаща данъкът?")
    assert client.get(f"{API}track/{question.number}").json()["kind"] == "question"


def test_a_meeting_is_tracked_by_its_citizen_only(client):
    citizen = UserFactory()
    appointment = book(ScheduleFactory(), at(next_weekday(1), "10:00"), author=citizen)
    assert client.get(f"{API}track/{appointment.number}").status_code == 404
    other = client.get(f"{API}track/{appointment.number}", headers=bearer(UserFactory()))
    assert other.status_code == 404
    own = client.get(f"{API}track/{appointment.number}", headers=bearer(citizen))
    assert own.json()["kind"] == "appointment"
    assert own.json()["status"] == "requested"


def test_an_unknown_number_is_404_with_a_message(client):
    response = client.get(f"{API}track/Х-1999-1")
    assert response.status_code == 404
    assert "Проверете номера" in response.json()["message"]
