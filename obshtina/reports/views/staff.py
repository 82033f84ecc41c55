"""Placeholder: being written."""

from django.http import Http404


def queue(request, *args, **kwargs):
    raise Http404


def report_manage(request, *args, **kwargs):
    raise Http404


def statistics(request, *args, **kwargs):
    raise Http404


def statistics_csv(request, *args, **kwargs):
    raise Http404
