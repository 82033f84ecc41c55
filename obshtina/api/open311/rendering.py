"""Open311 answers in XML and JSON from one Python value.

A view builds plain data (dicts, lists, strings, numbers, booleans, None) once;
XML is derived from it by the Spark convention the spec uses: a list becomes a
container element whose children are named after what it holds (``services`` →
``service``), None an empty element. Text that XML 1.0 cannot carry (control
characters someone typed) is left out, so every answer parses.
"""

import json
import re
import xml.etree.ElementTree as ET

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

FORMATS = ("xml", "json")
CONTENT_TYPES = {
    "xml": "text/xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
# The element name of each item of a list, by the name of the list.
LIST_ITEMS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "extensions": "extension",
    "media_urls": "media_url",
    "request_history": "event",
}
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
NOT_XML_CHARACTERS = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def open311_response(fmt: str, root: str, value, *, status: int = 200, headers=None):
    """``value`` as the answer in ``fmt``; ``root`` names the XML document element."""
    if fmt == "json":
        content = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    else:
        content = XML_DECLARATION + ET.tostring(_element(root, value), encoding="unicode")
    return HttpResponse(
        content.encode(), content_type=CONTENT_TYPES[fmt], status=status, headers=headers
    )


def format_of(path: str) -> str:
    """The format an address asks for: JSON for ``….json``, else XML (the spec's default)."""
    return "json" if path.rstrip().endswith(".json") else "xml"


def error_response(fmt: str, status: int, descriptions, *, headers=None):
    """The spec's error list: ``[{"code": 404, "description": "…"}]`` / ``<errors>``."""
    errors = [{"code": status, "description": str(text)} for text in descriptions]
    return open311_response(fmt, "errors", errors, status=status, headers=headers)


def _element(tag: str, value) -> ET.Element:
    element = ET.Element(tag)
    if isinstance(value, dict):
        for name, item in value.items():
            element.append(_element(name, item))
    elif isinstance(value, list | tuple):
        for item in value:
            element.append(_element(LIST_ITEMS[tag], item))
    elif value is not None:
        element.text = _text(value)
    return element


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML_CHARACTERS.sub("", str(value))
