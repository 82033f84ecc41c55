"""The public register of answered access-to-information requests: the list with its
search, an entry, its Atom feed and the yearly report; and the access officer's page
that checks and publishes an entry."""

from django import forms
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from obshtina.core.decorators import allowed_if
from obshtina.core.forms import service_errors_add
from obshtina.organization import permissions
from obshtina.organization.selectors import current_municipality

from ..models import PublishedAnswer
from ..selectors.desk import item_for_desk, staff_can_view_item
from ..selectors.register import (
    SEARCH_MAX_LENGTH,
    published_answer_for_number,
    published_answers,
    published_answers_matching,
)
from ..selectors.statistics import access_statistics, report_year
from ..services import publication
from ..services.errors import CorrespondenceError

PAGE_SIZE = 20
FEED_ENTRIES = 50


@require_GET
def register(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    entries = published_answers_matching(query)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "correspondence/register.html", {"page": page, "query": query})


@require_GET
def register_entry(request, number: str):
    entry = published_answer_for_number(number)
    if entry is None:
        raise Http404(_("Няма публикуван отговор с такъв номер."))
    return render(request, "correspondence/register_entry.html", {"entry": entry})


@require_GET
def register_yearly_report(request):
    year = report_year(request.GET.get("year"), today=timezone.localdate())
    return render(
        request,
        "correspondence/yearly_report.html",
        {"stats": access_statistics(year=year), "year": year, "public": True},
    )


class RegisterFeed(Feed):
    """The newest published answers as Atom, for readers and other sites."""

    feed_type = Atom1Feed

    def title(self):
        return _("Публикувани отговори по ЗДОИ – %(name)s") % {"name": current_municipality().name}

    def subtitle(self):
        return _("Решения по заявления за достъп до обществена информация, без личните данни.")

    def link(self):
        return reverse("correspondence:register")

    def items(self):
        return published_answers()[:FEED_ENTRIES]

    def item_title(self, entry):
        return f"{entry.number}: {entry.subject}"

    def item_description(self, entry):
        return f"{entry.get_decision_kind_display()}. {entry.decision_text}"

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        return entry.published_at


EMPTY = {"required": _("Това поле не може да е празно.")}


class PublicationForm(forms.Form):
    subject = forms.CharField(label=_("Относно"), max_length=300, error_messages=EMPTY)
    request_text = forms.CharField(
        label=_("Исканата информация"), widget=forms.Textarea, error_messages=EMPTY
    )
    decision_text = forms.CharField(
        label=_("Решението и предоставената информация"),
        widget=forms.Textarea,
        error_messages=EMPTY,
    )


@require_http_methods(["GET", "POST"])
@allowed_if(permissions.can_publish_access_answers)
def publication_edit(request, number: str):
    item = item_for_desk(number)
    if item is None or not staff_can_view_item(request.user, item):
        raise Http404
    entry = PublishedAnswer.objects.filter(correspondence=item).first()
    if entry is None:
        raise Http404(_("По заявлението още няма решение за публикуване."))
    form = PublicationForm(
        request.POST or None,
        initial={
            "subject": entry.subject,
            "request_text": entry.request_text,
            "decision_text": entry.decision_text,
        },
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw":
                publication.publication_withdraw(entry=entry, actor=request.user)
                messages.success(request, _("Отговорът е свален от публичния регистър."))
                return redirect("correspondence:publication", number=number)
            if form.is_valid():
                entry = publication.publication_save(
                    entry=entry, actor=request.user, **form.cleaned_data
                )
                if action == "publish":
                    publication.publication_publish(entry=entry, actor=request.user)
                    messages.success(request, _("Отговорът е публикуван в публичния регистър."))
                else:
                    messages.success(request, _("Промените са запазени."))
                return redirect("correspondence:publication", number=number)
        except CorrespondenceError as error:
            service_errors_add(form, error)
    return render(
        request,
        "correspondence/publication_edit.html",
        {"item": item, "entry": entry, "form": form},
        status=400 if request.method == "POST" else 200,
    )
