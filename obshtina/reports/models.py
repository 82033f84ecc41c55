"""Reports of problems in the urban environment (сигнали)."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.items import AssignedItem, PublicItemEvent
from obshtina.core.storage import select_private_storage
from obshtina.organization.models import Settlement, Unit
from obshtina.organization.scoping import (
    UniquePerMunicipality,
    municipality_field,
    owned_manager,
)

RESOLVE_MONTHS = 2  # АПК, чл. 118: signals are decided within two months


def new_access_token() -> str:
    return secrets.token_urlsafe(32)


class Category(UniquePerMunicipality, models.Model):
    """What a report is about; the municipality manages the list in the admin."""

    municipality = municipality_field()
    name = models.CharField(_("име"), max_length=120)
    slug = models.SlugField(_("кратко име"), max_length=80, allow_unicode=True)
    description = models.CharField(_("пояснение"), max_length=300, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("отговорно звено по подразбиране"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_categories",
    )
    resolve_days = models.PositiveSmallIntegerField(
        _("срок за решаване (дни)"),
        null=True,
        blank=True,
        help_text=_(
            "Празно: два месеца, както АПК (чл. 118) дава за сигналите – до същата дата "
            "след два месеца, или до следващия работен ден."
        ),
    )
    is_active = models.BooleanField(_("активна"), default=True)
    position = models.PositiveSmallIntegerField(_("подредба"), default=0)
    notice = models.TextField(
        _("съобщение при избор"),
        blank=True,
        help_text=_("Показва се във формата, щом гражданинът избере категорията."),
    )
    urgent_question = models.CharField(
        _("въпрос за спешна опасност"),
        max_length=300,
        blank=True,
        help_text=_(
            "Напр. „Има ли оголени проводници под напрежение?“ – отговор „да“ спира формата."
        ),
    )
    urgent_notice = models.TextField(
        _("при спешна опасност"),
        blank=True,
        help_text=_(
            "Напр. „Обадете се веднага на 112.“ Показва се и формата не се изпраща: при "
            "отговор „да“ на въпроса, а без въпрос – винаги."
        ),
    )

    objects = owned_manager()

    class Meta:
        verbose_name = _("категория на сигнал")
        verbose_name_plural = _("категории на сигнали")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="category_name_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="category_slug_per_municipality"
            ),
        ]

    def __str__(self):
        return self.name


class CategoryQuestion(models.Model):
    """A question a category asks besides the description (e.g. the lamp's number); the
    answers are public, as the description is."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("въпрос"), max_length=200)
    help_text = models.CharField(_("пояснение"), max_length=300, blank=True)
    is_required = models.BooleanField(_("задължителен"), default=False)
    position = models.PositiveSmallIntegerField(_("подредба"), default=0)

    objects = owned_manager("category__municipality")

    class Meta:
        verbose_name = _("допълнителен въпрос")
        verbose_name_plural = _("допълнителни въпроси")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class RoutingRule(models.Model):
    """Routing by competence: a category (and optionally a settlement) → the unit in charge.

    A rule for the settlement wins over a rule for the whole municipality.
    """

    category = models.ForeignKey(
        Category,
        verbose_name=_("категория"),
        on_delete=models.CASCADE,
        related_name="routing_rules",
    )
    settlement = models.ForeignKey(
        Settlement,
        verbose_name=_("населено място"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Празно – за цялата община."),
    )
    unit = models.ForeignKey(Unit, verbose_name=_("звено"), on_delete=models.CASCADE)

    objects = owned_manager("category__municipality")

    class Meta:
        verbose_name = _("правило за разпределяне")
        verbose_name_plural = _("правила за разпределяне")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "settlement"], name="unique_routing_rule_per_settlement"
            ),
            models.UniqueConstraint(
                fields=["category"],
                condition=models.Q(settlement__isnull=True),
                name="unique_routing_rule_for_municipality",
            ),
        ]

    def __str__(self):
        where = self.settlement or _("цялата община")
        return f"{self.category} / {where} → {self.unit}"


