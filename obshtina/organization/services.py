"""Changes to the organisation: who holds which staff role and works in which unit."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import Membership, Role, StaffRole, Unit
from .permissions import forget_cached_roles
from .selectors import current_municipality


def staff_access_grant(*, user) -> None:
    """Let a staff member open the staff pages (``is_staff``).

    The Django admin also needs model permissions; administrators have them as
    superusers.
    """
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    forget_cached_roles(user)


@transaction.atomic
def staff_role_grant(*, user, role: str) -> StaffRole:
    """Give the user a staff role; granting a role the user holds changes nothing."""
    if role not in Role.values:
        raise ValidationError(_("Няма такава роля: „%(role)s“."), params={"role": role})
    staff_role, _created = StaffRole.objects.get_or_create(
        municipality=current_municipality(), user=user, role=role
    )
    staff_access_grant(user=user)
    return staff_role


@transaction.atomic
def unit_member_add(*, user, unit: Unit, is_head: bool = False, position: str = "") -> Membership:
    """Place the user in the unit as an officer (or its head).

    Adding a member again updates ``is_head`` and ``position`` instead of failing.
    """
    membership, _created = Membership.objects.update_or_create(
        user=user, unit=unit, defaults={"is_head": is_head, "position": position}
    )
    staff_access_grant(user=user)
    return membership
