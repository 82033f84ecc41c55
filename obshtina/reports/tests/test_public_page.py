"""The public page of a report: what anyone sees by the number, and what they never see."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory
from obshtina.reports.models import Report, ReportEvent, ReportPhoto
from obshtina.reports.services.events import report_event_record
from obshtina.reports.services.notify import unsubscribe_url

from .factories import submit_report

pytestmark = pytest.mark.django_db

NAME = "Мария Тайнова"
EMAIL = "maria.tainova@example.bg"
PHONE = "0888 765 432"


def add_photo(report: Report) -> ReportPhoto:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    photo = ReportPhoto(report=report)
    photo.image.save("photo.jpg", ContentFile(buffer.getvalue(), name="photo.jpg"))
    return photo


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def report():
    return submit_report(
        description="Счупена пейка в парка",
        address="ул. „Търговска“ 12",
        submitter_name=NAME,
        submitter_email=EMAIL,
        submitter_phone=PHONE,
    )


def test_the_page_shows_the_public_part_of_the_report(client, report):
    response = client.get(report.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert report.number in page
    assert report.category.name in page
    assert "Счупена пейка в парка" in page
    assert "ул. „Търговска“ 12" in page
    assert 'report-status-new">нов</span>' in page
    assert report.created_at.astimezone().strftime("%d.%m.%Y") in page


def test_the_page_never_shows_the_submitters_personal_data(client, report):
    page = client.get(report.get_absolute_url()).content.decode()
    for personal in (NAME, EMAIL, PHONE, "Тайнова", "maria.tainova", report.access_token):
        assert personal not in page


def test_the_timeline_shows_public_events_and_hides_internal_notes(client, report):
    report_event_record(
        report=report,
        kind=ReportEvent.Kind.STATUS,
        from_status="new",
        to_status="accepted",
        public_message="Екип ще огледа мястото.",
    )
    report_event_record(
        report=report,
        kind=ReportEvent.Kind.NOTE,
        internal_note="Подателят звъня три пъти, изнервен е.",
        is_public=False,
    )
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Екип ще огледа мястото." in page
    assert "нов → приет" in page
    assert "Подателят звъня три пъти" not in page
    assert "Вътрешна бележка" not in page


def test_hidden_photos_are_not_shown(client, report):
    hidden, visible = add_photo(report), add_photo(report)
    ReportPhoto.objects.filter(pk=hidden.pk).update(is_hidden=True)
    page = client.get(report.get_absolute_url()).content.decode()
    assert visible.image.url in page
    assert hidden.image.url not in page


def test_the_public_answer_is_shown(client, report):
    Report.objects.filter(pk=report.pk).update(public_answer="Пейката е подменена.")
    assert "Пейката е подменена." in client.get(report.get_absolute_url()).content.decode()


def test_an_unknown_number_is_404(client):
    assert client.get(reverse("reports:detail", args=["С-2026-999999"])).status_code == 404


def test_a_hidden_report_is_404_for_the_public_but_not_for_staff(client, report):
    Report.objects.filter(pk=report.pk).update(is_hidden=True)
    assert client.get(report.get_absolute_url()).status_code == 404
    client.force_login(StaffUserFactory())
    assert client.get(report.get_absolute_url()).status_code == 200


def test_the_track_form_takes_a_lowercase_latin_number_to_the_page(client, report):
    # "С-2026-000001" typed as "c-2026-1" on a Latin keyboard.
    prefix, year, number = report.number.split("-")
    typed = f"c-{year}-{int(number)}"
    assert prefix == "С"
    response = client.get(reverse("core:track"), {"number": typed})
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()


def test_a_duplicate_links_to_its_original(client, report):
    original = submit_report()
    Report.objects.filter(pk=report.pk).update(duplicate_of=original, status="duplicate")
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Дубликат на" in page
    assert f'href="{original.get_absolute_url()}"' in page


def test_anonymous_visitors_are_asked_to_log_in_to_subscribe(client, report):
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Влезте, за да се абонирате" in page
    assert f"{reverse('account_login')}?next=" in page


def test_the_unsubscribe_page_reveals_no_personal_data(client, report):
    subscription = report.subscriptions.create(user=UserFactory())
    page = client.get(unsubscribe_url(subscription)).content.decode()
    assert report.number in page
    for personal in (NAME, EMAIL, PHONE, subscription.user.email):
        assert personal not in page
