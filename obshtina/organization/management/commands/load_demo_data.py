from django.conf import settings
from django.core.management.base import BaseCommand

from obshtina.casework import demo as casework_demo
from obshtina.core import demo as core_demo
from obshtina.infodesk import demo as infodesk_demo
from obshtina.organization import demo, demo_streets
from obshtina.organization.hosts import serving
from obshtina.organization.selectors import current_municipality, site_url
from obshtina.reception import demo as reception_demo
from obshtina.reports import demo as reports_demo

# Recovery codes printed per staff account; all are unused again after every load.
RECOVERY_CODES_SHOWN = 3


class Command(BaseCommand):
    help = (
        "Load Община Самоков, its settlements, units and report categories (only what is "
        "missing), and with DEMO on one demo account per role and some demo reports. "
        "Safe to run any number of times."
    )

    def handle(self, *, verbosity, **options):
        self.verbose = verbosity >= 1
        created = demo.municipality_load()
        self.progress(f"municipality: {'created' if created else 'exists, left as it is'}")
        with serving(current_municipality()):
            self.load_municipality()

    def load_municipality(self) -> None:
        """What the municipality being served holds; with DEMO, its demo people and reports."""
        self.progress(f"settlements: {demo.settlements_load()} created")
        self.progress(f"streets: {demo_streets.streets_load()} created")
        self.progress(f"units: {demo.units_load()} created")
        self.progress(f"report categories: {reports_demo.categories_load()} created")
        self.progress(f"knowledge base entries: {infodesk_demo.knowledge_load()} created")
        self.progress(f"answer templates: {casework_demo.answer_templates_load()} created")
        self.progress(
            f"accessibility statement: {core_demo.accessibility_statement_load()} created"
        )
        created = reception_demo.schedules_load(with_officials=False)
        self.progress(f"reception schedules: {created} created")
        if not settings.DEMO:
            self.progress("demo accounts: skipped (DEMO is off)")
            return
        for account in demo.DEMO_ACCOUNTS:
            demo.demo_account_load(account)
        self.progress(f"demo accounts: {len(demo.DEMO_ACCOUNTS)} ready")
        self.progress(f"demo reports: {reports_demo.reports_load()} created")
        reception_demo.schedules_load(with_officials=True)
        self.print_logins(demo.DEMO_ACCOUNTS)
        self.load_neighbour()

    def load_neighbour(self) -> None:
        """A second municipality, so the demo shows one platform serving several."""
        neighbour = demo.neighbour_load()
        self.progress("")
        self.progress(f"{neighbour.name}: {neighbour.site_url}")
        with serving(neighbour):
            for account in demo.NEIGHBOUR_ACCOUNTS:
                demo.demo_account_load(account)
            created = reports_demo.reports_load(reports_demo.NEIGHBOUR_REPORTS)
            self.progress(f"demo reports: {created} created")
            self.print_logins(demo.NEIGHBOUR_ACCOUNTS)

    def progress(self, line: str) -> None:
        if self.verbose:
            self.stdout.write(line)

    def print_logins(self, accounts) -> None:
        rows = [("role", "e-mail", "authenticator secret", "recovery codes (each works once)")]
        for account in accounts:
            if account.is_staff:
                codes = demo.demo_recovery_codes(account)[:RECOVERY_CODES_SHOWN]
                rows.append((account.role, account.email, account.totp_secret, " ".join(codes)))
            else:
                rows.append((account.role, account.email, "–", "–"))
        widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
        self.progress("")
        login_url = f"{site_url()}/accounts/login/"  # the municipality being served
        self.progress(f"Demo logins ({login_url}), password {demo.DEMO_PASSWORD}.")
        self.progress(
            "Staff pass a second step: the code of an authenticator app set up with the "
            "secret (e.g. oathtool --totp -b SECRET), or a recovery code."
        )
        for row in rows:
            self.progress(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
