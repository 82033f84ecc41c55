"""Citizens submit a report, see its number, look for similar ones, list their own."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from obshtina.accounts.sections import filed_items_url
from obshtina.core import offline
from obshtina.core.ratelimit import parse_rate, rate_limit_count, rate_limit_reached
from obshtina.organization.gazetteer import streets_matching
from obshtina.organization.selectors import current_municipality, settlements

from ..forms import PHOTOS_AGAIN, PhotosField, ReportForm
from ..models import Category, Report
from ..selectors.map import map_frame
from ..selectors.nearby import open_reports_nearby
from ..services.errors import ReportError
from ..services.submission import report_submit

STREETS_SUGGESTED = 10  # suggestions for a typed part of a street's name
DEFAULT_RATE_LIMIT = "5/10m"  # anonymous submissions per IP address
RATE_LIMITED = _(
    "От вашата връзка бяха подадени много сигнали за кратко време. Опитайте отново "
    "след няколко минути или се обадете на контактния център."
)

# What the map script says (status line), translated here so the script holds no text.
MAP_TEXTS = {
    "chosen": _("Избрано място:"),
    "outside": _("Мястото е извън територията на общината."),
    "locating": _("Търсим местоположението ви…"),
    "youAreOutside": _("Намирате се извън общината. Посочете мястото на картата."),
    "noLocation": _(
        "Местоположението не е достъпно. Посочете мястото на картата или изберете населено място."
    ),
    "locationRefused": _(
        "Не разрешихте достъп до местоположението. Разрешете го в настройките на браузъра "
        "или посочете мястото на картата, или изберете населено място."
    ),
    "settlementShown": _("Картата е приближена до населеното място. Уточнете мястото с маркер."),
    "marker": _("Място на проблема"),
    "streets": _("Улици"),
    "streetsFound": _(
        "Намерени улици: %(count)s. Изберете със стрелките нагоре и надолу и клавиша Enter."
    ),
    "streetChosen": _("Избрана улица; маркерът е преместен там:"),
}

# What the form says about the copy kept on the device (reports/form-device.js).
DEVICE_TEXTS = {
    "placeMissing": _("Отбележете мястото на картата или изберете населено място."),
    "photoAdded": _("Добавена снимка „%(name)s“. Снимки общо: %(count)s."),
    "tooManyPhotos": PhotosField.too_many,
    "notSaved": _(
        "Сигналът не можа да бъде запазен на устройството. Опитайте отново, когато има връзка."
    ),
}


def report_new(request):
    """ "Подай сигнал": the map and the form; errors next to the fields.

    A form the citizen's device kept offline comes here too, asking for JSON
    (``obshtina.core.offline``): it gets the receipt or the errors, not a page. With
    its submission key, a retry whose answer was lost files nothing twice.
    """
    if request.method != "POST":
        return render(request, "reports/submit.html", _page_context(ReportForm(user=request.user)))
    return offline.submitted_once(
        request,
        submit=lambda: _submit(request),
        refused_page=lambda message, status: _errors_answer(
            request, _form_again(request, message), status=status
        ),
    )


def _submit(request) -> dict | HttpResponse:
    """The receipt of the registered report, or the answer with the form's errors."""
    user = request.user
    status = 200
    if not user.is_authenticated and _rate_limit_reached(request):
        form = _form_again(request, RATE_LIMITED)
        status = 429
    else:
        form = ReportForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            try:
                report = report_submit(**form.submission(), author=user)
            except ReportError as error:
                form.add_service_errors(error)
            else:
                if not user.is_authenticated:
                    _rate_limit_count(request)
                return _receipt(report)
        elif form.is_honeypot_filled and not user.is_authenticated:
            _rate_limit_count(request)
    return _errors_answer(request, form, status=status)


def _form_again(request, message: str) -> ReportForm:
    """The form bound again without the files (no photo is decoded for a refused try),
    so everything typed is shown again, with `message` on top."""
    form = ReportForm(request.POST, user=request.user)
    form.is_valid()
    form.add_error(None, message)
    return form


