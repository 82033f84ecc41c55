from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from obshtina.organization.scoping import (
    UniquePerMunicipality,
    municipality_field,
    owned_manager,
)


class Municipality(models.Model):
    """A municipality the platform serves, on its own address; edited in the admin.

    Everything municipality-specific is data, so the same code serves any
    Bulgarian municipality. Which one a request is for is decided by its host
    (organization.hosts).
    """

    name = models.CharField(_("име"), max_length=200, default="Община Самоков")
    # Its address on the platform: <slug>.<PLATFORM_DOMAIN>.
    slug = models.SlugField(
        _("кратко име в адреса"),
        max_length=60,
        unique=True,
        default="samokov",
        help_text=_("Напр. „samokov“: сайтът е на samokov.<домейна на платформата>."),
    )
    contact_phone = models.CharField(
        _("телефон на контактния център"), max_length=40, default="0700 20 117"
    )
    contact_email = models.EmailField(_("имейл за контакт"), default="obshtina@samokov.bg")
    address = models.CharField(
        _("адрес"), max_length=300, default="гр. Самоков 2000, ул. „Македония“ № 36"
    )
    map_center_lat = models.DecimalField(
        _("център на картата – ширина"),
        max_digits=9,
        decimal_places=6,
        default=Decimal("42.337000"),
    )
    map_center_lng = models.DecimalField(
        _("център на картата – дължина"),
        max_digits=9,
        decimal_places=6,
        default=Decimal("23.552800"),
    )
    map_zoom = models.PositiveSmallIntegerField(_("мащаб на картата"), default=12)
    bounds_south = models.DecimalField(
        _("граница – юг"), max_digits=9, decimal_places=6, default=Decimal("42.150000")
    )
    bounds_west = models.DecimalField(
        _("граница – запад"), max_digits=9, decimal_places=6, default=Decimal("23.300000")
    )
    bounds_north = models.DecimalField(
        _("граница – север"), max_digits=9, decimal_places=6, default=Decimal("42.500000")
    )
    bounds_east = models.DecimalField(
        _("граница – изток"), max_digits=9, decimal_places=6, default=Decimal("23.850000")
    )

    class Meta:
        verbose_name = _("община")
        verbose_name_plural = _("общини")

    def __str__(self):
        return self.name

    def clean(self):
        if self.bounds_south >= self.bounds_north or self.bounds_west >= self.bounds_east:
            raise ValidationError(
                _("Южната/западната граница трябва да е по-малка от северната/източната.")
            )
        if not self.contains(float(self.map_center_lat), float(self.map_center_lng)):
            raise ValidationError(_("Центърът на картата трябва да е в границите на общината."))

    @cached_property
    def is_first(self) -> bool:
        """The installation's first municipality: the one it served before there were more."""
        return not Municipality.objects.filter(pk__lt=self.pk).exists()

    @cached_property
    def site_url(self) -> str:
        """The address its e-mails and links lead to: the deployment's SITE_URL for
        the first municipality (as before there were more), its own host for another
        one that has one, else <slug>.<PLATFORM_DOMAIN> (SITE_URL's scheme and port)."""
        base = urlsplit(settings.SITE_URL or "https://localhost")
        if self.is_first and settings.SITE_URL:
            return settings.SITE_URL
        own = self.hosts.order_by("pk").values_list("host", flat=True).first()
        if own:
            return f"{base.scheme}://{own}"
        port = f":{base.port}" if base.port else ""
        return f"{base.scheme}://{self.slug}.{settings.PLATFORM_DOMAIN}{port}"

    def contains(self, lat: float, lng: float) -> bool:
        """Is the point inside the municipality's bounding box?"""
        return float(self.bounds_south) <= lat <= float(self.bounds_north) and float(
            self.bounds_west
        ) <= lng <= float(self.bounds_east)


