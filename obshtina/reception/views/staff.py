"""Placeholder views (filled in by the reception work)."""

from django.http import Http404


def desk(request, **kwargs):
    raise Http404


def manage(request, **kwargs):
    raise Http404


def video_start(request, **kwargs):
    raise Http404


def book(request, **kwargs):
    raise Http404


def schedules(request, **kwargs):
    raise Http404


def schedule_new(request, **kwargs):
    raise Http404


def schedule_edit(request, **kwargs):
    raise Http404


def groups(request, **kwargs):
    raise Http404
