"""What the validator says of signatures made with the test PKI: who signed, whether
qualified at the time, intact or tampered, valid, revoked or expired, time-stamped."""

import pytest

from obshtina.signatures.services.validation import (
    Verdict,
    cms_signatures,
    pdf_signatures,
    xml_signatures,
)

from . import signing

pytestmark = pytest.mark.django_db

XML = "<Request><Text>Моля за информация</Text></Request>".encode()


def _only(findings):
    assert len(findings) == 1
    return findings[0]


def test_a_qualified_pades_signature_is_valid_qualified_and_timestamped(
    signatures_trusted_lists, signatures_pki
):
    finding = _only(pdf_signatures(signing.pades(signatures_pki, "ivan")))
    assert finding.signer_name == "Иван Петров Иванов"
    assert finding.verdict == Verdict.VALID
    assert finding.qualified
    assert finding.intact
    assert finding.timestamped_at is not None
    assert finding.signed_at is not None


def test_a_changed_signed_pdf_is_tampered(signatures_trusted_lists, signatures_pki):
    tampered = signing.tamper_pdf(signing.pades(signatures_pki, "ivan"))
    finding = _only(pdf_signatures(tampered))
    assert finding.verdict == Verdict.TAMPERED
    assert not finding.intact
    assert not finding.qualified


def test_a_pades_signature_with_a_revoked_certificate_is_revoked(
    signatures_trusted_lists, signatures_pki
):
    finding = _only(pdf_signatures(signing.pades(signatures_pki, "ivan-revoked")))
    assert finding.verdict == Verdict.REVOKED
    assert not finding.qualified


def test_a_pades_signature_with_an_expired_certificate_is_expired(
    signatures_trusted_lists, signatures_pki
):
    finding = _only(pdf_signatures(signing.pades(signatures_pki, "ivan-expired")))
    assert finding.verdict == Verdict.EXPIRED
    assert not finding.qualified


def test_a_pades_signature_from_a_ca_not_on_the_trusted_list_is_not_qualified(
    signatures_trusted_lists, signatures_pki
):
    finding = _only(pdf_signatures(signing.pades(signatures_pki, "stranger")))
    assert finding.signer_name == "Петър Георгиев Петров"
    assert finding.intact
    assert finding.verdict == Verdict.UNTRUSTED
    assert not finding.qualified


def test_a_pdf_without_signatures_has_none(signatures_trusted_lists):
    assert pdf_signatures(signing.blank_pdf()) == []


def test_a_detached_cades_signature_over_its_file_is_valid_qualified(
    signatures_trusted_lists, signatures_pki
):
    data = signing.blank_pdf()
    signature = signing.cades(signatures_pki, "ivan", data, detached=True)
    finding = _only(cms_signatures(signature, content=data))
    assert finding.verdict == Verdict.VALID
    assert finding.qualified
    assert finding.timestamped_at is not None


def test_a_detached_cades_signature_over_another_file_is_tampered(
    signatures_trusted_lists, signatures_pki
):
    signature = signing.cades(signatures_pki, "ivan", b"original", detached=True)
    finding = _only(cms_signatures(signature, content=b"changed"))
    assert finding.verdict == Verdict.TAMPERED


def test_an_enveloping_cades_signature_is_valid_qualified(signatures_trusted_lists, signatures_pki):
    signature = signing.cades(signatures_pki, "ivan", b"text of the letter", detached=False)
    finding = _only(cms_signatures(signature))
    assert finding.verdict == Verdict.VALID
    assert finding.qualified


def test_a_cades_signature_with_a_revoked_certificate_is_revoked(
    signatures_trusted_lists, signatures_pki
):
    signature = signing.cades(signatures_pki, "ivan-revoked", b"text", detached=False)
    assert _only(cms_signatures(signature)).verdict == Verdict.REVOKED


def test_a_cades_signature_with_an_expired_certificate_is_expired(
    signatures_trusted_lists, signatures_pki
):
    signature = signing.cades(signatures_pki, "ivan-expired", b"text", detached=False)
    assert _only(cms_signatures(signature)).verdict == Verdict.EXPIRED


def test_a_cades_signature_from_another_ca_is_not_qualified(
    signatures_trusted_lists, signatures_pki
):
    signature = signing.cades(signatures_pki, "stranger", b"text", detached=False)
    finding = _only(cms_signatures(signature))
    assert finding.verdict == Verdict.UNTRUSTED
    assert not finding.qualified


def test_a_xades_signature_is_valid_qualified(signatures_trusted_lists, signatures_pki):
    finding = _only(xml_signatures(signing.xades(signatures_pki, "ivan", XML)))
    assert finding.signer_name == "Иван Петров Иванов"
    assert finding.verdict == Verdict.VALID
    assert finding.qualified
    assert finding.signed_at is not None


def test_a_changed_xades_signed_document_is_tampered(signatures_trusted_lists, signatures_pki):
    signed = signing.xades(signatures_pki, "ivan", XML)
    tampered = signed.replace("Моля".encode(), "Искам".encode())
    assert _only(xml_signatures(tampered)).verdict == Verdict.TAMPERED


def test_a_xades_signature_with_a_revoked_certificate_is_revoked(
    signatures_trusted_lists, signatures_pki
):
    signed = signing.xades(signatures_pki, "ivan-revoked", XML)
    assert _only(xml_signatures(signed)).verdict == Verdict.REVOKED


def test_a_xades_signature_with_an_expired_certificate_is_expired(
    signatures_trusted_lists, signatures_pki
):
    signed = signing.xades(signatures_pki, "ivan-expired", XML)
    assert _only(xml_signatures(signed)).verdict == Verdict.EXPIRED


def test_a_xades_signature_from_another_ca_is_not_qualified(
    signatures_trusted_lists, signatures_pki
):
    finding = _only(xml_signatures(signing.xades(signatures_pki, "stranger", XML)))
    assert finding.verdict == Verdict.UNTRUSTED
    assert not finding.qualified


def test_a_signature_whose_revocation_cannot_be_checked_is_not_confirmed(
    signatures_trusted_lists, signatures_pki, settings
):
    signed = signing.pades(signatures_pki, "ivan")  # signed (and time-stamped) while it is up
    signatures_pki.dispatcher.revocation_down = True
    try:
        finding = _only(pdf_signatures(signed))
        assert finding.intact
        assert finding.verdict == Verdict.INDETERMINATE  # never "valid" unchecked

        settings.SIGNATURES_REVOCATION_MODE = "soft-fail"
        assert _only(pdf_signatures(signed)).verdict == Verdict.VALID
    finally:
        signatures_pki.dispatcher.revocation_down = False
    settings.SIGNATURES_REVOCATION_MODE = "hard-fail"
    assert _only(pdf_signatures(signed)).verdict == Verdict.VALID  # back up: confirmed
