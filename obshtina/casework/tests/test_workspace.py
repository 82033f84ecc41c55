""" "Моята работа": every kind an official handles in one list, with counts,
filters, deadline order and assignment, and nothing of the units they don't serve."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.accounts.tests.logins import log_in, log_in_with_code
from obshtina.core.dates import SOFIA
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.tests.factories import file_document
from obshtina.infodesk.tests.questions_factories import TopicFactory, ask
from obshtina.organization.services import staff_role_grant
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday
from obshtina.reports.models import Report
from obshtina.reports.tests.factories import UnitFactory
from obshtina.reports.tests.staff_helpers import officer_of, report_in

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("casework:workspace")
ASSIGN = reverse("casework:assign")
# A Tuesday morning, far from month ends and daylight-saving changes.
TUESDAY = datetime(2026, 3, 10, 9, 0, tzinfo=SOFIA)


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(TUESDAY, tick=False):
        yield


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Благоустройство“")


@pytest.fixture
def officer(client, unit):
    user = officer_of(unit, first_name="Елена", last_name="Стоева")
    client.force_login(user)
    return user


@pytest.fixture
def work(unit, officer):
    """One item of every kind in the officer's unit, and the same in another unit."""
    other = UnitFactory(name="Отдел „Чужд“")
    schedule = ScheduleFactory(unit=unit, officials=[officer])
    items = {
        "report": report_in(unit),
        "question": ask(topic=TopicFactory(unit=unit)),
        "letter": file_document(addressee=unit, subject="Ремонт на читалището"),
        "complaint": file_document(
            addressee=unit, kind=Correspondence.Kind.COMPLAINT, subject="Шум от заведение"
        ),
        "meeting": book(schedule, at(next_weekday(3), "10:00")),
        "foreign_report": report_in(other),
        "foreign_letter": file_document(addressee=other, subject="Чуждо писмо"),
        "foreign_question": ask(topic=TopicFactory(unit=other)),
    }
    return items


def _numbers(response) -> list[str]:
    return [item.number for item in response.context["page"].items]


def test_every_kind_of_the_officers_units_is_in_one_list(client, work):
    response = client.get(WORKSPACE)
    assert response.status_code == 200
    shown = _numbers(response)
    for name in ("report", "question", "letter", "complaint", "meeting"):
        assert work[name].number in shown, name
        assert work[name].number in response.text
    for name in ("foreign_report", "foreign_letter", "foreign_question"):
        assert work[name].number not in response.text, name
    assert "Чуждо писмо" not in response.text


def test_the_soonest_deadline_comes_first(client, work):
    shown = _numbers(client.get(WORKSPACE))
    # The meeting is this week, the question due in 14 days, the letters in their
    # legal term, the report in two months.
    assert shown.index(work["meeting"].number) < shown.index(work["question"].number)
    assert shown.index(work["question"].number) < shown.index(work["report"].number)


def test_the_counts_say_what_is_new_due_and_overdue(client, work):
    Report.objects.filter(pk=work["report"].pk).update(due_at=TUESDAY - timedelta(days=2))
    Correspondence.objects.filter(pk=work["letter"].pk).update(due_at=TUESDAY.date())
    counts = client.get(WORKSPACE).context["counts"]
    assert counts["new"] == 5  # nothing has been taken up yet
    assert counts["overdue"] == 1
    assert counts["today"] == 1  # the letter due today
    response = client.get(WORKSPACE, {"due": "overdue"})
    assert _numbers(response) == [work["report"].number]
    assert "просрочен" in response.text


def test_filters_by_kind_and_search(client, work):
    assert _numbers(client.get(WORKSPACE, {"kind": "question"})) == [work["question"].number]
    assert _numbers(client.get(WORKSPACE, {"kind": "complaint"})) == [work["complaint"].number]
    assert _numbers(client.get(WORKSPACE, {"q": "читалището"})) == [work["letter"].number]
    assert _numbers(client.get(WORKSPACE, {"q": work["report"].number.lower()})) == [
        work["report"].number
    ]


def test_a_bad_filter_is_shown_and_the_rest_still_apply(client, work):
    response = client.get(WORKSPACE, {"kind": "question", "due": "someday"})
    assert response.status_code == 200
    assert _numbers(response) == [work["question"].number]
    assert "someday не е един от възможните избори" in response.text


