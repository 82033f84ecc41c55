"""Property tests of the JSON API against its own OpenAPI schema (schemathesis).

Every operation gets generated requests in both of schemathesis's modes: positive
(schema-valid) and negative (schema-invalid), and each again with real numbers and
ids, so the services behind are reached too. Every answer must be no server error,
a status code and content type the schema declares, a body that matches the schema,
and every error the API's JSON. A schema-valid request may be refused (400, 409)
only for a rule the operation declares (``obshtina.api.v1.contract``): the schema
describes what the server checks. Bounded: a few minutes on two cores.
"""

import json
import uuid
from dataclasses import dataclass

import pytest
import schemathesis
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.core.wsgi import get_wsgi_application
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from obshtina.accounts.tests.factories import UserFactory
from obshtina.api.v1.api import api
from obshtina.api.v1.contract import SERVER_CHECKS, STATE_ERRORS
from obshtina.api.v1.services import api_token_issue
from obshtina.core import idempotency
from obshtina.infodesk.models import QuestionTopic, Regulation
from obshtina.infodesk.services.questions import question_submit
from obshtina.infodesk.tests.knowledge_factories import (
    RegulationFactory,
    ServiceFactory,
    ThemeFactory,
)
from obshtina.organization.models import Settlement
from obshtina.reception.models import WaitlistEntry
from obshtina.reception.tests.factories import ScheduleFactory, at, book, next_weekday
from obshtina.reports.models import Subscription
from obshtina.reports.services.alerts import area_alert_request
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory, UnitFactory, submit_report
from obshtina.reports.tests.submit_photos import jpeg_bytes

from .fuzzing import HYPOTHESIS_SETTINGS, put_known_values
from .v1_helpers import bearer

# The schema as the API serves it, read without a request: collection has no database,
# and every request is for a municipality, found by its host (organization.hosts).
# test_the_served_schema_is_the_one_tested checks that the two are the same.
SCHEMA_PATH = "/api/v1/openapi.json"
SERVED_SCHEMA = json.loads(
    json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), cls=DjangoJSONEncoder)
)


def schema_generating(mode: GenerationMode):
    loaded = schemathesis.openapi.from_dict(SERVED_SCHEMA)
    loaded.config.generation.update(modes=[mode])
    loaded.app = get_wsgi_application()
    loaded.location = SCHEMA_PATH
    return loaded


positive = schema_generating(GenerationMode.POSITIVE)
negative = schema_generating(GenerationMode.NEGATIVE)


@pytest.mark.django_db
def test_the_served_schema_is_the_one_tested(client):
    assert client.get(SCHEMA_PATH).json() == SERVED_SCHEMA


def errors_in_the_api_format(ctx, response, case):
    """Every error is the API's JSON {"code", "message"}, also for requests too broken to
    reach an endpoint (an undeclared method, multipart without its boundary)."""
    if response.status_code < 400 or response.request.method == "HEAD":
        return
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type.startswith("application/json"), (
        f"{content_type!r}: {response.content[:80]!r}"
    )
    body = json.loads(response.content)
    assert isinstance(body.get("code"), str) and body["code"], body
    assert isinstance(body.get("message"), str) and body["message"], body


