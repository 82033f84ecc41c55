from allauth.account.models import EmailAddress
from django.db import transaction
from phonenumber_field.phonenumber import PhoneNumber

from . import sections
from .models import User


@transaction.atomic
def user_update_profile(
    *, user: User, first_name: str, last_name: str, phone: PhoneNumber | str | None
) -> User:
    """Change the citizen's own details; the phone is stored as E.164 (or empty)."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.phone = phone or ""
    user.save(update_fields=["first_name", "last_name", "phone"])
    return user


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
    for hook in sections.deletion_hooks:
        hook(user)
    EmailAddress.objects.filter(user=user).delete()
    user.staff_roles.all().delete()
    user.memberships.all().delete()
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
