"""The waitlist of a full schedule: joining it, the page of an offered slot (the
e-mail links here; accepting is a POST, so a link scanner accepts nothing) and
leaving the list. Someone else's entry answers 404."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..selectors import waitlist_entry_for_token, waitlist_place
from ..services.waitlist import waitlist_accept, waitlist_join, waitlist_leave
from .public import _schedule_or_404, not_found


@login_required
@require_POST
def join(request, slug: str):
    schedule = _schedule_or_404(slug)
    try:
        waitlist_join(schedule=schedule, citizen=request.user, topic=request.POST.get("topic", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(schedule)
    messages.success(
        request,
        _("Записахте се в списъка на чакащите. Ще ви пишем, когато се освободи час."),
    )
    return redirect("reception:mine")


@never_cache
@login_required
def offer(request, token: uuid.UUID):
    """The offered slot with an "accept" button (GET shows, POST books)."""
    entry = waitlist_entry_for_token(request.user, token)
    if entry is None:
        return not_found(request)
    problem = ""
    if request.method == "POST":
        try:
            appointment = waitlist_accept(entry=entry, citizen=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
            entry.refresh_from_db()
        else:
            messages.success(
                request, _("Часът е ваш; заявката чака одобрение и ще получите имейл.")
            )
            return redirect(appointment)
    context = {
        "entry": entry,
        "live": entry.has_offer(timezone.now()),
        "place": waitlist_place(entry),
        "problem": problem,
    }
    response = render(request, "reception/waitlist_offer.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@login_required
@require_POST
def leave(request, token: uuid.UUID):
    entry = waitlist_entry_for_token(request.user, token)
    if entry is None:
        return not_found(request)
    waitlist_leave(entry=entry, citizen=request.user)
    messages.success(request, _("Напуснахте списъка на чакащите."))
    return redirect("reception:mine")
