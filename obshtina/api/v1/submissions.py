"""What submitting a report and asking a question share: the site's own form and
service, the per-IP limit for anonymous callers, and the 201 with the private link."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Status

from . import limits
from .auth import optional_user
from .errors import validation_error_response


def submit_with_form(
    request,
    *,
    scope: str,
    form_class: type[forms.Form],
    data: dict,
    files=None,
    service: Callable,
    channel: str,
    renamed: dict | None = None,
) -> Status | HttpResponse:
    """Check `data` with the site's form and register the item with `service`.

    A signed-in caller's name, e-mail and phone come from their profile (the form
    fixes them). An anonymous caller is refused once over the limit, and counts
    against it only when the item is registered. `renamed` maps the form's field
    names to the API's in the error's ``fields``.
    """
    user = optional_user(request)
    if user is None:
        limits.refuse_if_limited(request, scope=scope)
    form = form_class(data, files, user=user)
    if not form.is_valid():
        return validation_error_response(ValidationError(form.errors.as_data()), renamed=renamed)
    try:
        item = service(**form.submission() | {"channel": channel}, author=user)
    except ValidationError as error:
        return validation_error_response(error, renamed=renamed)
    if user is None:
        limits.count(request, scope=scope)
    return Status(
        201,
        {
            "number": item.number,
            "status": item.status,
            "url": request.build_absolute_uri(item.get_absolute_url()),
            "access_url": request.build_absolute_uri(item.get_access_url()),
        },
    )
