"""What the core keeps in the database: the answers to requests sent with an
Idempotency-Key, the site-wide notices and the accessibility statement."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.scoping import (
    UniquePerMunicipality,
    municipality_field,
    owned_manager,
)


class IdempotentRequest(models.Model):
    """One creating request sent with an ``Idempotency-Key``, and the answer it got.

    Written in the same transaction as what the request created, so that whenever
    the item exists its answer does too and a retry is answered with it. Only a
    SHA-256 of the key is kept: for an anonymous caller the key alone is the scope.
    """

    # The municipality's, then "user:12", "open311:3" or "anonymous": "1/user:12".
    scope = models.CharField(max_length=40)
    key_hash = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)  # method, path and body (idempotency.py)
    created_at = models.DateTimeField(db_index=True)
    status = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=200, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(blank=True, default=b"")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash"], name="idempotency_key_once")
        ]

    def __str__(self):
        return f"{self.scope} {self.key_hash[:12]}"


class SiteNotice(models.Model):
    """A message on every page of the municipality's site for an emergency (snow, floods,
    water cut off), from its start to its end; written by an administrator in the admin."""

    class Level(models.TextChoices):
        INFO = "info", _("информация")
        WARNING = "warning", _("предупреждение")
        DANGER = "danger", _("опасност")

    municipality = municipality_field()
    title = models.CharField(_("заглавие"), max_length=120)
    text = models.TextField(_("текст"), max_length=600)
    level = models.CharField(
        _("степен"), max_length=10, choices=Level.choices, default=Level.WARNING
    )
    link = models.URLField(
        _("връзка за повече"), blank=True, help_text=_("Напр. страница с указания или карта.")
    )
    starts_at = models.DateTimeField(_("показва се от"), default=timezone.now)
    ends_at = models.DateTimeField(_("показва се до"))
    created_at = models.DateTimeField(_("създадено на"), default=timezone.now, editable=False)

    objects = owned_manager()

    class Meta:
        verbose_name = _("съобщение на сайта")
        verbose_name_plural = _("съобщения на сайта")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["municipality", "ends_at"], name="site_notice_end_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Краят трябва да е след началото.")})

    def is_shown_at(self, moment) -> bool:
        return self.starts_at <= moment < self.ends_at


class AccessibilityStatement(UniquePerMunicipality, models.Model):
    """The municipality's "Декларация за достъпност" of this site, in the EU's model
    (Implementing Decision (EU) 2018/1523; чл. 58в, ал. 4 ЗЕУ): one per municipality,
    kept by editors in the admin and reviewed at least once a year."""

    class Compliance(models.TextChoices):
        FULL = "full", _("напълно съответства")
        PARTIAL = "partial", _("частично съответства")
        NONE = "none", _("не съответства")

    class Method(models.TextChoices):
        SELF = "self", _("самооценка от общината")
        THIRD_PARTY = "third_party", _("оценка от трета страна")

    municipality = municipality_field()
    compliance = models.CharField(
        _("съответствие с EN 301 549 / WCAG 2.1, ниво AA"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    non_compliance = models.TextField(
        _("несъответствия с изискванията"),
        blank=True,
        help_text=_("Какво не е достъпно и защо (кои критерии не са изпълнени). По една на ред."),
    )
    disproportionate_burden = models.TextField(
        _("непропорционална тежест"),
        blank=True,
        help_text=_(
            "Съдържание, за което общината се позовава на непропорционална тежест. По една на ред."
        ),
    )
    out_of_scope = models.TextField(
        _("извън обхвата на изискванията"),
        blank=True,
        help_text=_(
            "Съдържание извън обхвата (чл. 58в, ал. 2 ЗЕУ), напр. файлове, качени от "
            "граждани, карти. По една на ред."
        ),
    )
    alternatives = models.TextField(
        _("достъпни алтернативи"),
        blank=True,
        help_text=_("Как човек получава недостъпното съдържание по друг начин."),
    )
    prepared_on = models.DateField(_("декларацията е изготвена на"))
    method = models.CharField(
        _("метод на оценката"), max_length=20, choices=Method.choices, default=Method.SELF
    )
    method_details = models.CharField(
        _("как е оценено"),
        max_length=300,
        blank=True,
        help_text=_("Напр. автоматични проверки с axe и ръчен преглед с екранен четец."),
    )
    reviewed_on = models.DateField(
        _("последен преглед"), help_text=_("Преглежда се поне веднъж годишно.")
    )
    feedback_email = models.EmailField(_("имейл за обратна връзка"))
    feedback_phone = models.CharField(_("телефон за обратна връзка"), max_length=40, blank=True)
    reply_days = models.PositiveSmallIntegerField(
        _("срок за отговор (дни)"),
        default=14,
        help_text=_("В колко дни общината отговаря на съобщение за проблем с достъпността."),
    )
    enforcement = models.TextField(
        _("процедура по прилагане"),
        help_text=_("Към кого може да се обърне човек, недоволен от отговора на общината."),
    )
    enforcement_url = models.URLField(_("връзка към органа по прилагане"), blank=True)
    updated_at = models.DateTimeField(_("последна промяна"), auto_now=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("декларация за достъпност")
        verbose_name_plural = _("декларация за достъпност")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], name="accessibility_statement_per_municipality"
            )
        ]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()

    def clean(self):
        if self.prepared_on and self.reviewed_on and self.reviewed_on < self.prepared_on:
            raise ValidationError({"reviewed_on": _("Прегледът не може да е преди изготвянето.")})

    # The lists are typed one item a line; a leading dash or bullet is dropped.
    @property
    def non_compliance_lines(self) -> list[str]:
        return _lines(self.non_compliance)

    @property
    def disproportionate_burden_lines(self) -> list[str]:
        return _lines(self.disproportionate_burden)

    @property
    def out_of_scope_lines(self) -> list[str]:
        return _lines(self.out_of_scope)


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]
