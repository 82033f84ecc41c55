"""Reads for the citizens' side of reception hours: current schedules by group, their
weekly hours in one line, free slots week by week, and the citizen's own meetings.

Free slots always come from ``slots.free_slots``, so a page never offers a past,
held, break, holiday or absence slot.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from obshtina.accounts.sections import FiledItem
from obshtina.core.dates import public_holidays
from obshtina.organization.permissions import can_view_appointment
from obshtina.organization.selectors import current_municipality

from .models import (
    Absence,
    Appointment,
    AppointmentEvent,
    Schedule,
    ScheduleGroup,
    WaitlistEntry,
    Weekday,
)
from .slots import SOFIA, Slot, booking_window, free_slots

WEEKDAY_SHORT = [
    pgettext_lazy("weekday", "пон."),
    pgettext_lazy("weekday", "вт."),
    pgettext_lazy("weekday", "ср."),
    pgettext_lazy("weekday", "чет."),
    pgettext_lazy("weekday", "пет."),
    pgettext_lazy("weekday", "съб."),
    pgettext_lazy("weekday", "нед."),
]
# The first look for a schedule's nearest free slot; only schedules with none look further.
NEAR_DAYS = 14

# Why a day of the week view offers nothing.
DAY_PASSED = _("Денят е отминал.")
DAY_HOLIDAY = _("Официален празник – няма приемно време.")
DAY_NOT_VALID = _("Графикът не е в сила в този ден.")
DAY_ABSENCE = _("Отсъствие – няма приемно време.")
DAY_OFF = _("Почивен ден.")
DAY_NO_HOURS = _("Няма приемно време в този ден.")
DAY_TOO_FAR = _("Още не се записва за този ден.")
DAY_FULL = _("Няма свободни часове.")

# Timeline entries a citizen may see, by the event's action.
PUBLIC_ACTIONS = {
    "requested": _("Заявена"),
    "booked": _("Записана от служител"),
    "approved": _("Одобрена"),
    "rejected": _("Отказана"),
    "cancelled_by_staff": _("Анулирана"),
    "cancelled_by_citizen": _("Отказ от срещата"),
    "rescheduled": _("Часът е променен"),
    "video_added": _("Добавена е връзка за видеосреща"),
    "held": _("Проведена"),
    "missed": _("Неявяване"),
}


# Schedules and their weekly hours ---------------------------------------------------


def current_schedules(*, today: date | None = None) -> QuerySet[Schedule]:
    """Active schedules of active groups that are valid today or later."""
    today = today or timezone.localdate()
    return (
        Schedule.objects.filter(is_active=True, group__is_active=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("group", "unit")
        .prefetch_related("windows")
        .order_by("group__order", "group__name", "order", "title")
    )


def schedule_for_slug(slug: str) -> Schedule | None:
    return current_schedules().filter(slug=slug).first()


def _matches(schedule: Schedule, words: list[str]) -> bool:
    """Every word of the query is in the title, host, group or unit name (ignoring case
    and a short Bulgarian ending: "архитекта" finds "архитект")."""
    text = " ".join(
        [
            schedule.title,
            schedule.host_name,
            schedule.group.name,
            schedule.unit.name if schedule.unit else "",
        ]
    ).casefold()
    return all(
        word in text
        or (len(word) > 4 and word[:-1] in text)
        or (len(word) > 5 and word[:-2] in text)
        for word in words
    )


@dataclass
class ScheduleCard:
    schedule: Schedule
    hours: str
    first_free: Slot | None


@dataclass
class GroupOfSchedules:
    group: ScheduleGroup
    cards: list[ScheduleCard] = field(default_factory=list)


def schedules_by_group(*, query: str = "", now: datetime | None = None) -> list[GroupOfSchedules]:
    """The index page: current schedules matching `query`, grouped, each with its hours
    in one line and its nearest free slot.

    Filtered in Python: SQLite ignores the case of Latin letters only, citizens type
    Cyrillic, and a municipality has a few dozen schedules.
    """
    now = now or timezone.now()
    words = query.casefold().split()
    schedules = [
        s for s in current_schedules(today=now.astimezone(SOFIA).date()) if _matches(s, words)
    ]
    first = first_free_slots(schedules, now=now)
    groups: dict[int, GroupOfSchedules] = {}
    for schedule in schedules:
        entry = groups.setdefault(schedule.group_id, GroupOfSchedules(schedule.group))
        entry.cards.append(ScheduleCard(schedule, hours_summary(schedule), first.get(schedule.pk)))
    return list(groups.values())


def first_free_slots(schedules: list[Schedule], *, now: datetime) -> dict[int, Slot | None]:
    """Each schedule's nearest free slot within the booking horizon (or None)."""
    if not schedules:
        return {}
    today = now.astimezone(SOFIA).date()
    last_day = booking_window(now)[1].astimezone(SOFIA).date()
    near = free_slots(
        schedules, first_day=today, last_day=today + timedelta(days=NEAR_DAYS), now=now
    )
    first = {pk: (found[0] if found else None) for pk, found in near.items()}
    rest = [schedule for schedule in schedules if first.get(schedule.pk) is None]
    if rest and last_day > today + timedelta(days=NEAR_DAYS):
        far = free_slots(
            rest, first_day=today + timedelta(days=NEAR_DAYS + 1), last_day=last_day, now=now
        )
        first.update({pk: (found[0] if found else None) for pk, found in far.items()})
    return first


