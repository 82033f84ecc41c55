"""Placeholder views (filled in by the reception work)."""

from django.http import Http404


def index(request, **kwargs):
    raise Http404


def schedule(request, **kwargs):
    raise Http404


def request(request, **kwargs):
    raise Http404


def mine(request, **kwargs):
    raise Http404


def appointment(request, **kwargs):
    raise Http404


def cancel(request, **kwargs):
    raise Http404


def calendar_file(request, **kwargs):
    raise Http404
