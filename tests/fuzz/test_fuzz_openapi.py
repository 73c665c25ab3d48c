"""The API fuzzed from its own OpenAPI description (schemathesis): every operation of
/api/v1/schema/ called through the WSGI application with valid and invalid parameters and
bodies, as a compiler holding a scope and signed in with an API token. No answer is a 5xx,
and every answer the description documents has the shape and content type it says.

The description is generated here, as /api/v1/schema/ serves it, so that the operations are
known when tests are collected (the schema endpoint itself is for signed-in users)."""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from dantinh.accounts import services as account_services
from tests.factories import make_item
from tests.fuzz.conftest import PROFILE, rolled_back

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = WSGIHandler()
# Requests per operation and phase: a few in the normal suite (and no coverage phase, whose
# hundreds of boundary cases per operation are for `make fuzz`), a thousand in `make fuzz`.
FUZZING = PROFILE == "fuzz"
API_EXAMPLES = int(os.environ.get("DANTINH_FUZZ_API_EXAMPLES") or (1000 if FUZZING else 5))
schema.config.phases.coverage.enabled = FUZZING

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def token(world) -> str:
    """A token of commune A's compiler, with an item of theirs to read, change and delete."""
    make_item(world.compiler_a, world.village_a1, "Người dân phản ánh đường ngõ ngập")
    _token, key = account_services.token_issue(actor=world.compiler_a, name="fuzz", days=30)
    return key


@pytest.fixture
def same_connection():
    """Requests sent through the WSGI handler would close the test's database connection at
    their end (Django's test client does the same as this around each request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=API_EXAMPLES, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_request_without_a_server_error(case, token, same_connection):
    with rolled_back():
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        case.validate_response(response, checks=CHECKS)
