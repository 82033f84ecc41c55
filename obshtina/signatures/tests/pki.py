"""A real test PKI on loopback: Certomancer's declared QTSP (pki/qtsp.yml) with its
OCSP responder, CRLs and RFC 3161 time-stamping served over HTTP, plus a small
ETSI TS 119 612 trusted list and list of lists naming its CA as granted.

Other test packages (the browser tests) use it through the fixtures in
``obshtina.signatures.tests.fixtures``.
"""

import re
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyhanko.sign.ades.qualified_asn1  # noqa: F401  (asn1crypto learns qc_statements)
import yaml
from asn1crypto import keys, pem, x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import CertLabel, CertomancerConfig, KeyLabel
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

CONFIG = Path(__file__).with_name("pki") / "qtsp.yml"
ARCH = "qtsp"
RELATIVE_DATE = re.compile(r"\{now([+-]\d+)d\}")


def _config_text(*, url: str, now: datetime) -> str:
    def date(match: re.Match) -> str:
        return (now + timedelta(days=int(match.group(1)))).strftime("%Y-%m-%dT%H:%M:%S+0000")

    return RELATIVE_DATE.sub(date, CONFIG.read_text()).replace("{url}", url)


def _generate_keys(config: dict, directory: Path) -> None:
    for keyset in config["keysets"].values():
        folder = directory / keyset.get("path-prefix", "")
        folder.mkdir(parents=True, exist_ok=True)
        for key in keyset["keys"].values():
            private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            (folder / key["path"]).write_bytes(
                private.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )


@dataclass
class TestPKI:
    """The running PKI. `url` is its base address on loopback."""

    url: str
    directory: Path
    arch: object
    published: dict[str, bytes] = field(default_factory=dict)

    __test__ = False  # not a test class for pytest

    def cert(self, label: str) -> x509.Certificate:
        return self.arch.get_cert(CertLabel(label))

    def key(self, label: str) -> keys.PrivateKeyInfo:
        return self.arch.key_set.get_private_key(KeyLabel(label))

    def key_path(self, label: str) -> Path:
        """The PKCS#8 PEM file of a certificate's private key."""
        return self.directory / "keys" / f"{label}.key.pem"

    def cert_path(self, label: str) -> Path:
        """The certificate as a PEM file (written on first use)."""
        path = self.directory / "certs" / f"{label}.cert.pem"
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(_pem(self.cert(label)))
        return path

    @property
    def tsa_url(self) -> str:
        return f"{self.url}/{ARCH}/tsa/tsa"

    def publish(self, name: str, content: bytes) -> str:
        """Serve `content` at <url>/published/<name> (trusted lists, test files)."""
        self.published[name] = content
        return f"{self.url}/published/{name}"


def _pem(cert: x509.Certificate) -> bytes:
    return pem.armor("CERTIFICATE", cert.dump())


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


class _Dispatcher:
    """The Certomancer animator, and /published/ for the files tests put there."""

    def __init__(self):
        self.animator = None
        self.published: dict[str, bytes] = {}
        self.revocation_down = False  # OCSP and CRLs answer 503, as a responder that is down

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path.startswith("/published/"):
            content = self.published.get(request.path.removeprefix("/published/"))
            if content is None:
                return Response("not found", status=404)(environ, start_response)
            return Response(content, content_type="application/xml")(environ, start_response)
        if self.revocation_down and ("/ocsp/" in request.path or "/crls/" in request.path):
            return Response("unavailable", status=503)(environ, start_response)
        return self.animator(environ, start_response)


def start_pki() -> tuple[TestPKI, object]:
    """Build the PKI relative to now and serve it on a free loopback port.

    Returns the PKI and the server (call ``server.shutdown()`` to stop it)."""
    dispatcher = _Dispatcher()
    server = make_server("127.0.0.1", 0, dispatcher, threaded=True, request_handler=_QuietHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    directory = Path(tempfile.mkdtemp(prefix="obshtina-pki-"))
    now = datetime.now(UTC).replace(microsecond=0)
    config = yaml.safe_load(_config_text(url=url, now=now))
    _generate_keys(config, directory)
    certomancer = CertomancerConfig(config, key_search_dir=str(directory))
    arch = certomancer.get_pki_arch(ARCH)
    dispatcher.animator = Animator(AnimatorArchStore(certomancer.pki_archs), with_web_ui=False)
    pki = TestPKI(url=url, directory=directory, arch=arch, published=dispatcher.published)
    pki.dispatcher = dispatcher
    pki.certomancer = certomancer
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return pki, server
