"""Free slots: which meetings a schedule can still offer, day by day.

A slot is computed from the schedule's weekly windows in Europe/Sofia wall-clock
time, so a 09:00 window stays 09:00 in summer and winter; a wall-clock time that
does not exist (the hour skipped on the last Sunday of March) is never offered,
and one that happens twice (the last Sunday of October) means its first instance.

Past slots, slots within the booking notice, slots held by a meeting, breaks,
public holidays and absences are never offered. The computation reads the
windows, absences and held meetings of all the schedules in three queries and
compares timestamps, so a whole group over several weeks stays cheap
(bench/reception_slots.py).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Func, IntegerField
from django.utils import timezone

from obshtina.core.dates import public_holidays

from .models import Absence, Appointment, Schedule, ScheduleWindow

SOFIA = ZoneInfo("Europe/Sofia")
_EPOCH = datetime(1970, 1, 1)


class _Epoch(Func):
    """Seconds since 1970 of a datetime column, computed by the database: reading
    thousands of meetings as numbers is much cheaper than as datetimes."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS BIGINT)",
            **extra,
        )


class Slot:
    """One free meeting time of a schedule. Kept as two timestamps: a group's slots
    over weeks are thousands, and only the shown ones become datetimes."""

    __slots__ = ("end_ts", "schedule_id", "start_ts")

    def __init__(self, schedule_id: int, start_ts: float, end_ts: float):
        self.schedule_id = schedule_id
        self.start_ts = start_ts
        self.end_ts = end_ts

    @classmethod
    def between(cls, schedule_id: int, starts_at: datetime, ends_at: datetime) -> "Slot":
        return cls(schedule_id, starts_at.timestamp(), ends_at.timestamp())

    @property
    def starts_at(self) -> datetime:
        """Aware, Europe/Sofia."""
        return datetime.fromtimestamp(self.start_ts, SOFIA)

    @property
    def ends_at(self) -> datetime:
        return datetime.fromtimestamp(self.end_ts, SOFIA)

    @property
    def key(self) -> str:
        """The slot's name in forms and URLs: local wall-clock start, "2026-11-24T09:30"."""
        return self.starts_at.strftime("%Y-%m-%dT%H:%M")

    def __eq__(self, other):
        return isinstance(other, Slot) and (
            self.schedule_id,
            self.start_ts,
            self.end_ts,
        ) == (other.schedule_id, other.start_ts, other.end_ts)

    def __hash__(self):
        return hash((self.schedule_id, self.start_ts, self.end_ts))

    def __repr__(self):
        return f"Slot({self.schedule_id}, {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M})"


class Unavailable(Enum):
    """Why a requested time is not a free slot (each has its own message for the citizen)."""

    PAST = "past"
    TOO_SOON = "too_soon"
    TOO_FAR = "too_far"
    NOT_VALID = "not_valid"  # the schedule is inactive or not valid on that day
    HOLIDAY = "holiday"
    ABSENCE = "absence"
    OUTSIDE = "outside"  # not a slot of the schedule's windows (or in a break)
    TAKEN = "taken"


@dataclass(frozen=True, slots=True)
class _Window:
    start: time
    end: time
    step: timedelta
    break_start: time | None
    break_end: time | None


def parse_slot_key(key: str) -> datetime | None:
    """ "2026-11-24T09:30" (Sofia wall clock) → an aware datetime; None if malformed."""
    try:
        naive = datetime.strptime(key, "%Y-%m-%dT%H:%M")
    except (TypeError, ValueError):
        return None
    return naive.replace(tzinfo=SOFIA)


def booking_window(now: datetime | None = None) -> tuple[datetime, datetime]:
    """The earliest and the latest start a citizen may book now."""
    now = now or timezone.now()
    earliest = now + timedelta(minutes=settings.RECEPTION_MIN_NOTICE_MINUTES)
    latest = now + timedelta(days=settings.RECEPTION_BOOKING_HORIZON_DAYS)
    return earliest, latest


