"""Alerts for an area without an account: double opt-in, then an e-mail for each new and
answered report in the settlement or radius (and category) chosen, each with one-click
unsubscribe; and the Atom feeds of an area and of one report."""

import re

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification
from obshtina.organization.models import Settlement
from obshtina.reports.models import AreaAlert, Report
from obshtina.reports.services.alerts import area_alert_request
from obshtina.reports.services.workflow import report_answer, report_change_status
from obshtina.reports.tests.factories import CategoryFactory, submit_report
from obshtina.reports.tests.staff_helpers import officer_of

# Alerts go out once a report's transaction commits: real commits here.
pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "sosedka@example.bg"
CENTRE = (42.3370, 23.5528)
NEAR = (42.3388, 23.5528)  # 200 m north
FAR = (42.3640, 23.5528)  # 3 km north


@pytest.fixture
def village():
    Settlement.objects.create(name="Самоков", kind="town", latitude=CENTRE[0], longitude=CENTRE[1])
    return Settlement.objects.create(name="Говедарци", latitude=42.2392, longitude=23.4722)


def alert_mails(kind: str = "report_alert") -> list[Notification]:
    return list(Notification.objects.filter(template=kind).order_by("pk"))


def link_in(notification: Notification, name: str) -> str:
    return re.search(rf"https?://\S+/reports/alerts/{name}/\S+/", notification.text_body).group(0)


def ask(client, **fields):
    return client.post(reverse("reports:alerts"), {"email": EMAIL, "radius": 500, **fields})


def confirmed_alert(client, **fields) -> AreaAlert:
    ask(client, **fields)
    client.post(link_in(alert_mails("report_alert_confirm")[-1], "confirm"))
    return AreaAlert.objects.get()


def test_nothing_is_sent_before_the_address_is_confirmed(client, village):
    response = ask(client, settlement=village.pk)
    assert response.status_code == 200
    assert "Изпратихме писмо на sosedka@example.bg" in response.text
    (confirm,) = alert_mails("report_alert_confirm")
    assert confirm.to_email == EMAIL and "Говедарци" in confirm.subject
    submit_report(settlement=village, latitude=42.2392, longitude=23.4722)
    assert alert_mails() == []
    link = link_in(confirm, "confirm")
    assert "Потвърждавам" in client.get(link).text  # opening the link confirms nothing
    assert AreaAlert.objects.get().confirmed_at is None
    client.post(link)
    assert AreaAlert.objects.get().confirmed_at is not None


def test_a_confirmed_settlement_alert_tells_of_new_and_answered_reports_there(client, village):
    confirmed_alert(client, settlement=village.pk)
    there = submit_report(settlement=village, latitude=42.2392, longitude=23.4722)
    submit_report()  # in the town: not this alert's
    (new,) = alert_mails()
    assert new.to_email == EMAIL and there.number in new.subject
    assert "Нов сигнал" in new.subject
    report_answer(report=there, actor=officer_of(there.unit), message="Ще бъде поправено.")
    answered = alert_mails()[-1]
    assert "Отговор по сигнал" in answered.subject
    assert "Ще бъде поправено." in answered.text_body


def test_a_report_placed_on_the_map_counts_for_the_nearest_settlement(client, village):
    confirmed_alert(client, settlement=village.pk)
    submit_report(latitude=42.2400, longitude=23.4730)  # no settlement chosen, by the village
    assert len(alert_mails()) == 1


def test_a_radius_alert_keeps_to_its_metres_and_its_category(client):
    potholes = CategoryFactory(name="Дупки")
    confirmed_alert(
        client, latitude=CENTRE[0], longitude=CENTRE[1], radius=500, category=potholes.pk
    )
    near = submit_report(category=potholes, latitude=NEAR[0], longitude=NEAR[1])
    submit_report(category=potholes, latitude=FAR[0], longitude=FAR[1])
    submit_report(latitude=NEAR[0], longitude=NEAR[1])  # another category
    (mail,) = alert_mails()
    assert near.number in mail.subject


