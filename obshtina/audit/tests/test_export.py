"""A citizen's data export lists who on the staff opened their items and when."""

import json

import pytest
import time_machine
from django.urls import reverse

from obshtina.correspondence.tests.desk_helpers import officer_of
from obshtina.correspondence.tests.factories import file_document

from .helpers import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def export_of(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_export_lists_the_staff_who_opened_the_citizen_s_letter(client):
    unit = UnitFactory(name="Отдел „Екология“")
    citizen = UserFactory()
    letter = file_document(author=citizen, addressee=unit)
    officer = officer_of(unit, first_name="Петя", last_name="Служителева")
    client.force_login(officer)
    with time_machine.travel("2026-03-29 00:30 +00:00", tick=False):  # the night clocks go forward
        client.get(reverse("correspondence:manage", args=[letter.number]))

    openings = export_of(client, citizen)["opened_by_staff"]

    assert openings == [
        {
            "accessed_at": "2026-03-29T02:30:00+02:00",
            "staff_member": "Петя Служителева",
            "staff_roles": "служител, Отдел „Екология“",
            "what": "преписка с лични данни",
            "item": "писмо",
            "registry_number": letter.number,
            "file_name": "",
            "how": "страница за служители",
        }
    ]
    assert officer.email not in json.dumps(openings)


def test_another_citizen_s_export_does_not_list_them(client):
    unit = UnitFactory()
    letter = file_document(addressee=unit)
    client.force_login(officer_of(unit))
    client.get(reverse("correspondence:manage", args=[letter.number]))

    assert export_of(client, UserFactory())["opened_by_staff"] == []