def _day_ranges(schedule: Schedule) -> dict[int, tuple[tuple[time, time], ...]]:
    """Reception ranges by weekday, a break splitting its window in two."""
    ranges: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for window in sorted(schedule.windows.all(), key=lambda w: (w.weekday, w.start)):
        if window.break_start and window.break_end:
            ranges[window.weekday] += [
                (window.start, window.break_start),
                (window.break_end, window.end),
            ]
        else:
            ranges[window.weekday].append((window.start, window.end))
    return {weekday: tuple(day) for weekday, day in ranges.items()}


def _format_ranges(ranges: tuple[tuple[time, time], ...]) -> str:
    return ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in ranges)


def _format_days(weekdays: list[int]) -> str:
    """[0, 1, 2, 3, 4] → "пон.–пет."; [0, 3] → "пон., чет."."""
    runs: list[list[int]] = []
    for weekday in weekdays:
        if runs and runs[-1][-1] == weekday - 1:
            runs[-1].append(weekday)
        else:
            runs.append([weekday])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{WEEKDAY_SHORT[run[0]]}–{WEEKDAY_SHORT[run[-1]]}")
        else:
            parts.extend(str(WEEKDAY_SHORT[weekday]) for weekday in run)
    return ", ".join(parts)


def hours_summary(schedule: Schedule) -> str:
    """The weekly hours in one line: "пон.–пет. 09:00–12:00, 13:00–17:00"."""
    by_hours: dict[tuple, list[int]] = defaultdict(list)
    for weekday, ranges in sorted(_day_ranges(schedule).items()):
        by_hours[ranges].append(weekday)
    lines = sorted(by_hours.items(), key=lambda item: item[1][0])
    return "; ".join(f"{_format_days(days)} {_format_ranges(ranges)}" for ranges, days in lines)


@dataclass(frozen=True)
class WeekdayHours:
    weekday: str
    hours: str
    slot_minutes: tuple[int, ...]


def weekly_hours(schedule: Schedule) -> list[WeekdayHours]:
    """The schedule page's table: each weekday with reception, its hours and meeting length."""
    minutes: dict[int, set[int]] = defaultdict(set)
    for window in schedule.windows.all():
        minutes[window.weekday].add(window.slot_minutes)
    return [
        WeekdayHours(
            Weekday(weekday).label, _format_ranges(ranges), tuple(sorted(minutes[weekday]))
        )
        for weekday, ranges in sorted(_day_ranges(schedule).items())
    ]


# Free slots week by week ------------------------------------------------------------


@dataclass(frozen=True)
class DaySlots:
    day: date
    slots: list[Slot]
    closed: str = ""  # why the day offers nothing


@dataclass(frozen=True)
class Week:
    monday: date
    days: list[DaySlots]
    previous: date | None  # None: the current week (no earlier one is offered)
    next: date | None  # None: the booking horizon ends in this week

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def has_slots(self) -> bool:
        return any(day.slots for day in self.days)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_start(requested: str | None, *, now: datetime | None = None) -> date:
    """The Monday of the week `?week=` asks for, kept between the current week and the
    week the booking horizon ends in; anything unreadable means the current week."""
    now = now or timezone.now()
    first = monday_of(now.astimezone(SOFIA).date())
    last = monday_of(booking_window(now)[1].astimezone(SOFIA).date())
    try:
        monday = monday_of(date.fromisoformat(requested or ""))
    except ValueError:
        return first
    return min(max(monday, first), last)


def schedule_week(schedule: Schedule, *, monday: date, now: datetime | None = None) -> Week:
    """The free slots of one week, day by day, each empty day with its reason."""
    now = now or timezone.now()
    today = now.astimezone(SOFIA).date()
    latest = booking_window(now)[1].astimezone(SOFIA).date()
    sunday = monday + timedelta(days=6)
    offered = free_slots([schedule], first_day=monday, last_day=sunday, now=now)[schedule.pk]
    by_day: dict[date, list[Slot]] = defaultdict(list)
    for slot in offered:
        by_day[slot.starts_at.date()].append(slot)
    absent = _absent_days(schedule, monday, sunday)
    weekdays_open = {window.weekday for window in schedule.windows.all()}
    holidays = public_holidays(monday.year) | public_holidays(sunday.year)
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        slots = by_day.get(day, [])
        closed = ""
        if not slots:
            closed = _closed_reason(
                schedule,
                day,
                today=today,
                latest=latest,
                holidays=holidays,
                absent=absent,
                weekdays_open=weekdays_open,
            )
        days.append(DaySlots(day, slots, closed))
    first_monday = monday_of(today)
    last_monday = monday_of(latest)
    return Week(
        monday=monday,
        days=days,
        previous=monday - timedelta(days=7) if monday > first_monday else None,
        next=monday + timedelta(days=7) if monday < last_monday else None,
    )


