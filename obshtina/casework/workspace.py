"""The officials' workspace ("Моята работа"): every kind of handled item in one list.

Each app describes its items once, as a ``WorkSource`` registered in its
``AppConfig.ready()``; this module filters, counts, sorts and pages them all the
same way, so the workspace is a selector over the kinds, not a fifth queue:

    register_work_source(WorkSource(key="reports", model=Report, ...))

Sorting by deadline across tables: page N of the merged list is among the first
N × page size rows of each source by deadline, so each source reads only those.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from django.db import models
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from obshtina.core.dates import end_of_day
from obshtina.organization.permissions import (
    kinds_managed_everywhere,
    kinds_viewed_everywhere,
    unit_ids_of,
)

STAGE_NEW = "new"  # nobody has taken it up yet
STAGE_WORKING = "working"  # in hand
STAGE_WAITING = "waiting"  # waiting for the citizen (a clarification)
STAGE_DONE = "done"  # nothing more is owed
OPEN_STAGES = (STAGE_NEW, STAGE_WORKING, STAGE_WAITING)

DUE_OVERDUE = "overdue"
DUE_TODAY = "today"
DUE_WEEK = "week"
DUE_NONE = "none"
WEEK_DAYS = 7  # "this week": today and the six days after it

ASSIGNEE_ME = "me"
ASSIGNEE_NOBODY = "nobody"

ORDER_DUE = "due"  # soonest deadline first (the default)
ORDER_NEWEST = "newest"  # the latest filed first

StageRule = Q | Callable[[datetime], Q]

NO_DEADLINE = datetime.max.replace(tzinfo=UTC)  # sorts after every deadline


@dataclass(frozen=True)
class Moment:
    """ "Now" and the day boundaries the deadline filters count with (Europe/Sofia)."""

    now: datetime
    today: date

    @classmethod
    def at(cls, now: datetime | None = None) -> "Moment":
        now = now or timezone.now()
        return cls(now=now, today=timezone.localdate(now))

    @property
    def end_of_today(self) -> datetime:
        return end_of_day(self.today)

    @property
    def week_end(self) -> datetime:
        return end_of_day(self.today + timedelta(days=WEEK_DAYS - 1))


@dataclass(frozen=True)
class WorkFilters:
    kind: str = ""  # a KIND_* name, or a source's key for every kind it holds
    unit_id: int | None = None
    stage: str = ""  # one of the STAGE_* names; empty: every open item
    assignee: str = ""  # ASSIGNEE_ME, ASSIGNEE_NOBODY, a user's pk; empty: anyone
    due: str = ""  # one of the DUE_* names
    search: str = ""
    # Only when ``kind`` names one source: one of its statuses (instead of the
    # stage) and the values of its own filters, by name.
    status: str = ""
    extra: dict = field(default_factory=dict)
    order: str = ORDER_DUE


@dataclass(frozen=True)
class KindFilter:
    """A filter only one kind has (a report's category, a question's topic):
    offered once the list is narrowed to that kind."""

    name: str
    label: object
    choices: Callable[[], QuerySet]  # the rows to choose from
    lookup: str  # the item's field the chosen row is matched to


@dataclass(frozen=True)
class WorkItem:
    """One row of the workspace, whatever its kind."""

    source: str
    kind: str
    kind_label: str
    number: str
    subject: str
    unit_name: str
    status: str  # the status's label
    stage: str
    created_at: datetime
    due: datetime | None  # a date deadline counts to the end of its day
    assignee_name: str
    url: str  # the item's staff page
    can_assign: bool

    @property
    def key(self) -> str:
        """What a bulk form posts to name the item."""
        return f"{self.source}:{self.number}"

    def is_overdue(self, now: datetime) -> bool:
        return self.stage in OPEN_STAGES and self.due is not None and self.due < now


@dataclass(frozen=True)
class WorkSource:
    """How one app's items enter the workspace.

    ``scope(user)`` is the Q of the items the user handles (``Q()`` for all of them)
    or None for none; ``stages`` maps every STAGE_* name to the Q of its items (or a
    function of now giving it); ``row(item, user)`` builds the WorkItem;
    ``assign(item, actor, assignee)`` is the app's own assignment service.
    """

    key: str
    model: type[models.Model]
    kinds: tuple[tuple[str, str], ...]  # (KIND_* name, label) of the items it holds
    scope: Callable[[object], Q | None]
    stages: dict[str, StageRule]
    due_field: str
    search_fields: tuple[str, ...]
    row: Callable[[models.Model, object], WorkItem]
    kind_field: str = ""  # the model's field holding the kind, if it holds several
    # Who may look items up without handling them (the contact centre): the Q of
    # what they see, read only; None: the same as ``scope``.
    view_scope: Callable[[object], Q | None] | None = None
    label: object = ""  # the source as a whole, for the kind filter ("Всички документи")
    statuses: type[models.TextChoices] | None = None
    status_field: str = "status"
    filters: tuple[KindFilter, ...] = ()
    unit_field: str = "unit"
    assignee_field: str = ""  # empty: its items are not assigned to one person
    created_field: str = "created_at"
    related: tuple[str, ...] = ()
    assign: Callable[..., object] | None = None
    unassign: Callable[..., object] | None = None
    number_field: str = "number"

    @property
    def due_is_date(self) -> bool:
        return isinstance(self.model._meta.get_field(self.due_field), models.DateField) and not (
            isinstance(self.model._meta.get_field(self.due_field), models.DateTimeField)
        )

    def stage_q(self, stage: str, moment: Moment) -> Q:
        rule = self.stages.get(stage)
        if rule is None:
            return Q(pk__in=[])
        return rule(moment.now) if callable(rule) else rule

    def open_q(self, moment: Moment) -> Q:
        result = Q(pk__in=[])
        for stage in OPEN_STAGES:
            if stage in self.stages:
                result |= self.stage_q(stage, moment)
        return result

    def due_q(self, due: str, moment: Moment) -> Q:
        name = self.due_field
        if due == DUE_NONE:
            return Q(**{f"{name}__isnull": True})
        if self.due_is_date:
            bounds = {
                DUE_OVERDUE: Q(**{f"{name}__lt": moment.today}),
                DUE_TODAY: Q(**{name: moment.today}),
                DUE_WEEK: Q(
                    **{
                        f"{name}__gte": moment.today,
                        f"{name}__lt": moment.today + timedelta(days=WEEK_DAYS),
                    }
                ),
            }
        else:
            bounds = {
                DUE_OVERDUE: Q(**{f"{name}__lt": moment.now}),
                DUE_TODAY: Q(**{f"{name}__gte": moment.now, f"{name}__lte": moment.end_of_today}),
                DUE_WEEK: Q(**{f"{name}__gte": moment.now, f"{name}__lte": moment.week_end}),
            }
        return bounds.get(due, Q())

    def holds_kind(self, kind: str) -> bool:
        return kind == self.key or any(code == kind for code, _label in self.kinds)

    def viewing_scope(self, user) -> Q | None:
        return (self.view_scope or self.scope)(user)


_sources: dict[str, WorkSource] = {}


def register_work_source(source: WorkSource) -> None:
    _sources[source.key] = source


def work_sources() -> list[WorkSource]:
    return list(_sources.values())


def work_source(key: str) -> WorkSource | None:
    return _sources.get(key)


def work_kinds() -> list[tuple[str, str]]:
    """Every kind the workspace can hold, for its filter; a source of several kinds
    is offered as a whole too."""
    choices = []
    for source in work_sources():
        if len(source.kinds) > 1 and source.label:
            choices.append((source.key, source.label))
        choices.extend(source.kinds)
    return choices


def source_of_kind(kind: str) -> WorkSource | None:
    """The one source a kind filter narrows the list to."""
    if not kind:
        return None
    return next((source for source in work_sources() if source.holds_kind(kind)), None)


def sources_for(user) -> list[tuple[WorkSource, Q]]:
    """The sources of which the user sees something, with the scope of each."""
    scoped = []
    for source in work_sources():
        scope = source.viewing_scope(user)
        if scope is not None:
            scoped.append((source, scope))
    return scoped


def workspace_holds_work_for(user) -> bool:
    """Does any kind give the user items to handle (an operator only looks them up)?"""
    return any(source.scope(user) is not None for source in work_sources())


def _items(
    source: WorkSource, scope: Q, *, user, filters: WorkFilters, moment: Moment
) -> QuerySet | None:
    if filters.kind and not source.holds_kind(filters.kind):
        return None
    items = source.model.objects.filter(scope)
    if filters.kind and filters.kind != source.key and source.kind_field:
        items = items.filter(**{source.kind_field: filters.kind})
    if filters.unit_id:
        items = items.filter(**{f"{source.unit_field}_id": filters.unit_id})
    if filters.status and source.statuses is not None:
        items = items.filter(**{source.status_field: filters.status})
    elif filters.stage:
        items = items.filter(source.stage_q(filters.stage, moment))
    else:
        items = items.filter(source.open_q(moment))
    for kind_filter in source.filters:
        value = filters.extra.get(kind_filter.name)
        if value is not None:
            items = items.filter(**{kind_filter.lookup: value})
    if filters.assignee:
        if not source.assignee_field:
            return None
        if filters.assignee == ASSIGNEE_ME:
            items = items.filter(**{source.assignee_field: user})
        elif filters.assignee == ASSIGNEE_NOBODY:
            items = items.filter(**{f"{source.assignee_field}__isnull": True})
        else:
            items = items.filter(**{f"{source.assignee_field}_id": filters.assignee})
    if filters.due:
        items = items.filter(source.due_q(filters.due, moment))
    search = filters.search.strip()
    if search:
        text = Q(**{source.number_field: search.upper()})
        for name in (source.number_field, *source.search_fields):
            text |= Q(**{f"{name}__icontains": search})
        items = items.filter(text)
    return items


@dataclass(frozen=True)
class WorkPage:
    items: list[WorkItem]
    total: int
    number: int
    page_size: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def paginator(self) -> "WorkPage":  # the shared pagination include reads page.paginator
        return self


def workspace_page(
    *, user, filters: WorkFilters, page: int = 1, page_size: int = 50, now: datetime | None = None
) -> WorkPage:
    """One page of the user's items, soonest deadline first (items without one last,
    then the oldest first), or the latest filed first.

    The merge reads only the sort keys of each source's first N × page size items;
    the page's own rows are then read in full, so a later page costs little more."""
    moment = Moment.at(now)
    newest = filters.order == ORDER_NEWEST
    wanted = max(page, 1) * page_size
    candidates = []  # (sort key, source, pk)
    total = 0
    for source, scope in sources_for(user):
        items = _items(source, scope, user=user, filters=filters, moment=moment)
        if items is None:
            continue
        total += items.count()
        if newest:
            ordering = (F(source.created_field).desc(), "-pk")
        else:
            ordering = (F(source.due_field).asc(nulls_last=True), source.created_field, "pk")
        keys = items.order_by(*ordering).values_list(
            "pk", source.due_field, source.created_field, source.number_field
        )
        for pk, due, created, number in keys[:wanted]:
            if newest:
                key = (-created.timestamp(), number)
            else:
                key = (deadline_moment(due) or NO_DEADLINE, created, number)
            candidates.append((key, source, pk))
    candidates.sort(key=lambda candidate: candidate[0])
    number = min(max(page, 1), max(1, -(-total // page_size)))
    start = (number - 1) * page_size
    chosen = candidates[start : start + page_size]
    return WorkPage(items=_rows(chosen, user), total=total, number=number, page_size=page_size)


def _rows(chosen: list, user) -> list[WorkItem]:
    """The WorkItems of the chosen (key, source, pk), in their order: one query a source."""
    by_source = {}
    for _key, source, pk in chosen:
        by_source.setdefault(source.key, (source, []))[1].append(pk)
    loaded = {
        key: {
            row.pk: row
            for row in source.model.objects.filter(pk__in=pks).select_related(*source.related)
        }
        for key, (source, pks) in by_source.items()
    }
    return [source.row(loaded[source.key][pk], user) for _key, source, pk in chosen]


@lru_cache(maxsize=256)
def _labels(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """A choice's label in the current language, read once per language: a list of
    rows need not translate each row's label again (``get_FOO_display`` does)."""
    return _labels(choices, get_language()).get(value, value)


def workspace_counts(*, user, now: datetime | None = None) -> dict[str, int]:
    """The header: how many open items are new, due today, due this week, overdue."""
    moment = Moment.at(now)
    counts = {STAGE_NEW: 0, DUE_TODAY: 0, DUE_WEEK: 0, DUE_OVERDUE: 0}
    for source, scope in sources_for(user):
        items = source.model.objects.filter(scope).filter(source.open_q(moment))
        figures = items.aggregate(
            new=Count("pk", filter=source.stage_q(STAGE_NEW, moment)),
            today=Count("pk", filter=source.due_q(DUE_TODAY, moment)),
            week=Count("pk", filter=source.due_q(DUE_WEEK, moment)),
            overdue=Count("pk", filter=source.due_q(DUE_OVERDUE, moment)),
        )
        for name, value in figures.items():
            counts[name] += value
    return counts


def item_for_work(*, key: str, user):
    """The item a bulk form names as "<source>:<number>", if the user handles it."""
    source_key, _, number = key.partition(":")
    source = work_source(source_key)
    if source is None or not number:
        return None, None
    scope = source.scope(user)  # only what the user handles can be assigned from here
    if scope is None:
        return source, None
    item = source.model.objects.filter(scope).filter(**{source.number_field: number}).first()
    return source, item


def unit_scope(user, kind: str, *, unit_field: str = "unit", viewing: bool = False) -> Q | None:
    """The usual scope: every item of ``kind`` for the roles that manage it (with
    ``viewing``: see it) everywhere, else the items of the user's units, else none."""
    everywhere = kinds_viewed_everywhere(user) if viewing else kinds_managed_everywhere(user)
    if kind in everywhere:
        return Q()
    unit_ids = unit_ids_of(user)
    return Q(**{f"{unit_field}__in": unit_ids}) if unit_ids else None


def deadline_moment(value: date | datetime | None) -> datetime | None:
    """A deadline as the moment it passes: a date lasts to the end of its day."""
    if value is None or isinstance(value, datetime):
        return value
    return end_of_day(value)


def person_name(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def _handles_some_kind_everywhere(user) -> bool:
    return bool(kinds_managed_everywhere(user))


def units_for_filter(user) -> QuerySet:
    """The units the user may narrow the list to: their own, or every active unit
    for the roles that serve a kind everywhere."""
    from obshtina.organization.models import Unit

    if _handles_some_kind_everywhere(user):
        return Unit.objects.filter(is_active=True).order_by("name")
    return Unit.objects.filter(pk__in=unit_ids_of(user)).order_by("name")


def colleagues_of(user) -> QuerySet:
    """Whom the user may give work to: the active members of their units (of every
    unit for the roles that serve a kind everywhere), themselves included."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(is_active=True, memberships__isnull=False)
    if not _handles_some_kind_everywhere(user):
        people = people.filter(memberships__unit__in=unit_ids_of(user))
    return people.distinct().order_by("last_name", "first_name", "email")
