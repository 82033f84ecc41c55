"""Alerts for an area without an account: the request form, the confirmation and the way
out (both behind the alert's token), and the Atom feeds of an area and of one report.

Confirming and stopping are POSTs behind a page with one button: mail programs and link
scanners open links, and that must neither confirm nor stop anything. Stopping also
takes RFC 8058's one-click POST from the mail program itself.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from obshtina.core.forms import service_errors_add
from obshtina.core.ratelimit import parse_rate, rate_limit_count, rate_limit_reached
from obshtina.organization.selectors import current_municipality, settlements

from ..forms import AlertForm
from ..models import AreaAlert, Report
from ..selectors.map import map_frame
from ..selectors.public import report_for_number, report_public_timeline
from ..services import alerts
from ..services.errors import ReportError

RATE_SCOPE = "report-alerts"
FEED_ITEMS = 50
FEED_DAYS = 30  # as the public map


@require_http_methods(["GET", "POST"])
def alert_request(request):
    user = request.user
    initial = {"email": user.email} if user.is_authenticated else {}
    form = AlertForm(request.POST or None, initial=initial)
    status, alert = 200, None
    if request.method == "POST":
        status = 400
        rate = parse_rate(getattr(settings, "REPORT_RATE_LIMIT", ""), default="5/10m")
        if rate_limit_reached(request, scope=RATE_SCOPE, rate=rate):
            form.is_valid()
            form.add_error(None, _("Много заявки от този адрес. Опитайте отново след малко."))
            status = 429
        elif form.is_valid():
            try:
                alert = alerts.area_alert_request(
                    **form.submission(),
                    user=user,
                    language=translation.get_language() or "bg",
                )
            except ReportError as error:
                service_errors_add(form, error)
            else:
                rate_limit_count(request, scope=RATE_SCOPE, rate=rate)
                status = 200
    return render(
        request,
        "reports/alerts.html",
        {
            "form": form,
            "alert": alert,
            "map_config": map_frame(current_municipality()),
            "mine": alerts.area_alerts_of(user) if user.is_authenticated else [],
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def alert_confirm(request, token: str):
    alert = alerts.area_alert_for_token(token)
    if alert is None:
        raise Http404(_("Връзката не е валидна."))
    if request.method == "POST":
        alerts.area_alert_confirm(alert=alert)
    return render(request, "reports/alert_confirm.html", {"alert": alert})


@csrf_exempt  # the token in the address is the proof, as for report subscriptions
@never_cache
@require_http_methods(["GET", "POST"])
def alert_stop(request, token: str):
    alert = alerts.area_alert_for_token(token)
    if request.method == "POST":
        if alert is not None:
            alerts.area_alert_remove(alert=alert)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(request, "reports/alert_stop.html", {"done": True})
    if alert is None:
        return render(request, "reports/alert_stop.html", {"invalid": True}, status=404)
    return render(request, "reports/alert_stop.html", {"alert": alert})


class AreaFeed(Feed):
    """New reports of the last 30 days in an area, as the alerts choose it:
    ``?settlement=<id>`` or ``?lat=…&lng=…&radius=…``, and optionally ``&category=<id>``."""

    feed_type = Atom1Feed

    def get_object(self, request):
        query = request.GET
        try:
            category = int(query["category"]) if query.get("category") else None
            if query.get("settlement"):
                area = {"settlement": get_object_or_404(settlements(), pk=int(query["settlement"]))}
            else:
                area = {
                    "latitude": float(query["lat"]),
                    "longitude": float(query["lng"]),
                    "radius": min(int(query.get("radius", 500)), max(alerts.RADII)),
                }
        except (KeyError, ValueError):
            raise Http404(_("Посочете населено място или точка с радиус.")) from None
        return AreaAlert(category_id=category, **area)

    def title(self, area):
        return _("Сигнали: %(area)s") % {"area": area.area_label}

    def link(self, area):
        return reverse("reports:map")

    def items(self, area):
        since = timezone.now() - timedelta(days=FEED_DAYS)
        reports = Report.objects.filter(is_hidden=False, created_at__gte=since)
        if area.category_id:
            reports = reports.filter(category_id=area.category_id)
        found = [
            report
            for report in reports.select_related("category").order_by("-created_at")[:1000]
            if alerts.area_holds(area, report)
        ]
        return found[:FEED_ITEMS]

    def item_title(self, report):
        return f"{report.number}: {report.category.name} ({report.get_status_display()})"

    def item_description(self, report):
        return report.public_answer or report.description

    def item_pubdate(self, report):
        return report.created_at


class ReportFeed(Feed):
    """One report's public timeline."""

    feed_type = Atom1Feed

    def get_object(self, request, number: str):
        report = report_for_number(number, user=request.user)
        if report is None:
            raise Http404
        return report

    def title(self, report):
        return _("Сигнал %(number)s") % {"number": report.number}

    def link(self, report):
        return report.get_absolute_url()

    def items(self, report):
        return list(report_public_timeline(report).order_by("-created_at", "-pk"))

    def item_title(self, event):
        return str(event.get_kind_display())

    def item_description(self, event):
        return event.public_message

    def item_link(self, event):
        return event.report.get_absolute_url() + f"#event-{event.pk}"

    def item_pubdate(self, event):
        return event.created_at
