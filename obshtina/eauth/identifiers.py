"""Person identifiers (``PNOBG-8001010000``) at rest: a keyed hash to find the account
and an encrypted copy for the services that must send it on (e-Delivery); never the
plain value.

Both keys are derived (HKDF) from ``EAUTH_IDENTIFIER_KEY``. In development, with DEBUG
on and no key set, they are derived from SECRET_KEY; settings refuse that in production,
because a lost or changed key makes every stored identifier unusable.
"""

import base64
import hashlib
import hmac
import re

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

# The prefixes eAuth uses: ЕГН, passport, identity card, tax number / ЕИК, trade register.
PERSON_PREFIXES = ("PNOBG-", "PASBG-", "IDCBG-")
COMPANY_PREFIXES = ("TINBG-", "NTRBG-")
IDENTIFIER_PATTERN = re.compile(r"^(PNOBG|PASBG|IDCBG|TINBG|NTRBG)-[0-9A-Z]{1,20}$")


def _secret() -> bytes:
    key = settings.EAUTH_IDENTIFIER_KEY or ("eauth-development:" + settings.SECRET_KEY)
    return key.encode()


def _derive(purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(_secret())


def normalize(identifier: str) -> str:
    return identifier.strip().upper()


def is_valid(identifier: str) -> bool:
    return bool(IDENTIFIER_PATTERN.match(normalize(identifier)))


def identifier_hash(identifier: str) -> str:
    """HMAC-SHA256 of the identifier: the same person gives the same value, nobody
    without the key can test a guessed ЕГН against it."""
    digest = hmac.new(
        _derive(b"eauth identifier lookup"), normalize(identifier).encode(), hashlib.sha256
    )
    return digest.hexdigest()


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(b"eauth identifier encryption")))


def encrypt(identifier: str) -> str:
    return _fernet().encrypt(normalize(identifier).encode()).decode()


def decrypt(token: str) -> str | None:
    """The identifier, or None when the token was made with another key."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return None
