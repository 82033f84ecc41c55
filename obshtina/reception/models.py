"""Reception hours: schedules, their weekly windows and days off, and appointments.

Times of a window are Europe/Sofia wall-clock times (09:00 stays 09:00 across the
daylight-saving changes); an appointment's start and end are stored as instants
(UTC), computed from the wall-clock slot when it is booked.
"""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from obshtina.casework.items import RegisteredItem
from obshtina.organization.models import Unit
from obshtina.organization.scoping import (
    UniquePerMunicipality,
    municipality_field,
    owned_manager,
)


class ScheduleGroup(UniquePerMunicipality, models.Model):
    """Schedules shown together, so citizens find the right one fast
    ("Кмет и заместник-кметове", "Устройство на територията")."""

    municipality = municipality_field()
    name = models.CharField(_("наименование"), max_length=200)
    slug = models.SlugField(_("адрес"), max_length=100, allow_unicode=True)
    description = models.TextField(_("описание"), blank=True)
    order = models.PositiveSmallIntegerField(_("подредба"), default=100)
    is_active = models.BooleanField(_("показва се"), default=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("група графици")
        verbose_name_plural = _("групи графици")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="schedulegroup_slug_per_municipality"
            ),
        ]

    def __str__(self):
        return self.name


# Citizens move or cancel a meeting online until this long before it (hours).
DEFAULT_CHANGE_CUTOFF_HOURS = 24
MAX_CHANGE_CUTOFF_HOURS = 30 * 24


def default_reminder_hours() -> list[int]:
    """One reminder the day before, as before schedules chose their own."""
    return [24]


class Schedule(UniquePerMunicipality, models.Model):
    """The reception hours of one official, specialist or unit."""

    municipality = municipality_field()
    group = models.ForeignKey(
        ScheduleGroup,
        verbose_name=_("група"),
        on_delete=models.PROTECT,
        related_name="schedules",
    )
    title = models.CharField(
        _("длъжност или звено"),
        max_length=200,
        help_text=_("Например „Кмет на община Самоков“ или „Отдел Устройство на територията“."),
    )
    host_name = models.CharField(_("име на длъжностното лице"), max_length=200, blank=True)
    slug = models.SlugField(_("адрес"), max_length=120, allow_unicode=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("звено"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schedules",
    )
    # Who approves, rejects and books this schedule's meetings.
    officials = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("отговорни служители"),
        blank=True,
        related_name="reception_schedules",
    )
    location = models.CharField(_("място на приема"), max_length=300, blank=True)
    description = models.TextField(_("описание"), blank=True)
    valid_from = models.DateField(_("валиден от"), default=timezone.localdate)
    valid_until = models.DateField(_("валиден до"), null=True, blank=True)
    offers_video = models.BooleanField(_("предлага видеоконсултация"), default=True)
    is_active = models.BooleanField(_("активен"), default=True)
    # Within its group: the mayor before the deputy mayors, whatever the titles.
    order = models.PositiveSmallIntegerField(_("подредба в групата"), default=100)
    change_cutoff_hours = models.PositiveSmallIntegerField(
        _("промяна и отказ онлайн до (часа преди срещата)"),
        default=DEFAULT_CHANGE_CUTOFF_HOURS,
        validators=[MaxValueValidator(MAX_CHANGE_CUTOFF_HOURS)],
        help_text=_(
            "До толкова часа преди срещата гражданинът може сам да смени часа или да "
            "откаже срещата; след това – само по телефона."
        ),
    )
    # Hours before the meeting at which its citizen is reminded, largest first.
    reminder_hours = models.JSONField(
        _("напомняния (часа преди срещата)"), default=default_reminder_hours, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = owned_manager()

    class Meta:
        verbose_name = _("график")
        verbose_name_plural = _("графици")
        ordering = ["group__order", "order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="schedule_slug_per_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.title} – {self.host_name}" if self.host_name else self.title

    def get_absolute_url(self) -> str:
        return reverse("reception:schedule", kwargs={"slug": self.slug})


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("понеделник")
    TUESDAY = 1, _("вторник")
    WEDNESDAY = 2, _("сряда")
    THURSDAY = 3, _("четвъртък")
    FRIDAY = 4, _("петък")
    SATURDAY = 5, _("събота")
    SUNDAY = 6, _("неделя")


class ScheduleWindow(models.Model):
    """One reception window on a weekday: from `start` to `end`, meetings of
    `slot_minutes`, with an optional break (lunch) in which nothing is offered."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("график"), on_delete=models.CASCADE, related_name="windows"
    )
    weekday = models.PositiveSmallIntegerField(_("ден от седмицата"), choices=Weekday.choices)
    start = models.TimeField(_("начало"))
    end = models.TimeField(_("край"))
    slot_minutes = models.PositiveSmallIntegerField(_("продължителност на срещата (минути)"))
    break_start = models.TimeField(_("почивка от"), null=True, blank=True)
    break_end = models.TimeField(_("почивка до"), null=True, blank=True)

    objects = owned_manager("schedule__municipality")

    class Meta:
        verbose_name = _("приемен прозорец")
        verbose_name_plural = _("приемни прозорци")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="window_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5) & Q(slot_minutes__lte=480),
                name="window_slot_length",
            ),
            models.CheckConstraint(
                condition=(Q(break_start__isnull=True) & Q(break_end__isnull=True))
                | Q(break_end__gt=models.F("break_start")),
                name="window_break_complete",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Absence(models.Model):
    """Days on which a schedule receives nobody (leave, a business trip).
    Bulgarian public holidays are off without being entered."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("график"), on_delete=models.CASCADE, related_name="absences"
    )
    first_day = models.DateField(_("от дата"))
    last_day = models.DateField(_("до дата (включително)"))
    reason = models.CharField(_("причина"), max_length=200, blank=True)

    objects = owned_manager("schedule__municipality")

    class Meta:
        verbose_name = _("отсъствие")
        verbose_name_plural = _("отсъствия")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")), name="absence_days_in_order"
            )
        ]

    def __str__(self):
        return f"{self.first_day:%d.%m.%Y}–{self.last_day:%d.%m.%Y}"