def _errors_answer(request, form: ReportForm, *, status: int) -> HttpResponse:
    if offline.wants_json(request):
        return offline.form_errors_response(form, status=400 if status == 200 else status)
    if request.FILES.getlist("photos") and not form.has_error("photos"):
        form.add_error("photos", PHOTOS_AGAIN)
    return render(request, "reports/submit.html", _page_context(form), status=status)


def _receipt(report: Report) -> dict:
    """What the citizen's device remembers of a report (core/pwa/outbox.js)."""
    return {
        "kind": "report",
        "number": report.number,
        "title": report.category.name,
        "url": report.get_absolute_url(),
        "access_url": report.get_access_url(),
        "submitted_url": reverse("reports:submitted", kwargs={"token": report.access_token}),
    }


def _page_context(form: ReportForm) -> dict:
    municipality = current_municipality()
    map_config = {
        **map_frame(municipality),
        "settlements": {
            str(settlement.pk): [float(settlement.latitude), float(settlement.longitude)]
            for settlement in settlements()
        },
    }
    return {
        "form": form,
        "map_config": map_config,
        "map_texts": MAP_TEXTS,
        "device_texts": {**DEVICE_TEXTS, "maxPhotos": settings.REPORT_MAX_PHOTOS},
    }


def nearby(request):
    """ "Може би вече е подаден?": open reports of the category near the point.

    An HTML fragment for the form's live region; only public fields, never
    the submitters' data. Bad parameters give an empty fragment.
    """
    reports = []
    try:
        category = Category.objects.filter(
            pk=int(request.GET.get("category", "")), is_active=True
        ).first()
        latitude = float(request.GET.get("lat", ""))
        longitude = float(request.GET.get("lng", ""))
    except ValueError:
        category = None
    if category is not None and current_municipality().contains(latitude, longitude):
        reports = open_reports_nearby(category=category, latitude=latitude, longitude=longitude)
    return render(request, "reports/submit_nearby.html", {"reports": reports})


def streets(request):
    """Streets of the municipality whose name contains ``q`` (any case), for the address
    field's suggestions: ``{"streets": [{"id", "label", "lat", "lng"}]}``."""
    found = streets_matching(request.GET.get("q", "")[:100], limit=STREETS_SUGGESTED)
    return JsonResponse(
        {
            "streets": [
                {
                    "id": street.pk,
                    "label": f"{street}, {street.settlement}",
                    "lat": float(street.latitude),
                    "lng": float(street.longitude),
                }
                for street in found
            ]
        }
    )


def submitted(request, token):
    """The confirmation: number and date; the token in the address is the proof."""
    report = get_object_or_404(Report.objects.select_related("category"), access_token=token)
    return render(request, "reports/submitted.html", {"report": report})


@login_required
def my_reports(request):
    """The old "Моите сигнали" address: "Моите" holds every kind, reports among them."""
    return redirect(filed_items_url("reports", request.GET.get("page")))


def _rate() -> tuple[int, int]:
    return parse_rate(getattr(settings, "REPORT_RATE_LIMIT", ""), default=DEFAULT_RATE_LIMIT)


def _rate_limit_reached(request) -> bool:
    return rate_limit_reached(request, scope="reports:submit", rate=_rate())


def _rate_limit_count(request) -> None:
    rate_limit_count(request, scope="reports:submit", rate=_rate())


def category_extras(request):
    """The chosen category's notice, urgent stop and questions, as the form's fragment:
    the form's script asks for it when the category changes (without it, they come with
    the form's first answer)."""
    category = None
    value = request.GET.get("category", "")
    if value.isdigit():
        category = Category.objects.filter(pk=int(value), is_active=True).first()
    form = ReportForm(category=category)
    return render(request, "reports/_category_extras.html", {"form": form})
