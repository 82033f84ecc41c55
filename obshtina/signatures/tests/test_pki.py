"""The test PKI answers as a real QTSP does: OCSP, CRLs and time-stamps on loopback."""

import pytest
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import RevokedError
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

from obshtina.signatures.services.coroutines import run_to_end


def _validate(pki, label):
    context = ValidationContext(
        trust_roots=[pki.cert("ca")],
        allow_fetching=True,
        revocation_mode="hard-fail",
        fetcher_backend=RequestsFetcherBackend(),
    )
    validator = CertificateValidator(pki.cert(label), validation_context=context)
    return run_to_end(validator.async_validate_usage({"non_repudiation"}))


def test_the_qualified_person_certificate_is_good_by_ocsp(signatures_pki):
    path = _validate(signatures_pki, "ivan")
    assert path.leaf.subject.native["serial_number"] == "PNOBG-8001010000"
    assert path.leaf.subject.native["common_name"] == "Иван Петров Иванов"


def test_the_revoked_certificate_is_revoked(signatures_pki):
    with pytest.raises(RevokedError):
        _validate(signatures_pki, "ivan-revoked")


def test_the_seal_names_the_organisation(signatures_pki):
    subject = signatures_pki.cert("seal").subject.native
    assert subject["organization_identifier"] == "NTRBG-000776277"


def test_the_time_stamping_authority_answers(signatures_pki):
    from pyhanko.sign.timestamps import HTTPTimeStamper

    stamper = HTTPTimeStamper(signatures_pki.tsa_url)
    token = run_to_end(stamper.async_timestamp(b"\0" * 32, "sha256"))
    assert token["content_type"].native == "signed_data"