def _closed_reason(
    schedule: Schedule,
    day: date,
    *,
    today: date,
    latest: date,
    holidays: frozenset[date],
    absent: set[date],
    weekdays_open: set[int],
) -> str:
    if day < today:
        return DAY_PASSED
    if day in holidays:
        return DAY_HOLIDAY
    if day < schedule.valid_from or (schedule.valid_until and day > schedule.valid_until):
        return DAY_NOT_VALID
    if day in absent:
        return DAY_ABSENCE
    if day.weekday() not in weekdays_open:
        return DAY_OFF if day.weekday() >= 5 else DAY_NO_HOURS
    if day > latest:
        return DAY_TOO_FAR
    return DAY_FULL


def _absent_days(schedule: Schedule, first_day: date, last_day: date) -> set[date]:
    days = set()
    for start, end in Absence.objects.filter(
        schedule=schedule, first_day__lte=last_day, last_day__gte=first_day
    ).values_list("first_day", "last_day"):
        day = max(start, first_day)
        while day <= min(end, last_day):
            days.add(day)
            day += timedelta(days=1)
    return days


def alternative_slots(
    schedule: Schedule, *, around: datetime | None, now: datetime | None = None
) -> list[DaySlots]:
    """Free slots to offer instead of one that cannot be booked: those of its week, or
    of the first later week that has any (by day, only days with slots)."""
    now = now or timezone.now()
    today = now.astimezone(SOFIA).date()
    last_day = booking_window(now)[1].astimezone(SOFIA).date()
    wanted = around.astimezone(SOFIA).date() if around else today
    first_day = max(monday_of(min(max(wanted, today), last_day)), today)
    offered = free_slots([schedule], first_day=first_day, last_day=last_day, now=now)[schedule.pk]
    if offered:
        week = monday_of(offered[0].starts_at.date())
    else:
        # Nothing from that week to the horizon (the horizon may end on the morning of
        # the last week's first day): the latest week that still has free slots.
        offered = free_slots([schedule], first_day=today, last_day=last_day, now=now)[schedule.pk]
        if not offered:
            return []
        week = monday_of(offered[-1].starts_at.date())
    by_day: dict[date, list[Slot]] = defaultdict(list)
    for slot in offered:
        if monday_of(slot.starts_at.date()) == week:
            by_day[slot.starts_at.date()].append(slot)
    return [DaySlots(day, slots) for day, slots in by_day.items()]


# The citizen's meetings -------------------------------------------------------------


def schedule_contact_phone(schedule: Schedule) -> str:
    """Whom a citizen phones about a meeting of `schedule`: its unit, else the
    municipality's contact centre."""
    if schedule.unit_id and schedule.unit.phone:
        return schedule.unit.phone
    return current_municipality().contact_phone


