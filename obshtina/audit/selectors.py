"""Reads of the access record: a citizen's part of it for their data export."""

from django.utils import timezone

from .models import AccessRecord


def access_records_export(user) -> list[dict]:
    """Who on the staff opened the user's items or contact data, and when: the
    staff member's name and roles as the record knows them, what and how — not
    their e-mail or address, which are not the citizen's data."""
    records = AccessRecord.objects.filter(citizen=user).order_by("accessed_at", "pk")
    return [
        {
            "accessed_at": timezone.localtime(record.accessed_at).isoformat(),
            "staff_member": record.staff_name,
            "staff_roles": record.staff_roles,
            "what": str(record.get_what_display()),
            "item": str(record.get_item_kind_display()),
            "registry_number": record.registry_number,
            "file_name": record.file_name,
            "how": str(record.get_how_display()),
        }
        for record in records
    ]
