"""The access-to-information procedure end to end: a citizen registers and files a
request with an attachment; an officer asks for clarification; the citizen
clarifies; the officer grants partial access with a document."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from obshtina.accounts.tests.factories import PASSWORD, StaffUserFactory
from obshtina.core.tests.documents import pdf_bytes
from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services import deadlines

from .accounts import confirm_email, log_in, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = re.compile(r"ЗДОИ-\d{4}-\d{6}")
PDF = pdf_bytes()


@pytest.fixture(autouse=True)
def demo_data():
    call_command("load_demo_data", verbosity=0)


def mails_about(number: str) -> list[str]:
    return [message.subject for message in mail.outbox if number in message.subject]


def test_a_request_for_public_information_goes_through_the_procedure(
    browser, live_server, page, assert_accessible, settings
):
    settings.SITE_URL = live_server.url
    sign_up(page, email="zhurnalist@example.bg", password="Planina-Rila-2026")
    confirm_email(page)
    log_in(page, email="zhurnalist@example.bg", password="Planina-Rila-2026")

    page.goto("/documents/new/")
    assert_accessible(page)
    page.get_by_label("заявление за достъп до обществена информация").check()
    page.get_by_label("Относно").fill("Договори за снегопочистване")
    page.get_by_label(re.compile(r"^Текст:?$")).fill("Моля за достъп до договорите.")
    page.get_by_label("Описание на исканата информация").fill("Договорите за 2025 г.")
    page.get_by_label(re.compile("по имейл")).check()
    page.get_by_label(re.compile("Адрес за кореспонденция")).fill("гр. Самоков, ул. „Рила“ 1")
    page.get_by_label("Прикачени файлове").set_input_files(
        files=[{"name": "zayavlenie.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Подай документа").click()
    page.wait_for_load_state()
    match = NUMBER.search(page.locator("main").inner_text())
    assert match, page.locator(".errorlist").all_inner_texts()
    number = match.group(0)
    assert_accessible(page)
    assert mails_about(number), "the registration e-mail with the number was not sent"
    item = Correspondence.objects.get(number=number)
    assert item.attachments.count() == 1
    registered_on = item.registered_at.date()

    officer = StaffUserFactory(email="zdoi@samokov.bg", role="access_officer")
    desk = browser.new_context(base_url=live_server.url).new_page()
    log_in(desk, email=officer.email, password=PASSWORD)
    desk.goto(f"/documents/desk/{number}/")
    assert_accessible(desk)
    desk.locator("summary", has_text="Уведомление за уточняване").click()
    form = desk.locator("#action-access_clarification")
    form.get_by_label("Какво трябва да уточни заявителят").fill("Посочете кои договори.")
    form.locator("button[type=submit]:not([name]):not([hidden])").click()
    desk.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == Correspondence.Status.AWAITING_CLARIFICATION

    page.goto(item.get_absolute_url())
    assert page.get_by_text("Посочете кои договори.").first.is_visible()
    page.get_by_label("Уточнение на заявлението").fill("Договорите с фирма „Снежанка“ ООД.")
    page.get_by_role("button", name="Изпрати уточнението").click()
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == Correspondence.Status.IN_REVIEW
    clarified_on = item.access_request.clarified_on
    assert item.due_at == deadlines.add_days(clarified_on, 14)  # the 14 days restart
    assert item.due_at >= deadlines.add_days(registered_on, 14)

    desk.goto(f"/documents/desk/{number}/")
    desk.locator("summary", has_text="Решение по заявлението").click()
    form = desk.locator("#action-access_decide")
    form.get_by_label("частичен достъп").check()
    form.get_by_label("Място на достъп").fill("Центъра за административно обслужване")
    form.get_by_label("Разходи").fill("без разходи")
    form.get_by_label(re.compile("Правно основание за отказ")).select_option(index=1)
    form.get_by_label(re.compile("Текст на решението")).fill("Предоставя се частичен достъп.")
    form.locator("input[type=file]").set_input_files(
        files=[{"name": "reshenie.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    form.locator("button[type=submit]:not([name]):not([hidden])").click()
    desk.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == Correspondence.Status.PARTIALLY_GRANTED, desk.locator("main").inner_text()
    desk.context.close()

    page.goto(item.get_absolute_url())
    main = page.locator("main").inner_text()
    assert "Предоставя се частичен достъп." in main
    assert "reshenie.pdf" in main
    assert_accessible(page)
    # The requester was told of each step the municipality took: registration,
    # the notice to clarify, the decision (their own clarification needs no e-mail).
    bodies = [
        message.body
        for message in mail.outbox
        if number in message.subject and message.to == ["zhurnalist@example.bg"]
    ]
    assert len(bodies) == 3
    assert "уведомление за уточняване" in bodies[1]
    assert "решение за частичен достъп" in bodies[2]


def test_a_published_zdoi_answer_shows_no_trace_of_the_requester(page, assert_accessible):
    """An access officer publishes the redacted answer; the public page and the register
    show the request and the decision, and nothing of who asked."""
    from obshtina.accounts.tests.factories import UserFactory
    from obshtina.correspondence.models import PublishedAnswer
    from obshtina.correspondence.services import procedure
    from obshtina.correspondence.services.publication import publication_publish
    from obshtina.correspondence.tests.factories import UnitFactory, file_document
    from obshtina.correspondence.tests.procedure_helpers import GRANT_TERMS, access_officer
    from obshtina.organization.tests.factories import officer_of

    unit = UnitFactory()
    requester = UserFactory(email="teodora.kirova@example.bg")
    item = file_document(
        kind="access_request",
        author=requester,
        addressee=unit,
        subject="Разходи за осветление",
        sender_name="Теодора Кирова",
        sender_phone="0887 111 222",
        access={
            "information_description": "Аз, Теодора Кирова, тел. 0887 111 222, искам разходите "
            "за улично осветление през 2025 г.",
            "access_form": "electronic",
        },
    )
    procedure.access_decide(
        item=item,
        actor=officer_of(unit),
        outcome="grant",
        text="Разходите за 2025 г. са 84 000 лв.",
        **GRANT_TERMS,
    )
    publication_publish(entry=PublishedAnswer.objects.get(), actor=access_officer())

    page.goto("/documents/register/")
    page.get_by_role("link", name="Разходи за осветление").click()
    body = page.locator("main").inner_text()
    assert "84 000 лв." in body and "улично осветление" in body
    for trace in ("Теодора", "Кирова", "0887", "teodora.kirova"):
        assert trace not in page.content(), trace
    assert_accessible(page)
