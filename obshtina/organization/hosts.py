"""Which municipality a request is for: its host decides.

    samokov.<PLATFORM_DOMAIN>   the municipality whose slug is "samokov"
    e.samokov.bg                a host of its own (MunicipalityHost)
    DEFAULT_MUNICIPALITY_HOSTS  the first municipality (127.0.0.1, localhost…)

An installation with one municipality serves it on every allowed host, as before.
With several, a host that names none gets a page saying so — never another
municipality's site. The request's municipality is active for everything the
request does (``serving``), so ``current_municipality()`` answers it.
"""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django_scopes import scope

from .models import Municipality, MunicipalityHost

HOST_CACHE_PREFIX = "organization:host:"
HOST_CACHE_SECONDS = 300
UNKNOWN = "-"  # cached: no municipality on this host

_serving: ContextVar[Municipality | None] = ContextVar("municipality", default=None)


class UnknownHost(Exception):
    """The platform serves municipalities, but this host leads to none of them."""


def host_name(host: str) -> str:
    """``Samokov.Localhost:8000`` → ``samokov.localhost``; ``[::1]:8000`` → ``[::1]``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def _platform_slug(host: str) -> str:
    domain = settings.PLATFORM_DOMAIN.lower()
    if domain and host.endswith(f".{domain}"):
        label = host[: -len(domain) - 1]
        return label if "." not in label else ""
    return ""


def _find(host: str) -> Municipality | None:
    own = MunicipalityHost.objects.select_related("municipality").filter(host=host).first()
    if own is not None:
        return own.municipality
    slug = _platform_slug(host)
    named = Municipality.objects.filter(slug=slug).first() if slug else None
    if named is not None:
        return named
    first_two = list(Municipality.objects.order_by("pk")[:2])
    if first_two and (host in settings.DEFAULT_MUNICIPALITY_HOSTS or len(first_two) == 1):
        return first_two[0]
    return None


def municipality_for_host(host: str) -> Municipality | None:
    """The municipality the host leads to; None on a fresh database (there is none
    yet); ``UnknownHost`` when it leads to none of those there are. Kept in the
    shared cache (saving a municipality or its hosts forgets every host:
    ``forget_hosts``)."""
    name = host_name(host)
    key = f"{HOST_CACHE_PREFIX}{cache.get(HOST_CACHE_PREFIX, 0)}:{name}"
    found = cache.get(key)
    if found is None:
        found = _find(name)
        if found is None and not Municipality.objects.exists():
            return None  # a fresh database: nothing to keep yet
        found = found or UNKNOWN
        cache.set(key, found, HOST_CACHE_SECONDS)
    if found == UNKNOWN:
        raise UnknownHost(name)
    return found


def forget_hosts(**kwargs) -> None:
    """Every host is looked up afresh (a new generation of keys)."""
    try:
        cache.incr(HOST_CACHE_PREFIX)
    except ValueError:
        cache.set(HOST_CACHE_PREFIX, 1, None)


def serving_municipality() -> Municipality | None:
    """The municipality of the request (or job) being handled, if one is active."""
    return _serving.get()


@contextmanager
def serving(municipality: Municipality):
    """Everything inside is done for ``municipality``: its rows are the only ones
    the owned models answer with (organization.scoping), its cache keys its own."""
    token = _serving.set(municipality)
    try:
        with scope(municipality=municipality.pk):
            yield municipality
    finally:
        _serving.reset(token)


def each_municipality():
    """For jobs and commands: each municipality in turn, served (``serving``)."""
    for municipality in Municipality.objects.order_by("pk"):
        with serving(municipality):
            yield municipality


def for_each_municipality(work: Callable[[], int]) -> int:
    """The sum of ``work()`` done for each municipality in turn (a job's or a
    command's count of what it sent, closed or deleted)."""
    return sum(work() for _ in each_municipality())


# Keys of the whole platform: which host leads where, the first municipality, and the
# rate limits (allauth's and ours) – accounts and the server are shared, so a password
# guessed on fifty sites is guessed fifty times as slowly, not fifty times as fast.
PLATFORM_CACHE_PREFIXES = ("organization:", "allauth:", "ratelimit:")


def cache_key(key: str, key_prefix: str, version: int) -> str:
    """Every cache key is the served municipality's own (settings.CACHES'
    KEY_FUNCTION), so a cached page, map or count of one municipality is never
    another's, whatever the code that keeps it forgot. Outside a request the first
    municipality's, as ``current_municipality()`` answers there."""
    if key.startswith(PLATFORM_CACHE_PREFIXES):
        owner = "platform"
    else:
        municipality = _serving.get()
        if municipality is None:
            from .selectors import current_municipality  # selectors import this module

            try:
                municipality = current_municipality()
            except DatabaseError:
                municipality = None
        owner = f"m{municipality.pk}" if municipality is not None else "platform"
    return f"{key_prefix}:{version}:{owner}:{key}"
