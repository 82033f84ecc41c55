"""A platform administrator adds a municipality from the command line: its own address
and settlements, the template's starting set (never its people or items), and an
invitation that makes its first administrator able to sign in – to its admin only."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from obshtina.accounts.models import User
from obshtina.accounts.tests.factories import give_second_factor
from obshtina.infodesk.models import QuestionTopic, Service
from obshtina.organization.hosts import serving
from obshtina.organization.models import Municipality, Role, Settlement, StaffRole, Unit
from obshtina.registry.models import RegistrySeries
from obshtina.reports.models import Category, Report
from obshtina.reports.tests.factories import submit_report

pytestmark = pytest.mark.django_db

RILA = [
    "--name=Община Рила",
    "--slug=rila",
    "--bounds=42.05,23.05,42.25,23.40",
    "--centre=42.133,23.133",
    "--phone=07054 22 22",
    "--email=obshtina@rila.example",
    "--address=гр. Рила, пл. „Възраждане“ № 1",
]


def found(*args) -> str:
    out = StringIO()
    call_command("found_municipality", *RILA, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def samokov_loaded(settings):
    """Samokov as the demo loads it, with a report filed there."""
    settings.DEMO = False
    call_command("load_demo_data", verbosity=0)
    samokov = Municipality.objects.get(slug="samokov")
    with serving(samokov):
        submit_report(category=Category.objects.get(slug="patishta"))
    return samokov


def test_a_municipality_is_founded_from_the_template_s_starting_set(samokov_loaded, tmp_path):
    settlements = tmp_path / "rila.csv"
    settlements.write_text("Рила,town,42.133,23.133,62486\nПастра,village,42.100,23.200\n")
    output = found(f"--settlements={settlements}", "--host=e.rila.example")

    rila = Municipality.objects.get(slug="rila")
    assert "Община Рила: http://e.rila.example" in output
    with serving(rila):
        assert sorted(Settlement.objects.values_list("name", flat=True)) == ["Пастра", "Рила"]
        with serving(samokov_loaded):
            template = {
                "units": set(Unit.objects.values_list("slug", flat=True)),
                "categories": set(Category.objects.values_list("slug", "unit__slug")),
                "series": set(RegistrySeries.objects.values_list("code", "prefix")),
                "services": Service.objects.count(),
                "topics": QuestionTopic.objects.count(),
            }
        assert set(Unit.objects.values_list("slug", flat=True)) == template["units"]
        assert set(Category.objects.values_list("slug", "unit__slug")) == template["categories"]
        assert set(RegistrySeries.objects.values_list("code", "prefix")) == template["series"]
        assert Service.objects.count() == template["services"] > 0
        assert QuestionTopic.objects.count() == template["topics"] > 0
        # Nothing that is the template's own: its reports, its people, its contacts.
        assert not Report.objects.exists() and not StaffRole.objects.exists()
        assert not Unit.objects.exclude(phone="").exists()
        # It numbers from 1 with the same prefixes.
        report = submit_report(
            category=Category.objects.get(slug="patishta"), latitude=42.133, longitude=23.133
        )
        assert report.number.endswith("-000001")
        assert report.unit.municipality == rila


def test_the_new_municipality_serves_its_own_site(client, samokov_loaded):
    found()
    page = client.get("/", HTTP_HOST="rila.localhost").content.decode()
    assert "Община Рила" in page and "07054 22 22" in page
    services = client.get("/open311/v2/services.json", HTTP_HOST="rila.localhost").json()
    assert "patishta" in {service["service_code"] for service in services}
    requests = client.get("/open311/v2/requests.json", HTTP_HOST="rila.localhost").json()
    assert requests == []  # Samokov's report is Samokov's


def test_its_first_administrator_is_invited_and_administers_only_it(
    client, samokov_loaded, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = found("--admin-email=Kmet@Rila.example", "--admin-name=Анна Попова")
    assert "administrator kmet@rila.example invited" in output
    [invitation] = mailoutbox
    assert invitation.to == ["kmet@rila.example"] and "Община Рила" in invitation.subject
    link = next(word for word in invitation.body.split() if "/accounts/password/reset/key/" in word)
    address = urlsplit(link)
    assert address.hostname == "rila.localhost"

    path = address.path
    form = client.get(path, HTTP_HOST="rila.localhost", follow=True)
    assert form.status_code == 200 and "password1" in form.content.decode()
    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"password1": "Rila-parola-2026!", "password2": "Rila-parola-2026!"},
        HTTP_HOST="rila.localhost",
    )
    admin = User.objects.get(email="kmet@rila.example")
    assert admin.check_password("Rila-parola-2026!") and admin.get_full_name() == "Анна Попова"
    rila = Municipality.objects.get(slug="rila")
    with serving(rila):
        assert StaffRole.objects.filter(user=admin, role=Role.ADMINISTRATOR).exists()

    give_second_factor(admin)  # as staff, they set up the second step first
    client.force_login(admin)
    assert client.get("/admin/", HTTP_HOST="rila.localhost").status_code == 200
    listed = client.get("/admin/organization/municipality/", HTTP_HOST="rila.localhost")
    assert "Община Рила" in listed.content.decode()
    assert "Община Самоков" not in listed.content.decode()
    samokov_row = f"/admin/organization/municipality/{samokov_loaded.pk}/change/"
    refused = client.get(samokov_row, HTTP_HOST="rila.localhost")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # "does not exist"
    assert client.get("/admin/", HTTP_HOST="samokov.localhost").status_code == 302


def test_bad_arguments_are_explained_and_change_nothing(samokov_loaded):
    with pytest.raises(CommandError, match="exists already"):
        call_command("found_municipality", *[a.replace("rila", "samokov") for a in RILA])
    with pytest.raises(CommandError, match="--bounds"):
        found("--bounds=42,23")
    with pytest.raises(CommandError, match="No municipality at 'nowhere'"):
        found("--from=nowhere")
    with pytest.raises(CommandError, match="Адресите под localhost са на платформата"):
        found("--host=samokov.localhost")  # would take Samokov's address
    with pytest.raises(CommandError, match="води към първата община"):
        found("--host=127.0.0.1")
    with pytest.raises(CommandError, match="Център"):
        found("--centre=43.5,27.9")
    assert list(Municipality.objects.values_list("slug", flat=True)) == ["samokov"]


def test_a_host_or_settlement_that_does_not_fit_is_refused(samokov_loaded, tmp_path):
    found("--host=e.rila.example")
    with pytest.raises(CommandError, match="вече"):
        call_command(
            "found_municipality",
            *[a.replace("rila", "rila2") for a in RILA],
            "--host=E.Rila.example",
        )
    far = tmp_path / "far.csv"
    far.write_text("Варна,town,43.2,27.9\n")
    with pytest.raises(CommandError, match="„Варна“ е извън границите на общината"):
        call_command(
            "found_municipality",
            *[a.replace("rila", "rila3") for a in RILA],
            f"--settlements={far}",
        )
    assert sorted(Municipality.objects.values_list("slug", flat=True)) == ["rila", "samokov"]


def test_after_a_migration_the_administrators_group_can_edit_every_administered_model():
    from django.contrib.auth.models import Group, Permission
    from django.core.management import call_command

    from obshtina.organization.services import ADMINISTRATORS_GROUP

    group = Group.objects.create(name=ADMINISTRATORS_GROUP)  # as an older release left it
    call_command("migrate", verbosity=0)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_sitenotice", "change_street", "add_categoryquestion"} <= codenames
    assert Permission.objects.filter(codename="add_municipality").exists()
    assert "add_municipality" not in codenames
