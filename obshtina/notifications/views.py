from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from . import selectors
from .forms import OutboxFilterForm
from .models import Notification

PAGE_SIZE = 50


def staff_required(view):
    """Anonymous visitors go to the login page; signed-in citizens get 403."""

    @wraps(view)
    @login_required
    def checked(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@staff_required
def outbox(request):
    form = OutboxFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    notifications = selectors.notifications_for_staff(
        status=filters.get("status", ""), search=filters.get("q", "")
    )
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/outbox.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@staff_required
def notification_detail(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk)
    return render(
        request,
        "notifications/detail.html",
        {
            "notification": notification,
            "attempts": selectors.notification_attempts(notification=notification),
        },
    )
