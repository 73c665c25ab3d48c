"""Every job ends (issue 9.6): a job whose worker died is failed by the reaper, for each kind
of job (imports, item exports, retrainings, report exports); a job that raises is failed with
a message and the error logged; a reaped job is never run afterwards."""

import datetime as dt
import logging
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dantinh.core import jobs
from dantinh.core.models import AuditEntry
from dantinh.intake import exports as item_exports
from dantinh.intake import imports, services, training
from dantinh.intake.models import ImportJob, ItemExportJob, TrainingJob
from dantinh.org.actors import system_actor
from dantinh.reporting import exports as report_exports
from dantinh.reporting.models import ExportJob

pytestmark = pytest.mark.django_db


def _age(job, minutes: int) -> None:
    type(job).objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


@pytest.fixture
def running(world):
    """One job of each kind, each left 'running' by a worker that died."""
    made = {
        "import": services.import_start(
            actor=world.compiler_a,
            unit=world.commune_a,
            upload=SimpleUploadedFile("t.csv", b"Noi dung\nx\n"),
        ),
        "item export": ItemExportJob.objects.create(requested_by=world.compiler_a),
        "training": TrainingJob.objects.create(requested_by=system_actor()),
        "report export": ExportJob.objects.create(
            unit=world.commune_a,
            unit_path=world.commune_a.path,
            format="docx",
            requested_by=world.compiler_a,
        ),
    }
    for job in made.values():
        assert jobs.start(job)
    return made


# minutes without news after which a running job's worker is taken for dead
PATIENCE = {"import": 30, "item export": 30, "training": 120, "report export": 30}


@pytest.mark.parametrize("kind", PATIENCE)
def test_the_reaper_fails_a_job_whose_worker_died(running, kind):
    job = running[kind]
    _age(job, PATIENCE[kind] - 1)
    assert jobs.reap(actor=system_actor()) == 0
    _age(job, PATIENCE[kind] + 1)
    others = [j for k, j in running.items() if k != kind]
    for other in others:
        _age(other, 5)  # alive: heard from five minutes ago
    assert jobs.reap(actor=system_actor()) == 1
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.message == (
        "Công việc đã dừng giữa chừng (tiến trình xử lý nền bị ngắt). Hãy thực hiện lại."
    )
    assert job.finished_at is not None
    for other in others:
        other.refresh_from_db()
        assert other.status == "running"
    entry = AuditEntry.objects.filter(object_id=str(job.pk), actor_name="system").latest("id")
    assert entry.changes == {"status": ["running", "failed"]}


def test_a_job_with_recent_progress_is_left_running(running):
    job = running["import"]
    _age(job, 45)
    jobs.heartbeat(job, processed_rows=10)
    assert jobs.reap(actor=system_actor()) == 0
    job.refresh_from_db()
    assert job.status == "running" and job.processed_rows == 10


def test_a_job_never_taken_by_a_worker_is_failed_after_a_day(world):
    job = ItemExportJob.objects.create(requested_by=world.compiler_a)
    _age(job, 60 * 23)
    assert jobs.reap(actor=system_actor()) == 0
    _age(job, 60 * 25)
    assert jobs.reap(actor=system_actor()) == 1
    job.refresh_from_db()
    assert job.status == "failed"


def test_a_reaped_job_is_not_run_when_its_task_comes_at_last(world):
    upload = services.import_start(
        actor=world.compiler_a,
        unit=world.commune_a,
        upload=SimpleUploadedFile("t.csv", "Nội dung\nGiá phân bón\n".encode()),
    )
    _age(upload, 60 * 25)
    jobs.reap(actor=system_actor())
    job = imports.run(ImportJob.objects.get(pk=upload.pk))
    assert job.status == "failed" and job.total_rows == 0


@pytest.mark.parametrize(
    ("run", "make"),
    [
        (
            item_exports.run,
            lambda world: ItemExportJob.objects.create(requested_by=world.compiler_a),
        ),
        (training.run, lambda world: TrainingJob.objects.create(requested_by=world.admin)),
        (
            report_exports.run,
            lambda world: ExportJob.objects.create(
                unit=world.commune_a,
                unit_path=world.commune_a.path,
                format="docx",
                requested_by=world.compiler_a,
            ),
        ),
    ],
    ids=["item export", "training", "report export"],
)
def test_a_job_that_raises_ends_failed_and_logged(world, monkeypatch, caplog, run, make):
    job = make(world)
    # the first thing each of them does is to report progress: make that blow up
    monkeypatch.setattr(jobs, "heartbeat", _raise_memory_error)
    with caplog.at_level(logging.ERROR, logger="dantinh.jobs"):
        ended = run(job)
    ended.refresh_from_db()
    assert ended.status == "failed"
    assert ended.message
    assert ended.finished_at is not None
    assert f"{job.pk} failed" in caplog.text


def _raise_memory_error(*args, **kwargs):
    raise MemoryError


def test_the_import_page_stops_polling_when_the_job_ends(client, world):
    job = services.import_start(
        actor=world.compiler_a,
        unit=world.commune_a,
        upload=SimpleUploadedFile("t.csv", "Nội dung\nGiá phân bón\n".encode()),
    )
    client.force_login(world.compiler_a)
    url = reverse("intake:import_detail", args=[job.pk])
    assert 'hx-trigger="every 1s"' in client.get(url, HTTP_HX_REQUEST="true").content.decode()
    jobs.start(job)
    jobs.fail(job, "x")
    assert 'hx-trigger="every' not in client.get(url, HTTP_HX_REQUEST="true").content.decode()


def test_the_language_model_page_stops_polling_when_the_training_ends(client, world):
    job = TrainingJob.objects.create(requested_by=world.admin)
    client.force_login(world.admin)
    url = reverse("intake:language_model")
    # the element that polls is the one each answer replaces...
    polling = re.compile(r'<div id="model-jobs"[^>]*hx-trigger="every 3s"')
    assert polling.search(client.get(url).content.decode())
    jobs.start(job)
    jobs.fail(job, "x")
    # ...so that an answer without polling (the job ended) stops it
    answer = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="model-jobs"' in answer and 'hx-trigger="every' not in answer
