from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone
from django_scopes import scopes_disabled

from . import sections
from .models import User

# The factors that prove a sign-in by themselves; recovery codes only stand in for them.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


# A sign-in that proved two factors by itself records it here (the national eAuth at
# SUBSTANTIAL or HIGH: obshtina.eauth.services); it holds for that session and user only.
SESSION_SECOND_FACTOR = "second_factor_by_sign_in"


# When this session last proved who it is without a password (an eAuth sign-in), as a
# POSIX timestamp: an account without a password confirms its deletion by that instead.
SESSION_IDENTITY_PROVED_AT = "identity_proved_at"
IDENTITY_PROOF_MINUTES = 10


def session_proved_identity_recently(session, *, now: float | None = None) -> bool:
    proved_at = session.get(SESSION_IDENTITY_PROVED_AT)
    now = timezone.now().timestamp() if now is None else now
    return (
        isinstance(proved_at, int | float) and 0 <= now - proved_at <= IDENTITY_PROOF_MINUTES * 60
    )


def session_has_second_factor(session, user) -> bool:
    """Did this session's sign-in prove a second factor (see SESSION_SECOND_FACTOR)?"""
    proof = session.get(SESSION_SECOND_FACTOR) or {}
    return bool(proof) and proof.get("user") == user.pk


def has_second_factor(user) -> bool:
    """Has the user an authenticator app or a security key?"""
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).exists()


def second_factors_of(user) -> list[Authenticator]:
    """The user's authenticators (app, security keys, recovery codes), oldest first."""
    return list(Authenticator.objects.filter(user_id=user.pk).order_by("created_at", "pk"))


def profile_hub_sections(user: User) -> list[dict]:
    """The "Моите …" sections of the hub: placeholders first, replaced by what apps register."""
    hub = []
    for key, placeholder in sections.PROFILE_PLACEHOLDERS.items():
        provider = sections.profile_sections.get(key)
        section = {"url": None, "count": 0, **placeholder}
        if provider:
            section.update(provider(user))
        hub.append({"key": key, **section})
    for key, provider in sections.profile_sections.items():
        if key not in sections.PROFILE_PLACEHOLDERS:
            hub.append({"key": key, "url": None, "count": 0, "empty": "", **provider(user)})
    return hub


def filed_kinds() -> list[tuple[str, str]]:
    """(key, label) of every kind "Моите" lists, for its filter."""
    return [(key, str(label)) for key, (label, _provider) in sections.filed_item_providers.items()]


def filed_items(user: User, *, kind: str = "") -> list[sections.FiledItem]:
    """Everything ``user`` filed (or one kind of it), newest first."""
    items = [
        item
        for key, (_label, provider) in sections.filed_item_providers.items()
        if not kind or key == kind
        for item in provider(user)
    ]
    return sorted(items, key=lambda item: item.filed_at, reverse=True)


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user``, for the data-subject export.

    Each app adds its own section through ``sections.register_export_section``;
    every section reads data of this user only – in every municipality of the
    platform, as the person's account is one for all of them.
    """
    with scopes_disabled():
        return _user_data(user)


def _user_data(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone.as_e164 if user.phone else "",
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "language": user.language,
            "work_notices": user.work_notices,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "staff_roles": [
            {"role": role.role, "name": str(role.get_role_display())}
            for role in user.staff_roles.order_by("role")
        ],
        "memberships": [
            {
                "unit": membership.unit.name,
                "is_head": membership.is_head,
                "position": membership.position,
            }
            for membership in user.memberships.select_related("unit").order_by("unit__name")
        ],
        # Which factors exist and when they were used; never their secrets.
        "second_factors": [
            {
                "type": authenticator.type,
                "created_at": authenticator.created_at.isoformat(),
                "last_used_at": authenticator.last_used_at.isoformat()
                if authenticator.last_used_at
                else None,
            }
            for authenticator in second_factors_of(user)
        ],
    }
    for key, provider in sections.export_sections.items():
        data[key] = provider(user)
    return data
