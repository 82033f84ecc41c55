"""The question's public page, the asker's private page, and tracking by number."""

import pytest
from django.urls import reverse

from .questions_factories import EMAIL, NAME, PHONE, TEXT, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    return ask(asker_name=NAME, asker_email=EMAIL, asker_phone=PHONE)


def test_the_public_page_shows_number_topic_and_status(client, question):
    html = client.get(question.get_absolute_url()).content.decode()
    assert question.number in html
    assert question.topic.name in html
    assert '<span class="status status-new">нов</span>' in html


def test_the_public_page_shows_neither_the_asker_nor_the_question_text(client, question):
    html = client.get(question.get_absolute_url()).content.decode()
    for private in (NAME, EMAIL, PHONE, TEXT, "Тайна"):
        assert private not in html


def test_the_access_link_shows_the_asker_their_text_and_data(client, question):
    response = client.get(question.get_access_url())
    html = response.content.decode()
    assert "Тайна 7" in html
    assert EMAIL in html
    assert response["X-Robots-Tag"] == "noindex"


def test_a_wrong_access_link_is_404(client, question):
    assert client.get(reverse("infodesk:question_access", args=["bad-token"])).status_code == 404


def test_an_unknown_number_is_404(client):
    assert client.get(reverse("infodesk:question", args=["В-2020-999"])).status_code == 404


def test_a_number_typed_on_the_home_page_opens_the_question(client, question):
    typed = question.number.lower().replace("в-", "в - ")
    response = client.get("/track/", {"number": typed}, follow=True)
    assert response.redirect_chain[-1][0] == question.get_absolute_url()
    assert question.number in response.content.decode()
