"""The JSON API's addresses: ninja's operations and documentation, an index at the
root, and a JSON 404 for any other address under it."""

from django.http import JsonResponse
from django.urls import URLPattern, re_path, reverse
from django.views.decorators.csrf import csrf_exempt

from .api import api
from .errors import json_method_not_allowed, not_found

app_name = api.urls_namespace


def index(request):
    """Where the documentation is (ninja's own root answers 404)."""
    return JsonResponse(
        {
            "docs": request.build_absolute_uri(reverse("api_v1:openapi-view")),
            "openapi": request.build_absolute_uri(reverse("api_v1:openapi-json")),
        }
    )


def _with_index(patterns: list) -> list:
    # The root keeps ninja's name: ninja reverses it to find the API's prefix.
    return [
        URLPattern(pattern.pattern, index, name=pattern.name)
        if pattern.name == "api-root"
        else pattern
        for pattern in patterns
    ]


urlpatterns = [
    *json_method_not_allowed(_with_index(api.urls[0])),
    # Any other address, line breaks in it too; a POST to it is a 404, not a CSRF failure.
    re_path(r"^[\s\S]*$", csrf_exempt(lambda request: not_found(request)), name="not_found"),
]
