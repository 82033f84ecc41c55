from django.utils.functional import SimpleLazyObject

from obshtina.organization import permissions
from obshtina.organization.selectors import current_municipality

from .error_pages import remember_contacts
from .site_notices import site_notices_now


def site(request):
    """The municipality's name and contacts for the header and footer of every page,
    its notices of the moment, and which staff links the navigation shows."""
    municipality = current_municipality()
    remember_contacts(municipality)
    return {
        "municipality": municipality,
        "site_notices": SimpleLazyObject(site_notices_now),
        "can_use_console": SimpleLazyObject(lambda: permissions.can_use_console(request.user)),
        "can_edit_knowledge": SimpleLazyObject(
            lambda: permissions.can_edit_knowledge(request.user)
        ),
        "can_use_workspace": SimpleLazyObject(lambda: permissions.can_use_workspace(request.user)),
        "is_staff_member": SimpleLazyObject(lambda: permissions.is_staff_member(request.user)),
        "can_keep_answer_templates": SimpleLazyObject(
            lambda: permissions.can_keep_answer_templates(request.user)
        ),
        "can_use_reception_desk": SimpleLazyObject(
            lambda: permissions.can_use_reception_desk(request.user)
        ),
    }
