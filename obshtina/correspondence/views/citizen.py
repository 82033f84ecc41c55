"""Citizens file a document, list their own, follow one and download its files.

Nothing here is public: an item and its files answer 404 — never 403, never a
login redirect — to anyone who may not see them, so a number reveals nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from obshtina.accounts.sections import filed_items_url
from obshtina.audit.models import AccessRecord
from obshtina.audit.services import access_record
from obshtina.core.downloads import private_file_response
from obshtina.eauth.selectors import session_company

from ..forms import FILES_AGAIN, CorrespondenceForm
from ..models import Correspondence
from ..selectors.citizen import (
    attachment_for_viewer,
    document_for_viewer,
    document_page_parts,
    sees_internal_history,
)
from ..services.errors import CorrespondenceError
from ..services.filing import correspondence_submit

CLARIFY_STATUSES = frozenset({Correspondence.Status.AWAITING_CLARIFICATION})
CONFIRM_ACCESS_STATUSES = frozenset(
    {Correspondence.Status.GRANTED, Correspondence.Status.PARTIALLY_GRANTED}
)


@login_required
def file_new(request):
    """ "Подай писмо / жалба / предложение / заявление"; errors next to the fields.

    A company named by the person's eAuth sign-in can be the sender (``?on_behalf=company``
    fills in its ЕИК and name)."""
    company = session_company(request.session)
    on_behalf = company if company and request.GET.get("on_behalf") == "company" else None
    form = CorrespondenceForm(
        request.POST or None, request.FILES or None, user=request.user, company=on_behalf
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                item = correspondence_submit(**form.submission(), author=request.user)
            except CorrespondenceError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("Документът е регистриран с номер %(number)s от %(date)s.")
                    % {
                        "number": item.number,
                        "date": date_format(timezone.localtime(item.registered_at), "d.m.Y"),
                    },
                )
                return redirect(item)
        if request.FILES.getlist("attachments") and not form.has_error("attachments"):
            form.add_error("attachments", FILES_AGAIN)
    return render(
        request,
        "correspondence/new.html",
        {"form": form, "eauth_company": company, "on_behalf": bool(on_behalf)},
    )


@login_required
def my_documents(request):
    """The old "Моите писма и заявления" address: "Моите" holds every kind."""
    return redirect(filed_items_url("correspondence", request.GET.get("page")))


@never_cache
def detail(request, number: str):
    """The item's page. To anyone who may not see it, the same 404 page whether
    the number exists or not; it offers a login, since the link in the sender's
    e-mail leads here and they may not be logged in."""
    item = document_for_viewer(user=request.user, number=number)
    if item is None:
        return render(request, "correspondence/not_found.html", status=404)
    include_internal = sees_internal_history(request.user, item)
    is_author = item.author_id == request.user.pk
    access = getattr(item, "access_request", None) if item.is_access_request else None
    context = {
        "item": item,
        "staff_view": include_internal,
        "access": access,
        "can_clarify": is_author and access is not None and item.status in CLARIFY_STATUSES,
        "can_confirm_access": is_author
        and access is not None
        and item.status in CONFIRM_ACCESS_STATUSES
        and access.access_confirmed_at is None,
        **document_page_parts(item=item, include_internal=include_internal),
    }
    response = render(request, "correspondence/detail.html", context)
    response["X-Robots-Tag"] = "noindex"
    access_record(request, item)  # staff only: the sender's own look is not recorded
    return response


@never_cache
def attachment(request, number: str, pk: int):
    """Stream a file after the permission check; never a public URL."""
    file = attachment_for_viewer(user=request.user, number=number, pk=pk)
    if file is None:
        raise Http404
    response = private_file_response(file)
    access_record(
        request,
        file.correspondence,
        what=AccessRecord.What.FILE,
        how=AccessRecord.How.FILE,
        file_name=file.original_name,
    )
    return response
