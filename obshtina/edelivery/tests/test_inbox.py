"""ЗДОИ requests received in the municipality's e-Delivery profile (the contract peer's
inbox), registered once however they arrive and however often the sweep runs."""

import logging
import threading

import pytest
from django.core.management import call_command
from django.urls import reverse

from obshtina.correspondence.models import Correspondence, CorrespondenceEvent
from obshtina.correspondence.tests.desk_helpers import PDF_BYTES, registry_clerk
from obshtina.edelivery.models import ReceivedMessage

pytestmark = pytest.mark.django_db(transaction=True)

PLATFORM_SUBJECT = "Заявление ЗДОИ-01-4321 от Платформата за достъп до обществена информация"
TEXT = "Моля за копие от договорите за снегопочистване за 2026 г."


@pytest.fixture
def inbox(edelivery_connector, settings):
    settings.ACCESS_PLATFORM = True
    return edelivery_connector


def sweep():
    call_command("edelivery_sweep")


def platform_request(peer, **overrides):
    fields = {
        "subject": PLATFORM_SUBJECT,
        "text": TEXT,
        "files": [("zayavlenie.pdf", PDF_BYTES)],
        "sender_name": "Мария Иванова",
    }
    return peer.receive(**(fields | overrides))


def test_a_platform_request_is_registered_with_its_number_and_file(inbox, caplog):
    message_id = platform_request(inbox)
    with caplog.at_level(logging.DEBUG):
        sweep()
    assert "Мария Иванова" not in caplog.text  # personal data stays out of the logs
    item = Correspondence.objects.get()
    assert item.kind == Correspondence.Kind.ACCESS_REQUEST
    assert item.access_request.platform_number == "ЗДОИ-01-4321"
    assert item.sender_name == "Мария Иванова"
    assert item.access_request.information_description == TEXT
    [attachment] = item.attachments.all()
    assert attachment.original_name == "zayavlenie.pdf"
    assert attachment.content_type == "application/pdf"
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    registered = item.events.get(kind=CorrespondenceEvent.Kind.REGISTERED)
    assert registered.data["route"] == "edelivery"
    assert inbox.opened == [message_id]  # the sender now sees it delivered
    assert ReceivedMessage.objects.get().correspondence == item


def test_the_same_request_again_and_by_e_mail_is_one_item(inbox, client):
    platform_request(inbox)
    sweep()
    platform_request(inbox, subject="Повторно: заявление ЗДОИ-01-4321")
    sweep()
    client.force_login(registry_clerk())
    client.post(
        reverse("correspondence:platform_register"),
        {
            "route": "email",
            "platform_number": "ЗДОИ-01-4321",
            "sender_type": "citizen",
            "sender_name": "Мария Иванова",
            "sender_email": "maria@example.bg",
            "subject": "Договори",
            "text": TEXT,
            "information_description": TEXT,
            "access_form": "electronic",
        },
    )
    item = Correspondence.objects.get()
    also = item.events.filter(kind=CorrespondenceEvent.Kind.ALSO_RECEIVED)
    assert [event.data["route"] for event in also.order_by("pk")] == ["edelivery", "email"]
    assert not also.filter(visible_to_sender=True).exists()
    assert item.attachments.count() == 1
    assert ReceivedMessage.objects.count() == 2


def test_running_the_sweep_twice_registers_once(inbox):
    message_id = platform_request(inbox)
    sweep()
    sweep()
    assert Correspondence.objects.count() == 1
    assert inbox.open_calls == [message_id]  # a registered message is not opened again


def numbers() -> set[str]:
    return set(Correspondence.objects.values_list("access_request__platform_number", flat=True))


