"""The unit's officials hear of a new question (never who asked or what); the asker's
e-mails are in the language of their account."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question
from obshtina.infodesk.services.questions import question_answer
from obshtina.notifications.models import Notification, WorkNotice
from obshtina.notifications.officials import work_digest_send
from obshtina.organization.tests.factories import UnitFactory

from .questions_factories import EMAIL, NAME, PHONE, TEXT, TopicFactory, ask, officer_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „ГРАО“")


@pytest.fixture
def topic(unit):
    return TopicFactory(name="Адресна регистрация", unit=unit)


def notices_to(user):
    return Notification.objects.filter(user=user, template="work_notice", channel="email")


def test_the_units_officials_are_emailed_when_a_question_is_asked(client, unit, topic):
    officer = officer_of(unit)
    officer_of(UnitFactory())  # another unit's

    client.post(
        reverse("infodesk:ask"),
        {"topic": topic.pk, "text": TEXT, "name": NAME, "email": EMAIL, "phone": PHONE},
    )

    notice = notices_to(officer).get()
    assert Notification.objects.filter(template="work_notice").count() == 1
    number = Question.objects.get().number
    assert notice.subject == f"Ново за звеното ви: въпрос {number}"
    assert reverse("infodesk:question_manage", kwargs={"number": number}) in notice.text_body
    assert "Адресна регистрация" in notice.text_body and "Отдел „ГРАО“" in notice.text_body
    for private in ("Тайнова", "maria.tainova", "765 432", "ул. Тайна"):
        assert private not in notice.text_body + notice.html_body + notice.subject


def test_an_official_on_the_digest_reads_the_question_number_in_the_morning(unit, topic):
    officer = officer_of(unit)
    officer.work_notices = "digest"
    officer.save(update_fields=["work_notices"])

    question = ask(topic=topic)

    assert WorkNotice.objects.get(user=officer).number == question.number
    work_digest_send()
    digest = Notification.objects.get(user=officer, template="work_digest")
    assert question.number in digest.text_body


def test_an_asker_with_an_account_in_english_gets_english_emails(unit, topic):
    asker = UserFactory(language="en")

    question = ask(topic=topic, author=asker, asker_email=asker.email)
    question_answer(question=question, actor=officer_of(unit), answer="С лична карта.")

    languages = Notification.objects.filter(to_email=asker.email).values_list("language", flat=True)
    assert list(languages) == ["en", "en"]


def test_an_asker_without_an_account_gets_bulgarian_emails(topic):
    ask(topic=topic, asker_email=EMAIL)

    assert Notification.objects.get(to_email=EMAIL).language == "bg"
