"""Web push in tests: a VAPID key pair, browser subscriptions, a push service stand-in."""

import base64
import io
import os

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management import call_command

from obshtina.notifications.models import PushSubscription


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def browser_keys() -> dict:
    """The keys a browser sends with its subscription (a real P-256 point and secret)."""
    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    point = public.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return {"p256dh": b64url(point), "auth": b64url(os.urandom(16))}


def subscribe(user, number: int = 1, **overrides) -> PushSubscription:
    data = {
        "endpoint": f"https://fcm.googleapis.com/fcm/send/browser-{user.pk}-{number}",
        "user_agent": "Mozilla/5.0 (Linux; Android 14) Chrome/131",
        **browser_keys(),
        **overrides,
    }
    return PushSubscription.objects.create(user=user, **data)


def vapid_keys() -> dict:
    """A key pair made by the project's own command."""
    output = io.StringIO()
    call_command("generate_vapid_keys", stdout=output)
    return dict(line.split("=", 1) for line in output.getvalue().split())


class FakeResponse:
    def __init__(self, status_code: int):
        self.status_code = status_code
        self.text = f"status {status_code} for https://fcm.googleapis.com/fcm/send/secret"


class PushService:
    """Stands in for pywebpush.webpush: records what would be sent, or fails."""

    def __init__(self):
        self.sent = []
        self.answer = 201

    def __call__(self, *, subscription_info, data, vapid_private_key, vapid_claims, **options):
        from pywebpush import WebPushException

        if self.answer >= 400:
            raise WebPushException("Push failed", response=FakeResponse(self.answer))
        self.sent.append(
            {"subscription": subscription_info, "data": data, "claims": vapid_claims, **options}
        )
