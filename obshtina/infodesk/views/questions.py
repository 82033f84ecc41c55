"""Placeholder: being written."""

from django.http import Http404


def ask(request, *args, **kwargs):
    raise Http404


def sent(request, *args, **kwargs):
    raise Http404


def question(request, *args, **kwargs):
    raise Http404


def question_access(request, *args, **kwargs):
    raise Http404


def queue(request, *args, **kwargs):
    raise Http404


def manage(request, *args, **kwargs):
    raise Http404
