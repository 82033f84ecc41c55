"""Private files: kept outside MEDIA_ROOT and never given a public URL.

Views stream them after a permission check (e.g. letters' attachments). They live in
the storage ``STORAGES["private"]``: a folder (PRIVATE_MEDIA_ROOT) by default, or a
private S3 bucket (settings ``MEDIA_STORAGE=s3``), where objects carry no public ACL.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, cached_property, empty
from storages.backends.s3 import S3Storage
from whitenoise.storage import CompressedManifestStaticFilesStorage

from .static_compression import StaticCompressor

NO_URL = "Private files have no URL; stream them from a view."


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
        raise ValueError(NO_URL)


@deconstructible
class PrivateS3Storage(S3Storage):
    """A private bucket: objects uploaded with the "private" ACL, no address to give out
    (not even a signed one: only the view that checked the permission streams them)."""

    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def url(self, name, *args, **kwargs):
        raise ValueError(NO_URL)


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


# The field keeps this object for good; what it wraps follows STORAGES and
# PRIVATE_MEDIA_ROOT (deployment settings, tests).
private_storage = _PrivateStorage()


def select_private_storage():
    """For FileField(storage=...): migrations refer to this function, not to a path."""
    return private_storage


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting in ("PRIVATE_MEDIA_ROOT", "STORAGES"):
        storages._storages.pop("private", None)
        private_storage._wrapped = empty


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

    def create_compressor(self, **kwargs):
        return StaticCompressor(**kwargs)

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
