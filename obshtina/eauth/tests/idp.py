"""A local SAML identity provider that behaves as eAuth does (governmentbg/eAuth-v2),
built with pysaml2 and served over HTTP on a free loopback port.

Like eAuth it takes a signed AuthnRequest over HTTP-POST, fetches the service
provider's metadata from the request's ``Issuer`` (the entity ID is the metadata URL)
and checks the signature with the certificate found there; refuses a request older
than ``max_request_age`` seconds; reads ``RequestedService`` only as the first child of
``<samlp:Extensions>`` and checks the service's and the administration's OID and the
level as a bare name. Its answer is a page with a form "Потвърди" that posts the
response to the request's AssertionConsumerServiceURL: the assertion signed with
RSA-SHA1 or RSA-SHA256 and encrypted (AES-128-CBC, the key by RSA-OAEP) to the
encryption certificate in the fetched metadata.

Keys and certificates are made when the server starts, valid from a day before now,
so the server works at any (fake) date.
"""

import base64
import datetime
import html
import shutil
import tempfile
import threading
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, saml, samlp
from saml2.config import IdPConfig
from saml2.mdstore import MetadataStore
from saml2.metadata import create_metadata_string
from saml2.saml import NAMEID_FORMAT_UNSPECIFIED, NameID
from saml2.server import Server
from saml2.sigver import get_pem_wrapped_unwrapped, make_temp, pre_encryption_part
from saml2.xmldsig import DIGEST_SHA1, DIGEST_SHA256, SIG_RSA_SHA1, SIG_RSA_SHA256

EXTENSION_NAMESPACE = "urn:bg:egov:eauth:2.0:saml:ext"
ATTRIBUTE = "urn:egov:bg:eauth:2.0:attributes:"
AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"
RSA_OAEP = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"
# What eAuth-v2's SAMLBuilder writes as the authentication context.
PASSWORD_PROTECTED = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
ALGORITHMS = {"sha1": (SIG_RSA_SHA1, DIGEST_SHA1), "sha256": (SIG_RSA_SHA256, DIGEST_SHA256)}
SERVICE_OID = "2.16.100.1.1.1.1.13"
PROVIDER_OID = "2.16.100.1.1.1.1.13.1"


