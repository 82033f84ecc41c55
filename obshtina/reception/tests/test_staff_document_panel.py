"""The official opens the document the citizen named: the platform's registry entry,
its item, and what the external document system (e.g. АКСТЪР ОФИС) knows."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import StaffUserFactory, UserFactory
from obshtina.registry.connectors import DocumentSystemConnector
from obshtina.reports.tests.factories import submit_report

from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


class AkstarOfficeStub(DocumentSystemConnector):
    """What a connector to АКСТЪР ОФИС would return for a number it knows."""

    def lookup(self, number):
        if number.endswith("000777") or number.startswith("С-"):
            return {"Статус в АКСТЪР ОФИС": "В процедура", "Отговорник": "отдел „ТСУ“"}
        return None


class BrokenConnector(DocumentSystemConnector):
    def lookup(self, number):
        raise TimeoutError


@pytest.fixture
def official():
    return UserFactory(second_factor=True)


@pytest.fixture
def schedule(official):
    return ScheduleFactory(officials=[official])


def page_of(client, official, meeting):
    client.force_login(official)
    response = client.get(reverse("reception:manage", args=[meeting.number]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_report_s_number_shows_its_registry_entry_and_links_to_it(client, official, schedule):
    report = submit_report()
    meeting = book(schedule, at(next_weekday(0), "09:00"), document_number=report.number.lower())

    page = page_of(client, official, meeting)

    assert report.number in page
    assert str(report.category) in page
    assert f'href="{report.get_absolute_url()}"' in page


def test_a_staff_member_also_gets_the_registry_page(client, schedule):
    report = submit_report()
    meeting = book(schedule, at(next_weekday(0), "09:00"), document_number=report.number)
    clerk = StaffUserFactory(role="reception_admin")

    page = page_of(client, clerk, meeting)

    assert f'href="{reverse("registry:detail", args=[report.number])}"' in page


def test_the_external_systems_data_is_shown(client, official, schedule, settings):
    settings.REGISTRY_CONNECTOR = f"{__name__}.AkstarOfficeStub"
    report = submit_report()
    meeting = book(schedule, at(next_weekday(0), "09:00"), document_number=report.number)

    page = page_of(client, official, meeting)

    assert "Във външната деловодна система" in page
    assert "Статус в АКСТЪР ОФИС" in page and "В процедура" in page


def test_a_number_only_the_external_system_knows_shows_its_data(
    client, official, schedule, settings
):
    settings.REGISTRY_CONNECTOR = f"{__name__}.AkstarOfficeStub"
    meeting = book(schedule, at(next_weekday(0), "09:00"), document_number="94-00-000777")

    page = page_of(client, official, meeting)

    assert "няма такъв номер в регистъра" in page.lower()
    assert "В процедура" in page


def test_an_unknown_number_says_so(client, official, schedule):
    meeting = book(schedule, at(next_weekday(0), "09:00"), document_number="С-2026-999999")

    page = page_of(client, official, meeting)

    assert "няма такъв номер в регистъра" in page.lower()


def test_a_failing_external_system_does_not_break_the_page(client, official, schedule, settings):
    settings.REGISTRY_CONNECTOR = f"{__name__}.BrokenConnector"
    report = submit_report()
    meeting = book(schedule, at(next_weekday(0), "09:00"), document_number=report.number)

    page = page_of(client, official, meeting)

    assert report.number in page
    assert "Във външната деловодна система" not in page


def test_other_meetings_about_the_same_document_are_listed(client, official, schedule):
    report = submit_report()
    first = book(schedule, at(next_weekday(0), "09:00"), document_number=report.number)
    second = book(schedule, at(next_weekday(0), "10:00"), document_number=report.number)

    page = page_of(client, official, second)

    assert "Други срещи по този документ" in page
    assert first.number in page


def test_without_a_document_number_there_is_no_document_panel(client, official, schedule):
    meeting = book(schedule, at(next_weekday(0), "09:00"))

    page = page_of(client, official, meeting)

    assert "няма такъв номер" not in page.lower()
    assert 'id="document-title"' not in page


def test_a_letter_the_official_may_not_open_keeps_its_subject_hidden(client, official, schedule):
    from obshtina.correspondence.tests.factories import file_document

    letter = file_document(subject="Жалба срещу съседа Петър Петров")
    meeting = book(schedule, at(next_weekday(0), "09:00"), document_number=letter.number)

    page = page_of(client, official, meeting)

    assert letter.number in page  # what the citizen typed
    assert "Жалба срещу съседа" not in page
