"""Reads of the signatures app: the trusted lists as a pyHanko registry."""

import threading

from asn1crypto import pem, x509
from pyhanko.sign.validation.qualified import eutl_parse
from pyhanko.sign.validation.qualified.tsp import TSPRegistry

from .models import TrustedList

_loaded: dict = {}
_lock = threading.Lock()


def _certs(text: str) -> list[x509.Certificate]:
    return [x509.Certificate.load(der) for _, _, der in pem.unarmor(text.encode(), multiple=True)]


def tsp_registry() -> TSPRegistry:
    """The qualified services of the kept trusted lists (empty without any).

    Each list's signature is checked again when loaded; the result is kept in the
    process until a list is refreshed."""
    rows = list(TrustedList.objects.only("pk", "fetched_at"))
    key = tuple((row.pk, row.fetched_at) for row in rows)
    with _lock:
        if _loaded.get("key") == key:
            return _loaded["registry"]
    registry = TSPRegistry()
    for row in TrustedList.objects.filter(pk__in=[row.pk for row in rows]):
        eutl_parse.trust_list_to_registry(row.xml, _certs(row.signer_certificates), registry)
    with _lock:
        _loaded.update(key=key, registry=registry)
    return registry
