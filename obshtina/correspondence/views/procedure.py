"""Placeholder: being written."""

from django.http import Http404


def clarify(request, *args, **kwargs):
    raise Http404


def confirm_access(request, *args, **kwargs):
    raise Http404


def yearly_report(request, *args, **kwargs):
    raise Http404


def yearly_report_csv(request, *args, **kwargs):
    raise Http404
