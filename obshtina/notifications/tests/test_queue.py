import pytest
from django.core import mail
from django.db import transaction

from obshtina.notifications.models import DeliveryAttempt, Notification
from obshtina.notifications.services import notification_queue
from obshtina.organization.selectors import current_municipality

pytestmark = pytest.mark.django_db

CONTEXT = {
    "subject": "Сигналът ви е приет",
    "body": "Сигнал № 12 за дупка & счупен <капак> е приет.",
    "action_url": "https://e.samokov.bg/track/abc",
    "action_label": "Проследете сигнала",
}


def queue(**overrides):
    arguments = {"to_email": "ivan@example.bg", "template": "generic", "context": CONTEXT}
    return notification_queue(**{**arguments, **overrides})


class RolledBack(Exception):
    pass


def test_rolled_back_change_leaves_no_notification_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RolledBack),
        transaction.atomic(),
    ):
        queue()
        raise RolledBack

    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_nothing_is_sent_before_the_change_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue()
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_committed_notification_is_delivered_with_html_alternative(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue()

    [message] = mail.outbox
    assert message.to == ["ivan@example.bg"]
    assert message.subject == "Сигналът ви е приет"
    assert "Сигнал № 12 за дупка & счупен <капак> е приет." in message.body
    assert "Проследете сигнала: https://e.samokov.bg/track/abc" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "дупка &amp; счупен &lt;капак&gt;" in html
    assert 'href="https://e.samokov.bg/track/abc"' in html
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1
    assert notification.sent_at is not None
    assert DeliveryAttempt.objects.get(notification=notification).ok


def test_mail_carries_the_municipality_name_and_contact_centre_phone(
    django_capture_on_commit_callbacks,
):
    municipality = current_municipality()
    municipality.name = "Община Рила"
    municipality.contact_phone = "0700 11 222"
    municipality.save()

    with django_capture_on_commit_callbacks(execute=True):
        queue()

    [message] = mail.outbox
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert "Община Рила" in text
        assert "0700 11 222" in text
    assert "Контактен център" in message.body


def test_bulgarian_is_the_default_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue()

    assert notification.language == "bg"
    assert '<html lang="bg">' in mail.outbox[0].alternatives[0][0]


def test_english_notification_is_rendered_in_english(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue(language="en")

    assert notification.language == "en"
    assert '<html lang="en">' in mail.outbox[0].alternatives[0][0]


def test_unknown_language_falls_back_to_bulgarian():
    assert queue(language="xx").language == "bg"


def test_generic_template_offers_a_default_action_label(django_capture_on_commit_callbacks):
    context = {**CONTEXT, "action_label": ""}
    with django_capture_on_commit_callbacks(execute=True):
        queue(context=context)

    assert "Отворете: https://e.samokov.bg/track/abc" in mail.outbox[0].body


def test_multiline_subject_is_stored_as_one_line():
    notification = queue(context={**CONTEXT, "subject": "Сигнал\nприет "})
    assert notification.subject == "Сигнал приет"


def test_notification_records_what_it_is_about_and_who_it_is_for(citizen):
    notification = queue(user=citizen, about=current_municipality())
    assert notification.user == citizen
    assert notification.about_type == "organization.municipality"
    assert notification.about_id == str(current_municipality().pk)


def test_a_one_click_unsubscribe_link_becomes_list_unsubscribe_headers(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(
            to_email="citizen@example.bg",
            template="generic",
            context=CONTEXT,
            list_unsubscribe_url="https://e.samokov.bg/reports/unsubscribe/abc/",
        )
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"] == "<https://e.samokov.bg/reports/unsubscribe/abc/>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
