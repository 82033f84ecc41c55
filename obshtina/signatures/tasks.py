"""Background jobs of signatures: thin wrappers around the services."""

from django_tasks import task

from obshtina.correspondence.models import Attachment
from obshtina.organization.hosts import serving

from .services.checks import attachment_signatures_check


@task()
def check_attachment_signatures(attachment_id: int) -> int:
    """Check the signatures of one filed file; returns how many were found."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        municipality = (
            Attachment.objects.select_related("correspondence__municipality")
            .get(pk=attachment_id)
            .correspondence.municipality
        )
    with serving(municipality):
        return len(attachment_signatures_check(attachment_id=attachment_id))
