"""Officers hear when a document reaches them: filed or routed to their unit, assigned to
them, or an access request clarified by its requester; the sender's e-mails are in the
sender's language."""

from datetime import date

import pytest

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services import procedure
from obshtina.correspondence.services.desk import correspondence_assign, correspondence_route
from obshtina.notifications.models import Notification

from .desk_helpers import manage_url, officer_of, registry_clerk
from .factories import UnitFactory, UserFactory, file_document
from .procedure_helpers import awaiting, item, officer, requester, today, unit

pytestmark = pytest.mark.django_db
__all__ = ["awaiting", "item", "officer", "requester", "today", "unit"]  # fixtures


def notices_to(user):
    return Notification.objects.filter(
        user=user, template="work_notice", channel=Notification.Channel.EMAIL
    )


def test_the_addressee_units_officers_are_emailed_when_a_letter_is_filed():
    roads = UnitFactory(name="Отдел „Пътища“")
    officer = officer_of(roads)

    letter = file_document(addressee=roads, sender_name="Мария Тайнова")

    notice = notices_to(officer).get()
    assert notice.subject == f"Ново за звеното ви: писмо {letter.number}"
    assert manage_url(letter) in notice.text_body
    assert "Ремонт на улица" in notice.text_body  # the subject
    assert "Тайнова" not in notice.text_body
    assert "ул. „Рила“" not in notice.text_body  # the text stays behind the login
    assert "PENDING" not in notice.text_body


def test_routing_tells_the_new_units_officers():
    letter = file_document()
    roads = UnitFactory(name="Отдел „Пътища“")
    engineer = officer_of(roads)

    correspondence_route(item=letter, actor=registry_clerk(), unit=roads)

    notice = notices_to(engineer).get()
    assert "Отдел „Пътища“" in notice.text_body
    assert letter.number in notice.subject


def test_routing_to_a_named_officer_tells_only_that_officer():
    letter = file_document()
    roads = UnitFactory()
    engineer, colleague = officer_of(roads), officer_of(roads)

    correspondence_route(item=letter, actor=registry_clerk(), unit=roads, assignee=engineer)

    assert notices_to(engineer).get().subject.startswith("Възложено на вас")
    assert not notices_to(colleague).exists()


def test_assigning_tells_the_assignee_in_their_language():
    roads = UnitFactory()
    head, engineer = officer_of(roads, is_head=True), officer_of(roads, language="en")
    letter = file_document(addressee=roads)
    filed = {user.pk: notices_to(user).count() for user in (head, engineer)}

    correspondence_assign(item=letter, actor=head, assignee=engineer)

    assigned = notices_to(engineer).order_by("-pk")[0]
    assert notices_to(engineer).count() == filed[engineer.pk] + 1
    assert assigned.language == "en"
    assert assigned.subject.startswith("Assigned to you")
    assert notices_to(head).count() == filed[head.pk]  # who assigns is not told


def test_a_clarified_request_is_told_to_its_assignee(awaiting, requester, unit, officer, today):
    assignee = officer_of(unit)
    Correspondence.objects.filter(pk=awaiting.pk).update(assigned_to=assignee)
    Notification.objects.all().delete()
    today(date(2026, 9, 1))

    procedure.access_clarify(item=awaiting, author=requester, text="За 2025 г.")

    notice = notices_to(assignee).get()
    assert notice.subject == (
        f"Уточнено от заявителя: заявление за достъп до обществена информация {awaiting.number}"
    )
    assert "За 2025 г." not in notice.text_body
    assert not notices_to(officer).exists()


def test_a_clarified_request_without_an_assignee_is_told_to_the_unit(
    awaiting, requester, officer, today
):
    Notification.objects.all().delete()
    today(date(2026, 9, 1))

    procedure.access_clarify(item=awaiting, author=requester, text="За 2025 г.")

    assert notices_to(officer).count() == 1


def test_a_sender_in_english_gets_english_emails():
    sender = UserFactory(language="en")

    letter = file_document(author=sender)

    email = Notification.objects.get(to_email=sender.email)
    assert email.language == "en"
    assert email.subject == f"Your document has been registered under number {letter.number}"
