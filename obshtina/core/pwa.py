"""The installable web app: manifest, service worker, offline page, "my items on this device".

The service worker (``/sw.js``, scope ``/``) precaches an offline shell: the pages in
``SHELL_PAGES`` — fetched without cookies, so the cache never holds anyone's data —
and the static files in ``SHELL_STATIC``. Its cache name carries a hash of all of
them, so every deploy that changes one of them replaces the cache. Pages are
network-first (offline: the cached shell page or the offline page), static files
cache-first; POSTs and every other page are never cached.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from obshtina.organization.selectors import current_municipality

THEME_COLOUR = "#0b4f8a"  # --brand in core/site.css
BACKGROUND_COLOUR = "#ffffff"  # --paper

# URL names of the pages that open without a connection.
SHELL_PAGES = ("core:offline", "core:home", "reports:submit", "core:track", "core:my_device")
# Pages whose form the service worker keeps on the device when sending it fails.
OFFLINE_FORMS = ("reports:submit",)
SHELL_STATIC = (
    "core/site.css",
    "core/header_menus.js",
    "core/pwa/pwa.css",
    "core/pwa/outbox.js",
    "core/pwa/app.js",
    "core/pwa/my-device.js",
    "core/pwa/favicon-32.png",
    "core/pwa/icon-192.png",
    "reports/submit.css",
    "reports/submit.js",
    "reports/form-device.js",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/images/marker-icon.png",
    "vendor/leaflet/images/marker-icon-2x.png",
    "vendor/leaflet/images/marker-shadow.png",
    "vendor/leaflet/images/layers.png",
    "vendor/leaflet/images/layers-2x.png",
)
SERVICE_WORKER_SCRIPTS = ("core/pwa/outbox.js", "core/pwa/service-worker.js")
ICONS = (
    ("core/pwa/icon-192.png", "192x192", "any"),
    ("core/pwa/icon-512.png", "512x512", "any"),
    ("core/pwa/icon-maskable-512.png", "512x512", "maskable"),
)


@require_GET
def manifest(request):
    """The web app manifest, in Bulgarian whatever language the visitor chose."""
    municipality = current_municipality()
    with translation.override(settings.LANGUAGE_CODE):
        data = {
            "id": "/",
            "name": _("%(name)s – електронни услуги") % {"name": municipality.name},
            "short_name": short_name(municipality.name),
            "description": _("Сигнали, въпроси, писма и приемно време – %(name)s")
            % {"name": municipality.name},
            "lang": settings.LANGUAGE_CODE,
            "dir": "ltr",
            "start_url": reverse("core:home") + "?source=pwa",
            "scope": "/",
            "display": "standalone",
            "theme_color": THEME_COLOUR,
            "background_color": BACKGROUND_COLOUR,
            "categories": ["government", "utilities"],
            "icons": [
                {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
                for path, sizes, purpose in ICONS
            ],
            "shortcuts": [
                {
                    "name": _("Подай сигнал"),
                    "url": reverse("reports:submit"),
                    "icons": [{"src": static("core/pwa/icon-192.png"), "sizes": "192x192"}],
                },
                {
                    "name": _("Проследи"),
                    "url": reverse("core:track"),
                    "icons": [{"src": static("core/pwa/icon-192.png"), "sizes": "192x192"}],
                },
            ],
        }
    response = JsonResponse(
        data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, public=True, max_age=3600)
    return response


def short_name(name: str) -> str:
    """The name under the icon on a home screen: "Община Самоков" → "Самоков"."""
    prefix = "Община "
    return name[len(prefix) :] if name.startswith(prefix) and len(name) > len(prefix) else name


@require_GET
def service_worker(request):
    """``/sw.js`` from the site root, so that it may control every page."""
    config = {
        "version": precache_version(),
        "debug": settings.DEBUG,
        "pages": [reverse(name) for name in SHELL_PAGES],
        "offlinePage": reverse("core:offline"),
        "offlineForms": [reverse(name) for name in OFFLINE_FORMS],
        "static": [static(path) for path in SHELL_STATIC],
        "staticPrefix": static(""),
        "tokenUrl": reverse("core:csrf"),
        "myDevice": reverse("core:my_device"),
        "icon": static("core/pwa/icon-192.png"),
        "texts": {
            "sentTitle": _("Сигналът е изпратен"),
            "sentBody": _("Номер: %(number)s"),
            "notificationTitle": current_municipality().name,
        },
    }
    body = render_to_string(
        "core/pwa/sw.js",
        {
            "config": json.dumps(config, ensure_ascii=False),
            "scripts": ", ".join(json.dumps(static(path)) for path in SERVICE_WORKER_SCRIPTS),
        },
    )
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


def precache_version() -> str:
    """A hash of everything the service worker precaches; it changes with each deploy
    that changes any of those files (computed once per process, except when DEBUG)."""
    return _precache_version() if not settings.DEBUG else _precache_version.__wrapped__()


@cache
def _precache_version() -> str:
    digest = hashlib.sha256()
    digest.update(get_template("core/pwa/sw.js").template.source.encode())
    for path in (*SHELL_STATIC, *SERVICE_WORKER_SCRIPTS):
        digest.update(path.encode())
        found = finders.find(path)
        if found:
            with open(found, "rb") as static_file:
                digest.update(static_file.read())
    for name in SHELL_PAGES:
        digest.update(reverse(name).encode())
    return digest.hexdigest()[:16]


def offline(request):
    """What the app shows when a page cannot be loaded and is not on the device."""
    return render(request, "core/offline.html")


def my_device(request):
    """ "Моите сигнали на това устройство": the list lives in the browser (IndexedDB)."""
    texts = {
        "kinds": {"report": _("Сигнал"), "question": _("Въпрос")},
        "saved": _("Запазен на"),
        "privateLink": _("Лична връзка (не я споделяйте)"),
        "waiting": _("Чака връзка – ще бъде изпратен автоматично."),
        "rejected": _("Не беше приет:"),
        "openInForm": _("Отворете във формата"),
        "remove": _("Изтрийте от устройството"),
        "removeConfirm": _("Да изтрием ли неизпратения сигнал от устройството?"),
        "removed": _("Неизпратеният сигнал е изтрит от устройството."),
        "forgetConfirm": _(
            "Да забравим ли номерата и личните връзки на това устройство? Сигналите "
            "остават в общината и се проследяват по номер."
        ),
        "forgotten": _("Списъкът на това устройство е изчистен."),
    }
    return render(request, "core/my_device.html", {"texts": texts})


@require_GET
@never_cache
def csrf_token(request):
    """A fresh CSRF token (and cookie) for forms the device sends later."""
    return JsonResponse({"token": get_token(request)})