class Appointment(RegisteredItem):
    """A meeting requested by a citizen or booked by staff for a caller."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("заявена")
        APPROVED = "approved", _("одобрена")
        REJECTED = "rejected", _("отказана")
        CANCELLED = "cancelled", _("анулирана")
        HELD = "held", _("проведена")
        MISSED = "missed", _("неявяване")

    class Channel(models.TextChoices):
        WEB = "web", _("уебсайт")
        PHONE = "phone", _("телефон")
        COUNTER = "counter", _("гише")
        API = "api", _("приложение / API")

    # Statuses that hold the slot: nobody else may book it.
    HOLDING = (Status.REQUESTED, Status.APPROVED, Status.HELD, Status.MISSED)
    UPCOMING = (Status.REQUESTED, Status.APPROVED)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    schedule = models.ForeignKey(
        Schedule, verbose_name=_("график"), on_delete=models.PROTECT, related_name="appointments"
    )
    starts_at = models.DateTimeField(_("начало"))
    ends_at = models.DateTimeField(_("край"))
    status = models.CharField(
        _("състояние"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    channel = models.CharField(
        _("канал"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    topic = models.CharField(pgettext_lazy("meeting", "тема"), max_length=300)
    document_number = models.CharField(_("номер на документ"), max_length=64, blank=True)
    wants_video = models.BooleanField(_("желае видеоконсултация"), default=False)
    video_url = models.URLField(_("връзка за видеосреща"), max_length=1000, blank=True)
    # The citizen: an account, or name and phone of a caller without one. Never public.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("гражданин"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )
    citizen_name = models.CharField(_("име"), max_length=200, blank=True)
    citizen_phone = models.CharField(_("телефон"), max_length=40, blank=True)
    citizen_email = models.EmailField(_("имейл"), blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("записан от служител"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("причина"), blank=True)  # of a rejection or cancellation
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("решено на"), null=True, blank=True)
    # The calendar invitation's SEQUENCE: raised on every change the citizen hears of.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("заявена на"), default=timezone.now)

    kind = "appointment"  # for organization.permissions
    is_public = False

    class Meta:
        verbose_name = _("среща")
        verbose_name_plural = _("срещи")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="appointment_number_per_municipality"
            ),
            # One active meeting per slot, on every database. On PostgreSQL an
            # exclusion constraint (migration 0002) also refuses overlapping ranges.
            models.UniqueConstraint(
                fields=["schedule", "starts_at"],
                condition=Q(status__in=["requested", "approved", "held", "missed"]),
                name="one_active_appointment_per_slot",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["schedule", "starts_at"], name="appointment_slot_idx"),
            # PostgreSQL: free slots read held meetings from this index alone (index-only
            # scan); other databases skip covering indexes and use the one above.
            models.Index(
                fields=["schedule", "starts_at"],
                include=["ends_at"],
                condition=Q(status__in=["requested", "approved", "held", "missed"]),
                name="appointment_held_idx",
            ),
            models.Index(
                fields=["municipality", "status", "starts_at"], name="appointment_status_idx"
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.schedule}"

    def get_absolute_url(self) -> str:
        return reverse("reception:appointment", kwargs={"number": self.number})

    @property
    def unit(self) -> Unit | None:
        return self.schedule.unit

    @property
    def standing_video_url(self) -> str:
        """The video link while the meeting stands: a refused or cancelled one has none."""
        return self.video_url if self.status == self.Status.APPROVED else ""

    def is_visible_to(self, user) -> bool:
        from obshtina.organization.permissions import can_view_appointment

        return can_view_appointment(user, self)

    @property
    def holds_slot(self) -> bool:
        return self.status in self.HOLDING

    @property
    def is_upcoming(self) -> bool:
        return self.status in self.UPCOMING and self.ends_at > timezone.now()

    @property
    def change_deadline(self) -> datetime:
        """Until when the citizen may move or cancel the meeting online."""
        return self.starts_at - timedelta(hours=self.schedule.change_cutoff_hours)

    def changeable_online(self, now: datetime | None = None) -> bool:
        return self.is_upcoming and (now or timezone.now()) < self.change_deadline

    @property
    def is_changeable_online(self) -> bool:
        """For templates: `changeable_online()` now."""
        return self.changeable_online()

    @property
    def contact_email(self) -> str:
        return self.author.email if self.author_id else self.citizen_email

    @property
    def contact_name(self) -> str:
        if self.author_id:
            return self.author.get_full_name() or self.author.email
        return self.citizen_name


class AppointmentEvent(models.Model):
    """One change of a meeting: the citizen's timeline and the audit trail."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    message = models.TextField(blank=True)

    objects = owned_manager("appointment__municipality")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("събитие по среща")
        verbose_name_plural = _("събития по срещи")

    def __str__(self):
        return f"{self.appointment_id}: {self.action}"


