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
