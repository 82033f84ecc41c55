"""`{% attachment_signatures attachment %}`: what the signatures on a filed file say,
beside the file in the lists of the item's page (sender's and staff's). Renders
nothing while SIGNATURES_ENABLED is off."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("signatures/_attachment_signatures.html", takes_context=True)
def attachment_signatures(context, attachment, staff=False):
    if not settings.SIGNATURES_ENABLED:
        return {"enabled": False}
    check = getattr(attachment, "signature_check", None) if attachment.pk else None
    return {
        "enabled": True,
        "attachment": attachment,
        "check": check,
        "signatures": list(attachment.signatures.all()) if check else [],
        "staff": staff,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
