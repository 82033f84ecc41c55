"""The requester clarifies and confirms through their pages; nobody else can."""

from datetime import date

import pytest
from django.urls import reverse

from obshtina.correspondence.models import Correspondence

from .factories import UserFactory
from .procedure_helpers import (
    awaiting,
    granted,
    item,
    officer,
    requester,
    today,
    unit,
)

pytestmark = pytest.mark.django_db
__all__ = ["awaiting", "granted", "item", "officer", "requester", "today", "unit"]  # fixtures
Status = Correspondence.Status


def clarify_url(item):
    return reverse("correspondence:clarify", kwargs={"number": item.number})


def confirm_url(item):
    return reverse("correspondence:confirm_access", kwargs={"number": item.number})


def test_the_requester_clarifies_and_sees_the_new_term(client, awaiting, requester, today):
    today(date(2026, 8, 20))
    client.force_login(requester)
    response = client.post(clarify_url(awaiting), {"text": "За 2025 г."}, follow=True)
    assert response.redirect_chain[-1][0] == awaiting.get_absolute_url()
    assert "Срокът за решение е до 03.09.2026." in response.text
    awaiting.refresh_from_db()
    assert (awaiting.status, awaiting.due_at) == (Status.IN_REVIEW, date(2026, 9, 3))


def test_an_empty_clarification_is_shown_again_with_the_error(client, awaiting, requester):
    client.force_login(requester)
    response = client.post(clarify_url(awaiting), {"text": "  "})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_CLARIFICATION


def test_clarifying_what_was_not_asked_shows_why(client, item, requester):
    client.force_login(requester)
    response = client.post(clarify_url(item), {"text": "Допълвам."})
    assert response.status_code == 400
    assert "Заявлението не очаква уточнение." in response.text


@pytest.mark.parametrize("who", ["another citizen", "the officer", "anonymous"])
def test_nobody_but_the_requester_can_clarify(client, awaiting, officer, who):
    if who == "another citizen":
        client.force_login(UserFactory())
    elif who == "the officer":
        client.force_login(officer)
    response = client.post(clarify_url(awaiting), {"text": "Чуждо уточнение."})
    assert response.status_code == 404
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_CLARIFICATION


def test_clarify_answers_only_post(client, awaiting, requester):
    client.force_login(requester)
    assert client.get(clarify_url(awaiting)).status_code == 405


def test_the_requester_confirms_access_received(client, granted, requester):
    client.force_login(requester)
    response = client.post(confirm_url(granted))
    assert response.status_code == 302
    granted.refresh_from_db()
    assert granted.status == Status.CLOSED
    assert granted.access_request.access_confirmed_at is not None


def test_confirming_before_a_grant_explains_why_not(client, item, requester):
    client.force_login(requester)
    client.post(confirm_url(item))
    messages = [str(message) for message in client.get("/").context["messages"]]
    assert any("само след решение за достъп" in message for message in messages)
    item.refresh_from_db()
    assert item.status == Status.REGISTERED


@pytest.mark.parametrize("who", ["another citizen", "the officer", "anonymous"])
def test_nobody_but_the_requester_can_confirm(client, granted, officer, who):
    if who == "another citizen":
        client.force_login(UserFactory())
    elif who == "the officer":
        client.force_login(officer)
    assert client.post(confirm_url(granted)).status_code == 404
    granted.refresh_from_db()
    assert granted.status == Status.GRANTED
