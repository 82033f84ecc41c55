"""The site's dates spelled out by hand, so that tests compare pages with the Bulgarian
calendar itself rather than with what Django happens to produce."""

from datetime import date

MONTHS = (
    "януари",
    "февруари",
    "март",
    "април",
    "май",
    "юни",
    "юли",
    "август",
    "септември",
    "октомври",
    "ноември",
    "декември",
)
WEEKDAYS = ("понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя")
WEEKDAYS_SHORT = ("пн", "вт", "ср", "чт", "пт", "сб", "нд")


def written_day(day: date) -> str:
    """The day a person comes in or picks: "четвъртък, 3 декември 2026"."""
    return f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_day(day: date) -> str:
    """The same day in a narrow table: "чт, 03.12.2026"."""
    return f"{WEEKDAYS_SHORT[day.weekday()]}, {day:%d.%m.%Y}"
