"""A large import: labelled by worker processes, written in one stream (COPY on PostgreSQL),
and still all or nothing, audited and searchable."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dantinh.core import audit
from dantinh.core.models import AuditEntry
from dantinh.intake import changes, imports, labelling, services
from dantinh.intake.models import ImportJob, Item
from dantinh.intake.selectors import ItemFilters, item_list

pytestmark = pytest.mark.django_db

HEADER = ["Ngày nắm bắt", "Tên đơn vị", "Lĩnh vực khác", "Kênh nắm bắt", "Nội dung"]
TEXTS = [
    "Người dân tổ {n} bức xúc vì tiến độ giải phóng mặt bằng đường ven sông chậm",
    "Tiểu thương chợ số {n} lo lắng giá thịt lợn tăng mạnh",
    "Trạm y tế phường thiếu thuốc điều trị, bà con nhóm {n} kiến nghị bổ sung",
    "Đường ngõ {n} ngập sau mưa, rác thải ùn ứ gây ô nhiễm",
]


def big_file(rows: int, *, bad_row: int | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for n in range(rows):
        day = "31/02/2026" if n == bad_row else f"{n % 28 + 1:02d}/10/2026"
        village = "Tổ dân phố số 1" if n % 2 else "Tổ dân phố số 2"
        other = "Môi trường" if n % 4 == 3 else ""
        writer.writerow([day, village, other, "du_luan_xa_hoi", TEXTS[n % 4].format(n=n)])
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def in_processes(monkeypatch, settings):
    """Files of 20 rows or more are labelled by two worker processes (on one core too)."""
    monkeypatch.setattr(labelling, "PARALLEL_FROM", 20)
    monkeypatch.setattr(labelling, "available_cores", lambda: 2)
    settings.DANTINH_IMPORT_WORKERS = 2
    forked = []
    original = labelling._start_pool
    monkeypatch.setattr(
        labelling,
        "_start_pool",
        lambda model, workers: forked.append(workers) or original(model, workers),
    )
    return forked


def upload(world, content: bytes, name: str = "lon.csv") -> ImportJob:
    job = services.import_start(
        actor=world.compiler_a, unit=world.commune_a, upload=SimpleUploadedFile(name, content)
    )
    return imports.run(ImportJob.objects.get(pk=job.pk))


def test_a_large_import_is_saved_audited_and_searchable(world, in_processes, monkeypatch):
    told = []
    monkeypatch.setattr(changes, "_listeners", [told.append])  # the roll-ups' listener
    job = upload(world, big_file(60))
    assert in_processes == [2]  # labelled by two worker processes
    assert job.status == ImportJob.Status.DONE, job.errors or job.message
    assert job.created_count == 60 == Item.objects.filter(import_job=job).count()
    # the rooms that keep figures about items are told once, of every (unit, day) written
    assert len(told) == 1 and len(told[0]) == 28  # each of the 2 villages on 14 days
    entry = AuditEntry.objects.get(action=audit.Action.IMPORT, object_id=str(job.pk))
    assert entry.actor_id == world.compiler_a.pk
    # Found by the list's accent-free search, in the reporter's scope.
    found = item_list(user=world.reporter_a, filters=ItemFilters(q="giai phong mat bang to 40"))
    assert [item.text for item in found] == [TEXTS[0].format(n=40)]
    item = Item.objects.get(text=TEXTS[3].format(n=3))
    assert item.unit == world.village_a1 and item.observed_on.day == 4
    assert item.version == 1 and item.created_at and not item.label_corrected
    # a plain report voices no mood, so none is suggested (issue 12: moods only where voiced)
    assert item.model_version and set(item.suggested) == {"kind", "field"}
    assert item.mood is None
    assert "moi_truong" in [f.code for f in item.secondary_fields.all()] or (
        item.field.code == "moi_truong"
    )


def test_labels_from_worker_processes_are_those_of_one_process(world, in_processes):
    texts = [TEXTS[n % 4].format(n=n) for n in range(40)]
    assert labelling.label_texts(texts, workers=2) == labelling.label_texts(texts, workers=1)
    assert in_processes == [2]


def test_a_bad_row_at_the_end_of_a_large_file_saves_nothing(world, in_processes):
    job = upload(world, big_file(60, bad_row=59))
    assert job.status == ImportJob.Status.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(61, "Ngày nắm bắt")]
    assert not Item.objects.exists()


def test_a_failure_while_saving_undoes_every_row(world, in_processes, monkeypatch):
    record = audit.record

    def broken(**kwargs):
        if kwargs["action"] == audit.Action.IMPORT:  # after the rows were written
            raise RuntimeError("the disk is full")
        return record(**kwargs)

    monkeypatch.setattr(audit, "record", broken)
    job = upload(world, big_file(60))
    assert job.status == ImportJob.Status.FAILED
    assert "nothing was saved" in job.message or "chưa lưu" in job.message
    assert not Item.objects.exists()
    assert not Item.secondary_fields.through.objects.exists()
    assert not item_list(user=world.compiler_a, filters=ItemFilters(q="giai phong")).exists()


def test_a_labelling_failure_after_the_first_rows_were_written_saves_nothing(
    world, in_processes, monkeypatch
):
    """On PostgreSQL the first chunks are written while the later ones are labelled: a
    failure in a later chunk still leaves nothing."""
    label_chunk = labelling._label_chunk

    def failing(model, texts):
        if any("tổ 52 " in text for text in texts):  # the fourth of four chunks
            raise RuntimeError("the model crashed")
        return label_chunk(model, texts)

    monkeypatch.setattr(labelling, "_label_chunk", failing)  # inherited by the workers
    job = upload(world, big_file(60))
    assert in_processes == [2]
    assert job.status == ImportJob.Status.FAILED
    assert "nothing was saved" in job.message or "chưa lưu" in job.message
    assert not Item.objects.exists()
    assert not AuditEntry.objects.filter(action=audit.Action.IMPORT).exists()


def test_a_bad_first_row_stops_the_labelling_begun_during_validation(
    world, in_processes, monkeypatch
):
    """The workers label the rows as they are validated; after a bad row no text is sent to
    them, and the file is refused for its row, not for a labelling failure."""
    sent = []

    def never(model, texts):
        sent.append(len(texts))
        raise RuntimeError("the model must not be asked")

    monkeypatch.setattr(labelling, "_label_chunk", never)
    job = upload(world, big_file(60, bad_row=0))
    assert job.status == ImportJob.Status.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Ngày nắm bắt")]
    assert not Item.objects.exists()
