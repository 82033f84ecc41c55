"""The reception hours ``load_demo_data`` loads: schedule groups and schedules of
the mayor, the deputy mayors and the experts, with lunch breaks.

Days and hours are plausible examples for a municipality of Samokov's size; the
reception administrator replaces them with the real ones before going live.
Like the other loaders it creates only what is missing (by slug) and never
overwrites what an administrator has changed.
"""

from datetime import date, time

from django.contrib.auth import get_user_model
from django.db import transaction

from obshtina.organization.models import Unit

from .models import Schedule, ScheduleGroup, ScheduleWindow

MON, TUE, WED, THU, FRI = range(5)

GROUPS = [
    ("kmet-i-zamestnik-kmetove", "Кмет и заместник-кметове", 10),
    ("ustroystvo-na-teritoriyata", "Устройство на територията", 20),
    ("mestni-danatsi-i-taksi", "Местни данъци и такси", 30),
    ("socialni-deynosti", "Социални дейности и здравеопазване", 40),
]

# slug, group, title, unit slug, location, video, windows (weekday, start, end, minutes,
# break start, break end), official e-mail (demo only)
SCHEDULES = [
    (
        "kmet",
        "kmet-i-zamestnik-kmetove",
        "Кмет на община Самоков",
        "",
        "Община Самоков, ул. „Македония“ 21, ет. 2, кабинет на кмета",
        False,
        [(WED, "14:00", "17:00", 20, None, None)],
        "",
    ),
    (
        "zam-kmet-ustroystvo",
        "kmet-i-zamestnik-kmetove",
        "Заместник-кмет „Устройство на територията и инфраструктура“",
        "",
        "Община Самоков, ул. „Македония“ 21, ет. 2, стая 204",
        True,
        [(TUE, "10:00", "12:00", 20, None, None)],
        "",
    ),
    (
        "zam-kmet-humanitarni",
        "kmet-i-zamestnik-kmetove",
        "Заместник-кмет „Хуманитарни дейности“",
        "",
        "Община Самоков, ул. „Македония“ 21, ет. 2, стая 206",
        True,
        [(THU, "10:00", "12:00", 20, None, None)],
        "",
    ),
    (
        "glaven-arhitekt",
        "ustroystvo-na-teritoriyata",
        "Главен архитект",
        "ustroystvo-na-teritoriyata",
        "Община Самоков, ул. „Македония“ 21, ет. 3, стая 301",
        True,
        [
            (MON, "09:00", "16:00", 30, "12:00", "13:00"),
            (THU, "09:00", "16:00", 30, "12:00", "13:00"),
        ],
        "official@demo.samokov.bg",
    ),
    (
        "utp-eksperti",
        "ustroystvo-na-teritoriyata",
        "Отдел „Устройство на територията“ – експерти",
        "ustroystvo-na-teritoriyata",
        "Център за административно обслужване, гише 5",
        True,
        [(day, "09:00", "17:00", 30, "12:00", "13:00") for day in (MON, TUE, WED, THU, FRI)],
        "official@demo.samokov.bg",
    ),
    (
        "mestni-danatsi",
        "mestni-danatsi-i-taksi",
        "Отдел „Местни данъци и такси“",
        "mestni-danatsi-i-taksi",
        "Център за административно обслужване, гишета 1–3",
        False,
        [(TUE, "09:00", "12:00", 15, None, None), (THU, "13:30", "16:30", 15, None, None)],
        "",
    ),
    (
        "socialni-deynosti",
        "socialni-deynosti",
        "Дирекция „Социални дейности и здравеопазване“",
        "socialni-deynosti-i-zdraveopazvane",
        "Община Самоков, ул. „Македония“ 21, ет. 1, стая 105",
        True,
        [(WED, "09:00", "12:00", 30, None, None)],
        "",
    ),
]


@transaction.atomic
def schedules_load(*, with_officials: bool) -> int:
    """Create the missing groups and schedules; returns how many schedules were created.

    `with_officials` (demo data on) makes the demo official responsible for theirs.
    """
    groups = {}
    for slug, name, order in GROUPS:
        groups[slug], _created = ScheduleGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
    created = 0
    for order, (slug, group, title, unit, location, video, windows, official) in enumerate(
        SCHEDULES
    ):
        schedule, is_new = Schedule.objects.get_or_create(
            slug=slug,
            defaults={
                "group": groups[group],
                "title": title,
                "unit": Unit.objects.filter(slug=unit).first() if unit else None,
                "location": location,
                "offers_video": video,
                "valid_from": date(2026, 1, 1),
                "order": order,
            },
        )
        if is_new:
            created += 1
            ScheduleWindow.objects.bulk_create(
                ScheduleWindow(
                    schedule=schedule,
                    weekday=weekday,
                    start=time.fromisoformat(start),
                    end=time.fromisoformat(end),
                    slot_minutes=minutes,
                    break_start=time.fromisoformat(break_start) if break_start else None,
                    break_end=time.fromisoformat(break_end) if break_end else None,
                )
                for weekday, start, end, minutes, break_start, break_end in windows
            )
        if with_officials and official:
            user = get_user_model().objects.filter(email=official).first()
            if user is not None:
                schedule.officials.add(user)
    return created
