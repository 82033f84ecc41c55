"""Who may see and change what: the one place every access check goes through.

Roles (ARCHITECTURE.md, rule 4) come from three sources:

* every signed-in, active user is a ``citizen``;
* ``StaffRole`` rows give ``operator``, ``access_officer``, ``reception_admin``,
  ``registry_clerk``, ``editor`` and ``administrator`` (a superuser is always an administrator);
* ``Membership`` rows make the user an ``officer`` of those units, and a
  ``unit_head`` when ``is_head`` is set.

Items (reports, questions, letters, access requests, appointments) are checked
through a small protocol instead of their models, so this module does not depend
on the apps that own them: an item has ``is_public`` (its public part may be
shown to everyone), ``author`` (a user or None), ``unit`` (the responsible unit or
None) and ``kind`` (one of the ``KIND_*`` names below).

The policy is written out as a table in ``tests/test_permissions.py``.
"""

from dataclasses import dataclass
from typing import Protocol

from django.db.models import Q, QuerySet

from .models import Role, Unit

CITIZEN = "citizen"
OPERATOR = Role.OPERATOR.value
OFFICER = "officer"
UNIT_HEAD = "unit_head"
ACCESS_OFFICER = Role.ACCESS_OFFICER.value
RECEPTION_ADMIN = Role.RECEPTION_ADMIN.value
REGISTRY_CLERK = Role.REGISTRY_CLERK.value
EDITOR = Role.EDITOR.value
ADMINISTRATOR = Role.ADMINISTRATOR.value

KIND_REPORT = "report"
KIND_QUESTION = "question"
KIND_LETTER = "letter"
KIND_COMPLAINT = "complaint"
KIND_PROPOSAL = "proposal"
KIND_ACCESS_REQUEST = "access_request"
KIND_APPOINTMENT = "appointment"
KIND_OTHER_DOCUMENT = "other"  # a filed document that is none of the above

# Complaints and proposals travel through the registry desk exactly like letters.
LETTER_KINDS = frozenset({KIND_LETTER, KIND_COMPLAINT, KIND_PROPOSAL, KIND_OTHER_DOCUMENT})

# Roles that see (VIEW) or act on (MANAGE) every item of a kind, whatever its unit.
# The operator registers reports and questions for phone callers and looks them up,
# but changes nothing; the registry clerk routes letters and access requests.
_VIEW_BY_KIND: dict[str, frozenset[str]] = {
    OPERATOR: frozenset({KIND_REPORT, KIND_QUESTION}),
    ACCESS_OFFICER: frozenset({KIND_ACCESS_REQUEST}),
    REGISTRY_CLERK: LETTER_KINDS | {KIND_ACCESS_REQUEST},
    RECEPTION_ADMIN: frozenset({KIND_APPOINTMENT}),
}
_MANAGE_BY_KIND: dict[str, frozenset[str]] = {
    ACCESS_OFFICER: frozenset({KIND_ACCESS_REQUEST}),
    REGISTRY_CLERK: LETTER_KINDS | {KIND_ACCESS_REQUEST},
    RECEPTION_ADMIN: frozenset({KIND_APPOINTMENT}),
}

_ROLES_CACHE = "_organization_roles"
_UNITS_CACHE = "_organization_unit_ids"


class Item(Protocol):
    """What an item must offer to be checked here."""

    is_public: bool
    kind: str

    @property
    def author(self): ...

    @property
    def unit(self) -> Unit | None: ...


def _is_active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def roles_of(user) -> set[str]:
    """The user's roles; empty for anonymous and deactivated users.

    Cached on the user object for the rest of the request; the services in this
    app forget the cache when they change a user's roles.
    """
    if not _is_active(user):
        return set()
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        cached = _roles_from_database(user)
        setattr(user, _ROLES_CACHE, cached)
    return set(cached)


def _roles_from_database(user) -> frozenset[str]:
    roles = {CITIZEN, *user.staff_roles.values_list("role", flat=True)}
    for is_head in user.memberships.values_list("is_head", flat=True):
        roles.add(OFFICER)
        if is_head:
            roles.add(UNIT_HEAD)
    if user.is_superuser:
        roles.add(ADMINISTRATOR)
    return frozenset(roles)


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def units_of(user) -> QuerySet[Unit]:
    """The units the user is a member (officer or head) of."""
    if not _is_active(user):
        return Unit.objects.none()
    return Unit.objects.filter(memberships__user=user)


def forget_cached_roles(user) -> None:
    """Make the next check read roles and units from the database again."""
    for name in (_ROLES_CACHE, _UNITS_CACHE):
        if hasattr(user, name):
            delattr(user, name)


def _unit_ids_of(user) -> frozenset[int]:
    cached = getattr(user, _UNITS_CACHE, None)
    if cached is None:
        cached = frozenset(units_of(user).values_list("pk", flat=True))
        setattr(user, _UNITS_CACHE, cached)
    return cached


def is_staff_member(user) -> bool:
    """Does the user hold any staff role or unit membership?"""
    return bool(roles_of(user) - {CITIZEN})


