"""Placeholder: being written."""

from django.http import Http404


def desk(request, *args, **kwargs):
    raise Http404


def manage(request, *args, **kwargs):
    raise Http404
