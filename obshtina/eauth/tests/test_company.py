"""A company named by the eAuth sign-in can be the sender of a letter."""

import pytest

from obshtina.correspondence.models import Correspondence

from . import flow

pytestmark = pytest.mark.django_db(transaction=True)
COMPANY_EIK = "201230426"


def test_the_letter_form_offers_the_company_named_at_sign_in(client, live_server, eauth):
    eauth.behaviour.person.company_identifier = f"NTRBG-{COMPANY_EIK}"
    flow.sign_in(client, live_server)
    page = client.get("/documents/new/", HTTP_HOST=flow.host_of(live_server)).content.decode()
    assert f"ЕИК {COMPANY_EIK}" in page
    assert "Подай от името на фирмата" in page


def test_filing_on_behalf_of_the_company_fills_in_its_eik(client, live_server, eauth):
    eauth.behaviour.person.identifier = f"TINBG-{COMPANY_EIK}"
    eauth.behaviour.person.name = "БОРИКА АД"
    flow.sign_in(client, live_server)
    host = flow.host_of(live_server)
    response = client.get("/documents/new/?on_behalf=company", HTTP_HOST=host)
    form = response.context["form"]
    assert form["sender_type"].value() == Correspondence.SenderType.COMPANY
    assert form["organisation_eik"].value() == COMPANY_EIK
    assert form["organisation_name"].value() == "БОРИКА АД"


def test_without_a_company_nothing_is_offered(client, live_server, eauth):
    flow.sign_in(client, live_server)
    page = client.get("/documents/new/", HTTP_HOST=flow.host_of(live_server)).content.decode()
    assert "Подай от името на фирмата" not in page
