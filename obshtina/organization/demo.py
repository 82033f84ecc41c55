"""The data ``load_demo_data`` loads: Община Самоков, its settlements and units, and
one demo account per role.

The loaders fill in what is missing and never overwrite what exists: the same
command sets up a production deployment (README, "Deployment"), where
administrators then edit the municipality, units and settlements in the admin.
Demo accounts are the exception: they are brought back to the state printed in
the logins table, so the printed password always works — and for staff, who must
sign in with a second factor, the printed authenticator secret and recovery codes.
"""

import base64
import hashlib
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from .models import Municipality, Role, Settlement, Unit
from .services import staff_role_grant, unit_member_add

MUNICIPALITY = {
    "name": "Община Самоков",
    "contact_phone": "0700 20 117",
    "contact_email": "obshtina@samokov.bg",
    "address": "гр. Самоков 2000, ул. „Македония“ № 36",
    "map_center_lat": Decimal("42.337000"),
    "map_center_lng": Decimal("23.552800"),
    "map_zoom": 11,
    "bounds_south": Decimal("42.150000"),
    "bounds_west": Decimal("23.300000"),
    "bounds_north": Decimal("42.500000"),
    "bounds_east": Decimal("23.850000"),
}

# The town and its 27 villages (name, EKATTE code, latitude, longitude).
# Coordinates are approximate village centres (within about a kilometre or two);
# administrators correct them in the admin. EKATTE codes are filled in only
# where they are certain.
TOWN = ("Самоков", "65231", "42.337000", "23.552800")
VILLAGES = [
    ("Алино", "", "42.386400", "23.419400"),
    ("Бели Искър", "", "42.265600", "23.538600"),
    ("Белчин", "", "42.365300", "23.384700"),
    ("Белчински бани", "", "42.333600", "23.406400"),
    ("Говедарци", "", "42.239200", "23.472200"),
    ("Горни Окол", "", "42.441700", "23.463300"),
    ("Гуцал", "", "42.408900", "23.511400"),
    ("Долни Окол", "", "42.467200", "23.446100"),
    ("Доспей", "", "42.386700", "23.617500"),
    ("Драгошиново", "", "42.344700", "23.652800"),
    ("Злокучене", "", "42.321400", "23.626700"),
    ("Клисура", "", "42.368300", "23.472200"),
    ("Ковачевци", "", "42.430000", "23.565000"),
    ("Лисец", "", "42.378600", "23.651400"),
    ("Маджаре", "", "42.268100", "23.503600"),
    ("Мала църква", "", "42.285600", "23.492500"),
    ("Марица", "", "42.283300", "23.670800"),
    ("Ново село", "", "42.358300", "23.600800"),
    ("Поповяне", "", "42.390000", "23.550000"),
    ("Продановци", "", "42.328600", "23.507800"),
    ("Радуил", "", "42.300000", "23.696700"),
    ("Райово", "", "42.313300", "23.487200"),
    ("Рельово", "", "42.303100", "23.465000"),
    ("Шипочане", "", "42.412800", "23.483100"),
    ("Широки дол", "", "42.396400", "23.500600"),
    ("Яребковица", "", "42.428100", "23.495800"),
    ("Ярлово", "", "42.428900", "23.415600"),
]

_ADDRESS = "гр. Самоков, ул. „Македония“ № 36"
_HOURS = "понеделник – петък, 8:30 – 17:00"

