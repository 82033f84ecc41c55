"""Report categories for Община Самоков, routed to the demo units, and (with DEMO)
a handful of reports in the town and the villages, in every status.

Like ``obshtina.organization.demo``: loaders fill in what is missing and never
overwrite what an administrator has edited; running them again changes nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from obshtina.organization.models import Settlement, Unit

from .models import Category, CategoryQuestion, Report, ReportEvent
from .services.deadlines import report_due_at
from .services.events import report_event_record
from .services.submission import report_submit

INFRASTRUCTURE = "blagoustroystvo-transport-i-infrastruktura"
ECOLOGY = "ekologiya-i-chistota"
PUBLIC_ORDER = "obshtestven-red-i-sigurnost"
TERRITORY = "ustroystvo-na-teritoriyata"

# (slug, name, description, unit slug or None for the contact centre,
#  days to resolve or None for the law's two months)
CATEGORIES = [
    (
        "patishta",
        "Дупки и повреди по пътя",
        "Дупки, пропадания, разбити тротоари",
        INFRASTRUCTURE,
        None,  # the law's two months
    ),
    ("osvetlenie", "Улично осветление", "Изгорели или повредени лампи", INFRASTRUCTURE, 30),
    ("snyag", "Снегопочистване и заледяване", "Непочистени улици и тротоари", INFRASTRUCTURE, 3),
    (
        "vik-avaria",
        "ВиК авария",
        "Спукана тръба, липса на вода, преливаща шахта",
        INFRASTRUCTURE,
        7,
    ),
    ("otpadatsi", "Отпадъци и сметосъбиране", "Препълнени контейнери, сметища", ECOLOGY, 14),
    (
        "parkove",
        "Паркове, градинки и детски площадки",
        "Счупени съоръжения, окосяване",
        ECOLOGY,
        30,
    ),
    (
        "parkirane",
        "Незаконно паркиране",
        "Коли на тротоари, зелени площи и места за хора с увреждания",
        PUBLIC_ORDER,
        7,
    ),
    ("obshtestven-red", "Обществен ред", "Шум, вандализъм, незаконна търговия", PUBLIC_ORDER, 14),
    ("kucheta", "Бездомни кучета", "Глутници, агресивни или пострадали животни", PUBLIC_ORDER, 14),
    (
        "stroitelstvo",
        "Незаконно строителство",
        "Строеж без разрешение, опасни сгради",
        TERRITORY,
        60,
    ),
    ("drugo", "Друго", "Всичко останало – контактният център го насочва", None, 60),
]


@dataclass(frozen=True)
class DemoReport:
    category: str
    settlement: str
    offset: tuple[float, float]  # from the settlement's centre, in degrees
    address: str
    description: str
    days_ago: int
    status: str = Report.Status.NEW
    answer: str = ""
    forwarded_to: str = ""
    by_demo_citizen: bool = False


S = Report.Status
DEMO_REPORTS = [
    DemoReport(
        "patishta",
        "Самоков",
        (0.0012, -0.0021),
        "ул. „Търговска“ пред № 14",
        "Дълбока дупка на платното, колите я заобикалят в насрещното.",
        26,
        S.RESOLVED,
        "Дупката е запълнена с асфалт на 12-и. Благодарим за сигнала.",
    ),
    DemoReport(
        "osvetlenie",
        "Самоков",
        (-0.0031, 0.0018),
        "бул. „Искър“ до моста",
        "Три поредни лампи не светят, тротоарът е тъмен вечер.",
        24,
        S.RESOLVED,
        "Сменени са осветителните тела.",
        by_demo_citizen=True,
    ),
    DemoReport(
        "otpadatsi",
        "Самоков",
        (0.0024, 0.0035),
        "кв. „Самоково“, до блок 5",
        "Контейнерите са препълнени от седмица, има разпилян боклук.",
        21,
        S.IN_PROGRESS,
        "Графикът за извозване е сгъстен; екип ще почисти площадката.",
    ),
    DemoReport(
        "parkirane",
        "Самоков",
        (0.0005, 0.0009),
        "ул. „Македония“ при пешеходната пътека",
        "Автомобили паркират върху пешеходната пътека всяка сутрин.",
        18,
        S.ACCEPTED,
    ),
    DemoReport(
        "kucheta",
        "Самоков",
        (-0.0048, -0.0040),
        "парк „Чинар“",
        "Глутница от 5–6 кучета гони децата на детската площадка.",
        16,
        S.IN_PROGRESS,
        "Подаден е сигнал към приюта; екип ще залови животните.",
    ),
    DemoReport(
        "vik-avaria",
        "Белчин",
        (0.0008, -0.0006),
        "центъра, до читалището",
        "Спукана тръба, водата тече по улицата от два дни.",
        14,
        S.FORWARDED,
        "Сигналът е препратен към ВиК оператора, който отговаря за водопровода.",
        forwarded_to="ВиК оператор",
    ),
    DemoReport(
        "patishta",
        "Говедарци",
        (-0.0010, 0.0015),
        "пътят към Мальовица след моста",
        "Пропадане в края на платното, опасно за автобусите.",
        12,
        S.ACCEPTED,
    ),
    DemoReport(
        "snyag",
        "Бели Искър",
        (0.0006, 0.0004),
        "главната улица",
        "Улицата не е почистена от снега, автобусът не може да мине.",
        11,
        S.RESOLVED,
        "Улицата е почистена и опесъчена.",
    ),
    DemoReport(
        "parkove",
        "Самоков",
        (0.0030, -0.0008),
        "градинката до Митрополията",
        "Счупена люлка с остри ръбове на детската площадка.",
        9,
        S.NEW,
        by_demo_citizen=True,
    ),
    DemoReport(
        "stroitelstvo",
        "Райово",
        (0.0011, 0.0020),
        "в края на селото към реката",
        "Строи се сграда в заливната зона на реката, без табела.",
        8,
        S.IN_PROGRESS,
        "Назначена е проверка от контрола по строителството.",
    ),
    DemoReport(
        "obshtestven-red",
        "Самоков",
        (-0.0015, 0.0027),
        "пл. „Захарий Зограф“",
        "Силна музика до след полунощ от заведение на площада.",
        6,
        S.REJECTED,
        "Проверката не установи нарушение в часовете за тишина.",
    ),
    DemoReport(
        "otpadatsi",
        "Ново село",
        (0.0009, -0.0012),
        "излизането към Доспей",
        "Нерегламентирано сметище край пътя, изхвърлят строителни отпадъци.",
        5,
    ),
    DemoReport(
        "osvetlenie",
        "Драгошиново",
        (-0.0004, 0.0007),
        "ул. до училището",
        "Лампата пред училището мига и угасва.",
        3,
    ),
    DemoReport(
        "patishta",
        "Самоков",
        (-0.0022, -0.0033),
        "ул. „Софийско шосе“ при бензиностанцията",
        "Разбит тротоар, хора с колички минават по платното.",
        2,
    ),
    DemoReport(
        "drugo",
        "Маджаре",
        (0.0003, 0.0003),
        "спирката в центъра",
        "Спирката няма покрив и пейката е счупена.",
        1,
    ),
]

# The statuses a report passes through on its way to each final one.
_PATHS = {
    S.NEW: [],
    S.ACCEPTED: [S.ACCEPTED],
    S.IN_PROGRESS: [S.ACCEPTED, S.IN_PROGRESS],
    S.RESOLVED: [S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED],
    S.REJECTED: [S.REJECTED],
    S.FORWARDED: [S.FORWARDED],
}
_SOFIA = ZoneInfo("Europe/Sofia")


# The neighbour the demo also serves (organization.demo.NEIGHBOUR), at kostenets.localhost.
NEIGHBOUR_REPORTS = [
    DemoReport(
        "patishta",
        "Костенец",
        (0.0010, -0.0015),
        "ул. „Иван Вазов“ до читалището",
        "Пропаднала шахта на платното, опасно за колите.",
        12,
        S.IN_PROGRESS,
    ),
    DemoReport(
        "osvetlenie",
        "Момин проход",
        (-0.0008, 0.0012),
        "ул. „Васил Левски“ до банята",
        "Уличната лампа мига цяла нощ.",
        5,
    ),
    DemoReport(
        "otpadatsi",
        "Пчелин",
        (0.0005, 0.0009),
        "до спирката",
        "Препълнени контейнери, боклукът е по тротоара.",
        2,
        by_demo_citizen=True,
    ),
]


# What the demo's categories tell and ask when chosen (admin: Категории → a category).
CATEGORY_EXTRAS = {
    "osvetlenie": {
        "notice": "Номерът на стълба е на табелка на височина около 2 м – с него екипът "
        "намира лампата веднага.",
        "urgent_question": "Има ли паднал стълб или оголени проводници?",
        "urgent_notice": "Опасно е: стойте далеч и се обадете веднага на 112.",
        "questions": [("Номер на стълба", "напр. С-0412; ако няма табелка, оставете празно")],
    },
    "vik-avaria": {
        "notice": "При авария на водопровода можете да се обадите и на денонощния телефон "
        "на ВиК оператора.",
        "urgent_question": "Залива ли водата жилище, мазе или пътното платно?",
        "urgent_notice": "Обадете се веднага на 112 – при наводнение помощта не бива да чака "
        "обработката на сигнал.",
        "questions": [],
    },
}


def _category_extras_load(category: Category) -> None:
    extras = CATEGORY_EXTRAS.get(category.slug)
    if not extras or category.notice or category.questions.exists():
        return  # an editor's own texts stay
    category.notice = extras["notice"]
    category.urgent_question = extras["urgent_question"]
    category.urgent_notice = extras["urgent_notice"]
    category.save(update_fields=["notice", "urgent_question", "urgent_notice"])
    for position, (label, help_text) in enumerate(extras["questions"]):
        CategoryQuestion.objects.create(
            category=category, label=label, help_text=help_text, position=position
        )


@transaction.atomic
def categories_load() -> int:
    """Create the missing categories with their units; returns how many were created."""
    units = {unit.slug: unit for unit in Unit.objects.all()}
    created = 0
    for position, (slug, name, description, unit_slug, days) in enumerate(CATEGORIES, start=1):
        _category, is_new = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "unit": units.get(unit_slug) if unit_slug else None,
                "resolve_days": days,
                "position": position,
            },
        )
        created += is_new
        if is_new:
            _category_extras_load(_category)
    return created


@transaction.atomic
def reports_load(demo_reports=None) -> int:
    """With DEMO and no reports yet in the municipality being served, file its demo
    reports (default: Samokov's); returns how many."""
    if not settings.DEMO or Report.objects.exists():
        return 0
    citizen = get_user_model().objects.filter(email="citizen@demo.samokov.bg").first()
    categories = {category.slug: category for category in Category.objects.all()}
    places = {settlement.name: settlement for settlement in Settlement.objects.all()}
    now = timezone.now()
    start_of_year = datetime(now.astimezone(_SOFIA).year, 1, 1, 9, tzinfo=_SOFIA)
    created = 0
    # Oldest first, so registry numbers and dates rise together.
    for demo in sorted(demo_reports or DEMO_REPORTS, key=lambda demo: -demo.days_ago):
        category, settlement = categories.get(demo.category), places.get(demo.settlement)
        if category is None or settlement is None:
            continue
        at = max(now - timedelta(days=demo.days_ago, hours=demo.days_ago % 7), start_of_year)
        report = _file(demo, category=category, settlement=settlement, citizen=citizen)
        _backdate(report, at=at)
        _advance(report, demo=demo, at=at, now=now)
        created += 1
    return created


def _file(demo: DemoReport, *, category, settlement, citizen) -> Report:
    author = citizen if demo.by_demo_citizen else None
    return report_submit(
        category=category,
        description=demo.description,
        latitude=float(settlement.latitude) + demo.offset[0],
        longitude=float(settlement.longitude) + demo.offset[1],
        settlement=settlement,
        address=demo.address,
        author=author,
        submitter_name=author.get_full_name() if author else "",
    )


def _backdate(report: Report, *, at: datetime) -> None:
    report.registry_number.registered_at = at
    report.registry_number.save(update_fields=["registered_at"])
    report.created_at = at
    report.due_at = report_due_at(category=report.category, registered_at=at)
    report.save(update_fields=["created_at", "due_at"])
    report.events.update(created_at=at)


def _advance(report: Report, *, demo: DemoReport, at: datetime, now: datetime) -> None:
    """Walk the report to its demo status; the answer goes with the last step."""
    path = _PATHS[demo.status]
    for step, status in enumerate(path, start=1):
        when = min(at + timedelta(days=step), now)
        is_last = step == len(path)
        message = demo.answer if is_last else ""
        previous = report.status
        report.status = status
        if is_last:
            report.public_answer = demo.answer
            report.forwarded_to = demo.forwarded_to
            if status == S.RESOLVED:
                report.resolved_at = when
        report.save()
        event = report_event_record(
            report=report,
            kind=ReportEvent.Kind.STATUS,
            from_status=previous,
            to_status=status,
            public_message=message,
            notify=False,
        )
        ReportEvent.objects.filter(pk=event.pk).update(created_at=when)
