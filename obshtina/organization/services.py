"""Changes to the organisation: who holds which staff role and works in which unit."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
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
    if role == Role.ADMINISTRATOR:
        user.groups.add(municipality_administrators())
    if role == Role.EDITOR:
        user.groups.add(municipality_editors())
    staff_access_grant(user=user)
    return staff_role


# What a municipality's administrator edits in its admin: the rows it owns, never the
# platform's (municipalities, accounts). The admin shows them only their own.
ADMINISTERED_MODELS = {
    "organization": ["unit", "settlement", "street", "staffrole", "membership", "municipality"],
    "reports": ["category", "categoryquestion", "routingrule"],
    "infodesk": ["theme", "service", "serviceform", "regulation", "questiontopic"],
    "reception": ["schedulegroup", "schedule", "schedulewindow", "absence"],
    "registry": ["registryseries"],
    "casework": ["answertemplate"],
    "core": ["sitenotice", "accessibilitystatement"],
}
ADMINISTRATORS_GROUP = "Администратори на община"
# What the knowledge editors keep in the admin (besides their own editor's pages).
EDITED_MODELS = {"core": ["accessibilitystatement"]}
EDITORS_GROUP = "Редактори на община"


def municipality_administrators() -> Group:
    """The group that gives a municipality's administrators their admin pages."""
    group, _created = Group.objects.get_or_create(name=ADMINISTRATORS_GROUP)
    wanted = Q()
    for app_label, names in ADMINISTERED_MODELS.items():
        wanted |= Q(content_type__app_label=app_label, content_type__model__in=names)
    group.permissions.set(
        Permission.objects.filter(wanted).exclude(
            content_type__model="municipality",
            codename__in=["add_municipality", "delete_municipality"],
        )
    )
    return group


def municipality_editors() -> Group:
    """The group that gives the knowledge editors the admin pages of ``EDITED_MODELS``
    (the accessibility statement); they change it but never delete it."""
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = Q()
    for app_label, names in EDITED_MODELS.items():
        wanted |= Q(content_type__app_label=app_label, content_type__model__in=names)
    group.permissions.set(Permission.objects.filter(wanted).exclude(codename__startswith="delete_"))
    return group


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
