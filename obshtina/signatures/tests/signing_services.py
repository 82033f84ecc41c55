"""The official's signing devices for the tests: a SoftHSM2 token holding the
qualified test certificate's key, and certomancer-csc-dummy as a remote-signing
service (Cloud Signature Consortium API v1), both on this machine."""

import asyncio
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)
TOKEN_LABEL = "obshtina"
PIN = "123456"


def softhsm_module() -> str:
    """Debian's SoftHSM2 module; a skip without it (a failure on CI)."""
    for module in SOFTHSM_MODULES:
        if os.path.exists(module) and shutil.which("softhsm2-util"):
            return module
    message = "SoftHSM2 not found: install Debian's 'softhsm2' package."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _run(*args, env):
    subprocess.run(["softhsm2-util", *args], check=True, env=env, capture_output=True)


def softhsm_token(pki, label: str = "ivan") -> dict:
    """A fresh SoftHSM2 token (its own SOFTHSM2_CONF, for the whole process) holding
    `label`'s key and certificate; returns the SIGNATURES_PKCS11_* settings for it."""
    module = softhsm_module()
    directory = Path(tempfile.mkdtemp(prefix="obshtina-softhsm-"))
    (directory / "tokens").mkdir()
    conf = directory / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {directory / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)  # read by the module when first loaded
    env = {**os.environ}
    _run(
        "--init-token",
        "--free",
        "--label",
        TOKEN_LABEL,
        "--pin",
        PIN,
        "--so-pin",
        "87654321",
        env=env,
    )
    _run(
        "--import",
        str(pki.key_path(label)),
        "--token",
        TOKEN_LABEL,
        "--label",
        label,
        "--id",
        "01",
        "--pin",
        PIN,
        env=env,
    )
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(module).get_token(token_label=TOKEN_LABEL)
    with token.open(rw=True, user_pin=PIN) as session:
        cert = pki.cert(label)
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: label,
                Attribute.ID: b"\x01",
                Attribute.VALUE: cert.dump(),
                Attribute.SUBJECT: cert.subject.dump(),
            }
        )
    return {
        "SIGNATURES_PKCS11_MODULE": module,
        "SIGNATURES_PKCS11_TOKEN_LABEL": TOKEN_LABEL,
        "SIGNATURES_PKCS11_PIN": PIN,
        "SIGNATURES_PKCS11_KEY_LABEL": label,
        "SIGNATURES_PKCS11_CERT_LABEL": label,
    }


def start_csc_service(pki):
    """certomancer-csc-dummy over the test PKI on a free loopback port, in a thread
    with its own event loop. Returns (base URL, stop function)."""
    from aiohttp import web
    from csc_dummy.csc_dummy_server import CSCWithCertomancer, DummyServiceParams

    loop = asyncio.new_event_loop()
    started = threading.Event()
    state = {}

    async def start():
        service = CSCWithCertomancer(
            pki.certomancer, service_params=DummyServiceParams(hash_pinning_required=True)
        )
        service.register_routes()
        runner = web.AppRunner(service.app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        state["runner"] = runner
        state["port"] = site._server.sockets[0].getsockname()[1]

    def run():
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        started.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    started.wait(30)

    def stop():
        asyncio.run_coroutine_threadsafe(state["runner"].cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)

    return f"http://127.0.0.1:{state['port']}", stop
