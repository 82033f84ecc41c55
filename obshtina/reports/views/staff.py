"""The municipality's side: the officers' queue, a report's staff page, statistics.

Staff pages only (``is_staff_member``); a report of a unit the user does not serve
is a 404, so its existence is not confirmed to them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from obshtina.audit.services import access_record
from obshtina.casework.pickers import is_fill_request, offer_templates, template_fill
from obshtina.core.decorators import allowed_if
from obshtina.core.forms import ButtonForm
from obshtina.core.spreadsheets import csv_writer
from obshtina.organization import permissions

from ..forms_staff import (
    AnswerForm,
    AssignForm,
    DuplicateForm,
    EditTextForm,
    NoteForm,
    PhotoForm,
    QueueFilterForm,
    RerouteForm,
    StatusForm,
)
from ..models import Report
from ..selectors.queue import (
    queue_counts,
    report_may_be_taken_by,
    report_timeline,
    reports_for_queue,
    staff_can_manage_report,
    staff_can_view_report,
)
from ..selectors.statistics import report_statistics
from ..services import workflow
from ..services.errors import ReportError

PAGE_SIZE = 50


@allowed_if(permissions.is_staff_member)
def queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = {}
    if form.is_bound:
        form.is_valid()  # a bad filter is ignored (and shown); the good ones still apply
        filters = form.cleaned_data
    reports = reports_for_queue(
        user=request.user,
        status=filters.get("status") or None,
        category=filters.get("category"),
        settlement=filters.get("settlement"),
        overdue=filters.get("overdue", False),
        assigned_to_me=filters.get("mine", False),
        search=filters.get("q", ""),
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/staff_queue.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": queue_counts(user=request.user),
            "now": timezone.now(),
        },
    )


# action → (form class, does the form need the report, service call, success message)
ACTIONS = {
    "status": (
        StatusForm,
        True,
        lambda report, actor, data: workflow.report_change_status(
            report=report, actor=actor, **data
        ),
        _("Състоянието е променено."),
    ),
    "answer": (
        AnswerForm,
        False,
        lambda report, actor, data: workflow.report_answer(report=report, actor=actor, **data),
        _("Отговорът е публикуван."),
    ),
    "note": (
        NoteForm,
        False,
        lambda report, actor, data: workflow.report_add_note(report=report, actor=actor, **data),
        _("Бележката е записана."),
    ),
    "assign": (
        AssignForm,
        True,
        lambda report, actor, data: workflow.report_assign(report=report, actor=actor, **data),
        _("Сигналът е възложен."),
    ),
    "take": (
        ButtonForm,
        False,
        lambda report, actor, data: workflow.report_assign(
            report=report, actor=actor, assignee=actor
        ),
        _("Сигналът е възложен на вас."),
    ),
    "unassign": (
        ButtonForm,
        False,
        lambda report, actor, data: workflow.report_unassign(report=report, actor=actor),
        _("Възлагането е премахнато."),
    ),
    "reroute": (
        RerouteForm,
        True,
        lambda report, actor, data: workflow.report_reroute(report=report, actor=actor, **data),
        _("Сигналът е пренасочен."),
    ),
    "edit_text": (
        EditTextForm,
        False,
        lambda report, actor, data: workflow.report_edit_public_text(
            report=report, actor=actor, **data
        ),
        _("Публичният текст е редактиран."),
    ),
    "duplicate": (
        DuplicateForm,
        False,
        lambda report, actor, data: workflow.report_mark_duplicate(
            report=report, actor=actor, **data
        ),
        _("Сигналът е отбелязан като дубликат."),
    ),
    "not_duplicate": (
        ButtonForm,
        False,
        lambda report, actor, data: workflow.report_unmark_duplicate(report=report, actor=actor),
        _("Сигналът вече не е дубликат."),
    ),
    "photo": (
        PhotoForm,
        True,
        lambda report, actor, data: workflow.report_photo_hide(actor=actor, **data),
        _("Видимостта на снимката е променена."),
    ),
}


# The forms that offer answer templates: action → where the text goes (casework.pickers).
TEMPLATE_FORMS = {
    "status": {"target": "public_message", "status_field": "status"},
    "answer": {"target": "message"},
}


def _make_form(action: str, report: Report, data=None):
    form_class, needs_report, _call, _message = ACTIONS[action]
    kwargs = {"report": report} if needs_report else {}
    if action == "edit_text" and data is None:
        kwargs["initial"] = {"description": report.description}
    return form_class(data, auto_id=f"id_{action}_%s", **kwargs)


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
            messages.error(request, _("Неизвестно действие."))
            return redirect("reports:manage", number=report.number)
        filling = action if action in TEMPLATE_FORMS and is_fill_request(request) else ""
        form = _make_form(action, report, None if filling else request.POST)
        if not filling and form.is_valid():
            _form_class, _needs, call, success = ACTIONS[action]
            try:
                call(report, request.user, form.cleaned_data)
            except ReportError as error:
                form.add_error(None, error)
            else:
                messages.success(request, success)
                report.refresh_from_db()
                if staff_can_view_report(request.user, report):
                    return redirect("reports:manage", number=report.number)
                return redirect("reports:queue")
        if not filling:
            messages.error(request, _("Действието не е изпълнено: вижте грешките при формуляра."))
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
            "may_take": can_manage and report_may_be_taken_by(request.user, report),
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
