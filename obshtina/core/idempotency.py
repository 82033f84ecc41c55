"""``Idempotency-Key``: a retry of a creating request gets the first answer, nothing new.

As in the IETF draft "The Idempotency-Key HTTP Header Field" and Stripe's API:

* the key belongs to who sends it (a user, an Open311 client; for anonymous callers
  the key alone, so it must be long and random — 16 to 255 letters, digits or
  ``._~:+/=-``, plain or as a quoted string);
* the request's fingerprint is its method, path and body (a form's fields and its
  files' SHA-256, never the multipart boundary nor the CSRF token);
* a success (2xx) is stored and a retry with the same key and body gets it again, with
  ``Idempotent-Replayed: true``; the same key with another body is refused
  (``KeyReused``). Other answers are not stored — a refusal leaves nothing behind
  (every service rolls back), so a retry may simply run again;
* the stored answer is committed in the same transaction as the created item: when
  the item exists, so does its answer. The unique (scope, key) is the last word when
  two tries race: the second waits for the first (on PostgreSQL up to
  ``WAIT_SECONDS``, then ``KeyInProgress``) and gets its answer.

Keys expire after ``IDEMPOTENCY_KEY_HOURS`` (24); ``prune_idempotency_keys`` removes them.
"""

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.selectors import current_municipality

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
ANONYMOUS = "anonymous"
DEFAULT_HOURS = 24
# How long a retry waits for a first try of the same key still running (PostgreSQL).
WAIT_SECONDS = 5
# Of a stored answer's headers, these are replayed (with its status and content type).
REPLAYED_HEADERS = ("Location",)
# Never part of what was asked: the form's CSRF token changes with every page.
IGNORED_FIELDS = frozenset({"csrfmiddlewaretoken"})
KEY_PATTERN = r"[A-Za-z0-9._~:+/=-]{16,255}"
_KEY = re.compile(KEY_PATTERN)
_LOCK_NOT_AVAILABLE = "55P03"
# Seconds a client should wait before it tries a key still in progress again.
RETRY_AFTER_SECONDS = 2

MALFORMED_MESSAGE = _(
    "Ключът в Idempotency-Key трябва да е случаен, от 16 до 255 знака: латински букви, "
    "цифри и ._~:+/=- (например UUID)."
)
REUSED_MESSAGE = _(
    "Този ключ (Idempotency-Key) вече е използван за друга заявка. "
    "Изпратете новата заявка с нов ключ."
)
IN_PROGRESS_MESSAGE = _(
    "Заявка със същия ключ (Idempotency-Key) още се обработва. Опитайте отново след малко."
)


class MalformedKey(Exception):
    """The key is too short, too long or has other characters (answer 400)."""


class KeyReused(Exception):
    """The key was used for a different request (answer 409)."""


class KeyInProgress(Exception):
    """A try with this key is still running (answer 409, try again shortly)."""


def key_of(request: HttpRequest, *, field: str = "") -> str | None:
    """The request's key: its ``Idempotency-Key``, else the POSTed `field`; None without.

    Raises ``MalformedKey`` for a key that is not long and random enough to be one.
    """
    value = request.headers.get(HEADER)
    if value is None and field and request.method == "POST":
        value = request.POST.get(field) or None
    if value is None:
        return None
    value = value.strip()
    if len(value) > 1 and value[0] == value[-1] == '"':  # the draft's sf-string form
        value = value[1:-1]
    if not _KEY.fullmatch(value):
        raise MalformedKey(value)
    return value


def scope_of(user=None) -> str:
    """The scope of a user's keys, or the anonymous one."""
    return f"user:{user.pk}" if user is not None and user.is_authenticated else ANONYMOUS


