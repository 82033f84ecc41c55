"""Personal API tokens: issued once, stored as a SHA-256, revoked by their owner."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from obshtina.api.models import ApiToken, hash_token

# last_used_at is "about when": one write a minute per token is enough.
LAST_USED_PRECISION = timedelta(minutes=1)


def api_token_issue(*, user, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; the caller shows the returned secret once and forgets it."""
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip()[:100], token_hash=hash_token(secret)
        )
    return token, secret


def api_token_revoke(*, user, token_id: int) -> bool:
    """Delete one of the user's own tokens; False when there is no such token of theirs."""
    deleted, _details = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)


def api_token_authenticate(secret: str):
    """The active user a token belongs to, or None; notes when the token was last used."""
    if not secret:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(secret)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
