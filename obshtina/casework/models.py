"""What every handled item shares: here, the answer templates officials start from."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization import permissions
from obshtina.organization.scoping import municipality_field, owned_manager


class AnswerTemplate(models.Model):
    """A ready text for an answer, a notice or a decision (as FixMyStreet's
    response templates), with placeholders filled in from the item.

    Offered for items of its ``kind``, narrowed by ``category`` (reports),
    ``topic`` (questions), ``step`` (access-to-information documents) and
    ``unit``; with a ``status`` it fills in by itself when an official moves an
    item to that status. The rules (placeholders, the citizen's name only in
    private answers) are in ``casework.templates``.
    """

    municipality = municipality_field()

    class Kind(models.TextChoices):
        REPORT = permissions.KIND_REPORT, _("сигнал")
        QUESTION = permissions.KIND_QUESTION, _("въпрос")
        LETTER = permissions.KIND_LETTER, _("писмо")
        COMPLAINT = permissions.KIND_COMPLAINT, _("жалба")
        PROPOSAL = permissions.KIND_PROPOSAL, _("предложение")
        OTHER = permissions.KIND_OTHER_DOCUMENT, _("друг документ")
        ACCESS_REQUEST = permissions.KIND_ACCESS_REQUEST, _("заявление по ЗДОИ")

    class Step(models.TextChoices):
        """The access-to-information documents; the values are the desk's action names."""

        CLARIFICATION = "access_clarification", _("уведомление за уточняване (чл. 29 ЗДОИ)")
        EXTENSION = "access_extend", _("уведомление за удължаване на срока (чл. 30, 31 ЗДОИ)")
        FORWARD = "access_forward", _("уведомление за препращане (чл. 32 ЗДОИ)")
        NOT_HELD = "access_not_held", _("уведомление, че информацията липсва (чл. 33 ЗДОИ)")
        DECISION = "access_decide", _("решение по заявлението (чл. 34, 38 ЗДОИ)")

    title = models.CharField(_("заглавие"), max_length=120)
    text = models.TextField(
        _("текст"),
        help_text=_(
            "Заместители: {номер}, {дата} (на регистрация), {звено}, {име} (името на "
            "гражданина – само в лични отговори: писма, жалби, предложения, ЗДОИ)."
        ),
    )
    kind = models.CharField(_("вид преписка"), max_length=20, choices=Kind.choices)
    step = models.CharField(
        _("документ по ЗДОИ"),
        max_length=30,
        choices=Step.choices,
        blank=True,
        help_text=_("Само за заявления по ЗДОИ; празно – за всеки документ."),
    )
    category = models.ForeignKey(
        "reports.Category",
        verbose_name=_("категория на сигнал"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Само за сигнали; празно – за всяка категория."),
    )
    topic = models.ForeignKey(
        "infodesk.QuestionTopic",
        verbose_name=_("тема на въпрос"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Само за въпроси; празно – за всяка тема."),
    )
    unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("звено"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answer_templates",
        help_text=_("Празно – шаблон на общината, за всяко звено."),
    )
    status = models.CharField(
        _("попълва се автоматично при състояние"),
        max_length=30,
        blank=True,
        help_text=_("Когато служителят избере това състояние и текстът е празен."),
    )
    is_active = models.BooleanField(_("активен"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("шаблон за отговор")
        verbose_name_plural = _("шаблони за отговор")
        ordering = ["kind", "title"]
        indexes = [
            models.Index(
                fields=["municipality", "kind", "is_active"], name="answer_template_kind_idx"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from .answer_templates import template_check  # the rules live with the service

        template_check(self)

    def get_status_display(self) -> str:
        from .answer_templates import statuses_for_kind

        return dict(statuses_for_kind(self.kind)).get(self.status, self.status)
