"""Placeholder: being written."""

from django.http import Http404


def index(request, *args, **kwargs):
    raise Http404


def service_edit(request, *args, **kwargs):
    raise Http404


def regulation_edit(request, *args, **kwargs):
    raise Http404
