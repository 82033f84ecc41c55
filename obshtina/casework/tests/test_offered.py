"""Which templates are offered for an item, and which fills in for a status."""

import pytest

from obshtina.casework.answer_templates import template_for_status, templates_for
from obshtina.casework.models import AnswerTemplate
from obshtina.reports.tests.factories import CategoryFactory, UnitFactory, submit_report

from .helpers import answer_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def category(unit):
    return CategoryFactory(unit=unit)


@pytest.fixture
def report(category):
    return submit_report(category=category)


def titles(templates) -> list[str]:
    return [template.title for template in templates]


def test_the_items_category_and_unit_narrow_the_offer(report, category, unit):
    answer_template(title="Общ")
    answer_template(title="За категорията", category=category)
    answer_template(title="За друга категория", category=CategoryFactory())
    answer_template(title="За звеното", unit=unit)
    answer_template(title="За друго звено", unit=UnitFactory())
    answer_template(title="За писма", kind=AnswerTemplate.Kind.LETTER)
    answer_template(title="Спрян", is_active=False)

    assert titles(templates_for(report)) == ["За звеното", "За категорията", "Общ"]


def test_the_most_specific_template_fills_in_for_a_status(report, category):
    answer_template(title="Общо решение", status="resolved")
    answer_template(title="Решение по категорията", category=category, status="resolved")

    assert template_for_status(report, "resolved").title == "Решение по категорията"
    assert template_for_status(report, "rejected") is None
