"""The site's addresses plus one view that fails after reading a form (error reports)."""

from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def failing_view(request, token=""):
    request.POST.get("email")  # the form's data was read, as a real view would
    raise RuntimeError("the view failed")


urlpatterns = [
    path("failing/", failing_view),
    path("failing/<str:token>/", failing_view),  # as a report's secret access link
    path("", include("config.urls")),
]
