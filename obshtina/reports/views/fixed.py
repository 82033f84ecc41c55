""" "Наистина ли е решен?": the page an e-mail's link opens, with its two answers.

Answering is a POST: mail programs and link scanners open the link itself, and that
must never count as an answer. The token in the address is the proof, as for the
submitter's private page.
"""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from obshtina.core.forms import service_errors_add

from ..models import FixedCheck
from ..services.errors import ReportError
from ..services.fixed_checks import fixed_check_answer, fixed_check_open
from ..services.following import REOPEN_COMMENT_MAX_LENGTH

FIXED, NOT_FIXED = "fixed", "not_fixed"


class FixedCheckForm(forms.Form):
    answer = forms.ChoiceField(choices=[(FIXED, FIXED), (NOT_FIXED, NOT_FIXED)])
    comment = forms.CharField(
        label=_("Какво не е решено?"),
        max_length=REOPEN_COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Звеното ще го прочете; текстът се показва и на страницата на сигнала."),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def fixed_check(request, token: str):
    check = (
        FixedCheck.objects.filter(token=token).select_related("report", "report__category").first()
    )
    if check is None:
        raise Http404(_("Връзката не е валидна."))
    form = FixedCheckForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                check = fixed_check_answer(
                    check=check,
                    is_fixed=form.cleaned_data["answer"] == FIXED,
                    comment=form.cleaned_data["comment"],
                )
            except ReportError as error:
                service_errors_add(form, error)
            else:
                status = 200
    response = render(
        request,
        "reports/fixed_check.html",
        {"check": check, "report": check.report, "form": form, "is_open": fixed_check_open(check)},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
