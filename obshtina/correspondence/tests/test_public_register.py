"""The public register of answered ЗДОИ requests: a decision prepares a redacted draft,
nothing is public until an access officer publishes it, and a published page never
shows the requester."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.models import Correspondence, PublishedAnswer
from obshtina.correspondence.redaction import redact
from obshtina.correspondence.services import procedure

from .factories import UnitFactory
from .procedure_helpers import (
    GRANT_TERMS,
    access_officer,
    file_access_request,
    officer_of,
    private_media,
)

pytestmark = pytest.mark.django_db
__all__ = ["private_media"]  # fixtures

REQUESTER = "Гергана Стоянова Милчева"
EMAIL = "gergana.milcheva@example.bg"
PHONE = "0888 123 456"
ADDRESS = "гр. Самоков, ул. „Искър“ № 12"
EGN = "8001011234"


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def decided(unit, private_media):
    requester = UserFactory(email=EMAIL, first_name="Гергана", last_name="Милчева")
    item = file_access_request(
        author=requester,
        addressee=unit,
        subject="Договори за снегопочистване – искане от Гергана Милчева",
        sender_name=REQUESTER,
        sender_email=EMAIL,
        sender_phone=PHONE,
        sender_address=ADDRESS,
        access={
            "information_description": (
                f"Аз, {REQUESTER}, ЕГН {EGN}, живуща на {ADDRESS}, тел. {PHONE}, искам "
                "договорите за снегопочистване за 2025 г. Отговор на " + EMAIL + "."
            ),
            "access_form": "electronic",
        },
    )
    procedure.access_decide(
        item=item,
        actor=officer_of(unit),
        outcome="grant",
        text=(
            f"Уважаема г-жо Милчева, предоставяме договор № 12/2025 с изпълнител „Пътстрой“ "
            f"ЕООД на стойност 120 000 лв. Копие е изпратено на {EMAIL}."
        ),
        **GRANT_TERMS,
    )
    return item


PERSONAL = [REQUESTER, "Гергана", "Милчева", "Стоянова", EMAIL, PHONE, "Искър", EGN]


def test_a_decision_prepares_a_redacted_draft_that_is_not_public(client, decided):
    entry = PublishedAnswer.objects.get(correspondence=decided)
    assert entry.status == PublishedAnswer.Status.DRAFT
    texts = f"{entry.subject} {entry.request_text} {entry.decision_text}"
    assert not [value for value in PERSONAL if value in texts], texts
    assert "договорите за снегопочистване за 2025 г." in entry.request_text
    assert "договор № 12/2025" in entry.decision_text and "120 000 лв." in entry.decision_text
    for marker in ("[име]", "[ЕГН]", "[адрес]", "[телефон]", "[имейл]"):
        assert marker in texts, marker
    assert decided.number not in client.get(reverse("correspondence:register")).text
    entry_url = reverse("correspondence:register_entry", args=[decided.number])
    assert client.get(entry_url).status_code == 404


def publish(client, item: Correspondence, **changes):
    officer = access_officer()
    client.force_login(officer)
    entry = PublishedAnswer.objects.get(correspondence=item)
    data = {
        "subject": entry.subject,
        "request_text": entry.request_text,
        "decision_text": entry.decision_text,
        "action": "publish",
        **changes,
    }
    response = client.post(reverse("correspondence:publication", args=[item.number]), data)
    client.logout()
    return response


def test_a_published_answer_shows_no_trace_of_the_requester_anywhere(client, decided):
    assert (
        publish(client, decided, decision_text="Предоставен е договор № 12/2025.").status_code
        == 302
    )
    pages = [
        reverse("correspondence:register"),
        reverse("correspondence:register_entry", args=[decided.number]),
        reverse("correspondence:register_feed"),
        reverse("correspondence:register") + "?q=снегопочистване",
    ]
    for path in pages:
        body = client.get(path).content.decode()
        assert decided.number in body, path
        assert not [value for value in PERSONAL if value in body], path
    entry_page = client.get(pages[1]).text
    assert "Предоставен е договор № 12/2025." in entry_page


def test_the_register_is_searched_by_words_of_the_request_and_decision(client, decided):
    publish(client, decided)
    found = client.get(reverse("correspondence:register"), {"q": "СНЕГОПОЧИСТВАНЕ 2025"}).text
    assert decided.number in found
    missing = client.get(reverse("correspondence:register"), {"q": "паркинг"}).text
    assert decided.number not in missing and "Няма публикуван отговор" in missing


def test_the_feed_is_atom_with_the_newest_answers(client, decided):
    publish(client, decided)
    feed = client.get(reverse("correspondence:register_feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert decided.number in feed.content.decode()


def test_only_access_officers_and_administrators_publish(client, decided, unit):
    client.force_login(officer_of(unit))
    response = client.post(
        reverse("correspondence:publication", args=[decided.number]), {"action": "publish"}
    )
    assert response.status_code == 403
    assert PublishedAnswer.objects.get().status == PublishedAnswer.Status.DRAFT


def test_a_withdrawn_answer_leaves_the_register(client, decided):
    publish(client, decided)
    client.force_login(access_officer())
    client.post(
        reverse("correspondence:publication", args=[decided.number]), {"action": "withdraw"}
    )
    client.logout()
    entry_url = reverse("correspondence:register_entry", args=[decided.number])
    assert client.get(entry_url).status_code == 404


def test_an_empty_text_is_refused_with_the_field_named(client, decided):
    response = publish(client, decided, decision_text="  ")
    assert response.status_code == 400
    assert "не може да е празно" in response.text
    assert PublishedAnswer.objects.get().status == PublishedAnswer.Status.DRAFT


def test_the_yearly_report_is_public_without_the_staff_download(client, decided):
    page = client.get(reverse("correspondence:register_yearly"))
    assert page.status_code == 200
    assert "отчет за" in page.text
    assert reverse("correspondence:yearly_report_csv") not in page.text


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Обадете се на +359 88 765 4321 или (0722) 6 60 00.", "Обадете се на", "765"),
        ("ЕГН 7501011234, ЛНЧ не.", "ЛНЧ не", "7501011234"),
        ("Живея на бул. „Христо Ботев“ № 5, бл. 3, вх. А, ап. 7.", "Живея на", "Ботев"),
        ("Пишете на ivan.petrov+zdoi@abv.bg.", "Пишете на", "abv.bg"),
        ("Г-н Милчев и Гергана Милчеви подписаха.", "подписаха", "Милчев"),
        ("Бюджет 2025: 1 200 000 лв. за 12 улици.", "1 200 000 лв. за 12 улици", "[телефон]"),
    ],
)
def test_the_rules_take_out_what_has_a_shape_and_keep_the_rest(decided, text, kept, gone):
    redacted = redact(text, decided)
    assert kept in redacted
    assert gone not in redacted
