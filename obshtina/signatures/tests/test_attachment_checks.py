"""A letter filed with signed files: after filing the signatures are checked in the
background, and the sender's and the registry desk's pages say what they are."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.tests.desk_helpers import manage_url, registry_clerk
from obshtina.signatures.models import AttachmentSignature

from . import signing

pytestmark = pytest.mark.django_db(transaction=True)

VALID_QUALIFIED = "Валиден квалифициран електронен подпис — Иван Петров Иванов, подписан на"


def _file(client, *files):
    citizen = UserFactory(first_name="Иван", last_name="Иванов")
    client.force_login(citizen)
    response = client.post(
        reverse("correspondence:new"),
        {
            "kind": "letter",
            "addressee": "",
            "subject": "Искане",
            "text": "Моля, вижте приложеното.",
            "sender_type": "citizen",
            "sender_name": "Иван Иванов",
            "sender_email": "ivan@example.bg",
            "attachments": [
                SimpleUploadedFile(name, data, content_type="application/octet-stream")
                for name, data in files
            ],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Correspondence.objects.get(author=citizen)


def test_the_sender_sees_a_valid_qualified_signature_on_their_pdf(
    client, signatures_trusted_lists, signatures_pki
):
    item = _file(client, ("молба.pdf", signing.pades(signatures_pki, "ivan")))
    page = client.get(item.get_absolute_url()).content.decode()
    assert VALID_QUALIFIED in page


def test_the_registry_clerk_sees_it_and_may_check_again(
    client, signatures_trusted_lists, signatures_pki
):
    item = _file(client, ("молба.pdf", signing.pades(signatures_pki, "ivan")))
    client.force_login(registry_clerk())
    page = client.get(manage_url(item)).content.decode()
    assert VALID_QUALIFIED in page
    attachment = item.attachments.get()
    AttachmentSignature.objects.filter(attachment=attachment).update(signer_name="старо")
    response = client.post(reverse("signatures:recheck", args=[attachment.pk]))
    assert response.status_code == 302
    assert attachment.signatures.get().signer_name == "Иван Петров Иванов"


def test_a_revoked_signature_is_shown_as_invalid(client, signatures_trusted_lists, signatures_pki):
    item = _file(client, ("молба.pdf", signing.pades(signatures_pki, "ivan-revoked")))
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Невалиден електронен подпис — Иван Петров Иванов" in page
    assert "удостоверението е оттеглено" in page


def test_a_detached_p7s_is_checked_over_its_file(client, signatures_trusted_lists, signatures_pki):
    data = signing.blank_pdf()
    signature = signing.cades(signatures_pki, "ivan", data, detached=True)
    item = _file(client, ("молба.pdf", data), ("молба.pdf.p7s", signature))
    p7s = item.attachments.get(original_name="молба.pdf.p7s")
    assert p7s.signatures.get().is_valid_qualified
    assert not item.attachments.get(original_name="молба.pdf").signatures.exists()


def test_a_signed_xml_file_is_accepted_and_checked(
    client, signatures_trusted_lists, signatures_pki
):
    signed = signing.xades(signatures_pki, "ivan", "<Request><Text>Моля</Text></Request>".encode())
    item = _file(client, ("заявление.xml", signed))
    assert item.attachments.get().signatures.get().is_valid_qualified


def test_a_stranger_s_signature_is_not_qualified(client, signatures_trusted_lists, signatures_pki):
    item = _file(client, ("молба.pdf", signing.pades(signatures_pki, "stranger")))
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Електронен подпис, който не е квалифициран — Петър Георгиев Петров" in page


def test_with_signatures_off_nothing_is_checked_or_shown(client, settings, signatures_pki):
    settings.SIGNATURES_ENABLED = False
    item = _file(client, ("молба.pdf", signing.pades(signatures_pki, "ivan")))
    page = client.get(item.get_absolute_url()).content.decode()
    assert "електронен подпис" not in page.lower()
    assert not AttachmentSignature.objects.exists()


def test_with_signatures_off_a_p7s_is_refused_as_before(client, settings, signatures_pki):
    settings.SIGNATURES_ENABLED = False
    signature = signing.cades(signatures_pki, "ivan", b"text", detached=False)
    client.force_login(UserFactory())
    response = client.post(
        reverse("correspondence:new"),
        {
            "kind": "letter",
            "addressee": "",
            "subject": "Искане",
            "text": "Моля.",
            "sender_type": "citizen",
            "sender_name": "Иван Иванов",
            "sender_email": "ivan@example.bg",
            "attachments": [SimpleUploadedFile("molba.p7s", signature)],
        },
    )
    assert response.status_code == 200
    assert "не е в разрешен формат" in response.content.decode()


def test_an_officer_of_another_unit_cannot_recheck(
    client, signatures_trusted_lists, signatures_pki
):
    from obshtina.correspondence.tests.desk_helpers import officer_of
    from obshtina.reports.tests.factories import UnitFactory

    item = _file(client, ("молба.pdf", signing.pades(signatures_pki, "ivan")))
    client.force_login(officer_of(UnitFactory()))
    response = client.post(reverse("signatures:recheck", args=[item.attachments.get().pk]))
    assert response.status_code == 404
