"""Video consultations in the browser, with free software and nothing to install.

The provider is a setting (VIDEO_PROVIDER):

* ``jitsi`` (default): a Jitsi Meet room named by a random UUID, on the server of
  VIDEO_URL_TEMPLATE ("https://meet.example.bg/{room}"). The public meet.jit.si
  asks the moderator to log in, so production points it at a self-hosted Jitsi.
* ``bigbluebutton``: a join link of the BigBlueButton API signed with the
  server's shared secret (checksum = SHA-1 of call name + query + secret).
* ``none``: officials paste a link of whatever tool they use.
"""

import hashlib
import uuid
from urllib.parse import urlencode

from django.conf import settings


class VideoNotConfigured(Exception):
    pass


def video_link_generate(*, appointment, moderator: bool = False) -> str:
    """A new meeting link for the appointment (the citizen's link unless `moderator`)."""
    provider = settings.VIDEO_PROVIDER
    if provider == "jitsi":
        return settings.VIDEO_URL_TEMPLATE.format(room=f"obshtina-{uuid.uuid4()}")
    if provider == "bigbluebutton":
        return bigbluebutton_join_url(
            meeting_id=str(appointment.uid),
            full_name=appointment.schedule.title if moderator else appointment.contact_name,
            role="MODERATOR" if moderator else "VIEWER",
        )
    raise VideoNotConfigured(provider)


def can_generate_video_link() -> bool:
    if settings.VIDEO_PROVIDER == "jitsi":
        return bool(settings.VIDEO_URL_TEMPLATE)
    if settings.VIDEO_PROVIDER == "bigbluebutton":
        return bool(settings.BBB_URL and settings.BBB_SECRET)
    return False


def bigbluebutton_checksum(call: str, query: str, secret: str) -> str:
    return hashlib.sha1(f"{call}{query}{secret}".encode()).hexdigest()  # BBB signs with SHA-1


def bigbluebutton_join_url(*, meeting_id: str, full_name: str, role: str) -> str:
    """A signed `join` call; the meeting is created on first join by the server's
    `create` defaults (allowStartStopRecording off, no recording)."""
    query = urlencode(
        {
            "meetingID": meeting_id,
            "fullName": full_name or "Гражданин",
            "role": role,
            "redirect": "true",
        }
    )
    checksum = bigbluebutton_checksum("join", query, settings.BBB_SECRET)
    return f"{settings.BBB_URL.rstrip('/')}/api/join?{query}&checksum={checksum}"


def bigbluebutton_create_url(*, meeting_id: str, name: str) -> str:
    """A signed `create` call; BBB treats a second create of the same meeting as a no-op,
    so the official's "start" calls it before joining as moderator."""
    query = urlencode({"meetingID": meeting_id, "name": name, "record": "false"})
    checksum = bigbluebutton_checksum("create", query, settings.BBB_SECRET)
    return f"{settings.BBB_URL.rstrip('/')}/api/create?{query}&checksum={checksum}"
