"""The public knowledge base: services, regulations, units, themes, FAQ and search.

Unpublished entries and inactive units answer 404, as if they did not exist.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ..models import Regulation
from ..selectors import public as selectors

SEARCH_QUERY_MAX_LENGTH = 200


def index(request):
    return render(request, "infodesk/index.html", {"themes": selectors.themes_by_kind()})


def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    error = ""
    results = []
    if len(query) < selectors.SEARCH_MIN_LENGTH:
        error = _("Напишете поне %(count)s букви, за да търсите.") % {
            "count": selectors.SEARCH_MIN_LENGTH
        }
    else:
        results = selectors.search_results(query)
    context = {"query": query, "error": error, "results": results, "searched": not error}
    return render(request, "infodesk/search.html", context)


def services(request):
    theme_slug = request.GET.get("theme", "")
    theme = selectors.theme_for_slug(theme_slug) if theme_slug else None
    context = {
        "services": selectors.published_services(theme=theme),
        "themes": selectors.themes_by_kind(),
        "selected_theme": theme,
    }
    return render(request, "infodesk/service_list.html", context)


def service(request, slug: str):
    entry = selectors.service_for_slug(slug)
    if entry is None:
        raise Http404(_("Няма такава услуга."))
    return render(request, "infodesk/service_detail.html", {"service": entry})


def regulations(request):
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    context = {
        "regulations": selectors.published_regulations(kind=kind, status=status),
        "kinds": Regulation.Kind.choices,
        "statuses": Regulation.Status.choices,
        "selected_kind": kind,
        "selected_status": status,
    }
    return render(request, "infodesk/regulation_list.html", context)


def regulation(request, slug: str):
    entry = selectors.regulation_for_slug(slug)
    if entry is None:
        raise Http404(_("Няма такъв документ."))
    return render(request, "infodesk/regulation_detail.html", {"regulation": entry})


def units(request):
    return render(request, "infodesk/unit_list.html", {"units": selectors.public_units()})


def unit(request, slug: str):
    entry = selectors.unit_for_slug(slug)
    if entry is None:
        raise Http404(_("Няма такова звено."))
    context = {"unit": entry, "services": selectors.unit_services(entry)}
    return render(request, "infodesk/unit_detail.html", context)


def theme(request, slug: str):
    entry = selectors.theme_for_slug(slug)
    if entry is None:
        raise Http404(_("Няма такава тема."))
    context = {
        "theme": entry,
        "services": selectors.published_services(theme=entry),
        "regulations": selectors.published_regulations(theme=entry),
    }
    return render(request, "infodesk/theme.html", context)


def faq(request):
    return render(request, "infodesk/faq.html", {"entries": selectors.faq_entries()})
