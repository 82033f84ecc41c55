"""Signing test documents with the test PKI's keys, as a citizen's software would."""

import io
from datetime import UTC, datetime

from lxml import etree
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pypdf import PdfWriter
from signxml.xades import XAdESSigner

from obshtina.signatures.services.coroutines import run_to_end


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def signer(pki, label: str) -> signers.SimpleSigner:
    issuer = "other-root" if label == "stranger" else "ca"
    return signers.SimpleSigner(
        signing_cert=pki.cert(label),
        signing_key=pki.key(label),
        cert_registry=SimpleCertificateStore.from_certs([pki.cert(issuer)]),
    )


def pades(pki, label: str = "ivan", *, data: bytes | None = None) -> bytes:
    """A PDF signed PAdES B-T (with the test TSA's time-stamp)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data or blank_pdf()))
    meta = signers.PdfSignatureMetadata(
        field_name="Signature1", subfilter=fields.SigSeedSubFilter.PADES
    )
    out = run_to_end(
        signers.PdfSigner(
            meta, signer(pki, label), timestamper=HTTPTimeStamper(pki.tsa_url)
        ).async_sign_pdf(writer)
    )
    return out.getvalue()


def cades(pki, label: str, data: bytes, *, detached: bool) -> bytes:
    """A CMS signature (.p7s), with a time-stamp, detached or enveloping `data`."""
    content_info = run_to_end(
        signer(pki, label).async_sign_general_data(
            data, "sha256", detached=detached, timestamper=HTTPTimeStamper(pki.tsa_url)
        )
    )
    return content_info.dump()


def xades(pki, label: str, xml: bytes) -> bytes:
    """An enveloped XAdES-B signature, with its signing time."""
    root = etree.fromstring(xml)
    signed = XAdESSigner().sign(
        root, key=pki.key_path(label).read_bytes(), cert=[pki.cert_path(label).read_text()]
    )
    return etree.tostring(signed, encoding="UTF-8")


def tamper_pdf(data: bytes) -> bytes:
    """Change a byte inside the signed range (the page's MediaBox)."""
    position = data.index(b"/MediaBox")
    return data[:position] + data[position:].replace(b"842", b"843", 1)


def now() -> datetime:
    return datetime.now(UTC)
