from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from obshtina.audit.models import AccessRecord
from obshtina.audit.services import access_record
from obshtina.core.decorators import allowed_if
from obshtina.organization import permissions

from . import selectors
from .forms import OutboxFilterForm
from .models import Notification

PAGE_SIZE = 50


@allowed_if(permissions.can_view_outbox)
def outbox(request):
    form = OutboxFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    notifications = selectors.notifications_for_staff(
        status=filters.get("status", ""), search=filters.get("q", "")
    )
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    # The list shows each recipient's e-mail address: every row shown is recorded.
    access_record(request, *page.object_list, what=AccessRecord.What.CONTACTS)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "notifications/outbox.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@allowed_if(permissions.can_view_outbox)
def notification_detail(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk)
    access_record(request, notification)
    return render(
        request,
        "notifications/detail.html",
        {
            "notification": notification,
            "attempts": selectors.notification_attempts(notification=notification),
        },
    )
