""" "Моите писма и заявления": the list, the profile card, the data export and
what happens to the sender's data when the account is deleted."""

import json

import pytest
from django.urls import reverse

from obshtina.accounts.sections import filed_items_url
from obshtina.accounts.services import user_delete_account
from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.models import Correspondence

from .factories import file_document

pytestmark = pytest.mark.django_db

KIND = "correspondence"  # its key in "Моите"

URL = reverse("correspondence:mine")


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_it_lists_my_documents_with_status_and_deadline_and_not_others(client):
    me = UserFactory()
    mine = file_document(author=me, subject="Дупка на ул. Рила")
    theirs = file_document(author=UserFactory(), subject="Чуждо писмо")
    client.force_login(me)
    html = client.get(URL, follow=True).content.decode()
    assert mine.number in html
    assert mine.get_absolute_url() in html
    assert "Дупка на ул. Рила" in html
    assert "писмо" in html.lower()
    assert "регистрирано" in html
    assert mine.due_at.strftime("%d.%m.%Y") in html
    assert theirs.number not in html
    assert "Чуждо писмо" not in html


def test_it_is_paginated(client):
    me = UserFactory()
    items = [file_document(author=me) for _n in range(26)]  # "Моите" shows 25 a page
    client.force_login(me)
    first_page = client.get(URL, follow=True).content.decode()
    second_page = client.get(URL, {"page": 2}, follow=True).content.decode()
    assert "Страница 1 от 2" in first_page
    assert items[0].number in second_page
    assert items[0].number not in first_page


def test_the_profile_shows_my_documents_card(client):
    me = UserFactory()
    file_document(author=me)
    client.force_login(me)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Моите писма и заявления" in html
    assert f'href="{filed_items_url(KIND)}"' in html


def test_the_data_export_holds_my_documents_without_internal_notes(client):
    me = UserFactory()
    item = file_document(author=me, kind=Correspondence.Kind.ACCESS_REQUEST)
    file_document(author=UserFactory())
    client.force_login(me)
    data = json.loads(client.get(reverse("accounts:export")).content)
    [exported] = data["correspondence"]
    assert exported["number"] == item.number
    assert exported["sender"]["email"] == me.email
    assert exported["access_request"]["access_form"] == "electronic"
    assert [event["kind"] for event in exported["events"]] == ["registered"]


def test_deleting_the_account_keeps_the_document_but_erases_the_senders_data():
    me = UserFactory()
    item = file_document(
        author=me,
        sender_phone="0888123456",
        sender_address="ул. Рила 1",
        sender_type=Correspondence.SenderType.COMPANY,
        organisation={"name": "Рила ЕООД", "eik": "831641791", "address": "", "role": "управител"},
    )
    other = file_document(author=UserFactory())

    user_delete_account(user=me)

    item.refresh_from_db()
    assert (item.sender_name, item.sender_email, item.sender_phone, item.sender_address) == (
        "",
        "",
        "",
        "",
    )
    assert item.organisation_role == ""
    assert item.organisation_name == "Рила ЕООД"
    assert item.subject and item.number
    assert item.events.filter(kind="note", visible_to_sender=False).exists()
    other.refresh_from_db()
    assert other.sender_name
