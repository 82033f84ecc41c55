"""CSV files people open in a spreadsheet program: text never runs as a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel and LibreOffice as a formula (``=HYPERLINK(…)``, ``=cmd|…``), so a
description typed by an anonymous visitor could act in an official's spreadsheet.
Following OWASP's advice ("CSV Injection"), such text cells get a leading single
quote, which spreadsheets show as text and do not display.

Only text is changed: numbers the project writes itself (counts, coordinates, a
negative figure) are ``int``/``float``/``Decimal`` values and stay numbers. Every
CSV writer of the project is ``csv_writer(file)``.
"""

import csv
from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """``value`` as it may safely go into a CSV cell."""
    if isinstance(value, Promise):  # a lazily translated label
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetSafeWriter:
    """``csv.writer`` whose text cells cannot start a formula; ``writerow``
    returns what the file's ``write`` returned, so it also streams."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([spreadsheet_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> SpreadsheetSafeWriter:
    return SpreadsheetSafeWriter(file, **options)
