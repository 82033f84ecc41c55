"""The site's settings with the benchmark's URLconf (bench/urls.py adds the bare views).

Only bench/side_by_side.py starts a server with DJANGO_SETTINGS_MODULE=bench.settings.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
