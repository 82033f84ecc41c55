"""The access-to-information procedure: the officer's notices and decisions (posted
to the desk page), the requester's clarification and confirmation, the yearly report.

The requester's actions answer 404 to anyone but the item's author, so a number
reveals nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from obshtina.casework.pickers import is_fill_request, offer_templates
from obshtina.core.decorators import allowed_if
from obshtina.core.spreadsheets import csv_writer
from obshtina.organization import permissions

from ..forms_procedure import ClarifyForm, procedure_forms_for
from ..models import Correspondence
from ..selectors.statistics import access_statistics, report_year
from ..services import procedure as services
from ..services.access_terms import Outcome
from ..services.errors import CorrespondenceError

# action → (service, success message with %(number)s: the outgoing number)
PROCEDURE_ACTIONS = {
    "access_clarification": (
        services.access_clarification_request,
        gettext_lazy("Уведомлението за уточняване е регистрирано с номер %(number)s и изпратено."),
    ),
    "access_extend": (
        services.access_extend,
        gettext_lazy(
            "Уведомлението за удължаване на срока е регистрирано с номер %(number)s и изпратено."
        ),
    ),
    "access_forward": (
        services.access_forward,
        gettext_lazy("Уведомлението за препращане е регистрирано с номер %(number)s и изпратено."),
    ),
    "access_not_held": (
        services.access_not_held,
        gettext_lazy("Уведомлението е регистрирано с номер %(number)s и изпратено."),
    ),
    "access_decide": (
        services.access_decide,
        gettext_lazy("Решението е регистрирано с номер %(number)s и изпратено."),
    ),
}


_Status = Correspondence.Status
# Where each procedure form's answer template goes, and which status it leads to
# (the decision: by its outcome), for the templates that fill in by themselves.
PROCEDURE_TEMPLATE_FORMS = {
    "access_clarification": {"implied_status": _Status.AWAITING_CLARIFICATION},
    "access_extend": {"implied_status": _Status.EXTENDED},
    "access_forward": {"implied_status": _Status.FORWARDED},
    "access_not_held": {"implied_status": _Status.NOT_HELD},
    "access_decide": {
        "status_field": "outcome",
        "status_of": {
            Outcome.GRANT: _Status.GRANTED,
            Outcome.PARTIAL: _Status.PARTIALLY_GRANTED,
            Outcome.REFUSE: _Status.REFUSED,
        },
    },
}


def handle_procedure_action(request, item: Correspondence) -> HttpResponse:
    """Run the procedure action named by ``request.POST["action"]`` on ``item``.

    Called by the desk's manage view for a POST whose action starts with "access_".
    Success: a message and a redirect to the desk page. An action the status does
    not allow: a message and the same redirect. Errors: the desk page again (400)
    with the form bound and its errors beside the fields.
    """
    if not permissions.can_view_item(request.user, item):
        raise Http404
    if not permissions.can_manage_item(request.user, item):
        raise PermissionDenied
    action = request.POST.get("action", "")
    filling = is_fill_request(request)  # "Попълни": the template's text; nothing is saved
    posted = (None, None) if filling else (request.POST, request.FILES)
    form = procedure_forms_for(item, *posted).get(action)
    if form is None or action not in PROCEDURE_ACTIONS:
        messages.error(request, _("Това действие не е възможно в сегашното състояние."))
        return redirect("correspondence:manage", number=item.number)
    if filling:
        from .desk import manage_page  # late: the desk view imports this module lazily too

        return manage_page(request, item, forms={action: form}, filling=action)
    if form.is_valid():
        service, success = PROCEDURE_ACTIONS[action]
        try:
            document = service(item=item, actor=request.user, **form.cleaned_data)
        except CorrespondenceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, str(success) % {"number": document.number})
            return redirect("correspondence:manage", number=item.number)
    messages.error(request, _("Действието не е изпълнено: вижте грешките при формуляра."))
    from .desk import manage_page  # late: the desk view imports this module lazily too

    return manage_page(request, item, forms={action: form}, status=400)


def procedure_actions_context(request, item: Correspondence, forms: dict) -> dict:
    """What the desk page needs for ``correspondence/_procedure_actions.html``:
    the allowed forms, with a refused (bound) one from ``forms`` in its place."""
    procedure_forms = procedure_forms_for(item)
    for action in procedure_forms:
        if action in forms:
            procedure_forms[action] = forms[action]
        options = PROCEDURE_TEMPLATE_FORMS.get(action, {})
        offer_templates(procedure_forms[action], item, target="text", step=action, **options)
    return {"procedure_forms": procedure_forms}


def _own_access_request(request, number: str) -> Correspondence:
    """The user's own access request, or 404 — for everyone else, anonymous included."""
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Correspondence.objects.select_related("access_request"),
        number=number,
        author=request.user,
        kind=Correspondence.Kind.ACCESS_REQUEST,
    )


@require_POST
def clarify(request, number: str):
    item = _own_access_request(request, number)
    form = ClarifyForm(request.POST)
    if form.is_valid():
        try:
            services.access_clarify(item=item, author=request.user, **form.cleaned_data)
        except CorrespondenceError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Уточнението е записано. Срокът за решение е до %(date)s.")
                % {"date": date_format(item.due_at, "d.m.Y")},
            )
            return redirect(item)
    return render(
        request,
        "correspondence/clarify.html",
        {"item": item, "clarify_form": form, "can_clarify": True},
        status=400,
    )


@require_POST
def confirm_access(request, number: str):
    item = _own_access_request(request, number)
    try:
        services.access_confirm_received(item=item, author=request.user)
    except CorrespondenceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Благодарим ви! Потвърдихте, че сте получили достъп."))
    return redirect(item)


@require_GET
@allowed_if(permissions.can_view_access_report)
def yearly_report(request):
    year = report_year(request.GET.get("year"), today=timezone.localdate())
    return render(
        request,
        "correspondence/yearly_report.html",
        {"stats": access_statistics(year=year), "year": year},
    )


@require_GET
@allowed_if(permissions.can_view_access_report)
def yearly_report_csv(request):
    year = report_year(request.GET.get("year"), today=timezone.localdate())
    stats = access_statistics(year=year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="zdoi-{year}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Cyrillic as UTF-8
    writer = csv_writer(response)
    writer.writerow([_("Таблица"), _("Стойност"), _("Брой")])
    for table in stats["tables"]:
        for row in table["rows"]:
            writer.writerow([table["title"], row["label"], row["count"]])
    for label, value in stats["summary"]:
        writer.writerow([_("Срокове"), label, "" if value is None else value])
    return response
