from functools import lru_cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Set at login (accounts.apps): the language kept on the person's account.
ACCOUNT_LANGUAGE_SESSION_KEY = "_account_language"


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Bulgarian unless the visitor chose English with the language switch, or
    signed in to an account kept in English on a device where nothing was chosen.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many
    phones in Bulgaria are set to English: the site must still open in Bulgarian.
    """

    def process_request(self, request):
        supported = dict(settings.LANGUAGES)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen not in supported and hasattr(request, "session"):
            chosen = request.session.get(ACCOUNT_LANGUAGE_SESSION_KEY, "")
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# Leaflet's default `subdomains`, which our maps keep: `{s}` in the tile URL becomes one of these.
LEAFLET_SUBDOMAINS = ("a", "b", "c")


@lru_cache(maxsize=8)
def tile_sources(tile_url: str) -> tuple[str, ...]:
    """The Content-Security-Policy sources the map's tiles come from: the origin of
    MAP_TILE_URL, with a `{s}` subdomain template written out as Leaflet fills it.
    None for tiles served by the site itself (a path such as ``/tiles/{z}/{x}/{y}.png``)."""
    address = urlsplit(tile_url)
    if not address.netloc:
        return ()
    host = address.netloc.rpartition("@")[2]  # never user:password into a header
    origin = f"{address.scheme}://{host}" if address.scheme else host
    if "{s}" not in origin:
        return (origin,)
    return tuple(origin.replace("{s}", subdomain) for subdomain in LEAFLET_SUBDOMAINS)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY) with the map's tile server
    added to img-src, read from MAP_TILE_URL for each response."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        tiles = tile_sources(settings.MAP_TILE_URL)
        if tiles:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", ()), *tiles]
            parts.update = update
        return parts


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header of every response, from settings.PERMISSIONS_POLICY
    (feature → allowed origins: "self", an origin, or none at all)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    def allowlist(origins):
        return " ".join(origin if origin == "self" else f'"{origin}"' for origin in origins)

    return ", ".join(f"{feature}=({allowlist(origins)})" for feature, origins in policy.items())
