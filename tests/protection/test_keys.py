"""Rotation re-encrypts in the background as a job row with progress; the Keys page shows how
much is under the newest key, to the deployment's administrators only."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.urls import reverse

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.core.models import AuditEntry
from dantinh.protection import keys
from dantinh.protection.models import KeyRotationJob
from tests.factories import make_item
from tests.protection.conftest import login

pytestmark = pytest.mark.django_db


def test_a_rotation_is_a_job_that_ends_with_everything_under_the_new_key(
    world, settings, django_capture_on_commit_callbacks
):
    make_item(world.compiler_a, world.village_a1, "Dân phản ánh đèn đường hỏng ở tổ 1")
    old = settings.DATA_KEYS[0]
    new = Fernet.generate_key().decode()
    settings.DATA_KEYS = [new, old]
    assert not all(c["complete"] for c in keys.status())

    with django_capture_on_commit_callbacks(execute=True):  # the worker runs it (inline)
        job = keys.rotation_start(actor=world.admin)
    job.refresh_from_db()

    assert job.status == "done" and job.progress == 100
    assert job.rows_done == job.rows_total > 0
    assert all(c["complete"] for c in keys.status())
    settings.DATA_KEYS = [new]
    values = audit.values_of(AuditEntry.objects.filter(object_type="intake.item"))
    assert any("đèn đường" in v.repr for v in values.values())


def test_progress_is_reported_while_it_runs(world, settings):
    for n in range(5):
        make_item(world.compiler_a, world.village_a1, f"Phản ánh số {n} về đường làng")
    settings.DATA_KEYS = [Fernet.generate_key().decode(), settings.DATA_KEYS[0]]
    job = keys.rotation_start(actor=world.admin, queue=False)
    seen = []
    original = keys.jobs.heartbeat

    def spy(row, **fields):
        if "progress" in fields:
            seen.append(fields["progress"])
        original(row, **fields)

    keys.jobs.heartbeat = spy
    try:
        keys.run(job, batch=2)
    finally:
        keys.jobs.heartbeat = original
    assert len(seen) > 2 and seen == sorted(seen) and seen[-1] == 100


def test_only_the_deployments_administrator_rotates(world, commune_admin):
    for user in (world.leader, world.compiler_a, commune_admin):
        with pytest.raises(PermissionDeniedError):
            keys.rotation_start(actor=user)
    keys.rotation_start(actor=world.admin, queue=False)
    with pytest.raises(ValidationError):  # one at a time
        keys.rotation_start(actor=world.superuser, queue=False)


def test_the_command_rotates_here_with_now(world, capsys):
    call_command("keys", "rotate", "--now")
    assert KeyRotationJob.objects.get().status == "done"
    assert "done" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("anonymous", 302, 302),
        ("outsider", 404, 404),
        ("reporter_a", 404, 404),
        ("compiler_a", 404, 404),
        ("leader", 404, 404),
        ("commune_admin", 404, 404),
        ("admin", 200, 302),
        ("superuser", 200, 302),
    ],
)
def test_keys_page_by_role(client, world, commune_admin, who, get, post):
    login(client, world, who, commune_admin)
    url = reverse("protection:keys")
    response = client.get(url)
    assert response.status_code == get
    if get == 200:
        assert "core.auditrecordkey.wrapped_key" in response.content.decode()
    assert client.post(url).status_code == post
    assert KeyRotationJob.objects.exists() == (post == 302 and who != "anonymous")
