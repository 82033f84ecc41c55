"""Placeholder: being written."""

from django.http import Http404


def file_new(request, *args, **kwargs):
    raise Http404


def my_documents(request, *args, **kwargs):
    raise Http404


def detail(request, *args, **kwargs):
    raise Http404


def attachment(request, *args, **kwargs):
    raise Http404
