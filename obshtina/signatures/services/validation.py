"""Checking the signatures in a document: PAdES (PDF), CAdES (CMS, detached or
enveloping) and XAdES, against the kept EU trusted lists, with OCSP and CRLs.

Pure functions of bytes: nothing here touches the database except reading the
trusted lists (selectors.tsp_registry)."""

import base64
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import cms, pem, x509
from cryptography.x509 import load_der_x509_certificate
from django.conf import settings
from lxml import etree
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko.sign.validation.qualified.assess import QualificationAssessor
from pyhanko.sign.validation.qualified.tsp import TSPRegistry, TSPTrustManager
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    InvalidCertificateError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)
from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend
from signxml.exceptions import SignXMLException
from signxml.xades import XAdESSignatureConfiguration, XAdESVerifier

from ..selectors import tsp_registry
from .coroutines import run_to_end

logger = logging.getLogger(__name__)


class Format:
    PADES = "pades"
    CADES = "cades"
    XADES = "xades"


class Verdict:
    VALID = "valid"
    TAMPERED = "tampered"
    REVOKED = "revoked"
    EXPIRED = "expired"
    UNTRUSTED = "untrusted"
    INDETERMINATE = "indeterminate"


EXPIRED_INDICATIONS = {
    AdESIndeterminate.EXPIRED,
    AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
    AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
    AdESIndeterminate.NOT_YET_VALID,
}
REVOKED_INDICATIONS = {
    AdESIndeterminate.REVOKED_NO_POE,
    AdESIndeterminate.REVOKED_CA_NO_POE,
    AdESFailure.REVOKED,
}


@dataclass(frozen=True)
class SignatureFinding:
    """One signature as the staff and the sender see it."""

    format: str
    signer_name: str
    intact: bool
    verdict: str
    qualified: bool
    signed_at: datetime | None
    timestamped_at: datetime | None
    detail: str = ""


def validation_context(registry: TSPRegistry | None = None) -> ValidationContext:
    """Trust what the trusted lists name (their CA/QC and TSA/QTST services);
    revocation from OCSP responders and CRLs, fetched."""
    return ValidationContext(
        trust_manager=TSPTrustManager(registry or tsp_registry()),
        allow_fetching=True,
        revocation_mode=settings.SIGNATURES_REVOCATION_MODE,
        fetcher_backend=RequestsFetcherBackend(
            per_request_timeout=settings.SIGNATURES_FETCH_TIMEOUT
        ),
    )


def signer_name(cert: x509.Certificate) -> str:
    """The name as the certificate gives it (for a seal: the organisation)."""
    subject = cert.subject.native
    return (
        subject.get("common_name")
        or " ".join(filter(None, [subject.get("given_name"), subject.get("surname")]))
        or subject.get("organization_name")
        or ""
    )


def _verdict(status) -> str:
    if not status.intact or not getattr(status, "valid", True):
        return Verdict.TAMPERED
    if status.revoked or status.trust_problem_indic in REVOKED_INDICATIONS:
        return Verdict.REVOKED
    if status.trust_problem_indic in EXPIRED_INDICATIONS:
        return Verdict.EXPIRED
    if status.trusted:
        return Verdict.VALID
    if status.trust_problem_indic in {AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND}:
        return Verdict.UNTRUSTED
    return Verdict.INDETERMINATE


def _qualified(status, registry: TSPRegistry, moment: datetime | None) -> bool:
    path = status.validation_path
    if path is None or not status.trusted:
        return False
    result = QualificationAssessor(registry).check_entity_cert_qualified(path, moment=moment)
    return result.status.qualified


def _finding(status, *, format: str, registry: TSPRegistry) -> SignatureFinding:
    timestamp = status.timestamp_validity
    timestamped_at = timestamp.timestamp if timestamp is not None and timestamp.intact else None
    signed_at = status.signer_reported_dt or timestamped_at
    verdict = _verdict(status)
    return SignatureFinding(
        format=format,
        signer_name=signer_name(status.signing_cert),
        intact=status.intact and status.valid,
        verdict=verdict,
        qualified=verdict == Verdict.VALID
        and _qualified(status, registry, timestamped_at or signed_at),
        signed_at=signed_at,
        timestamped_at=timestamped_at,
        detail=str(status.trust_problem_indic or ""),
    )


async def _pdf(data: bytes, registry: TSPRegistry) -> list[SignatureFinding]:
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_regular_signatures
    except (PdfReadError, ValueError, KeyError) as error:
        logger.info("A PDF could not be read for signatures: %s", type(error).__name__)
        return []
    findings = []
    for embedded in signatures:
        context = validation_context(registry)
        status = await async_validate_pdf_signature(
            embedded, signer_validation_context=context, ts_validation_context=context
        )
        findings.append(_finding(status, format=Format.PADES, registry=registry))
    return findings