# Contacts are the municipality's pattern (0722 area code, @samokov.bg), to be
# checked and corrected by an administrator before going live.
UNITS = [
    {
        "slug": "administrativno-pravno-obsluzhvane",
        "name": "Дирекция „Административно-правно обслужване“",
        "kind": Unit.Kind.DIRECTORATE,
        "functions": (
            "Административно обслужване на гражданите и фирмите в Центъра за "
            "административно обслужване, гражданска регистрация, правно обслужване "
            "на общинската администрация, деловодство и архив."
        ),
        "phone": "0722 6 61 01",
        "email": "apo@samokov.bg",
        "working_hours": "понеделник – петък, 8:00 – 17:30, без прекъсване",
    },
    {
        "slug": "delovodstvo",
        "name": "Деловодство",
        "kind": Unit.Kind.SECTOR,
        "parent": "administrativno-pravno-obsluzhvane",
        "functions": (
            "Регистриране на входящата и изходящата кореспонденция, деловодни номера, "
            "разпределяне на документите по компетентност, справки по деловоден номер."
        ),
        "phone": "0722 6 61 02",
        "email": "delovodstvo@samokov.bg",
        "working_hours": "понеделник – петък, 8:00 – 17:30, без прекъсване",
    },
    {
        "slug": "kontakten-centar",
        "name": "Контактен център",
        "kind": Unit.Kind.SECTOR,
        "is_contact_centre": True,
        "parent": "administrativno-pravno-obsluzhvane",
        "functions": (
            "Приема по телефон 0700 20 117 сигнали, въпроси и заявки за приемно време, "
            "регистрира ги от името на гражданите и ги насочва към компетентното звено."
        ),
        "phone": "0700 20 117",
        "email": "contact@samokov.bg",
        "working_hours": "понеделник – петък, 8:00 – 20:00",
    },
    {
        "slug": "ustroystvo-na-teritoriyata",
        "name": "Дирекция „Устройство на територията“",
        "kind": Unit.Kind.DIRECTORATE,
        "functions": (
            "Устройствено планиране, кадастър и регулация, разрешения за строеж, "
            "строителен контрол, незаконно строителство, адресна регистрация на имоти."
        ),
        "phone": "0722 6 62 10",
        "email": "ut@samokov.bg",
    },
    {
        "slug": "obshtestven-red-i-sigurnost",
        "name": "Дирекция „Обществен ред и сигурност“",
        "kind": Unit.Kind.DIRECTORATE,
        "functions": (
            "Контрол по спазването на наредбите на общината, обществен ред, неправилно "
            "паркиране, незаконна търговия, безстопанствени животни, защита при бедствия."
        ),
        "phone": "0722 6 62 20",
        "email": "red@samokov.bg",
        "working_hours": "всеки ден, 0:00 – 24:00 (дежурен)",
    },
    {
        "slug": "ekologiya-i-chistota",
        "name": "Отдел „Екология и чистота“",
        "kind": Unit.Kind.DEPARTMENT,
        "functions": (
            "Сметосъбиране и сметоизвозване, чистота на улиците и площите, "
            "нерегламентирани сметища, паркове и зелени площи, опазване на околната среда."
        ),
        "phone": "0722 6 62 30",
        "email": "ekologia@samokov.bg",
    },
    {
        "slug": "blagoustroystvo-transport-i-infrastruktura",
        "name": "Отдел „Благоустройство, транспорт и инфраструктура“",
        "kind": Unit.Kind.DEPARTMENT,
        "functions": (
            "Улици и общински пътища, тротоари, улично осветление, зимно поддържане, "
            "пътна сигнализация, обществен транспорт, водоснабдяване в населените места."
        ),
        "phone": "0722 6 62 40",
        "email": "infrastruktura@samokov.bg",
    },
    {
        "slug": "mestni-danatsi-i-taksi",
        "name": "Дирекция „Местни данъци и такси“",
        "kind": Unit.Kind.DIRECTORATE,
        "functions": (
            "Данък върху недвижимите имоти и превозните средства, такса за битови "
            "отпадъци, туристически данък, данъчни декларации и удостоверения."
        ),
        "phone": "0722 6 62 50",
        "email": "danaci@samokov.bg",
        "working_hours": "понеделник – петък, 8:00 – 17:30, без прекъсване",
    },
    {
        "slug": "obrazovanie-kultura-i-sport",
        "name": "Отдел „Образование, култура и спорт“",
        "kind": Unit.Kind.DEPARTMENT,
        "functions": (
            "Училища и детски градини, прием в детските градини, читалища и културен "
            "календар, спортни бази и клубове, младежки дейности."
        ),
        "phone": "0722 6 62 60",
        "email": "obrazovanie@samokov.bg",
    },
    {
        "slug": "socialni-deynosti-i-zdraveopazvane",
        "name": "Отдел „Социални дейности и здравеопазване“",
        "kind": Unit.Kind.DEPARTMENT,
        "functions": (
            "Социални услуги в общността, патронажна грижа и топъл обяд, здравни "
            "кабинети в училищата и детските градини, достъпна среда."
        ),
        "phone": "0722 6 62 70",
        "email": "socialni@samokov.bg",
    },
]

