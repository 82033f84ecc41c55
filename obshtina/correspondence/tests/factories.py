"""Documents for tests, filed through the real service."""

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services.filing import correspondence_submit
from obshtina.reports.tests.factories import UnitFactory

__all__ = ["UnitFactory", "UserFactory", "file_document"]


def file_document(*, author=None, kind=Correspondence.Kind.LETTER, **kwargs) -> Correspondence:
    author = author or UserFactory()
    kwargs.setdefault("subject", "Ремонт на улица")
    kwargs.setdefault("text", "Моля, ремонтирайте ул. „Рила“.")
    kwargs.setdefault("sender_name", author.get_full_name() or "Иван Петров")
    kwargs.setdefault("sender_email", author.email)
    kwargs.setdefault("addressee", UnitFactory())
    if kind == Correspondence.Kind.ACCESS_REQUEST:
        kwargs.setdefault(
            "access",
            {
                "information_description": "Договорите за снегопочистване",
                "access_form": "electronic",
            },
        )
    return correspondence_submit(author=author, kind=kind, **kwargs)
