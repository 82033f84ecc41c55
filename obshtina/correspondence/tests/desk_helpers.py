"""Helpers for the registry desk tests."""

from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory
from obshtina.core.tests.documents import pdf_bytes
from obshtina.correspondence.models import Correspondence
from obshtina.organization.models import Unit
from obshtina.organization.services import unit_member_add

PDF_BYTES = pdf_bytes()


def officer_of(unit: Unit, *, is_head: bool = False, **kwargs):
    """An officer (or head) of the unit, with no other role (and, as all staff, a second factor)."""
    kwargs.setdefault("second_factor", True)
    user = UserFactory(**kwargs)
    unit_member_add(user=user, unit=unit, is_head=is_head)
    return user


def registry_clerk(**kwargs):
    return StaffUserFactory(role="registry_clerk", **kwargs)


def access_officer(**kwargs):
    return StaffUserFactory(role="access_officer", **kwargs)


def desk_url(**query) -> str:
    """The workspace narrowed to letters, complaints, proposals and ЗДОИ requests."""
    return f"{reverse('casework:workspace')}?{urlencode({'kind': 'documents', **query})}"


def manage_url(item: Correspondence) -> str:
    return reverse("correspondence:manage", kwargs={"number": item.number})


def due_in(item: Correspondence, days: int) -> Correspondence:
    """Move the item's deadline to `days` from today (negative: in the past)."""
    Correspondence.objects.filter(pk=item.pk).update(
        due_at=timezone.localdate() + timedelta(days=days)
    )
    item.refresh_from_db()
    return item
