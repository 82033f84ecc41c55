"""An administrator imports the streets of an OpenStreetMap extract."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from obshtina.organization.models import Role, Settlement, Street

from .factories import staff

pytestmark = pytest.mark.django_db

GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "way/123",
            "properties": {"name": "улица „Търговска“"},
            "geometry": {
                "type": "LineString",
                "coordinates": [[23.5540, 42.3370], [23.5558, 42.3376], [23.5580, 42.3380]],
            },
        },
        {
            "type": "Feature",
            "properties": {"name": "площад „Захари Зограф“"},
            "geometry": {"type": "Point", "coordinates": [23.5534, 42.3373]},
        },
        {
            "type": "Feature",
            "properties": {"name": "булевард „Искър“"},
            "geometry": {
                "type": "MultiLineString",
                "coordinates": [
                    [[23.55, 42.33], [23.551, 42.331]],
                    [[23.556, 42.332], [23.558, 42.333], [23.560, 42.334]],
                ],
            },
        },
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
    ],
}


@pytest.fixture
def town():
    return Settlement.objects.create(
        name="Самоков", kind=Settlement.Kind.TOWN, latitude=42.337, longitude=23.5528
    )


def import_file(tmp_path, name: str, content: str, *args) -> tuple[str, str]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_streets", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_geojson_streets_are_imported_with_their_kind_and_a_point_on_them(tmp_path, town):
    out, err = import_file(tmp_path, "samokov.geojson", json.dumps(GEOJSON))

    street = Street.objects.get(name="Търговска")
    assert (street.kind, street.settlement, street.osm_id) == ("street", town, "way/123")
    assert (street.latitude, street.longitude) == (Decimal("42.337600"), Decimal("23.555800"))
    assert Street.objects.get(name="Захари Зограф").kind == Street.Kind.SQUARE
    iskar = Street.objects.get(name="Искър")
    assert iskar.kind == Street.Kind.BOULEVARD and iskar.longitude == Decimal("23.558000")
    assert "3 streets created" in out
    assert "обект 4: няма име" in err


def test_a_csv_with_a_bad_row_imports_the_others_and_reports_it(tmp_path, town):
    village = Settlement.objects.create(name="Белчин", latitude=42.3653, longitude=23.3847)
    csv = (
        "name,lat,lng,settlement\n"
        "ул. Македония,42.3362,23.5514,\n"
        "Църковна,42.3653,23.3847,Белчин\n"
        "Без координати,,23.5,\n"
    )

    out, err = import_file(tmp_path, "streets.csv", csv)

    assert Street.objects.get(name="Македония").settlement == town
    assert Street.objects.get(name="Църковна").settlement == village
    assert "ред 4: невалидни координати" in err
    assert "2 streets created, 0 updated, 1 rows skipped" in out


def test_importing_again_updates_the_streets(tmp_path, town):
    import_file(tmp_path, "a.csv", "name,lat,lng\nТърговска,42.3376,23.5558\n")
    out, _err = import_file(tmp_path, "a.csv", "name,lat,lng\nТърговска,42.3380,23.5560\n")

    assert Street.objects.get(name="Търговска").latitude == Decimal("42.338000")
    assert Street.objects.count() == 1
    assert "0 streets created, 1 updated" in out


def test_rows_outside_the_municipality_are_skipped(tmp_path, town):
    _out, err = import_file(tmp_path, "a.csv", "name,lat,lng\nДалечна,10,10\n")

    assert not Street.objects.exists()
    assert "извън общината" in err


def test_an_administrator_uploads_the_file_in_the_admin(admin_client, town):
    upload = SimpleUploadedFile("samokov.geojson", json.dumps(GEOJSON).encode())

    response = admin_client.post(
        "/admin/organization/street/import/", {"file": upload}, follow=True
    )

    assert response.status_code == 200
    assert Street.objects.filter(settlement=town).count() == 3
    assert "3 нови" in response.content.decode()


def test_a_municipality_administrator_may_upload_streets(client, town):
    client.force_login(staff(Role.ADMINISTRATOR))
    upload = SimpleUploadedFile("streets.csv", b"name,lat,lng\n\xd0\x90\xd0\xb7,42.33,23.55\n")

    response = client.post("/admin/organization/street/import/", {"file": upload})

    assert response.status_code == 302
    assert Street.objects.get().name == "Аз"


def test_other_staff_may_not_upload_streets(client, town):
    client.force_login(staff(Role.EDITOR))
    upload = SimpleUploadedFile("streets.csv", b"name,lat,lng\nX,42.33,23.55\n")

    response = client.post("/admin/organization/street/import/", {"file": upload})

    assert response.status_code == 403
    assert not Street.objects.exists()
