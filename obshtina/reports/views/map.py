"""The public map of reports and the open-data downloads (no personal data)."""

import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from obshtina.core.spreadsheets import csv_writer
from obshtina.organization.selectors import current_municipality

from ..models import Report
from ..selectors import map as map_selectors
from ..selectors.open_data import OPEN_DATA_FIELDS, open_data_reports
from .map_forms import MapFilterForm, OpenDataFilterForm

MAP_LIST_PER_PAGE = 25
MIN_ZOOM, MAX_ZOOM = 0, 20
DATA_MAX_AGE = 60


@require_GET
def map_page(request):
    """The Leaflet map; without JavaScript, the filter form and the list below it still work."""
    municipality = current_municipality()
    form = MapFilterForm(request.GET or None)
    is_valid = form.is_valid() if form.is_bound else True
    category_ids = form.category_ids() if form.is_bound and is_valid else []
    statuses = form.statuses() if form.is_bound and is_valid else []
    reports = map_selectors.map_report_list(
        since=map_selectors.map_window_start(), category_ids=category_ids, statuses=statuses
    )
    page = Paginator(reports, MAP_LIST_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    config = {
        **map_selectors.map_frame(municipality),
        "dataUrl": reverse("reports:map_data"),
        # The data is the same in every language (so caches may share it); labels come from here.
        "statuses": {value: str(label) for value, label in Report.Status.choices},
        "strings": {
            "category": _("Категория"),
            "status": _("Състояние"),
            "date": _("Подаден на"),
            "answer": _("Отговор"),
            "open": _("Вижте сигнала"),
            "loading": _("Зареждане…"),
            "markers": _("Показани сигнали в изгледа: %(count)s"),
            "clusters": _("Сигналите в изгледа са групирани (%(count)s). Приближете картата."),
            "cluster": _("%(count)s сигнала – приближете"),
            "error": _("Сигналите не можаха да се заредят. Опитайте отново."),
        },
    }
    return render(
        request,
        "reports/map.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "statuses": Report.Status.choices,
            "window_days": map_selectors.MAP_WINDOW_DAYS,
            "map_config": config,
        },
    )


def _error(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400, json_dumps_params={"ensure_ascii": False})


def _viewport(request) -> tuple[tuple[float, float, float, float], int]:
    """(south, west, north, east) and zoom from the query; ValueError with a message if bad."""
    bbox = map_selectors.parse_bbox(request.GET.get("bbox", ""))
    try:
        zoom = int(request.GET["zoom"])
    except (KeyError, ValueError):
        raise ValueError(_("Задайте мащаба като цяло число, напр. zoom=13.")) from None
    if not MIN_ZOOM <= zoom <= MAX_ZOOM:
        raise ValueError(
            _("Мащабът трябва да е между %(min)s и %(max)s.") % {"min": MIN_ZOOM, "max": MAX_ZOOM}
        )
    return bbox, zoom


@require_GET
def map_data(request):
    """JSON for the map: markers, or server-side clusters when the box holds too many."""
    try:
        bbox, zoom = _viewport(request)
    except ValueError as error:
        return _error(str(error))
    form = MapFilterForm(request.GET)
    if not form.is_valid():
        return _error(
            " ".join(message for messages in form.errors.values() for message in messages)
        )
    content = map_selectors.reports_in_view_json(
        bbox, zoom=zoom, category_ids=form.category_ids(), statuses=form.statuses()
    )
    response = HttpResponse(content, content_type="application/json")
    patch_cache_control(response, public=True, max_age=DATA_MAX_AGE)
    return response


@require_GET
def open_data(request):
    """What the data holds, its licence, and the filter form for the downloads."""
    return render(
        request,
        "reports/open_data.html",
        {"form": OpenDataFilterForm(), "fields": OPEN_DATA_FIELDS},
    )


def _open_data_rows(request):
    """(rows, None) for a valid filter, or (None, the page with the errors and status 400)."""
    form = OpenDataFilterForm(request.GET)
    if not form.is_valid():
        page = render(
            request,
            "reports/open_data.html",
            {"form": form, "fields": OPEN_DATA_FIELDS},
            status=400,
        )
        return None, page
    rows = open_data_reports(
        date_from=form.cleaned_data["date_from"],
        date_to=form.cleaned_data["date_to"],
        category=form.cleaned_data["category"],
    )
    return rows, None


def _download_name(extension: str) -> str:
    return f"signali-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    """A file-like object for a CSV writer that hands each line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


@require_GET
def open_data_csv(request):
    rows, error_page = _open_data_rows(request)
    if error_page:
        return error_page
    writer = csv_writer(_Echo())

    def lines():
        yield "\ufeff"  # a BOM, so that spreadsheet programs read the Cyrillic as UTF-8
        yield writer.writerow(OPEN_DATA_FIELDS)
        for row in rows:
            yield writer.writerow([row[field] for field in OPEN_DATA_FIELDS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name("csv")}"'
    return response


@require_GET
def open_data_geojson(request):
    rows, error_page = _open_data_rows(request)
    if error_page:
        return error_page

    def chunks():
        yield '{"type": "FeatureCollection", "features": ['
        separator = ""
        for row in rows:
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": {
                    field: row[field]
                    for field in OPEN_DATA_FIELDS
                    if field not in ("latitude", "longitude")
                },
            }
            yield separator + json.dumps(feature, ensure_ascii=False, cls=DjangoJSONEncoder)
            separator = ",\n"
        yield "]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/geo+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name("geojson")}"'
    return response
