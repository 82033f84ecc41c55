"""Who may call the APIs: Open311 clients (api_key) and personal API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.core.ratelimit import is_rate
from obshtina.organization.scoping import municipality_field, owned_manager


def validate_rate(value: str) -> None:
    if not is_rate(value):
        raise ValidationError(_("Напишете лимита като брой/период, напр. 600/1h или 50/10m."))


def new_api_key() -> str:
    return secrets.token_urlsafe(32)


class Open311Client(models.Model):
    """A system or app allowed to POST requests to Open311 GeoReport v2; the
    administrator issues one key per client in the admin."""

    municipality = municipality_field()
    name = models.CharField(_("наименование"), max_length=200)
    contact_email = models.EmailField(_("имейл за връзка"), blank=True)
    api_key = models.CharField(_("ключ (api_key)"), max_length=64, unique=True, default=new_api_key)
    is_active = models.BooleanField(_("активен"), default=True)
    rate_limit = models.CharField(
        _("лимит на сигналите"),
        max_length=20,
        blank=True,
        validators=[validate_rate],
        help_text=_(
            "Напр. 600/1h (600 на час; единици s, m, h, d) – брои се по ключа, откъдето и "
            "да идват сигналите: за система, която подава от името на много граждани. "
            "Празно: като всеки адрес, по API_RATE_LIMIT на IP адрес."
        ),
    )
    created_at = models.DateTimeField(_("създаден на"), default=timezone.now)
    last_used_at = models.DateTimeField(_("последно използван"), null=True, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("клиент на Open311")
        verbose_name_plural = _("клиенти на Open311")

    def __str__(self):
        return self.name


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal token for the JSON API (a phone app signed in as the user).

    Only its SHA-256 is stored; the token itself is shown once when it is made.
    """

    municipality = municipality_field()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("потребител"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("наименование"), max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("създаден на"), default=timezone.now)
    last_used_at = models.DateTimeField(_("последно използван"), null=True, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("ключ за API")
        verbose_name_plural = _("ключове за API")

    def __str__(self):
        return f"{self.user} – {self.name}"


def new_open311_token() -> str:
    return secrets.token_urlsafe(16)


class Open311Token(models.Model):
    """The token an Open311 POST answers with, for ``tokens/{token}``.

    It only leads to the report's registry number, which is public anyway; it is
    not the submitter's private access secret (``Report.access_token``).
    """

    token = models.CharField(max_length=32, unique=True, default=new_open311_token)
    report = models.ForeignKey(
        "reports.Report", verbose_name=_("сигнал"), on_delete=models.CASCADE, related_name="+"
    )
    client = models.ForeignKey(
        Open311Client,
        verbose_name=_("клиент"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tokens",
    )
    created_at = models.DateTimeField(_("създаден на"), default=timezone.now)

    objects = owned_manager("report__municipality")

    class Meta:
        verbose_name = _("токен на Open311")
        verbose_name_plural = _("токени на Open311")

    def __str__(self):
        return self.token
