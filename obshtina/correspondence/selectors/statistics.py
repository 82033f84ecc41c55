"""The yearly access-to-information statistics the municipality publishes (ЗДОИ, чл. 15).

Requests count in the year they were registered; decisions, refusals and times
in the year the decision (or the forwarding / "not held" notice) was registered.
Times are calendar days from registration to that document; "in time" compares
its date with the term in force then (``details["due_on"]``, set by the procedure).
"""

import statistics
from collections import Counter
from datetime import date

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Correspondence, OutgoingDocument
from ..services.access_terms import RefusalGround

Kind = OutgoingDocument.Kind
DECISION_ROWS = [
    (Kind.DECISION_GRANT, _("пълен достъп")),
    (Kind.DECISION_PARTIAL, _("частичен достъп")),
    (Kind.DECISION_REFUSE, _("отказ")),
    (Kind.FORWARDING_NOTICE, _("препратени по компетентност")),
    (Kind.NOT_HELD_NOTICE, _("информацията не е налична")),
]
REFUSAL_KINDS = (Kind.DECISION_REFUSE, Kind.DECISION_PARTIAL)
FIRST_YEAR = 2000
SUMMARY_LABELS = {
    "requests": _("Заявления"),
    "decided": _("Решения и уведомления"),
    "in_time": _("От тях в срок"),
    "median_days": _("Медиана до решение (дни)"),
    "average_days": _("Средно до решение (дни)"),
}


def report_year(value: str | None, *, today: date) -> int:
    """The year asked for in the query string; the current one if missing or absurd."""
    try:
        year = int(value or "")
    except ValueError:
        return today.year
    return year if FIRST_YEAR <= year <= today.year + 1 else today.year


def access_statistics(*, year: int) -> dict:
    requests = Correspondence.objects.filter(
        kind=Correspondence.Kind.ACCESS_REQUEST, registered_at__year=year
    )
    by_sender = dict(requests.values_list("sender_type").annotate(count=Count("pk")).order_by())
    decisions = list(
        OutgoingDocument.objects.filter(
            correspondence__kind=Correspondence.Kind.ACCESS_REQUEST,
            kind__in=[kind for kind, _label in DECISION_ROWS],
            created_at__year=year,
        )
        .select_related("correspondence")
        .only("kind", "details", "created_at", "correspondence__registered_at")
    )
    by_kind = Counter(document.kind for document in decisions)
    by_ground = Counter(
        document.details.get("refusal_ground")
        for document in decisions
        if document.kind in REFUSAL_KINDS and document.details.get("refusal_ground")
    )
    days = [_days_to_decide(document) for document in decisions]
    tables = [
        _table(
            "by_sender_type",
            _("Заявления по вид на заявителя"),
            _("Заявител"),
            [
                (label, by_sender.get(value, 0))
                for value, label in Correspondence.SenderType.choices
            ],
        ),
        _table(
            "by_decision",
            _("Решения и уведомления по вид"),
            _("Вид"),
            [(label, by_kind.get(kind, 0)) for kind, label in DECISION_ROWS],
        ),
        _table(
            "by_refusal_ground",
            _("Откази (пълни и частични) по основание"),
            _("Основание"),
            [(label, by_ground.get(value, 0)) for value, label in RefusalGround.choices],
        ),
    ]
    figures = {
        "requests": sum(by_sender.values()),
        "decided": len(decisions),
        "in_time": sum(1 for document in decisions if _in_time(document)),
        "median_days": statistics.median(days) if days else None,
        "average_days": round(statistics.fmean(days), 1) if days else None,
    }
    return {
        "year": year,
        **figures,
        "tables": tables,
        "summary": [(SUMMARY_LABELS[key], value) for key, value in figures.items()],
    }


def _decided_on(document: OutgoingDocument) -> date:
    return timezone.localdate(document.created_at)


def _days_to_decide(document: OutgoingDocument) -> int:
    registered_on = timezone.localdate(document.correspondence.registered_at)
    return (_decided_on(document) - registered_on).days


def _in_time(document: OutgoingDocument) -> bool:
    due_on = document.details.get("due_on")
    return bool(due_on) and _decided_on(document) <= date.fromisoformat(due_on)


def _table(key: str, title, column, rows: list[tuple]) -> dict:
    return {
        "key": key,
        "title": title,
        "column": column,
        "rows": [{"label": label, "count": count} for label, count in rows],
    }
