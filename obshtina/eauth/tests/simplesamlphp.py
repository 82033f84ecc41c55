"""SimpleSAMLphp from Debian as an independent identity provider: its own config
directory under a temporary path, one static user (exampleauth:UserPass) with eAuth's
attributes, served by ``php -S`` on a free loopback port."""

import base64
import datetime
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from .idp import ATTRIBUTE, key_pair

WWW = Path("/usr/share/simplesamlphp/www")
USERNAME, PASSWORD = "ivan", "parola-2026"


def available() -> str:
    """Why SimpleSAMLphp cannot run here, or ""."""
    if not shutil.which("php"):
        return "php not found: install Debian's 'php-cli' package."
    if not WWW.is_dir():
        return "SimpleSAMLphp not found: install Debian's 'simplesamlphp' package."
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout.split()
    if "dom" not in modules:
        return "PHP has no DOM extension: install Debian's 'php-xml' package."
    return ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _clock_of_this_process() -> dict[str, str]:
    """Under faketime ``@start`` (make test-clocks) every new process starts at ``start``:
    PHP started minutes into the run would lag behind our clock, past the assertion's
    allowed skew. It starts at this process's time instead (in UTC, free of the repeated
    hour in October)."""
    if not os.environ.get("FAKETIME", "").startswith("@"):
        return {}
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
    return {"FAKETIME": f"@{now}", "TZ": "UTC"}


def _php(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "[" + ", ".join(f"{_php(k)} => {_php(v)}" for k, v in value.items()) + "]"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_php(v) for v in value) + "]"
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


class SimpleSamlPhpIdP:
    def __init__(self, directory: Path, *, sp_entity_id: str, sp_acs: str, sp_cert: Path):
        self.directory = directory
        self.sp_entity_id, self.sp_acs, self.sp_cert = sp_entity_id, sp_acs, sp_cert
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    @property
    def metadata_url(self) -> str:
        return self.url + "/saml2/idp/metadata.php"

    def _write_config(self) -> dict:
        config, metadata, certs = (self.directory / name for name in ("config", "metadata", "cert"))
        for folder in (config, metadata, certs, self.directory / "log", self.directory / "tmp"):
            folder.mkdir(parents=True, exist_ok=True)
        key_pair(certs, "idp", "SimpleSAMLphp test IdP")
        settings = {
            "baseurlpath": self.url + "/",
            "certdir": str(certs) + "/",
            "loggingdir": str(self.directory / "log") + "/",
            "datadir": str(self.directory / "tmp") + "/",
            "tempdir": str(self.directory / "tmp"),
            "cachedir": str(self.directory / "tmp"),
            "secretsalt": "test-salt-" + base64.b16encode(os.urandom(8)).decode(),
            "auth.adminpassword": "test-admin-" + base64.b16encode(os.urandom(8)).decode(),
            "technicalcontact_email": "test@example.bg",
            "timezone": "Europe/Sofia",
            "logging.handler": "errorlog",
            "enable.saml20-idp": True,
            "module.enable": {"exampleauth": True, "core": True, "saml": True, "admin": False},
            "metadata.sources": [{"type": "flatfile", "directory": str(metadata)}],
            "store.type": "phpsession",
            "session.cookie.secure": False,
            "session.phpsession.savepath": str(self.directory / "tmp"),
            "language.default": "en",
        }
        (config / "config.php").write_text(f"<?php\n$config = {_php(settings)};\n")
        attributes = {
            ATTRIBUTE + "personIdentifier": ["PNOBG-8001010000"],
            ATTRIBUTE + "personName": ["Петър Георгиев Стоянов"],
            ATTRIBUTE + "email": ["petar@example.com"],
        }
        sources = {
            "admin": ["core:AdminPassword"],
            "static-user": {0: "exampleauth:UserPass", f"{USERNAME}:{PASSWORD}": attributes},
        }
        (config / "authsources.php").write_text(f"<?php\n$config = {_php(sources)};\n")
        hosted = {
            "host": "__DEFAULT__",
            "privatekey": "idp.key",
            "certificate": "idp.crt",
            "auth": "static-user",
            "SingleSignOnServiceBinding": [
                "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect",
                "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
            ],
            "saml20.sign.assertion": True,
            "signature.algorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        }
        cert = "".join(
            line for line in self.sp_cert.read_text().splitlines() if "CERTIFICATE" not in line
        )
        remote = {
            "AssertionConsumerService": [
                {
                    "Binding": "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
                    "Location": self.sp_acs,
                    "index": 0,
                }
            ],
            "certData": cert,
            "validate.authnrequest": True,
            "assertion.encryption": True,
            "attributes.NameFormat": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
        }
        (metadata / "saml20-idp-hosted.php").write_text(
            f"<?php\n$metadata['__DYNAMIC:1__'] = {_php(hosted)};\n"
        )
        (metadata / "saml20-sp-remote.php").write_text(
            f"<?php\n$metadata[{_php(self.sp_entity_id)}] = {_php(remote)};\n"
        )
        return {"SIMPLESAMLPHP_CONFIG_DIR": str(config)}

    def start(self) -> "SimpleSamlPhpIdP":
        environment = {**os.environ, **self._write_config(), **_clock_of_this_process()}
        self.log = open(self.directory / "php.log", "wb")  # noqa: SIM115 (kept while running)
        self.process = subprocess.Popen(
            ["php", "-S", f"127.0.0.1:{self.port}", "-t", str(WWW)],
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.metadata_url, timeout=5) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            "SimpleSAMLphp did not start: " + (self.directory / "php.log").read_text()
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
            self.log.close()
