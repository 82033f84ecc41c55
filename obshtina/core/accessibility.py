"""The site's accessibility statement ("Декларация за достъпност"): the municipality's
one, its defaults and when its yearly review is due.

Bulgaria transposed Directive (EU) 2016/2102 in the Закон за електронното управление
(чл. 58в): the content must meet EN 301 549 (Наредба за общите изисквания към
информационните системи, регистрите и електронните административни услуги, чл. 39,
ал. 2), the statement follows Implementing Decision (EU) 2018/1523 (чл. 58в, ал. 4),
and the Министерство на електронното управление monitors and checks compliance.
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityStatement

DEFAULT_ENFORCEMENT = _(
    "Ако не сте получили отговор в срок или отговорът не ви удовлетворява, можете да "
    "подадете сигнал до Министерството на електронното управление, което наблюдава и "
    "проверява достъпността на интернет страниците на администрациите (чл. 58в от "
    "Закона за електронното управление)."
)
DEFAULT_ENFORCEMENT_URL = "https://egov.government.bg/"


def accessibility_statement() -> AccessibilityStatement | None:
    """The statement of the municipality being served, if its editors have written one."""
    return AccessibilityStatement.objects.first()


def review_due_on(reviewed_on: date) -> date:
    """A year after the review: the same date next year, or 28 February for 29 February."""
    try:
        return reviewed_on.replace(year=reviewed_on.year + 1)
    except ValueError:
        return reviewed_on.replace(year=reviewed_on.year + 1, day=28)


def is_review_overdue(statement: AccessibilityStatement, today: date | None = None) -> bool:
    """Is the last review over a year old (today, in Europe/Sofia)?"""
    return (today or timezone.localdate()) > review_due_on(statement.reviewed_on)
