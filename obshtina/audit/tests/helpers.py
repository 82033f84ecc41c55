"""People and items for the access-record tests, made through the real services."""

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory
from obshtina.audit.models import AccessRecord
from obshtina.organization.tests.factories import UnitFactory, member

__all__ = ["StaffUserFactory", "UnitFactory", "UserFactory", "member"]


def records(**filters) -> list[AccessRecord]:
    return list(AccessRecord.objects.filter(**filters).order_by("pk"))


def only_record() -> AccessRecord:
    (record,) = records()
    return record
