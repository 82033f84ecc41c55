from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from obshtina.core.decorators import allowed_if
from obshtina.organization import permissions

from . import selectors


@allowed_if(permissions.can_view_registry)
def registry_index(request):
    """Деловоден регистър: search by number and the latest numbers given — of the
    entries the user may see: an entry of a private item they may not open (another
    unit's letter) is "not found", as an unknown number is."""
    number = request.GET.get("number", "").strip()
    series_code = request.GET.get("series", "")
    error = None
    if number:
        registry_number = selectors.registry_number_for_viewer(number, user=request.user)
        if registry_number:
            return redirect("registry:detail", code=registry_number.code)
        error = _("Няма деловоден номер „%(number)s“. Проверете номера.") % {"number": number}
    context = {
        "number": number,
        "error": error,
        "series_list": selectors.registry_series_all(),
        "series_code": series_code,
        "registry_numbers": selectors.registry_numbers_latest(
            user=request.user, series_code=series_code
        ),
    }
    return render(request, "registry/index.html", context, status=404 if error else 200)


@allowed_if(permissions.can_view_registry)
def registry_detail(request, code):
    registry_number = selectors.registry_number_for_viewer(code, user=request.user)
    if registry_number is None:
        raise Http404(_("Няма такъв деловоден номер."))
    if registry_number.code != code:
        return redirect("registry:detail", code=registry_number.code)
    context = {
        "registry_number": registry_number,
        "item": registry_number.item,
        "external": selectors.external_document(registry_number.code),
    }
    return render(request, "registry/detail.html", context)
