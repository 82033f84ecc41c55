""" "Моята работа": the landing page of every official, over every kind of item."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from obshtina.core.decorators import allowed_if
from obshtina.organization import permissions

from . import workspace as ws
from .forms import AssignForm, WorkFilterForm
from .services import work_assign

PAGE_SIZE = 50


@allowed_if(permissions.can_use_workspace)
def workspace(request):
    form = WorkFilterForm(request.GET or None, user=request.user)
    filters = form.filters() if form.is_bound else ws.WorkFilters()
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    now = timezone.now()
    page = ws.workspace_page(
        user=request.user, filters=filters, page=number, page_size=PAGE_SIZE, now=now
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/workspace.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": ws.workspace_counts(user=request.user, now=now),
            "now": now,
            "assign_form": AssignForm(user=request.user, initial={"assignee": request.user.pk}),
            "any_assignable": any(item.can_assign for item in page.items),
            "newest_first": filters.order == ws.ORDER_NEWEST,
            "can_view_access_report": permissions.can_view_access_report(request.user),
            "can_register_access_requests": settings.ACCESS_PLATFORM
            and permissions.can_register_access_requests(request.user),
        },
    )


# What the per-kind queues called their filters, as the workspace names them.
_QUEUE_FILTERS = {"mine": ("assignee", ws.ASSIGNEE_ME), "overdue": ("due", ws.DUE_OVERDUE)}


def kind_queue(kind: str):
    """A former per-kind queue's address (bookmarks, old links): the workspace
    narrowed to ``kind``, with the filters the old page understood."""

    def view(request):
        query = QueryDict(mutable=True)
        query["kind"] = kind
        for name, values in request.GET.lists():
            if name in _QUEUE_FILTERS:
                target, value = _QUEUE_FILTERS[name]
                query[target] = value
            elif name == "kind":
                # A narrower kind of the same queue (a complaint among the documents);
                # anything else leaves the queue's own kind.
                source = ws.source_of_kind(values[-1])
                if source is not None and source is ws.source_of_kind(kind):
                    query["kind"] = values[-1]
            elif any(values):
                query.setlist(name, values)
        if "status" in query:  # the old queues listed every status; so does a status filter
            query.pop("stage", None)
        return HttpResponseRedirect(f"{reverse('casework:workspace')}?{query.urlencode()}")

    return view


@require_POST
@allowed_if(permissions.can_use_workspace)
def assign(request):
    """Assign the chosen items, or take one ("Поеми"), and go back to the same list."""
    # Back to the same filtered list; only a query string is taken from the form.
    back = QueryDict(request.POST.get("back", "")).urlencode()
    target = redirect(reverse("casework:workspace") + (f"?{back}" if back else ""))
    taken = request.POST.get("take", "")
    if taken:
        outcome = work_assign(actor=request.user, keys=[taken], assignee=request.user)
    else:
        form = AssignForm(request.POST, user=request.user)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return target
        outcome = work_assign(
            actor=request.user,
            keys=form.cleaned_data["items"],
            assignee=form.cleaned_data["assignee"],
        )
    if outcome.assigned:
        messages.success(
            request,
            ngettext(
                "Възложен е %(count)d документ: %(numbers)s.",
                "Възложени са %(count)d документа: %(numbers)s.",
                len(outcome.assigned),
            )
            % {"count": len(outcome.assigned), "numbers": ", ".join(outcome.assigned)},
        )
    for number, reason in outcome.refused:
        messages.error(
            request,
            _("%(number)s не е възложен: %(reason)s") % {"number": number, "reason": reason},
        )
    return target
