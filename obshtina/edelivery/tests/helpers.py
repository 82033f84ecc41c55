"""Documents answered through the registry desk, as an officer does it."""

from django.core.files.uploadedfile import SimpleUploadedFile

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.tests.desk_helpers import PDF_BYTES, manage_url, officer_of
from obshtina.correspondence.tests.factories import UnitFactory, file_document

COMPANY_EIK = "831641791"


def company_letter() -> Correspondence:
    return file_document(
        addressee=UnitFactory(),
        sender_type=Correspondence.SenderType.COMPANY,
        sender_email="office@firma.bg",
        organisation={"name": "Фирма ООД", "eik": COMPANY_EIK},
    )


def citizen_letter() -> Correspondence:
    return file_document(addressee=UnitFactory(), sender_email="maria@example.bg")


def answer_with_pdf(client, item, *, text="Разрешението е издадено."):
    """The officer of the item's unit answers it with a PDF, through the desk page."""
    client.force_login(officer_of(item.unit))
    pdf = SimpleUploadedFile("reshenie.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(
        manage_url(item), {"action": "answer", "kind": "answer", "text": text, "files": pdf}
    )
    assert response.status_code == 302, response.content[:500]
    client.logout()
    return item.outgoing_documents.get()
