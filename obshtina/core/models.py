"""What the core keeps in the database: the answers to requests sent with an
Idempotency-Key, and the site-wide notices."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.organization.scoping import municipality_field, owned_manager


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
