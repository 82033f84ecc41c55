"""The registry clerk registers a ЗДОИ request from the national platform that arrived by
e-Delivery, then the same request by e-mail: one item, the second arrival on its history."""

import pytest

from obshtina.accounts.tests.factories import PASSWORD, StaffUserFactory
from obshtina.correspondence.models import Correspondence

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def platform_on(settings):
    settings.ACCESS_PLATFORM = True


def register(page, *, route: str):
    page.goto("/staff/")
    page.get_by_role("link", name="Регистрирай заявление по ЗДОИ", exact=False).click()
    page.get_by_label("Получено").select_option(label=route)
    page.get_by_label("Номер в Платформата").fill("ЗДОИ-01-2468")
    page.get_by_label("Име на заявителя").fill("Мария Иванова")
    page.locator("#id_sender_email").fill("maria@example.bg")
    page.get_by_label("Относно").fill("Договори за снегопочистване")
    page.get_by_label("Текст на заявлението").fill("Моля за копие от договорите.")
    page.get_by_label("Описание на исканата информация").fill("Договорите за 2026 г.")
    page.get_by_label("Предпочитана форма на достъп").select_option("electronic")


def test_a_platform_request_arriving_twice_is_registered_once(page, assert_accessible):
    clerk = StaffUserFactory(role="registry_clerk")
    log_in(page, email=clerk.email, password=PASSWORD)
    register(page, route="чрез системата за е-Връчване")
    assert_accessible(page)
    page.get_by_role("button", name="Регистрирай").click()
    page.wait_for_load_state()
    item = Correspondence.objects.get()
    assert page.get_by_text(f"Заявлението е регистрирано с номер {item.number}.").is_visible()

    register(page, route="по имейл")
    page.get_by_role("button", name="Регистрирай").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"вече е регистрирано с номер {item.number}", exact=False).is_visible()
    assert page.get_by_text("Получено и по имейл.").first.is_visible()
    assert Correspondence.objects.count() == 1
    assert_accessible(page)
