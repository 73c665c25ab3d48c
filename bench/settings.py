"""Settings of the benchmark: the product's own, with static files served without a manifest
(the bench renders pages through Django's test client and never runs collectstatic)."""

from dantinh.config.settings.base import *  # noqa: F403
from dantinh.config.settings.base import LOGGING

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEBUG = False
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}
# The bench's pages are timed through the test client, signed in with force_login: the second
# step of sign-in (required of superusers) would answer every page with a redirect.
DANTINH_REQUIRE_2FA = False