DEMO_PASSWORD = "demo-samokov-2026"


@dataclass(frozen=True)
class DemoAccount:
    role: str  # printed in the logins table
    email: str
    first_name: str
    last_name: str
    staff_role: str = ""
    unit: str = ""  # slug of the unit the account works in
    is_head: bool = False
    position: str = ""
    is_superuser: bool = False

    @property
    def is_staff(self) -> bool:
        return bool(self.staff_role or self.unit or self.is_superuser)

    def _derived(self, purpose: str) -> bytes:
        # Fixed per account (and public, like the password): the demo must be easy to try.
        return hashlib.sha256(f"{DEMO_PASSWORD}:{purpose}:{self.email}".encode()).digest()

    @property
    def totp_secret(self) -> str:
        """The account's authenticator secret (base32, as apps expect it)."""
        return base64.b32encode(self._derived("totp")[:20]).decode()

    @property
    def recovery_seed(self) -> str:
        return self._derived("recovery").hex()


DEMO_ACCOUNTS = [
    DemoAccount("гражданин", "citizen@demo.samokov.bg", "Мария", "Иванова"),
    DemoAccount(
        "оператор", "operator@demo.samokov.bg", "Петя", "Георгиева", staff_role=Role.OPERATOR
    ),
    DemoAccount(
        "служител",
        "officer@demo.samokov.bg",
        "Георги",
        "Стоянов",
        unit="ekologiya-i-chistota",
        position="Старши експерт",
    ),
    DemoAccount(
        "ръководител на звено",
        "head@demo.samokov.bg",
        "Елена",
        "Николова",
        unit="ekologiya-i-chistota",
        is_head=True,
        position="Началник на отдел",
    ),
    DemoAccount(
        "служител по ЗДОИ",
        "access@demo.samokov.bg",
        "Димитър",
        "Василев",
        staff_role=Role.ACCESS_OFFICER,
    ),
    DemoAccount(
        "администратор на приемното време",
        "reception@demo.samokov.bg",
        "Надежда",
        "Костова",
        staff_role=Role.RECEPTION_ADMIN,
    ),
    DemoAccount(
        "длъжностно лице с приемно време",
        "official@demo.samokov.bg",
        "Ангел",
        "Петров",
        unit="ustroystvo-na-teritoriyata",
        position="Главен архитект",
    ),
    DemoAccount(
        "деловодител",
        "registry@demo.samokov.bg",
        "Стефка",
        "Ангелова",
        staff_role=Role.REGISTRY_CLERK,
    ),
    DemoAccount(
        "редактор на информацията",
        "editor@demo.samokov.bg",
        "Иван",
        "Маринов",
        staff_role=Role.EDITOR,
    ),
    DemoAccount(
        "администратор",
        "admin@demo.samokov.bg",
        "Администратор",
        "Демо",
        staff_role=Role.ADMINISTRATOR,
        is_superuser=True,
    ),
]


# The neighbour the demo serves beside Samokov, at kostenets.<PLATFORM_DOMAIN>, founded
# from Samokov's starting set (organization.founding). Settlement centres are rounded.
NEIGHBOUR = {
    "name": "Община Костенец",
    "slug": "kostenets",
    "contact_phone": "07142 23 00",
    "contact_email": "obshtina@demo.kostenets.bg",
    "address": "гр. Костенец 2030, ул. „Иван Вазов“ № 1",
    "map_center_lat": Decimal("42.308000"),
    "map_center_lng": Decimal("23.858000"),
    "map_zoom": 12,
    "bounds_south": Decimal("42.200000"),
    "bounds_west": Decimal("23.700000"),
    "bounds_north": Decimal("42.400000"),
    "bounds_east": Decimal("24.000000"),
}
NEIGHBOUR_SETTLEMENTS = [
    ("Костенец", Settlement.Kind.TOWN, "42.308000", "23.858000"),
    ("Момин проход", Settlement.Kind.TOWN, "42.326000", "23.866000"),
    ("Пчелин", Settlement.Kind.VILLAGE, "42.347000", "23.905000"),
    ("Горна Василица", Settlement.Kind.VILLAGE, "42.318000", "23.808000"),
    ("Очуша", Settlement.Kind.VILLAGE, "42.296000", "23.830000"),
    ("Подгорие", Settlement.Kind.VILLAGE, "42.290000", "23.890000"),
]
NEIGHBOUR_ACCOUNTS = [
    DemoAccount(
        "служител",
        "officer@demo.kostenets.bg",
        "Борис",
        "Тодоров",
        unit="ekologiya-i-chistota",
        position="Експерт",
    ),
    DemoAccount(
        "администратор на общината",
        "admin@demo.kostenets.bg",
        "Ралица",
        "Маринова",
        staff_role=Role.ADMINISTRATOR,
    ),
]


