"""The municipality's side: the officers' queue, a report's staff page, statistics.

Staff pages only (``is_staff_member``); a report of a unit the user does not serve
is a 404, so its existence is not confirmed to them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from obshtina.audit.services import access_record
from obshtina.casework.actions import (
    UNKNOWN,
    ItemAction,
    action_perform,
    assignment_actions,
    calls,
)
from obshtina.casework.pickers import is_fill_request, offer_templates, template_fill
from obshtina.core.decorators import allowed_if
from obshtina.core.forms import ButtonForm
from obshtina.core.spreadsheets import csv_writer
from obshtina.organization import permissions
from obshtina.organization.selectors import may_take

from ..forms_staff import (
    AnswerForm,
    DuplicateForm,
    EditTextForm,
    PhotoForm,
    RerouteForm,
    StatusForm,
)
from ..models import Report
from ..selectors.queue import (
    report_timeline,
    staff_can_manage_report,
    staff_can_view_report,
)
from ..selectors.statistics import report_statistics
from ..services import workflow
from ..services.errors import ReportError

PAGE_SIZE = 50


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
}


# The forms that offer answer templates: action → where the text goes (casework.pickers).
TEMPLATE_FORMS = {
    "status": {"target": "public_message", "status_field": "status"},
    "answer": {"target": "message"},
}


def _make_form(action: str, report: Report, data=None):
    kwargs = {}
    if action == "edit_text" and data is None:
        kwargs["initial"] = {"description": report.description}
    return ACTIONS[action].form_for(action, report, data, **kwargs)


@allowed_if(permissions.is_staff_member)
@require_http_methods(["GET", "POST"])
def report_manage(request, number: str):
    report = get_object_or_404(
        Report.objects.select_related(
            "category", "unit", "settlement", "assigned_to", "author", "duplicate_of"
        ),
        number=number,
    )
    if not staff_can_view_report(request.user, report):
        raise Http404
    can_manage = staff_can_manage_report(request.user, report)
    forms = {}
    filling = ""  # the form whose "Попълни" button was pressed: nothing is saved
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, UNKNOWN)
            return redirect("reports:manage", number=report.number)
        filling = action if action in TEMPLATE_FORMS and is_fill_request(request) else ""
        form = _make_form(action, report, None if filling else request.POST)
        if not filling and action_perform(
            request, ACTIONS[action], form, report, errors=(ReportError,)
        ):
            report.refresh_from_db()
            if staff_can_view_report(request.user, report):
                return redirect("reports:manage", number=report.number)
            return redirect("casework:workspace")  # routed away from the user's units
        forms[action] = form
    if can_manage:
        for action in ACTIONS:
            forms.setdefault(action, _make_form(action, report))
        for action, options in TEMPLATE_FORMS.items():
            offer_templates(forms[action], report, **options)
        if filling and (error := template_fill(forms[filling], request.POST)):
            messages.error(request, error)
    access_record(request, report)  # the page shows the submitter's name and contacts
    return render(
        request,
        "reports/staff_manage.html",
        {
            "report": report,
            "can_manage": can_manage,
            "may_take": can_manage and may_take(request.user, report),
            "forms": forms,
            "photos": report.photos.all(),
            "events": report_timeline(report),
            "subscriber_count": report.subscriptions.count(),
        },
        status=400 if request.method == "POST" and not filling else 200,
    )


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
    writer.writerow([_("Таблица"), _("Стойност"), _("Брой"), _("Медиана до решаване (дни)")])
    for table in stats["tables"]:
        for row in table["rows"]:
            writer.writerow(
                [table["title"], row["label"], row["count"], _days(row.get("median_days"))]
            )
    writer.writerow([_("Общо"), _("Медиана до решаване (дни)"), "", _days(stats["median_days"])])
    return response


def _days(value) -> str:
    return "" if value is None else f"{value:.1f}"
