"""Signed files a citizen may attach beside PDFs and images while SIGNATURES_ENABLED
is on: a CAdES signature (.p7s/.p7m, DER or PEM) and a signed XML document (XAdES)."""

from .services.validation import cms_signed_data, xml_is_signed

CMS_TYPE = "application/pkcs7-signature"
XML_TYPE = "application/xml"


def signature_container_type(data: bytes) -> str | None:
    """The content type of a signature container, or None if `data` is none."""
    if cms_signed_data(data) is not None:
        return CMS_TYPE
    if xml_is_signed(data) and _well_formed(data):
        return XML_TYPE
    return None


def _well_formed(data: bytes) -> bool:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return False
    return True
