"""Settings for the test suite: the production settings with test-friendly parts.

Background jobs run in-process right after the transaction commits (the
ImmediateBackend), so a test sees the effect of a job without a worker.
"""

from .settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Hashing with Argon2 in every factory would make the suite slow; a test that
# cares about Argon2 overrides this back.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,  # noqa: F405
    }
}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# A file (not in-memory) SQLite test database, so that tests with several
# threads see the same WAL database the site uses; per process, so that
# parallel runs do not clash.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import os

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")  # noqa: F405
    }
