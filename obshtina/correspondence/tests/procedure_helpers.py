"""Fixtures for the access-to-information procedure tests (test_procedure_*.py)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services import procedure
from obshtina.organization.services import staff_role_grant

from .citizen_helpers import officer_of, pdf_upload, private_media  # noqa: F401
from .factories import UnitFactory, UserFactory, file_document

# What a decision granting access must state (ЗДОИ, чл. 34).
GRANT_TERMS = {
    "form_of_access": "electronic",
    "place": "по имейл",
    "time_limit": 30,
    "costs": "без разходи",
}


def file_access_request(**kwargs) -> Correspondence:
    return file_document(kind=Correspondence.Kind.ACCESS_REQUEST, **kwargs)


def access_officer():
    user = UserFactory(second_factor=True)
    staff_role_grant(user=user, role="access_officer")
    return user


def manage_url(item: Correspondence) -> str:
    return reverse("correspondence:manage", kwargs={"number": item.number})


def pdf_files() -> list:
    """What the officer's forms hand to the services: (upload, content type) pairs."""
    return [(pdf_upload("решение.pdf"), "application/pdf")]


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def requester():
    return UserFactory()


@pytest.fixture
def item(unit, requester):
    return file_access_request(author=requester, addressee=unit)


@pytest.fixture
def officer(unit):
    return officer_of(unit)


@pytest.fixture
def today(monkeypatch):
    """Pin "today" (Europe/Sofia) for the services: ``today(date(2026, 8, 7))``."""
    real_localdate = timezone.localdate

    def pin(day: date) -> date:
        def localdate(value=None, timezone=None):
            return day if value is None else real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return day

    return pin


@pytest.fixture
def awaiting(item, officer, today):
    """A request the officer asked to clarify on 7 August 2026: due by 8 September."""
    today(date(2026, 8, 7))
    procedure.access_clarification_request(item=item, actor=officer, text="Уточнете периода.")
    return item


@pytest.fixture
def granted(item, officer):
    procedure.access_decide(
        item=item, actor=officer, outcome="grant", text="Достъп.", **GRANT_TERMS
    )
    return item
