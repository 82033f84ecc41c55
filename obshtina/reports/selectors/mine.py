""" "Моите сигнали": the reports a signed-in user filed, for their pages and data export."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from obshtina.accounts.sections import FiledItem, filed_items_url

from ..models import Report


def reports_of_author(user) -> QuerySet[Report]:
    """The reports the user filed while signed in, newest first."""
    return (
        Report.objects.filter(author=user)
        .select_related("category")
        .only("number", "status", "created_at", "due_at", "description", "category__name")
        .order_by("-created_at", "-pk")
    )


def my_reports_section(user) -> dict:
    """The "Моите сигнали" card of "Моят профил"."""
    return {
        "title": _("Моите сигнали"),
        "url": filed_items_url("reports"),
        "count": Report.objects.filter(author=user).count(),
        "empty": _("Все още няма подадени сигнали."),
    }


def my_filed_reports(user) -> list[FiledItem]:
    """The user's reports in "Моите", beside everything else they filed."""
    return [
        FiledItem(
            kind=str(_("Сигнал")),
            number=report.number,
            subject=report.category.name,
            filed_at=report.created_at,
            status=str(report.get_status_display()),
            status_code=report.status,
            url=report.get_absolute_url(),
            next_date=report.due_at if report.is_open else None,
            next_label=str(_("срок")) if report.is_open else "",
        )
        for report in reports_of_author(user)
    ]


def my_reports_export(user) -> list[dict]:
    """The user's reports in their personal-data export."""
    return [
        {
            "number": report.number,
            "category": report.category.name,
            "status": report.status,
            "created_at": report.created_at.isoformat(),
            "description": report.description,
        }
        for report in reports_of_author(user)
    ]
