from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from obshtina.accounts.views import set_language
from obshtina.organization.permissions import admin_permission

# The admin logs in through allauth, so the second factor and the rate limits apply there too.
admin.site.login = secure_admin_login(admin.site.login)
# Each municipality's admin is its own staff's (and the platform administrators').
admin.site.has_permission = admin_permission

urlpatterns = [
    # Django's language switch, which also remembers the choice on a logged-in account.
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("eauth/", include("obshtina.eauth.urls")),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("obshtina.accounts.urls")),
    path("registry/", include("obshtina.registry.urls")),
    path("reports/", include("obshtina.reports.urls")),
    path("documents/", include("obshtina.correspondence.urls")),
    path("info/", include("obshtina.infodesk.urls")),
    path("reception/", include("obshtina.reception.urls")),
    path("open311/v2/", include("obshtina.api.open311.urls")),
    path("api/v1/", include("obshtina.api.v1.urls")),
    path("staff/notifications/", include("obshtina.notifications.urls")),
    path("staff/", include("obshtina.casework.urls")),
    path("staff/signatures/", include("obshtina.signatures.urls")),
    path("notifications/", include("obshtina.notifications.push_urls")),
    path("edelivery/", include("obshtina.edelivery.urls")),  # 404 while EDELIVERY_ENABLED is off
    path("", include("obshtina.core.urls")),
]

# What no view answered: JSON under /api/, Open311's error list under /open311/,
# else the site's page (config/errors.py).
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
