from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("eauth/_login_button.html", takes_context=True)
def eauth_login_button(context):
    """ "Вход с електронна идентификация" beside the e-mail login, when eAuth is on."""
    request = context.get("request")
    return {
        "enabled": settings.EAUTH_ENABLED,
        "next": request.GET.get("next", "") if request is not None else "",
    }


@register.inclusion_tag("eauth/_profile_row.html")
def eauth_profile_row(user):
    """On "Моят профил": whether the account is linked with eAuth, and a way to end it.
    Nothing for an account that never signed in through eAuth."""
    from ..models import Identity

    identity = Identity.objects.filter(user_id=user.pk).first() if user.pk else None
    return {"identity": identity, "has_password": user.has_usable_password()}
