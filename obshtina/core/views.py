from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from obshtina.registry.selectors import item_url_for_number


def home(request):
    return render(request, "core/home.html")


def track(request):
    """Track any item by its registry number ("Проследете сигнал")."""
    number = request.GET.get("number", "").strip()
    error = None
    if number:
        url = item_url_for_number(number, user=request.user)
        if url:
            return redirect(url)
        error = _("Няма регистриран сигнал или въпрос с номер „%(number)s“. Проверете номера.") % {
            "number": number
        }
    return render(
        request, "core/track.html", {"number": number, "error": error}, status=404 if error else 200
    )


def accessibility(request):
    return render(request, "core/accessibility.html")


def healthz(request):
    """Load balancers ask this; it answers only when the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
