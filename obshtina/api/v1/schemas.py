"""What the JSON API reads and writes: explicit lists of fields (ARCHITECTURE.md, rule 5).

Outputs name every field a client gets, so nothing personal leaves by accident;
inputs state their rules as patterns the server checks itself (``patterns``), among
them that text is something a database can store (no NUL, no lone surrogates).
"""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import BeforeValidator, Field
from pydantic.json_schema import SkipJsonSchema

from obshtina.reports.forms import DESCRIPTION_MIN_CHARACTERS
from obshtina.reports.services.alerts import RADII

from . import patterns

MAX_ID = 2**31 - 1


def is_storable(value: str) -> bool:
    """Text PostgreSQL and SQLite can store and compare: no NUL character, valid UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in value


def _blank_is_none(value):
    """An empty form field is no value (multipart has no null)."""
    return None if value == "" else value


# With a pattern, pydantic also refuses lone surrogates (`string_unicode`).
Text = Annotated[str, Field(pattern=patterns.STORABLE)]
# Text that is not only spaces, as the schema says; the services behind strip it and
# refuse it empty themselves, each with its own message on the field.
FilledText = Annotated[
    str, Field(pattern=patterns.STORABLE, json_schema_extra={"pattern": patterns.FILLED})
]
# A report's description: a few words (reports.forms: DESCRIPTION_MIN_CHARACTERS that are
# not spaces), refused by the site's form with its message on the field.
DescriptionText = Annotated[
    str,
    Field(
        pattern=patterns.STORABLE,
        json_schema_extra={"pattern": patterns.non_spaces_at_least(DESCRIPTION_MIN_CHARACTERS)},
    ),
]
# Where the server checks an e-mail address (the site's EmailField); leave it out for none.
EmailText = Annotated[
    str, Field(max_length=254, pattern=patterns.STORABLE, json_schema_extra={"format": "email"})
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Blankable = BeforeValidator(_blank_is_none)

# Multipart has no null to send: such a form field is left out, or empty, for none.
NotSent = SkipJsonSchema[None]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


# --- Errors -----------------------------------------------------------------------------
class Error(Schema):
    code: str = Field(description="Machine-readable code, e.g. `invalid`, `not_found`.")
    message: str = Field(description="What went wrong, in Bulgarian, fit to show the user.")
    fields: dict[str, list[str]] | None = Field(
        None, description="For bad input: the messages per field."
    )


def errors(*statuses: int) -> dict:
    """The error answers an operation documents, for its ``response=`` mapping."""
    return dict.fromkeys(statuses, Error)


class SlotOut(Schema):
    start: datetime = Field(description="Start, ISO 8601 with the Europe/Sofia offset.")
    end: datetime
    key: str = Field(description="The start as Sofia wall-clock time, e.g. 2026-11-24T09:30.")


class SlotTaken(Error):
    free_slots: list[SlotOut] = Field(
        description="Free slots of the requested week (or the next week that has any)."
    )


# A booking's 409: the slot was taken (with free slots), or its Idempotency-Key conflicts.
Conflict = SlotTaken | Error


# --- Reports ----------------------------------------------------------------------------
class Created(Schema):
    """A registered report or question."""

    number: str = Field(description="The registry number, e.g. С-2026-000123.")
    status: str
    url: str = Field(description="The public page.")
    access_url: str = Field(
        description="The submitter's private page (also e-mailed): keep it, never share it."
    )


class CategoryQuestionOut(Schema):
    id: int
    label: str
    help_text: str
    required: bool


class CategoryOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    notice: str = Field(description="Shown to the citizen as soon as the category is chosen.")
    urgent_question: str = Field(
        description="When not empty, ask it: the answer goes in `urgent` of the report."
    )
    urgent_notice: str = Field(
        description="What to do in urgent danger (e.g. call 112): a report answering `urgent` "
        "yes — or of a category with this notice and no question — is refused with it."
    )
    questions: list[CategoryQuestionOut] = Field(
        description="Further questions; the answers go in `answers` of the report."
    )

    @staticmethod
    def resolve_questions(category) -> list[dict]:
        return [
            {
                "id": question.pk,
                "label": question.label,
                "help_text": question.help_text,
                "required": question.is_required,
            }
            for question in category.questions.all()
        ]


class SettlementOut(Schema):
    id: int
    name: str
    kind: str
    latitude: float
    longitude: float


class StreetsQuery(Schema):
    q: Text = Field(
        "",
        max_length=100,
        description="Part of the name, in any case (`търг`, `ул. Търговска 5`); empty: "
        "every street, for an app to keep the gazetteer offline.",
    )
    settlement: Id | None = Field(None, description="Only this settlement's streets.")


class StreetOut(Schema):
    id: int
    name: str
    kind: str
    label: str = Field(description="As the site shows it: `ул. „Търговска“, гр. Самоков`.")
    settlement: int
    lat: float
    lng: float


class ReportIn(Schema):
    category: Id = Field(description="An active category's id (`GET /categories`).")
    description: DescriptionText = Field(max_length=4000)
    lat: Annotated[Latitude | NotSent, Blankable] = None
    lng: Annotated[Longitude | NotSent, Blankable] = None
    settlement: Annotated[Id | NotSent, Blankable] = Field(
        None, description="Without lat/lng, its centre is the place."
    )
    address: Text = Field(
        "",
        max_length=300,
        description="Without lat/lng and settlement, an address naming a street of "
        "`GET /streets` places the report on it.",
    )
    street: Annotated[Id | NotSent, Blankable] = Field(
        None, description="The street meant, when the address names several (`GET /streets`)."
    )
    name: Text = Field("", max_length=200)
    email: EmailText = ""
    phone: Text = Field("", max_length=40)
    urgent: Literal["", "no", "yes"] = Field(
        "", description="The answer to the category's `urgent_question`, when it has one."
    )
    answers: Text = Field(
        "",
        max_length=4000,
        description="The category's `questions` answered, as a JSON object of question id → "
        'answer, e.g. `{"12": "С-0412"}`.',
    )


class PhotoOut(Schema):
    url: str
    width: int
    height: int


class ReportEventOut(Schema):
    kind: str
    label: str
    created_at: datetime
    from_status: str
    to_status: str
    message: str


class ReportOut(Schema):
    number: str
    url: str
    category: str
    status: str
    status_label: str
    description: str
    latitude: float
    longitude: float
    settlement: str | None
    address: str
    created_at: datetime
    updated_at: datetime
    due_at: datetime | None = Field(description="While the report is open.")
    resolved_at: datetime | None
    forwarded_to: str
    public_answer: str
    duplicate_of: str | None = Field(description="The original report's number, if public.")
    photos: list[PhotoOut]
    timeline: list[ReportEventOut]


class MapMarker(Schema):
    number: str
    category: str
    status: str
    lat: float
    lng: float
    created_at: datetime
    date: str
    answer: str
    url: str


class MapCluster(Schema):
    lat: float
    lng: float
    count: int


class MapOut(Schema):
    type: Literal["markers", "clusters"]
    items: list[MapMarker | MapCluster]


class TrackOut(Schema):
    kind: str = Field(description="report, question, appointment, letter, access_request, …")
    number: str
    status: str
    status_label: str
    url: str


class MyReportOut(Schema):
    number: str
    url: str
    category: str
    status: str
    status_label: str
    created_at: datetime


class SubscriptionIn(Schema):
    number: Text = Field(max_length=64)


class SubscriptionOut(Schema):
    number: str
    url: str
    category: str
    status: str
    since: datetime


# --- Alerts for an area ------------------------------------------------------------------
class AlertIn(Schema):
    """A settlement, or a point (``lat``, ``lng``) with a radius; optionally one category."""

    email: EmailText | NotSent = None
    settlement: Id | None = None
    lat: Latitude | None = None
    lng: Longitude | None = None
    radius: Literal[RADII] = 500
    category: Id | None = None


class AlertOut(Schema):
    id: int
    area: str
    settlement: int | None
    lat: float | None
    lng: float | None
    radius: int | None
    category: int | None
    confirmed: bool
    since: datetime


class AlertRequested(Schema):
    message: str


# --- Knowledge base and questions --------------------------------------------------------
class ThemeOut(Schema):
    slug: str
    name: str
    kind: str
    description: str


class UnitRef(Schema):
    name: str
    slug: str


class ServiceOut(Schema):
    slug: str
    name: str
    url: str
    purpose: str
    unit: UnitRef | None


class ServiceFormOut(Schema):
    title: str
    url: str


class ServiceDetailOut(ServiceOut):
    code: str
    who_may_apply: str
    required_documents: str
    fees: str
    deadline: str
    apply_in_person: bool
    apply_online: bool
    apply_by_post: bool
    how_to_apply: str
    legal_basis: str
    updated_at: datetime
    themes: list[str]
    forms: list[ServiceFormOut]


class RegulationOut(Schema):
    slug: str
    title: str
    url: str
    kind: str
    kind_label: str
    number: str
    adopted_on: date | None
    status: str
    summary: str


class RegulationDetailOut(RegulationOut):
    file_url: str | None
    updated_at: datetime
    themes: list[str]


class SearchHitOut(Schema):
    kind: str
    label: str
    title: str
    url: str
    snippet: str
    score: float


class FaqOut(Schema):
    number: str
    topic: str
    question: str
    answer: str


class TopicOut(Schema):
    id: int
    name: str


class QuestionIn(Schema):
    topic: Id = Field(description="A topic's id (`GET /question-topics`).")
    text: FilledText = Field(max_length=4000)
    name: Text = Field("", max_length=200)
    email: EmailText = ""
    phone: Text = Field("", max_length=40)


class QuestionOut(Schema):
    """The public part of a question: never its text or the asker."""

    number: str
    url: str
    topic: str
    status: str
    status_label: str
    created_at: datetime
    answered_at: datetime | None
    question: str | None = Field(description="Only for a published FAQ entry: its edited text.")
    answer: str


# --- Reception hours ----------------------------------------------------------------------
class ScheduleOut(Schema):
    slug: str
    title: str
    host_name: str
    unit: str | None
    location: str
    description: str
    offers_video: bool
    url: str


class ScheduleGroupOut(Schema):
    slug: str
    name: str
    description: str
    schedules: list[ScheduleOut]


class SlotsOut(Schema):
    schedule: str
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    slots: list[SlotOut]


class AppointmentIn(Schema):
    schedule: Text = Field(max_length=120, description="The schedule's slug.")
    start: datetime = Field(description="ISO 8601; without an offset, Europe/Sofia time.")
    topic: FilledText = Field(max_length=300)
    document_number: Text = Field("", max_length=64)
    wants_video: bool = False


class CancelIn(Schema):
    reason: FilledText = Field(max_length=2000)


class MoveIn(Schema):
    start: datetime = Field(
        description="The new start, a free slot of the same schedule; ISO 8601, without an "
        "offset Europe/Sofia time."
    )


class AppointmentOut(Schema):
    number: str
    url: str
    schedule: str
    schedule_title: str
    location: str
    start: datetime
    end: datetime
    status: str
    status_label: str
    topic: str
    document_number: str
    wants_video: bool
    video_url: str
    reason: str
    created_at: datetime
    change_until: datetime = Field(
        description="Until when it may be moved or cancelled online (then by phone)."
    )


class WaitlistIn(Schema):
    topic: FilledText = Field(max_length=300)


class WaitlistOffer(Schema):
    start: datetime
    expires_at: datetime


class WaitlistOut(Schema):
    id: uuid.UUID
    schedule: str
    schedule_title: str
    topic: str
    place: int = Field(description="1: the next to be offered a freed slot.")
    since: datetime
    offer: WaitlistOffer | None = Field(
        description="A freed slot held for the citizen until `expires_at`: accept it with "
        "`POST /my/waitlist/{id}/accept`; anyone may still book it meanwhile."
    )


# --- Accounts and tokens --------------------------------------------------------------------
class MeOut(Schema):
    email: str
    first_name: str
    last_name: str
    phone: str
    email_verified: bool


class TokenIn(Schema):
    email: Text = Field(max_length=254)
    password: Text = Field(max_length=4096)
    name: Text = Field("", max_length=100, description="Which device or app, e.g. „Моят телефон“.")
    code: Text = Field(
        "",
        max_length=64,
        description="The code of the authenticator app, or a recovery code: required when "
        "the account has a second factor (always for staff).",
    )


class TokenCreated(Schema):
    id: int
    name: str
    token: str = Field(description="Shown only now: send it as `Authorization: Bearer <token>`.")
    created_at: datetime


class TokenOut(Schema):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