def refusals_of_valid_input_are_documented(ctx, response, case):
    """A schema-valid request is refused only for what the operation declares: a field
    named in its ``x-server-checks``, or a code of its ``x-state-errors``."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    if response.status_code not in (400, 409, 422):
        return
    operation = case.operation.definition.raw
    body = json.loads(response.content)
    if body.get("fields"):
        undeclared = set(body["fields"]) - set(operation.get(SERVER_CHECKS, {}))
        assert not undeclared, f"refused for {sorted(undeclared)}, not in {SERVER_CHECKS}: {body}"
    else:
        assert body["code"] in operation.get(STATE_ERRORS, {}), (
            f"refused without fields, code not in {STATE_ERRORS}: {body}"
        )


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    errors_in_the_api_format,
]


@dataclass
class World:
    """What the generated requests can find: a citizen's token, and real numbers, slugs
    and ids by operation path, to put in place of random ones so that requests also
    reach the services behind."""

    citizen: object
    values: dict[str, dict[str, object]]

    def headers(self, case, *, fresh_key: bool = False) -> dict:
        """A fresh token for a private operation (a request may revoke its own token);
        with `fresh_key`, a new Idempotency-Key where the case has one, so that the
        request with real values reaches the service instead of an earlier answer."""
        headers = bearer(self.citizen) if case.operation.definition.raw.get("security") else {}
        if fresh_key and idempotency.HEADER in (case.headers or {}):
            headers[idempotency.HEADER] = uuid.uuid4().hex
        return headers

    def known(self, case) -> bool:
        """Put real values into `case`; False if it has none."""
        return put_known_values(case, self.values.get(case.operation.path, {}))


@pytest.fixture
def world(db, settings, wsgi_in_test_transaction) -> World:
    """Something of every kind, and a citizen with a token for the private part."""
    settings.API_RATE_LIMIT = "100000/1m"
    cache.clear()
    citizen = UserFactory()
    category = CategoryFactory(slug="pytishta")
    report = submit_report(category=category, author=citizen)
    Subscription.objects.create(user=citizen, report=report)
    theme = ThemeFactory(slug="stroitelstvo")
    ServiceFactory(slug="udostoverenie", themes=[theme])
    RegulationFactory(slug="protsedura", kind=Regulation.Kind.PROCEDURE)
    topic = QuestionTopic.objects.create(name="Данъци", unit=UnitFactory())
    question = question_submit(topic=topic, text="Кога се плаща данъкът?")
    settlement = Settlement.objects.create(name="Говедарци", latitude=42.24, longitude=23.47)
    schedule = ScheduleFactory(slug="kmet")
    tuesday = next_weekday(1)
    appointment = book(schedule, at(tuesday, "10:00"), author=citizen)
    spare_token, _secret = api_token_issue(user=citizen, name="Резервен")
    alert = area_alert_request(email=citizen.email, settlement=settlement, user=citizen)
    waiting = WaitlistEntry.objects.create(
        municipality_id=schedule.municipality_id,
        schedule=ScheduleFactory(slug="pylno"),
        citizen=citizen,
        topic="Скица",
    )
    report_number = {"number": report.number}
    appointment_number = {"number": appointment.number}
    return World(
        citizen=citizen,
        values={
            "/api/v1/reports": {
                "category": category.pk,
                "lat": SAMOKOV[0],
                "lng": SAMOKOV[1],
                "settlement": settlement.pk,
                "email": "maria@example.bg",
                "photos": [jpeg_bytes((64, 48))],
            },
            "/api/v1/reports/{number}": report_number,
            "/api/v1/track/{number}": report_number,
            "/api/v1/map": {"bbox": "42.2,23.3,42.5,23.7"},
            "/api/v1/my/subscriptions": report_number,
            "/api/v1/my/subscriptions/{number}": report_number,
            "/api/v1/questions": {"topic": topic.pk, "email": "maria@example.bg"},
            "/api/v1/questions/{number}": {"number": question.number},
            "/api/v1/knowledge/services/{slug}": {"slug": "udostoverenie"},
            "/api/v1/knowledge/regulations/{slug}": {"slug": "protsedura"},
            "/api/v1/reception/schedules/{slug}/slots": {"slug": "kmet"},
            "/api/v1/appointments": {
                "schedule": "kmet",
                "start": at(tuesday, "11:00").isoformat(),
            },
            "/api/v1/appointments/{number}": appointment_number,
            "/api/v1/appointments/{number}/cancel": appointment_number,
            "/api/v1/appointments/{number}/move": {
                **appointment_number,
                "start": f"{tuesday}T11:30",
            },
            "/api/v1/alerts": {
                "settlement": settlement.pk,
                "category": category.pk,
                "lat": SAMOKOV[0],
                "lng": SAMOKOV[1],
                "email": "maria@example.bg",
            },
            "/api/v1/my/alerts/{alert_id}": {"alert_id": alert.pk},
            "/api/v1/reception/schedules/{slug}/waitlist": {"slug": "kmet"},
            "/api/v1/my/waitlist/{entry_id}": {"entry_id": str(waiting.token)},
            "/api/v1/my/waitlist/{entry_id}/accept": {"entry_id": str(waiting.token)},
            "/api/v1/auth/tokens/{token_id}": {"token_id": spare_token.pk},
            "/api/v1/auth/token": {"email": citizen.email},
        },
    )


def call_as_generated_and_with_known_values(case, world, checks) -> None:
    case.call_and_validate(headers=world.headers(case), checks=checks)
    if world.known(case):
        case.call_and_validate(headers=world.headers(case, fresh_key=True), checks=checks)


@positive.parametrize()
@hypothesis_settings(max_examples=15, **HYPOTHESIS_SETTINGS)
def test_valid_requests_are_refused_only_for_the_documented_server_checks(case, world):
    assert case.meta.generation.mode.is_positive
    call_as_generated_and_with_known_values(
        case, world, [*CHECKS, refusals_of_valid_input_are_documented]
    )


@negative.parametrize()
@hypothesis_settings(max_examples=15, **HYPOTHESIS_SETTINGS)
def test_invalid_requests_are_refused_in_the_api_format(case, world):
    assert case.meta.generation.mode.is_negative
    call_as_generated_and_with_known_values(case, world, CHECKS)
