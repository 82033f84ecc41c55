"""Placeholder: being written."""

from django.http import Http404


def report_detail(request, *args, **kwargs):
    raise Http404


def report_access(request, *args, **kwargs):
    raise Http404


def report_reopen(request, *args, **kwargs):
    raise Http404


def subscribe(request, *args, **kwargs):
    raise Http404


def my_subscriptions(request, *args, **kwargs):
    raise Http404


def unsubscribe(request, *args, **kwargs):
    raise Http404
