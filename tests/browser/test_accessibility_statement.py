"""The accessibility statement: reached from the footer of every page, readable with
the EU model's sections, accessible itself; its editor is warned when a review is due."""

from datetime import timedelta

import pytest
from django.utils import timezone

from obshtina.accounts.tests.factories import PASSWORD
from obshtina.core.demo import accessibility_statement_load
from obshtina.core.models import AccessibilityStatement
from obshtina.organization.models import Role
from obshtina.organization.tests.factories import staff

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WARNING = "Декларацията не е преглеждана повече от година."


@pytest.fixture
def samokov_statement():
    accessibility_statement_load()
    return AccessibilityStatement.objects.get()


def test_the_statement_is_reached_from_the_footer_and_is_accessible(
    page, samokov_statement, assert_accessible
):
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Достъпност").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Декларация за достъпност", level=1).is_visible()
    for section in (
        "Състояние на съответствието",
        "Недостъпно съдържание",
        "Изготвяне на декларацията",
        "Обратна връзка и данни за контакт",
        "Процедура по прилагане",
    ):
        assert page.get_by_role("heading", name=section, level=2).is_visible()
    assert page.get_by_text("частично съответствие", exact=False).is_visible()
    assert page.get_by_text(WARNING).count() == 0
    assert_accessible(page)


def test_an_editor_sees_that_the_review_is_overdue_and_opens_the_admin(
    page, samokov_statement, assert_accessible
):
    long_ago = timezone.localdate() - timedelta(days=400)
    AccessibilityStatement.objects.filter(pk=samokov_statement.pk).update(
        prepared_on=long_ago, reviewed_on=long_ago
    )
    editor = staff(Role.EDITOR)
    log_in(page, email=editor.email, password=PASSWORD)
    page.goto("/accessibility/")
    warning = page.get_by_role("alert").filter(has_text=WARNING)
    assert warning.is_visible()
    assert_accessible(page)
    warning.get_by_role("link", name="Редактирай декларацията").click()
    page.wait_for_load_state()
    assert "/admin/core/accessibilitystatement/" in page.url
