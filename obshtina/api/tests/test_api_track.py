"""GET track/{number}: any item by its registry number, for those who may see it."""

import pytest

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import QuestionTopic
from obshtina.infodesk.services.questions import question_submit
from obshtina.organization.hosts import municipality_for_host
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday
from obshtina.reports.models import Report
from obshtina.reports.services.workflow import report_change_status
from obshtina.reports.tests.factories import UnitFactory, submit_report
from obshtina.reports.tests.staff_helpers import officer_of

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
    municipality_for_host("testserver")  # the host is looked up once a while, not per request
    with django_assert_num_queries(2):
        response = client.get(f"{API}track/{report.number}")
    assert response.json()["number"] == report.number


def test_a_report_tracked_again_is_answered_without_the_database(client, django_assert_num_queries):
    report = submit_report()
    first = client.get(f"{API}track/{report.number}").json()
    with django_assert_num_queries(0):
        again = client.get(f"{API}track/{report.number.lower()}").json()
    assert again == first


def test_a_new_status_shows_on_the_next_tracking(client):
    report = submit_report()
    assert client.get(f"{API}track/{report.number}").json()["status"] == "new"
    report_change_status(
        report=report,
        actor=officer_of(report.unit),
        status=Report.Status.IN_PROGRESS,
        public_message="Възложено на екип.",
    )
    again = client.get(f"{API}track/{report.number}").json()
    assert (again["status"], again["status_label"]) == ("in_progress", "в процес на решаване")


def test_a_report_hidden_by_a_moderator_stops_being_tracked_at_once(client):
    report = submit_report()
    assert client.get(f"{API}track/{report.number}").status_code == 200
    report.is_hidden = True
    report.save()  # as the admin page saves it
    assert client.get(f"{API}track/{report.number}").status_code == 404


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
    # What the citizen was told is not kept for the next one who asks.
    assert client.get(f"{API}track/{appointment.number}").status_code == 404


def test_an_unknown_number_is_404_with_a_message(client):
    response = client.get(f"{API}track/Х-1999-1")
    assert response.status_code == 404
    assert "Проверете номера" in response.json()["message"]
