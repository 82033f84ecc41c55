"""Officials hear when a report reaches them: routed to their unit, assigned, reopened."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.notifications.models import Notification, WorkNotice
from obshtina.notifications.officials import work_digest_send
from obshtina.reports.models import Report
from obshtina.reports.services.following import report_reopen

from .factories import UnitFactory
from .staff_helpers import manage_url, officer_of, report_in

pytestmark = pytest.mark.django_db

SUBMITTER = {
    "submitter_name": "Мария Тайнова",
    "submitter_email": "maria.tainova@example.bg",
    "submitter_phone": "+359888765432",
    "description": "Дупка пред дома на Мария Тайнова, ул. Тайна 5",
}


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Пътища“")


def notices_to(user):
    return Notification.objects.filter(
        user=user, template="work_notice", channel=Notification.Channel.EMAIL
    )


def test_the_units_officers_are_emailed_when_a_report_is_submitted(unit):
    first, second = officer_of(unit), officer_of(unit)
    officer_of(UnitFactory())  # another unit's officer hears nothing

    report = report_in(unit, **SUBMITTER)

    assert Notification.objects.filter(template="work_notice").count() == 2
    notice = notices_to(first).get()
    assert notices_to(second).exists()
    assert notice.subject == f"Ново за звеното ви: сигнал {report.number}"
    assert manage_url(report) in notice.text_body
    assert "Отдел „Пътища“" in notice.text_body
    assert (notice.about_type, notice.about_id) == ("reports.report", str(report.pk))


def test_the_officers_email_carries_no_personal_data_of_the_submitter(unit):
    officer = officer_of(unit)

    report_in(unit, **SUBMITTER)

    notice = notices_to(officer).get()
    for private in ("Тайнова", "maria.tainova", "888765432", "ул. Тайна"):
        assert private not in notice.text_body
        assert private not in notice.html_body
        assert private not in notice.subject


def test_an_officer_in_english_is_told_in_english(unit):
    officer = officer_of(unit, language="en")

    report_in(unit)

    assert notices_to(officer).get().language == "en"


def test_an_officer_who_chose_the_digest_reads_of_it_in_the_morning(unit):
    officer = officer_of(unit, work_notices="digest")
    report = report_in(unit)
    assert not notices_to(officer).exists()

    assert work_digest_send() == 1

    digest = Notification.objects.get(user=officer, template="work_digest")
    assert report.number in digest.text_body
    assert manage_url(report) in digest.text_body
    assert "PENDING" not in digest.text_body
    assert not WorkNotice.objects.exists()


def test_the_assignee_is_emailed_and_the_one_who_assigned_is_not(client, unit):
    officer, colleague = officer_of(unit), officer_of(unit)
    report = report_in(unit)
    client.force_login(officer)

    client.post(manage_url(report), {"action": "assign", "assignee": colleague.pk})

    notice = notices_to(colleague).get(subject__startswith="Възложено на вас")
    assert report.number in notice.subject
    assert not notices_to(officer).filter(subject__startswith="Възложено").exists()


def test_taking_a_report_oneself_sends_no_email(client, unit):
    officer = officer_of(unit)
    report = report_in(unit)
    client.force_login(officer)

    client.post(manage_url(report), {"action": "assign", "assignee": officer.pk})

    assert not notices_to(officer).filter(subject__startswith="Възложено").exists()


def test_the_new_units_officers_are_emailed_when_a_report_is_rerouted(client, unit):
    officer = officer_of(unit)
    parks = UnitFactory(name="Отдел „Паркове“")
    parks_officer = officer_of(parks)
    report = report_in(unit)
    client.force_login(officer)

    client.post(manage_url(report), {"action": "reroute", "unit": parks.pk})

    notice = notices_to(parks_officer).get()
    assert "Отдел „Паркове“" in notice.text_body
    assert notices_to(officer).count() == 1  # only the submission's


def resolved(report: Report) -> Report:
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RESOLVED, resolved_at=timezone.now() - timedelta(days=3)
    )
    report.refresh_from_db()
    return report


def test_a_reopened_report_is_told_to_its_assignee(unit):
    assignee, other = officer_of(unit), officer_of(unit)
    report = resolved(report_in(unit))
    Report.objects.filter(pk=report.pk).update(assigned_to=assignee)
    Notification.objects.all().delete()

    report_reopen(report=report, comment="Дупката пак е там.")

    notice = notices_to(assignee).get()
    assert notice.subject == f"Отворено отново от гражданина: сигнал {report.number}"
    assert "Дупката пак е там." not in notice.text_body
    assert not notices_to(other).exists()


def test_a_reopened_report_without_an_assignee_is_told_to_the_unit(client, unit):
    first, second = officer_of(unit), officer_of(unit)
    report = resolved(report_in(unit))
    Notification.objects.all().delete()

    client.post(reverse("reports:reopen", args=[report.access_token]), {"comment": "Не е."})

    assert notices_to(first).count() == notices_to(second).count() == 1
