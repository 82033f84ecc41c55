"""The public page of a report, the submitter's private page, reopening, subscriptions.

The public page shows only the public part (ARCHITECTURE.md, rule 5); the
submitter's data appears only on the page behind their private access link.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from obshtina.core.forms import service_errors_add
from obshtina.core.page_cache import cached_visitor_page

from ..models import Report
from ..public_generation import public_generation
from ..selectors.public import (
    is_subscribed,
    report_for_number,
    report_for_token,
    report_for_unsubscribe_token,
    report_map_settings,
    report_public_original,
    report_public_timeline,
    report_visible_photos,
    subscriptions_of,
)
from ..services import following
from ..services.errors import ReportError
from ..services.following import REOPEN_COMMENT_MAX_LENGTH, report_reopen_allowed

# The reopen form names where it was sent from, so errors come back to that page.
FROM_DETAIL = "detail"


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label=_("Какво не е решено?"),
        max_length=REOPEN_COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Напишете какво не е решено.")},
    )


def _is_author(user, report: Report) -> bool:
    return bool(user.is_authenticated and report.author_id == user.pk)


def _render_report(request, report: Report, *, private: bool, reopen_form=None, status=200):
    timeline = list(report_public_timeline(report))
    can_reopen = report_reopen_allowed(report) and (private or _is_author(request.user, report))
    context = {
        "report": report,
        "private": private,
        "timeline": timeline,
        "last_change": timeline[-1].created_at if timeline else report.updated_at,
        "photos": report_visible_photos(report),
        "original": report_public_original(report, user=request.user),
        "is_subscribed": is_subscribed(request.user, report),
        # A refused reopening still shows why, next to where the form was.
        "reopen_form": reopen_form or (ReopenForm() if can_reopen else None),
        "reopen_allowed": can_reopen,
        "reopen_from": "" if private else FROM_DETAIL,
        "map": report_map_settings(report),
    }
    response = render(request, "reports/detail.html", context, status=status)
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


def report_detail(request, number: str):
    def render():
        report = report_for_number(number, user=request.user)
        if report is None:
            raise Http404(_("Няма сигнал с такъв номер."))
        return _render_report(request, report, private=False)

    # The same page for every visitor without an account, until the report changes.
    return cached_visitor_page(request, render, version=public_generation())


@never_cache
def report_access(request, token: str):
    report = report_for_token(token)
    if report is None:
        raise Http404(_("Връзката не е валидна."))
    return _render_report(request, report, private=True)


@require_POST
@never_cache
def report_reopen(request, token: str):
    report = report_for_token(token)
    if report is None:
        raise Http404(_("Връзката не е валидна."))
    # The public page offers the form only to the signed-in author.
    from_detail = request.POST.get("from") == FROM_DETAIL and _is_author(request.user, report)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            following.report_reopen(
                report=report,
                comment=form.cleaned_data["comment"],
                actor=request.user if request.user.is_authenticated else None,
            )
        except ReportError as error:
            service_errors_add(form, error)
        else:
            messages.success(request, _("Сигналът е отворен отново и е върнат на звеното."))
            return redirect(report.get_absolute_url() if from_detail else report.get_access_url())
    return _render_report(request, report, private=not from_detail, reopen_form=form, status=400)


@require_POST
def subscribe(request, number: str):
    """Subscribe (or, with ``action=unsubscribe``, stop) and go back where the user was."""
    unsubscribing = request.POST.get("action") == "unsubscribe"
    if unsubscribing and request.user.is_authenticated:
        # A report hidden since subscribing can still be left.
        report = Report.objects.filter(number=number).first()
    else:
        report = report_for_number(number, user=request.user)
    if report is None:
        raise Http404(_("Няма сигнал с такъв номер."))
    if not request.user.is_authenticated:
        return redirect_to_login(report.get_absolute_url())
    if unsubscribing:
        following.subscription_remove(user=request.user, report=report)
        messages.success(
            request, _("Отписахте се от сигнал %(number)s.") % {"number": report.number}
        )
    else:
        following.subscription_add(
            user=request.user,
            report=report,
            asks_if_fixed=request.POST.get("asks_if_fixed") == "1",
        )
        messages.success(
            request,
            _("Абонирахте се за сигнал %(number)s: ще получавате имейл при всяка промяна.")
            % {"number": report.number},
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = report.get_absolute_url()
    return redirect(next_url)


@login_required
def my_subscriptions(request):
    return render(
        request, "reports/subscriptions.html", {"subscriptions": subscriptions_of(request.user)}
    )


# Mail providers send the RFC 8058 one-click POST without cookies or a CSRF token;
# the signed token in the address is what proves the request comes from our e-mail.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request, token: str):
    """GET asks to confirm (link scanners must not unsubscribe anyone); POST unsubscribes."""
    if request.method == "POST":
        report = following.subscription_remove_by_token(token)
        if report is not None and request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
    else:
        report = report_for_unsubscribe_token(token)
    if report is None:
        return render(request, "reports/unsubscribe.html", {"invalid": True}, status=404)
    return render(
        request,
        "reports/unsubscribe.html",
        {"report": report, "done": request.method == "POST"},
    )
