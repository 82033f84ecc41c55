"""A report's e-mails are in the language of each recipient's account; the timeline's
texts inside them stay Bulgarian, as they were recorded."""

import pytest
from django.utils import translation

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification
from obshtina.reports.services.following import subscription_add
from obshtina.reports.services.workflow import report_change_status, report_reroute

from .factories import UnitFactory
from .staff_helpers import officer_of, report_in

pytestmark = pytest.mark.django_db


def test_a_submitter_with_an_account_in_english_gets_the_number_in_english():
    author = UserFactory(language="en")

    report_in(author=author, submitter_email=author.email)

    assert Notification.objects.get(to_email=author.email).language == "en"


def test_a_submitter_without_an_account_gets_bulgarian():
    with translation.override("en"):
        report_in(submitter_email="maria@example.bg")

    assert Notification.objects.get(to_email="maria@example.bg").language == "bg"


def test_each_recipient_of_a_change_reads_it_in_their_own_language():
    unit = UnitFactory()
    report = report_in(unit, submitter_email="maria@example.bg")
    english, bulgarian = UserFactory(language="en"), UserFactory()
    subscription_add(user=english, report=report)
    subscription_add(user=bulgarian, report=report)
    Notification.objects.all().delete()

    with translation.override("en"):  # the official's page is in English
        report_reroute(report=report, actor=officer_of(unit), unit=UnitFactory(name="Паркове"))

    languages = dict(
        Notification.objects.filter(template="report_update").values_list("to_email", "language")
    )
    assert languages == {"maria@example.bg": "bg", english.email: "en", bulgarian.email: "bg"}
    english_email = Notification.objects.get(to_email=english.email)
    assert "Сигналът е пренасочен към Паркове." in english_email.text_body  # the record


def test_the_status_in_an_english_email_is_english_whoever_changed_it():
    unit = UnitFactory()
    report = report_in(unit)
    english = UserFactory(language="en")
    subscription_add(user=english, report=report)

    report_change_status(report=report, actor=officer_of(unit), status="accepted")

    email = Notification.objects.get(to_email=english.email)
    assert email.subject == f"Update on report {report.number}: accepted"
