"""Reads for other apps: the person identifier (e-Delivery sends it on) and the company
the session's eAuth sign-in named (letters filed on its behalf)."""

from django.conf import settings
from django.utils import timezone

from . import identifiers
from .models import Identity
from .services import SESSION_COMPANY, SESSION_LEVEL


def is_enabled() -> bool:
    return bool(settings.EAUTH_ENABLED)


def person_identifier_of(user) -> str | None:
    """The decrypted identifier of ``user`` ("PNOBG-8001010000"), or None when the
    account never signed in through eAuth. Never show or log what it returns."""
    if user is None or not getattr(user, "pk", None):
        return None
    token = (
        Identity.objects.filter(user_id=user.pk)
        .values_list("identifier_encrypted", flat=True)
        .first()
    )
    return identifiers.decrypt(token) if token else None


def identity_export(user) -> dict:
    """For the person's data export: whether and since when the account is linked with
    eAuth (the identifier itself is kept for the state's services, not handed out)."""
    identity = Identity.objects.filter(user_id=user.pk).first()
    if identity is None:
        return {"linked": False}
    return {
        "linked": True,
        "linked_at": timezone.localtime(identity.linked_at).isoformat(),
        "last_signed_in_at": timezone.localtime(identity.last_signed_in_at).isoformat()
        if identity.last_signed_in_at
        else None,
    }


def has_identity(user) -> bool:
    return Identity.objects.filter(user_id=user.pk).exists()


def session_company(session) -> dict | None:
    """{"eik": …, "name": …} of the company named by this session's eAuth sign-in."""
    company = session.get(SESSION_COMPANY)
    return dict(company) if company else None


def session_level(session) -> str | None:
    return session.get(SESSION_LEVEL)