class AppointmentReminder(models.Model):
    """A reminder sent: one per meeting, per offset (hours before) and per start, so
    no reminder goes twice and a moved meeting is reminded again for its new time.
    The unique constraint decides when two runs of the job meet."""

    appointment = models.ForeignKey(Appointment, on_delete=models.CASCADE, related_name="reminders")
    hours_before = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()  # the start it reminded of
    sent_at = models.DateTimeField(default=timezone.now)

    objects = owned_manager("appointment__municipality")

    class Meta:
        verbose_name = _("напомняне за среща")
        verbose_name_plural = _("напомняния за срещи")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "hours_before", "starts_at"],
                name="one_reminder_per_offset_and_start",
            ),
        ]

    def __str__(self):
        return f"{self.appointment_id}: {self.hours_before} h"


class WaitlistEntry(models.Model):
    """A citizen waiting for a slot of a full schedule, first come first served.

    While `offered_starts_at` is set and `offer_expires_at` has not passed, the
    citizen holds an offer of that slot: nobody else on the list is offered it, but
    it is not booked (anyone may still book it; the citizen then hears it is gone
    and keeps their place). One entry per citizen and schedule.
    """

    municipality = municipality_field()
    schedule = models.ForeignKey(
        Schedule, verbose_name=_("график"), on_delete=models.CASCADE, related_name="waitlist"
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("гражданин"),
        on_delete=models.CASCADE,
        related_name="reception_waitlist",
    )
    topic = models.CharField(pgettext_lazy("meeting", "тема"), max_length=300)
    # The place in the list: earliest first; an offer let expire moves it to the back.
    queued_at = models.DateTimeField(_("в списъка от"), default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offered_starts_at = models.DateTimeField(_("предложен час"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("предложението важи до"), null=True, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("чакащ за час")
        verbose_name_plural = _("списък на чакащите")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "citizen"], name="one_waitlist_entry_per_citizen"
            ),
        ]
        indexes = [
            models.Index(fields=["schedule", "queued_at"], name="waitlist_order_idx"),
        ]

    def __str__(self):
        return f"{self.schedule}: {self.citizen_id}"

    def get_absolute_url(self) -> str:
        return reverse("reception:waitlist_offer", kwargs={"token": self.token})

    def has_offer(self, now: datetime | None = None) -> bool:
        return bool(
            self.offered_starts_at
            and self.offer_expires_at
            and (now or timezone.now()) < self.offer_expires_at
        )

    @property
    def has_live_offer(self) -> bool:
        """For templates: `has_offer()` now."""
        return self.has_offer()
