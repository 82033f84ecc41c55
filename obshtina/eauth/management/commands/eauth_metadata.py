from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from obshtina.eauth import saml


class Command(BaseCommand):
    help = "Prints the SP metadata to register with eAuth (entity ID = its URL)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="The public address of the site (SITE_URL by default).",
        )

    def handle(self, *args, site_url, **options):
        if not settings.EAUTH_SP_KEY or not settings.EAUTH_SP_CERT:
            raise CommandError("Set EAUTH_SP_KEY and EAUTH_SP_CERT first.")
        try:
            self.stdout.write(saml.metadata(site_url.rstrip("/")))
        except saml.EAuthError as error:
            raise CommandError(str(error)) from error
        self.stderr.write(f"Entity ID: {saml.entity_id(site_url.rstrip('/'))}")