def _file_digest(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def request_fingerprint(request: HttpRequest, *, ignored_fields: Iterable[str] = ()) -> str:
    """SHA-256 of the method, the path and what was sent.

    A form (urlencoded or multipart) counts by its fields — an empty field is the same
    as one left out — and its files' contents, whatever their order, boundary or file
    names; any other body counts as its bytes.
    """
    if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
        ignored = IGNORED_FIELDS | set(ignored_fields)
        fields = {
            name: values
            for name, values in sorted(request.POST.lists())
            if name not in ignored and any(values)
        }
        files = {
            name: [_file_digest(upload) for upload in uploads]
            for name, uploads in sorted(request.FILES.lists())
        }
        sent = json.dumps([fields, files], ensure_ascii=False).encode()
    else:
        sent = request.body
    digest = hashlib.sha256(f"{request.method} {request.get_full_path()}\n".encode())
    digest.update(sent)
    return digest.hexdigest()


def _lifetime() -> timedelta:
    return timedelta(hours=getattr(settings, "IDEMPOTENCY_KEY_HOURS", DEFAULT_HOURS))


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _replay(stored: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(
        bytes(stored.body), status=stored.status, content_type=stored.content_type
    )
    for name, value in stored.headers.items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


@dataclass
class Attempt:
    """One try of a request with a key: the earlier answer to `replay`, or our `claim`."""

    claim: IdempotentRequest | None = None
    replay: HttpResponse | None = None
    settled: bool = False

    def finish(self, response: HttpResponse) -> HttpResponse:
        """Keep a success as the answer to every retry; after a server error nothing the
        request did is kept. Returns `response`."""
        if self.claim is None:
            return response
        if 200 <= response.status_code < 300:
            self.claim.status = response.status_code
            self.claim.content_type = response.get("Content-Type", "")
            self.claim.headers = {
                name: response[name] for name in REPLAYED_HEADERS if response.has_header(name)
            }
            self.claim.body = response.content
            self.claim.save(update_fields=["status", "content_type", "headers", "body"])
            self.settled = True
        elif response.status_code >= 500:
            transaction.set_rollback(True)
            self.settled = True
        return response


@contextmanager
def _waiting_at_most(seconds: int) -> Iterator[None]:
    """On PostgreSQL, wait at most `seconds` for a lock (a first try's row), then fail."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        # One round trip; the old value is read (the CTE's row) before the new one is set.
        cursor.execute(
            "WITH old AS MATERIALIZED (SELECT current_setting('lock_timeout') AS value)"
            " SELECT value, set_config('lock_timeout', %s, true) FROM old",
            [f"{seconds}s"],
        )
        before, _now = cursor.fetchone()
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [before])


def _is_lock_timeout(error: OperationalError) -> bool:
    cause = error.__cause__
    return (getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)) == (
        _LOCK_NOT_AVAILABLE
    )


def _attempt(*, scope: str, key: str, fingerprint: str) -> Attempt:
    now = timezone.now()
    key_hash = _hash(key)
    mine = IdempotentRequest.objects.filter(scope=scope, key_hash=key_hash)
    expired_before = now - _lifetime()
    try:
        with _waiting_at_most(WAIT_SECONDS), transaction.atomic():
            mine.filter(created_at__lte=expired_before).delete()
            claim = IdempotentRequest.objects.create(
                scope=scope, key_hash=key_hash, fingerprint=fingerprint, created_at=now
            )
        return Attempt(claim=claim)
    except IntegrityError:
        earlier = mine.filter(created_at__gt=expired_before).first()
    except OperationalError as error:
        if _is_lock_timeout(error):
            raise KeyInProgress(key) from None
        raise
    if earlier is None or earlier.status is None:
        raise KeyInProgress(key)
    if earlier.fingerprint != fingerprint:
        raise KeyReused(key)
    return Attempt(replay=_replay(earlier))


@contextmanager
def once(*, scope: str, key: str | None, fingerprint: str = "") -> Iterator[Attempt]:
    """Run the body once per (scope, key), in one transaction with its stored answer.

    Yields an ``Attempt``: with ``replay`` set, answer with it and do nothing else;
    else do the work and pass the answer to ``attempt.finish``. Without a key the
    body runs as it would without this. Raises ``KeyReused`` and ``KeyInProgress``.
    """
    if key is None:
        yield Attempt()
        return
    # Each municipality's keys are its own: the same key sent to two sites files twice.
    scope = f"{current_municipality().pk}/{scope}"
    with transaction.atomic():
        attempt = _attempt(scope=scope, key=key, fingerprint=fingerprint)
        yield attempt
        if attempt.claim is not None and not attempt.settled:
            attempt.claim.delete()  # no answer to keep: the key is free for a retry


def idempotency_keys_prune(*, now: datetime | None = None) -> int:
    """Forget the keys older than their lifetime; returns how many went."""
    cutoff = (now or timezone.now()) - _lifetime()
    deleted, _details = IdempotentRequest.objects.filter(created_at__lte=cutoff).delete()
    return deleted