class Report(AssignedItem):
    class Status(models.TextChoices):
        NEW = "new", _("нов")
        ACCEPTED = "accepted", _("приет")
        IN_PROGRESS = "in_progress", _("в процес на решаване")
        RESOLVED = "resolved", _("решен")
        REJECTED = "rejected", _("отхвърлен")
        FORWARDED = "forwarded", _("препратен към друга институция")
        DUPLICATE = "duplicate", _("дублиран")

    OPEN_STATUSES = (Status.NEW, Status.ACCEPTED, Status.IN_PROGRESS)

    class Channel(models.TextChoices):
        WEB = "web", _("уебсайт")
        PHONE = "phone", _("телефон")
        API = "api", _("приложение / API")
        COUNTER = "counter", _("на гише")

    category = models.ForeignKey(Category, verbose_name=_("категория"), on_delete=models.PROTECT)
    unit = models.ForeignKey(
        Unit, verbose_name=_("звено"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("състояние"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    description = models.TextField(_("описание"))
    latitude = models.FloatField(_("ширина"))
    longitude = models.FloatField(_("дължина"))
    settlement = models.ForeignKey(
        Settlement,
        verbose_name=_("населено място"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    address = models.CharField(_("адрес / ориентир"), max_length=300, blank=True)
    # The category's questions as they were asked: [{"question": …, "answer": …}].
    answers = models.JSONField(_("отговори на въпросите"), default=list, blank=True)
    public_answer = models.TextField(_("последен публичен отговор"), blank=True)
    forwarded_to = models.CharField(_("препратен към"), max_length=200, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("дубликат на"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    # The submitter: never shown in public (ARCHITECTURE.md, rule 5).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("подател (профил)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    submitter_name = models.CharField(_("име на подателя"), max_length=200, blank=True)
    submitter_email = models.EmailField(_("имейл на подателя"), blank=True)
    submitter_phone = models.CharField(_("телефон на подателя"), max_length=40, blank=True)
    channel = models.CharField(
        _("канал"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    access_token = models.CharField(max_length=64, unique=True, default=new_access_token)
    is_hidden = models.BooleanField(_("скрит от публичните страници"), default=False)
    created_at = models.DateTimeField(_("подаден на"), default=timezone.now)
    due_at = models.DateTimeField(_("срок"))
    resolved_at = models.DateTimeField(_("решен на"), null=True, blank=True)

    kind = "report"  # for organization.permissions
    is_public = True  # the public part: never the submitter's data

    class Meta:
        verbose_name = _("сигнал")
        verbose_name_plural = _("сигнали")
        ordering = ["-created_at"]
        indexes = [
            # The public map: the last 30 days inside a bounding box.
            models.Index(
                fields=["municipality", "created_at", "latitude", "longitude"],
                name="report_map_idx",
            ),
            models.Index(fields=["unit", "status", "created_at"], name="report_queue_idx"),
            models.Index(fields=["municipality", "status", "due_at"], name="report_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="report_number_per_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.category}"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", kwargs={"number": self.number})

    def get_access_url(self) -> str:
        """The submitter's own link (from the e-mail): no account needed."""
        return reverse("reports:access", kwargs={"token": self.access_token})

    def is_visible_to(self, user) -> bool:
        from obshtina.organization.permissions import is_staff_member

        return not self.is_hidden or is_staff_member(user)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()


def report_photo_path(photo: "ReportPhoto", filename: str) -> str:
    # Random names: a photo's address must not reveal the report or the time.
    return f"reports/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.jpg"


def report_original_path(instance, filename: str) -> str:
    # A random name: nothing about the report or the photo in the path.
    return f"report-originals/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.jpg"


class ReportPhoto(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("снимка"), upload_to=report_photo_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    is_hidden = models.BooleanField(_("скрита"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # A photo with parts blacked out (faces, number plates): ``image`` is the redacted copy,
    # the photo as sent stays in private storage, for staff only.
    original = models.FileField(
        _("оригинал"),
        storage=select_private_storage,
        upload_to=report_original_path,
        blank=True,
    )
    redactions = models.JSONField(_("закрити части"), default=list, blank=True)

    objects = owned_manager("report__municipality")

    class Meta:
        verbose_name = _("снимка")
        verbose_name_plural = _("снимки")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.report.number} – {self.pk}"


class ReportEvent(PublicItemEvent):
    """One change of a report: its timeline and its audit trail (ARCHITECTURE.md, rule 6)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("регистриран")
        STATUS = "status", _("промяна на състоянието")
        ANSWER = "answer", _("отговор")
        NOTE = "note", _("вътрешна бележка")
        ASSIGNED = "assigned", _("възложен")
        ROUTED = "routed", _("пренасочен към звено")
        REOPENED = "reopened", _("отворен отново")
        MODERATED = "moderated", _("редактиран")
        DUPLICATE = "duplicate", _("отбелязан като дубликат")
        NOT_DUPLICATE = "not_duplicate", _("вече не е дубликат")
        UNASSIGNED = "unassigned", _("възлагането е премахнато")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    item_field = "report"
    statuses = Report.Status

    objects = owned_manager("report__municipality")

    class Meta(PublicItemEvent.Meta):
        verbose_name = _("събитие по сигнал")
        verbose_name_plural = _("събития по сигнали")


class Subscription(models.Model):
    """A registered user follows a report and hears of every public change."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_subscriptions"
    )
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(default=timezone.now)
    asks_if_fixed = models.BooleanField(
        _("да бъде попитан дали е решен"),
        default=False,
        help_text=_("Седмици след решаването – един имейл „Наистина ли е отстранен проблемът?“"),
    )

    objects = owned_manager("report__municipality")

    class Meta:
        verbose_name = _("абонамент")
        verbose_name_plural = _("абонаменти")
        constraints = [
            models.UniqueConstraint(fields=["user", "report"], name="unique_report_subscription")
        ]

    def __str__(self):
        return f"{self.user} → {self.report.number}"


class FixedCheck(models.Model):
    """ "Наистина ли е решен?": one question, some weeks after a report was resolved, to
    its submitter or to a subscriber who asked for it. "No" reopens the report with the
    citizen's words; the answers count in each unit's statistics."""

    report = models.ForeignKey(
        Report, verbose_name=_("сигнал"), on_delete=models.CASCADE, related_name="fixed_checks"
    )
    to_email = models.EmailField(_("имейл"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_access_token)
    sent_at = models.DateTimeField(_("попитан на"), default=timezone.now)
    answered_at = models.DateTimeField(_("отговорил на"), null=True, blank=True)
    is_fixed = models.BooleanField(_("решен според гражданина"), null=True)
    comment = models.TextField(_("думите на гражданина"), blank=True)

    objects = owned_manager("report__municipality")

    class Meta:
        verbose_name = _("проверка „решен ли е“")
        verbose_name_plural = _("проверки „решен ли е“")
        constraints = [
            # An erased account's answer stays counted, without its address.
            models.UniqueConstraint(
                fields=["report", "to_email"],
                condition=~models.Q(to_email=""),
                name="fixed_check_once",
            )
        ]

    def __str__(self):
        return f"{self.report.number}: {self.to_email}"


class AreaAlert(models.Model):
    """E-mail about new and answered reports in an area — a settlement, or a radius around
    a point — optionally of one category, for anyone, with or without an account.
    Nothing is sent before the address is confirmed by the link in an e-mail (double
    opt-in); every message carries a one-click way out (``token``)."""

    municipality = municipality_field()
    email = models.EmailField(_("имейл"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="area_alerts",
    )
    settlement = models.ForeignKey(
        Settlement,
        verbose_name=_("населено място"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    latitude = models.FloatField(_("ширина"), null=True, blank=True)
    longitude = models.FloatField(_("дължина"), null=True, blank=True)
    radius = models.PositiveIntegerField(_("радиус (м)"), null=True, blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("категория"), null=True, blank=True, on_delete=models.CASCADE
    )
    language = models.CharField(max_length=2, default="bg")
    token = models.CharField(max_length=64, unique=True, default=new_access_token)
    created_at = models.DateTimeField(_("заявен на"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("потвърден на"), null=True, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("известие за район")
        verbose_name_plural = _("известия за райони")
        indexes = [
            models.Index(fields=["municipality", "confirmed_at"], name="area_alert_confirmed_idx")
        ]

    def __str__(self):
        return f"{self.email}: {self.area_label}"

    @property
    def area_label(self) -> str:
        if self.settlement_id:
            place = str(self.settlement)
        else:
            place = _("%(radius)s м около %(lat).5f, %(lng).5f") % {
                "radius": self.radius,
                "lat": self.latitude,
                "lng": self.longitude,
            }
        return f"{place} – {self.category.name}" if self.category_id else str(place)
