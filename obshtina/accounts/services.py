from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled
from phonenumber_field.phonenumber import PhoneNumber

from obshtina.organization.permissions import can_reset_second_factor, needs_second_factor

from . import sections
from .models import User


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    first_name: str,
    last_name: str,
    phone: PhoneNumber | str | None,
    language: str | None = None,
    work_notices: str | None = None,
) -> User:
    """Change the person's own details; the phone is stored as E.164 (or empty).

    `language` (of their e-mails) and `work_notices` (staff: at once or a morning
    digest) change only when given; an unknown value is left out, not stored.
    """
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.phone = phone or ""
    fields = ["first_name", "last_name", "phone"]
    if language in User.Language.values:
        user.language = language
        fields.append("language")
    if work_notices in User.WorkNotices.values:
        user.work_notices = work_notices
        fields.append("work_notices")
    user.save(update_fields=fields)
    return user


def user_set_language(*, user: User, language: str) -> bool:
    """Remember the language the person chose on the site for their e-mails too;
    True if it changed. Anything but a supported language is ignored."""
    if not getattr(user, "pk", None) or language not in User.Language.values:
        return False
    return bool(
        User.objects.filter(pk=user.pk).exclude(language=language).update(language=language)
    )


@transaction.atomic
def user_delete_account(*, user: User) -> User:
    """Erase the person's data but keep the row.

    Items the citizen filed (reports, letters, appointments) point at the user
    and must stay in the municipality's records; they become anonymous instead
    of disappearing. The account can never log in again: the e-mail becomes a
    placeholder, the password unusable and the user inactive. Changing the
    password also ends the user's other sessions (Django ties sessions to it).
    Apps erase their own data through ``sections.register_deletion_hook``.
    """
    with scopes_disabled():  # what the person left in every municipality of the platform
        for hook in sections.deletion_hooks:
            hook(user)
        user.staff_roles.all().delete()
        user.memberships.all().delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@invalid"
    user.first_name = ""
    user.last_name = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    return user


def second_factor_verify(*, user: User, code: str) -> None:
    """Check a code from the authenticator app, or a recovery code (used up by this),
    for a sign-in outside the site's login pages (the API's tokens).

    Raises ``ValidationError`` for a wrong code; failures count towards allauth's
    login rate limit like those on the site.
    """
    from allauth.mfa.base.forms import BaseAuthenticateForm

    form = BaseAuthenticateForm(user=user, data={"code": code})
    if not form.is_valid():
        raise ValidationError(form.errors["code"])
    form.authenticator.record_usage()


@transaction.atomic
def second_factor_reset(*, user: User, by: User) -> int:
    """Remove the person's lost second factor: authenticator app, security keys and
    recovery codes; returns how many authenticators were removed.

    The reset is recorded in the person's admin history and e-mailed to them. A
    staff member is then taken to set up a new factor at the next request, which
    asks for the password again, so a session left open on a lost phone cannot.
    """
    if not can_reset_second_factor(by):
        raise ValidationError(_("Само администратор може да нулира втория фактор."))
    authenticators = Authenticator.objects.filter(user=user)
    kinds = sorted({str(authenticator.get_type_display()) for authenticator in authenticators})
    if not kinds:
        raise ValidationError(
            _("%(user)s няма втори фактор за нулиране."), params={"user": user.email}
        )
    removed, _by_model = authenticators.delete()
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[user],
        action_flag=CHANGE,
        change_message=f"Нулиран втори фактор: {', '.join(kinds)}.",
        single_object=True,
    )
    _second_factor_reset_notify(user=user, by=by)
    return removed


def _second_factor_reset_notify(*, user: User, by: User) -> None:
    from obshtina.notifications.services import notification_queue

    address = EmailAddress.objects.get_primary_email(user) or user.email
    notification_queue(
        to_email=address,
        template="second_factor_reset",
        user=user,
        context={
            "reset_by": by.get_full_name() or by.email,
            "reset_at": timezone.now(),
            "must_set_up": needs_second_factor(user),
            "setup_path": reverse("mfa_index"),
        },
    )
