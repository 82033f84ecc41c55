"""Issue 18's "Done when", end to end in the browser, with every e-government connector
on against its local counterpart: a citizen signs in through the local eAuth-like
identity provider and files a request for public information (ЗДОИ) with a PDF signed
by the test PKI's qualified certificate; the registry clerk sees the valid qualified
signature and its signer; an access officer grants access with a decision signed
through SoftHSM2 ("Подпиши с КЕП"); it goes through the e-Delivery contract peer
(a contract test, not the real e-Delivery), the citizen opens it there, and the
citizen's page shows it delivered, its PDF with a valid qualified signature."""

import re

import pytest
from playwright.sync_api import expect

from obshtina.accounts.tests.factories import PASSWORD, StaffUserFactory
from obshtina.correspondence.models import Correspondence, CorrespondenceEvent
from obshtina.signatures.tests import signing

from .accounts import log_in, sign_in_with_eauth

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBER = re.compile(r"ЗДОИ-\d{4}-\d{6}")
EGN = "8001010000"  # the eAuth-like provider's person: PNOBG-8001010000
SIGNER = "Иван Петров Иванов"  # the test PKI's qualified person ("ivan")
VALID_QUALIFIED = f"Валиден квалифициран електронен подпис — {SIGNER}"
DELIVERED = str(CorrespondenceEvent.Kind.EDELIVERY_DELIVERED.label)  # "връчено през е-Връчване"


def signed_pdf(pki) -> bytes:
    """A PDF signed PAdES by the qualified test person, as the citizen's software would."""
    return signing.pades(pki, "ivan")


@pytest.fixture
def connectors(
    live_server, eauth, signatures_trusted_lists, signing_by_pkcs11, edelivery_connector
):
    """eAuth, qualified signatures (checks and signing through SoftHSM2) and e-Delivery on;
    the citizen has an e-Delivery profile, and the peer pushes to our live server."""
    edelivery_connector.add_profile(EGN, name="Иван Петров Иванов", target_group_id=1)
    edelivery_connector.push_url = live_server.url + "/edelivery/push/"
    return edelivery_connector


def test_a_signed_request_is_checked_decided_with_kep_and_delivered_by_edelivery(
    browser, live_server, page, eauth, connectors, signatures_pki, assert_accessible
):
    # 1. The citizen signs in with the national e-identification and files a request.
    sign_in_with_eauth(page, eauth)
    page.goto("/documents/new/")
    page.get_by_label("заявление за достъп до обществена информация").check()
    page.get_by_label("Относно").fill("Договори за снегопочистване")
    page.get_by_label(re.compile(r"^Текст:?$")).fill("Моля за достъп до договорите.")
    page.get_by_label("Описание на исканата информация").fill("Договорите за 2025 г.")
    page.get_by_label(re.compile("по имейл")).check()
    page.get_by_label(re.compile("Адрес за кореспонденция")).fill("гр. Самоков, ул. „Рила“ 1")
    page.get_by_label("Прикачени файлове").set_input_files(
        files=[
            {
                "name": "zayavlenie.pdf",
                "mimeType": "application/pdf",
                "buffer": signed_pdf(signatures_pki),
            }
        ]
    )
    page.get_by_role("button", name="Подай документа").click()
    page.wait_for_load_state()
    match = NUMBER.search(page.locator("main").inner_text())
    assert match, page.locator(".errorlist").all_inner_texts()
    number = match.group(0)
    item = Correspondence.objects.get(number=number)

    # 2. The registry clerk sees the valid qualified signature and who signed.
    clerk = StaffUserFactory(email="delovodstvo@samokov.bg", role="registry_clerk")
    desk = browser.new_context(locale="bg-BG", base_url=live_server.url).new_page()
    log_in(desk, email=clerk.email, password=PASSWORD)
    desk.goto(f"/documents/desk/{number}/")
    expect(desk.get_by_text(VALID_QUALIFIED).first).to_be_visible()
    assert_accessible(desk)
    desk.context.close()

    # 3. An access officer grants access, the decision's PDF signed with КЕП.
    officer = StaffUserFactory(email="zdoi@samokov.bg", role="access_officer")
    desk = browser.new_context(locale="bg-BG", base_url=live_server.url).new_page()
    log_in(desk, email=officer.email, password=PASSWORD)
    desk.goto(f"/documents/desk/{number}/")
    desk.locator("summary", has_text="Решение по заявлението").click()
    form = desk.locator("#action-access_decide")
    form.get_by_label("предоставяне на достъп").check()
    form.get_by_label("Място на достъп").fill("по имейл")
    form.get_by_label("Разходи").fill("без разходи")
    form.get_by_label(re.compile("Текст на решението")).fill("Предоставя се достъп.")
    form.locator("input[type=file]").set_input_files(
        files=[
            {"name": "reshenie.pdf", "mimeType": "application/pdf", "buffer": signing.blank_pdf()}
        ]
    )
    form.get_by_label("Подпиши с КЕП").check()
    form.locator("button[type=submit]:not([name]):not([hidden])").click()
    desk.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == Correspondence.Status.GRANTED, desk.locator("main").inner_text()
    desk.context.close()

    # 4. It went to the citizen's e-Delivery profile; the citizen opens it there.
    [message_id] = connectors.messages
    assert "reshenie.pdf" in [f["name"] for f in connectors.messages[message_id].files]
    connectors.open_message(message_id)

    # 5. The citizen's page: delivered through e-Delivery, the decision validly signed.
    page.goto(item.get_absolute_url())
    main = page.locator("main")
    timeline = main.get_by_role("region", name="Ход на документа")
    expect(timeline.get_by_text(DELIVERED[0].upper() + DELIVERED[1:], exact=True)).to_be_visible()
    expect(main).to_contain_text("Предоставя се достъп.")
    decision = main.locator("li", has_text="reshenie.pdf")
    expect(decision.first).to_contain_text(VALID_QUALIFIED)
    assert EGN not in page.content()
    assert_accessible(page)