def test_take_an_item_in_one_click(client, officer, work):
    response = client.post(ASSIGN, {"take": f"reports:{work['report'].number}"})
    assert response.status_code == 302
    work["report"].refresh_from_db()
    assert work["report"].assigned_to == officer
    page = client.get(WORKSPACE, {"assignee": "me"})
    assert _numbers(page) == [work["report"].number]
    assert "Елена Стоева" in page.text


def test_several_items_of_different_kinds_are_assigned_at_once(client, unit, officer, work):
    colleague = officer_of(unit, first_name="Петър", last_name="Колев")
    response = client.post(
        ASSIGN,
        {
            "items": [
                f"reports:{work['report'].number}",
                f"documents:{work['letter'].number}",
                f"questions:{work['question'].number}",
                f"reports:{work['foreign_report'].number}",
            ],
            "assignee": colleague.pk,
            "back": "kind=&due=",
        },
        follow=True,
    )
    text = response.text
    for name in ("report", "letter", "question"):
        work[name].refresh_from_db()
        assert work[name].assigned_to == colleague, name
    assert work["report"].number in text and "Възложени са" in text
    # Not of the officer's units: refused by number, and nothing changes there.
    work["foreign_report"].refresh_from_db()
    assert work["foreign_report"].assigned_to is None
    assert f"{work['foreign_report'].number} не е възложен" in text
    assert response.redirect_chain[-1][0] == f"{WORKSPACE}?kind=&due="


def test_assigning_to_someone_outside_the_unit_is_refused_by_the_service(client, officer, work):
    stranger = officer_of(UnitFactory())
    response = client.post(
        ASSIGN,
        {"items": [f"reports:{work['report'].number}"], "assignee": stranger.pk},
        follow=True,
    )
    assert response.status_code == 200
    work["report"].refresh_from_db()
    assert work["report"].assigned_to is None
    assert "не е възложен" in response.text or "Изберете служител" in response.text


def test_nothing_chosen_says_so(client, officer, work):
    response = client.post(ASSIGN, {"assignee": officer.pk}, follow=True)
    assert "Изберете поне един документ." in response.text


def test_a_meeting_request_is_not_assigned_but_opens_the_meeting(client, work):
    response = client.get(WORKSPACE, {"kind": "appointment"})
    (row,) = response.context["page"].items
    assert row.number == work["meeting"].number
    assert not row.can_assign
    assert client.get(row.url).status_code == 200


def test_the_registry_clerk_sees_letters_of_every_unit_but_no_reports(client, work):
    clerk = UserFactory(second_factor=True)
    staff_role_grant(user=clerk, role="registry_clerk")
    client.force_login(clerk)
    shown = _numbers(client.get(WORKSPACE))
    assert work["letter"].number in shown and work["foreign_letter"].number in shown
    assert work["report"].number not in shown
    assert work["question"].number not in shown


def test_citizens_and_visitors_are_kept_out(client, work):
    assert client.get(WORKSPACE).status_code == 200  # the officer
    client.logout()
    assert client.get(WORKSPACE).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(WORKSPACE).status_code == 403
    assert client.post(ASSIGN, {"take": f"reports:{work['report'].number}"}).status_code == 403
    work["report"].refresh_from_db()
    assert work["report"].assigned_to is None


def test_an_official_lands_on_the_workspace_after_login(client, unit):
    client.logout()
    assert log_in_with_code(client, officer_of(unit)).url == WORKSPACE
    client.logout()
    assert log_in(client, UserFactory()).url == reverse("accounts:profile")


def test_an_operator_lands_on_the_console_where_their_work_is(client):
    operator = UserFactory(second_factor=True)
    staff_role_grant(user=operator, role="operator")
    client.logout()
    assert log_in_with_code(client, operator).url == reverse("infodesk:console")


def test_a_unit_head_without_the_admin_flag_finds_the_templates_in_the_menu(client, unit):
    head = officer_of(unit, is_head=True)
    client.force_login(head)
    page = client.get(WORKSPACE).text
    assert f'href="{reverse("casework:templates")}"' in page
    assert 'aria-current="page">Моята работа' in page
