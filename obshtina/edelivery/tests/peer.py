"""A CONTRACT PEER for e-Delivery (ССЕВ) behind the e-government service bus.

This is a contract test, not interoperability with the real system: a local TLS server
that answers as the published documents say the service bus and e-Delivery do
(governmentbg/edelivery2022: ``docs/edelivery_esb_api_0.6.md``, the bus client in
``domain/src/ED.Domain/Clients/EsbService`` and the ``Dp-Miscinfo`` parsing of
``EsbAuthHandler``; the push notifications of the legacy integration manual). What
the real bus does beyond that — its registration of clients, its limits, its exact
error bodies — is not known here and not imitated.

What it does:

- mutual TLS: it requires a client certificate issued by its test CA (generated at test
  time with ``cryptography``, valid from a day before now); a client without one, or with
  one from another CA, fails the handshake;
- the caller is the certificate's subject, ``/C=BG/ST=OID:<OID>/L=BG/CN=<client>``, as
  the bus reads it; only registered OIDs (and their client ids) are served;
- ``POST /token?grant_type=client_credentials&client_id=…&scope=…`` (with the ``OID``
  header) issues a bearer token bound to that certificate; ``POST /introspect`` answers
  RFC 7662 for it, and every API call is introspected the same way before it is passed
  on with the ``Dp-Miscinfo`` header the bus builds from the certificate;
- ``GET /api/v1/profiles/check``, ``POST /api/v1/blobs``, ``POST /api/v1/messages``,
  ``GET /api/v1/messages/{id}/view`` with the documented fields;
- ``open_message`` plays the recipient opening the message: ``dateReceived`` is set and,
  when ``push_url`` is set, ``{"EventType": "Delivered", "MessageId": …}`` is POSTed
  there, as e-Delivery's push notifications are;
- our own inbox: ``receive`` puts a message for the administration's profile (sent on
  another template, the platform's, with a text field and a file field);
  ``GET /api/v1/messages/inbox`` lists them with the documented fields (no content),
  ``GET /api/v1/messages/{id}/open`` gives the content with each file as a blob object
  with a ``downloadLink`` and, the first time, sets ``dateReceived`` (``opened`` lists
  the messages opened; ``open_calls`` every call); the link serves the file;
- ``fail_next`` makes the next requests answer an error (``fail_path``: the next
  request whose path contains a text); ``stop``/``start`` take it down
  and bring it back on the same port; ``expire_tokens`` ends every token early.

Fixtures ``edelivery_peer`` (the peer) and ``edelivery_connector`` (the peer, with the
settings pointing our connector at it) can be imported by any conftest, the browser
tests' too.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import hashlib
import ipaddress
import itertools
import json
import secrets
import ssl
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ADMINISTRATION_OID = "2.16.100.1.1.1.1.99"  # the test municipality's OID
CLIENT_ID = "obshtina.test"
TEMPLATE_ID = 1
TEXT_FIELD = "179ea4dc-7879-43ad-8073-72b263915656"
FILE_FIELD = "e2135802-5e34-4c60-b36e-c86d910a571a"
TOKEN_LIFETIME = 3600
# The template the national platform (or a citizen) sends on: not ours.
SENDER_TEMPLATE_ID = 7
SENDER_TEXT_FIELD = "0a6c5e0e-6d3b-4f57-9f39-2d6b8c3f4a11"
SENDER_FILE_FIELD = "5f1d2b7a-93c4-4c1e-8d2e-7b9a0c6e5d22"


# --- a test PKI ------------------------------------------------------------------------
@dataclass
class Credentials:
    cert: Path
    key: Path


def _key():
    return ec.generate_private_key(ec.SECP256R1())


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _write(directory: Path, name: str, cert: x509.Certificate, key) -> Credentials:
    cert_path, key_path = directory / f"{name}.pem", directory / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return Credentials(cert_path, key_path)


class TestCA:
    """A CA whose certificates are valid from a day before now for a month."""

    __test__ = False  # not a pytest class

    def __init__(self, directory: Path, name: str):
        self.directory = directory
        self.key = _key()
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = dt.datetime.now(dt.UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(ca=True), critical=True)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )
        self.bundle = directory / f"{name}-ca.pem"
        self.bundle.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, name: str, subject: x509.Name, *, server: bool = False) -> Credentials:
        key = _key()
        now = dt.datetime.now(dt.UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_key_usage(ca=False), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
        )
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False,
            ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        else:
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), False
            )
        return _write(self.directory, name, builder.sign(self.key, hashes.SHA256()), key)


def administration_subject(oid: str, client: str = CLIENT_ID) -> x509.Name:
    """The subject the bus reads the caller from: /C=BG/ST=OID:<oid>/L=BG/CN=<client>."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BG"),
            x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, f"OID:{oid}"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, "BG"),
            x509.NameAttribute(NameOID.COMMON_NAME, client),
        ]
    )