def key_pair(directory: Path, name: str, common_name: str) -> tuple[Path, Path]:
    """An RSA key and a self-signed certificate valid from a day ago for a year."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


@dataclass
class Person:
    """Who signs in at the identity provider: the attributes eAuth sends."""

    identifier: str = "PNOBG-8001010000"
    name: str = "Иван Петров Иванов"
    email: str = "ivan@example.com"
    phone: str = "+359888123456"
    company_identifier: str = ""

    def attributes(self) -> dict[str, list[str]]:
        identifiers = [self.identifier] + (
            [self.company_identifier] if self.company_identifier else []
        )
        values = {
            ATTRIBUTE + "personIdentifier": identifiers,
            ATTRIBUTE + "personName": [self.name],
            ATTRIBUTE + "email": [self.email],
            ATTRIBUTE + "phone": [self.phone],
        }
        return {name: value for name, value in values.items() if all(value)}


@dataclass
class Behaviour:
    """How the next response is made; tests change it between sign-ins."""

    algorithm: str = "sha256"
    encrypt: bool = True
    sign_assertion: bool = True
    audience: str = ""  # another audience than the requesting SP
    tamper: bool = False  # change the signed assertion afterwards (not encrypted then)
    person: Person = field(default_factory=Person)


class RequestRefused(Exception):
    pass


class _EAuthLikeServer(Server):
    def has_encrypt_cert_in_metadata(self, sp_entity_id):
        # A test's other audience has no metadata; the certificate is then given.
        try:
            return super().has_encrypt_cert_in_metadata(sp_entity_id)
        except KeyError:
            return False

    def _encrypt_assertion(self, encrypt_cert, sp_entity_id, response, node_xpath=None):
        # eAuth's choice of algorithms, which pysaml2's default (3DES) is not.
        certificates = (
            [(None, encrypt_cert)]
            if encrypt_cert
            else self.metadata.certs(sp_entity_id, "any", "encryption")
        )
        _name, certificate = certificates[0]
        wrapped, unwrapped = get_pem_wrapped_unwrapped(certificate)
        tmp = make_temp(wrapped.encode("ascii"), decode=False, delete_tmpfiles=True)
        template = pre_encryption_part(msg_enc=AES128_CBC, key_enc=RSA_OAEP, encrypt_cert=unwrapped)
        return self.sec.encrypt_assertion(
            response, tmp.name, template, key_type="aes-128", node_xpath=node_xpath
        )


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class EAuthLikeIdP:
    """Start with ``start()``; ``url`` is its address, ``metadata_url`` what the SP
    reads. ``requests`` keeps each AuthnRequest's XML as received; ``refusals`` why a
    request was refused."""

    def __init__(
        self,
        *,
        service_oid: str = SERVICE_OID,
        provider_oid: str = PROVIDER_OID,
        max_request_age: float = 20,
    ):
        self.service_oid = service_oid
        self.provider_oid = provider_oid
        self.max_request_age = max_request_age
        self.behaviour = Behaviour()
        self.requests: list[str] = []
        self.refusals: list[str] = []
        self.fetched_metadata: list[str] = []
        self._directory = tempfile.TemporaryDirectory(prefix="eauth-idp-")
        self.directory = Path(self._directory.name)
        self._httpd = None
        self.url = ""

    # --- lifecycle -------------------------------------------------------------------
    def start(self) -> "EAuthLikeIdP":
        self._httpd = make_server(
            "127.0.0.1",
            0,
            self._wsgi,
            server_class=_ThreadingWSGIServer,
            handler_class=_QuietHandler,
        )
        self.url = f"http://127.0.0.1:{self._httpd.server_port}"
        self.key, self.cert = key_pair(self.directory, "idp", "eAuth-like test IdP")
        self.server = _EAuthLikeServer(config=self._config())
        # The service providers it knows are those whose metadata it fetched.
        self.server.metadata = MetadataStore(
            self.server.config.attribute_converters, self.server.config
        )
        self.server.sec.metadata = self.server.metadata
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        self._directory.cleanup()

    @property
    def metadata_url(self) -> str:
        return self.url + "/metadata"

    def _config(self) -> IdPConfig:
        config = IdPConfig()
        config.load(
            {
                "entityid": self.metadata_url,
                "xmlsec_binary": shutil.which("xmlsec1"),
                "key_file": str(self.key),
                "cert_file": str(self.cert),
                "allow_unknown_attributes": True,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(self.url + "/sso", BINDING_HTTP_POST)]
                        },
                        "want_authn_requests_signed": True,
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 3},
                                "name_form": saml.NAME_FORMAT_URI,
                            }
                        },
                        "name_id_format": [NAMEID_FORMAT_UNSPECIFIED],
                    }
                },
            }
        )
        return config

    # --- HTTP ----------------------------------------------------------------------------
    def _wsgi(self, environ, start_response):
        path, method = environ.get("PATH_INFO", ""), environ["REQUEST_METHOD"]
        if path == "/metadata" and method == "GET":
            body = create_metadata_string(None, config=self.server.config, valid=None)
            return self._send(start_response, "200 OK", body, "application/samlmetadata+xml")
        if path == "/sso" and method == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = parse_qs(environ["wsgi.input"].read(length).decode())
            try:
                page = self.answer(form.get("SAMLRequest", [""])[0])
            except RequestRefused as refusal:
                self.refusals.append(str(refusal))
                return self._send(
                    start_response,
                    "400 Bad Request",
                    str(refusal).encode(),
                    "text/plain; charset=utf-8",
                )
            return self._send(start_response, "200 OK", page.encode(), "text/html; charset=utf-8")
        return self._send(start_response, "404 Not Found", b"", "text/plain")

    @staticmethod
    def _send(start_response, status, body: bytes, content_type: str):
        start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
        return [body]

    # --- what eAuth checks ------------------------------------------------------------
    def answer(self, saml_request: str) -> str:
        """The confirmation page for a request, or RequestRefused."""
        xml = base64.b64decode(saml_request).decode()
        self.requests.append(xml)
        unverified = samlp.authn_request_from_string(xml)
        if unverified is None or unverified.issuer is None:
            raise RequestRefused("not an AuthnRequest with an Issuer")
        issuer = unverified.issuer.text.strip()
        self._load_metadata_of(issuer)
        try:
            request = self.server.parse_authn_request(saml_request, BINDING_HTTP_POST).message
        except Exception as error:
            raise RequestRefused(f"signature: {type(error).__name__}") from error
        if request.signature is None:
            raise RequestRefused("unsigned request")
        self._check_age(request.issue_instant)
        level = self._check_extensions(request)
        return self._confirmation_page(request, issuer, level)

    def _load_metadata_of(self, issuer: str) -> None:
        if not issuer.startswith(("http://", "https://")):
            raise RequestRefused("Issuer is not a metadata URL")
        try:
            with urllib.request.urlopen(issuer, timeout=10) as response:
                metadata = response.read().decode()
        except OSError as error:
            raise RequestRefused(f"metadata not reachable at the Issuer: {error}") from error
        self.fetched_metadata.append(issuer)
        self.server.metadata.load("inline", metadata)

    def _check_age(self, issue_instant: str) -> None:
        instant = datetime.datetime.fromisoformat(issue_instant.replace("Z", "+00:00"))
        age = (datetime.datetime.now(datetime.UTC) - instant).total_seconds()
        if age > self.max_request_age or age < -self.max_request_age:
            raise RequestRefused(f"stale request ({age:.0f} s)")

    def _check_extensions(self, request) -> str:
        extensions = request.extensions
        children = extensions.extension_elements if extensions is not None else []
        if not children:
            raise RequestRefused("no Extensions")
        first = children[0]
        if first.tag != "RequestedService" or first.namespace != EXTENSION_NAMESPACE:
            raise RequestRefused("the first child of Extensions is not RequestedService")
        values = {
            child.tag: (child.text or "").strip()
            for child in first.children
            if child.namespace == EXTENSION_NAMESPACE
        }
        if values.get("Service") != self.service_oid:
            raise RequestRefused("unknown service OID")
        if values.get("Provider") != self.provider_oid:
            raise RequestRefused("unknown provider OID")
        if values.get("LevelOfAssurance") not in {"LOW", "SUBSTANTIAL", "HIGH"}:
            raise RequestRefused("LevelOfAssurance is not LOW, SUBSTANTIAL or HIGH")
        return values["LevelOfAssurance"]

    # --- the response -----------------------------------------------------------------
    def response_for(self, request, issuer: str) -> str:
        behaviour = self.behaviour
        sign_alg, digest_alg = ALGORITHMS[behaviour.algorithm]
        person = behaviour.person
        audience = behaviour.audience or issuer
        encrypt_cert = None
        if behaviour.encrypt:
            certificates = self.server.metadata.certs(issuer, "any", "encryption")
            encrypt_cert = certificates[0][1] if certificates else None
        response = self.server.create_authn_response(
            person.attributes(),
            in_response_to=request.id,
            destination=request.assertion_consumer_service_url,
            sp_entity_id=audience,
            name_id=NameID(format=NAMEID_FORMAT_UNSPECIFIED, text=person.identifier),
            authn={"class_ref": PASSWORD_PROTECTED, "authn_auth": self.metadata_url},
            sign_response=False,
            sign_assertion=behaviour.sign_assertion,
            encrypt_assertion=behaviour.encrypt and not behaviour.tamper,
            encrypt_cert_assertion=encrypt_cert,
            sign_alg=sign_alg,
            digest_alg=digest_alg,
        )
        response = str(response)
        if behaviour.tamper:
            tampered = response.replace(person.email, "eve@example.com")
            assert tampered != response, "nothing to tamper with"
            response = tampered
        return response

    def _confirmation_page(self, request, issuer: str, level: str) -> str:
        response = base64.b64encode(self.response_for(request, issuer).encode()).decode()
        acs = html.escape(request.assertion_consumer_service_url, quote=True)
        return (
            '<!doctype html><html lang="bg"><head><meta charset="utf-8">'
            "<title>eAuth (тест)</title></head>"
            f"<body><main><h1>Електронна автентикация</h1><p>Ниво: {html.escape(level)}</p>"
            f'<form method="post" action="{acs}">'
            f'<input type="hidden" name="SAMLResponse" value="{response}">'
            '<button type="submit">Потвърди</button></form></main></body></html>'
        )
