"""Everything a municipality owns is its own: its rows answer only while it is served,
its registry numbers count from 1, its cache keys are its own, and the jobs and
commands that run outside any request serve each municipality in turn."""

from io import StringIO

import pytest
from django import forms
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django_scopes import ScopeError, scope

from obshtina.correspondence import tasks as correspondence_tasks
from obshtina.notifications import tasks as notification_tasks
from obshtina.notifications.models import Notification
from obshtina.notifications.services import notification_queue
from obshtina.organization.hosts import each_municipality, serving
from obshtina.organization.models import Unit
from obshtina.reports import tasks as report_tasks
from obshtina.reports.models import Category, Report, ReportEvent
from obshtina.reports.tests.factories import CategoryFactory, submit_report

pytestmark = pytest.mark.django_db

KOSTENETS_CENTRE = (42.3080, 23.8590)


@pytest.fixture
def enforced():
    """As in production outside a request: no municipality is served."""
    with scope():
        yield


def test_a_municipality_s_rows_are_read_only_while_it_is_served(samokov, enforced):
    with pytest.raises(ScopeError):
        list(Unit.objects.all())
    with pytest.raises(ScopeError):
        Report.objects.filter(number="С-2026-000001").exists()
    with pytest.raises(ScopeError):  # a report's events reach it through the report
        ReportEvent.objects.count()
    with serving(samokov):
        assert list(Unit.objects.all()) == []


def test_a_municipality_sees_only_its_own_rows(samokov, kostenets):
    with serving(samokov):
        report = submit_report(category=CategoryFactory(name="Дупка", slug="dupka"))
    with serving(kostenets):
        CategoryFactory(name="Дупка", slug="dupka")  # the same name in each municipality
        other = submit_report(
            category=Category.objects.get(slug="dupka"),
            latitude=KOSTENETS_CENTRE[0],
            longitude=KOSTENETS_CENTRE[1],
        )
        assert list(Report.objects.all()) == [other]
        assert not Report.objects.filter(pk=report.pk).exists()
        assert ReportEvent.objects.filter(report=report).count() == 0
        assert Category.objects.count() == 1
    with serving(samokov):
        assert list(Report.objects.all()) == [report]
    assert {report.municipality, other.municipality} == {samokov, kostenets}


def test_each_municipality_numbers_its_items_from_one_with_the_same_prefixes(samokov, kostenets):
    numbers = {}
    for municipality, centre in ((samokov, (42.337, 23.5528)), (kostenets, KOSTENETS_CENTRE)):
        with serving(municipality):
            category = CategoryFactory()
            numbers[municipality.slug] = [
                submit_report(category=category, latitude=centre[0], longitude=centre[1]).number
                for _ in range(2)
            ]
    assert numbers["samokov"] == numbers["kostenets"]
    assert numbers["samokov"][0].startswith("С-") and numbers["samokov"][0].endswith("-000001")


def test_form_choices_built_before_any_request_are_the_served_municipality_s(samokov, kostenets):
    class ReportCategoryForm(forms.Form):  # built once, as forms are, at import
        category = forms.ModelChoiceField(queryset=Category.objects.all())

    with serving(samokov):
        CategoryFactory(name="Улично осветление")
    with serving(kostenets):
        CategoryFactory(name="Сметосъбиране")
        choices = [label for _value, label in ReportCategoryForm().fields["category"].choices]
    assert "Сметосъбиране" in choices and "Улично осветление" not in choices


def test_a_cached_value_of_one_municipality_is_not_another_s(samokov, kostenets):
    with serving(samokov):
        cache.set("reports:map:count", 12)
    with serving(kostenets):
        assert cache.get("reports:map:count") is None
        cache.set("reports:map:count", 3)
    with serving(samokov):
        assert cache.get("reports:map:count") == 12


def test_jobs_and_commands_serve_each_municipality_in_turn(samokov, kostenets, enforced):
    assert [m.slug for m in each_municipality()] == ["samokov", "kostenets"]
    for command in (
        "send_overdue_digest",
        "send_due_digest",
        "close_unclarified_access_requests",
        "send_work_digest",
        "prune_access_records",
        "deliver_notifications",
    ):
        call_command(command, stdout=StringIO())
    call_command("send_appointment_reminders", stdout=StringIO())
    call_command("offer_waitlist_slots", stdout=StringIO())
    for job in (
        report_tasks.send_overdue_digests,
        correspondence_tasks.send_due_digests,
        correspondence_tasks.close_unclarified_access_requests,
        notification_tasks.send_work_digests,
        notification_tasks.deliver_due_notifications,
    ):
        job.call()


def test_a_notification_is_delivered_as_its_municipality_s(kostenets, enforced, mailoutbox):
    with serving(kostenets):
        notification = notification_queue(
            to_email="citizen@example.org",
            template="generic",
            context={"subject": "Сигнал С-2026-000001", "body": "Прието."},
        )
    assert notification_tasks.deliver_notification.call(notification.pk) is True
    assert [message.to for message in mailoutbox] == [["citizen@example.org"]]
    assert mailoutbox[0].from_email.startswith("Община Костенец <")  # its own name
    with serving(kostenets):
        assert Notification.objects.get().status == Notification.Status.SENT


def test_a_browser_subscribed_on_one_municipality_s_site_hears_only_of_it(
    samokov, kostenets, settings
):
    from obshtina.accounts.tests.factories import UserFactory
    from obshtina.notifications.push import push_targets
    from obshtina.notifications.tests.push_helpers import subscribe, vapid_keys

    for name, value in vapid_keys().items():
        setattr(settings, name, value)
    citizen = UserFactory()
    with serving(samokov):
        browser = subscribe(citizen)  # allowed on Samokov's site
        assert push_targets(citizen) == [browser]
    with serving(kostenets):  # a push would open Samokov's site: none is sent
        assert push_targets(citizen) == []


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/5m/key"})
def test_rate_limits_count_for_the_whole_platform(client, samokov, kostenets):
    """Accounts are the platform's: guessing a password on several sites is no faster."""
    from obshtina.accounts.tests.factories import PASSWORD, UserFactory

    user = UserFactory()
    for host in ("samokov.localhost", "kostenets.localhost", "samokov.localhost"):
        client.post("/accounts/login/", {"login": user.email, "password": "грешна"}, HTTP_HOST=host)
    right = {"login": user.email, "password": PASSWORD}
    refused = client.post("/accounts/login/", right, HTTP_HOST="kostenets.localhost")
    assert "Твърде много неуспешни опити за вход" in refused.text