class MunicipalityHost(models.Model):
    """A host name of its own that leads to a municipality (e.g. ``e.samokov.bg``),
    besides ``<slug>.<PLATFORM_DOMAIN>``."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("община"), on_delete=models.CASCADE, related_name="hosts"
    )
    host = models.CharField(
        _("адрес (хост)"),
        max_length=253,
        unique=True,
        validators=[DomainNameValidator(accept_idna=False)],
        help_text=_("Само името, без https:// и без път, напр. e.samokov.bg."),
    )

    class Meta:
        verbose_name = _("собствен адрес на общината")
        verbose_name_plural = _("собствени адреси на общината")
        ordering = ["host"]

    def __str__(self):
        return self.host

    def save(self, *args, **kwargs):
        self.host = self.host.strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        self.host = self.host.strip().lower()
        domain = settings.PLATFORM_DOMAIN.lower()
        if domain and (self.host == domain or self.host.endswith(f".{domain}")):
            # <slug>.<PLATFORM_DOMAIN> is every municipality's platform address already:
            # one of its own there could take another municipality's.
            raise ValidationError(
                {"host": _("Адресите под %(domain)s са на платформата.") % {"domain": domain}}
            )
        if self.host in settings.DEFAULT_MUNICIPALITY_HOSTS:
            raise ValidationError({"host": _("Този адрес води към първата община.")})


class Unit(UniquePerMunicipality, models.Model):
    """A structural unit (структурно звено): a directorate or a department."""

    municipality = municipality_field()

    class Kind(models.TextChoices):
        DIRECTORATE = "directorate", _("дирекция")
        DEPARTMENT = "department", _("отдел")
        SECTOR = "sector", _("сектор")
        OTHER = "other", _("друго")

    name = models.CharField(_("име"), max_length=200)
    slug = models.SlugField(_("кратко име"), max_length=80, allow_unicode=True)
    kind = models.CharField(_("вид"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("към"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    functions = models.TextField(_("функции"), blank=True)
    head_name = models.CharField(_("ръководител"), max_length=200, blank=True)
    address = models.CharField(_("адрес"), max_length=300, blank=True)
    phone = models.CharField(_("телефон"), max_length=40, blank=True)
    email = models.EmailField(_("имейл"), blank=True)
    working_hours = models.CharField(_("работно време"), max_length=200, blank=True)
    is_active = models.BooleanField(_("активно"), default=True)
    is_contact_centre = models.BooleanField(
        _("контактен център"),
        default=False,
        help_text=_("Получава сигналите и въпросите, за които няма правило за разпределяне."),
    )

    objects = owned_manager()

    class Meta:
        verbose_name = _("структурно звено")
        verbose_name_plural = _("структурни звена")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="unit_name_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="unit_slug_per_municipality"
            ),
        ]

    def __str__(self):
        return self.name


class Settlement(UniquePerMunicipality, models.Model):
    """A settlement of the municipality: the town or a village (кметство)."""

    municipality = municipality_field()

    class Kind(models.TextChoices):
        TOWN = "town", _("град")
        VILLAGE = "village", _("село")

    name = models.CharField(_("име"), max_length=120)
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices, default=Kind.VILLAGE)
    ekatte = models.CharField(_("код по ЕКАТТЕ"), max_length=5, blank=True)
    latitude = models.DecimalField(_("ширина"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("дължина"), max_digits=9, decimal_places=6)

    objects = owned_manager()

    class Meta:
        verbose_name = _("населено място")
        verbose_name_plural = _("населени места")
        ordering = ["-kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="settlement_name_per_municipality"
            ),
        ]

    def __str__(self):
        prefix = _("гр.") if self.kind == self.Kind.TOWN else _("с.")
        return f"{prefix} {self.name}"

    def clean(self):
        # A centre outside the municipality would pull reports placed near it (area
        # alerts, the nearest settlement of a point on the map) to the wrong place.
        super().clean()
        if self.latitude is None or self.longitude is None:
            return
        if not self.municipality.contains(float(self.latitude), float(self.longitude)):
            message = _("Точката е извън границите на %(municipality)s.") % {
                "municipality": self.municipality.name
            }
            raise ValidationError({"latitude": message, "longitude": message})


class Role(models.TextChoices):
    """Roles that are not tied to a unit (ARCHITECTURE.md, rule 4)."""

    OPERATOR = "operator", _("оператор на контактния център")
    ACCESS_OFFICER = "access_officer", _("служител по достъп до обществена информация")
    RECEPTION_ADMIN = "reception_admin", _("администратор на приемното време")
    REGISTRY_CLERK = "registry_clerk", _("деловодител")
    EDITOR = "editor", _("редактор на информацията")
    ADMINISTRATOR = "administrator", _("администратор")


class StaffRole(UniquePerMunicipality, models.Model):
    municipality = municipality_field()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("служител"),
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    role = models.CharField(_("роля"), max_length=30, choices=Role.choices)

    objects = owned_manager()

    class Meta:
        verbose_name = _("роля на служител")
        verbose_name_plural = _("роли на служители")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user", "role"], name="staffrole_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


class Membership(models.Model):
    """An officer's place in a unit; a head also manages the unit's work."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("служител"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("звено"), on_delete=models.CASCADE, related_name="memberships"
    )
    is_head = models.BooleanField(_("ръководител на звеното"), default=False)
    position = models.CharField(_("длъжност"), max_length=200, blank=True)

    objects = owned_manager("unit__municipality")

    class Meta:
        verbose_name = _("членство в звено")
        verbose_name_plural = _("членства в звена")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="unique_unit_membership")
        ]

    def __str__(self):
        return f"{self.user} @ {self.unit}"


class Street(UniquePerMunicipality, models.Model):
    """A street, boulevard, square or quarter of a settlement: the gazetteer that finds
    a typed address without an outside geocoding service (``organization.gazetteer``)."""

    municipality = municipality_field()

    class Kind(models.TextChoices):
        STREET = "street", _("ул.")
        BOULEVARD = "boulevard", _("бул.")
        SQUARE = "square", _("пл.")
        QUARTER = "quarter", _("ж.к.")

    settlement = models.ForeignKey(
        Settlement, verbose_name=_("населено място"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("име"), max_length=200, help_text=_("Без „ул.“, напр. „Търговска“."))
    kind = models.CharField(_("вид"), max_length=10, choices=Kind.choices, default=Kind.STREET)
    # A representative point: the middle of the street, or the square itself.
    latitude = models.DecimalField(_("ширина"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("дължина"), max_digits=9, decimal_places=6)
    osm_id = models.CharField(_("идентификатор в OpenStreetMap"), max_length=40, blank=True)

    objects = owned_manager()

    class Meta:
        verbose_name = _("улица")
        verbose_name_plural = _("улици")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "settlement", "name"],
                name="street_name_per_settlement",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} „{self.name}“"
