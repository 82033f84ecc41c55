"""The workspace is also each kind's detailed queue: narrowed to one kind it offers
that kind's statuses and own filters, and the former queues' addresses lead there."""

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory
from obshtina.casework import workspace as ws
from obshtina.core.dates import SOFIA
from obshtina.correspondence.tests.factories import file_document
from obshtina.infodesk.tests.questions_factories import TopicFactory, ask
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import CategoryFactory, UnitFactory
from obshtina.reports.tests.staff_helpers import officer_of, report_in

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("casework:workspace")


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=SOFIA), tick=False):
        yield


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Благоустройство“")


@pytest.fixture
def officer(client, unit):
    user = officer_of(unit)
    client.force_login(user)
    return user


def _numbers(client, **query) -> list[str]:
    return [item.number for item in client.get(WORKSPACE, query).context["page"].items]


def test_a_kinds_own_filters_are_offered_only_once_the_list_is_narrowed_to_it(
    client, officer, unit
):
    everything = client.get(WORKSPACE).text
    assert 'name="category"' not in everything
    assert 'name="status"' not in everything
    reports = client.get(WORKSPACE, {"kind": "report"}).text
    assert 'name="category"' in reports and 'name="settlement"' in reports
    assert 'name="status"' in reports and "в процес на решаване" in reports
    questions = client.get(WORKSPACE, {"kind": "question"}).text
    assert 'name="topic"' in questions and 'name="category"' not in questions


def test_reports_are_narrowed_by_category(client, officer, unit):
    lights = CategoryFactory(unit=unit, name="Осветление")
    light = report_in(unit, category=lights)
    pothole = report_in(unit, category=CategoryFactory(unit=unit, name="Дупки"))
    question = ask(topic=TopicFactory(unit=unit))
    shown = _numbers(client, kind="report", category=lights.pk)
    assert shown == [light.number]
    assert pothole.number not in shown and question.number not in shown


def test_questions_are_narrowed_by_topic(client, officer, unit):
    taxes = TopicFactory(unit=unit, name="Местни данъци")
    on_taxes = ask(topic=taxes)
    ask(topic=TopicFactory(unit=unit, name="Улици"))
    assert _numbers(client, kind="question", topic=taxes.pk) == [on_taxes.number]


def test_a_status_shows_closed_items_too_and_replaces_the_stage(client, officer, unit):
    resolved = report_in(unit)
    Report.objects.filter(pk=resolved.pk).update(status=Report.Status.RESOLVED)
    new = report_in(unit)
    assert _numbers(client, kind="report") == [new.number]
    assert _numbers(client, kind="report", status="resolved", stage="new") == [resolved.number]


def test_a_status_of_another_kind_is_refused_and_the_rest_still_applies(client, officer, unit):
    report = report_in(unit)
    response = client.get(WORKSPACE, {"kind": "report", "status": "granted"})
    assert response.status_code == 200
    assert "granted не е един от възможните избори" in response.text
    assert [item.number for item in response.context["page"].items] == [report.number]


def test_the_latest_filed_come_first_when_asked(client, officer, unit):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=SOFIA), tick=False):
        older = report_in(unit)
    newer_question = ask(topic=TopicFactory(unit=unit))
    assert _numbers(client, order="newest") == [newer_question.number, older.number]


def test_documents_are_found_by_the_senders_name(client, officer, unit):
    letter = file_document(addressee=unit, subject="Ремонт", sender_name="Стоян Петров")
    file_document(addressee=unit, subject="Друго", sender_name="Мария Илиева")
    assert _numbers(client, kind="documents", q="Петров") == [letter.number]


def test_the_contact_centre_sees_every_report_and_question_read_only(client, unit):
    report = report_in(UnitFactory())
    question = ask(topic=TopicFactory(unit=UnitFactory()))
    file_document(addressee=unit)  # letters are not the contact centre's
    client.force_login(StaffUserFactory(role="operator"))
    response = client.get(WORKSPACE)
    assert sorted(item.number for item in response.context["page"].items) == sorted(
        [report.number, question.number]
    )
    assert "Поеми" not in response.text
    assert not response.context["any_assignable"]


@pytest.mark.parametrize(
    ("old", "query", "expected"),
    [
        (
            "reports:queue",
            {"mine": "on", "category": "3"},
            {"kind": "report", "assignee": "me", "category": "3"},
        ),
        ("reports:queue", {"overdue": "on"}, {"kind": "report", "due": "overdue"}),
        (
            "infodesk:question_queue",
            {"status": "answered"},
            {"kind": "question", "status": "answered"},
        ),
        ("correspondence:desk", {"kind": "", "q": "ЗДОИ"}, {"kind": "documents", "q": "ЗДОИ"}),
        ("correspondence:desk", {"kind": "complaint"}, {"kind": "complaint"}),
        ("correspondence:desk", {"kind": "no-such-kind"}, {"kind": "documents"}),
        ("correspondence:desk", {"kind": "report"}, {"kind": "documents"}),  # another queue's
    ],
)
def test_the_former_queues_lead_to_the_workspace_with_their_filters(client, old, query, expected):
    response = client.get(reverse(old), query)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == WORKSPACE
    assert {name: values[0] for name, values in parse_qs(location.query).items()} == expected


def test_pages_continue_one_deadline_order_across_kinds_without_repeats(officer, unit):
    items = [report_in(unit) for _ in range(3)] + [
        ask(topic=TopicFactory(unit=unit)) for _ in range(3)
    ]
    first = ws.workspace_page(user=officer, filters=ws.WorkFilters(), page_size=4)
    second = ws.workspace_page(user=officer, filters=ws.WorkFilters(), page=2, page_size=4)
    shown = [row.number for row in first.items + second.items]
    assert sorted(shown) == sorted(item.number for item in items)
    deadlines = [row.due for row in first.items + second.items]
    assert deadlines == sorted(deadlines)
    assert (first.total, len(first.items), len(second.items)) == (6, 4, 2)
