"""One page shape for every list of the JSON API: ``@paginate(Pages)`` under the
operation's decorator, or ``@paginate(Pages, present=…)`` when each item is turned
into its answer only once it is on the page.

``?page=`` (from 1) and ``?page_size=`` (1…200, default 50) choose the page; the
answer is ``{count, page, pages, page_size, next, previous, items}`` with ``next``
and ``previous`` as full links (or null). A page past the last one is empty, with
the true ``count`` and ``pages``: a client that follows ``next`` never gets there.
"""

import math
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 100_000  # an offset far past any list here, still a small number for SQL


class Pages(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="From 1.")
        page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items a page.")

    class Output(Schema):
        count: int = Field(description="Items in the whole list.")
        page: int
        pages: int = Field(description="Pages in the whole list (1 for an empty one).")
        page_size: int
        next: str | None = Field(description="The next page's link, or null on the last.")
        previous: str | None = Field(description="The previous page's link, or null.")
        items: list[Any]

    def __init__(self, *, present: Callable[[Any, Any], Any] | None = None, **kwargs):
        """`present(request, item)`: an item's answer, made only for the items shown."""
        super().__init__(**kwargs)
        self.present = present

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        queryset = _in_a_stable_order(queryset)
        count = self._items_count(queryset)
        size, page = pagination.page_size, pagination.page
        pages = max(1, math.ceil(count / size))
        shown = queryset[(page - 1) * size : page * size]
        if self.present is not None:
            shown = [self.present(request, item) for item in shown]
        return {
            "count": count,
            "page": page,
            "pages": pages,
            "page_size": size,
            "next": _page_link(request, page + 1) if page < pages else None,
            "previous": _page_link(request, min(page - 1, pages)) if page > 1 else None,
            "items": shown,
        }


def _in_a_stable_order(items):
    """A queryset ordered to the last tie (by pk), so that no item shows on two pages."""
    if not isinstance(items, QuerySet):
        return items
    ordering = list(items.query.order_by or items.model._meta.ordering)
    if {"pk", "-pk"} & set(ordering):
        return items
    return items.order_by(*ordering, "pk")


def _page_link(request, page: int) -> str:
    """This request's address for another page, its other parameters as they were."""
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
