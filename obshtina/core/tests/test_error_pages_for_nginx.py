"""The pages nginx answers with itself (413 for a body too big, 503 while the app is
down): written by ``manage.py error_pages`` in every format, and the ones nginx.conf uses."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from obshtina.organization.selectors import current_municipality

pytestmark = pytest.mark.django_db

NGINX_CONF = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"


@pytest.fixture
def pages(tmp_path) -> Path:
    municipality = current_municipality()
    municipality.name, municipality.contact_phone = "Община Тестово", "0800 11 22"
    municipality.save()
    call_command("error_pages", directory=tmp_path)
    return tmp_path


def test_the_413_page_is_bulgarian_names_the_limits_and_the_phone(pages):
    page = (pages / "413.html").read_text(encoding="utf-8")
    assert '<html lang="bg">' in page
    assert "Изпратените файлове са твърде големи" in page
    assert "всяка до 10 MB" in page
    assert "Община Тестово" in page
    assert 'href="tel:08001122"' in page
    assert "<script" not in page and "style=" not in page


def test_the_503_page_says_to_try_again(pages):
    page = (pages / "503.html").read_text(encoding="utf-8")
    assert "Услугата временно не е достъпна" in page


def test_the_apis_get_their_own_formats(pages):
    assert json.loads((pages / "413.api.json").read_bytes())["code"] == "too_large"
    assert json.loads((pages / "503.open311.json").read_bytes())[0]["code"] == 503
    root = ET.fromstring((pages / "413.open311.xml").read_bytes())
    assert root.tag == "errors" and root.findtext("error/code") == "413"


def test_every_page_nginx_conf_names_is_written(pages):
    conf = NGINX_CONF.read_text()
    formats = re.findall(
        r"^\s+\S+\s+([\w.]+);$", conf.split("map $uri $error_format {")[1].split("}")[0], re.M
    )
    targets = re.findall(r"error_page [\d =]+ /static/errors/(\S+);", conf)
    assert len(formats) == 4 and len(targets) == 2
    for target in targets:
        for fmt in formats:
            assert (pages / target.replace("$error_format", fmt)).exists(), target
