"""The notices shown on every page right now, read from the cache on each request.

Every page asks, so the database is asked at most once a minute per municipality (and
at once after an administrator's change); which of the kept notices show is decided by
the clock on every request, so a notice appears and disappears on its minute. Kept
whole pages (``page_cache``) carry the shown notices in their key for the same reason.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from obshtina.organization.hosts import serving

from .models import SiteNotice

CACHE_KEY = "core:site-notices"
CACHE_SECONDS = 60
KEPT = 20  # current and coming notices; an emergency has a handful at most


def site_notices_now(moment=None) -> list[SiteNotice]:
    moment = moment or timezone.now()
    kept = cache.get(CACHE_KEY)
    if kept is None:
        kept = list(SiteNotice.objects.filter(ends_at__gt=moment).order_by("starts_at")[:KEPT])
        cache.set(CACHE_KEY, kept, CACHE_SECONDS)
    return [notice for notice in kept if notice.is_shown_at(moment)]


def site_notices_version(moment=None) -> str:
    """What tells one set of shown notices from another, for the keys of kept pages."""
    return "-".join(str(notice.pk) for notice in site_notices_now(moment)) or "none"


def forget_site_notices(instance: SiteNotice, **kwargs) -> None:
    with serving(instance.municipality):  # the notice's own keys, whoever edits it
        cache.delete(CACHE_KEY)


def connect() -> None:
    post_save.connect(forget_site_notices, sender=SiteNotice, dispatch_uid="site-notices-save")
    post_delete.connect(forget_site_notices, sender=SiteNotice, dispatch_uid="site-notices-del")
