"""Every staff page that shows a citizen's private item, its files or their contact
data writes who, when, what, how and from where — tested through the real URLs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from obshtina.audit.models import AccessRecord
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.tests.citizen_helpers import pdf_upload, private_media
from obshtina.correspondence.tests.desk_helpers import officer_of
from obshtina.correspondence.tests.factories import file_document
from obshtina.infodesk.services.calls import call_log_record
from obshtina.infodesk.tests.questions_factories import ask
from obshtina.notifications.tests.factories import NotificationFactory
from obshtina.organization.models import Role
from obshtina.organization.tests.factories import staff
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday
from obshtina.reports.tests.factories import submit_report

from .helpers import UnitFactory, UserFactory, member, only_record, records

pytestmark = pytest.mark.django_db
__all__ = ["private_media"]

What, How = AccessRecord.What, AccessRecord.How


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Екология“")


@pytest.fixture
def officer(unit):
    return officer_of(unit, first_name="Петя", last_name="Служителева")


@pytest.fixture
def citizen():
    return UserFactory(first_name="Мария", last_name="Иванова", email="maria@example.bg")


@pytest.fixture
def letter(unit, citizen, private_media):
    return file_document(
        author=citizen, addressee=unit, attachments=[(pdf_upload(), "application/pdf")]
    )


def test_opening_a_letter_s_desk_page_records_who_what_and_from_where(
    client, officer, letter, citizen, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client.force_login(officer)

    response = client.get(
        reverse("correspondence:manage", args=[letter.number]), HTTP_X_FORWARDED_FOR="203.0.113.9"
    )

    assert response.status_code == 200
    record = only_record()
    assert (record.staff, record.staff_name, record.staff_email) == (
        officer,
        "Петя Служителева",
        officer.email,
    )
    assert record.staff_roles == "служител, Отдел „Екология“"
    assert (record.what, record.how, record.item_kind) == (What.ITEM, How.PAGE, "letter")
    assert (record.registry_number, record.citizen) == (letter.number, citizen)
    assert record.client_address == "203.0.113.9"
    assert timezone.now() - record.accessed_at < timedelta(minutes=1)


def test_downloading_a_letter_s_file_records_the_file(client, officer, letter):
    client.force_login(officer)
    attachment = letter.attachments.get()

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 200
    record = only_record()
    assert (record.what, record.how, record.file_name) == (What.FILE, How.FILE, "молба.pdf")
    assert record.registry_number == letter.number


def test_an_access_request_opened_by_the_access_officer_is_recorded(client, unit, citizen):
    request = file_document(author=citizen, addressee=unit, kind=Correspondence.Kind.ACCESS_REQUEST)
    client.force_login(staff(Role.ACCESS_OFFICER))

    client.get(reverse("correspondence:manage", args=[request.number]))

    record = only_record()
    assert (record.item_kind, record.registry_number) == ("access_request", request.number)
    assert record.staff_roles == "служител по достъп до обществена информация"


def test_staff_reading_a_letter_on_its_own_page_is_recorded(client, letter):
    client.force_login(staff(Role.REGISTRY_CLERK))
    assert client.get(letter.get_absolute_url()).status_code == 200
    assert only_record().registry_number == letter.number


def test_the_sender_reading_their_own_letter_and_file_adds_nothing(client, letter, citizen):
    client.force_login(citizen)
    assert client.get(letter.get_absolute_url()).status_code == 200
    assert client.get(letter.attachments.get().get_absolute_url()).status_code == 200
    assert records() == []


def test_a_queue_that_shows_no_contact_data_adds_nothing(client, officer, letter):
    client.force_login(officer)
    page = client.get(reverse("casework:workspace")).content.decode()
    assert letter.number in page
    assert records() == []


def test_opening_a_report_s_staff_page_records_it(client, unit, citizen):
    from obshtina.reports.tests.factories import CategoryFactory

    report = submit_report(
        category=CategoryFactory(unit=unit), author=citizen, submitter_email=citizen.email
    )
    client.force_login(member(unit))

    assert client.get(reverse("reports:manage", args=[report.number])).status_code == 200

    record = only_record()
    assert (record.item_kind, record.registry_number, record.citizen) == (
        "report",
        report.number,
        citizen,
    )


def test_opening_a_question_s_staff_page_records_it(client):
    question = ask(asker_name="Мария Тайнова", asker_email="maria.tainova@example.bg")
    client.force_login(member(question.unit))

    assert (
        client.get(reverse("infodesk:question_manage", args=[question.number])).status_code == 200
    )

    assert (only_record().item_kind, only_record().registry_number) == ("question", question.number)


def test_each_item_the_console_finds_for_a_caller_is_recorded(client):
    first = submit_report(submitter_phone="+359888123456")
    second = ask(asker_name="Иван", asker_phone="0888 123 456")
    submit_report(submitter_phone="+359888999999")  # another caller's
    client.force_login(staff(Role.OPERATOR))

    response = client.get(reverse("infodesk:console_caller"), {"phone": "0888 123 456"})

    assert response.status_code == 200
    assert {(r.registry_number, r.what) for r in records()} == {
        (first.number, What.CONTACTS),
        (second.number, What.CONTACTS),
    }


def test_the_call_log_records_the_callers_it_shows(client):
    operator = staff(Role.OPERATOR)
    call = call_log_record(
        operator=operator, topic="Сметосъбиране", outcome="answered", caller_phone="0888123456"
    )
    call_log_record(operator=operator, topic="Без данни за контакт", outcome="answered")
    client.force_login(operator)

    response = client.get(
        reverse("infodesk:console_calls"), {"date": timezone.localdate(call.started_at).isoformat()}
    )

    assert response.status_code == 200
    record = only_record()
    assert (record.item_kind, record.object_id, record.what) == ("call", call.pk, What.CONTACTS)


def test_opening_a_meeting_s_staff_page_records_it(client, citizen):
    official = UserFactory(second_factor=True)
    meeting = book(
        ScheduleFactory(officials=[official]), at(next_weekday(0), "09:00"), author=citizen
    )
    client.force_login(official)

    assert client.get(reverse("reception:manage", args=[meeting.number])).status_code == 200

    record = only_record()
    assert (record.item_kind, record.registry_number, record.citizen) == (
        "appointment",
        meeting.number,
        citizen,
    )


def test_the_citizen_opening_their_own_meeting_adds_nothing(client, citizen):
    meeting = book(ScheduleFactory(), at(next_weekday(0), "09:00"), author=citizen)
    client.force_login(citizen)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert records() == []


def test_the_accounts_found_when_booking_for_a_caller_are_recorded(client, citizen):
    schedule = ScheduleFactory()
    client.force_login(staff(Role.OPERATOR))

    response = client.get(
        reverse("reception:book"), {"schedule": schedule.pk, "email": citizen.email}
    )

    assert citizen.email in response.content.decode()
    record = only_record()
    assert (record.item_kind, record.citizen, record.what) == ("account", citizen, What.CONTACTS)


def test_the_outbox_records_each_recipient_it_lists_and_each_message_opened(client, citizen):
    sent = NotificationFactory(to_email=citizen.email, user=citizen)
    client.force_login(staff(Role.OPERATOR))

    client.get(reverse("notifications:outbox"))
    client.get(reverse("notifications:detail", args=[sent.pk]))

    assert [(r.item_kind, r.what, r.citizen) for r in records()] == [
        ("notification", What.CONTACTS, citizen),
        ("notification", What.ITEM, citizen),
    ]


def test_an_administrator_opening_a_letter_in_the_admin_is_recorded(client, letter):
    admin = UserFactory(is_staff=True, is_superuser=True, second_factor=True)
    client.force_login(admin)

    response = client.get(reverse("admin:correspondence_correspondence_change", args=[letter.pk]))

    assert response.status_code == 200
    record = only_record()
    assert (record.staff, record.registry_number, record.staff_roles) == (
        admin,
        letter.number,
        "администратор",
    )
