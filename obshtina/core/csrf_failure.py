"""The page for a form refused by the CSRF check, most often because it was open too long.

What was typed is not lost, but it is never sent again for the citizen: a one-click
"send again" form filled from the refused request would let any other site make a
citizen post text of that site's choosing. Instead the page says that the browser's
Back button keeps the form, links to the form (a plain GET), and shows the free text
that was typed, escaped and read-only, to copy. It shows that text only when the form
was on a page of this site (Origin, else Referer — a browser lets no other site forge
either), so another site cannot make our page display its words; passwords, codes,
tokens and files are never shown.
"""

from contextlib import suppress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.utils.http import url_has_allowed_host_and_scheme

from .error_pages import page_response

# Fields whose values are never shown, by a part of their name.
SECRET_FIELD_PARTS = ("password", "csrf", "token", "secret", "code", "key", "otp")
MAX_SHOWN_VALUES = 10
MAX_SHOWN_CHARACTERS = 20_000


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: 403, what happened in plain words and how to send again."""
    own_form = _sent_from_this_site(request)
    context = {
        "typed_texts": _typed_texts(request) if own_form else [],
        "form_url": _form_url(request) if own_form else "",
        "cookies_missing": reason == REASON_NO_CSRF_COOKIE,
    }
    response = page_response(request, "errors/csrf_failure.html", 403, context)
    response["Cache-Control"] += ", no-store"  # it may show what the citizen typed
    return response


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def _site_origins(request) -> set[str]:
    origins = {_origin(settings.SITE_URL)}
    with suppress(DisallowedHost):
        origins.add(_origin(f"{request.scheme}://{request.get_host()}"))
    return origins - {""}


def _sent_from_this_site(request) -> bool:
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return _origin(source) in _site_origins(request)


def _form_url(request) -> str:
    """The page the form was on, to open it again (only a page of this site)."""
    referer = request.headers.get("Referer", "")
    allowed = {urlsplit(origin).netloc for origin in _site_origins(request)}
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts=allowed):
        return referer
    return ""


def _typed_texts(request) -> list[str]:
    """Free text from the refused form: values with a space or a line break in them
    (a word, a number or a hidden key is quick to type again or means nothing)."""
    try:
        fields = request.POST
    except Exception:  # a body Django will not read has nothing to show
        return []
    texts = []
    for name, values in fields.lists():
        if any(part in name.lower() for part in SECRET_FIELD_PARTS):
            continue
        texts += [value.strip() for value in values if len(value.split()) > 1]
    return [text[:MAX_SHOWN_CHARACTERS] for text in texts[:MAX_SHOWN_VALUES]]
