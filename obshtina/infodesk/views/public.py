"""Placeholder: being written."""

from django.http import Http404


def index(request, *args, **kwargs):
    raise Http404


def search(request, *args, **kwargs):
    raise Http404


def services(request, *args, **kwargs):
    raise Http404


def service(request, *args, **kwargs):
    raise Http404


def regulations(request, *args, **kwargs):
    raise Http404


def regulation(request, *args, **kwargs):
    raise Http404


def units(request, *args, **kwargs):
    raise Http404


def unit(request, *args, **kwargs):
    raise Http404


def theme(request, *args, **kwargs):
    raise Http404


def faq(request, *args, **kwargs):
    raise Http404
