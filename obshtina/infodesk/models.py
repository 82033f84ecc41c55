"""The information desk: the public knowledge base, citizens' questions and the
contact centre's call log."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from obshtina.casework.items import AssignedItem, PublicItemEvent
from obshtina.organization.models import Unit
from obshtina.organization.scoping import (
    UniquePerMunicipality,
    municipality_field,
    owned_manager,
)


def new_access_token() -> str:
    return secrets.token_urlsafe(32)


class Theme(UniquePerMunicipality, models.Model):
    """A theme or a life situation ("Раждане", "Строителство", "Бизнес") to browse by."""

    municipality = municipality_field()

    class Kind(models.TextChoices):
        THEME = "theme", pgettext_lazy("knowledge base", "тема")
        LIFE_SITUATION = "life_situation", _("житейска ситуация")

    name = models.CharField(_("име"), max_length=120)
    slug = models.SlugField(_("кратко име"), max_length=80, allow_unicode=True)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.THEME)
    description = models.CharField(_("пояснение"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("подредба"), default=0)

    objects = owned_manager()

    class Meta:
        verbose_name = pgettext_lazy("knowledge base", "тема")
        verbose_name_plural = _("теми")
        ordering = ["kind", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="theme_name_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="theme_slug_per_municipality"
            ),
        ]

    def __str__(self):
        return self.name


class SearchIndexed(models.Model):
    """Knowledge-base entries keep their stemmed words for search (see selectors.search)."""

    search_text = models.TextField(editable=False, blank=True)
    is_published = models.BooleanField(_("публикувано"), default=True)
    updated_at = models.DateTimeField(_("последна актуализация"), default=timezone.now)

    class Meta:
        abstract = True


class Service(UniquePerMunicipality, SearchIndexed):
    """An administrative service (административна услуга)."""

    municipality = municipality_field()
    name = models.CharField(_("наименование"), max_length=300)
    slug = models.SlugField(_("кратко име"), max_length=120, allow_unicode=True)
    code = models.CharField(_("код по регистъра на услугите"), max_length=20, blank=True)
    purpose = models.TextField(_("за какво е"), blank=True)
    who_may_apply = models.TextField(_("кой може да заяви"), blank=True)
    required_documents = models.TextField(_("необходими документи"), blank=True)
    fees = models.TextField(_("такси"), blank=True)
    deadline = models.CharField(_("срок за изпълнение"), max_length=300, blank=True)
    apply_in_person = models.BooleanField(_("лично"), default=True)
    apply_online = models.BooleanField(_("по електронен път"), default=False)
    apply_by_post = models.BooleanField(_("по пощата"), default=False)
    how_to_apply = models.TextField(_("как се заявява"), blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("отговорно звено"), null=True, blank=True, on_delete=models.SET_NULL
    )
    legal_basis = models.TextField(_("правно основание"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("теми"), blank=True, related_name="services"
    )

    objects = owned_manager()

    class Meta:
        verbose_name = _("административна услуга")
        verbose_name_plural = _("административни услуги")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="service_slug_per_municipality"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("infodesk:service", kwargs={"slug": self.slug})


class ServiceForm(models.Model):
    """A downloadable form (бланка) of a service."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="forms")
    title = models.CharField(_("заглавие"), max_length=200)
    file = models.FileField(_("файл"), upload_to="infodesk/forms/")

    objects = owned_manager("service__municipality")

    class Meta:
        verbose_name = _("бланка")
        verbose_name_plural = _("бланки")
        ordering = ["title"]

    def __str__(self):
        return self.title


