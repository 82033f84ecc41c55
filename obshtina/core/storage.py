"""Private files: kept outside MEDIA_ROOT and never given a public URL.

Views stream them after a permission check (e.g. letters' attachments).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from whitenoise.storage import CompressedManifestStaticFilesStorage


@deconstructible
class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        # Read on first use, not at import, so that PRIVATE_MEDIA_ROOT can change
        # (deployment settings, tests).
        return settings.PRIVATE_MEDIA_ROOT

    def url(self, name):
        raise ValueError("Private files have no URL; stream them from a view.")


private_storage = PrivateStorage()


def select_private_storage() -> PrivateStorage:
    """For FileField(storage=...): migrations refer to this function, not to a path."""
    return private_storage


@receiver(setting_changed)
def _forget_private_location(*, setting, **kwargs):
    if setting == "PRIVATE_MEDIA_ROOT":
        for name in ("base_location", "location"):
            private_storage.__dict__.pop(name, None)


def _without_source_maps(patterns):
    return tuple(
        (glob, tuple(pattern for pattern in rules if "sourceMappingURL" not in str(pattern)))
        for glob, rules in patterns
    )


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Production static files: hashed names and compressed copies (WhiteNoise).

    Vendor packages (XStatic) keep `sourceMappingURL` comments for maps they do not
    ship; the comments are left as they are instead of failing collectstatic.
    """

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        # The manifest is read once per process, and so each file's address is fixed:
        # worked out once instead of for every {% static %} of every page.
        if force:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url
