"""PDF files people upload: parsed, not only recognised by their first bytes.

``check_pdf(data)`` refuses a PDF that readers cannot open — no cross-reference
table or catalogue, no pages, broken page objects — and one that opens only with
a password. The work is bounded whatever the file holds: the page tree is walked
only to its first ``PAGES_CHECKED`` pages (at most ``NODES_VISITED`` nodes, so a
cycle or a million pages cost nothing), page contents are never decoded, and
pypdf's own limits bound anything it decompresses to find objects.
"""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PasswordType, PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject

PAGES_CHECKED = 10
NODES_VISITED = 200
MAX_DEPTH = 50

DAMAGED = _(
    "PDF файлът е повреден и не може да бъде отворен. Запишете го отново (напр. „Печат“ → "
    "„Запиши като PDF“) и го прикачете пак."
)
PASSWORD = _(
    "PDF файлът е защитен с парола и служителите няма да могат да го отворят. "
    "Прикачете го без парола."
)
# What pypdf raises for damage: its own errors, and built-in ones where a damaged
# object is not what it should be.
PARSE_ERRORS = (PyPdfError, OSError, ValueError, TypeError, KeyError, AttributeError)


class _Damaged(Exception):
    pass


def check_pdf(data: bytes) -> None:
    """Raise ``ValidationError`` unless ``data`` is a PDF anyone can open.

    A PDF with only an owner password (printing or copying restricted) opens
    without one and is accepted; ``strict=False`` tolerates the small faults
    real scanners and office programs make.
    """
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValidationError(PASSWORD, code="pdf_password")
        pages_found = _first_pages(reader.root_object)
    except (*PARSE_ERRORS, RecursionError, _Damaged) as error:
        raise ValidationError(DAMAGED, code="pdf_damaged") from error
    if not pages_found:
        raise ValidationError(DAMAGED, code="pdf_damaged")


def _first_pages(catalogue) -> int:
    """How many of the first ``PAGES_CHECKED`` pages resolve to page objects,
    walking the page tree depth first in reading order."""
    if not isinstance(catalogue, DictionaryObject):
        raise _Damaged("no catalogue")
    stack = [(catalogue["/Pages"], 0)]
    pages = visited = 0
    while stack and pages < PAGES_CHECKED:
        reference, depth = stack.pop()
        node = reference.get_object()
        visited += 1
        if visited > NODES_VISITED or depth > MAX_DEPTH or not isinstance(node, DictionaryObject):
            raise _Damaged("page tree")
        if "/Kids" not in node:
            pages += 1
            continue
        kids = node["/Kids"].get_object()
        if not isinstance(kids, ArrayObject):
            raise _Damaged("kids")
        stack.extend((kid, depth + 1) for kid in reversed(kids[:PAGES_CHECKED]))
    return pages