def test_every_alert_mail_stops_with_one_click(client, village):
    confirmed_alert(client, settlement=village.pk)
    submit_report(settlement=village, latitude=42.2392, longitude=23.4722)
    (mail,) = alert_mails()
    stop = link_in(mail, "stop")
    assert mail.headers["List-Unsubscribe"] == f"<{stop}>"
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.post(stop, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not AreaAlert.objects.exists()
    submit_report(settlement=village, latitude=42.2392, longitude=23.4722)
    assert len(alert_mails()) == 1


def test_a_point_outside_the_municipality_is_refused_with_the_field_named(client):
    response = ask(client, latitude=0, longitude=0)
    assert response.status_code == 400
    assert "извън територията на общината" in response.text
    assert not AreaAlert.objects.exists()


def test_neither_a_settlement_nor_a_point_is_refused(client):
    response = ask(client)
    assert response.status_code == 400
    assert "Изберете населено място или отбележете точка" in response.text


def test_asking_twice_for_the_same_area_sends_one_confirmation(client, village):
    ask(client, settlement=village.pk)
    ask(client, settlement=village.pk)
    assert AreaAlert.objects.count() == 1
    assert len(alert_mails("report_alert_confirm")) == 1


def test_a_signed_in_citizens_own_verified_address_needs_no_second_proof(client, village):
    from allauth.account.models import EmailAddress

    citizen = UserFactory(email=EMAIL)
    EmailAddress.objects.update_or_create(
        user=citizen, email=EMAIL, defaults={"verified": True, "primary": True}
    )
    client.force_login(citizen)
    page = ask(client, settlement=village.pk)
    assert "са включени" in page.text
    assert alert_mails("report_alert_confirm") == []
    assert "Говедарци" in client.get(reverse("reports:alerts")).text  # "Моите известия"


def test_the_area_feed_lists_the_new_reports_there_and_nothing_personal(client, village):
    there = submit_report(
        settlement=village,
        latitude=42.2392,
        longitude=23.4722,
        submitter_name="Тайна Подателка",
        submitter_email="taina@example.bg",
    )
    town = submit_report()
    feed = client.get(reverse("reports:area_feed"), {"settlement": village.pk})
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert there.number in body and town.number not in body
    assert "Тайна" not in body and "taina@" not in body
    radius = client.get(
        reverse("reports:area_feed"), {"lat": CENTRE[0], "lng": CENTRE[1], "radius": 500}
    ).content.decode()
    assert town.number in radius and there.number not in radius
    assert client.get(reverse("reports:area_feed"), {"lat": "x"}).status_code == 404


def test_one_reports_feed_is_its_public_timeline(client):
    report = submit_report()
    report_change_status(
        report=report,
        actor=officer_of(report.unit),
        status=Report.Status.IN_PROGRESS,
        public_message="Екип е изпратен.",
    )
    feed = client.get(reverse("reports:report_feed", args=[report.number])).content.decode()
    assert "Екип е изпратен." in feed


def test_a_hidden_report_alerts_nobody(client, village):
    confirmed_alert(client, settlement=village.pk)
    report = submit_report(settlement=village, latitude=42.2392, longitude=23.4722)
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    Notification.objects.filter(template="report_alert").delete()
    report.refresh_from_db()
    report_answer(report=report, actor=officer_of(report.unit), message="Скрит отговор.")
    assert alert_mails() == []


def test_the_service_refuses_a_radius_it_does_not_offer(village):
    from obshtina.reports.services.errors import ReportError

    with pytest.raises(ReportError) as refused:
        area_alert_request(email=EMAIL, latitude=CENTRE[0], longitude=CENTRE[1], radius=7)
    assert "radius" in refused.value.message_dict


def test_with_the_database_queue_the_alert_job_commits_with_the_report_or_not_at_all(
    client, village, settings
):
    """A crash between the commit and the enqueue cannot lose the alerts: the job's row
    is written in the report's own transaction (and rolled back with it)."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    confirmed_alert(client, settlement=village.pk)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    jobs = DBTaskResult.objects.filter(task_path="obshtina.reports.tasks.send_area_alerts")

    with pytest.raises(RuntimeError), transaction.atomic():
        submit_report(settlement=village, latitude=42.2392, longitude=23.4722)
        assert jobs.count() == 1  # written with the report, inside its transaction
        raise RuntimeError("the request fails after the report was saved")
    assert not Report.objects.exists() and not jobs.exists()

    there = submit_report(settlement=village, latitude=42.2392, longitude=23.4722)
    (job,) = jobs
    assert job.status == "READY" and job.args_kwargs["args"] == [there.pk, "new"]
