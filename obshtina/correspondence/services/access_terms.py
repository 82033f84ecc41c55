"""The vocabulary of access-to-information decisions (ЗДОИ): outcomes, grounds for
extension and refusal, and the terms a decision granting access must state."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from obshtina.casework.timeline import in_bulgarian

from ..models import AccessRequest, Correspondence, OutgoingDocument
from . import deadlines
from .errors import CorrespondenceError

Status = Correspondence.Status

DEFAULT_APPEAL_INFO = _("пред Административен съд – София област в 14-дневен срок от съобщаването")


class Outcome(models.TextChoices):
    GRANT = "grant", _("предоставяне на достъп")
    PARTIAL = "partial", _("частичен достъп")
    REFUSE = "refuse", _("отказ")


class ExtensionReason(models.TextChoices):
    LARGE_VOLUME = "large_volume", _("голямо количество информация (чл. 30 ЗДОИ) – до 10 дни")
    THIRD_PARTY = "third_party", _("нужно е съгласие на трето лице (чл. 31 ЗДОИ) – до 14 дни")


EXTENSION_GROUNDS = {
    ExtensionReason.LARGE_VOLUME: _("исканата информация е в голямо количество (чл. 30 ЗДОИ)"),
    ExtensionReason.THIRD_PARTY: _("нужно е съгласието на трето лице (чл. 31 ЗДОИ)"),
}


class RefusalGround(models.TextChoices):
    """The grounds of чл. 37 ЗДОИ (with чл. 13, ал. 2 and чл. 2, ал. 5)."""

    CLASSIFIED = "classified", _("класифицирана информация (чл. 37, ал. 1, т. 1)")
    TRADE_SECRET = "trade_secret", _("друга защитена тайна, напр. търговска (чл. 37, ал. 1, т. 1)")
    PREPARATORY_DOCUMENT = (
        "preparatory_document",
        _("подготвителен документ без самостоятелно значение (чл. 13, ал. 2)"),
    )
    THIRD_PARTY_REFUSED = (
        "third_party_refused",
        _("третото лице изрично е отказало съгласие (чл. 37, ал. 1, т. 2)"),
    )
    ALREADY_PROVIDED = (
        "already_provided",
        _(
            "информацията е предоставена на заявителя през последните 6 месеца "
            "(чл. 37, ал. 1, т. 3)"
        ),
    )
    PERSONAL_DATA = "personal_data", _("лични данни (чл. 2, ал. 5)")
    OTHER = "other", _("друго основание по закон")


DECISION_KINDS = {
    Outcome.GRANT: (OutgoingDocument.Kind.DECISION_GRANT, Status.GRANTED),
    Outcome.PARTIAL: (OutgoingDocument.Kind.DECISION_PARTIAL, Status.PARTIALLY_GRANTED),
    Outcome.REFUSE: (OutgoingDocument.Kind.DECISION_REFUSE, Status.REFUSED),
}


def decision_message(details: dict) -> str:
    """The decision's terms for the timeline and the e-mail; its reasons stay behind the login."""
    appeal = in_bulgarian(
        _("Решението може да се обжалва %(appeal)s."), appeal=details["appeal_info"]
    )
    if "time_limit_days" not in details:
        return appeal
    terms = in_bulgarian(
        _(
            "Достъп: %(form)s; място: %(place)s; в срок от %(days)s дни от получаване на "
            "решението; разходи: %(costs)s."
        ),
        form=AccessRequest.AccessForm(details["form_of_access"]).label,
        place=details["place"],
        days=details["time_limit_days"],
        costs=details["costs"],
    )
    return f"{terms} {appeal}"


def grant_terms(form_of_access: str, place: str, time_limit, costs: str) -> dict:
    errors = {}
    if form_of_access not in AccessRequest.AccessForm.values:
        errors["form_of_access"] = _("Изберете формата на достъп.")
    if not (place or "").strip():
        errors["place"] = _("Посочете мястото на достъп.")
    try:
        days = int(time_limit)
    except (TypeError, ValueError):
        days = None
    if days is None or days < deadlines.MIN_ACCESS_PERIOD_DAYS:
        errors["time_limit"] = _(
            "Срокът за достъп е поне 30 дни от получаване на решението (чл. 35 ЗДОИ)."
        )
    if not (costs or "").strip():
        errors["costs"] = _("Посочете разходите (или „без разходи“).")
    if errors:
        raise CorrespondenceError(errors)
    return {
        "form_of_access": form_of_access,
        "place": place.strip(),
        "time_limit_days": days,
        "costs": costs.strip(),
    }
