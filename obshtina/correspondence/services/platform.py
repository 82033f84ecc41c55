"""Access requests from the national platform (pitay.government.bg) and from the desk.

The platform has no API for administrations: its requests reach the municipality by
e-Delivery, the document-exchange system or e-mail, and the requester may also send
the same request on paper. So the platform's number of a request is kept on it
(``AccessRequest.platform_number``, unique per municipality), typed in by the
registry clerk or read from a message (``platform_number_in``), and a request whose
number is known is registered once: a second arrival is recorded on the first one's
timeline. Without a number, the same sender and a near-identical text within
``SIMILAR_DAYS`` days is only a hint the clerk may override.

Connector: only with ``settings.ACCESS_PLATFORM``; the callers check it.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from difflib import SequenceMatcher

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.casework.timeline import in_bulgarian
from obshtina.organization.models import Unit
from obshtina.organization.permissions import can_manage_item, can_register_access_requests

from ..models import AccessRequest, Correspondence, CorrespondenceEvent
from .errors import CorrespondenceError
from .events import correspondence_event_record
from .filing import correspondence_submit

SIMILAR_DAYS = 14
SIMILAR_RATIO = 0.9  # difflib's ratio of the normalised texts: "near-identical"
DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")


DELIVERED = object()  # the actor of a request registered from a delivered message


class ArrivalRoute(models.TextChoices):
    """How a request reached the registry desk; the label completes "получено …"."""

    PAPER = "paper", _("на хартия")
    EMAIL = "email", _("по имейл")
    EDELIVERY = "edelivery", _("чрез системата за е-Връчване")
    EXCHANGE = "exchange", _("чрез системата за обмен на документи (СЕОС)")


def _pattern() -> re.Pattern:
    # Not inside a longer word or number: our own "ЗДОИ-2026-000123" is no match.
    return re.compile(
        rf"(?<![\w-])(?:{settings.ACCESS_PLATFORM_NUMBER_PATTERN})(?![\w-])", re.IGNORECASE
    )


def platform_number_in(text: str) -> str | None:
    """The platform's request number in a message's subject or text, or None.

    Dashes of every kind count as "-"; the number comes back in upper case as the
    platform writes it, so it compares with the stored one. The first number wins.
    """
    match = _pattern().search(DASHES.sub("-", text or ""))
    return match.group(0).upper() if match else None


def platform_number_clean(value: str) -> str:
    """A number typed by the clerk, in the stored form; "" stays "" (not from the
    platform). Anything else that is not one number raises ``CorrespondenceError``."""
    value = DASHES.sub("-", (value or "").strip()).replace(" ", "")
    if not value:
        return ""
    found = platform_number_in(value)
    if found is None or found != value.upper():
        raise CorrespondenceError(
            {
                "platform_number": _(
                    "Това не прилича на номер от Платформата за достъп до обществена "
                    "информация (напр. ЗДОИ-01-1234)."
                )
            }
        )
    return found


def access_request_with_platform_number(number: str) -> Correspondence | None:
    """The registered request of this municipality that has the platform's number."""
    if not number:
        return None
    access = (
        AccessRequest.objects.filter(platform_number=number)
        .select_related("correspondence")
        .first()
    )
    return access.correspondence if access else None


def similar_access_requests(
    *, sender_email: str, information_description: str, at=None
) -> list[Correspondence]:
    """Requests of the same e-mail address registered in the last ``SIMILAR_DAYS`` days
    whose requested information reads nearly the same: probably this one again."""
    sender_email = (sender_email or "").strip()
    if not sender_email:
        return []
    at = at or timezone.now()
    candidates = (
        Correspondence.objects.filter(
            kind=Correspondence.Kind.ACCESS_REQUEST,
            sender_email__iexact=sender_email,
            registered_at__gte=at - timedelta(days=SIMILAR_DAYS),
            registered_at__lte=at,
        )
        .select_related("access_request")
        .order_by("-registered_at")
    )
    wanted = _comparable(information_description)
    return [
        item
        for item in candidates
        if SequenceMatcher(
            None, wanted, _comparable(item.access_request.information_description)
        ).ratio()
        >= SIMILAR_RATIO
    ]


def _comparable(text: str) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


@dataclass
class Registration:
    """What the desk's registration did: a new item, or the existing one it matched."""

    item: Correspondence
    created: bool
    similar: list[Correspondence] = field(default_factory=list)


class SimilarRequests(CorrespondenceError):
    """Nearly the same request came from the same address lately; ``similar`` names them."""

    def __init__(self, similar: list[Correspondence]):
        super().__init__(
            _(
                "От същия имейл наскоро е регистрирано почти същото заявление. Проверете "
                "дали не е същото; ако е ново, потвърдете регистрирането."
            )
        )
        self.similar = similar


