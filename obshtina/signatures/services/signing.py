"""Signing outgoing PDFs with the empowered official's qualified signature: PAdES
B-T (an RFC 3161 time-stamp from SIGNATURES_TSA_URL), through a PKCS#11 token or a
remote-signing service speaking the Cloud Signature Consortium API (v1)."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper

from .coroutines import run_to_end

OFF, PKCS11, CSC = "off", "pkcs11", "csc"
BACKENDS = (OFF, PKCS11, CSC)


class SigningError(Exception):
    """The document could not be signed; `message` is for the official."""

    def __init__(self, message=None):
        super().__init__(message or _("Документът не можа да бъде подписан с КЕП."))
        self.message = message or _("Документът не можа да бъде подписан с КЕП.")


@dataclass(frozen=True)
class SignerConfig:
    backend: str
    tsa_url: str = ""
    pkcs11_module: str = ""
    pkcs11_token_label: str = ""
    pkcs11_pin: str = ""
    pkcs11_key_label: str = ""
    pkcs11_cert_label: str = ""
    csc_url: str = ""
    csc_credential_id: str = ""
    csc_token: str = ""
    csc_pin: str = ""
    timeout: int = 30


def signer_config_from_settings() -> SignerConfig:
    return SignerConfig(
        backend=settings.SIGNATURES_SIGNING_BACKEND,
        tsa_url=settings.SIGNATURES_TSA_URL,
        pkcs11_module=settings.SIGNATURES_PKCS11_MODULE,
        pkcs11_token_label=settings.SIGNATURES_PKCS11_TOKEN_LABEL,
        pkcs11_pin=settings.SIGNATURES_PKCS11_PIN,
        pkcs11_key_label=settings.SIGNATURES_PKCS11_KEY_LABEL,
        pkcs11_cert_label=settings.SIGNATURES_PKCS11_CERT_LABEL
        or settings.SIGNATURES_PKCS11_KEY_LABEL,
        csc_url=settings.SIGNATURES_CSC_URL,
        csc_credential_id=settings.SIGNATURES_CSC_CREDENTIAL_ID,
        csc_token=settings.SIGNATURES_CSC_TOKEN,
        csc_pin=settings.SIGNATURES_CSC_PIN,
        timeout=settings.SIGNATURES_FETCH_TIMEOUT,
    )


def signing_enabled() -> bool:
    return settings.SIGNATURES_SIGNING_BACKEND != OFF


async def _sign_with(signer, data: bytes, *, config: SignerConfig, reason: str, location: str):
    meta = signers.PdfSignatureMetadata(
        field_name="KEP",
        reason=reason or None,
        location=location or None,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    timestamper = (
        HTTPTimeStamper(config.tsa_url, timeout=config.timeout) if config.tsa_url else None
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    out = await signers.PdfSigner(meta, signer, timestamper=timestamper).async_sign_pdf(writer)
    return out.getvalue()


async def _pkcs11(data: bytes, *, config: SignerConfig, reason: str, location: str) -> bytes:
    from pyhanko.config.pkcs11 import PKCS11SignatureConfig, TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11SigningContext

    token = PKCS11SignatureConfig(
        module_path=config.pkcs11_module,
        token_criteria=TokenCriteria(label=config.pkcs11_token_label),
        key_label=config.pkcs11_key_label,
        cert_label=config.pkcs11_cert_label,
        user_pin=config.pkcs11_pin,
    )
    with PKCS11SigningContext(token) as signer:
        return await _sign_with(signer, data, config=config, reason=reason, location=location)


async def _csc(data: bytes, *, config: SignerConfig, reason: str, location: str) -> bytes:
    import aiohttp
    from pyhanko.sign.signers import csc_signer

    class PinAuthorization(csc_signer.CSCAuthorizationManager):
        """Asks credentials/authorize for a SAD for exactly the hashes to sign."""

        def __init__(self, *args, session, **kwargs):
            super().__init__(*args, **kwargs)
            self.session = session

        async def authorize_signature(self, hash_b64s):
            request = self.format_csc_auth_request(
                num_signatures=len(hash_b64s), pin=config.csc_pin or None, hash_b64s=hash_b64s
            )
            url = self.csc_session_info.endpoint_url("credentials/authorize")
            async with self.session.post(
                url,
                headers=self.csc_session_info.auth_headers,
                json=request,
                raise_for_status=True,
                timeout=aiohttp.ClientTimeout(total=config.timeout),
            ) as answer:
                return csc_signer.CSCAuthorizationInfo(sad=(await answer.json())["SAD"])

    session_info = csc_signer.CSCServiceSessionInfo(
        service_url=config.csc_url.rstrip("/"),
        credential_id=config.csc_credential_id,
        oauth_token=config.csc_token or None,
    )
    async with aiohttp.ClientSession() as session:
        credential = await csc_signer.fetch_certs_in_csc_credential(
            session, session_info, timeout=config.timeout
        )
        authorization = PinAuthorization(session_info, credential, session=session)
        signer = csc_signer.CSCSigner(session, authorization)
        return await _sign_with(signer, data, config=config, reason=reason, location=location)


def pdf_sign(
    data: bytes, *, signer_config: SignerConfig | None = None, reason: str = "", location: str = ""
) -> bytes:
    """The PDF `data` signed PAdES B-T by the configured official's certificate.

    Raises SigningError (with a message for the official) when signing is off, the
    token or the service refuses, or the file is not a PDF that can be signed."""
    config = signer_config or signer_config_from_settings()
    backend = {PKCS11: _pkcs11, CSC: _csc}.get(config.backend)
    if backend is None:
        raise SigningError(_("Подписването с КЕП не е включено."))
    try:
        return run_to_end(backend(data, config=config, reason=reason, location=location))
    except SigningError:
        raise
    except Exception as error:  # the token, the service or the PDF: all end here
        import logging

        logging.getLogger(__name__).warning(
            "Signing with %s failed: %s", config.backend, type(error).__name__
        )
        raise SigningError() from error


def uploads_signed(files, *, reason: str, location: str = "") -> list[tuple["UploadedFile", str]]:  # noqa: F821
    """(file, content type) pairs with each PDF replaced by its signed copy (same
    name); other files unchanged. Raises SigningError."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    signed = []
    for upload, content_type in files:
        if content_type != "application/pdf":
            signed.append((upload, content_type))
            continue
        upload.seek(0)
        data = pdf_sign(upload.read(), reason=reason, location=location)
        signed.append(
            (SimpleUploadedFile(upload.name, data, content_type=content_type), content_type)
        )
    return signed
