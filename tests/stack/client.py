"""A small HTTPS client for the stack: HTTP/1.1 over TLS to nginx, from a chosen
loopback address, with cookies, a timeout on every request, and the raw
(still compressed) body kept, so tests see what went over the wire."""

import gzip
import http.client
import json
import ssl
import urllib.parse
from dataclasses import dataclass
from http.cookies import SimpleCookie

import brotli

REQUEST_SECONDS = 20


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    raw: bytes

    def header(self, name: str) -> str:
        """The header's value; several headers of the name (nginx's Vary and the app's) joined."""
        return ", ".join(self.headers.get_all(name) or [])

    @property
    def upstream(self) -> str:
        """The app server that answered (empty: nginx answered itself)."""
        return self.header("X-Stack-Upstream")

    @property
    def body(self) -> bytes:
        encoding = self.header("Content-Encoding")
        if encoding == "gzip":
            return gzip.decompress(self.raw)
        if encoding == "br":
            return brotli.decompress(self.raw)
        return self.raw

    @property
    def text(self) -> str:
        return self.body.decode()

    def json(self):
        return json.loads(self.body)


class StackClient:
    def __init__(self, stack, source: str = "127.0.0.1"):
        self.stack = stack
        self.source = source
        self.context = ssl.create_default_context(cafile=str(stack.certificate))
        self.cookies: dict[str, str] = {}

    def request(self, method, path, *, body=None, headers=None, data=None, json_body=None):
        headers = {"Accept-Encoding": "identity", **(headers or {})}
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers.setdefault("Content-Type", "application/json")
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method != "GET":
            headers.setdefault("Origin", self.stack.url)
            headers.setdefault("Referer", self.stack.url + "/")
            if "csrftoken" in self.cookies:
                headers.setdefault("X-CSRFToken", self.cookies["csrftoken"])
        connection = http.client.HTTPSConnection(
            "127.0.0.1",
            self.stack.ports.https,
            context=self.context,
            timeout=REQUEST_SECONDS,
            source_address=(self.source, 0),
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)
