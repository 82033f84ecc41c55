"""Who is asking: the client's address, also behind the reverse proxy of `deploy/`.

Behind nginx every connection comes from 127.0.0.1, so the address that counts is
in ``X-Forwarded-For``. That header is believed only as far as the chain of proxies
is trusted (``TRUSTED_PROXIES``: addresses or networks): read from the right, each
hop added by a trusted proxy is skipped, and the first address that is not a
trusted proxy is the client. Whatever a client writes into the header itself sits
to the left of that address and is never read, so nobody can spoof their way past
a rate limit. allauth's limits and the project's own use this one function.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def trusted_networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return address.ipv4_mapped or address if address.version == 6 else address


def client_address(request: HttpRequest) -> str:
    """The address of the client of ``request`` (never empty: "unknown" at worst)."""
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return "unknown"

    def trusted(address) -> bool:
        return any(address in network for network in networks)

    if not trusted(peer):
        return str(peer)
    client = peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:  # garbage a client wrote: the last proxy's view stands
            break
        client = address
        if not trusted(address):
            break
    return str(client)


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Whether ``request`` came through one of the ``TRUSTED_PROXIES`` (whose headers,
    like the request id nginx adds, may be believed)."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    return peer is not None and any(peer in network for network in networks)
