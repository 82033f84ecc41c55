"""A security key in software, for tests: it answers allauth's WebAuthn challenges as a
USB key would (an ES256 key pair, "none" attestation), so the real server-side checks
of python-fido2 run on what it sends."""

import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import sha256, websafe_encode
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)


class SoftwareSecurityKey:
    def __init__(self, *, host: str = "testserver", origin: str = "http://testserver"):
        self.rp_id_hash = sha256(host.encode())
        self.origin = origin
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.counter = 0

    def _client_data(self, kind: str, options: dict) -> CollectedClientData:
        challenge = options["publicKey"]["challenge"]
        return CollectedClientData.create(type=kind, challenge=challenge, origin=self.origin)

    def _credential(self, response: dict) -> str:
        encoded_id = websafe_encode(self.credential_id)
        return json.dumps(
            {
                "id": encoded_id,
                "rawId": encoded_id,
                "type": "public-key",
                "response": response,
                "clientExtensionResults": {"credProps": {"rk": False}},
            }
        )

    def register(self, creation_options: dict) -> str:
        """The credential (JSON, as the page posts it) for ``navigator.credentials.create``."""
        public_key = ES256.from_cryptography_key(self.private_key.public_key())
        attested = AttestedCredentialData.create(Aaguid.NONE, self.credential_id, public_key)
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
        auth_data = AuthenticatorData.create(self.rp_id_hash, flags, self.counter, attested)
        client_data = self._client_data("webauthn.create", creation_options)
        attestation = AttestationObject.create("none", auth_data, {})
        return self._credential(
            {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
            }
        )

    def sign_in(self, request_options: dict) -> str:
        """The assertion (JSON, as the page posts it) for ``navigator.credentials.get``."""
        self.counter += 1
        auth_data = AuthenticatorData.create(
            self.rp_id_hash, AuthenticatorData.FLAG.UP, self.counter
        )
        client_data = self._client_data("webauthn.get", request_options)
        signature = self.private_key.sign(
            bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256())
        )
        return self._credential(
            {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": None,
            }
        )
