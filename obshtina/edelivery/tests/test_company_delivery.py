"""A company with an e-Delivery profile gets the answer there too, and sees it delivered.

Against the contract peer (tests/peer.py): a contract test, not the real e-Delivery.
"""

import pytest
from django.core import mail

from obshtina.correspondence.models import CorrespondenceEvent
from obshtina.edelivery.models import Delivery

from .helpers import COMPANY_EIK, answer_with_pdf, company_letter
from .peer import TEXT_FIELD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_answer_and_its_file_reach_the_companys_profile(client, edelivery_connector):
    profile_id = edelivery_connector.add_profile(COMPANY_EIK, name="Фирма ООД")
    item = company_letter()
    document = answer_with_pdf(client, item)
    [message] = edelivery_connector.messages.values()
    assert message.recipient_profile_ids == [profile_id]
    assert message.fields[TEXT_FIELD] == "Разрешението е издадено."
    assert [f["name"] for f in message.files] == [f"{document.number}.txt", "reshenie.pdf"]
    assert message.files[0]["content"].decode() == "Разрешението е издадено."
    assert document.number in message.subject
    delivery = Delivery.objects.get(document=document)
    assert delivery.status == Delivery.Status.SENT
    assert delivery.message_id == message.message_id


def test_the_sender_is_told_by_email_that_it_went_to_their_profile(client, edelivery_connector):
    edelivery_connector.add_profile(COMPANY_EIK)
    item = company_letter()
    mail.outbox.clear()
    answer_with_pdf(client, item)
    bodies = [m.body for m in mail.outbox if m.to == ["office@firma.bg"]]
    assert any("до профила ви в системата за сигурно електронно връчване" in b for b in bodies)


def test_delivered_appears_on_the_senders_page_after_the_push_notification(
    client, edelivery_connector, live_server
):
    edelivery_connector.push_url = live_server.url + "/edelivery/push/"
    edelivery_connector.add_profile(COMPANY_EIK)
    item = company_letter()
    answer_with_pdf(client, item)
    [message_id] = edelivery_connector.messages
    edelivery_connector.open_message(message_id)
    kinds = set(item.events.values_list("kind", flat=True))
    assert CorrespondenceEvent.Kind.EDELIVERY_DELIVERED in kinds
    assert CorrespondenceEvent.Kind.EDELIVERY_RECEIVED in kinds
    client.force_login(item.author)
    page = client.get(item.get_absolute_url()).text
    assert "Изпратено през е-Връчване" in page
    assert "Връчено през е-Връчване" in page
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED


def test_the_push_notification_is_answered_but_not_believed(client, edelivery_connector):
    """A notification naming a message nobody opened changes nothing: the status API
    says what happened."""
    edelivery_connector.add_profile(COMPANY_EIK)
    item = company_letter()
    answer_with_pdf(client, item)
    [message_id] = edelivery_connector.messages
    response = client.post(
        "/edelivery/push/",
        {"EventType": "Delivered", "MessageId": message_id},
        content_type="application/json",
    )
    assert response.status_code == 202
    assert Delivery.objects.get().status == Delivery.Status.RECEIVED
    assert not item.events.filter(kind=CorrespondenceEvent.Kind.EDELIVERY_DELIVERED).exists()


def test_only_a_push_naming_a_message_waiting_for_news_queues_a_check(
    client, edelivery_connector, settings
):
    """Anyone may post to the push address: junk fills no job queue."""
    from django_tasks_db.models import DBTaskResult

    edelivery_connector.add_profile(COMPANY_EIK)
    answer_with_pdf(client, company_letter())
    [message_id] = edelivery_connector.messages
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }

    def checks_queued_after_push(named):
        response = client.post(
            "/edelivery/push/",
            {"EventType": "Delivered", "MessageId": named},
            content_type="application/json",
        )
        assert response.status_code == 202
        return DBTaskResult.objects.filter(task_path__endswith="check_delivery_message").count()

    assert checks_queued_after_push(message_id + 1) == 0  # not ours
    Delivery.objects.update(status=Delivery.Status.DELIVERED)
    assert checks_queued_after_push(message_id) == 0  # nothing left to learn
    Delivery.objects.update(status=Delivery.Status.RECEIVED)
    assert checks_queued_after_push(message_id) == 1


def test_a_malformed_push_notification_gets_a_clear_400(client, edelivery_connector):
    response = client.post("/edelivery/push/", "нещо", content_type="application/json")
    assert response.status_code == 400
    assert "EventType" in response.json()["error"]
