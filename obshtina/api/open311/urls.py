"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) at /open311/v2/.

Every resource in XML (the spec's required format) and JSON, chosen by the
extension: ``services.xml``, ``requests/С-2026-000123.json``. Registry numbers
are Cyrillic; Django decodes a percent-encoded path before matching it.
"""

from django.urls import re_path

from . import views

app_name = "open311"

FORMAT = r"\.(?P<fmt>xml|json)$"

urlpatterns = [
    re_path(r"^$", views.discovery, {"fmt": "xml"}, name="root"),
    re_path(r"^discovery" + FORMAT, views.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, views.services, name="services"),
    re_path(
        r"^services/(?P<service_code>[^/]+)" + FORMAT, views.service_definition, name="service"
    ),
    re_path(r"^requests" + FORMAT, views.requests, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[^/]+)" + FORMAT, views.request_detail, name="request"
    ),
    re_path(r"^tokens/(?P<token>[^/]+)" + FORMAT, views.token_lookup, name="token"),
    # Any other address, line breaks in it too ("." does not match them).
    re_path(r"^(?P<path>[\s\S]*)$", views.not_found, name="not_found"),
]
