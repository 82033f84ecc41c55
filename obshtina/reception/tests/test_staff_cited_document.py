"""The official of a meeting reads the document its citizen cited: read only, recorded."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.audit.models import AccessRecord
from obshtina.correspondence.models import Correspondence, CorrespondenceEvent
from obshtina.correspondence.tests.citizen_helpers import pdf_upload
from obshtina.correspondence.tests.factories import file_document

from .factories import ScheduleFactory, at, book, next_weekday

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


@pytest.fixture
def official():
    return UserFactory(second_factor=True)


@pytest.fixture
def citizen():
    return UserFactory()


@pytest.fixture
def letter(citizen):
    return file_document(
        author=citizen,
        kind=Correspondence.Kind.ACCESS_REQUEST,
        subject="Договори за снегопочистване",
        attachments=[(pdf_upload("искане.pdf"), "application/pdf")],
    )


def meeting_citing(number, *, official, author):
    schedule = ScheduleFactory(officials=[official])
    return book(schedule, at(next_weekday(1), "10:00"), author=author, document_number=number)


def manage_page(client, meeting) -> str:
    return client.get(reverse("reception:manage", args=[meeting.number])).text


def test_the_official_reads_the_citizens_own_document_and_its_file(
    client, official, citizen, letter
):
    meeting = meeting_citing(letter.number, official=official, author=citizen)
    client.force_login(official)
    # The letter is another unit's: the desk's own page stays closed to the official.
    assert client.get(letter.get_absolute_url()).status_code == 404

    link = reverse("reception:cited_document", args=[meeting.number])
    assert f'href="{link}"' in manage_page(client, meeting)
    page = client.get(link)
    assert page.status_code == 200
    assert "Договори за снегопочистване" in page.text
    assert "искане.pdf" in page.text
    (attachment,) = letter.attachments.all()
    download = client.get(
        reverse("reception:cited_document_file", args=[meeting.number, attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    (reading,) = letter.events.filter(kind=CorrespondenceEvent.Kind.READ_FOR_MEETING)
    assert reading.actor == official
    assert meeting.number in reading.message
    assert reading.visible_to_sender  # the citizen sees in the history who read it, and why
    recorded = AccessRecord.objects.filter(registry_number=letter.number)
    assert set(recorded.values_list("what", flat=True)) == {
        AccessRecord.What.ITEM,
        AccessRecord.What.FILE,
    }


def test_another_citizens_document_stays_closed_and_the_panel_says_why(
    client, official, citizen, letter
):
    meeting = meeting_citing(letter.number, official=official, author=UserFactory())
    client.force_login(official)
    page = manage_page(client, meeting)
    assert "не е подаден от гражданина на срещата" in page
    assert "Договори за снегопочистване" not in page
    assert client.get(reverse("reception:cited_document", args=[meeting.number])).status_code == 404
    assert not letter.events.filter(kind=CorrespondenceEvent.Kind.READ_FOR_MEETING).exists()


def test_an_official_of_another_schedule_cannot_read_it(client, official, citizen, letter):
    meeting = meeting_citing(letter.number, official=official, author=citizen)
    client.force_login(UserFactory(second_factor=True))
    assert client.get(reverse("reception:cited_document", args=[meeting.number])).status_code in (
        403,
        404,
    )
    assert not letter.events.filter(kind=CorrespondenceEvent.Kind.READ_FOR_MEETING).exists()


def test_reading_it_again_adds_no_second_entry_to_the_history(client, official, citizen, letter):
    meeting = meeting_citing(letter.number, official=official, author=citizen)
    client.force_login(official)
    link = reverse("reception:cited_document", args=[meeting.number])
    client.get(link)
    client.get(link)
    kind = CorrespondenceEvent.Kind.READ_FOR_MEETING
    assert letter.events.filter(kind=kind).count() == 1
