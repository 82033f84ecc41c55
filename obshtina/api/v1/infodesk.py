"""The knowledge base (services, regulations and procedures, themes, FAQ, search) and
questions to the municipality.

A question goes through the site's own form and the ``question_submit`` service;
its public part is the number, topic, status and answer — never its text or the asker.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate
from pydantic import Field

from obshtina.infodesk.forms_questions import AskForm
from obshtina.infodesk.models import Question, Regulation, Theme
from obshtina.infodesk.selectors import public as knowledge
from obshtina.infodesk.selectors.questions import question_for_number, question_topics
from obshtina.infodesk.services.questions import question_submit

from . import patterns, schemas
from .contract import EMAIL_CHECK, PHONE_CHECK, server_checks
from .errors import ApiError
from .idempotency import CONFLICTS as IDEMPOTENCY_CONFLICTS
from .idempotency import OPENAPI as IDEMPOTENCY_KEY
from .idempotency import idempotent
from .pagination import Pages
from .submissions import submit_with_form

router = Router(tags=["Информация и въпроси"])

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_HITS = 30
KNOWN_THEME = {"theme": "a theme's slug (`GET /knowledge/themes`)"}


def _theme(slug: str | None) -> Theme | None:
    if not slug:
        return None
    theme = knowledge.theme_for_slug(slug)
    if theme is None:
        message = _("Няма такава тема.")
        raise ApiError(400, "invalid", message, fields={"theme": [message]})
    return theme


def _service(request, service) -> dict:
    unit = service.unit
    return {
        "slug": service.slug,
        "name": service.name,
        "url": request.build_absolute_uri(service.get_absolute_url()),
        "purpose": service.purpose,
        "unit": {"name": unit.name, "slug": unit.slug} if unit else None,
    }


def _regulation(request, regulation: Regulation) -> dict:
    return {
        "slug": regulation.slug,
        "title": regulation.title,
        "url": request.build_absolute_uri(regulation.get_absolute_url()),
        "kind": regulation.kind,
        "kind_label": regulation.get_kind_display(),
        "number": regulation.number,
        "adopted_on": regulation.adopted_on,
        "status": regulation.status,
        "summary": regulation.summary,
    }


@router.get(
    "knowledge/themes",
    response={200: list[schemas.ThemeOut], **schemas.errors(400)},
    summary="Теми и житейски ситуации",
)
@paginate(Pages)
def themes(request):
    return [theme for group in knowledge.themes_by_kind().values() for theme in group]


class ServicesQuery(Schema):
    theme: schemas.Text | None = Field(None, max_length=80, description="A theme's slug.")


@router.get(
    "knowledge/services",
    response={200: list[schemas.ServiceOut], **schemas.errors(400)},
    summary="Административни услуги",
)
@paginate(Pages, present=_service)
@server_checks(KNOWN_THEME)
def services(request, query: Query[ServicesQuery]):
    return knowledge.published_services(theme=_theme(query.theme))


@router.get(
    "knowledge/services/{slug}",
    response={200: schemas.ServiceDetailOut, **schemas.errors(404)},
    summary="Административна услуга",
)
def service_detail(request, slug: str):
    service = knowledge.service_for_slug(slug) if schemas.is_storable(slug) else None
    if service is None:
        raise ApiError(404, "not_found", _("Няма такава услуга."))
    return _service(request, service) | {
        "code": service.code,
        "who_may_apply": service.who_may_apply,
        "required_documents": service.required_documents,
        "fees": service.fees,
        "deadline": service.deadline,
        "apply_in_person": service.apply_in_person,
        "apply_online": service.apply_online,
        "apply_by_post": service.apply_by_post,
        "how_to_apply": service.how_to_apply,
        "legal_basis": service.legal_basis,
        "updated_at": service.updated_at,
        "themes": [theme.name for theme in service.themes.all()],
        "forms": [
            {"title": form.title, "url": request.build_absolute_uri(form.file.url)}
            for form in service.forms.all()
        ],
    }


class RegulationQuery(Schema):
    kind: Regulation.Kind | None = Field(None, description="procedure: процедури")
    status: Regulation.Status | None = None
    theme: schemas.Text | None = Field(None, max_length=80)


@router.get(
    "knowledge/regulations",
    response={200: list[schemas.RegulationOut], **schemas.errors(400)},
    summary="Наредби, правилници, решения и процедури",
)
@paginate(Pages, present=_regulation)
@server_checks(KNOWN_THEME)
def regulations(request, query: Query[RegulationQuery]):
    return knowledge.published_regulations(
        kind=query.kind.value if query.kind else "",
        status=query.status.value if query.status else "",
        theme=_theme(query.theme),
    )


@router.get(
    "knowledge/regulations/{slug}",
    response={200: schemas.RegulationDetailOut, **schemas.errors(404)},
    summary="Нормативен документ или процедура",
)
def regulation_detail(request, slug: str):
    regulation = knowledge.regulation_for_slug(slug) if schemas.is_storable(slug) else None
    if regulation is None:
        raise ApiError(404, "not_found", _("Няма такъв документ."))
    return _regulation(request, regulation) | {
        "file_url": request.build_absolute_uri(regulation.file.url) if regulation.file else None,
        "updated_at": regulation.updated_at,
        "themes": [theme.name for theme in regulation.themes.all()],
    }


def _search_hit(request, found) -> dict:
    return {
        "kind": found.hit.kind,
        "label": str(found.label),
        "title": found.hit.title,
        "url": request.build_absolute_uri(found.hit.url),
        "snippet": found.hit.snippet,
        "score": found.hit.score,
    }


class SearchQuery(Schema):
    q: str = Field(
        max_length=SEARCH_QUERY_MAX_LENGTH,
        pattern=patterns.with_message(
            patterns.at_least(knowledge.SEARCH_MIN_LENGTH),
            _lazy("Напишете поне %(count)s букви, за да търсите."),
            count=knowledge.SEARCH_MIN_LENGTH,
        ),
        description=f"At least {knowledge.SEARCH_MIN_LENGTH} characters without the spaces "
        "around them.",
    )


@router.get(
    "knowledge/search",
    response={200: list[schemas.SearchHitOut], **schemas.errors(400)},
    summary="Търсене в услугите, документите, звената и честите въпроси",
)
@paginate(Pages, present=_search_hit)
def search(request, params: Query[SearchQuery]):
    """Forgives Bulgarian word endings and typos; the best hits first, at most
    30 (`count` is then 30)."""
    return knowledge.search_results(params.q.strip())[:SEARCH_HITS]


@router.get(
    "knowledge/faq",
    response={200: list[schemas.FaqOut], **schemas.errors(400)},
    summary="Често задавани въпроси",
)
@paginate(Pages)
def faq(request):
    return [
        {
            "number": entry.number,
            "topic": entry.topic,
            "question": entry.question,
            "answer": entry.answer,
        }
        for entry in knowledge.faq_entries()
    ]


@router.get(
    "question-topics",
    response={200: list[schemas.TopicOut], **schemas.errors(400)},
    summary="Теми на въпросите",
)
@paginate(Pages)
def topics(request):
    return question_topics()


@router.post(
    "questions",
    response={201: schemas.Created, **schemas.errors(400, 403, 409, 429)},
    summary="Задаване на въпрос",
    openapi_extra=IDEMPOTENCY_KEY,
)
@decorate_view(idempotent)
@server_checks(
    {"topic": "a topic's id (`GET /question-topics`)", **EMAIL_CHECK, **PHONE_CHECK},
    state_errors=IDEMPOTENCY_CONFLICTS,
)
def question_create(request, payload: schemas.QuestionIn):
    """The text is never published. A signed-in citizen's name, e-mail and phone come
    from the profile; `access_url` is only in this answer (and in the e-mail)."""
    return submit_with_form(
        request,
        scope="questions",
        form_class=AskForm,
        data={
            "topic": payload.topic,
            "text": payload.text,
            "name": payload.name,
            "email": payload.email,
            "phone": payload.phone,
        },
        service=question_submit,
        channel=Question.Channel.API,
    )


@router.get(
    "questions/{number}",
    response={200: schemas.QuestionOut, **schemas.errors(404)},
    summary="Публичната част на въпрос",
)
def question_detail(request, number: str):
    question = question_for_number(number) if schemas.is_storable(number) else None
    if question is None:
        raise ApiError(404, "not_found", _("Няма въпрос с такъв номер."))
    return {
        "number": question.number,
        "url": request.build_absolute_uri(question.get_absolute_url()),
        "topic": question.topic.name,
        "status": question.status,
        "status_label": question.get_status_display(),
        "created_at": question.created_at,
        "answered_at": question.answered_at,
        "question": question.faq_question if question.is_faq else None,
        "answer": question.faq_answer if question.is_faq else question.answer,
    }
