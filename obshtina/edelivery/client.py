"""A client of e-Delivery's (ССЕВ) REST API through the e-government service bus.

What it relies on (governmentbg/edelivery2022, ``docs/edelivery_esb_api_0.6.md`` and the
service bus client in ``domain/src/ED.Domain/Clients/EsbService``):

- every request is mutual TLS with the administration's client certificate; the bus reads
  the caller from that certificate's subject (``/C=BG/ST=OID:<OID>/…/CN=<client>``) and
  hands it to e-Delivery as the ``Dp-Miscinfo`` header — so we never send that header;
- a token comes from ``POST <token url>/token?grant_type=client_credentials&client_id=…
  &scope=…`` with the ``OID`` header (and empty ``representedPersonID``,
  ``correspondentOID``, ``operatorID``); the answer has ``access_token`` and
  ``expires_in``; the bus introspects it on each API call (``Authorization: Bearer``);
- ``GET /api/v1/profiles/check?identifier=…``, ``POST /api/v1/blobs?type=TEMPORARY``
  (multipart, one file), ``POST /api/v1/messages`` (``recipientProfileIds``, ``subject``,
  ``templateId``, ``fields`` by field GUID; a file field holds blob ids) answering the
  message id, and ``GET /api/v1/messages/{id}/view`` (``dateSent``, ``recipients[]``
  with ``dateReceived`` — the date the recipient opened it, i.e. delivery);
- our own inbox: ``GET /api/v1/messages/inbox?from=yyyy-MM-dd&offset=…&limit=…``
  (``result[]`` with ``messageId``, ``dateSent``, ``dateReceived``, ``subject``,
  ``senderProfileName``, ``templateId``…, and ``length``, the total) lists received
  messages without their content; ``GET /api/v1/messages/{id}/open`` gives the content
  (``sender`` {``profileId``, ``name``}, ``subject``, ``fields`` by the sender's
  template's field GUIDs; a file field holds blob objects with ``fileName``,
  ``isMalicious`` and a ``downloadLink``) and, the first time, OPENS it: e-Delivery
  records ``dateReceived`` and the sender sees the message delivered. Opening again
  gives the same content (esb-api ``MessagesController.OpenAsync``).

Tokens are kept in the cache until shortly before they expire; a 401 drops the token and
the call is made once more with a fresh one.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import requests
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.dateparse import parse_datetime

logger = logging.getLogger(__name__)

INDIVIDUAL_TARGET_GROUP = 1  # e-Delivery's target groups (TargetGroupId.cs)
LEGAL_ENTITY_TARGET_GROUP = 2
TOKEN_MARGIN_SECONDS = 30  # a token this close to its expiry is not used any more
# The API's times carry no offset ("2023-11-29T06:41:37.967"): read as Bulgarian time.
API_TIME_ZONE = ZoneInfo("Europe/Sofia")


class EDeliveryError(Exception):
    """Anything that went wrong talking to e-Delivery; ``retryable`` tells the job whether
    trying again later can help."""

    retryable = True


class EDeliveryUnavailable(EDeliveryError):
    """No connection, a time-out or a 5xx answer: the service bus is down or overloaded."""


class EDeliveryRefused(EDeliveryError):
    """The bus refused us (401/403 after a fresh token): the certificate, OID or client id
    is not registered, or not for this operation. Needs an administrator, yet retried:
    a registration fixed later lets the pending documents go."""


class EDeliveryRejected(EDeliveryError):
    """The request itself was refused (4xx): the same request will be refused again."""

    retryable = False


@dataclass(frozen=True)
class Profile:
    profile_id: int
    target_group_id: int
    is_activated: bool
    is_passive: bool


@dataclass(frozen=True)
class MessageStatus:
    date_sent: datetime | None
    date_received: datetime | None  # when the recipient opened it: delivered


@dataclass(frozen=True)
class InboxRow:
    """A row of the inbox list: no content, and reading it opens nothing."""

    message_id: int
    subject: str
    sender_profile_name: str
    template_id: int | None
    date_sent: datetime | None
    date_received: datetime | None


@dataclass(frozen=True)
class ReceivedFile:
    name: str
    download_link: str
    is_malicious: bool


@dataclass(frozen=True)
class OpenedMessage:
    message_id: int
    subject: str
    sender_name: str
    texts: list[str]  # the text values of the template's fields, in the given order
    files: list[ReceivedFile]


def _opened_fields(fields: dict) -> tuple[list[str], list[ReceivedFile]]:
    """Texts and files of an opened message. Its template is the sender's, so the field
    GUIDs are not known here: a string is text, a list of blob objects is files."""
    texts, files = [], []
    for value in (fields or {}).values():
        if isinstance(value, str) and value.strip():
            texts.append(value.strip())
        elif isinstance(value, list):
            for blob in value:
                if isinstance(blob, dict) and blob.get("downloadLink"):
                    files.append(
                        ReceivedFile(
                            name=str(blob.get("fileName") or "file"),
                            download_link=str(blob["downloadLink"]),
                            is_malicious=bool(blob.get("isMalicious")),
                        )
                    )
    return texts, files


def _api_time(value: str | None) -> datetime | None:
    parsed = parse_datetime(value) if value else None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, API_TIME_ZONE)
    return parsed


class EDeliveryClient:
    """One session with the service bus; cheap to create, use one per job."""

    def __init__(self):
        self.base_url = settings.EDELIVERY_URL
        self.token_url = settings.EDELIVERY_TOKEN_URL or settings.EDELIVERY_URL
        self.session = requests.Session()
        self.session.cert = (settings.EDELIVERY_CLIENT_CERT, settings.EDELIVERY_CLIENT_KEY)
        # Given with each request: requests lets REQUESTS_CA_BUNDLE override a session's.
        self.verify = settings.EDELIVERY_CA_BUNDLE or True
        self.session.headers["Accept"] = "application/json"

    def close(self) -> None:
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- the documented operations -------------------------------------------------
    def profiles_check(self, identifier: str) -> list[Profile]:
        """Every profile registered under an ЕГН/ЛНЧ/ЕИК, in any target group."""
        body = self._call("GET", "/api/v1/profiles/check", params={"identifier": identifier})
        return [
            Profile(
                profile_id=int(row["profileId"]),
                target_group_id=int(row.get("targetGroupId") or 0),
                is_activated=bool(row.get("isActivated")),
                is_passive=bool(row.get("isPassive")),
            )
            for row in (body or {}).get("result", [])
        ]

    def blob_upload(self, *, name: str, content: bytes, content_type: str) -> int:
        """Upload one file for a message (a temporary blob); returns its id."""
        body = self._call(
            "POST",
            "/api/v1/blobs",
            params={"type": "TEMPORARY"},
            files={"": (name, content, content_type)},
        )
        if body.get("malwareScanStatus") == 4:  # ISMALICIOUS
            raise EDeliveryRejected("e-Delivery marked the file as malicious")
        if body.get("errorStatus"):  # INSUFFICIENTSTORAGESPACE
            raise EDeliveryUnavailable("e-Delivery has no storage space for the file")
        return int(body["blobId"])

    def message_send(
        self, *, profile_id: int, subject: str, text: str, blob_ids: list[int], rnu: str = ""
    ) -> int:
        """Send a message on the configured template; returns e-Delivery's message id."""
        fields: dict = {settings.EDELIVERY_TEMPLATE_TEXT_FIELD: text}
        if blob_ids:
            fields[settings.EDELIVERY_TEMPLATE_FILE_FIELD] = blob_ids
        body = self._call(
            "POST",
            "/api/v1/messages",
            json={
                "recipientProfileIds": [profile_id],
                "subject": subject[:255],
                "rnu": rnu or None,
                "templateId": settings.EDELIVERY_TEMPLATE_ID,
                "fields": fields,
            },
        )
        return int(body)

    def message_status(self, message_id: int, *, profile_id: int | None = None) -> MessageStatus:
        body = self._call("GET", f"/api/v1/messages/{int(message_id)}/view")
        recipients = body.get("recipients") or []
        mine = [r for r in recipients if profile_id is None or r.get("profileId") == profile_id]
        opened = [_api_time(r.get("dateReceived")) for r in mine if r.get("dateReceived")]
        return MessageStatus(
            date_sent=_api_time(body.get("dateSent")),
            date_received=opened[0] if opened else None,
        )

    def inbox(self, *, since, offset: int = 0, limit: int = 50) -> tuple[list[InboxRow], int]:
        """One page of the messages received since the date ``since``; and the total."""
        body = self._call(
            "GET",
            "/api/v1/messages/inbox",
            params={"from": since.isoformat(), "offset": offset, "limit": limit},
        )
        rows = [
            InboxRow(
                message_id=int(row["messageId"]),
                subject=str(row.get("subject") or ""),
                sender_profile_name=str(row.get("senderProfileName") or ""),
                template_id=row.get("templateId"),
                date_sent=_api_time(row.get("dateSent")),
                date_received=_api_time(row.get("dateReceived")),
            )
            for row in (body or {}).get("result", [])
        ]
        return rows, int((body or {}).get("length") or 0)

    def message_open(self, message_id: int) -> OpenedMessage:
        """Read a received message's content. The first call marks it delivered for the
        sender: call it only for a message we are going to register."""
        body = self._call("GET", f"/api/v1/messages/{int(message_id)}/open")
        texts, files = _opened_fields(body.get("fields") or {})
        return OpenedMessage(
            message_id=int(body.get("messageId") or message_id),
            subject=str(body.get("subject") or ""),
            sender_name=str((body.get("sender") or {}).get("name") or ""),
            texts=texts,
            files=files,
        )

    def file_download(self, received: ReceivedFile) -> bytes:
        """A received file, by the download link the opened message gave."""
        response = self._request("GET", received.download_link)
        self._raise_for(response, "blob download")
        return response.content

    # --- transport -----------------------------------------------------------------
    def _call(self, method: str, path: str, **kwargs):
        response = self._request(method, path, token=self._token(), **kwargs)
        if response.status_code == 401:  # expired or revoked before we thought: once more
            cache.delete(self._token_key())
            response = self._request(method, path, token=self._token(), **kwargs)
        self._raise_for(response, path)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as error:
            raise EDeliveryUnavailable(f"{path}: the answer is not JSON") from error

    def _request(self, method: str, url_or_path: str, *, token: str | None = None, **kwargs):
        url = url_or_path if "://" in url_or_path else self.base_url + url_or_path
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            return self.session.request(
                method,
                url,
                headers=headers,
                verify=self.verify,
                timeout=settings.EDELIVERY_TIMEOUT,
                **kwargs,
            )
        except requests.exceptions.SSLError as error:
            raise EDeliveryRefused(f"TLS with the service bus failed: {error}") from error
        except requests.exceptions.RequestException as error:
            raise EDeliveryUnavailable(f"{type(error).__name__} talking to e-Delivery") from error

    def _token_key(self) -> str:
        who = f"{self.token_url}|{settings.EDELIVERY_CLIENT_ID}|{settings.EDELIVERY_CLIENT_CERT}"
        return "edelivery-token:" + hashlib.sha256(who.encode()).hexdigest()

    def _token(self) -> str:
        key = self._token_key()
        token = cache.get(key)
        if token:
            return token
        response = self._request(
            "POST",
            self.token_url + "/token",
            params={
                "grant_type": "client_credentials",
                "client_id": settings.EDELIVERY_CLIENT_ID,
                "scope": settings.EDELIVERY_TOKEN_SCOPE,
            },
            headers={
                "OID": settings.EDELIVERY_OID,
                "representedPersonID": "",
                "correspondentOID": "",
                "operatorID": "",
            },
        )
        self._raise_for(response, "/token")
        try:
            body = response.json()
            token = body["access_token"]
            lifetime = int(body.get("expires_in") or 0)
        except (ValueError, KeyError, TypeError) as error:
            raise EDeliveryUnavailable("the token endpoint gave no access_token") from error
        if lifetime > TOKEN_MARGIN_SECONDS:
            cache.set(key, token, timeout=lifetime - TOKEN_MARGIN_SECONDS)
        return token

    @staticmethod
    def _raise_for(response: requests.Response, path: str) -> None:
        status = response.status_code
        if status < 400:
            return
        # The body may quote the recipient's identifier: it is never put in the error.
        if status >= 500 or status in (408, 429):
            raise EDeliveryUnavailable(f"{path}: HTTP {status}")
        if status in (401, 403):
            raise EDeliveryRefused(f"{path}: HTTP {status}")
        raise EDeliveryRejected(f"{path}: HTTP {status}")
