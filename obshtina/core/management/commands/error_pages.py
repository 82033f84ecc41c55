"""Write the error pages nginx answers with itself, into STATIC_ROOT/errors/.

nginx refuses a body over ``client_max_body_size`` (413) before the application sees
it, and answers 502/504 while the application is down or restarting: the
application cannot render those answers, so they are files, written after every
``collectstatic`` (and after the municipality's name or phone change in the admin).
Each exists in every format the site answers in — the site's page (``.html``), the
JSON API's body (``.api.json``) and Open311's error list (``.open311.xml``,
``.open311.json``) — and ``deploy/nginx.conf`` picks one by the address.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import translation

from obshtina.api.open311.errors import DESCRIPTIONS_BY_STATUS
from obshtina.api.open311.rendering import error_response as open311_error_response
from obshtina.api.v1.errors import error_response_for_status
from obshtina.core.error_pages import remember_contacts, standalone_page, upload_limits
from obshtina.organization.selectors import current_municipality

# status of the page → the statuses nginx answers with it
PAGES = {413: "errors/413.html", 503: "errors/503.html"}


def error_files(status: int) -> dict[str, bytes]:
    """The file name and content of each format of the page for ``status``."""
    open311 = [DESCRIPTIONS_BY_STATUS[status]]
    return {
        f"{status}.html": standalone_page(PAGES[status], upload_limits()).encode(),
        f"{status}.api.json": error_response_for_status(status).content,
        f"{status}.open311.xml": open311_error_response("xml", status, open311).content,
        f"{status}.open311.json": open311_error_response("json", status, open311).content,
    }


class Command(BaseCommand):
    help = "Write nginx's own error pages (413, and 502/503/504) into STATIC_ROOT/errors/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=None,
            help="Where to write them (default: STATIC_ROOT/errors).",
        )

    def handle(self, *, directory, **options):
        directory = directory or Path(settings.STATIC_ROOT) / "errors"
        directory.mkdir(parents=True, exist_ok=True)
        try:
            remember_contacts(current_municipality())
        except DatabaseError:
            self.stderr.write("No database: the pages name the default municipality.")
        try:
            with translation.override(settings.LANGUAGE_CODE):
                written = {
                    name: data for status in PAGES for name, data in error_files(status).items()
                }
        except ValueError as error:  # the hashed names of static files are not known yet
            raise CommandError(f"{error}. Run collectstatic first.") from error
        for name, data in written.items():
            (directory / name).write_bytes(data)
        names = ", ".join(sorted(written))
        self.stdout.write(f"{len(written)} error pages in {directory}: {names}")
