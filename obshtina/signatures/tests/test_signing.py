"""Outgoing PDFs signed by the official's qualified certificate, through a PKCS#11
token (SoftHSM2) and a CSC remote-signing service: our own validator then finds a
valid qualified, time-stamped PAdES signature."""

import pytest

from obshtina.signatures.services.signing import SigningError, pdf_sign
from obshtina.signatures.services.validation import Verdict, pdf_signatures

from . import signing

pytestmark = pytest.mark.django_db


def _assert_valid_qualified(signed: bytes):
    (finding,) = pdf_signatures(signed)
    assert finding.signer_name == "Иван Петров Иванов"
    assert finding.verdict == Verdict.VALID
    assert finding.qualified
    assert finding.timestamped_at is not None


def test_a_pdf_signed_through_the_pkcs11_token_is_valid_qualified_and_timestamped(
    signatures_trusted_lists, signing_by_pkcs11
):
    _assert_valid_qualified(pdf_sign(signing.blank_pdf(), reason="Решение по ЗДОИ"))


def test_a_pdf_signed_through_the_csc_service_is_valid_qualified_and_timestamped(
    signatures_trusted_lists, signing_by_csc
):
    _assert_valid_qualified(pdf_sign(signing.blank_pdf(), reason="Отговор"))


def test_signing_off_is_a_clear_error(settings):
    settings.SIGNATURES_SIGNING_BACKEND = "off"
    with pytest.raises(SigningError, match="не е включено"):
        pdf_sign(signing.blank_pdf(), reason="")


def test_a_wrong_pin_is_a_clear_error(signatures_trusted_lists, signing_by_pkcs11):
    signing_by_pkcs11.SIGNATURES_PKCS11_PIN = "000000"
    with pytest.raises(SigningError, match="не можа"):
        pdf_sign(signing.blank_pdf(), reason="")
