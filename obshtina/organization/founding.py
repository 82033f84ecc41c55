"""A new municipality on the platform: created from a template municipality, with
its first administrator invited.

From the template it takes what every Bulgarian municipality has in much the same
shape – its units, report categories and their municipality-wide routing, registry
series (so it numbers from 1 with the same prefixes), question topics, the knowledge
base's themes and services, answer templates and reception schedule groups – and
nothing that is the template's own: no settlement, person, report, document,
regulation or schedule. The new municipality's administrators then edit all of it in
their own admin.
"""

from dataclasses import dataclass
from decimal import Decimal

from allauth.account.forms import default_token_generator  # allauth's own, as its reset view checks
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .hosts import serving
from .models import Municipality, MunicipalityHost, Role, Settlement, Unit
from .services import staff_role_grant


@dataclass(frozen=True)
class NewSettlement:
    name: str
    kind: str  # Settlement.Kind
    latitude: Decimal
    longitude: Decimal
    ekatte: str = ""


@transaction.atomic
def municipality_found(
    *,
    name: str,
    slug: str,
    template: Municipality | None = None,
    hosts: tuple[str, ...] = (),
    settlements: tuple[NewSettlement, ...] = (),
    **fields,
) -> Municipality:
    """Create the municipality (``fields``: its contacts, map and bounds), its own
    hosts and settlements, and a copy of the template's starting set."""
    municipality = Municipality(name=name, slug=slug, **fields)
    municipality.full_clean()
    municipality.save()
    for host in hosts:
        own = MunicipalityHost(municipality=municipality, host=host.strip().lower())
        own.full_clean()
        own.save()
    with serving(municipality):
        for settlement in settlements:
            if not municipality.contains(float(settlement.latitude), float(settlement.longitude)):
                raise ValidationError(
                    _("„%(name)s“ е извън границите на общината.") % {"name": settlement.name}
                )
            Settlement.objects.create(
                name=settlement.name,
                kind=settlement.kind,
                ekatte=settlement.ekatte,
                latitude=settlement.latitude,
                longitude=settlement.longitude,
            )
    if template is not None:
        _copy_starting_set(template, municipality)
    return municipality


def _copy_starting_set(template: Municipality, municipality: Municipality) -> None:
    from obshtina.casework.models import AnswerTemplate
    from obshtina.infodesk.models import QuestionTopic, Service, Theme
    from obshtina.reception.models import ScheduleGroup
    from obshtina.registry.models import RegistrySeries
    from obshtina.reports.models import Category, CategoryQuestion, RoutingRule

    with serving(template):
        units = list(Unit.objects.order_by("pk"))
        parents = {unit.pk: unit.parent_id for unit in units}
        categories = list(Category.objects.order_by("pk"))
        questions = list(CategoryQuestion.objects.order_by("pk"))
        rules = list(RoutingRule.objects.filter(settlement__isnull=True))
        topics = list(QuestionTopic.objects.order_by("pk"))
        themes = list(Theme.objects.order_by("pk"))
        services = list(Service.objects.order_by("pk").prefetch_related("themes"))
        service_themes = {service.pk: [t.pk for t in service.themes.all()] for service in services}
        series = list(RegistrySeries.objects.order_by("pk"))
        answers = list(AnswerTemplate.objects.filter(unit__isnull=True, is_active=True))
        groups = list(ScheduleGroup.objects.order_by("pk"))

    def clone_all(rows, **remap) -> dict[int, int]:
        """Save a copy of each row for the new municipality; old pk → new pk.
        ``remap``: a foreign key's field name → the map its ids go through."""
        copies = {}
        for row in rows:
            old = row.pk
            row.pk = row.id = None
            row._state.adding = True
            row.municipality = municipality
            for field, ids in remap.items():
                value = getattr(row, f"{field}_id")
                setattr(row, f"{field}_id", ids.get(value) if value is not None else None)
            row.save()
            copies[old] = row.pk
        return copies

    with serving(municipality):
        unit_ids = clone_all(units, parent={})  # parents set below, once all exist
        for old, new in unit_ids.items():
            if parents[old]:
                Unit.objects.filter(pk=new).update(parent_id=unit_ids[parents[old]])
        # The template's people and contacts are its own.
        Unit.objects.update(head_name="", address="", phone="", email="", working_hours="")
        category_ids = clone_all(categories, unit=unit_ids)
        clone_all(questions, category=category_ids)
        for rule in rules:
            RoutingRule.objects.create(
                category_id=category_ids[rule.category_id], unit_id=unit_ids[rule.unit_id]
            )
        topic_ids = clone_all(topics, unit=unit_ids)
        theme_ids = clone_all(themes)
        service_ids = clone_all(services, unit=unit_ids)
        for old, new in service_ids.items():
            Service.objects.get(pk=new).themes.set([theme_ids[t] for t in service_themes[old]])
        clone_all(series)
        clone_all(answers, category=category_ids, topic=topic_ids, created_by={})
        clone_all(groups)


def administrator_invite(*, municipality: Municipality, email: str, name: str = "") -> models.Model:
    """Make the person the municipality's administrator and send them a link to set
    their password (an existing account keeps its password and just gets the role)."""
    from obshtina.notifications.services import notification_queue

    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic(), serving(municipality):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            first, _space, last = name.partition(" ")
            user = User.objects.create_user(email=email, first_name=first, last_name=last)
            user.set_unusable_password()
            user.save(update_fields=["password"])
            # The link in the e-mail proves the address.
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        staff_role_grant(user=user, role=Role.ADMINISTRATOR)
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
        notification_queue(
            to_email=email,
            template="generic",
            user=user,
            context={
                "subject": format_lazy(
                    _("Покана: администратор на {name}"), name=municipality.name
                ),
                "body": format_lazy(
                    _(
                        "Вие сте администратор на сайта на {name} в платформата за електронни "
                        "услуги. Задайте парола с връзката по-долу; след това ще настроите "
                        "вход с втора стъпка."
                    ),
                    name=municipality.name,
                ),
                "action_url": municipality.site_url + path,
                "action_label": _("Задайте парола"),
            },
        )
    return user
