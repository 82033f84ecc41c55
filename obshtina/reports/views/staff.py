"""The municipality's side: a report's staff page and the statistics.

Staff pages only (``is_staff_member``); a report of a unit the user does not serve
is a 404, so its existence is not confirmed to them.
"""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.actions import ItemAction, assignment_actions, calls
from obshtina.casework.item_view import ItemPage
from obshtina.core.decorators import allowed_if
from obshtina.core.forms import ButtonForm
from obshtina.core.spreadsheets import csv_writer
from obshtina.organization import permissions

from ..forms_staff import (
    AnswerForm,
    DuplicateForm,
    EditTextForm,
    PhotoForm,
    RedactForm,
    RerouteForm,
    StatusForm,
)
from ..models import Report, ReportPhoto
from ..selectors.queue import (
    report_timeline,
    staff_can_view_report,
)
from ..selectors.statistics import report_statistics
from ..services import workflow
from ..services.errors import ReportError
from ..services.redaction import report_photo_redact

ACTIONS = {
    "status": ItemAction(
        StatusForm,
        calls(workflow.report_change_status, "report"),
        _("Състоянието е променено."),
        item_kwarg="report",
    ),
    "answer": ItemAction(
        AnswerForm, calls(workflow.report_answer, "report"), _("Отговорът е публикуван.")
    ),
    **assignment_actions(
        item_arg="report",
        assign=workflow.report_assign,
        unassign=workflow.report_unassign,
        add_note=workflow.report_add_note,
        assigned=_("Сигналът е възложен."),
        taken=_("Сигналът е възложен на вас."),
    ),
    "reroute": ItemAction(
        RerouteForm,
        calls(workflow.report_reroute, "report"),
        _("Сигналът е пренасочен."),
        item_kwarg="report",
    ),
    "edit_text": ItemAction(
        EditTextForm,
        calls(workflow.report_edit_public_text, "report"),
        _("Публичният текст е редактиран."),
    ),
    "duplicate": ItemAction(
        DuplicateForm,
        calls(workflow.report_mark_duplicate, "report"),
        _("Сигналът е отбелязан като дубликат."),
    ),
    "not_duplicate": ItemAction(
        ButtonForm,
        calls(workflow.report_unmark_duplicate, "report"),
        _("Сигналът вече не е дубликат."),
    ),
    "photo": ItemAction(
        PhotoForm,
        lambda report, actor, data: workflow.report_photo_hide(actor=actor, **data),
        _("Видимостта на снимката е променена."),
        item_kwarg="report",
    ),
    "redact": ItemAction(
        RedactForm,
        lambda report, actor, data: report_photo_redact(actor=actor, **data),
        _("Отбелязаните части на снимката са закрити; оригиналът остава само за служители."),
        item_kwarg="report",
    ),
}


class ReportPage(ItemPage):
    actions = ACTIONS
    errors = (ReportError,)
    template = "reports/staff_manage.html"
    url_name = "reports:manage"
    item_name = "report"
    template_forms = {
        "status": {"target": "public_message", "status_field": "status"},
        "answer": {"target": "message"},
    }

    def find(self, number):
        return (
            Report.objects.select_related(
                "category", "unit", "settlement", "assigned_to", "author", "duplicate_of"
            )
            .filter(number=number)
            .first()
        )

    def can_view(self, user, item):
        return staff_can_view_report(user, item)

    def timeline(self, item):
        return report_timeline(item)

    def initial(self, action, item):
        return {"description": item.description} if action == "edit_text" else {}

    def context(self, request, item, forms, can_manage):
        return {"photos": item.photos.all(), "subscriber_count": item.subscriptions.count()}


report_manage = ReportPage().as_view()


@allowed_if(permissions.is_staff_member)
def statistics(request):
    return render(
        request,
        "reports/staff_statistics.html",
        {"stats": report_statistics(today=timezone.localdate())},
    )


@allowed_if(permissions.is_staff_member)
def statistics_csv(request):
    stats = report_statistics(today=timezone.localdate())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="report-statistics.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Cyrillic as UTF-8
    writer = csv_writer(response)
    writer.writerow(
        [
            _("Таблица"),
            _("Стойност"),
            _("Брой"),
            _("Медиана до решаване (дни)"),
            _("Решени според гражданите"),
            _("Не са решени според гражданите"),
        ]
    )
    for table in stats["tables"]:
        for row in table["rows"]:
            writer.writerow(
                [
                    table["title"],
                    row["label"],
                    row["count"],
                    _days(row.get("median_days")),
                    row.get("confirmed_fixed", ""),
                    row.get("not_fixed", ""),
                ]
            )
    writer.writerow([_("Общо"), _("Медиана до решаване (дни)"), "", _days(stats["median_days"])])
    return response


def _days(value) -> str:
    return "" if value is None else f"{value:.1f}"


def photo_original(request, number: str, pk: int):
    """The photo as sent, before redaction: for staff who may see the report's staff page."""
    report = Report.objects.filter(number=number).first()
    if report is None or not staff_can_view_report(request.user, report):
        raise Http404
    photo = ReportPhoto.objects.filter(report=report, pk=pk).exclude(original="").first()
    if photo is None:
        raise Http404
    try:
        handle = photo.original.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
