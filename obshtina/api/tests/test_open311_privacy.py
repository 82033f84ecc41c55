"""Personal data never leaves through Open311: the submitter's name, e-mail, phone and
private link stay out of every GET answer, whichever channel the report came by."""

import pytest
from django.core.cache import cache

from obshtina.api.models import Open311Token
from obshtina.reports.models import Report
from obshtina.reports.services.workflow import report_add_note, report_assign
from obshtina.reports.tests.factories import submit_report
from obshtina.reports.tests.staff_helpers import officer_of

from .open311_helpers import FORMATS, get, post_request, read

pytestmark = pytest.mark.django_db

FIRST, LAST = "Мариана", "Тайнова"
EMAIL = "mariana.tainova@example.bg"
PHONE = "0888765432"


@pytest.fixture
def reports(client):
    cache.clear()
    post_request(client, "json", first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE)
    submit_report(submitter_name=f"{FIRST} {LAST}", submitter_email=EMAIL, submitter_phone=PHONE)
    return list(Report.objects.all())


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_get_answer_carries_the_submitters_data(client, fmt, reports):
    token = Open311Token.objects.get().token
    paths = [
        "discovery",
        "services",
        f"services/{reports[0].category.slug}",
        "requests",
        *(f"requests/{report.number}" for report in reports),
        f"tokens/{token}",
    ]
    secrets = [FIRST, LAST, EMAIL, PHONE, *(report.access_token for report in reports)]
    for path in paths:
        for extensions in ("false", "true"):
            body = get(client, path, fmt, extensions=extensions).content.decode()
            assert not [secret for secret in secrets if secret in body], (path, extensions)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_extended_timeline_has_no_internal_note_and_no_official(client, fmt, reports):
    report = reports[0]
    officer = officer_of(report.unit, first_name="Стоян", last_name="Служебнов")
    report_assign(report=report, actor=officer, assignee=officer)
    report_add_note(report=report, actor=officer, note="Вътрешно: да се провери утре")
    body = get(client, f"requests/{report.number}", fmt, extensions="true").content.decode()
    assert "Вътрешно" not in body
    assert "Служебнов" not in body and officer.email not in body


def test_a_request_has_no_field_about_the_submitter(client, reports):
    for request in read(get(client, "requests", "json"), "service_requests"):
        assert not {"email", "first_name", "last_name", "phone", "account_id"} & set(request)