def access_request_register(
    *,
    actor,
    route: str,
    subject: str,
    text: str,
    information_description: str,
    access_form: str,
    sender_name: str,
    sender_email: str = "",
    sender_phone: str = "",
    sender_address: str = "",
    sender_type: str = Correspondence.SenderType.CITIZEN,
    addressee: Unit | None = None,
    platform_number: str = "",
    confirm_similar: bool = False,
) -> Registration:
    """Register an access request that reached the desk by ``route``.

    A platform number this municipality already has makes no new item: the arrival
    is recorded on the registered one (``created=False``), also when two arrivals
    race (the database's constraint decides). Without a number, a similar recent
    request of the same sender raises ``SimilarRequests`` unless ``confirm_similar``.
    """
    if actor is not DELIVERED and not can_register_access_requests(actor):
        raise PermissionDenied
    if route not in ArrivalRoute.values:
        raise CorrespondenceError({"route": _("Изберете как е получено заявлението.")})
    if not (sender_name or "").strip():
        raise CorrespondenceError({"sender_name": _("Въведете името на заявителя.")})
    if access_form not in AccessRequest.AccessForm.values:
        raise CorrespondenceError({"access_form": _("Изберете формата на достъп.")})
    number = platform_number_clean(platform_number)
    existing = access_request_with_platform_number(number)
    if existing is not None:
        return Registration(
            item=arrival_record(item=existing, actor=actor, route=route), created=False
        )
    similar = (
        []
        if number
        else similar_access_requests(
            sender_email=sender_email, information_description=information_description
        )
    )
    if similar and not confirm_similar and actor is not DELIVERED:
        raise SimilarRequests(similar)
    try:
        item = correspondence_submit(
            author=None,
            registered_by=None if actor is DELIVERED else actor,
            kind=Correspondence.Kind.ACCESS_REQUEST,
            subject=subject,
            text=text,
            sender_name=sender_name,
            sender_email=sender_email,
            sender_phone=sender_phone,
            sender_address=sender_address,
            sender_type=sender_type,
            addressee=addressee,
            access={
                "information_description": information_description,
                "access_form": access_form,
                "platform_number": number,
            },
            arrival={"route": route, "route_label": str(ArrivalRoute(route).label)},
        )
    except IntegrityError:
        existing = access_request_with_platform_number(number)
        if existing is None:
            raise
        return Registration(
            item=arrival_record(item=existing, actor=actor, route=route), created=False
        )
    return Registration(item=item, created=True, similar=similar)


def access_request_deliver(*, route: str, **fields) -> Registration:
    """``access_request_register`` for a message that arrived by itself (e-Delivery,
    the document exchange, an e-mail box): nobody registers it by hand, so a similar
    recent request is not a question but ``Registration.similar``, for the caller to
    note on the item. ``fields`` are ``access_request_register``'s, without ``actor``;
    pass ``platform_number=platform_number_in(subject + text) or ""``."""
    return access_request_register(actor=DELIVERED, route=route, **fields)


def arrival_record(*, item: Correspondence, actor, route: str) -> Correspondence:
    """One more arrival of a registered request ("получено и по имейл"): on the staff
    timeline only, nobody is e-mailed, the term is not moved."""
    correspondence_event_record(
        item=item,
        kind=CorrespondenceEvent.Kind.ALSO_RECEIVED,
        actor=actor if getattr(actor, "pk", None) else None,
        message=in_bulgarian(_("Получено и %(route)s."), route=ArrivalRoute(route).label),
        data={"route": route},
        visible_to_sender=False,
        notify=False,
    )
    return item


def access_request_known_arrival(*, text: str, route: str) -> Correspondence | None:
    """For a message that arrived by itself (e-Delivery, the document exchange, e-mail):
    if its subject or text names a platform request this municipality has registered,
    the arrival is recorded on it and it is returned; None means "register it" (with
    ``platform_number_in(text)`` as its number)."""
    item = access_request_with_platform_number(platform_number_in(text) or "")
    if item is not None:
        arrival_record(item=item, actor=None, route=route)
    return item


@transaction.atomic
def access_request_platform_number_set(
    *, item: Correspondence, actor, platform_number: str
) -> Correspondence:
    """Record (or correct, or clear) the platform's number of a registered request."""
    if not can_manage_item(actor, item):
        raise PermissionDenied
    if not item.is_access_request:
        raise CorrespondenceError(_("Това не е заявление по ЗДОИ."))
    number = platform_number_clean(platform_number)
    access = AccessRequest.objects.select_for_update().get(correspondence=item)
    if number == access.platform_number:
        raise CorrespondenceError({"platform_number": _("Номерът е същият.")})
    other = access_request_with_platform_number(number)
    if other is not None and other.pk != item.pk:
        raise CorrespondenceError(
            {
                "platform_number": _("Този номер от Платформата вече е на заявление %(number)s.")
                % {"number": other.number}
            }
        )
    previous = access.platform_number
    access.platform_number = number
    access.save(update_fields=["platform_number"])
    correspondence_event_record(
        item=item,
        kind=CorrespondenceEvent.Kind.NOTE,
        actor=actor,
        message="",
        internal_note=in_bulgarian(
            _("Номер в Платформата за достъп до обществена информация: %(number)s."),
            number=number or "—",
        ),
        data={"platform_number": number, "previous": previous},
        visible_to_sender=False,
        notify=False,
    )
    item.refresh_from_db()
    return item
