import pytest
from django.core import mail

from obshtina.organization.models import Settlement
from obshtina.reports.models import Report, RoutingRule
from obshtina.reports.services.errors import ReportError

from .factories import CategoryFactory, UnitFactory, submit_report

pytestmark = pytest.mark.django_db


def test_a_report_gets_a_registry_number_and_lands_in_the_categorys_unit():
    category = CategoryFactory()
    report = submit_report(category=category)
    assert report.number.startswith("С-")
    assert report.registry_number.item == report
    assert report.unit == category.unit
    assert report.status == Report.Status.NEW
    assert [event.kind for event in report.events.all()] == ["created"]


def test_a_rule_for_the_settlement_wins_over_the_municipality_rule():
    category = CategoryFactory()
    village = Settlement.objects.create(name="Говедарци", latitude=42.24, longitude=23.47)
    RoutingRule.objects.create(category=category, unit=UnitFactory())
    village_unit = UnitFactory()
    RoutingRule.objects.create(category=category, settlement=village, unit=village_unit)
    assert submit_report(category=category, settlement=village).unit == village_unit


def test_a_report_no_rule_covers_goes_to_the_contact_centre():
    centre = UnitFactory(is_contact_centre=True)
    report = submit_report(category=CategoryFactory(unit=None))
    assert report.unit == centre


def test_a_place_outside_the_municipality_is_refused():
    with pytest.raises(ReportError) as error:
        submit_report(latitude=42.6977, longitude=23.3219)  # Sofia
    assert "извън територията" in str(error.value)
    assert not Report.objects.exists()


def test_the_submitter_gets_the_number_and_a_private_link(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = submit_report(submitter_email="maria@example.bg", submitter_name="Мария")
    assert len(mail.outbox) == 1
    assert report.number in mail.outbox[0].subject
    assert report.access_token in mail.outbox[0].body
