from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from obshtina.organization.gazetteer import GazetteerError, read_streets, streets_import
from obshtina.organization.hosts import serving
from obshtina.organization.models import Municipality, Settlement


class Command(BaseCommand):
    help = (
        "Import the streets of a municipality from an OpenStreetMap extract: GeoJSON "
        "(LineString, MultiLineString or Point features with a 'name' property) or CSV "
        "(name,lat,lng[,settlement]). Bad rows are reported and skipped; importing again "
        "updates the streets."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--settlement", help="the settlement of rows that name none (default: the town)"
        )
        parser.add_argument(
            "--municipality", help="the municipality's slug (default: the first one)"
        )

    def handle(self, *, file: Path, settlement, municipality, verbosity, **options):
        owner = (
            Municipality.objects.filter(slug=municipality).first()
            if municipality
            else Municipality.objects.order_by("pk").first()
        )
        if owner is None:
            raise CommandError(f"No municipality {municipality or ''!r}.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        with serving(owner):
            place = None
            if settlement:
                place = Settlement.objects.filter(name=settlement).first()
                if place is None:
                    raise CommandError(f"No settlement {settlement!r} in {owner.name}.")
            try:
                rows = read_streets(content, filename=file.name)
                result = streets_import(rows, settlement=place, progress=self.stdout.write)
            except GazetteerError as error:
                raise CommandError(str(error)) from error
        for error in result.errors:
            self.stderr.write(f"skipped: {error}")
        if verbosity >= 1:
            self.stdout.write(
                f"{owner.name}: {result.created} streets created, {result.updated} updated, "
                f"{len(result.errors)} rows skipped"
            )
