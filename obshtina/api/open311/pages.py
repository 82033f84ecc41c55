"""A page of GET requests and where the others are, in headers: the list itself stays
the spec's plain array, so a client that knows nothing of pages reads it as before.

The names are those of the City of Helsinki's server (X-Result-Count, X-Page-Count,
X-Page-Size, X-Next-Page-URL, X-Previous-Page-URL), with the same links as an RFC 8288
``Link`` header for generic HTTP clients.
"""

from django.http import HttpRequest

from .queries import RequestsQuery


def page_headers(request: HttpRequest, *, query: RequestsQuery, total: int) -> dict[str, str]:
    pages = max(1, -(-total // query.page_size))
    headers = {
        "X-Result-Count": str(total),
        "X-Page-Count": str(pages),
        "X-Page-Size": str(query.page_size),
    }
    links = []
    if query.page < pages:
        headers["X-Next-Page-URL"] = _page_url(request, query.page + 1)
        links.append(f'<{headers["X-Next-Page-URL"]}>; rel="next"')
    if 1 < query.page <= pages:
        headers["X-Previous-Page-URL"] = _page_url(request, query.page - 1)
        links.append(f'<{headers["X-Previous-Page-URL"]}>; rel="prev"')
    if links:
        headers["Link"] = ", ".join(links)
    return headers


def _page_url(request: HttpRequest, page: int) -> str:
    parameters = request.GET.copy()
    parameters["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{parameters.urlencode()}")