def has_confirmed_email(user) -> bool:
    """Booking needs a confirmed e-mail (the address invitations go to)."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def _appointments_of(user) -> QuerySet[Appointment]:
    return Appointment.objects.filter(author=user).select_related("schedule")


def upcoming_appointments(user, *, now: datetime | None = None) -> QuerySet[Appointment]:
    """Requested and approved meetings that have not ended, soonest first."""
    now = now or timezone.now()
    return (
        _appointments_of(user)
        .filter(status__in=Appointment.UPCOMING, ends_at__gt=now)
        .order_by("starts_at", "pk")
    )


def past_appointments(user, *, now: datetime | None = None) -> QuerySet[Appointment]:
    """Everything else: ended, rejected, cancelled, held or missed; latest first."""
    now = now or timezone.now()
    return (
        _appointments_of(user)
        .exclude(status__in=Appointment.UPCOMING, ends_at__gt=now)
        .order_by("-starts_at", "-pk")
    )


def appointment_for_viewer(*, user, number: str) -> Appointment | None:
    """The meeting if `user` may see it (its citizen, or those who manage its
    schedule); None otherwise, whether the number exists or not."""
    if not user.is_authenticated:
        return None
    appointment = (
        Appointment.objects.select_related("schedule", "schedule__unit", "author")
        .filter(number=number.strip())
        .first()
    )
    if appointment is None or not can_view_appointment(user, appointment):
        return None
    return appointment


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    label: str
    message: str
    by_citizen: bool


def public_timeline(appointment: Appointment) -> list[TimelineEntry]:
    """The meeting's history as its citizen sees it: known public actions only, and
    who acted only as "the citizen" or "the administration"."""
    return [
        TimelineEntry(
            at=event.at,
            label=str(PUBLIC_ACTIONS[event.action]),
            message=event.message,
            by_citizen=bool(appointment.author_id) and event.actor_id == appointment.author_id,
        )
        for event in AppointmentEvent.objects.filter(
            appointment=appointment, action__in=list(PUBLIC_ACTIONS)
        ).order_by("at", "pk")
    ]


def my_appointments_section(user) -> dict:
    """The "Моите срещи" card of "Моят профил"."""
    return {
        "title": _("Моите срещи"),
        "url": reverse("reception:mine"),
        "count": Appointment.objects.filter(author=user).count(),
        "empty": _("Все още няма заявени срещи."),
    }


def my_filed_appointments(user, *, now: datetime | None = None) -> list[FiledItem]:
    """The citizen's meeting requests in "Моите"; an upcoming one shows when it is."""
    now = now or timezone.now()
    items = []
    for appointment in _appointments_of(user):
        upcoming = appointment.status in Appointment.UPCOMING and appointment.ends_at > now
        items.append(
            FiledItem(
                kind=str(_("Среща")),
                number=appointment.number,
                subject=f"{appointment.schedule}: {appointment.topic}",
                filed_at=appointment.created_at,
                status=str(appointment.get_status_display()),
                status_code=appointment.status,
                url=appointment.get_absolute_url(),
                next_date=appointment.starts_at if upcoming else None,
                next_label=str(pgettext_lazy("meeting", "среща")) if upcoming else "",
            )
        )
    return items


def my_appointments_export(user) -> list[dict]:
    """The citizen's meetings in their personal-data export: what they asked for and what
    they were told, never who in the administration acted."""
    appointments = _appointments_of(user).prefetch_related("events").order_by("starts_at", "pk")
    return [
        {
            "number": appointment.number,
            "schedule": str(appointment.schedule),
            "location": appointment.schedule.location,
            "starts_at": appointment.starts_at.isoformat(),
            "ends_at": appointment.ends_at.isoformat(),
            "status": appointment.status,
            "channel": appointment.channel,
            "topic": appointment.topic,
            "document_number": appointment.document_number,
            "wants_video": appointment.wants_video,
            "video_url": appointment.video_url,
            "reason": appointment.reason,
            "created_at": appointment.created_at.isoformat(),
            "history": [
                {
                    "at": event.at.isoformat(),
                    "action": event.action,
                    "status": event.to_status,
                    "message": event.message,
                }
                for event in appointment.events.all()
                if event.action in PUBLIC_ACTIONS
            ],
        }
        for appointment in appointments
    ]


# The waitlist ------------------------------------------------------------------------


def waitlist_of(user) -> list[WaitlistEntry]:
    """The citizen's waitlist entries, each with its `place` (1 = next to be offered)."""
    entries = list(
        WaitlistEntry.objects.filter(citizen=user)
        .select_related("schedule")
        .order_by("schedule__title")
    )
    for entry in entries:
        entry.place = waitlist_place(entry)
    return entries


def waitlist_place(entry: WaitlistEntry) -> int:
    ahead = WaitlistEntry.objects.filter(schedule_id=entry.schedule_id).filter(
        Q(queued_at__lt=entry.queued_at) | Q(queued_at=entry.queued_at, pk__lt=entry.pk)
    )
    return ahead.count() + 1


def waitlist_entry_for(user, schedule: Schedule) -> WaitlistEntry | None:
    if not getattr(user, "pk", None):
        return None
    return WaitlistEntry.objects.filter(citizen=user, schedule=schedule).first()


def waitlist_entry_for_token(user, token: uuid.UUID) -> WaitlistEntry | None:
    """The viewer's own entry; anyone else's token finds nothing."""
    if not getattr(user, "pk", None):
        return None
    entries = WaitlistEntry.objects.select_related("schedule")
    return entries.filter(citizen=user, token=token).first()


def my_waitlist_export(user) -> list[dict]:
    """The citizen's waitlist entries in their personal-data export."""
    return [
        {
            "schedule": str(entry.schedule),
            "topic": entry.topic,
            "joined_at": entry.created_at.isoformat(),
            "offered_starts_at": entry.offered_starts_at.isoformat()
            if entry.offered_starts_at
            else None,
            "offer_expires_at": entry.offer_expires_at.isoformat()
            if entry.offer_expires_at
            else None,
        }
        for entry in WaitlistEntry.objects.filter(citizen=user).select_related("schedule")
    ]