def test_a_failure_midway_loses_nothing_and_registers_nothing_twice(inbox):
    first = platform_request(inbox)
    second = platform_request(
        inbox,
        subject="Заявление ЗДОИ-01-5555",
        files=[("vtoro.pdf", PDF_BYTES)],
        sender_name="Иван Петров",
    )
    inbox.fail_path("/blobs/download/", 503)  # the first message's file does not come
    sweep()
    # The first message is opened but not registered; the second went through.
    assert numbers() == {"ЗДОИ-01-5555"}
    assert set(inbox.opened) == {first, second}
    inbox.fail_path(f"/messages/{first}/open", 500)
    sweep()  # its open fails this time: it still waits
    assert numbers() == {"ЗДОИ-01-5555"}
    sweep()
    assert numbers() == {"ЗДОИ-01-4321", "ЗДОИ-01-5555"}
    item = Correspondence.objects.get(access_request__platform_number="ЗДОИ-01-4321")
    assert item.attachments.count() == 1
    sweep()
    assert Correspondence.objects.count() == 2
    assert ReceivedMessage.objects.count() == 2


def test_the_peer_down_registers_nothing_and_the_next_sweep_does(inbox):
    platform_request(inbox)
    inbox.fail_path("/messages/inbox", 502)
    sweep()
    assert not Correspondence.objects.exists()
    sweep()
    assert Correspondence.objects.count() == 1


def test_a_message_that_is_no_access_request_is_left_unopened(inbox):
    inbox.receive(subject="Покана за общо събрание", text="Каним ви.", sender_name="Фирма ООД")
    sweep()
    assert not Correspondence.objects.exists()
    assert inbox.opened == []
    assert not ReceivedMessage.objects.exists()


def test_an_access_request_without_a_number_is_recognised_by_its_subject(inbox):
    platform_request(inbox, subject="Заявление за достъп до обществена информация")
    sweep()
    item = Correspondence.objects.get()
    assert item.access_request.platform_number == ""


def test_the_platforms_sender_profile_makes_it_an_access_request(inbox, settings):
    settings.EDELIVERY_INBOX_PLATFORM_SENDERS = ["Платформа за достъп до обществена информация"]
    platform_request(
        inbox,
        subject="Ново заявление",
        text="Номер ЗДОИ-02-777. " + TEXT,
        sender_name="Платформа за достъп до обществена информация",
    )
    sweep()
    assert Correspondence.objects.get().access_request.platform_number == "ЗДОИ-02-777"


def test_a_malicious_file_is_not_stored_and_the_staff_are_told(inbox):
    platform_request(
        inbox,
        files=[("zayavlenie.pdf", PDF_BYTES), ("virus.pdf", PDF_BYTES)],
        malicious=("virus.pdf",),
    )
    sweep()
    item = Correspondence.objects.get()
    assert [a.original_name for a in item.attachments.all()] == ["zayavlenie.pdf"]
    note = item.events.get(kind=CorrespondenceEvent.Kind.NOTE)
    assert "virus.pdf" in note.internal_note
    assert not note.visible_to_sender


@pytest.mark.parametrize("off", ["EDELIVERY_ENABLED", "ACCESS_PLATFORM"])
def test_with_a_connector_off_nothing_is_read(inbox, settings, off):
    setattr(settings, off, False)
    platform_request(inbox)
    sweep()
    assert not Correspondence.objects.exists()
    assert not any("inbox" in path or "open" in path for _, path in inbox.requests)


def test_two_sweeps_at_the_same_moment_register_each_message_once(inbox):
    from django.db import connection

    from obshtina.edelivery.inbox import inbox_read

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need PostgreSQL or a file database, not SQLite's in-memory one")
    for number in ("ЗДОИ-01-1", "ЗДОИ-01-2", "ЗДОИ-01-3"):
        platform_request(inbox, subject=f"Заявление {number}", files=[])
    barrier = threading.Barrier(2)
    results, errors = [], []

    def target():
        try:
            barrier.wait()
            results.append(inbox_read())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(results) == 3
    assert numbers() == {"ЗДОИ-01-1", "ЗДОИ-01-2", "ЗДОИ-01-3"}
    assert Correspondence.objects.count() == 3
