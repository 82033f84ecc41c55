"""Access requests from the national platform: its number, and one registration for
a request that arrives by several routes."""

import pytest
import time_machine
from django.urls import reverse

from obshtina.correspondence.models import AccessRequest, Correspondence, CorrespondenceEvent
from obshtina.correspondence.services.platform import platform_number_in

from .desk_helpers import access_officer, manage_url, registry_clerk
from .factories import UnitFactory, UserFactory
from .procedure_helpers import file_access_request

pytestmark = pytest.mark.django_db
REGISTER = "correspondence:platform_register"


@pytest.fixture(autouse=True)
def platform_on(settings):
    settings.ACCESS_PLATFORM = True


@pytest.fixture
def clerk_client(client):
    client.force_login(registry_clerk())
    return client


def arrival(**overrides) -> dict:
    return {
        "route": "email",
        "platform_number": "",
        "sender_type": "citizen",
        "sender_name": "Мария Иванова",
        "sender_email": "maria@example.bg",
        "subject": "Договори за снегопочистване",
        "text": "Моля за копие от договорите.",
        "information_description": "Договорите за снегопочистване за 2025 и 2026 г.",
        "access_form": "electronic",
        **overrides,
    }


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Заявление ЗДОИ-01-12345 от Платформата", "ЗДОИ-01-12345"),
        ("Относно: здои-44-7", "ЗДОИ-44-7"),
        ("Заявление ЗДОИ–01–999 (с тирета)", "ЗДОИ-01-999"),
        ("Нашият номер ЗДОИ-2026-000123", None),
        ("Без номер", None),
        ("", None),
    ],
)
def test_the_platform_number_is_read_from_a_message(text, number):
    assert platform_number_in(text) == number


def test_the_pattern_is_a_setting(settings):
    settings.ACCESS_PLATFORM_NUMBER_PATTERN = r"PDOI-\d+"
    assert platform_number_in("Request PDOI-77 received") == "PDOI-77"


def test_the_clerk_registers_a_request_with_its_platform_number(clerk_client):
    response = clerk_client.post(
        reverse(REGISTER), arrival(platform_number="здои-01-555", route="paper")
    )
    item = Correspondence.objects.get()
    assert response.status_code == 302
    assert response["Location"] == manage_url(item)
    assert item.access_request.platform_number == "ЗДОИ-01-555"
    assert item.author is None
    assert "ЗДОИ-01-555" in clerk_client.get(manage_url(item)).text


def test_the_same_platform_request_by_two_routes_makes_one_item(clerk_client):
    clerk_client.post(reverse(REGISTER), arrival(platform_number="ЗДОИ-01-555", route="edelivery"))
    response = clerk_client.post(
        reverse(REGISTER), arrival(platform_number="ЗДОИ-01-555", route="email"), follow=True
    )
    item = Correspondence.objects.get()
    assert f"вече е регистрирано с номер {item.number}" in response.text
    event = item.events.get(kind=CorrespondenceEvent.Kind.ALSO_RECEIVED)
    assert event.message == "Получено и по имейл."
    assert not event.visible_to_sender
    assert "Получено и по имейл." in response.text


def test_the_same_number_in_another_municipality_is_another_request():
    from obshtina.organization.models import Municipality

    here = file_access_request(addressee=UnitFactory())
    there = file_access_request(addressee=UnitFactory())
    other = Municipality.objects.create(name="Община Долна баня", slug="dolna-banya")
    AccessRequest.objects.filter(correspondence=here).update(platform_number="ЗДОИ-01-9")
    AccessRequest.objects.filter(correspondence=there).update(
        platform_number="ЗДОИ-01-9", municipality=other
    )
    assert AccessRequest.objects.filter(platform_number="ЗДОИ-01-9").count() == 2


def test_the_same_number_in_one_municipality_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    here = file_access_request(addressee=UnitFactory())
    there = file_access_request(addressee=UnitFactory())
    AccessRequest.objects.filter(correspondence=here).update(platform_number="ЗДОИ-01-9")
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessRequest.objects.filter(correspondence=there).update(platform_number="ЗДОИ-01-9")


def test_a_malformed_platform_number_is_refused_with_a_message(clerk_client):
    response = clerk_client.post(reverse(REGISTER), arrival(platform_number="12345"))
    assert response.status_code == 200
    assert "не прилича на номер от Платформата" in response.text
    assert not Correspondence.objects.exists()


def post_at(client, moment: str, data: dict):
    """Post the registration at ``moment`` (a staff session ends after hours: log in then)."""
    with time_machine.travel(moment, tick=False):
        client.force_login(registry_clerk())
        return client.post(reverse(REGISTER), data)


