""" "Наистина ли е решен?": weeks after a report is resolved its submitter (and the
subscribers who asked) get one e-mail; "no" reopens the report to its unit with the
citizen's words, "yes" counts for the unit; each report is asked about once."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification
from obshtina.reports.models import FixedCheck, Report, ReportEvent, Subscription
from obshtina.reports.services.fixed_checks import fixed_checks_send
from obshtina.reports.services.workflow import report_change_status
from obshtina.reports.tests.factories import CategoryFactory, UnitFactory, submit_report
from obshtina.reports.tests.staff_helpers import officer_of

pytestmark = pytest.mark.django_db

SOFIA = ZoneInfo("Europe/Sofia")
RESOLVED_ON = datetime(2026, 3, 2, 10, 0, tzinfo=SOFIA)
THREE_WEEKS_ON = RESOLVED_ON + timedelta(days=21, hours=1)


@pytest.fixture
def resolved():
    with time_machine.travel(RESOLVED_ON - timedelta(days=3), tick=False):
        report = submit_report(submitter_email="maria@example.bg", submitter_name="Мария")
    with time_machine.travel(RESOLVED_ON, tick=False):
        report_change_status(
            report=report, actor=officer_of(report.unit), status=Report.Status.RESOLVED
        )
    report.refresh_from_db()
    return report


def questions_sent() -> list[Notification]:
    return list(Notification.objects.filter(template="report_fixed_check").order_by("pk"))


def answer_link(notification: Notification) -> str:
    return re.search(r"https?://\S+/reports/fixed/\S+/", notification.text_body).group(0)


def test_three_weeks_after_resolving_the_submitter_is_asked_once(resolved):
    with time_machine.travel(RESOLVED_ON + timedelta(days=20), tick=False):
        assert fixed_checks_send() == 0
    with time_machine.travel(THREE_WEEKS_ON, tick=False):
        assert fixed_checks_send() == 1
        assert fixed_checks_send() == 0
    with time_machine.travel(THREE_WEEKS_ON + timedelta(days=2), tick=False):
        assert fixed_checks_send() == 0
    (question,) = questions_sent()
    assert question.to_email == "maria@example.bg"
    assert resolved.number in question.subject
    assert "/reports/fixed/" in question.text_body


def test_subscribers_are_asked_only_when_they_asked_for_it(resolved):
    wants, does_not = UserFactory(email="ivan@example.bg"), UserFactory(email="petar@example.bg")
    Subscription.objects.create(user=wants, report=resolved, asks_if_fixed=True)
    Subscription.objects.create(user=does_not, report=resolved)
    with time_machine.travel(THREE_WEEKS_ON, tick=False):
        fixed_checks_send()
    assert sorted(item.to_email for item in questions_sent()) == [
        "ivan@example.bg",
        "maria@example.bg",
    ]


def test_reports_resolved_long_before_are_not_asked(resolved):
    with time_machine.travel(RESOLVED_ON + timedelta(days=40), tick=False):
        assert fixed_checks_send() == 0


def test_opening_the_link_answers_nothing_and_yes_counts_for_the_unit(client, resolved):
    with time_machine.travel(THREE_WEEKS_ON, tick=False):
        fixed_checks_send()
    link = answer_link(questions_sent()[0])
    with time_machine.travel(THREE_WEEKS_ON + timedelta(days=1), tick=False):
        page = client.get(link)
        assert page.status_code == 200
        assert "Да, решен е" in page.text
        assert FixedCheck.objects.get().answered_at is None  # a link scanner answers nothing
        answered = client.post(link, {"answer": "fixed"})
        assert "Отбелязахме, че проблемът е отстранен" in answered.text
    check = FixedCheck.objects.get()
    assert check.is_fixed is True
    resolved.refresh_from_db()
    assert resolved.status == Report.Status.RESOLVED


def test_no_reopens_the_report_to_its_unit_with_the_citizens_words(client, resolved):
    with time_machine.travel(THREE_WEEKS_ON, tick=False):
        fixed_checks_send()
    link = answer_link(questions_sent()[0])
    with time_machine.travel(THREE_WEEKS_ON + timedelta(days=15), tick=False):  # past 30 days
        refused = client.post(link, {"answer": "not_fixed", "comment": "  "})
        assert refused.status_code == 400
        assert "Напишете какво не е решено" in refused.text
        client.post(link, {"answer": "not_fixed", "comment": "Дупката пак е там."})
        again = client.post(link, {"answer": "fixed"})
    resolved.refresh_from_db()
    assert resolved.status == Report.Status.ACCEPTED
    event = resolved.events.filter(kind=ReportEvent.Kind.REOPENED).get()
    assert event.public_message == "Дупката пак е там."
    assert again.status_code == 400
    assert "вече е отговорено" in again.text
    assert FixedCheck.objects.get().is_fixed is False


def test_the_units_statistics_count_what_citizens_said(client, resolved):
    other = submit_report(category=CategoryFactory(unit=UnitFactory(name="Паркове")))
    FixedCheck.objects.create(report=resolved, to_email="a@example.bg", is_fixed=True)
    FixedCheck.objects.create(report=resolved, to_email="b@example.bg", is_fixed=True)
    FixedCheck.objects.create(report=other, to_email="c@example.bg", is_fixed=False)
    FixedCheck.objects.create(report=other, to_email="d@example.bg")  # not answered
    head = officer_of(resolved.unit, is_head=True)
    client.force_login(head)
    with time_machine.travel(RESOLVED_ON + timedelta(days=2), tick=False):
        page = client.get(reverse("reports:statistics")).text
    unit_row = page[page.index(f'<th scope="row">{resolved.unit.name}</th>') :]
    cell = r"<td[^>]*>"
    assert re.match(
        rf'<th scope="row">[^<]+</th>\s*{cell}\d+</td>\s*{cell}2</td>{cell}0</td>', unit_row
    )
    parks_row = page[page.index('<th scope="row">Паркове</th>') :]
    assert re.match(
        rf'<th scope="row">Паркове</th>\s*{cell}1</td>\s*{cell}0</td>{cell}1</td>', parks_row
    )


def test_a_question_unanswered_for_two_months_tells_whom_to_call(client, resolved):
    with time_machine.travel(THREE_WEEKS_ON, tick=False):
        fixed_checks_send()
    link = answer_link(questions_sent()[0])
    with time_machine.travel(THREE_WEEKS_ON + timedelta(days=61), tick=False):
        page = client.get(link).text
        assert "Срокът за отговор на този въпрос изтече" in page
        assert client.post(link, {"answer": "fixed"}).status_code == 400


def test_a_subscriber_asks_to_be_asked_when_subscribing(client, resolved):
    citizen = UserFactory()
    client.force_login(citizen)
    client.post(
        reverse("reports:subscribe", args=[resolved.number]),
        {"action": "subscribe", "asks_if_fixed": "1"},
    )
    assert Subscription.objects.get(user=citizen).asks_if_fixed


def test_the_command_asks_for_every_municipality(resolved, capsys):
    with time_machine.travel(THREE_WEEKS_ON, tick=False):
        call_command("send_fixed_checks")
    assert "asked 1 citizen(s)" in capsys.readouterr().out


def test_an_erased_account_is_asked_nothing_and_its_answer_stays_counted(resolved):
    from obshtina.reports.services.following import subscriptions_forget

    answered, waiting = UserFactory(), UserFactory()
    FixedCheck.objects.create(
        report=resolved,
        to_email=answered.email,
        user=answered,
        is_fixed=True,
        answered_at=resolved.resolved_at + timedelta(days=22),
    )
    FixedCheck.objects.create(report=resolved, to_email=waiting.email, user=waiting)
    subscriptions_forget(answered)
    subscriptions_forget(waiting)
    (kept,) = FixedCheck.objects.all()
    assert (kept.user, kept.to_email, kept.is_fixed) == (None, "", True)