# --- the peer's state ------------------------------------------------------------------
@dataclass
class Message:
    message_id: int
    sender_oid: str
    recipient_profile_ids: list[int]
    subject: str
    template_id: int
    fields: dict
    files: list[dict]  # {"name", "content_type", "content"}
    date_sent: str
    date_received: dict[int, str] = field(default_factory=dict)


@dataclass
class Received:
    """A message in the administration's own profile."""

    message_id: int
    recipient_oid: str
    sender_profile_id: int
    sender_name: str
    subject: str
    text: str
    files: list[dict]  # {"blob_id", "name", "content", "malicious"}
    date_sent: str
    date_received: str | None = None


def _now_iso() -> str:
    """Times as the API writes them: local (Bulgarian) time without an offset."""
    local = dt.datetime.now(ZoneInfo("Europe/Sofia")).replace(tzinfo=None)
    return local.isoformat(timespec="milliseconds")


class EDeliveryPeer:
    """The state and the controls; the HTTP side is ``_Handler``."""

    def __init__(self, directory: Path):
        self.ca = TestCA(directory, "edelivery-test")
        self.server_credentials = self.ca.issue(
            "bus", x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]), server=True
        )
        self.client = self.ca.issue("obshtina", administration_subject(ADMINISTRATION_OID))
        self.registered = {ADMINISTRATION_OID: CLIENT_ID}  # OID → client id
        self.profiles: list[dict] = []
        self.tokens: dict[str, dict] = {}
        self.blobs: dict[int, dict] = {}
        self.messages: dict[int, Message] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path) served
        self.failures: list[int] = []
        self.path_failures: list[tuple[str, int]] = []
        self.received: dict[int, Received] = {}
        self.opened: list[int] = []  # received messages opened (the first open of each)
        self.open_calls: list[int] = []
        self.downloads: dict[str, bytes] = {}
        self.push_url = ""
        self.token_lifetime = TOKEN_LIFETIME
        self._ids = itertools.count(1001)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.port = 0

    # --- controls for tests --------------------------------------------------------
    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def add_profile(
        self,
        identifier: str,
        *,
        name: str = "Профил",
        target_group_id: int = 2,
        is_activated: bool = True,
        is_passive: bool = False,
    ) -> int:
        profile_id = next(self._ids)
        self.profiles.append(
            {
                "profileId": profile_id,
                "identifier": identifier,
                "name": name,
                "email": "",
                "phone": "",
                "address": None,
                "isActivated": is_activated,
                "isPassive": is_passive,
                "targetGroupId": target_group_id,
                "targetGroupName": {1: "Физически лица", 2: "Юридически лица"}.get(
                    target_group_id, ""
                ),
            }
        )
        return profile_id

    def fail_next(self, status: int = 500, *, times: int = 1) -> None:
        self.failures.extend([status] * times)

    def fail_path(self, part: str, status: int = 500) -> None:
        """The next request whose path contains ``part`` answers ``status``."""
        self.path_failures.append((part, status))

    def receive(
        self,
        *,
        subject: str,
        text: str = "",
        files: tuple = (),
        sender_name: str = "Мария Иванова",
        sender_profile_id: int = 501,
        malicious: tuple = (),
    ) -> int:
        """A message for the administration's profile; ``files`` are (name, bytes)."""
        message_id = self.new_id()
        self.received[message_id] = Received(
            message_id=message_id,
            recipient_oid=ADMINISTRATION_OID,
            sender_profile_id=sender_profile_id,
            sender_name=sender_name,
            subject=subject,
            text=text,
            files=[
                {
                    "blob_id": self.new_id(),
                    "name": name,
                    "content": content,
                    "malicious": name in malicious,
                }
                for name, content in files
            ],
            date_sent=_now_iso(),
        )
        return message_id

    def expire_tokens(self) -> None:
        with self._lock:
            for token in self.tokens.values():
                token["exp"] = 0

    def tokens_issued(self) -> int:
        return sum(1 for method, path in self.requests if path == "/token")

    def open_message(self, message_id: int) -> None:
        """The recipient opens the message in their profile: it is delivered."""
        message = self.messages[message_id]
        for profile_id in message.recipient_profile_ids:
            message.date_received.setdefault(profile_id, _now_iso())
        if self.push_url:
            requests.post(
                self.push_url, json={"EventType": "Delivered", "MessageId": message_id}, timeout=30
            )

    def configure(self, settings) -> None:
        """Point our connector (Django ``settings``, e.g. pytest-django's) at this peer."""
        settings.EDELIVERY_ENABLED = True
        settings.EDELIVERY_URL = self.url
        settings.EDELIVERY_TOKEN_URL = self.url
        settings.EDELIVERY_CLIENT_ID = CLIENT_ID
        settings.EDELIVERY_TOKEN_SCOPE = "/edelivery*"
        settings.EDELIVERY_CLIENT_CERT = str(self.client.cert)
        settings.EDELIVERY_CLIENT_KEY = str(self.client.key)
        settings.EDELIVERY_CA_BUNDLE = str(self.ca.bundle)
        settings.EDELIVERY_OID = ADMINISTRATION_OID
        settings.EDELIVERY_TEMPLATE_ID = TEMPLATE_ID
        settings.EDELIVERY_TEMPLATE_TEXT_FIELD = TEXT_FIELD
        settings.EDELIVERY_TEMPLATE_FILE_FIELD = FILE_FIELD

    # --- running -------------------------------------------------------------------
    def start(self) -> None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.server_credentials.cert, self.server_credentials.key)
        context.load_verify_locations(self.ca.bundle)
        context.verify_mode = ssl.CERT_REQUIRED
        server = _TLSServer(("127.0.0.1", self.port), _Handler, context=context, peer=self)
        self.port = server.server_address[1]
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # --- the bus: who is calling ---------------------------------------------------
    def issue_token(self, oid: str, client_id: str, scope: str) -> dict:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self.tokens[token] = {
                "oid": oid,
                "client_id": client_id,
                "scope": scope,
                "exp": int(time.time()) + self.token_lifetime,
            }
        return {
            "token_type": "Bearer",
            "access_token": token,
            "expires_in": self.token_lifetime,
            "consented_on": int(time.time()),
            "scope": scope,
            "grant_type": "client_credentials",
        }

    def introspect(self, token: str) -> dict:
        """RFC 7662: an unknown or expired token is ``{"active": false}``."""
        data = self.tokens.get(token)
        if data is None or data["exp"] <= time.time():
            return {"active": False}
        return {
            "active": True,
            "client_id": data["client_id"],
            "scope": data["scope"],
            "exp": data["exp"],
            "sub": data["oid"],
            "token_type": "Bearer",
        }

    def new_id(self) -> int:
        return next(self._ids)


