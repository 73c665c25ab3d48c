"""Reports of every obligated unit for every regular schedule over the generated years: the
weekly, monthly, quarterly, six-monthly and yearly reports of the communes (the pre-2025
communes before the reform of 1/7/2025, their successors after), each with the template's
six sections.

Most units send on time, some late, some never, a few are returned and sent again; older
reports are accepted; the periods still open hold drafts. Rows are written in bulk like the
items (COPY on PostgreSQL, executemany on SQLite), with their ids given here. The review
history (events, versions) is not generated: no measured path reads it in bulk.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time

from django.db import connection
from django.utils import timezone

from dantinh.reporting.models import ReportTemplate, Schedule, Submission, SubmissionSection
from dantinh.reporting.obligations import obligated_units
from dantinh.reporting.periods import holiday_set, recent

SCHEDULES = {"weekly": 52, "monthly": 12, "quarterly": 4, "half-yearly": 2, "yearly": 1}
DILIGENCE = (0.98, 0.95, 0.93, 0.9, 0.85, 0.75, 0.6)
GENERAL = (
    "Trong kỳ, đã nắm bắt {n} thông tin tình hình Nhân dân trên địa bàn; Nhân dân quan tâm "
    "nhiều đến {topic}."
)
TOPICS = (
    "đất đai, giải phóng mặt bằng",
    "giá cả, đời sống",
    "giao thông, hạ tầng",
    "môi trường",
    "an ninh trật tự",
    "y tế, giáo dục",
    "việc làm của thanh niên",
)
SECTION_TEXT = {
    "mood": (
        "Tình hình tư tưởng Nhân dân cơ bản ổn định; còn băn khoăn về {topic}.",
        "Nhân dân phấn khởi, tin tưởng; một bộ phận lo lắng về {topic}.",
    ),
    "recommendations": (
        "Nhân dân kiến nghị sớm giải quyết các vấn đề về {topic}.",
        "Không phát sinh kiến nghị mới; các kiến nghị kỳ trước về {topic} đang được xem xét.",
    ),
    "incidents": (
        "Trong kỳ không phát sinh vụ việc phức tạp, “điểm nóng”.",
        "Phát sinh một vụ việc liên quan đến {topic}, đã được hòa giải ở cơ sở.",
    ),
    "forecast": ("Thời gian tới tình hình cơ bản ổn định; cần quan tâm {topic}.",),
    "proposals": (
        "Đề nghị cấp ủy, chính quyền tăng cường đối thoại với Nhân dân về {topic}.",
        "Tiếp tục nắm chắc tình hình Nhân dân ở cơ sở, kịp thời báo cáo.",
    ),
}


def _columns(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


class Writer:
    """Rows of one table, flushed in batches by COPY (PostgreSQL) or executemany (SQLite)."""

    def __init__(self, model, batch: int = 20_000):
        self.table = model._meta.db_table
        self.columns = _columns(model)
        self.rows: list[tuple] = []
        self.batch, self.count = batch, 0
        self.sqlite = connection.vendor == "sqlite"

    def value(self, v):
        if self.sqlite and isinstance(v, dt.datetime):
            return v.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
        if self.sqlite and isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, dict):
            return json.dumps(v, ensure_ascii=False)
        return v

    def add(self, row: dict) -> None:
        self.rows.append(tuple(self.value(row[c]) for c in self.columns))
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        names = ", ".join(f'"{c}"' for c in self.columns)
        if self.sqlite:
            cur = connection.connection.cursor()
            marks = ", ".join("?" * len(self.columns))
            cur.executemany(f'INSERT INTO "{self.table}" ({names}) VALUES ({marks})', self.rows)
        else:
            with connection.cursor() as cursor:
                with cursor.cursor.copy(f'COPY "{self.table}" ({names}) FROM STDIN') as copy:
                    for row in self.rows:
                        copy.write_row(row)
        self.count += len(self.rows)
        self.rows = []


def _periods_in(schedule: Schedule, now: dt.datetime, since: dt.date, holidays) -> list:
    per_year = SCHEDULES[schedule.slug]
    years = (now.date() - since).days / 365.25 + 1
    return [p for p in recent(schedule, now, int(per_year * years) + 2, holidays) if p.end >= since]


def generate(*, rng: random.Random, since: dt.date, compilers: dict[int, int], log) -> dict:
    """Submissions for every regular schedule's periods since `since`. `compilers` maps an
    obligated unit's id to the user who writes its reports (units without one are skipped)."""
    now = timezone.now()
    holidays = holiday_set()
    template = ReportTemplate.objects.order_by("id").first()
    sections = list(template.sections.filter(is_active=True).order_by("order"))
    subs, secs = Writer(Submission), Writer(SubmissionSection)
    sub_id = (Submission.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    sec_id = (
        SubmissionSection.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ) + 1
    diligence: dict[int, float] = {}
    counts: dict[str, int] = {}
    started = time.perf_counter()
    for slug in SCHEDULES:
        schedule = Schedule.objects.filter(slug=slug).first()
        if schedule is None:
            continue
        periods = _periods_in(schedule, now, since, holidays)
        made = 0
        for period in periods:
            units = obligated_units(schedule, period=period).values_list("id", "path")
            title = f"{template.title_prefix} {period.phrase}"
            is_open = period.due_at > now
            for unit_id, path in units:
                writer_id = compilers.get(unit_id)
                if writer_id is None:
                    continue
                if unit_id not in diligence:
                    diligence[unit_id] = rng.choice(DILIGENCE)
                plan = _plan(rng, diligence[unit_id], period, now, is_open)
                if plan is None:
                    continue
                status, sent, reviewed = plan
                drafted = (sent or now) - dt.timedelta(hours=rng.randint(2, 30))
                subs.add(
                    {
                        "id": sub_id,
                        "created_at": drafted,
                        "updated_at": reviewed or sent or drafted,
                        "unit_id": unit_id,
                        "unit_path": path,
                        "schedule_id": schedule.pk,
                        "period_key": period.key,
                        "adhoc_id": None,
                        "window_start": period.start,
                        "window_end": period.end,
                        "due_at": period.due_at,
                        "lock_at": period.lock_at,
                        "title": title,
                        "number": "",
                        "status": status,
                        "source": Submission.Source.DRAFTED,
                        "version": 0 if sent is None else 1,
                        "header_version": 1,
                        "first_submitted_at": sent,
                        "submitted_at": sent,
                        "submitted_by_id": writer_id if sent else None,
                        "reviewed_at": reviewed,
                        "reviewed_by_id": None,
                        "original_file": "",
                        "original_name": "",
                        "extracted_text": "",
                        "created_by_id": writer_id,
                    }
                )
                topic = rng.choice(TOPICS)
                for section in sections:
                    if section.code == "general":
                        text = GENERAL.format(n=rng.randint(0, 40), topic=topic)
                    else:
                        choices = SECTION_TEXT.get(section.code, ("",))
                        text = rng.choice(choices).format(topic=topic)
                    secs.add(
                        {
                            "id": sec_id,
                            "version": 1,
                            "submission_id": sub_id,
                            "code": section.code,
                            "title": section.title,
                            "guidance": "",
                            "order": section.order,
                            "text": text,
                            "data": {},
                            "saved_at": drafted,
                        }
                    )
                    sec_id += 1
                sub_id += 1
                made += 1
        counts[slug] = made
        elapsed = time.perf_counter() - started
        log(f"  {slug}: {len(periods)} periods, {made:,} reports ({elapsed:.0f} s so far)")
    subs.flush()
    secs.flush()
    return {"submissions": subs.count, "sections": secs.count, "by_schedule": counts}


def _plan(rng, diligence: float, period, now, is_open: bool):
    """(status, first sent at, reviewed at), or None for a report never written."""
    if is_open:
        if rng.random() < 0.5:
            return None
        return (Submission.Status.DRAFT, None, None)
    roll = rng.random()
    if roll > diligence + (1 - diligence) * 0.5:
        return None  # missing
    if roll > diligence:
        sent = period.due_at + dt.timedelta(hours=rng.randint(1, 60))
        sent = min(sent, (period.lock_at or sent) - dt.timedelta(minutes=5), now)
    else:
        sent = period.due_at - dt.timedelta(hours=rng.randint(1, 30), minutes=rng.randint(0, 59))
    if rng.random() < 0.03:
        return (Submission.Status.RETURNED, sent, min(sent + dt.timedelta(hours=5), now))
    if now - period.due_at > dt.timedelta(days=10):
        return (Submission.Status.ACCEPTED, sent, min(sent + dt.timedelta(hours=20), now))
    return (Submission.Status.SUBMITTED, sent, None)
