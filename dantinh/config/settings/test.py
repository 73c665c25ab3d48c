"""Settings for the test suite: fast hashing, tasks run inline, a throwaway var/ directory."""

import os
import tempfile

os.environ.setdefault("DANTINH_VAR_DIR", tempfile.mkdtemp(prefix="dantinh-test-"))
# Under pytest-xdist (`make test` runs the suite on every core) the workers inherit the
# controller's variable: each keeps its own var/ below it (uploads, keys, static files).
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER and os.path.basename(os.environ["DANTINH_VAR_DIR"]) != _WORKER:
    os.environ["DANTINH_VAR_DIR"] = os.path.join(os.environ["DANTINH_VAR_DIR"], _WORKER)

from .base import *  # noqa: E402,F403
from .base import HUEY  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HUEY = {**HUEY, "huey_class": "huey.MemoryHuey", "immediate": True}
HUEY.pop("filename", None)
HUEY.pop("url", None)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LANGUAGE_CODE = "vi"
# The default language model trains from the seed in seconds; keep it between test runs.
DANTINH_MODEL_DIR = os.path.join(tempfile.gettempdir(), "dantinh-test-models")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# The suite signs people in with force_login; the tests of the second factor turn this on.
DANTINH_REQUIRE_2FA = False
# A test's transaction is rolled back, never committed: keep insight's roll-ups in it at once
# instead of after the commit (tests/insight/test_rollup.py turns this off to see the job).
DANTINH_ROLLUP_IMMEDIATE = True
