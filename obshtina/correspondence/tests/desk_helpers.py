"""Helpers for the registry desk tests."""

from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from obshtina.accounts.tests.factories import StaffUserFactory
from obshtina.core.tests.documents import pdf_bytes
from obshtina.correspondence.models import Correspondence
from obshtina.organization.tests.factories import officer_of as officer_of

PDF_BYTES = pdf_bytes()


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
