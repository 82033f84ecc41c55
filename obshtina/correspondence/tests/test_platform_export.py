"""A decision exported for the national platform: its PDF and its data, for staff only."""

import io
import json
import os
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from obshtina.correspondence.models import AccessRequest, CorrespondenceEvent
from obshtina.correspondence.services import procedure
from obshtina.correspondence.services.decision_export import decision_of, decision_pdf
from obshtina.correspondence.services.platform import access_request_known_arrival

from .factories import UnitFactory, UserFactory
from .procedure_helpers import (
    GRANT_TERMS,
    file_access_request,
    item,
    officer,
    officer_of,
    requester,
    unit,
)

pytestmark = pytest.mark.django_db
__all__ = ["item", "officer", "requester", "unit"]  # fixtures


@pytest.fixture(autouse=True)
def platform_on(settings):
    settings.ACCESS_PLATFORM = True
    if not Path(settings.ACCESS_PLATFORM_PDF_FONT).exists():
        message = "the PDF font is missing: apt-get install fonts-dejavu-core"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def decided(item, officer):
    AccessRequest.objects.filter(correspondence=item).update(platform_number="ЗДОИ-01-4242")
    procedure.access_decide(
        item=item, actor=officer, outcome="grant", text="Предоставя се достъп.", **GRANT_TERMS
    )
    return item


def pdf_url(item):
    return reverse("correspondence:decision_pdf", kwargs={"number": item.number})


def data_url(item):
    return reverse("correspondence:decision_data", kwargs={"number": item.number})


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_officer_downloads_the_decision_as_a_pdf(client, decided, officer):
    client.force_login(officer)
    response = client.get(pdf_url(decided))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    document = decision_of(decided)
    assert document.number in text
    assert decided.number in text
    assert "ЗДОИ-01-4242" in text
    assert "Решение за предоставяне на достъп".upper() in text
    assert "Община Самоков".upper() in text


def test_the_pdf_is_the_same_bytes_each_time(decided):
    document = decision_of(decided)
    assert decision_pdf(document) == decision_pdf(document)


def test_the_data_carry_what_the_platform_asks(client, decided, officer):
    client.force_login(officer)
    data = json.loads(client.get(data_url(decided)).content)
    assert data["platform_number"] == "ЗДОИ-01-4242"
    assert data["request"]["registry_number"] == decided.number
    assert data["decision"]["kind"] == "grant"
    assert data["decision"]["time_limit_days"] == 30
    assert data["decision"]["form_of_access"] == "electronic"
    assert data["decision"]["costs"] == "без разходи"
    assert data["decision"]["in_time"] is True
    assert "sender_email" not in json.dumps(data)


def test_a_refusal_carries_its_ground(client, item, officer):
    procedure.access_decide(
        item=item,
        actor=officer,
        outcome="refuse",
        text="Търговска тайна.",
        refusal_ground="trade_secret",
    )
    client.force_login(officer)
    data = json.loads(client.get(data_url(item)).content)
    assert data["decision"]["kind"] == "refuse"
    assert data["decision"]["refusal_ground"] == "trade_secret"
    assert "Основание за отказ" in pdf_text(client.get(pdf_url(item)).content)


def test_the_page_links_the_export(client, decided, officer):
    client.force_login(officer)
    page = client.get(reverse("correspondence:manage", kwargs={"number": decided.number})).text
    assert pdf_url(decided) in page
    assert data_url(decided) in page


@pytest.mark.parametrize("url", [pdf_url, data_url])
def test_the_requester_and_another_citizen_get_404(client, decided, requester, url):
    for person in (requester, UserFactory()):
        client.force_login(person)
        assert client.get(url(decided)).status_code == 404


@pytest.mark.parametrize("url", [pdf_url, data_url])
def test_an_officer_of_another_unit_gets_404(client, decided, url):
    client.force_login(officer_of(UnitFactory()))
    assert client.get(url(decided)).status_code == 404


def test_a_request_without_a_decision_has_nothing_to_export(client, item, officer):
    client.force_login(officer)
    assert client.get(pdf_url(item)).status_code == 404


def test_with_the_connector_off_there_is_no_export(client, decided, officer, settings):
    settings.ACCESS_PLATFORM = False
    client.force_login(officer)
    assert client.get(pdf_url(decided)).status_code == 404


def test_a_delivered_message_of_a_known_request_is_recorded_on_it(decided):
    found = access_request_known_arrival(
        text="Препратено заявление ЗДОИ-01-4242 от Платформата", route="edelivery"
    )
    assert found == decided
    event = decided.events.get(kind=CorrespondenceEvent.Kind.ALSO_RECEIVED)
    assert event.message == "Получено и чрез системата за е-Връчване."


def test_a_delivered_message_of_an_unknown_request_is_left_to_register():
    file_access_request(addressee=UnitFactory())
    assert access_request_known_arrival(text="Заявление ЗДОИ-01-1", route="email") is None
