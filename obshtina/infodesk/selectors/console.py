"""What the operator console reads: answers to read aloud, the caller's items, the call log."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import phonenumbers
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from obshtina.core.phones import phone_e164
from obshtina.correspondence.models import Correspondence
from obshtina.organization.models import Unit
from obshtina.reception.models import Appointment
from obshtina.reports.models import Report

from ..models import CallLog, Question, Service
from .search import search_knowledge

ANSWER_LIMIT = 8
CALL_LOG_DAYS = 14


@dataclass
class Answer:
    """A search hit with what the operator reads to the caller."""

    kind: str
    title: str
    url: str
    snippet: str
    service: Service | None = None
    unit: Unit | None = None


def console_answers(query: str) -> list[Answer]:
    """The best knowledge-base entries for `query`, services and units with their details."""
    hits = search_knowledge(query, limit=ANSWER_LIMIT)
    answers = [Answer(hit.kind, hit.title, hit.url, hit.snippet) for hit in hits]
    services = {
        service.get_absolute_url(): service
        for service in Service.objects.filter(
            is_published=True, name__in=[a.title for a in answers if a.kind == "service"]
        ).select_related("unit")
    }
    units = {unit.name: unit for unit in Unit.objects.filter(name__in=[a.title for a in answers])}
    for answer in answers:
        if answer.kind == "service":
            answer.service = services.get(answer.url)
            answer.unit = answer.service.unit if answer.service else None
        elif answer.kind == "unit":
            answer.unit = units.get(answer.title)
    return answers


def _loose_phone_pattern(e164: str) -> str:
    """A regex for the national digits with anything between them, at the end of the
    text: phones in items are typed freely ("0888 123 456", "+359-888-123456")."""
    national = str(phonenumbers.parse(e164).national_number)
    return r"\D*".join(national) + r"\D*$"


def _same_phone(stored: str, e164: str) -> bool:
    return phone_e164(stored) == e164


@dataclass
class CallerItems:
    reports: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    letters: list = field(default_factory=list)
    appointments: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.all_items())

    def all_items(self) -> list:
        return [*self.reports, *self.questions, *self.letters, *self.appointments]


def _matching(queryset: QuerySet, *, phone_field: str, email_field: str, e164: str, email: str):
    """Items whose own phone or e-mail, or whose author's, is the caller's."""
    condition = Q()
    if e164:
        condition |= Q(**{f"{phone_field}__regex": _loose_phone_pattern(e164)})
        condition |= Q(author__phone=e164)
    if email:
        condition |= Q(**{f"{email_field}__iexact": email})
        condition |= Q(author__email__iexact=email)
    rows = queryset.filter(condition).select_related("author")[:50]

    def really_matches(item) -> bool:
        # The regex is loose ("0888…" also matches "+44 888…"): check the number exactly.
        if email and (
            getattr(item, email_field).lower() == email
            or (item.author and item.author.email.lower() == email)
        ):
            return True
        return bool(e164) and (
            _same_phone(getattr(item, phone_field), e164)
            or (item.author is not None and str(item.author.phone or "") == e164)
        )

    return [item for item in rows if really_matches(item)]


def caller_items(*, phone: str = "", email: str = "") -> CallerItems:
    """The caller's reports, questions, letters and reception meetings, newest first.

    Letters come with their number, kind and status only: operators may not
    read letters (see ``organization.permissions``); meetings with their time,
    schedule and status, for the caller who asks "when is my appointment?".
    """
    e164 = phone_e164(phone) if phone else ""
    email = (email or "").strip().lower()
    if not e164 and not email:
        return CallerItems()
    match = {"e164": e164, "email": email}
    return CallerItems(
        reports=_matching(
            Report.objects.select_related("category").order_by("-created_at"),
            phone_field="submitter_phone",
            email_field="submitter_email",
            **match,
        ),
        questions=_matching(
            Question.objects.select_related("topic").order_by("-created_at"),
            phone_field="asker_phone",
            email_field="asker_email",
            **match,
        ),
        letters=_matching(
            Correspondence.objects.only(
                "number",
                "kind",
                "status",
                "registered_at",
                "sender_phone",
                "sender_email",
                "author",
            ).order_by("-registered_at"),
            phone_field="sender_phone",
            email_field="sender_email",
            **match,
        ),
        appointments=_matching(
            Appointment.objects.select_related("schedule").order_by("-starts_at"),
            phone_field="citizen_phone",
            email_field="citizen_email",
            **match,
        ),
    )


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


def calls_of_day(day: date) -> QuerySet[CallLog]:
    start, end = _day_bounds(day)
    return (
        CallLog.objects.filter(started_at__gte=start, started_at__lt=end)
        .select_related("operator")
        .order_by("started_at")
    )


def outcome_counts(day: date) -> dict[str, int]:
    """{outcome: number of calls} for the day, every outcome present."""
    counts = dict.fromkeys(CallLog.Outcome.values, 0)
    for row in calls_of_day(day).order_by().values("outcome").annotate(n=Count("pk")):
        counts[row["outcome"]] = row["n"]
    return counts


def daily_counts(until: date, days: int = CALL_LOG_DAYS) -> list[dict]:
    """For each of the last `days` days up to `until`, newest first: the day, the
    total and the counts by outcome (in ``CallLog.Outcome`` order)."""
    first = until - timedelta(days=days - 1)
    start, _ = _day_bounds(first)
    _, end = _day_bounds(until)
    zone = timezone.get_current_timezone()
    table = {
        first + timedelta(days=n): dict.fromkeys(CallLog.Outcome.values, 0) for n in range(days)
    }
    rows = CallLog.objects.filter(started_at__gte=start, started_at__lt=end).values_list(
        "started_at", "outcome"
    )
    for started_at, outcome in rows:
        day = timezone.localtime(started_at, zone).date()
        if day in table and outcome in table[day]:
            table[day][outcome] += 1
    return [
        {
            "day": day,
            "total": sum(counts.values()),
            "counts": [counts[value] for value in CallLog.Outcome.values],
        }
        for day, counts in sorted(table.items(), reverse=True)
    ]
