"""The SAML 2.0 service provider for eAuth (pysaml2 over Debian's xmlsec1).

What the national profile asks (governmentbg/eAuth-v2): Web Browser SSO with signed
requests over HTTP-POST; ``<samlp:Extensions>`` whose first child is
``RequestedService`` (namespace ``urn:bg:egov:eauth:2.0:saml:ext``) with the service's
OID, the administration's OID and the level as a bare name (the identity provider
parses ``LOW``/``SUBSTANTIAL``/``HIGH``); the identity provider fetches our metadata
from the request's ``Issuer``, so the entity ID is the metadata URL; assertions come
back signed (RSA-SHA1 or RSA-SHA256) and, in production, encrypted to the certificate
in our metadata. Nothing here logs an assertion or its attributes.
"""

import base64
import datetime
import logging
import shutil
import urllib.request
from dataclasses import dataclass

import saml2
import saml2.s_utils
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from saml2 import BINDING_HTTP_POST, samlp
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_UNSPECIFIED
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from . import identifiers
from .person import Company, EAuthError, SignedInPerson

logger = logging.getLogger(__name__)

EXTENSION_NAMESPACE = "urn:bg:egov:eauth:2.0:saml:ext"
ATTRIBUTE = "urn:egov:bg:eauth:2.0:attributes:"
PERSON_IDENTIFIER = ATTRIBUTE + "personIdentifier"
PERSON_NAME = ATTRIBUTE + "personName"
EMAIL = ATTRIBUTE + "email"
PHONE = ATTRIBUTE + "phone"
NAME_FORMAT_URI = "urn:oasis:names:tc:saml2:2.0:attrname-format:uri"
# What we ask for: the identifier and the name (always given), e-mail and phone.
REQUESTED_ATTRIBUTES = (
    (PERSON_IDENTIFIER, True),
    (PERSON_NAME, True),
    (EMAIL, True),
    (PHONE, False),
)
LEVELS = ("LOW", "SUBSTANTIAL", "HIGH")
# The levels as an AuthnContextClassRef may name them: eAuth's URIs, eIDAS's, bare names.
_LEVEL_NAMES = {
    **{level: level for level in LEVELS},
    **{f"urn:egov:bg:eauth:2.0:levelofassurance:{level.lower()}": level for level in LEVELS},
    **{f"http://eidas.europa.eu/LoA/{level.lower()}": level for level in LEVELS},
}
IDP_METADATA_CACHE_SECONDS = 3600


def entity_id(base_url: str) -> str:
    return base_url + reverse("eauth:metadata")


def assertion_consumer_url(base_url: str) -> str:
    return base_url + reverse("eauth:acs")


def idp_metadata() -> str:
    """The identity provider's metadata: from a file, or fetched and cached an hour."""
    source = settings.EAUTH_IDP_METADATA
    if not source.startswith(("https://", "http://")):
        with open(source, encoding="utf-8") as metadata:
            return metadata.read()
    cache_key = f"eauth:idp-metadata:{source}"
    text = cache.get(cache_key)
    if text is None:
        try:
            with urllib.request.urlopen(source, timeout=10) as response:
                text = response.read().decode("utf-8")
        except OSError as error:
            logger.warning("eAuth metadata could not be fetched: %s", type(error).__name__)
            raise EAuthError(
                _("Електронната идентификация не е достъпна в момента. Опитайте по-късно.")
            ) from error
        cache.set(cache_key, text, IDP_METADATA_CACHE_SECONDS)
    return text


def _config(base_url: str, *, with_idp: bool = True) -> SPConfig:
    xmlsec = shutil.which("xmlsec1")
    if not xmlsec:
        raise EAuthError(_("Електронната идентификация не е настроена на сървъра."))
    key_pair = {"key_file": settings.EAUTH_SP_KEY, "cert_file": settings.EAUTH_SP_CERT}
    config = {
        "entityid": entity_id(base_url),
        "xmlsec_binary": xmlsec,
        **key_pair,
        "encryption_keypairs": [key_pair],
        "accepted_time_diff": settings.EAUTH_CLOCK_SKEW_SECONDS,
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "endpoints": {
                    "assertion_consumer_service": [
                        (assertion_consumer_url(base_url), BINDING_HTTP_POST)
                    ]
                },
                "authn_requests_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "name_id_format": NAMEID_FORMAT_UNSPECIFIED,
            }
        },
    }
    if with_idp:
        config["metadata"] = {"inline": [idp_metadata()]}
    sp_config = SPConfig()
    try:
        sp_config.load(config)
    except saml2.SAMLError as error:
        logger.warning("eAuth metadata could not be read: %s", type(error).__name__)
        raise EAuthError(
            _("Електронната идентификация не е достъпна в момента. Опитайте по-късно.")
        ) from error
    return sp_config


def metadata(base_url: str) -> str:
    """Our metadata (entity ID, ACS, the certificate for signing and encryption)."""
    return create_metadata_string(
        None, config=_config(base_url, with_idp=False), valid=None
    ).decode()


def _element(name: str, text: str = "", children=(), attributes=None) -> saml2.ExtensionElement:
    return saml2.ExtensionElement(
        name,
        namespace=EXTENSION_NAMESPACE,
        text=text or None,
        children=list(children),
        attributes=attributes or {},
    )


