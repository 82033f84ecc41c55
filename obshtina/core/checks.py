"""Deployment checks (`manage.py check --deploy`) for what settings alone cannot refuse."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


@register(Tags.security, deploy=True)
def site_url_check(app_configs, **kwargs):
    """Every e-mail link starts with SITE_URL: in production it must be the public https one."""
    if settings.DEBUG:
        return []
    address = urlsplit(settings.SITE_URL)
    host = (address.hostname or "").lower()
    if not settings.SITE_URL:
        problem = "SITE_URL is not set"
    elif host in LOCAL_HOSTS or host.endswith(".localhost"):
        problem = f"SITE_URL ({settings.SITE_URL}) points to this machine"
    elif address.scheme != "https":
        problem = f"SITE_URL ({settings.SITE_URL}) is not an https address"
    else:
        return []
    return [
        Error(
            f"{problem}: the links in e-mails would not reach citizens.",
            hint="Set SITE_URL to the public address, e.g. https://e.samokov.bg.",
            id="obshtina.E001",
        )
    ]


@register(Tags.security, deploy=True)
def trusted_proxies_check(app_configs, **kwargs):
    """Behind nginx on loopback, without TRUSTED_PROXIES every citizen shares one rate limit."""
    if settings.DEBUG or settings.TRUSTED_PROXIES:
        return []
    return [
        Warning(
            "TRUSTED_PROXIES is empty: behind a reverse proxy every client has the proxy's "
            "address, so the whole town shares one rate limit.",
            hint="Behind the nginx of deploy/ set TRUSTED_PROXIES=127.0.0.1,::1. If clients "
            "connect to the app directly, set SILENCED_SYSTEM_CHECKS=obshtina.W001.",
            id="obshtina.W001",
        )
    ]


@register(Tags.security)
def map_tile_url_check(app_configs, **kwargs):
    """The tile server's origin goes into the Content-Security-Policy: it must be one."""
    address = urlsplit(settings.MAP_TILE_URL)
    if address.scheme in ("https", "http") and address.netloc:
        return []
    if not address.scheme and not address.netloc and address.path.startswith("/"):
        return []  # tiles served by the site itself
    return [
        Error(
            f"MAP_TILE_URL ({settings.MAP_TILE_URL}) is neither an http(s) address nor a path "
            "on this site: the map would show no tiles.",
            hint="E.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png or "
            "https://{s}.tiles.example.bg/{z}/{x}/{y}.png.",
            id="obshtina.E002",
        )
    ]
