"""Placeholder: being written."""

from django.http import Http404


def console(request, *args, **kwargs):
    raise Http404


def knowledge_search(request, *args, **kwargs):
    raise Http404


def caller_lookup(request, *args, **kwargs):
    raise Http404


def register_report(request, *args, **kwargs):
    raise Http404


def register_question(request, *args, **kwargs):
    raise Http404


def log_call(request, *args, **kwargs):
    raise Http404


def call_log(request, *args, **kwargs):
    raise Http404