class _TLSServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, handler, *, context: ssl.SSLContext, peer: EDeliveryPeer):
        self.context = context
        self.peer = peer
        super().__init__(address, handler)

    def get_request(self):
        sock, address = self.socket.accept()
        # The handshake happens in the request's thread: a refused client blocks nobody.
        return self.context.wrap_socket(
            sock, server_side=True, do_handshake_on_connect=False
        ), address

    def handle_error(self, request, client_address):
        pass  # a refused handshake is the expected outcome of some tests


def _subject(certificate: dict) -> dict[str, str]:
    return {key: value for rdn in certificate.get("subject", ()) for key, value in rdn}


def dp_miscinfo(oid: str, client: str) -> str:
    identity = f"dn:/C=BG/ST=OID:{oid}/L=BG/CN={client}"
    return f"{identity}|representedPersonID:|correspondentOID:|operatorID:"


def caller_of_dp_miscinfo(header: str) -> str:
    """The OID, read from the header as e-Delivery's EsbAuthHandler reads it."""
    identity = header.split("|")[0].split("/")
    oid_part = next(part for part in identity if part.upper().startswith("ST=OID"))
    return oid_part.split(":")[-1].strip()


class _Handler(BaseHTTPRequestHandler):
    server: _TLSServer
    protocol_version = "HTTP/1.1"

    def setup(self):
        self.connection = self.request
        try:
            self.connection.do_handshake()
        except (ssl.SSLError, OSError):
            self.handshake_failed = True
        else:
            self.handshake_failed = False
        super().setup()

    def handle(self):
        if not self.handshake_failed:
            super().handle()

    def log_message(self, format, *args):
        pass

    @property
    def peer(self) -> EDeliveryPeer:
        return self.server.peer

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    # --- helpers ---------------------------------------------------------------------
    def _send(self, status: int, body=None) -> None:
        payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    # --- the gateway ---------------------------------------------------------------
    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        body = self._body()
        peer = self.peer
        peer.requests.append((method, parts.path))
        if peer.failures:
            self._send(peer.failures.pop(0), {"error": "injected failure"})
            return
        for failure in peer.path_failures:
            if failure[0] in parts.path:
                peer.path_failures.remove(failure)
                self._send(failure[1], {"error": "injected failure"})
                return
        subject = _subject(self.connection.getpeercert() or {})
        state = subject.get("stateOrProvinceName", "")
        oid = state.split(":", 1)[1] if state.upper().startswith("OID:") else ""
        client = subject.get("commonName", "")
        if oid not in peer.registered:
            self._send(403, {"error": "certificate not registered"})
            return
        if parts.path == "/token" and method == "POST":
            if (
                query.get("grant_type") != "client_credentials"
                or query.get("client_id") != peer.registered[oid]
                or self.headers.get("OID") != oid
            ):
                self._send(401, {"error": "invalid_client"})
                return
            self._send(200, peer.issue_token(oid, query["client_id"], query.get("scope", "")))
            return
        if parts.path == "/introspect" and method == "POST":
            form = {key: values[0] for key, values in parse_qs(body.decode()).items()}
            self._send(200, peer.introspect(form.get("token", "")))
            return
        if parts.path.startswith("/blobs/download/") and method == "GET":
            # A download link: signed by itself (mutual TLS still), no bearer token.
            content = peer.downloads.get(parts.path.removeprefix("/blobs/download/"))
            if content is None:
                self._send(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
            return
        if not parts.path.startswith("/api/v1/"):
            self._send(404)
            return
        authorization = self.headers.get("Authorization", "")
        token = authorization[7:] if authorization.startswith("Bearer ") else ""
        introspection = peer.introspect(token)
        if not introspection["active"] or introspection["sub"] != oid:
            self._send(401)
            return
        # Passed on to e-Delivery with the caller as the bus saw it; a header the client
        # sent itself is overwritten.
        _Backend(self, method, parts.path, query, body, dp_miscinfo(oid, client)).run()


class _Backend:
    """e-Delivery's ESB API behind the bus: it knows the caller from ``Dp-Miscinfo``."""

    def __init__(self, handler: _Handler, method, path, query, body, miscinfo):
        self.handler, self.method, self.path, self.query, self.body = (
            handler,
            method,
            path,
            query,
            body,
        )
        self.caller = caller_of_dp_miscinfo(miscinfo)
        self.peer = handler.peer

    def run(self) -> None:
        send = self.handler._send
        if self.method == "GET" and self.path == "/api/v1/profiles/check":
            identifier = self.query.get("identifier", "")
            if not identifier:
                send(400, {"error": "identifier is required"})
                return
            result = [p for p in self.peer.profiles if p["identifier"] == identifier]
            send(200, {"result": result, "length": len(result)})
        elif self.method == "POST" and self.path == "/api/v1/blobs":
            self.blob_upload()
        elif self.method == "POST" and self.path == "/api/v1/messages":
            self.message_send()
        elif self.method == "GET" and self.path == "/api/v1/messages/inbox":
            self.inbox()
        elif self.method == "GET" and self.path.endswith("/open"):
            self.message_open()
        elif self.method == "GET" and self.path.startswith("/api/v1/messages/"):
            self.message_view()
        else:
            send(404)

    def blob_upload(self) -> None:
        send = self.handler._send
        if self.query.get("type", "").upper() not in ("TEMPORARY", "STORAGE"):
            send(400, {"error": "type is TEMPORARY or STORAGE"})
            return
        content_type = self.handler.headers.get("Content-Type", "")
        if not content_type.startswith("multipart/form-data"):
            send(400, {"error": "multipart/form-data expected"})
            return
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + self.body
        )
        parts = [part for part in message.iter_parts() if part.get_filename()]
        if len(parts) != 1:
            send(400, {"error": "exactly one file"})
            return
        part = parts[0]
        content = part.get_payload(decode=True) or b""
        blob_id = self.peer.new_id()
        self.peer.blobs[blob_id] = {
            "owner": self.caller,
            "name": part.get_filename(),
            "content_type": part.get_content_type(),
            "content": content,
        }
        send(
            200,
            {
                "name": part.get_filename(),
                "size": len(content),
                "hashAlgorithm": "SHA256",
                "hash": hashlib.sha256(content).hexdigest(),
                "blobId": blob_id,
                "malwareScanStatus": 2,
                "blobSignatureStatus": 0,
                "errorStatus": 0,
            },
        )

    def message_send(self) -> None:
        send = self.handler._send
        try:
            data = json.loads(self.body)
            recipients = [int(pk) for pk in data["recipientProfileIds"]]
            subject = str(data["subject"])
            template_id = int(data["templateId"])
            fields = dict(data.get("fields") or {})
        except (ValueError, KeyError, TypeError):
            send(400, {"error": "invalid message"})
            return
        known = {p["profileId"]: p for p in self.peer.profiles}
        blob_ids = fields.get(FILE_FIELD) or []
        if (
            not recipients
            or any(pk not in known or not known[pk]["isActivated"] for pk in recipients)
            or not subject.strip()
            or template_id != TEMPLATE_ID
            or not set(fields) <= {TEXT_FIELD, FILE_FIELD}
            or not fields.get(TEXT_FIELD)
            or not isinstance(blob_ids, list)
            or any(self.peer.blobs.get(b, {}).get("owner") != self.caller for b in blob_ids)
        ):
            send(400, {"error": "invalid message"})
            return
        message_id = self.peer.new_id()
        self.peer.messages[message_id] = Message(
            message_id=message_id,
            sender_oid=self.caller,
            recipient_profile_ids=recipients,
            subject=subject,
            template_id=template_id,
            fields=fields,
            files=[self.peer.blobs[b] for b in blob_ids],
            date_sent=_now_iso(),
        )
        send(200, message_id)

    def _mine(self) -> list[Received]:
        return [m for m in self.peer.received.values() if m.recipient_oid == self.caller]

    def inbox(self) -> None:
        send = self.handler._send
        try:
            offset = int(self.query.get("offset") or 0)
            limit = int(self.query.get("limit") or 100)
            since = dt.date.fromisoformat(self.query["from"]) if "from" in self.query else None
        except ValueError:
            send(400, {"error": "invalid query"})
            return
        rows = [
            m
            for m in sorted(self._mine(), key=lambda m: m.message_id)
            if since is None or dt.date.fromisoformat(m.date_sent[:10]) >= since
        ]
        send(
            200,
            {
                "result": [
                    {
                        "messageId": m.message_id,
                        "dateSent": m.date_sent,
                        "dateReceived": m.date_received,
                        "subject": m.subject,
                        "senderProfileName": m.sender_name,
                        "senderLoginName": m.sender_name,
                        "recipientProfileName": "Община",
                        "recipientLoginName": CLIENT_ID,
                        "url": f"{self.peer.url}/Messages/Open/{m.message_id}",
                        "rnu": None,
                        "templateId": SENDER_TEMPLATE_ID,
                    }
                    for m in rows[offset : offset + limit]
                ],
                "length": len(rows),
            },
        )

    def message_open(self) -> None:
        send = self.handler._send
        number = self.path.removeprefix("/api/v1/messages/").removesuffix("/open")
        message = self.peer.received.get(int(number)) if number.isdigit() else None
        if message is None:
            send(404)
            return
        if message.recipient_oid != self.caller:
            send(403)
            return
        self.peer.open_calls.append(message.message_id)
        if message.date_received is None:
            message.date_received = _now_iso()
            self.peer.opened.append(message.message_id)
        blobs = []
        for blob in message.files:
            token = secrets.token_urlsafe(16)
            self.peer.downloads[token] = blob["content"]
            blobs.append(
                {
                    "blobId": blob["blob_id"],
                    "fileName": blob["name"],
                    "size": len(blob["content"]),
                    "documentRegistrationNumber": None,
                    "isMalicious": blob["malicious"],
                    "hash": hashlib.sha256(blob["content"]).hexdigest(),
                    "hashAlgorithm": "SHA256",
                    "downloadLink": f"{self.peer.url}/blobs/download/{token}",
                    "downloadLinkExpirationDate": _now_iso(),
                    "signatures": [],
                }
            )
        send(
            200,
            {
                "messageId": message.message_id,
                "dateSent": message.date_sent,
                "sender": {"profileId": message.sender_profile_id, "name": message.sender_name},
                "dateReceived": message.date_received,
                "recipientLogin": {"loginId": 1, "name": CLIENT_ID},
                "subject": message.subject,
                "rnu": None,
                "templateId": SENDER_TEMPLATE_ID,
                "fields": {SENDER_TEXT_FIELD: message.text, SENDER_FILE_FIELD: blobs},
                "forwardedMessageId": None,
            },
        )

    def message_view(self) -> None:
        send = self.handler._send
        rest = self.path.removeprefix("/api/v1/messages/")
        number, _, action = rest.partition("/")
        message = self.peer.messages.get(int(number)) if number.isdigit() else None
        if action != "view" or message is None:
            send(404)
            return
        if message.sender_oid != self.caller:
            send(403)
            return
        names = {p["profileId"]: p["name"] for p in self.peer.profiles}
        send(
            200,
            {
                "messageId": message.message_id,
                "dateSent": message.date_sent,
                "recipients": [
                    {
                        "profileId": pk,
                        "name": names.get(pk, ""),
                        "dateReceived": message.date_received.get(pk),
                    }
                    for pk in message.recipient_profile_ids
                ],
                "subject": message.subject,
                "rnu": None,
                "templateId": message.template_id,
                "fields": message.fields,
                "forwardedMessageId": None,
            },
        )


@contextmanager
def running_peer(directory: Path):
    peer = EDeliveryPeer(directory)
    peer.start()
    try:
        yield peer
    finally:
        peer.stop()


@pytest.fixture
def edelivery_peer(tmp_path_factory):
    """A running contract peer (not the real e-Delivery), on a free loopback port."""
    with running_peer(tmp_path_factory.mktemp("edelivery-peer")) as peer:
        yield peer


@pytest.fixture
def edelivery_connector(edelivery_peer, settings):
    """The contract peer, with EDELIVERY_* settings pointing our connector at it."""
    edelivery_peer.configure(settings)
    return edelivery_peer
