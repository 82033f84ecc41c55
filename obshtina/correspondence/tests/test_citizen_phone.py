"""The sender's phone of a letter or request must be a Bulgarian number, as the
profile's is; it is kept in one form (E.164) or left empty."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.models import Correspondence

from .citizen_helpers import private_media
from .test_citizen_filing import letter

pytestmark = pytest.mark.django_db

URL = reverse("correspondence:new")
__all__ = ["private_media"]


@pytest.fixture(autouse=True)
def citizen(client):
    user = UserFactory(first_name="Мария", last_name="Иванова")
    client.force_login(user)
    return user


@pytest.mark.parametrize("phone", ["abc", "0888", "+1 202 555 0143"])
def test_a_phone_that_is_no_bulgarian_number_is_refused_next_to_the_field(client, phone):
    response = client.post(URL, letter(sender_phone=phone))
    assert response.status_code == 200
    assert response.context["form"].errors["sender_phone"] == [
        "Въведете български телефонен номер, напр. 0888 123 456 или +359 2 123 4567."
    ]
    assert not Correspondence.objects.exists()


def test_a_bulgarian_phone_is_kept_as_e164(client):
    client.post(URL, letter(sender_phone="0888 123 456"))
    assert Correspondence.objects.get().sender_phone == "+359888123456"


def test_the_phone_may_be_left_empty(client):
    client.post(URL, letter(sender_phone=""))
    assert Correspondence.objects.get().sender_phone == ""
