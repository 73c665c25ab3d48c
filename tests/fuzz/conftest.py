"""Property-based tests of every parser (issue 9.18): hypothesis generates the inputs.

How many inputs each test tries is a hypothesis profile, chosen by DANTINH_FUZZ:

- unset or ``ci``: a few dozen inputs per parser, the same ones on every run (derandomised),
  so that the normal suite stays fast and never turns red on a new random draw;
- ``fuzz`` (``make fuzz``): 10,000 new inputs per parser.

DANTINH_FUZZ_EXAMPLES overrides the number of inputs of either profile.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient

# The examples run inside one test's database transaction, with its fixtures (function-scoped
# on purpose: each example is rolled back by `rolled_back`); generated files are large.
_RELAXED = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
]
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=_RELAXED,
    print_blob=True,
)
settings.register_profile(
    "fuzz",
    max_examples=10_000,
    deadline=None,
    database=None,
    suppress_health_check=_RELAXED,
    print_blob=True,
)
PROFILE = os.environ.get("DANTINH_FUZZ", "ci") or "ci"
settings.load_profile(PROFILE)
if os.environ.get("DANTINH_FUZZ_EXAMPLES"):
    settings.register_profile(
        "counted",
        parent=settings.get_profile(PROFILE),
        max_examples=int(os.environ["DANTINH_FUZZ_EXAMPLES"]),
    )
    settings.load_profile("counted")


# A test that goes all the way through the database (a whole import job, an API call that
# saves, an upload into a report, loading a province) costs 50 to 500 ms an input: it runs
# 1,000 inputs under `make fuzz`, beside the 10,000 of the parser it exercises.
DB_EXAMPLES = int(
    os.environ.get("DANTINH_FUZZ_DB_EXAMPLES")
    or (1_000 if PROFILE == "fuzz" else settings.default.max_examples)
)
through_the_database = settings(max_examples=DB_EXAMPLES)


@contextmanager
def rolled_back():
    """Run one example in a savepoint that is rolled back: each input meets the same data."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Vietnamese is written with letters no English message has: a message a person reads must
# hold at least one of them (an English msgid left untranslated has none).
_VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)


def assert_vietnamese(message: object) -> None:
    text = str(message)
    assert text.strip(), "an empty message"
    assert _VIETNAMESE.search(text), f"not a Vietnamese message: {text!r}"


@pytest.fixture
def api(world):
    """The API as a compiler of commune A (creates, changes and deletes items there)."""
    client = APIClient()
    client.force_authenticate(world.compiler_a)
    return client


@pytest.fixture
def reporting_clock(monkeypatch):
    """The reporting tests' clock (25/11/2026, 17:00): week 48 of 2026 is open."""
    from django.utils import timezone

    from tests.reporting.conftest import NOW

    monkeypatch.setattr(timezone, "now", lambda: NOW)
