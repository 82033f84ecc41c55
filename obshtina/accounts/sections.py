"""What other apps add to "Моят профил" and to the personal-data export.

Apps register providers in their ``AppConfig.ready()``, so accounts never
imports them:

    from obshtina.accounts.sections import register_export_section, register_profile_section

    register_profile_section("reports", my_reports_section)  # user -> {"title", "url", "count"}
    register_export_section("reports", my_reports_export)  # user -> JSON-serialisable data
    register_deletion_hook(forget_my_subscriptions)  # user -> None, before anonymising
    register_filed_items("reports", _("Сигнали"), my_filed_reports)  # user -> [FiledItem]

A profile section registered under one of the keys of ``PROFILE_PLACEHOLDERS``
replaces that placeholder; other keys are shown after the placeholders.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

ProfileSectionProvider = Callable[[Any], dict]
ExportSectionProvider = Callable[[Any], Any]
DeletionHook = Callable[[Any], None]

# Sections every citizen expects on the hub, shown empty until an app fills them.
PROFILE_PLACEHOLDERS: dict[str, dict] = {
    "reports": {"title": _("Моите сигнали"), "empty": _("Все още няма подадени сигнали.")},
    "subscriptions": {"title": _("Моите абонаменти"), "empty": _("Все още няма абонаменти.")},
    "correspondence": {
        "title": _("Моите писма и заявления"),
        "empty": _("Все още няма писма и заявления."),
    },
    "appointments": {"title": _("Моите срещи"), "empty": _("Все още няма заявени срещи.")},
}


@dataclass(frozen=True)
class FiledItem:
    """One thing a citizen filed, as "Моите" lists it beside every other kind."""

    kind: str  # what it is, for the citizen: "Сигнал", "Жалба", "Среща"…
    number: str
    subject: str
    filed_at: datetime
    status: str  # the status's label
    status_code: str
    url: str
    next_date: date | datetime | None = None  # the next deadline, or the meeting's time
    next_label: str = ""  # what next_date is ("срок", "среща")


FiledItemsProvider = Callable[[Any], Iterable[FiledItem]]

profile_sections: dict[str, ProfileSectionProvider] = {}
filed_item_providers: dict[str, tuple[str, FiledItemsProvider]] = {}
export_sections: dict[str, ExportSectionProvider] = {}
deletion_hooks: list[DeletionHook] = []


def register_profile_section(key: str, provider: ProfileSectionProvider) -> None:
    """``provider(user)`` returns ``{"title": str, "url": str | None, "count": int}``;
    an optional ``"empty"`` text is shown when count is 0."""
    profile_sections[key] = provider


def register_filed_items(key: str, label: str, provider: FiledItemsProvider) -> None:
    """``provider(user)`` yields the FiledItem of every item of one kind the user filed;
    ``label`` names the kind in "Моите"'s filter (e.g. "Сигнали")."""
    filed_item_providers[key] = (label, provider)


def filed_items_url(key: str, page: str | None = None) -> str:
    """ "Моите" showing one kind (a key of ``register_filed_items``), at ``page``."""
    from django.urls import reverse
    from django.utils.http import urlencode

    query = {"kind": key, **({"page": page} if page else {})}
    return f"{reverse('accounts:mine')}?{urlencode(query)}"


def register_export_section(key: str, provider: ExportSectionProvider) -> None:
    """``provider(user)`` returns JSON-serialisable data about the user only."""
    export_sections[key] = provider


def register_deletion_hook(hook: DeletionHook) -> None:
    """``hook(user)`` erases or anonymises the app's personal data of a user who deletes
    their account; it runs inside the deletion's transaction, before the account is
    anonymised, so it can still match by the user's e-mail address."""
    deletion_hooks.append(hook)
