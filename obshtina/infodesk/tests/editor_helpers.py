"""People, themes and files for the editors' pages tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.accounts.tests.factories import UserFactory
from obshtina.core.tests.documents import pdf_bytes
from obshtina.infodesk.models import Theme
from obshtina.organization.models import Role, Unit
from obshtina.organization.services import staff_role_grant, unit_member_add

PDF_BYTES = pdf_bytes()


def person(kind: str):
    """A user of one kind: editor, administrator, operator, officer or citizen."""
    user = UserFactory(second_factor=kind != "citizen")
    if kind in {"editor", "administrator", "operator"}:
        staff_role_grant(user=user, role={"editor": Role.EDITOR}.get(kind, kind))
    elif kind == "officer":
        unit, _ = Unit.objects.get_or_create(name="Отдел „ГРАО“", slug="grao")
        unit_member_add(user=user, unit=unit)
    return user


def pdf(name: str = "zayavlenie.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def fake_pdf(name: str = "zayavlenie.pdf") -> SimpleUploadedFile:
    """A program renamed to look like a PDF."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a document", content_type="application/pdf")


def theme(name: str = "Раждане", slug: str = "razhdane") -> Theme:
    return Theme.objects.get_or_create(name=name, slug=slug)[0]


def service_post(**overrides) -> dict:
    """What the service form posts, filled in as an editor would."""
    data = {
        "name": "Адресна регистрация по постоянен адрес",
        "code": "2079",
        "purpose": "Заявяване на постоянен адрес на територията на общината.",
        "who_may_apply": "Български граждани.",
        "required_documents": "Заявление по образец; документ за самоличност.",
        "fees": "Без такса.",
        "deadline": "В деня на подаване",
        "apply_in_person": "on",
        "how_to_apply": "Лично в Центъра за административно обслужване.",
        "unit": "",
        "legal_basis": "Закон за гражданската регистрация, чл. 92.",
        "is_published": "on",
        "action": "save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def regulation_post(**overrides) -> dict:
    data = {
        "title": "Наредба за обществения ред на територията на Община Самоков",
        "kind": "ordinance",
        "number": "12",
        "adopted_on": "2024-03-28",
        "summary": "Правила за обществения ред, тишината и чистотата.",
        "status": "in_force",
        "is_published": "on",
        "action": "save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