def test_a_near_identical_request_from_the_same_address_asks_for_confirmation(client):
    post_at(client, "2026-02-20 10:00 +0200", arrival())
    again = arrival(information_description="Договорите за снегопочистване за 2025 и 2026 г")
    response = post_at(client, "2026-03-05 10:00 +0200", again)
    first = Correspondence.objects.get()
    assert "Възможно повторение" in response.text
    assert first.number in response.text
    confirmed = post_at(client, "2026-03-05 10:01 +0200", {**again, "confirm_similar": "on"})
    assert confirmed.status_code == 302
    assert Correspondence.objects.count() == 2


def test_a_similar_request_after_fourteen_days_is_no_warning(client):
    post_at(client, "2026-12-17 10:00 +0200", arrival())
    response = post_at(client, "2026-12-31 23:30 +0200", arrival())
    assert response.status_code == 302
    assert Correspondence.objects.count() == 2


def test_a_different_request_from_the_same_address_is_no_warning(clerk_client):
    clerk_client.post(reverse(REGISTER), arrival())
    response = clerk_client.post(
        reverse(REGISTER), arrival(information_description="Бюджетът на читалищата за 2026 г.")
    )
    assert response.status_code == 302


def test_the_platform_number_is_edited_on_the_item(client):
    officer = access_officer()
    item = file_access_request(addressee=UnitFactory())
    client.force_login(officer)
    response = client.post(
        manage_url(item), {"action": "platform_number", "platform_number": "ЗДОИ-02-77"}
    )
    assert response.status_code == 302
    item.access_request.refresh_from_db()
    assert item.access_request.platform_number == "ЗДОИ-02-77"


def test_a_platform_number_of_another_item_is_refused_on_the_item(client):
    officer = access_officer()
    taken = file_access_request(addressee=UnitFactory())
    AccessRequest.objects.filter(correspondence=taken).update(platform_number="ЗДОИ-02-77")
    item = file_access_request(addressee=UnitFactory())
    client.force_login(officer)
    response = client.post(
        manage_url(item), {"action": "platform_number", "platform_number": "ЗДОИ-02-77"}
    )
    assert response.status_code == 400
    assert f"вече е на заявление {taken.number}" in response.text


def test_a_citizen_cannot_open_the_desk_registration(client):
    client.force_login(UserFactory())
    assert client.get(reverse(REGISTER)).status_code == 403


def test_with_the_connector_off_nothing_of_it_shows(clerk_client, settings):
    settings.ACCESS_PLATFORM = False
    assert clerk_client.get(reverse(REGISTER)).status_code == 404
    item = file_access_request(addressee=UnitFactory())
    page = clerk_client.get(manage_url(item)).text
    assert "Платформата" not in page
    assert clerk_client.get(reverse("casework:workspace")).text.count("platform") == 0


def test_the_workspace_links_the_registration(clerk_client):
    assert reverse(REGISTER) in clerk_client.get(reverse("casework:workspace")).text


def delivered(**overrides):
    from obshtina.correspondence.services.platform import access_request_deliver

    fields = arrival() | {"addressee": None} | overrides
    route = fields.pop("route") if "route" in overrides else "edelivery"
    fields.pop("route", None)
    return access_request_deliver(route=route, **fields)


def test_a_request_delivered_by_e_delivery_and_again_by_e_mail_is_one_item():
    first = delivered(platform_number=platform_number_in("Заявление ЗДОИ-03-321"))
    second = delivered(platform_number="ЗДОИ-03-321", route="email")
    assert first.created and not second.created
    assert second.item == first.item
    assert first.item.events.filter(kind=CorrespondenceEvent.Kind.ALSO_RECEIVED).count() == 1


def test_a_delivered_request_then_brought_on_paper_is_one_item(clerk_client):
    first = delivered(platform_number="ЗДОИ-03-321")
    response = clerk_client.post(
        reverse(REGISTER), arrival(platform_number="ЗДОИ-03-321", route="paper")
    )
    assert response["Location"] == manage_url(first.item)
    assert Correspondence.objects.count() == 1


def test_a_delivered_similar_request_is_registered_with_the_hint():
    delivered()
    again = delivered()
    assert again.created
    assert again.similar and again.similar[0].number


def test_the_requester_without_an_account_gets_the_number_and_no_link_they_cannot_open(
    clerk_client, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        clerk_client.post(reverse(REGISTER), arrival())
    item = Correspondence.objects.get()
    sent = [message for message in mailoutbox if "maria@example.bg" in message.to]
    assert item.number in sent[0].subject
    assert item.get_absolute_url() not in sent[0].body
