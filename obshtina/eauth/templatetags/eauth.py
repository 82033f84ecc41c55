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