def free_slots(
    schedules: Sequence[Schedule],
    *,
    first_day: date,
    last_day: date,
    now: datetime | None = None,
    honour_horizon: bool = True,
) -> dict[int, list[Slot]]:
    """Free slots of each schedule between two days (inclusive), keyed by schedule id.

    `honour_horizon=False` (staff booking for a caller) still refuses the past
    but not the citizens' booking notice and horizon.
    """
    now = now or timezone.now()
    earliest, latest = booking_window(now) if honour_horizon else (now, None)
    schedule_ids = [schedule.pk for schedule in schedules]
    windows = _windows_by_schedule(schedule_ids)
    absent = _absent_days(schedule_ids, first_day, last_day)
    range_start = datetime.combine(first_day, time.min, SOFIA)
    range_end = datetime.combine(last_day + timedelta(days=1), time.min, SOFIA)
    held = _held_intervals(schedule_ids, range_start, range_end)
    holidays = _holidays_between(first_day, last_day)

    earliest_ts = earliest.timestamp()
    latest_ts = latest.timestamp() if latest is not None else float("inf")
    day_times: dict[tuple, list[tuple[float, float]]] = {}  # shared by schedules alike
    result: dict[int, list[Slot]] = {}
    for schedule in schedules:
        schedule_id = schedule.pk
        schedule_windows = windows.get(schedule_id, {})
        schedule_absent = absent.get(schedule_id, ())
        day = max(first_day, schedule.valid_from)
        stop = min(last_day, schedule.valid_until) if schedule.valid_until else last_day
        if not schedule.is_active:
            day = stop + timedelta(days=1)
        every: list[tuple[float, float]] = []  # the schedule's slots, in time order
        while day <= stop:
            day_windows = schedule_windows.get(day.weekday())
            if day_windows and day not in holidays and day not in schedule_absent:
                key = (day, tuple(day_windows))
                times = day_times.get(key)
                if times is None:
                    times = day_times[key] = [
                        pair
                        for pair in _slot_times(day, day_windows)
                        if earliest_ts <= pair[0] <= latest_ts
                    ]
                every.extend(times)
            day += timedelta(days=1)
        starts, ends = held.get(schedule_id, ([], []))
        result[schedule_id] = [
            Slot(schedule_id, start_ts, end_ts)
            for start_ts, end_ts in _not_held(every, starts, ends)
        ]
    return result


def _not_held(
    slots: list[tuple[float, float]], starts: list[float], ends: list[float]
) -> list[tuple[float, float]]:
    """The slots no held meeting overlaps."""
    held = set(zip(starts, ends, strict=True))
    if held <= set(slots):
        # The usual case: every meeting is exactly one of the slots.
        taken = set(starts)
        return [pair for pair in slots if pair[0] not in taken]
    # A meeting off the grid (the slot length changed since): walk both in time order.
    free, next_held, held_count = [], 0, len(starts)
    for start_ts, end_ts in slots:
        while next_held < held_count and ends[next_held] <= start_ts:
            next_held += 1
        if next_held < held_count and starts[next_held] < end_ts:
            continue
        free.append((start_ts, end_ts))
    return free


def slot_unavailable(
    schedule: Schedule,
    starts_at: datetime,
    *,
    now: datetime | None = None,
    honour_horizon: bool = True,
    ignore: Appointment | None = None,
) -> tuple[Unavailable | None, Slot | None]:
    """Is `starts_at` a free slot of `schedule`? Returns (None, slot) when it is,
    else the reason and None. `ignore` is a meeting being moved (its own slot is free)."""
    now = now or timezone.now()
    if starts_at <= now:
        return Unavailable.PAST, None
    if honour_horizon:
        earliest, latest = booking_window(now)
        if starts_at < earliest:
            return Unavailable.TOO_SOON, None
        if starts_at > latest:
            return Unavailable.TOO_FAR, None
    reason, times = _on_the_grid(schedule, starts_at)
    if reason is not None:
        return reason, None
    slot = Slot.between(schedule.pk, *times)
    held = Appointment.objects.filter(
        schedule=schedule,
        status__in=Appointment.HOLDING,
        starts_at__lt=slot.ends_at,
        ends_at__gt=slot.starts_at,
    )
    if ignore is not None:
        held = held.exclude(pk=ignore.pk)
    if held.exists():
        return Unavailable.TAKEN, None
    return None, slot


def fits_schedule(schedule: Schedule, starts_at: datetime, ends_at: datetime) -> bool:
    """Is this meeting still one of the schedule's slots (ignoring other meetings and
    the booking notice)? Used to find meetings a schedule change would strand."""
    reason, times = _on_the_grid(schedule, starts_at)
    return reason is None and times[1] == ends_at


def _on_the_grid(
    schedule: Schedule, starts_at: datetime
) -> tuple[Unavailable | None, tuple[datetime, datetime] | None]:
    """The schedule's slot that starts at `starts_at` on a day it receives, or why
    there is none (not valid that day, holiday, absence, outside the windows)."""
    day = starts_at.astimezone(SOFIA).date()
    if (
        not schedule.is_active
        or day < schedule.valid_from
        or (schedule.valid_until and day > schedule.valid_until)
    ):
        return Unavailable.NOT_VALID, None
    if day in public_holidays(day.year):
        return Unavailable.HOLIDAY, None
    if day in _absent_days([schedule.pk], day, day).get(schedule.pk, ()):
        return Unavailable.ABSENCE, None
    windows = _windows_by_schedule([schedule.pk]).get(schedule.pk, {}).get(day.weekday(), ())
    times = next(
        (
            (start, end)
            for window in windows
            for start, end in _window_slots(day, window)
            if start == starts_at
        ),
        None,
    )
    return (Unavailable.OUTSIDE, None) if times is None else (None, times)


