"""A registered user switches browser notifications on and off ("Известия в браузъра")."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import push

NOT_LOGGED_IN = 401


@login_required
def push_settings(request):
    subscriptions = list(push.push_subscriptions_of(request.user))
    return render(
        request,
        "notifications/push.html",
        {
            "push_enabled": push.push_enabled(),
            "public_key": settings.VAPID_PUBLIC_KEY,
            "subscriptions": subscriptions,
            # So the page knows whether this browser's subscription is still wanted.
            "endpoints": [subscription.endpoint for subscription in subscriptions],
            "texts": _texts(),
        },
    )


@require_POST
def push_subscribe(request):
    """The browser's PushSubscription as JSON (``subscription.toJSON()``)."""
    if not request.user.is_authenticated:
        return _error(_("Влезте в профила си, за да включите известията."), NOT_LOGGED_IN)
    data = _json_body(request)
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    try:
        push.push_subscription_save(
            user=request.user,
            endpoint=str(data.get("endpoint") or ""),
            p256dh=keys.get("p256dh", ""),
            auth=keys.get("auth", ""),
            user_agent=request.headers.get("User-Agent", ""),
        )
    except push.PushSubscriptionError as error:
        return _error(" ".join(error.messages), 400)
    return JsonResponse({"message": _("Известията са включени на това устройство.")}, status=201)


@require_POST
def push_unsubscribe(request):
    """JSON ``{"endpoint": …}`` from the page's script, or the form of one device in the list."""
    if not request.user.is_authenticated:
        return _error(_("Влезте в профила си."), NOT_LOGGED_IN)
    if request.content_type == "application/json":
        endpoint = str(_json_body(request).get("endpoint") or "")
        push.push_subscription_delete(user=request.user, endpoint=endpoint)
        return JsonResponse({"message": _("Известията са изключени на това устройство.")})
    try:
        pk = int(request.POST.get("subscription", ""))
    except ValueError:
        pk = None
    if pk is not None and push.push_subscription_delete(user=request.user, pk=pk):
        messages.success(request, _("Известията са изключени за това устройство."))
    return redirect("push:settings")


def _json_body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _texts() -> dict:
    return {
        "on": _("Известията са включени на това устройство."),
        "off": _("Известията са изключени на това устройство."),
        "turnOn": _("Включете известията на това устройство"),
        "turnOff": _("Изключете известията на това устройство"),
        "working": _("Момент…"),
        "denied": _(
            "Блокирали сте известията за този сайт. Разрешете ги от настройките на браузъра "
            "и опитайте отново."
        ),
        "unsupported": _(
            "Този браузър не поддържа известия. На iPhone добавете сайта към началния екран "
            "и го отворете оттам."
        ),
        "failed": _("Неуспешно. Проверете връзката и опитайте отново."),
    }
