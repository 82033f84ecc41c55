"""Questions: "Задай въпрос", the confirmation, the public and private pages, the staff side.

The public page shows the number, topic, status, dates and the answer; the
question's text and the asker's data only on the asker's private page (access
link) and to staff of the question's unit.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
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
from obshtina.core.forms import ButtonForm, service_errors_add
from obshtina.core.ratelimit import parse_rate, rate_limit_count, rate_limit_reached
from obshtina.organization import permissions
from obshtina.organization.selectors import may_take

from ..forms_questions import (
    AnswerForm,
    AskForm,
    FaqForm,
)
from ..models import Question
from ..selectors.questions import (
    question_for_number,
    question_for_token,
    question_public_timeline,
    question_timeline,
    staff_can_view_question,
)
from ..services import questions as services
from ..services.questions import QuestionError

PAGE_SIZE = 50
RATE_SCOPE = "questions:ask"
DEFAULT_RATE_LIMIT = "5/10m"  # anonymous questions per IP address
RATE_LIMITED = _(
    "От вашата връзка бяха изпратени много въпроси за кратко време. Опитайте отново "
    "след няколко минути или се обадете на контактния център."
)


def _rate() -> tuple[int, int]:
    return parse_rate(
        getattr(settings, "QUESTION_RATE_LIMIT", DEFAULT_RATE_LIMIT), default=DEFAULT_RATE_LIMIT
    )


def ask(request):
    """ "Задай въпрос": errors next to the fields, everything typed is kept."""
    user = request.user
    form = AskForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        anonymous = not user.is_authenticated
        if anonymous and rate_limit_reached(request, scope=RATE_SCOPE, rate=_rate()):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            try:
                question = services.question_submit(**form.submission(), author=user)
            except QuestionError as error:
                service_errors_add(form, error)
            else:
                if anonymous:
                    rate_limit_count(request, scope=RATE_SCOPE, rate=_rate())
                return redirect("infodesk:question_sent", token=question.access_token)
        elif form.is_honeypot_filled and anonymous:
            rate_limit_count(request, scope=RATE_SCOPE, rate=_rate())
    return render(request, "infodesk/ask.html", {"form": form}, status=status)


@never_cache
def sent(request, token: str):
    """The confirmation with the number; the token in the address is the proof."""
    question = question_for_token(token)
    if question is None:
        raise Http404(_("Връзката не е валидна."))
    response = render(request, "infodesk/question_sent.html", {"question": question})
    response["X-Robots-Tag"] = "noindex"
    return response


def question(request, number: str):
    found = question_for_number(number)
    if found is None:
        raise Http404(_("Няма въпрос с такъв номер."))
    if found.number != number:
        return redirect(found)
    return _render_question(request, found, private=False)


@never_cache
def question_access(request, token: str):
    found = question_for_token(token)
    if found is None:
        raise Http404(_("Връзката не е валидна."))
    response = _render_question(request, found, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_question(request, question: Question, *, private: bool):
    return render(
        request,
        "infodesk/question.html",
        {
            "question": question,
            "private": private,
            "timeline": question_public_timeline(question),
        },
    )


def _faq_initial(question: Question) -> dict:
    """Staff start from the asker's text and edit out what is personal."""
    return {
        "faq_question": question.faq_question or question.text,
        "faq_answer": question.faq_answer or question.answer,
    }


ACTIONS = {
    "answer": ItemAction(
        AnswerForm,
        calls(services.question_answer, "question"),
        _("Отговорът е изпратен и публикуван."),
    ),
    "faq": ItemAction(
        FaqForm,
        calls(services.question_publish_faq, "question"),
        _("Публикуван е като често задаван въпрос."),
    ),
    "unpublish": ItemAction(
        ButtonForm,
        calls(services.question_unpublish_faq, "question"),
        _("Премахнат е от често задаваните въпроси."),
    ),
    "close": ItemAction(
        ButtonForm, calls(services.question_close, "question"), _("Въпросът е приключен.")
    ),
    **assignment_actions(
        item_arg="question",
        assign=services.question_assign,
        unassign=services.question_unassign,
        add_note=services.question_add_note,
        assigned=_("Въпросът е възложен."),
        taken=_("Въпросът е възложен на вас."),
    ),
}


def _make_form(action: str, question: Question, data=None):
    kwargs = {}
    if data is None and action == "answer":
        kwargs["initial"] = {"answer": question.answer}
    if data is None and action == "faq":
        kwargs["initial"] = _faq_initial(question)
    return ACTIONS[action].form_for(action, question, data, **kwargs)


@allowed_if(permissions.is_staff_member)
@require_http_methods(["GET", "POST"])
def manage(request, number: str):
    found = get_object_or_404(
        Question.objects.select_related("topic", "unit", "author", "answered_by", "assigned_to"),
        number=number,
    )
    if not staff_can_view_question(request.user, found):
        raise Http404
    can_manage = permissions.can_manage_item(request.user, found)
    forms = {}
    # "Попълни" puts a template's text into the answer form; nothing is saved.
    filling = request.POST.get("action") == "answer" and is_fill_request(request)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    if request.method == "POST" and not filling:
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            messages.error(request, UNKNOWN)
            return redirect("infodesk:question_manage", number=found.number)
        form = _make_form(action, found, request.POST)
        done = action_perform(request, ACTIONS[action], form, found, errors=(QuestionError,))
        if not done and isinstance(form, ButtonForm):  # its reason comes back as a message
            for error in form.non_field_errors():
                messages.error(request, error)
        if done or isinstance(form, ButtonForm):
            return redirect("infodesk:question_manage", number=found.number)
        forms[action] = form
    for action in ACTIONS:
        forms.setdefault(action, _make_form(action, found))
    offer_templates(
        forms["answer"], found, target="answer", implied_status=Question.Status.ANSWERED
    )
    if filling and (error := template_fill(forms["answer"], request.POST)):
        messages.error(request, error)
    access_record(request, found)  # the page shows the asker's name and contacts
    return render(
        request,
        "infodesk/question_manage.html",
        {
            "question": found,
            "can_manage": can_manage,
            "may_take": can_manage and may_take(request.user, found),
            "forms": forms,
            "events": question_timeline(found),
        },
        status=400 if request.method == "POST" and not filling else 200,
    )
