"""Administrators search the access record in the admin; nobody, not even a
superuser, adds, changes or deletes a row there."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from obshtina.audit.models import AccessRecord
from obshtina.organization.models import Role
from obshtina.organization.tests.factories import staff

from .helpers import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("admin:audit_accessrecord_changelist")


def record(**fields) -> AccessRecord:
    values = {
        "staff_name": "Петя Служителева",
        "staff_email": "petya@samokov.bg",
        "staff_roles": "деловодител",
        "what": AccessRecord.What.ITEM,
        "how": AccessRecord.How.PAGE,
        "item_kind": AccessRecord.ItemKind.LETTER,
        "registry_number": "П-2026-000001",
        "client_address": "203.0.113.9",
        "accessed_at": datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
        **fields,
    }
    return AccessRecord.objects.create(**values)


@pytest.fixture
def superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True, second_factor=True)
    client.force_login(user)
    return user


def listed(client, **query) -> str:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_superuser_may_not_add_change_or_delete_a_record(client, superuser):
    kept = record()

    assert client.get(reverse("admin:audit_accessrecord_add")).status_code == 403
    change = reverse("admin:audit_accessrecord_change", args=[kept.pk])
    client.post(change, {"staff_name": "Някой друг"})
    delete = reverse("admin:audit_accessrecord_delete", args=[kept.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.post(LIST, {"action": "delete_selected", "_selected_action": [kept.pk], "post": "yes"})

    kept.refresh_from_db()
    assert kept.staff_name == "Петя Служителева"
    assert "Запази" not in client.get(change).content.decode()  # a read-only page


def test_the_record_is_searched_by_person_number_and_address(client, superuser):
    record()
    record(
        staff_name="Иван Операторов", registry_number="С-2026-000042", client_address="198.51.100.7"
    )

    assert "С-2026-000042" not in listed(client, q="Петя")
    assert "Петя Служителева" not in listed(client, q="С-2026-000042")
    assert "Иван Операторов" in listed(client, q="198.51.100.7")


def test_the_record_is_filtered_by_a_range_of_sofia_days(client, superuser):
    record(registry_number="П-2026-000001", accessed_at=datetime(2026, 3, 9, 21, 59, tzinfo=UTC))
    record(registry_number="П-2026-000002", accessed_at=datetime(2026, 3, 9, 22, 0, tzinfo=UTC))
    record(registry_number="П-2026-000003", accessed_at=datetime(2026, 3, 12, 12, 0, tzinfo=UTC))

    page = listed(client, accessed_at__date__gte="2026-03-10", accessed_at__date__lte="2026-03-11")

    assert 'name="accessed_at__date__gte" value="2026-03-10"' in page  # the form keeps it
    assert "П-2026-000002" in page  # 00:00 on 10 March in Sofia
    assert "П-2026-000001" not in page  # 23:59 on 9 March in Sofia
    assert "П-2026-000003" not in page


def test_an_empty_end_of_the_range_means_no_limit(client, superuser):
    record()
    assert "П-2026-000001" in listed(
        client, accessed_at__date__gte="2026-01-01", accessed_at__date__lte=""
    )


def test_a_registry_clerk_does_not_see_the_record(client):
    client.force_login(staff(Role.REGISTRY_CLERK))
    assert client.get(LIST).status_code in (302, 403)
