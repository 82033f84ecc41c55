"""A sign-in through the local identity provider driven with Django's test client
against the live server's host (eAuth fetches our metadata from that address)."""

import base64
import re
import urllib.error
import urllib.parse
import urllib.request
from html import unescape

from django.urls import reverse


def host_of(live_server) -> str:
    return live_server.url.removeprefix("http://")


def hidden_value(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no {name} in the page"
    return unescape(match.group(1))


def start(client, live_server, *, next_url: str = "") -> tuple[str, str]:
    """Our login page: (the IdP's address the form posts to, SAMLRequest)."""
    url = reverse("eauth:login") + (f"?next={urllib.parse.quote(next_url)}" if next_url else "")
    page = client.get(url, HTTP_HOST=host_of(live_server)).content.decode()
    action = unescape(
        re.search(r'<form id="eauth-post-form" method="post" action="([^"]+)"', page).group(1)
    )
    return action, hidden_value(page, "SAMLRequest")


def post_to_idp(action: str, saml_request: str) -> tuple[int, str]:
    data = urllib.parse.urlencode({"SAMLRequest": saml_request}).encode()
    try:
        with urllib.request.urlopen(action, data=data, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def saml_response_from(page: str) -> str:
    return hidden_value(page, "SAMLResponse")


def finish(client, live_server, saml_response: str):
    return client.post(
        reverse("eauth:acs"), {"SAMLResponse": saml_response}, HTTP_HOST=host_of(live_server)
    )


def sign_in(client, live_server, *, next_url: str = ""):
    """The whole round: our request, the IdP's confirmation page, its answer to the ACS."""
    action, saml_request = start(client, live_server, next_url=next_url)
    status, page = post_to_idp(action, saml_request)
    assert status == 200, page
    return finish(client, live_server, saml_response_from(page))


def decoded(saml: str) -> str:
    return base64.b64decode(saml).decode()