class Regulation(UniquePerMunicipality, SearchIndexed):
    """A municipal regulation, rule or council decision."""

    municipality = municipality_field()

    class Kind(models.TextChoices):
        ORDINANCE = "ordinance", _("наредба")
        RULES = "rules", _("правилник")
        DECISION = "decision", _("решение на общинския съвет")
        PROCEDURE = "procedure", _("процедура")
        OTHER = "other", _("друго")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("в сила")
        REPEALED = "repealed", _("отменен")

    title = models.CharField(_("заглавие"), max_length=400)
    slug = models.SlugField(_("кратко име"), max_length=120, allow_unicode=True)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("номер"), max_length=60, blank=True)
    adopted_on = models.DateField(_("дата"), null=True, blank=True)
    summary = models.TextField(_("резюме"), blank=True)
    file = models.FileField(_("файл"), upload_to="infodesk/regulations/", blank=True)
    status = models.CharField(
        _("статус"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("теми"), blank=True, related_name="regulations"
    )

    objects = owned_manager()

    class Meta:
        verbose_name = _("нормативен документ")
        verbose_name_plural = _("нормативни документи")
        ordering = ["-adopted_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="regulation_slug_per_municipality"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("infodesk:regulation", kwargs={"slug": self.slug})


class QuestionTopic(UniquePerMunicipality, models.Model):
    """What a question is about; routes it to a unit like a report category."""

    municipality = municipality_field()
    name = models.CharField(_("име"), max_length=120)
    unit = models.ForeignKey(
        Unit, verbose_name=_("звено"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_active = models.BooleanField(_("активна"), default=True)
    position = models.PositiveSmallIntegerField(_("подредба"), default=0)

    objects = owned_manager()

    class Meta:
        verbose_name = _("тема на въпрос")
        verbose_name_plural = _("теми на въпроси")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="questiontopic_name_per_municipality"
            ),
        ]

    def __str__(self):
        return self.name


class Question(AssignedItem):
    """A question to the municipality (искане за информация), tracked by number."""

    # The municipality's own term for answering (the law sets none for questions):
    # 14 days, as the АПК gives for most administrative answers (чл. 57).
    ANSWER_DAYS = 14

    class Status(models.TextChoices):
        NEW = "new", _("нов")
        IN_PROGRESS = "in_progress", _("в процес на отговор")
        ANSWERED = "answered", _("отговорен")
        CLOSED = "closed", _("приключен")

    class Channel(models.TextChoices):
        WEB = "web", _("уебсайт")
        PHONE = "phone", _("телефон")
        API = "api", _("приложение / API")

    topic = models.ForeignKey(QuestionTopic, verbose_name=_("тема"), on_delete=models.PROTECT)
    unit = models.ForeignKey(
        Unit, verbose_name=_("звено"), on_delete=models.PROTECT, related_name="questions"
    )
    text = models.TextField(_("въпрос"))
    status = models.CharField(
        _("състояние"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    answer = models.TextField(_("отговор"), blank=True)
    answered_at = models.DateTimeField(_("отговорен на"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The asker: never public.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    asker_name = models.CharField(_("име"), max_length=200, blank=True)
    asker_email = models.EmailField(_("имейл"), blank=True)
    asker_phone = models.CharField(_("телефон"), max_length=40, blank=True)
    channel = models.CharField(
        _("канал"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    access_token = models.CharField(max_length=64, unique=True, default=new_access_token)
    created_at = models.DateTimeField(_("зададен на"), default=timezone.now)
    # The end of the last day to answer (ANSWER_DAYS from registration, to a working day).
    due_at = models.DateTimeField(_("срок"), null=True, blank=True)
    # Published as a public FAQ entry, in a version without personal data.
    faq_question = models.TextField(_("въпрос за публикуване"), blank=True)
    faq_answer = models.TextField(_("отговор за публикуване"), blank=True)
    is_faq = models.BooleanField(_("публикуван като често задаван въпрос"), default=False)

    kind = "question"  # for organization.permissions
    is_public = True  # number, topic, status and the answer are public; the asker never

    class Meta:
        verbose_name = _("въпрос")
        verbose_name_plural = _("въпроси")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["unit", "status", "created_at"], name="question_queue_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="question_number_per_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("infodesk:question", kwargs={"number": self.number})

    def get_access_url(self) -> str:
        return reverse("infodesk:question_access", kwargs={"token": self.access_token})

    def is_visible_to(self, user) -> bool:
        return True


class QuestionEvent(PublicItemEvent):
    """One change of a question: its timeline and its audit trail (ARCHITECTURE.md, rule 6).

    Public events show on the question's public page and the asker's page, without
    the actor; internal ones (notes, assignment) only to staff.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("регистриран")
        ASSIGNED = "assigned", _("възложен")
        UNASSIGNED = "unassigned", _("възлагането е премахнато")
        ANSWERED = "answered", _("отговорен")
        CLOSED = "closed", _("приключен")
        NOTE = "note", _("вътрешна бележка")
        PUBLISHED = "published", _("публикуван като често задаван въпрос")
        UNPUBLISHED = "unpublished", _("премахнат от често задаваните въпроси")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # An answer's text is kept in `data`, not in the public message: the public page
    # shows the current answer (or its FAQ version), never an earlier one.

    item_field = "question"
    statuses = Question.Status

    objects = owned_manager("question__municipality")

    class Meta(PublicItemEvent.Meta):
        verbose_name = _("събитие по въпрос")
        verbose_name_plural = _("събития по въпроси")


class CallLog(models.Model):
    """One call to the contact centre, as the operator recorded it."""

    municipality = municipality_field()

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("отговорено по телефона")
        REPORT = "report", _("регистриран сигнал")
        QUESTION = "question", _("регистриран въпрос")
        APPOINTMENT = "appointment", _("записан час")
        REDIRECTED = "redirected", _("пренасочен към звено")
        OTHER = "other", _("друго")

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="calls"
    )
    started_at = models.DateTimeField(_("начало"), default=timezone.now)
    caller_name = models.CharField(_("обаждащ се"), max_length=200, blank=True)
    caller_phone = models.CharField(_("телефон"), max_length=40, blank=True)
    caller_email = models.EmailField(_("имейл"), blank=True)
    topic = models.CharField(_("тема"), max_length=300)
    outcome = models.CharField(_("резултат"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("бележки"), blank=True)
    linked_numbers = models.JSONField(_("свързани номера"), default=list, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("обаждане")
        verbose_name_plural = _("обаждания")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%d.%m.%Y %H:%M} – {self.topic}"
