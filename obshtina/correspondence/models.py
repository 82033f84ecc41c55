"""Letters, complaints, proposals and access-to-information requests (ЗДОИ).

Nothing here is public: every item holds personal data (ARCHITECTURE.md, rule 5).
Attachments live in private storage and are streamed after a permission check.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.items import AssignedItem, ItemEvent
from obshtina.core.storage import select_private_storage
from obshtina.organization.models import Unit
from obshtina.organization.scoping import (
    UniquePerMunicipality,
    municipality_field,
    owned_manager,
)
from obshtina.registry.models import RegistryNumber


def private_file_path(instance, filename: str) -> str:
    # A random name: the original name is kept in the row, never in the path.
    return f"correspondence/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"


class Correspondence(AssignedItem):
    """One incoming document filed by a registered user."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("писмо")
        COMPLAINT = "complaint", _("жалба")
        PROPOSAL = "proposal", _("предложение")
        ACCESS_REQUEST = "access_request", _("заявление за достъп до обществена информация")
        OTHER = "other", _("друго")

    class SenderType(models.TextChoices):
        CITIZEN = "citizen", _("гражданин")
        COMPANY = "company", _("търговско дружество")
        NGO = "ngo", _("неправителствена организация")
        JOURNALIST = "journalist", _("журналист / медия")
        OTHER = "other", _("друго")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("регистрирано")
        IN_REVIEW = "in_review", _("в разглеждане")
        AWAITING_CLARIFICATION = "awaiting_clarification", _("очаква уточнение")
        EXTENDED = "extended", _("удължен срок")
        FORWARDED = "forwarded", _("препратено по компетентност")
        NOT_HELD = "not_held", _("информацията не е налична")
        GRANTED = "granted", _("предоставен достъп")
        PARTIALLY_GRANTED = "partially_granted", _("частично предоставен достъп")
        REFUSED = "refused", _("отказан достъп")
        ANSWERED = "answered", _("отговорено")
        CLOSED = "closed", _("приключено")

    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices)
    registered_at = models.DateTimeField(_("регистрирано на"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("подател (профил)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="correspondence",
    )
    addressee = models.ForeignKey(
        Unit,
        verbose_name=_("адресат"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Празно – „не знам“: деловодството насочва документа."),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("звено"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correspondence",
    )
    subject = models.CharField(_("относно"), max_length=300)
    text = models.TextField(_("текст"))
    status = models.CharField(
        _("състояние"), max_length=30, choices=Status.choices, default=Status.REGISTERED
    )
    due_at = models.DateField(_("срок"), null=True, blank=True)
    closed_at = models.DateTimeField(_("приключено на"), null=True, blank=True)

    # The sender, filled in from the profile and editable.
    sender_type = models.CharField(
        _("вид подател"), max_length=20, choices=SenderType.choices, default=SenderType.CITIZEN
    )
    sender_name = models.CharField(_("име на подателя"), max_length=200)
    sender_email = models.EmailField(_("имейл"))
    sender_phone = models.CharField(_("телефон"), max_length=40, blank=True)
    sender_address = models.CharField(_("адрес за кореспонденция"), max_length=300, blank=True)
    # On behalf of a legal entity.
    organisation_name = models.CharField(_("организация"), max_length=200, blank=True)
    organisation_eik = models.CharField(_("ЕИК / БУЛСТАТ"), max_length=13, blank=True)
    organisation_address = models.CharField(_("адрес на организацията"), max_length=300, blank=True)
    organisation_role = models.CharField(_("качество"), max_length=120, blank=True)

    created_at = models.DateTimeField(default=timezone.now)

    is_public = False  # for organization.permissions

    class Meta:
        verbose_name = _("входящ документ")
        verbose_name_plural = _("входящи документи")
        ordering = ["-registered_at"]
        indexes = [
            models.Index(fields=["unit", "status", "due_at"], name="corr_queue_idx"),
            models.Index(fields=["author", "registered_at"], name="corr_author_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="correspondence_number_per_municipality"
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("correspondence:detail", kwargs={"number": self.number})

    @property
    def is_access_request(self) -> bool:
        return self.kind == self.Kind.ACCESS_REQUEST

    def is_visible_to(self, user) -> bool:
        from obshtina.organization.permissions import can_view_item

        return can_view_item(user, self)


class AccessRequest(UniquePerMunicipality, models.Model):
    """What the access-to-information law requires of a request, and its procedure."""

    class AccessForm(models.TextChoices):
        INSPECTION = "inspection", _("преглед на информацията – оригинал или копие")
        ORAL = "oral", _("устна справка")
        PAPER_COPY = "paper_copy", _("копие на хартиен носител")
        ELECTRONIC = "electronic", _("копие на технически носител / по имейл / интернет адрес")

    # The item's municipality, repeated here so that the platform's number is unique
    # per municipality in the database (a constraint cannot reach through the item).
    municipality = municipality_field()
    correspondence = models.OneToOneField(
        Correspondence, on_delete=models.CASCADE, related_name="access_request"
    )
    # The request's number on the national platform (pitay.government.bg), when it
    # came from there; one request of the platform is registered once.
    platform_number = models.CharField(
        _("номер в Платформата за достъп до обществена информация"), max_length=40, blank=True
    )
    information_description = models.TextField(_("описание на исканата информация"))
    access_form = models.CharField(
        _("предпочитана форма на достъп"), max_length=20, choices=AccessForm.choices
    )
    # The procedure (ЗДОИ, чл. 28–33); dates are calendar dates in Europe/Sofia.
    clarification_requested_on = models.DateField(null=True, blank=True)
    clarification_due_on = models.DateField(null=True, blank=True)
    clarified_on = models.DateField(null=True, blank=True)
    extension_reason = models.CharField(max_length=20, blank=True)
    access_confirmed_at = models.DateTimeField(null=True, blank=True)
    refusal_ground = models.CharField(max_length=40, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("заявление по ЗДОИ")
        verbose_name_plural = _("заявления по ЗДОИ")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "platform_number"],
                condition=~models.Q(platform_number=""),
                name="access_platform_number_per_municipality",
            ),
        ]

    def __str__(self):
        return self.correspondence.number


class Attachment(models.Model):
    """A file filed with the item or attached to an outgoing document; private."""

    correspondence = models.ForeignKey(
        Correspondence, on_delete=models.CASCADE, related_name="attachments"
    )
    outgoing = models.ForeignKey(
        "OutgoingDocument",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        storage=select_private_storage, upload_to=private_file_path, max_length=200
    )
    original_name = models.CharField(_("име на файла"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = owned_manager("correspondence__municipality")

    class Meta:
        verbose_name = _("прикачен файл")
        verbose_name_plural = _("прикачени файлове")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse(
            "correspondence:attachment",
            kwargs={"number": self.correspondence.number, "pk": self.pk},
        )


class OutgoingDocument(models.Model):
    """An answer, notice or decision the municipality registers and sends to the sender.

    For access requests these are the law's notices and decisions (the
    glossary's AccessDecision); for letters, the answer.
    """

    class Kind(models.TextChoices):
        ANSWER = "answer", _("отговор")
        CLARIFICATION_NOTICE = "clarification_notice", _("уведомление за уточняване")
        EXTENSION_NOTICE = "extension_notice", _("уведомление за удължаване на срока")
        FORWARDING_NOTICE = "forwarding_notice", _("уведомление за препращане")
        NOT_HELD_NOTICE = "not_held_notice", _("уведомление, че информацията не е налична")
        DECISION_GRANT = "decision_grant", _("решение за предоставяне на достъп")
        DECISION_PARTIAL = "decision_partial", _("решение за частичен достъп")
        DECISION_REFUSE = "decision_refuse", _("решение за отказ")
        OTHER = "other", _("друг документ")

    correspondence = models.ForeignKey(
        Correspondence, on_delete=models.CASCADE, related_name="outgoing_documents"
    )
    kind = models.CharField(_("вид"), max_length=30, choices=Kind.choices)
    # Empty only inside the registering transaction: the number is taken last
    # (registry_number_assign), so every committed item has one.
    registry_number = models.OneToOneField(
        RegistryNumber, verbose_name=_("изходящ номер"), on_delete=models.PROTECT, null=True
    )
    number = models.CharField(_("номер"), max_length=32, db_index=True, null=True)  # noqa: DJ001
    text = models.TextField(_("текст"))
    details = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = owned_manager("correspondence__municipality")

    class Meta:
        verbose_name = _("изходящ документ")
        verbose_name_plural = _("изходящи документи")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.number} – {self.get_kind_display()}"


class CorrespondenceEvent(ItemEvent):
    """The timeline and audit trail of an item (ARCHITECTURE.md, rule 6).

    `visible_to_sender` events show on the sender's page; the others are internal.
    """

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("регистрирано")
        ROUTED = "routed", _("насочено към звено")
        ASSIGNED = "assigned", _("възложено")
        UNASSIGNED = "unassigned", _("възлагането е премахнато")
        NOTE = "note", _("вътрешна бележка")
        STATUS = "status", _("промяна на състоянието")
        OUTGOING = "outgoing", _("изходящ документ")
        CLARIFIED = "clarified", _("уточнение от заявителя")
        ACCESS_CONFIRMED = "access_confirmed", _("потвърден получен достъп")
        CLOSED = "closed", _("приключено")
        READ_FOR_MEETING = "read_for_meeting", _("прочетено за среща")
        EDELIVERY_SENT = "edelivery_sent", _("изпратено през е-Връчване")
        EDELIVERY_RECEIVED = "edelivery_received", _("получено в е-Връчване")
        EDELIVERY_DELIVERED = "edelivery_delivered", _("връчено през е-Връчване")
        ALSO_RECEIVED = "also_received", _("получено и по друг път")

    correspondence = models.ForeignKey(
        Correspondence, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    message = models.TextField(blank=True)
    visible_to_sender = models.BooleanField(default=True)
    outgoing = models.ForeignKey(
        OutgoingDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    item_field = "correspondence"
    statuses = Correspondence.Status

    @classmethod
    def internal(cls, note: str) -> dict:
        return {"internal_note": note, "visible_to_sender": False}

    objects = owned_manager("correspondence__municipality")

    class Meta(ItemEvent.Meta):
        verbose_name = _("събитие")
        verbose_name_plural = _("събития")


class PublishedAnswer(models.Model):
    """An answered access-to-information request in the public register: the subject,
    what was asked, the decision and the information provided, with the requester's
    personal data taken out (``redaction``) and checked by the access officer.

    Prepared as a draft when the decision is made; public only after a staff member
    publishes it, and never with a field of the request itself — only these texts.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("чернова – чака проверка")
        PUBLISHED = "published", _("публикувано")
        WITHDRAWN = "withdrawn", _("свалено")

    correspondence = models.OneToOneField(
        Correspondence, on_delete=models.CASCADE, related_name="published_answer"
    )
    status = models.CharField(
        _("състояние"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    subject = models.CharField(_("относно"), max_length=300)
    request_text = models.TextField(_("исканата информация"))
    decision_kind = models.CharField(_("решение"), max_length=30)
    decision_text = models.TextField(_("решението и предоставената информация"))
    decided_on = models.DateField(_("дата на решението"))
    published_at = models.DateTimeField(_("публикувано на"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = owned_manager("correspondence__municipality")

    class Meta:
        verbose_name = _("публикуван отговор по ЗДОИ")
        verbose_name_plural = _("публичен регистър по ЗДОИ")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.correspondence.number} – {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("correspondence:register_entry", kwargs={"number": self.number})

    @property
    def number(self) -> str:
        return self.correspondence.number

    def get_decision_kind_display(self) -> str:
        kinds = dict(OutgoingDocument.Kind.choices)
        return str(kinds.get(self.decision_kind, self.decision_kind))
