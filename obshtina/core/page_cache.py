"""Whole public pages for visitors without an account or session, kept for minutes.

A report's page is read far more often than it changes, mostly by people who are
not signed in, and for them it is the same page except for one thing: the CSRF
token of the language switch. The page is kept with that token replaced by a
placeholder, and each visitor gets it back with a token of their own, so forms on a
kept page still work and no visitor ever sees another's token.

Only visitors with no session and no messages waiting get or make a kept page:
anyone signed in (or with anything stored for them) gets the page rendered for them.
The caller passes a ``version`` that changes when what the page shows changes (for
reports, their public generation), so a change shows on the next request.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from .site_notices import site_notices_version

KEEP_SECONDS = 300  # what changes with the clock alone (overdue) may lag as long
# {% csrf_token %}'s hidden input; every form of one page carries the same token. A
# quote cannot come from the page's text (autoescaped), only from the template.
TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
KEPT_TOKEN_INPUT = 'name="csrfmiddlewaretoken" value="{token}"'
PLACEHOLDER = KEPT_TOKEN_INPUT.format(token="(this visitor's token)")
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
KEPT_HEADERS = ("Content-Type", "X-Robots-Tag")


def is_plain_visitor(request) -> bool:
    """Not signed in, nothing kept for them: the page is the same as for anyone."""
    return (
        request.method in ("GET", "HEAD")
        and not request.GET  # the page's own address, not every query string one may invent
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and not request.headers.get("HX-Request")
    )


def cached_visitor_page(request, render, *, version: str) -> HttpResponse:
    """``render()``'s page for a plain visitor, kept per address, language and version."""
    if not is_plain_visitor(request):
        return render()
    address = repr((request.get_full_path(), get_language())).encode()
    # A notice that starts or ends changes every page at once.
    key = f"page:{version}:{site_notices_version()}:{hashlib.sha256(address).hexdigest()}"
    kept = cache.get(key)
    if kept is not None:
        return _with_token(request, kept)
    response = render()
    if _may_keep(request, response):
        html = response.content.decode(response.charset)
        page = {
            "html": TOKEN_INPUT.sub(lambda _match: PLACEHOLDER, html),
            "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        }
        cache.set(key, page, KEEP_SECONDS)
    return response


def _may_keep(request, response) -> bool:
    # A page that stored something for the visitor (a session, a cookie other than the
    # CSRF one) is theirs alone.
    session = getattr(request, "session", None)
    cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
    return (
        response.status_code == 200
        and not response.streaming
        and not cookies
        and not (session is not None and session.modified)
    )


def _with_token(request, page: dict) -> HttpResponse:
    own_token = KEPT_TOKEN_INPUT.format(token=get_token(request))
    response = HttpResponse(page["html"].replace(PLACEHOLDER, own_token))
    for name, value in page["headers"].items():
        response[name] = value
    return response