def neighbour_load() -> Municipality:
    """The neighbour municipality of the demo, founded once."""
    from .founding import NewSettlement, municipality_found

    neighbour = Municipality.objects.filter(slug=NEIGHBOUR["slug"]).first()
    if neighbour is None:
        settlements = tuple(
            NewSettlement(name, kind, Decimal(lat), Decimal(lng))
            for name, kind, lat, lng in NEIGHBOUR_SETTLEMENTS
        )
        neighbour = municipality_found(
            template=Municipality.objects.order_by("pk").first(),
            settlements=settlements,
            **NEIGHBOUR,
        )
    return neighbour


def municipality_load() -> bool:
    """Create the municipality if there is none; True when it was created."""
    if Municipality.objects.exists():
        return False
    Municipality.objects.create(**MUNICIPALITY)
    return True


@transaction.atomic
def settlements_load() -> int:
    """Create the missing settlements; returns how many were created."""
    rows = [(TOWN, Settlement.Kind.TOWN)] + [(row, Settlement.Kind.VILLAGE) for row in VILLAGES]
    created = 0
    for (name, ekatte, latitude, longitude), kind in rows:
        _settlement, is_new = Settlement.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "ekatte": ekatte,
                "latitude": Decimal(latitude),
                "longitude": Decimal(longitude),
            },
        )
        created += is_new
    return created


@transaction.atomic
def units_load() -> int:
    """Create the missing units (parents first); returns how many were created."""
    created = 0
    for row in UNITS:
        defaults = {key: value for key, value in row.items() if key not in {"slug", "parent"}}
        defaults.setdefault("working_hours", _HOURS)
        defaults.setdefault("address", _ADDRESS)
        if "parent" in row:
            defaults["parent"] = Unit.objects.get(slug=row["parent"])
        _unit, is_new = Unit.objects.get_or_create(slug=row["slug"], defaults=defaults)
        created += is_new
    return created


@transaction.atomic
def demo_account_load(account: DemoAccount):
    """Make sure the demo account exists, can log in with ``DEMO_PASSWORD`` at
    once (verified primary e-mail) and holds its role."""
    user, _created = get_user_model().objects.get_or_create(
        email=account.email,
        defaults={"first_name": account.first_name, "last_name": account.last_name},
    )
    changed = []
    if not user.is_active:
        user.is_active = True
        changed.append("is_active")
    if account.is_superuser and not (user.is_superuser and user.is_staff):
        user.is_superuser = user.is_staff = True
        changed += ["is_superuser", "is_staff"]
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        changed.append("password")
    if changed:
        user.save(update_fields=changed)
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    if account.staff_role:
        staff_role_grant(user=user, role=account.staff_role)
    if account.unit:
        unit_member_add(
            user=user,
            unit=Unit.objects.get(slug=account.unit),
            is_head=account.is_head,
            position=account.position,
        )
    if account.is_staff:
        _demo_second_factor_load(user, account)
    return user


def _demo_second_factor_load(user, account: DemoAccount) -> None:
    """The printed authenticator secret, and the printed recovery codes all unused again."""
    if not settings.DEMO:
        raise ImproperlyConfigured("Demo second factors are for DEMO installations only.")
    Authenticator.objects.update_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": encrypt(account.totp_secret)}},
    )
    Authenticator.objects.update_or_create(
        user=user,
        type=Authenticator.Type.RECOVERY_CODES,
        defaults={"data": {"seed": encrypt(account.recovery_seed), "used_mask": 0}},
    )


def demo_recovery_codes(account: DemoAccount) -> list[str]:
    """The recovery codes of a staff demo account (each works once until the next load)."""
    authenticator = Authenticator.objects.get(
        user__email=account.email, type=Authenticator.Type.RECOVERY_CODES
    )
    return RecoveryCodes(authenticator).get_unused_codes()