def _window_slots(day: date, window: _Window) -> Iterable[tuple[datetime, datetime]]:
    """The window's slots on `day` as aware Sofia datetimes, skipping times that do
    not exist on the clock that day.

    Starts keep to the wall-clock grid; every meeting lasts its length in real time.
    In March the meeting at 02:00 ends at 04:00 on the clock (03:00 does not exist);
    in October the one at 03:00 ends at the second 03:00, and that repeated hour is
    not offered again."""
    for start, _end in _naive_window_slots(day, window):
        aware = start.replace(tzinfo=SOFIA)
        if _exists(aware):
            yield aware, (aware.astimezone(UTC) + window.step).astimezone(SOFIA)


def _naive_window_slots(day: date, window: _Window) -> Iterable[tuple[datetime, datetime]]:
    """Wall-clock slots of the window on `day`; the break is skipped."""
    cursor = datetime.combine(day, window.start)
    end = datetime.combine(day, window.end)
    break_start = datetime.combine(day, window.break_start) if window.break_start else None
    break_end = datetime.combine(day, window.break_end) if window.break_end else None
    while cursor + window.step <= end:
        slot_end = cursor + window.step
        if break_start is not None and cursor < break_end and slot_end > break_start:
            cursor = break_end  # meetings resume when the break ends
            continue
        yield cursor, slot_end
        cursor = slot_end


def _slot_times(day: date, windows: list[_Window]) -> list[tuple[float, float]]:
    """Start and end timestamps of a day's slots. On an ordinary day the UTC offset
    is the same all day and plain arithmetic is exact; on a change day each slot
    goes through the time zone."""
    midnight = datetime.combine(day, time.min)
    offset = SOFIA.utcoffset(midnight)
    if offset != SOFIA.utcoffset(midnight + timedelta(days=1)):
        return [
            (start.timestamp(), end.timestamp())
            for window in windows
            for start, end in _window_slots(day, window)
        ]
    base = (midnight - _EPOCH - offset).total_seconds()
    times = []
    for window in windows:
        for start, end in _naive_window_slots(day, window):
            times.append(
                (base + (start - midnight).total_seconds(), base + (end - midnight).total_seconds())
            )
    return times


def _exists(local: datetime) -> bool:
    """False for a wall-clock time skipped by the spring-forward change."""
    return local.astimezone(UTC).astimezone(SOFIA).replace(tzinfo=None) == local.replace(
        tzinfo=None
    )


def _windows_by_schedule(schedule_ids: list[int]) -> dict[int, dict[int, list[_Window]]]:
    windows: dict[int, dict[int, list[_Window]]] = defaultdict(lambda: defaultdict(list))
    rows = ScheduleWindow.objects.filter(schedule_id__in=schedule_ids).order_by("start")
    for row in rows.values_list(
        "schedule_id", "weekday", "start", "end", "slot_minutes", "break_start", "break_end"
    ):
        schedule_id, weekday, start, end, minutes, break_start, break_end = row
        windows[schedule_id][weekday].append(
            _Window(start, end, timedelta(minutes=minutes), break_start, break_end)
        )
    return windows


def _absent_days(schedule_ids: list[int], first_day: date, last_day: date) -> dict[int, set[date]]:
    absent: dict[int, set[date]] = defaultdict(set)
    rows = Absence.objects.filter(
        schedule_id__in=schedule_ids, first_day__lte=last_day, last_day__gte=first_day
    ).values_list("schedule_id", "first_day", "last_day")
    for schedule_id, start, end in rows:
        day = max(start, first_day)
        while day <= min(end, last_day):
            absent[schedule_id].add(day)
            day += timedelta(days=1)
    return absent


def _held_intervals(
    schedule_ids: list[int], range_start: datetime, range_end: datetime
) -> dict[int, tuple[list[float], list[float]]]:
    held: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    if not schedule_ids:  # an empty IN () has no SQL to run
        return held
    rows = (
        Appointment.objects.filter(
            schedule_id__in=schedule_ids,
            status__in=Appointment.HOLDING,
            starts_at__lt=range_end,
            ends_at__gt=range_start,
        )
        .order_by("schedule_id", "starts_at")
        .values_list("schedule_id", _Epoch("starts_at"), _Epoch("ends_at"))
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:  # plain numbers: no per-row converters
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for schedule_id, start_ts, end_ts in rows:
        starts, ends = held[schedule_id]
        starts.append(start_ts)
        ends.append(end_ts)
    return held


def _holidays_between(first_day: date, last_day: date) -> frozenset[date]:
    days: frozenset[date] = frozenset()
    for year in range(first_day.year, last_day.year + 1):
        days |= public_holidays(year)
    return days