def _extensions() -> samlp.Extensions:
    service = _element(
        "RequestedService",
        children=[
            _element("Service", settings.EAUTH_SERVICE_OID),
            _element("Provider", settings.EAUTH_PROVIDER_OID),
            _element("LevelOfAssurance", settings.EAUTH_LEVEL_OF_ASSURANCE),
        ],
    )
    attributes = _element(
        "RequestedAttributes",
        children=[
            _element(
                "RequestedAttribute",
                attributes={
                    "Name": name,
                    "NameFormat": NAME_FORMAT_URI,
                    "isRequired": "true" if required else "false",
                },
            )
            for name, required in REQUESTED_ATTRIBUTES
        ],
    )
    return samlp.Extensions(extension_elements=[service, attributes])


@dataclass(frozen=True)
class AuthnRequest:
    request_id: str
    destination: str
    saml_request: str  # base64 of the signed XML, the form's SAMLRequest


def authn_request(base_url: str) -> AuthnRequest:
    """A signed AuthnRequest to eAuth's HTTP-POST single sign-on endpoint."""
    client = Saml2Client(config=_config(base_url))
    idp = next(iter(client.metadata.identity_providers()), None)
    if idp is None:
        raise EAuthError(_("Електронната идентификация не е настроена на сървъра."))
    try:
        locations = client.metadata.single_sign_on_service(idp, BINDING_HTTP_POST)
    except saml2.s_utils.UnsupportedBinding:
        locations = []
    if not locations:
        raise EAuthError(_("Електронната идентификация не е настроена на сървъра."))
    destination = locations[0]["location"]
    request_id, request = client.create_authn_request(
        destination,
        binding=BINDING_HTTP_POST,
        sign=True,
        sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
        extensions=_extensions(),
        force_authn="true",
    )
    return AuthnRequest(request_id, destination, base64.b64encode(str(request).encode()).decode())


def person_from_response(
    base_url: str, saml_response: str, *, outstanding: dict[str, str]
) -> SignedInPerson:
    """The person in eAuth's response, after every check: signature (SHA-1 or SHA-256),
    decryption, audience, InResponseTo one of ``outstanding``, the clock within
    EAUTH_CLOCK_SKEW_SECONDS. Raises EAuthError otherwise."""
    client = Saml2Client(config=_config(base_url))
    try:
        response = client.parse_authn_request_response(
            saml_response, BINDING_HTTP_POST, outstanding=outstanding
        )
    except Exception as error:  # pysaml2 raises many kinds; none may become a 500
        logger.info("eAuth response refused: %s", type(error).__name__)
        raise EAuthError(
            _("Отговорът на електронната идентификация не е валиден. Опитайте отново.")
        ) from error
    if response is None or response.assertion is None:
        logger.info("eAuth response refused: no assertion")
        raise EAuthError(
            _("Отговорът на електронната идентификация не е валиден. Опитайте отново.")
        )
    if not _issued_just_now(response.assertion.issue_instant):
        logger.info("eAuth response refused: assertion issued outside the clock skew")
        raise EAuthError(
            _("Отговорът на електронната идентификация не е валиден. Опитайте отново.")
        )
    return _person(response.assertion)


def _issued_just_now(issue_instant: str | None) -> bool:
    """eAuth's assertions are good for minutes: issued within the skew of our clock."""
    try:
        issued = datetime.datetime.fromisoformat((issue_instant or "").replace("Z", "+00:00"))
    except ValueError:
        return False
    if issued.tzinfo is None:
        return False
    age = (timezone.now() - issued).total_seconds()
    return abs(age) <= settings.EAUTH_CLOCK_SKEW_SECONDS


def _attributes(assertion) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for statement in assertion.attribute_statement:
        for attribute in statement.attribute:
            values.setdefault(attribute.name, []).extend(
                (value.text or "").strip() for value in attribute.attribute_value if value.text
            )
    return values


def _level(assertion) -> str:
    for statement in assertion.authn_statement:
        context = statement.authn_context
        reference = context.authn_context_class_ref if context is not None else None
        if reference is not None and (reference.text or "").strip() in _LEVEL_NAMES:
            return _LEVEL_NAMES[reference.text.strip()]
    # eAuth names no level in the assertion: it authenticated at the level we asked for.
    return settings.EAUTH_LEVEL_OF_ASSURANCE


def _person(assertion) -> SignedInPerson:
    attributes = _attributes(assertion)
    first = lambda name: next(iter(attributes.get(name) or []), "")  # noqa: E731
    identifier_values = [
        identifiers.normalize(value) for value in attributes.get(PERSON_IDENTIFIER, [])
    ]
    person = next(
        (value for value in identifier_values if value.startswith(identifiers.PERSON_PREFIXES)), ""
    )
    company_identifier = next(
        (value for value in identifier_values if value.startswith(identifiers.COMPANY_PREFIXES)), ""
    )
    identifier = person or company_identifier
    if not identifier or not identifiers.is_valid(identifier):
        raise EAuthError(_("Електронната идентификация не предаде идентификатор на лицето."))
    name = " ".join(first(PERSON_NAME).split())
    company = None
    if company_identifier:
        # A company named by the assertion: with a person beside it (a representative),
        # or alone (the company's own seal), when personName is the company's name.
        company = Company(eik=company_identifier.split("-", 1)[1], name=name if not person else "")
    return SignedInPerson(
        identifier=identifier,
        name=name,
        email=first(EMAIL).lower(),
        phone=first(PHONE),
        level=_level(assertion),
        company=company,
    )