def admin_permission(request) -> bool:
    """May the user open the admin of the municipality being served? Staff of that
    municipality (a role or a unit there) with the admin flag, and platform
    administrators (superusers); staff of another municipality may not."""
    user = request.user
    return user.is_active and user.is_staff and (user.is_superuser or is_staff_member(user))


def is_administrator(user) -> bool:
    return has_role(user, ADMINISTRATOR)


def needs_second_factor(user) -> bool:
    """Must the user sign in with a second factor (authenticator app or security key)?

    Everyone who can open a page with citizens' data: any staff role or unit
    membership, the admin flag (``is_staff``, superusers) and the officials named on
    a reception schedule. Citizens may turn a second factor on; they are never made to.
    """
    if not _is_active(user):
        return False
    return user.is_staff or is_staff_member(user) or user.reception_schedules.exists()


def can_reset_second_factor(user) -> bool:
    """Administrators reset a staff member's or a citizen's lost second factor."""
    return is_administrator(user)


def _is_author(user, item: Item) -> bool:
    author = item.author
    return author is not None and author.pk == user.pk


def _is_officer_of_item_unit(user, item: Item) -> bool:
    unit = item.unit
    return unit is not None and unit.pk in _unit_ids_of(user)


def _role_covers_kind(user, item: Item, table: dict[str, frozenset[str]]) -> bool:
    return any(item.kind in table.get(role, ()) for role in roles_of(user))


@dataclass(frozen=True)
class StaffSide:
    """An item's staff side (the citizen's data, internal notes) as an ``Item``: never
    public, and being its author is no reason to see it, so an officer who filed a
    complaint themselves sees it on the staff side only through their role or unit.
    With ``unit=None`` it asks whether the user's roles cover the kind everywhere."""

    kind: str
    unit: Unit | None
    is_public: bool = False
    author: None = None


def can_view_staff_side(user, *, kind: str, unit: Unit | None) -> bool:
    """May the user open the staff page of an item of ``kind`` in ``unit``?"""
    return can_view_item(user, StaffSide(kind=kind, unit=unit))


def can_view_item(user, item: Item) -> bool:
    """May the user see the item's private part (citizen's details, internal notes)?

    The public part of a public item is for everyone. Otherwise: its author,
    administrators, officers of the item's unit, and the roles that serve a
    kind of item across units (see ``_VIEW_BY_KIND``).
    """
    if item.is_public:
        return True
    if not _is_active(user):
        return False
    return (
        _is_author(user, item)
        or is_administrator(user)
        or _is_officer_of_item_unit(user, item)
        or _role_covers_kind(user, item, _VIEW_BY_KIND)
    )


def viewable_items(user, items: QuerySet) -> QuerySet:
    """``can_view_item`` as a query, for lists of private items: those of
    ``items`` the user may see.

    ``items`` is a queryset of a model with ``kind``, ``unit`` and ``author``
    fields whose rows are never public (letters, access requests). An
    administrator gets ``items`` unfiltered.
    """
    if not _is_active(user):
        return items.none()
    if is_administrator(user):
        return items
    kinds = {kind for role in roles_of(user) for kind in _VIEW_BY_KIND.get(role, ())}
    return items.filter(Q(author=user) | Q(unit__in=_unit_ids_of(user)) | Q(kind__in=kinds))


ALL_KINDS = LETTER_KINDS | {KIND_REPORT, KIND_QUESTION, KIND_ACCESS_REQUEST, KIND_APPOINTMENT}


def _kinds_everywhere(user, table: dict[str, frozenset[str]]) -> frozenset[str]:
    if not _is_active(user):
        return frozenset()
    if is_administrator(user):
        return ALL_KINDS
    return frozenset(kind for role in roles_of(user) for kind in table.get(role, ()))


def kinds_managed_everywhere(user) -> frozenset[str]:
    """Kinds the user manages in every unit (``can_manage_item`` for an item of no
    unit): all of them for administrators, those of ``_MANAGE_BY_KIND`` otherwise."""
    return _kinds_everywhere(user, _MANAGE_BY_KIND)


def kinds_viewed_everywhere(user) -> frozenset[str]:
    """Kinds whose staff pages the user opens in every unit (``_VIEW_BY_KIND``)."""
    return _kinds_everywhere(user, _VIEW_BY_KIND)


def unit_ids_of(user) -> frozenset[int]:
    """The pks of ``units_of(user)``, read once per request."""
    if not _is_active(user):
        return frozenset()
    return _unit_ids_of(user)


def can_manage_item(user, item: Item) -> bool:
    """May the user change the item's status, route it or answer it?

    Being its author is never enough: an author manages an item only as an
    officer of its unit or in a role that serves its kind.
    """
    if not _is_active(user):
        return False
    return (
        is_administrator(user)
        or _is_officer_of_item_unit(user, item)
        or _role_covers_kind(user, item, _MANAGE_BY_KIND)
    )


def can_use_workspace(user) -> bool:
    """ "Моята работа" is for everyone with a staff role or unit, and for the
    officials named on a reception schedule."""
    if not _is_active(user):
        return False
    return is_staff_member(user) or user.reception_schedules.exists()


