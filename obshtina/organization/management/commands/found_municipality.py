import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from obshtina.organization.founding import NewSettlement, administrator_invite, municipality_found
from obshtina.organization.models import Municipality, Settlement


def _numbers(text: str, count: int, what: str) -> list[Decimal]:
    try:
        numbers = [Decimal(part) for part in text.split(",")]
    except InvalidOperation:
        numbers = []
    if len(numbers) != count:
        raise CommandError(f"{what}: {count} numbers separated by commas, e.g. {_EXAMPLES[what]}")
    return numbers


_EXAMPLES = {"--bounds": "42.20,23.70,42.40,24.00", "--centre": "42.308,23.859"}


def _settlements(path: Path) -> tuple[NewSettlement, ...]:
    """name,kind,latitude,longitude[,ekatte] per line; kind is "town" or "village"."""
    rows = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            for line, row in enumerate(csv.reader(file), start=1):
                if not row or row[0].startswith("#"):
                    continue
                name, kind, latitude, longitude, *rest = [cell.strip() for cell in row]
                if kind not in Settlement.Kind.values:
                    raise CommandError(f"{path}:{line}: kind must be town or village, not {kind!r}")
                rows.append(
                    NewSettlement(
                        name=name,
                        kind=kind,
                        latitude=Decimal(latitude),
                        longitude=Decimal(longitude),
                        ekatte=rest[0] if rest else "",
                    )
                )
    except (OSError, ValueError, InvalidOperation) as error:
        raise CommandError(
            f"{path}: name,kind,latitude,longitude[,ekatte] per line ({error})"
        ) from error
    return tuple(rows)


class Command(BaseCommand):
    help = (
        "Add a municipality to the platform: its own address (<slug>.PLATFORM_DOMAIN and "
        "--host), its settlements, the starting set of a template municipality (units, "
        "report categories and routing, registry series, question topics, the knowledge "
        "base's services, answer templates, schedule groups) and an invitation to its "
        "first administrator."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='e.g. "Община Костенец"')
        parser.add_argument("--slug", required=True, help="its address: <slug>.PLATFORM_DOMAIN")
        parser.add_argument(
            "--from", dest="template", help="the template's slug (default: the first municipality)"
        )
        parser.add_argument("--empty", action="store_true", help="no template: start empty")
        parser.add_argument("--host", action="append", default=[], help="a host of its own")
        parser.add_argument("--settlements", type=Path, help="CSV: name,kind,latitude,longitude")
        # Its own, never the defaults (which are the first municipality's).
        parser.add_argument("--bounds", required=True, help="south,west,north,east")
        parser.add_argument("--centre", required=True, help="latitude,longitude of the map")
        parser.add_argument("--phone", required=True, help="the contact centre's phone")
        parser.add_argument("--email", required=True, help="the municipality's e-mail")
        parser.add_argument("--address", required=True, help="the administration's address")
        parser.add_argument("--admin-email", help="its first administrator, invited by e-mail")
        parser.add_argument("--admin-name", default="", help="the administrator's name")

    def handle(self, *, name, slug, template, empty, host, settlements, **options):
        if Municipality.objects.filter(slug=slug).exists():
            raise CommandError(f"A municipality at {slug!r} exists already.")
        source = None
        if not empty:
            source = (
                Municipality.objects.filter(slug=template).first()
                if template
                else Municipality.objects.order_by("pk").first()
            )
            if template and source is None:
                raise CommandError(f"No municipality at {template!r} to take as a template.")
        south, west, north, east = _numbers(options["bounds"], 4, "--bounds")
        latitude, longitude = _numbers(options["centre"], 2, "--centre")
        fields = {
            "address": options["address"],
            "contact_phone": options["phone"],
            "contact_email": options["email"],
            "bounds_south": south,
            "bounds_west": west,
            "bounds_north": north,
            "bounds_east": east,
            "map_center_lat": latitude,
            "map_center_lng": longitude,
        }
        try:
            municipality = municipality_found(
                name=name,
                slug=slug,
                template=source,
                hosts=tuple(host),
                settlements=_settlements(settlements) if settlements else (),
                **fields,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"{municipality.name}: {municipality.site_url}")
        if source is not None:
            self.stdout.write(f"  starting set taken from {source.name}")
        if options["admin_email"]:
            user = administrator_invite(
                municipality=municipality, email=options["admin_email"], name=options["admin_name"]
            )
            self.stdout.write(f"  administrator {user.email} invited (an e-mail with a link)")
