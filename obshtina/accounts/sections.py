"""What other apps add to "Моят профил" and to the personal-data export.

Apps register providers in their ``AppConfig.ready()``, so accounts never
imports them:

    from obshtina.accounts.sections import register_export_section, register_profile_section

    register_profile_section("reports", my_reports_section)  # user -> {"title", "url", "count"}
    register_export_section("reports", my_reports_export)  # user -> JSON-serialisable data
    register_deletion_hook(forget_my_subscriptions)  # user -> None, before anonymising

A profile section registered under one of the keys of ``PROFILE_PLACEHOLDERS``
replaces that placeholder; other keys are shown after the placeholders.
"""

from collections.abc import Callable
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

profile_sections: dict[str, ProfileSectionProvider] = {}
export_sections: dict[str, ExportSectionProvider] = {}
deletion_hooks: list[DeletionHook] = []


def register_profile_section(key: str, provider: ProfileSectionProvider) -> None:
    """``provider(user)`` returns ``{"title": str, "url": str | None, "count": int}``;
    an optional ``"empty"`` text is shown when count is 0."""
    profile_sections[key] = provider


def register_export_section(key: str, provider: ExportSectionProvider) -> None:
    """``provider(user)`` returns JSON-serialisable data about the user only."""
    export_sections[key] = provider


def register_deletion_hook(hook: DeletionHook) -> None:
    """``hook(user)`` erases or anonymises the app's personal data of a user who deletes
    their account; it runs inside the deletion's transaction, before the account is
    anonymised, so it can still match by the user's e-mail address."""
    deletion_hooks.append(hook)
