"""Placeholder: being written."""

from django.http import Http404


def map_page(request, *args, **kwargs):
    raise Http404


def map_data(request, *args, **kwargs):
    raise Http404


def open_data(request, *args, **kwargs):
    raise Http404


def open_data_csv(request, *args, **kwargs):
    raise Http404


def open_data_geojson(request, *args, **kwargs):
    raise Http404
