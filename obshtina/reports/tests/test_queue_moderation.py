"""Moderation: editing the public text, hiding photos, marking duplicates."""

import pytest
from django.core import mail

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report, ReportEvent, Subscription

from .factories import UnitFactory
from .staff_helpers import add_photo, manage_url, report_in

pytestmark = pytest.mark.django_db


def test_editing_the_public_text_keeps_the_original_in_the_history(client, unit, officer):
    report = report_in(unit, description="Дупка пред блока на Иван Петров, тел. 0888")
    response = client.post(
        manage_url(report), {"action": "edit_text", "description": "Дупка пред блока."}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.description == "Дупка пред блока."
    event = report.events.get(kind=ReportEvent.Kind.MODERATED)
    assert not event.is_public
    assert event.data["old"] == "Дупка пред блока на Иван Петров, тел. 0888"
    page = client.get(manage_url(report)).text
    assert "Предишен текст" in page
    assert "Дупка пред блока на Иван Петров, тел. 0888" in page


def test_an_empty_public_text_is_refused(client, unit, officer):
    report = report_in(unit)
    response = client.post(manage_url(report), {"action": "edit_text", "description": ""})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.description == "Дупка на пътя пред училището"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_photo_is_hidden_and_shown_again(client, unit, officer, media):
    report = report_in(unit)
    photo = add_photo(report)
    client.post(manage_url(report), {"action": "photo", "photo": photo.pk, "hidden": "on"})
    photo.refresh_from_db()
    assert photo.is_hidden
    assert "Покажи снимката" in client.get(manage_url(report)).text
    event = report.events.get(kind=ReportEvent.Kind.MODERATED)
    assert event.data == {"photo": photo.pk, "hidden": True}

    client.post(manage_url(report), {"action": "photo", "photo": photo.pk, "hidden": ""})
    photo.refresh_from_db()
    assert not photo.is_hidden


def test_a_photo_of_another_report_cannot_be_hidden_through_this_one(client, unit, officer, media):
    report = report_in(unit)
    foreign = add_photo(report_in(UnitFactory()))
    response = client.post(
        manage_url(report), {"action": "photo", "photo": foreign.pk, "hidden": "on"}
    )
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert not foreign.is_hidden


def test_a_duplicates_followers_follow_the_original(
    client, unit, officer, django_capture_on_commit_callbacks
):
    original = report_in(unit)
    author = UserFactory()
    duplicate = report_in(unit, author=author, submitter_email="maria@example.bg")
    follower = UserFactory()
    Subscription.objects.create(user=follower, report=duplicate)
    Subscription.objects.create(user=follower, report=original)  # already follows it

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage_url(duplicate), {"action": "duplicate", "original": original.number.lower()}
        )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == Report.Status.DUPLICATE
    assert duplicate.duplicate_of == original
    assert set(original.subscriptions.values_list("user_id", flat=True)) == {
        author.pk,
        follower.pk,
    }
    submitter_mail = next(m for m in mail.outbox if m.to == ["maria@example.bg"])
    assert original.number in submitter_mail.body
    note = original.events.get(kind=ReportEvent.Kind.DUPLICATE)
    assert not note.is_public
    assert duplicate.number in note.internal_note


def test_an_unknown_original_number_is_refused_next_to_the_field(client, unit, officer):
    report = report_in(unit)
    response = client.post(manage_url(report), {"action": "duplicate", "original": "С-1999-000001"})
    assert response.status_code == 400
    assert "Няма сигнал с номер С-1999-000001." in response.text
    report.refresh_from_db()
    assert report.status == Report.Status.NEW


def test_a_report_cannot_be_its_own_duplicate(client, unit, officer):
    report = report_in(unit)
    response = client.post(manage_url(report), {"action": "duplicate", "original": report.number})
    assert "не може да е дубликат на себе си" in response.text
