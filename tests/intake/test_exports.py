"""The item export as a job (issues 8.5 and 9.10): queued, run by the worker with progress,
downloadable by its requester only, formula-safe, and its file deleted when it expires."""

import datetime as dt
import io
import os

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dantinh.core.models import AuditEntry
from dantinh.intake import exports
from dantinh.intake.models import Field, ItemExportJob
from tests.factories import make_item

pytestmark = pytest.mark.django_db


def _export(client, user, query="", capture=None) -> ItemExportJob:
    client.force_login(user)
    with capture(execute=True):
        response = client.post(reverse("intake:item_export"), {"query": query})
    job = ItemExportJob.objects.filter(requested_by=user).latest("id")
    assert response.url == reverse("intake:item_export_detail", args=[job.pk])
    return job


def _rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_the_export_is_a_job_with_a_file_for_its_requester(
    client, world, items, django_capture_on_commit_callbacks
):
    job = _export(
        client,
        world.leader,
        f"field={Field.objects.get(code='nong_nghiep').pk}",
        django_capture_on_commit_callbacks,
    )
    job.refresh_from_db()
    assert job.status == ItemExportJob.Status.DONE and job.total_rows == 1
    assert job.expires_at - job.finished_at == dt.timedelta(days=7)
    page = client.get(reverse("intake:item_export_detail", args=[job.pk])).content.decode()
    assert "1 thông tin, sẵn sàng để tải về." in page and "hx-trigger" not in page
    rows = _rows(client.get(reverse("intake:item_export_download", args=[job.pk])))
    assert [r[8] for r in rows[1:]] == ["Nhân dân thôn Đông lo lắng giá phân bón tăng"]
    entry = AuditEntry.objects.get(object_type="intake.itemexportjob", object_id=str(job.pk))
    assert entry.action == "export" and entry.actor_name == "leader"


@pytest.mark.parametrize(
    ("who", "status"),
    [("leader", 200), ("admin", 404), ("compiler_a", 404), ("outsider", 404)],
)
def test_only_the_requester_downloads(
    client, world, items, who, status, django_capture_on_commit_callbacks
):
    job = _export(client, world.leader, "", django_capture_on_commit_callbacks)
    client.force_login(getattr(world, who))
    assert client.get(reverse("intake:item_export_detail", args=[job.pk])).status_code == status
    assert client.get(reverse("intake:item_export_download", args=[job.pk])).status_code == status


def test_a_running_export_page_polls_until_it_ends(client, world):
    client.force_login(world.leader)
    job = exports.item_export_start(actor=world.leader, query="")
    page = client.get(reverse("intake:item_export_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in page.content.decode()
    assert client.get(reverse("intake:item_export_download", args=[job.pk])).status_code == 404


def test_text_that_looks_like_a_formula_is_written_as_text(
    client, world, django_capture_on_commit_callbacks
):
    make_item(world.reporter_a, world.village_a1, '=HYPERLINK("http://x.example","bấm")')
    make_item(world.reporter_a, world.village_a1, "@SUM(1+1)*cmd|' /C calc'!A0")
    job = _export(client, world.compiler_a, "", django_capture_on_commit_callbacks)
    rows = _rows(client.get(reverse("intake:item_export_download", args=[job.pk])))
    texts = sorted(r[8] for r in rows[1:])
    assert texts == ['\'=HYPERLINK("http://x.example","bấm")', "'@SUM(1+1)*cmd|' /C calc'!A0"]


def test_the_import_template_lists_entries_as_text(client, world):
    from dantinh.intake.models import Kind

    Kind.objects.create(code="cong_thuc", name="=1+2", order=99)
    client.force_login(world.compiler_a)
    content = client.get(reverse("intake:import_template")).content
    names = [c.value for c in load_workbook(io.BytesIO(content))["Danh mục"]["A"]]
    assert "'=1+2" in names and "=1+2" not in names


def test_an_expired_file_is_deleted(client, world, items, django_capture_on_commit_callbacks):
    job = _export(client, world.leader, "", django_capture_on_commit_callbacks)
    job.refresh_from_db()
    path = job.file.path
    assert exports.purge_expired(now=timezone.now() + dt.timedelta(days=6)) == 0
    assert exports.purge_expired(now=timezone.now() + dt.timedelta(days=8)) == 1
    job.refresh_from_db()
    assert not job.file
    assert not os.path.exists(path)
    client.force_login(world.leader)
    assert client.get(reverse("intake:item_export_download", args=[job.pk])).status_code == 404
