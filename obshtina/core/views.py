from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from obshtina.organization.permissions import can_edit_accessibility_statement
from obshtina.registry.selectors import item_url_for_number

from .accessibility import accessibility_statement, is_review_overdue, review_due_on


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
    """The accessibility statement; its editors are warned when its yearly review is due."""
    statement = accessibility_statement()
    may_edit = can_edit_accessibility_statement(request.user)
    return render(
        request,
        "core/accessibility.html",
        {
            "statement": statement,
            "may_edit": may_edit,
            "review_overdue": may_edit and statement is not None and is_review_overdue(statement),
            "review_due_on": review_due_on(statement.reviewed_on) if statement else None,
        },
    )


def healthz(request):
    """Load balancers ask this; it answers only when the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
