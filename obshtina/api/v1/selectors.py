"""Reads the JSON API needs that no app offers as a selector."""

from django.db.models import QuerySet

from obshtina.api.models import ApiToken
from obshtina.reception.models import Schedule, ScheduleGroup
from obshtina.reception.selectors import current_schedules
from obshtina.reports.models import Category


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(is_active=True).prefetch_related("questions")


def api_tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def schedule_groups() -> list[tuple[ScheduleGroup, list[Schedule]]]:
    """The groups that have current schedules, in the site's order, with those schedules."""
    groups: dict[int, tuple[ScheduleGroup, list[Schedule]]] = {}
    for schedule in current_schedules():
        groups.setdefault(schedule.group_id, (schedule.group, []))[1].append(schedule)
    return list(groups.values())
