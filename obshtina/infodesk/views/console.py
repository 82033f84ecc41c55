"""The operator console for the contact centre's line: one page for a live call.

Every form works as a plain GET/POST that returns the whole page; the console's
script sends the same requests with ``HX-Request`` and swaps in only the part
that changed. What was registered during the current call is kept in the
session, so the call log is prefilled with its numbers and the caller.
"""

from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from obshtina.audit.models import AccessRecord
from obshtina.audit.services import access_record
from obshtina.core.decorators import allowed_if
from obshtina.core.forms import service_errors_add
from obshtina.organization import permissions
from obshtina.organization.selectors import current_municipality
from obshtina.reports.services.submission import report_submit

from ..forms_console import CallerForm, CallLogForm, ConsoleQuestionForm, ConsoleReportForm
from ..models import CallLog, Question
from ..selectors.console import (
    caller_items,
    calls_of_day,
    console_answers,
    daily_counts,
    outcome_counts,
)
from ..services.calls import call_log_record

CALL_SESSION_KEY = "infodesk_console_call"
CALLER_FIELDS = ("name", "phone", "email")

console_only = allowed_if(permissions.can_use_console)


def _current_call(request) -> dict:
    call = request.session.get(CALL_SESSION_KEY) or {}
    return {"numbers": list(call.get("numbers", [])), "caller": dict(call.get("caller", {}))}


def _remember(request, *, number: str = "", **caller) -> None:
    """Add a registered number and what we know of the caller to the current call."""
    call = _current_call(request)
    if number and number not in call["numbers"]:
        call["numbers"].append(number)
    for key in CALLER_FIELDS:
        if caller.get(key):
            call["caller"][key] = caller[key]
    request.session[CALL_SESSION_KEY] = call


def _call_form(request) -> CallLogForm:
    call = _current_call(request)
    caller = call["caller"]
    return CallLogForm(
        initial={
            "caller_name": caller.get("name", ""),
            "caller_phone": caller.get("phone", ""),
            "caller_email": caller.get("email", ""),
            "linked_numbers": ", ".join(call["numbers"]),
        }
    )


def _caller_initial(request) -> dict:
    caller = _current_call(request)["caller"]
    return {key: caller.get(key, "") for key in CALLER_FIELDS}


def _page(request, template: str | None = None, *, status: int = 200, **parts):
    """The whole console, or only `template` (one part) for the console's script."""
    context = {
        "query": "",
        "answers": None,
        "caller_form": CallerForm(),
        "caller": None,
        "report_form": ConsoleReportForm(initial=_caller_initial(request)),
        "question_form": ConsoleQuestionForm(initial=_caller_initial(request)),
        "call_form": _call_form(request),
        "current_call": _current_call(request),
        "municipality": current_municipality(),
        **parts,
    }
    if template and request.htmx:
        return render(request, template, context, status=status)
    return render(request, "infodesk/console.html", context, status=status)


@console_only
@require_GET
def console(request):
    return _page(request)


@console_only
@require_GET
def knowledge_search(request):
    query = request.GET.get("q", "").strip()[:200]
    answers = console_answers(query) if query else None
    return _page(request, "infodesk/console/_answers.html", query=query, answers=answers)


@console_only
@require_GET
def caller_lookup(request):
    form = CallerForm(request.GET)
    caller = None
    status = 200
    booking_query = ""
    if form.is_valid():
        caller = caller_items(phone=form.cleaned_data["phone"], email=form.cleaned_data["email"])
        # Whose items these are is the caller's personal data: each one shown is recorded.
        access_record(request, *caller.all_items(), what=AccessRecord.What.CONTACTS)
        _remember(request, phone=form.cleaned_data["phone"], email=form.cleaned_data["email"])
        # "Запази час" opens reception booking with what is known of the caller.
        known = {**_caller_initial(request), **form.cleaned_data}
        booking_query = urlencode({key: value for key, value in known.items() if value})
    else:
        status = 400
    return _page(
        request,
        "infodesk/console/_caller.html",
        status=status,
        caller_form=form,
        caller=caller,
        caller_booking_query=booking_query,
    )


def _register(request, form_class, submit, *, part: str):
    """Register what the caller reports or asks (``submit(form)``), read the
    number out, keep the caller for the next one; ``part`` names the console part
    ("report", "question") and its context (``<part>_form``, ``registered_<part>``)."""
    form = form_class(request.POST)
    registered = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            registered = submit(form)
        except ValidationError as error:
            service_errors_add(form, error, field_of=getattr(form, "service_field_of", None))
        else:
            _remember(
                request,
                number=registered.number,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
            )
            form = form_class(initial=_caller_initial(request))
    return _page(
        request,
        f"infodesk/console/_{part}.html",
        status=200 if registered or not form.errors else 400,
        **{f"{part}_form": form, f"registered_{part}": registered},
        part=part,
        form=form,
        registered=registered,
    )


@console_only
@require_POST
def register_report(request):
    return _register(
        request,
        ConsoleReportForm,
        lambda form: report_submit(**form.submission(), author=None),
        part="report",
    )


@console_only
@require_POST
def register_question(request):
    # Imported here: the questions service belongs to another part of the desk.
    from ..services.questions import question_submit

    def submit(form):
        data = form.cleaned_data
        return question_submit(
            topic=data["topic"],
            text=data["text"],
            asker_name=data["name"],
            asker_email=data["email"],
            asker_phone=data["phone"],
            channel=Question.Channel.PHONE,
        )

    return _register(request, ConsoleQuestionForm, submit, part="question")


@console_only
@require_POST
def log_call(request):
    form = CallLogForm(request.POST)
    logged = None
    if form.is_valid():
        try:
            logged = call_log_record(operator=request.user, **form.record())
        except ValidationError as error:
            service_errors_add(form, error)
        else:
            request.session.pop(CALL_SESSION_KEY, None)  # the next call starts afresh
            form = _call_form(request)
    return _page(
        request,
        "infodesk/console/_call.html",
        status=200 if logged or not form.errors else 400,
        call_form=form,
        logged_call=logged,
    )


@console_only
@require_GET
def call_log(request):
    """The day's calls and the last 14 days by outcome, for the contact centre's head."""
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else today
    except ValueError:
        return redirect("infodesk:console_calls")
    counts = outcome_counts(day)
    calls = list(calls_of_day(day))
    access_record(
        request,
        *[call for call in calls if call.caller_name or call.caller_phone or call.caller_email],
        what=AccessRecord.What.CONTACTS,
    )
    return render(
        request,
        "infodesk/console_calls.html",
        {
            "day": day,
            "today": today,
            "calls": calls,
            "outcomes": [(label, counts[value]) for value, label in CallLog.Outcome.choices],
            "outcome_labels": CallLog.Outcome.labels,
            "days": daily_counts(day),
        },
    )
