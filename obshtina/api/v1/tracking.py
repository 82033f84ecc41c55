"""Track any item by its registry number, as the home page's "Проследете" does."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from ninja import Router

from obshtina.registry.selectors import (
    item_url_for_registry_number,
    registry_code_of,
    registry_number_find,
)

from . import schemas, tracking_cache
from .auth import optional_user
from .errors import ApiError

router = Router(tags=["Проследяване"])


@router.get(
    "track/{number}",
    response={200: schemas.TrackOut, **schemas.errors(404)},
    summary="Проследяване по деловоден номер",
)
def track(request, number: str):
    """Reports and questions for everyone; letters, requests and meetings for their
    author (signed in). Lowercase, Latin look-alike letters and missing zeros are fine."""
    storable = schemas.is_storable(number)
    code = registry_code_of(number) if storable else None
    kept = tracking_cache.kept_answer(code) if code else None
    if kept is not None:
        return {**kept, "url": request.build_absolute_uri(kept["url"])}
    user = optional_user(request) or request.user
    registry_number = registry_number_find(number) if storable else None
    item = registry_number.item if registry_number else None
    url = item_url_for_registry_number(registry_number, user=user) if item is not None else None
    if url is None:
        raise ApiError(
            404,
            "not_found",
            _("Няма регистриран сигнал или въпрос с номер „%(number)s“. Проверете номера.")
            % {"number": number[:64]},
        )
    get_status_display = getattr(item, "get_status_display", None)
    answer = {
        "kind": str(getattr(item, "kind", "")),
        "number": registry_number.code,
        "status": str(getattr(item, "status", "")),
        "status_label": str(get_status_display()) if get_status_display else "",
        "url": url,
    }
    if _is_public(item):
        tracking_cache.keep_answer(registry_number.code, answer)
    return {**answer, "url": request.build_absolute_uri(url)}


def _is_public(item) -> bool:
    """The same answer for everyone: the item shows itself to a visitor without an account."""
    is_visible_to = getattr(item, "is_visible_to", None)
    return bool(is_visible_to and is_visible_to(AnonymousUser()))
