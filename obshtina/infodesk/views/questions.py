"""Questions: "Задай въпрос", the confirmation, the public and private pages, the staff side.

The public page shows the number, topic, status, dates and the answer; the
question's text and the asker's data only on the asker's private page (access
link) and to staff of the question's unit.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from obshtina.casework.actions import ItemAction, assignment_actions, calls
from obshtina.casework.item_view import ItemPage
from obshtina.core.forms import ButtonForm, service_errors_add
from obshtina.core.ratelimit import parse_rate, rate_limit_count, rate_limit_reached

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
from .public import SEARCH_QUERY_MAX_LENGTH

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
    # From a search that found nothing: the words typed there start the question.
    initial = {"text": request.GET.get("text", "").strip()[:SEARCH_QUERY_MAX_LENGTH]}
    form = AskForm(request.POST or None, user=user, initial=initial)
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


class QuestionPage(ItemPage):
    actions = ACTIONS
    errors = (QuestionError,)
    template = "infodesk/question_manage.html"
    url_name = "infodesk:question_manage"
    item_name = "question"
    template_forms = {
        "answer": {"target": "answer", "implied_status": Question.Status.ANSWERED},
    }

    def find(self, number):
        return (
            Question.objects.select_related("topic", "unit", "author", "answered_by", "assigned_to")
            .filter(number=number)
            .first()
        )

    def can_view(self, user, item):
        return staff_can_view_question(user, item)

    def timeline(self, item):
        return question_timeline(item)

    def initial(self, action, item):
        if action == "answer":
            return {"answer": item.answer}
        return _faq_initial(item) if action == "faq" else {}


manage = QuestionPage().as_view()