def can_view_outbox(user) -> bool:
    """The notifications outbox shows citizens' e-mail addresses and messages, so
    only those who answer "did you write to me?" see it: administrators, the
    contact centre and the registry desk."""
    return bool(roles_of(user) & {ADMINISTRATOR, OPERATOR, REGISTRY_CLERK})


def can_view_registry(user) -> bool:
    """Any staff member may look a registry number up; the item it leads to
    still checks ``can_view_item``."""
    return is_staff_member(user)


def can_view_access_report(user) -> bool:
    """The yearly access-to-information statistics (counts only, but of private items)."""
    return bool(roles_of(user) & {ACCESS_OFFICER, ADMINISTRATOR, REGISTRY_CLERK})


def can_register_access_requests(user) -> bool:
    """Who registers an access request that arrived on paper, by e-mail or through the
    national platform (and exports decisions for it): the registry desk, the access
    officer and administrators."""
    return bool(roles_of(user) & {REGISTRY_CLERK, ACCESS_OFFICER, ADMINISTRATOR})


def can_publish_access_answers(user) -> bool:
    """Who checks and publishes entries of the public register of ЗДОИ answers."""
    return bool(roles_of(user) & {ACCESS_OFFICER, ADMINISTRATOR})


def can_edit_units(user) -> bool:
    return is_administrator(user)


def can_use_console(user) -> bool:
    """The contact centre's console: callers' items by phone or e-mail, registering
    on their behalf and the call log are for operators and administrators."""
    return bool(roles_of(user) & {OPERATOR, ADMINISTRATOR})


def can_edit_knowledge(user) -> bool:
    """The public knowledge base (services, regulations) is kept by its editors."""
    return bool(roles_of(user) & {EDITOR, ADMINISTRATOR})


def can_edit_accessibility_statement(user) -> bool:
    """The site's accessibility statement is kept by the editors, administrators and
    whoever the admin gives the right to change it."""
    if not _is_active(user):
        return False
    return bool(roles_of(user) & {EDITOR, ADMINISTRATOR}) or user.has_perm(
        "core.change_accessibilitystatement"
    )


def headed_units_of(user) -> QuerySet[Unit]:
    """The units the user heads."""
    if not _is_active(user):
        return Unit.objects.none()
    return Unit.objects.filter(memberships__user=user, memberships__is_head=True)


def can_keep_answer_templates(user) -> bool:
    """Answer templates are kept by editors and administrators (the municipality's
    and every unit's) and by unit heads (their own units' only)."""
    return bool(roles_of(user) & {EDITOR, ADMINISTRATOR, UNIT_HEAD})


def can_keep_answer_template(user, template) -> bool:
    """May the user change or deactivate this template (see ``can_keep_answer_templates``)?"""
    if roles_of(user) & {EDITOR, ADMINISTRATOR}:
        return True
    return (
        has_role(user, UNIT_HEAD)
        and template.unit_id is not None
        and headed_units_of(user).filter(pk=template.unit_id).exists()
    )


def keepable_answer_templates(user, templates: QuerySet) -> QuerySet:
    """``can_keep_answer_template`` as a query: those of ``templates`` the user keeps."""
    if roles_of(user) & {EDITOR, ADMINISTRATOR}:
        return templates
    if not has_role(user, UNIT_HEAD):
        return templates.none()
    return templates.filter(unit__in=headed_units_of(user))


def can_manage_schedule(user, schedule) -> bool:
    """Reception hours: a schedule's meetings are approved, rejected and booked by
    its responsible officials, the reception administrators and administrators.
    An official sees only the schedules they are responsible for."""
    if not _is_active(user):
        return False
    if roles_of(user) & {RECEPTION_ADMIN, ADMINISTRATOR}:
        return True
    return schedule.officials.filter(pk=user.pk).exists()


def can_edit_schedules(user) -> bool:
    """Creating schedules and groups, changing windows and days off."""
    return bool(roles_of(user) & {RECEPTION_ADMIN, ADMINISTRATOR})


def can_use_reception_desk(user) -> bool:
    """The staff side of reception hours: officials of any schedule, reception
    administrators, administrators, and operators booking for callers."""
    if not _is_active(user):
        return False
    if roles_of(user) & {RECEPTION_ADMIN, ADMINISTRATOR, OPERATOR}:
        return True
    return user.reception_schedules.exists()


def can_book_for_caller(user, schedule) -> bool:
    """Booking on behalf of a caller or a visitor at the counter: the schedule's
    managers and the contact centre's operators."""
    return has_role(user, OPERATOR) or can_manage_schedule(user, schedule)


def can_view_appointment(user, appointment) -> bool:
    """A meeting is private: its citizen and those who manage its schedule."""
    if not _is_active(user):
        return False
    return _is_author(user, appointment) or can_manage_schedule(user, appointment.schedule)


def viewable_appointments(user, appointments: QuerySet) -> QuerySet:
    """``can_view_appointment`` as a query: those of ``appointments`` the user may see."""
    if not _is_active(user):
        return appointments.none()
    if roles_of(user) & {RECEPTION_ADMIN, ADMINISTRATOR}:
        return appointments
    return appointments.filter(Q(author=user) | Q(schedule__officials=user))
