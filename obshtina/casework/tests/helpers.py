"""Answer templates and the people who keep or use them, for the casework tests."""

import html
import re

from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.casework.models import AnswerTemplate
from obshtina.organization.services import staff_role_grant, unit_member_add


def answer_template(**kwargs) -> AnswerTemplate:
    """A template stored as the staff pages store it (its rules checked)."""
    kwargs.setdefault("title", "Благодарност")
    kwargs.setdefault("kind", AnswerTemplate.Kind.REPORT)
    kwargs.setdefault("text", "Благодарим за сигнал {номер}.")
    template = AnswerTemplate(**kwargs)
    template.full_clean()
    template.save()
    return template


def person(*, role: str = "", unit=None, is_head: bool = False):
    """A member of staff with a second factor: a role, a unit membership or both."""
    user = UserFactory(second_factor=True, is_staff=True)
    if role:
        staff_role_grant(user=user, role=role)
    if unit is not None:
        unit_member_add(user=user, unit=unit, is_head=is_head)
    return user


def list_url() -> str:
    return reverse("casework:templates")


def new_url() -> str:
    return reverse("casework:template_new")


def edit_url(template: AnswerTemplate) -> str:
    return reverse("casework:template_edit", kwargs={"pk": template.pk})


def active_url(template: AnswerTemplate) -> str:
    return reverse("casework:template_set_active", kwargs={"pk": template.pk})


def textarea(page: str, name: str) -> str:
    """The text in the page's text area named ``name`` (the first one)."""
    found = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    assert found, f"no text area {name}"
    return html.unescape(found.group(1)).strip()
