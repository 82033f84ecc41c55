"""Placeholder: being written."""

from django.http import Http404


def report_new(request, *args, **kwargs):
    raise Http404


def nearby(request, *args, **kwargs):
    raise Http404


def submitted(request, *args, **kwargs):
    raise Http404


def my_reports(request, *args, **kwargs):
    raise Http404
