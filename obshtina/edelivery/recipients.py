"""Who an item's outgoing documents go to in e-Delivery, and the identifier to look up."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from cryptography.fernet import Fernet
from django.conf import settings

PERSON = "person"
COMPANY = "company"


@dataclass(frozen=True)
class Recipient:
    """``identifier`` is the bare ЕГН/ЛНЧ (a person) or ЕИК (a company): what
    ``profiles/check`` takes. It is personal data: never log it or show it."""

    kind: str
    identifier: str

    def __repr__(self) -> str:  # never in a traceback or a log
        return f"Recipient(kind={self.kind!r}, identifier=<hidden>)"

    @classmethod
    def person(cls, identifier: str) -> Recipient:
        return cls(kind=PERSON, identifier=identifier.strip())

    @classmethod
    def company(cls, eik: str) -> Recipient:
        return cls(kind=COMPANY, identifier=eik.strip())


def recipient_of(item) -> Recipient | None:
    """A letter filed for an organisation goes to the organisation's ЕИК; otherwise to
    the person who filed it, when their national identifier is known (through eAuth)."""
    if item.organisation_eik.strip():
        return Recipient.company(item.organisation_eik)
    person = _person_identifier(item.author) if item.author_id else None
    if person is None:
        return None
    return Recipient.person(person)


def _person_identifier(user) -> str | None:
    """The bare ЕГН of a user who signed in with eAuth, else None.

    eAuth names a person ``PNOBG-<ЕГН>``; other kinds (passport, identity card numbers)
    are no identifier e-Delivery knows a profile by.
    """
    from obshtina.eauth.selectors import person_identifier_of  # eauth imports accounts

    value = person_identifier_of(user)
    if not value or not value.upper().startswith("PNOBG-"):
        return None
    return value[len("PNOBG-") :].strip() or None


def identifier_hash(recipient: Recipient) -> str:
    """A keyed hash: equal for the same recipient, useless without the secret key."""
    message = f"{recipient.kind}:{recipient.identifier}".encode()
    return hmac.new(_key(b"hash"), message, hashlib.sha256).hexdigest()


def identifier_encrypt(recipient: Recipient) -> str:
    return _fernet().encrypt(recipient.identifier.encode()).decode()


def identifier_decrypt(kind: str, token: str) -> Recipient:
    return Recipient(kind=kind, identifier=_fernet().decrypt(token.encode()).decode())


def _key(purpose: bytes) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), b"obshtina.edelivery." + purpose, hashlib.sha256
    ).digest()


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key(b"encrypt")))