def cms_signed_data(data: bytes) -> cms.SignedData | None:
    """The SignedData of a .p7s/.p7m (DER or PEM), or None if it is none."""
    if data.lstrip().startswith(b"-----BEGIN"):
        try:
            _, _, data = pem.unarmor(data.strip())
        except ValueError:
            return None
    try:
        info = cms.ContentInfo.load(data, strict=True)
        if info["content_type"].native != "signed_data":
            return None
        signed = info["content"]
        signed["signer_infos"].native  # noqa: B018  (parse now: fail here, not later)
        return signed
    except (ValueError, TypeError, KeyError):
        return None


async def _cms(signed: cms.SignedData, content: bytes | None, registry) -> list[SignatureFinding]:
    if content is None:
        # Enveloping: validate as detached over the content it carries (the signed
        # attributes cover the content's digest, not where it is kept).
        encapsulated = signed["encap_content_info"]
        content = encapsulated["content"].native or b""
        signed = signed.copy()
        signed["encap_content_info"] = type(encapsulated)(
            {"content_type": encapsulated["content_type"]}
        )
    payload = content
    context = validation_context(registry)
    status = await async_validate_detached_cms(
        payload, signed, signer_validation_context=context, ts_validation_context=context
    )
    return [_finding(status, format=Format.CADES, registry=registry)]


def cms_is_enveloping(signed: cms.SignedData) -> bool:
    return signed["encap_content_info"]["content"].native is not None


def pdf_signatures(data: bytes, *, registry: TSPRegistry | None = None) -> list[SignatureFinding]:
    """The PAdES signatures of a PDF (none when it has none or is not a PDF)."""
    return run_to_end(_pdf(data, registry or tsp_registry()))


def cms_signatures(
    data: bytes, *, content: bytes | None = None, registry: TSPRegistry | None = None
) -> list[SignatureFinding]:
    """A CAdES signature: enveloping (the content inside) or detached (`content`)."""
    signed = cms_signed_data(data)
    if signed is None:
        return []
    return run_to_end(_cms(signed, content, registry or tsp_registry()))


DS = "{http://www.w3.org/2000/09/xmldsig#}"
XADES = "{http://uri.etsi.org/01903/v1.3.2#}"


def xml_is_signed(data: bytes) -> bool:
    return b"<" in data[:200] and b"http://www.w3.org/2000/09/xmldsig#" in data


async def _xml(data: bytes, registry: TSPRegistry) -> list[SignatureFinding]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return []
    signature = root if root.tag == f"{DS}Signature" else root.find(f".//{DS}Signature")
    if signature is None:
        return []
    cert_element = signature.find(f".//{DS}X509Certificate")
    if cert_element is None or not cert_element.text:
        return []
    cert = x509.Certificate.load(base64.b64decode("".join(cert_element.text.split())))
    signing_time = signature.find(f".//{XADES}SigningTime")
    signed_at = None
    if signing_time is not None and signing_time.text:
        try:
            signed_at = datetime.fromisoformat(signing_time.text.strip().replace("Z", "+00:00"))
        except ValueError:
            signed_at = None
        if signed_at is not None and signed_at.tzinfo is None:  # xs:dateTime without a zone
            signed_at = signed_at.replace(tzinfo=UTC)
    crypto_cert = load_der_x509_certificate(cert.dump())
    # Integrity is a matter of digests and the signature's mathematics, whatever the
    # date: checked at a moment the certificate was valid, so that an expired one is
    # told as expired (below) and not as a changed document.
    valid_from, valid_until = crypto_cert.not_valid_before_utc, crypto_cert.not_valid_after_utc
    moment = signed_at if signed_at and valid_from <= signed_at <= valid_until else valid_from
    try:
        XAdESVerifier().verify(
            data,
            x509_cert=crypto_cert,
            expect_config=XAdESSignatureConfiguration(
                require_x509=True, expect_references=True, verification_time=moment
            ),
        )
        intact = True
    except SignXMLException:
        intact = False
    verdict, qualified = Verdict.TAMPERED, False
    if intact:
        validator = CertificateValidator(cert, validation_context=validation_context(registry))
        try:
            path = await validator.async_validate_usage({"non_repudiation"})
            verdict = Verdict.VALID
            qualified = (
                QualificationAssessor(registry)
                .check_entity_cert_qualified(path, moment=signed_at)
                .status.qualified
            )
        except RevokedError:
            verdict = Verdict.REVOKED
        except ExpiredError:
            verdict = Verdict.EXPIRED
        except PathBuildingError:
            verdict = Verdict.UNTRUSTED
        except (PathValidationError, InvalidCertificateError):
            verdict = Verdict.INDETERMINATE
    return [
        SignatureFinding(
            format=Format.XADES,
            signer_name=signer_name(cert),
            intact=intact,
            verdict=verdict,
            qualified=qualified,
            signed_at=signed_at,
            timestamped_at=None,
        )
    ]


def xml_signatures(data: bytes, *, registry: TSPRegistry | None = None) -> list[SignatureFinding]:
    """A XAdES signature (enveloped or enveloping) in an XML document."""
    if not xml_is_signed(data):
        return []
    return run_to_end(_xml(data, registry or tsp_registry()))
