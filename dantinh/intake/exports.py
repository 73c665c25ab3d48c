"""Items as a spreadsheet, built by the worker as a job (`ItemExportJob`): the list's filters
are kept with the job and applied, within the requester's scope, when it runs; the file is
the requester's alone. Items carry no personal data, so an export never holds any; every cell
is written formula-safe (`documents.cells.safe_row`)."""

from __future__ import annotations

import datetime as dt
import tempfile

from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from dantinh.core import audit, jobs
from dantinh.core.cells import safe_row
from dantinh.core.errors import PermissionDeniedError
from dantinh.intake.models import Item, ItemExportJob
from dantinh.language import pii
from dantinh.org import policies
from dantinh.org.actors import require_actor, system_actor
from dantinh.org.models import User

EXPORT_CAP = 100_000
# How long a finished file stays downloadable.
KEEP_FOR = dt.timedelta(days=7)
PROGRESS_EVERY = 2_000
HEADERS = [
    "Ngày nắm bắt",
    "Đơn vị (nơi xảy ra)",
    "Mã đơn vị",
    "Đơn vị báo cáo",
    "Loại tin",
    "Lĩnh vực",
    "Tâm trạng",
    "Kênh nắm bắt",
    "Nội dung",
    "Số người liên quan",
    "Xác minh",
    "Đường link nguồn",
]
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters(user, query: str):
    """The list's filters from its query string, as the list page reads them (None: they name
    nothing the user can see, so nothing is exported)."""
    from dantinh.intake.forms import ItemFilterForm
    from dantinh.intake.selectors import ItemFilters

    data = QueryDict(query)
    if not data:
        return ItemFilters()
    return ItemFilterForm(data, user=user).filters()


@transaction.atomic
def item_export_start(*, actor: User, query: str = "") -> ItemExportJob:
    """Queue an export of the items list filtered by `query` (the list page's query string).
    Needs "item.export" somewhere; the rows are those the actor may export when the job runs.
    Audited as an export, filed under the filtered unit (or the actor's one scope)."""
    require_actor(actor)
    if not policies.can_anywhere(actor, "item.export"):
        raise PermissionDeniedError()
    query = query[:1000]
    filters = _filters(actor, query)
    scope = policies.action_paths(actor, "item.export")
    if filters is not None and filters.unit is not None:
        unit_path = filters.unit.path
    else:
        unit_path = scope[0] if len(scope) == 1 else ""
    job = ItemExportJob.objects.create(
        requested_by=actor,
        query=query,
        unit_path=unit_path,
        file_name=f"thong-tin-tinh-hinh-{timezone.localdate():%Y%m%d}.xlsx",
    )
    audit.record(
        actor=actor,
        action=audit.Action.EXPORT,
        obj=job,
        object_repr=_("Items export"),
        note=query[:500],
    )
    from dantinh.intake import tasks

    transaction.on_commit(lambda: tasks.export_items(job.pk))
    return job


def run(job: ItemExportJob) -> ItemExportJob:
    """The worker's part: write the rows to a file, with progress; any failure ends the job
    with a message (`core.jobs`)."""
    return jobs.run(job, _build, failure=_("The export failed; try again later."))


def _build(job: ItemExportJob) -> ItemExportJob:
    from dantinh.intake.selectors import item_list

    user = job.requested_by
    filters = _filters(user, job.query)
    if filters is None or not policies.can_anywhere(user, "item.export"):
        items = Item.objects.none()
    else:
        items = item_list(user=user, filters=filters, action="item.export")
    total = min(items.count(), EXPORT_CAP)
    jobs.heartbeat(job, total_rows=total, progress=1)
    with tempfile.TemporaryFile(suffix=".xlsx") as fh:
        count = write_xlsx(items, fh, progress=lambda done: _progress(job, done, total))
        fh.seek(0)
        job.file.save(job.file_name, File(fh), save=False)
    now = timezone.now()
    job.status, job.progress, job.total_rows = ItemExportJob.Status.DONE, 100, count
    job.message = _("%(n)s items, ready to download.") % {"n": count}
    job.finished_at, job.expires_at = now, now + KEEP_FOR
    job.save(
        update_fields=[
            "status",
            "progress",
            "total_rows",
            "message",
            "file",
            "finished_at",
            "expires_at",
            "updated_at",
        ]
    )
    return job


def _progress(job: ItemExportJob, done: int, total: int) -> None:
    jobs.heartbeat(job, progress=max(1, min(99, round(100 * done / total))) if total else 1)


def write_xlsx(items: QuerySet, fh, *, progress=None) -> int:
    """Write at most EXPORT_CAP items to the file `fh`, streamed from the database and to the
    file (write-only workbook: memory stays flat whatever the count); returns the count."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Thông tin")
    ws.append(safe_row(HEADERS))
    rows = 0
    qs = items.select_related("unit", "reporting_unit", "kind", "field", "mood", "channel")
    for item in qs[:EXPORT_CAP].iterator(chunk_size=2000):
        ws.append(
            safe_row(
                [
                    item.observed_on.strftime("%d/%m/%Y"),
                    item.unit.full_name,
                    item.unit.code,
                    item.reporting_unit.full_name,
                    item.kind.name,
                    item.field.name,
                    item.mood.name if item.mood else "",
                    item.channel.name,
                    pii.mask(item.text),  # no personal identifier leaves in a file
                    item.scale,
                    item.get_verification_display(),
                    item.source_url,
                ]
            )
        )
        rows += 1
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows)
    wb.save(fh)
    return rows


def job_get(*, user, pk) -> ItemExportJob:
    """One of the user's own exports (it holds what its requester could see: it is theirs
    alone), while they may still export the unit it was filtered to; raises
    ItemExportJob.DoesNotExist whether it is missing, another's or out of scope."""
    if not getattr(user, "is_authenticated", False):
        raise ItemExportJob.DoesNotExist
    job = ItemExportJob.objects.filter(requested_by=user).get(pk=pk)
    allowed = (
        policies.covers(user, "item.export", job.unit_path)
        if job.unit_path
        else policies.can_anywhere(user, "item.export")
    )
    if not allowed:
        raise ItemExportJob.DoesNotExist
    return job


def jobs_recent(user, limit: int = 5) -> list[ItemExportJob]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(ItemExportJob.objects.filter(requested_by=user)[:limit])


def purge_expired(*, now: dt.datetime | None = None) -> int:
    """Delete the files of exports past `expires_at` (the rows stay, as the trail's record
    that the export was made). Returns how many files were removed."""
    now = now or timezone.now()
    expired = ItemExportJob.objects.filter(expires_at__lt=now).exclude(file="")
    count = 0
    for job in expired:
        job.file.delete(save=False)
        job.message = _("The file was deleted after %(days)s days.") % {"days": KEEP_FOR.days}
        job.save(update_fields=["file", "message", "updated_at"])
        audit.record(
            actor=system_actor(),
            action=audit.Action.UPDATE,
            obj=job,
            object_repr=_("Items export"),
            changes={"file": [job.file_name, None]},
            note="export file expired",
        )
        count += 1
    return count
