"""The site's URLconf plus the bare views under /__bench__/bare/ (benchmark only)."""

from django.urls import include, path

from config.urls import (  # noqa: F401 (the error handlers are looked up here)
    handler400,
    handler403,
    handler404,
    handler500,
)
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("__bench__/bare/", include("bench.bare")), *site_urlpatterns]
