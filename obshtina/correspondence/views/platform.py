"""The national platform's connector on the desk: registering an access request that
arrived on paper, by e-mail, e-Delivery or the document exchange, and downloading a
decision (PDF and data) to enter on the platform.

Every page answers 404 while ``ACCESS_PLATFORM`` is off. The downloads are for staff
who see the item's staff side; anyone else gets 404, so a number reveals nothing.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from obshtina.core.decorators import allowed_if
from obshtina.core.forms import service_errors_add
from obshtina.organization import permissions

from ..forms_platform import AccessRequestRegisterForm
from ..selectors.desk import item_for_desk, staff_can_view_item
from ..services.decision_export import decision_data, decision_of, decision_pdf
from ..services.errors import CorrespondenceError
from ..services.platform import SimilarRequests, access_request_register


def _connector_on() -> None:
    if not settings.ACCESS_PLATFORM:
        raise Http404


@allowed_if(permissions.can_register_access_requests)
def register(request):
    _connector_on()
    similar = []
    form = AccessRequestRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = access_request_register(actor=request.user, **form.cleaned_data)
        except SimilarRequests as error:
            similar = error.similar
            form.add_error("confirm_similar", error.messages[0])
        except CorrespondenceError as error:
            service_errors_add(form, error)
        else:
            item = registration.item
            if registration.created:
                messages.success(
                    request,
                    _("Заявлението е регистрирано с номер %(number)s.") % {"number": item.number},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "Това заявление от Платформата вече е регистрирано с номер %(number)s; "
                        "новото получаване е отбелязано в историята му."
                    )
                    % {"number": item.number},
                )
            return redirect("correspondence:manage", number=item.number)
    return render(
        request, "correspondence/platform_register.html", {"form": form, "similar": similar}
    )


def _decision(request, number: str):
    _connector_on()
    item = item_for_desk(number)
    if item is None or not staff_can_view_item(request.user, item):
        raise Http404
    document = decision_of(item)
    if document is None:
        raise Http404
    return document


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def decision_pdf_download(request, number: str):
    document = _decision(request, number)
    return _download(decision_pdf(document), "application/pdf", f"{document.number}.pdf")


@require_GET
def decision_data_download(request, number: str):
    document = _decision(request, number)
    content = json.dumps(decision_data(document), ensure_ascii=False, indent=2).encode()
    return _download(content, "application/json", f"{document.number}.json")
