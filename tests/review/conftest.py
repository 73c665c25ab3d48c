"""The scope review's tests share the reporting tests' pinned clock and schedules."""

from tests.reporting.conftest import _fixed_now, weekly  # noqa: F401
