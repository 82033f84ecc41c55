""" "Задай въпрос" takes a Bulgarian phone number or none, as the profile does."""

import pytest
from django.urls import reverse

from obshtina.infodesk.models import Question

from .questions_factories import TEXT, TopicFactory

pytestmark = pytest.mark.django_db

URL = reverse("infodesk:ask")


@pytest.fixture
def topic():
    return TopicFactory(name="Адресна регистрация")


@pytest.mark.parametrize("phone", ["abc", "12", "+49 30 901820"])
def test_a_phone_that_is_no_bulgarian_number_is_refused_next_to_the_field(client, topic, phone):
    response = client.post(URL, {"topic": topic.pk, "text": TEXT, "phone": phone})
    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "Въведете български телефонен номер, напр. 0888 123 456 или +359 2 123 4567."
    ]
    assert not Question.objects.exists()


def test_a_bulgarian_phone_is_kept_as_e164(client, topic):
    client.post(URL, {"topic": topic.pk, "text": TEXT, "phone": "0888 123 456"})
    assert Question.objects.get().asker_phone == "+359888123456"
