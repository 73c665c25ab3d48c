"""Six months of reports for the demo province, so that every reporting page has something
real to show: most units on time, some late, some missing, some returned and sent again,
older ones accepted, the latest awaiting review, the current week still open.

A few reports (Lê Chân, the area officer's department, the city's composite) are drafted by
the real drafter through the services; the thousands of others are written in bulk from the
same figures, which keeps `dantinh demo` quick.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import Count, F
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone

from dantinh.core import audit
from dantinh.intake.models import Field, Item
from dantinh.org import paths
from dantinh.org.actors import system_actor
from dantinh.org.models import Membership, Unit
from dantinh.reporting import config_services, services
from dantinh.reporting.coverage import item_list_url
from dantinh.reporting.models import (
    Notification,
    Reminder,
    ReportTemplate,
    Schedule,
    ScheduleRule,
    Submission,
    SubmissionEvent,
    SubmissionSection,
    SubmissionVersion,
)
from dantinh.reporting.obligations import obligated_units, rule_matches
from dantinh.reporting.periods import (
    TZ,
    Period,
    PeriodRef,
    format_deadline,
    holiday_set,
    period_of,
    recent,
)

WEEKS = 26
MONTHS = 6
Role = Membership.Role
Status = Submission.Status
RETURN_COMMENTS = [
    "Đề nghị bổ sung số liệu kiến nghị, bức xúc và nêu rõ địa bàn.",
    "Phần dự báo còn chung chung; đề nghị nêu cụ thể vấn đề cần quan tâm.",
    "Đề nghị làm rõ kết quả giải quyết các kiến nghị đã tiếp nhận kỳ trước.",
]
PROPOSALS = [
    "Đề nghị cấp ủy, chính quyền tăng cường đối thoại với Nhân dân về những vấn đề Nhân dân quan tâm.",
    "Đề nghị các cơ quan chức năng sớm trả lời các kiến nghị đã chuyển.",
    "Tiếp tục nắm chắc tình hình Nhân dân ở cơ sở, kịp thời báo cáo những vấn đề phát sinh.",
    "Đề nghị đẩy nhanh tiến độ giải quyết các vụ việc tồn đọng trên địa bàn.",
]


def build_reporting_demo(
    *,
    province: Unit,
    today: dt.date | None = None,
    rng: random.Random | None = None,
    log: Callable[[str], None] = print,
) -> int:
    """Reports of the demo's units for the last six months; returns how many were made."""
    rng = rng or random.Random(2026)
    now = timezone.now()
    if today is not None and today != timezone.localdate():
        now = min(now, dt.datetime.combine(today, dt.time(18, 0), tzinfo=TZ))
    log("Báo cáo của các đơn vị trong sáu tháng qua…")
    exclude_general_affairs_desk(province)
    builder = Builder(province=province, now=now, rng=rng)
    builder.people()
    count = builder.regular()
    count += builder.real_drafts()
    builder.follow_up()
    audit.record(
        actor=system_actor(),
        action=audit.Action.IMPORT,
        obj=province,
        note=f"demo: {count} reports",
    )
    log(f"Đã tạo {count} báo cáo.")
    return count


OFFICER_SCHEDULES = ("officer-weekly", "officer-monthly")


def exclude_general_affairs_desk(province: Unit) -> Unit | None:
    """The general-affairs desk (Phòng Tôn giáo, Dân tộc và Tổng hợp) is a department of the
    commission like the others, but it receives and compiles the officers' weekly and monthly
    reports: leave it out of the rules that make the departments owe them. Returns the desk."""
    desk = (
        Unit.objects.filter(
            parent=province,
            kind=Unit.Kind.SECTOR,
            sector=Unit.Sector.COMMISSION_DEPARTMENT,
            name__contains="Tổng hợp",
            valid_to__isnull=True,
        )
        .select_related("parent")
        .first()
    )
    if desk is None:
        return None
    rules = ScheduleRule.objects.filter(schedule__slug__in=OFFICER_SCHEDULES).prefetch_related(
        "excluded_units"
    )
    for rule in rules:
        if rule_matches(rule, desk):
            config_services.rule_set_exclusions(
                actor=system_actor(), rule=rule, units=[*rule.excluded_units.all(), desk]
            )
    return desk


class Builder:
    def __init__(self, *, province: Unit, now: dt.datetime, rng: random.Random):
        self.province, self.now, self.rng = province, now, rng
        self.holidays = holiday_set()
        self.template = ReportTemplate.objects.order_by("id").first()
        self.sections = list(self.template.sections.filter(is_active=True).order_by("order"))
        self.fields = {f.pk: f for f in Field.objects.all()}
        self.users = {
            u.username: u
            for u in get_user_model().objects.filter(
                username__in=["tonghop", "lanhdao", "bdv.lechan", "chuyenvien", "mttq", "quantri"]
            )
        }
        self.compilers: dict[int, object] = {}
        self.diligence: dict[int, float] = {}
        self.real: set[tuple[int, int, str]] = set()  # (unit, schedule, period) drafted for real
        self.lechan = Unit.objects.filter(
            parent=province, full_name="Phường Lê Chân", valid_to__isnull=True
        ).first()

    # People -------------------------------------------------------------------------------
    def people(self) -> None:
        """A compiler with an e-mail address for every unit that reports."""
        User = get_user_model()
        for username, user in self.users.items():
            if not user.email:
                user.email = f"{username}@dantinh.local"
                user.save(update_fields=["email"])
        owing = set()
        for schedule in Schedule.objects.filter(is_active=True).exclude(frequency="ad_hoc"):
            owing.update(obligated_units(schedule))
        existing = {
            m.unit_id: m.user
            for m in Membership.objects.filter(
                unit__in=owing, role__in=[Role.COMPILER, Role.AREA_OFFICER], is_active=True
            ).select_related("user")
        }
        for unit in sorted(owing, key=lambda u: u.path):
            user = existing.get(unit.pk)
            if user is None:
                username = f"bdv.{unit.code}" if unit.code else f"tonghop.{unit.pk}"
                user = User.objects.create_user(
                    username,
                    password=None,
                    email=f"{username}@dantinh.local",
                    full_name=f"Cán bộ tổng hợp {unit.full_name}",
                )
                Membership.objects.create(
                    user=user, unit=unit, role=Role.COMPILER, title="Cán bộ tổng hợp"
                )
            self.compilers[unit.pk] = user
            self.diligence[unit.pk] = (
                1.0 if unit == self.lechan else self.rng.choice([0.97, 0.93, 0.9, 0.85, 0.75, 0.6])
            )

    # Regular reports in bulk ----------------------------------------------------------------
    def regular(self) -> int:
        count = 0
        for slug, n in (
            ("weekly", WEEKS),
            ("officer-weekly", WEEKS),
            ("monthly", MONTHS),
            ("officer-monthly", MONTHS),
            ("partner-monthly", MONTHS),
            ("quarterly", 2),
            ("half-yearly", 1),
            ("yearly", 1),
        ):
            schedule = Schedule.objects.filter(slug=slug).first()
            if schedule is None:
                continue
            for period in recent(schedule, self.now, n + 1, self.holidays):
                count += self._period(schedule, period)
        return count

    def _stats(self, period: Period):
        """Counts by commune (path prefix) and field, kind and valence; notable items."""
        depth = len(self.province.path) + paths.SEGMENT
        items = Item.objects.filter(
            observed_on__gte=period.start,
            observed_on__lte=period.end,
            unit_path__gte=self.province.path,
            unit_path__lt=paths.upper_bound(self.province.path),
        )
        rows = items.annotate(c=Substr("unit_path", 1, depth)).values(
            "c", "field_id", "kind__code", "mood__valence"
        )
        stats: dict[str, Counter] = defaultdict(Counter)
        for r in rows.annotate(n=Count("id")).order_by():
            s = stats[r["c"]]
            s["total"] += r["n"]
            s[("field", r["field_id"])] += r["n"]
            s[("kind", r["kind__code"])] += r["n"]
            s[("valence", r["mood__valence"])] += r["n"]
        notable: dict[str, list] = defaultdict(list)
        signals = items.filter(
            kind__code__in=["kien_nghi", "khieu_nai_to_cao", "vu_viec"]
        ).select_related("kind")
        for item in signals.order_by(F("scale").desc(nulls_last=True), "-observed_on"):
            notable[item.unit_path[:depth]].append(item)
        return stats, notable

    def _period(self, schedule: Schedule, period: Period) -> int:
        units = [u for u in obligated_units(schedule, period=period) if u.pk in self.compilers]
        if not units:
            return 0
        stats, notable = self._stats(period)
        is_open = period.due_at > self.now
        subs, sections, events, versions = [], [], [], []
        for unit in units:
            plan = self._plan(unit, period, is_open)
            if plan is None:
                continue
            key = (unit.pk, schedule.pk, period.key)
            if key in self.real or self._wants_real(unit, schedule, period):
                self.real.add(key)
                continue
            submission, history, version_numbers = self._submission(unit, schedule, period, plan)
            subs.append(submission)
            texts = self._texts(
                unit,
                period,
                stats.get(unit.path[: len(self.province.path) + paths.SEGMENT], Counter()),
                notable.get(unit.path[: len(self.province.path) + paths.SEGMENT], []),
            )
            sections.append(
                [
                    SubmissionSection(
                        code=s.code,
                        title=s.title,
                        guidance=s.guidance,
                        order=s.order,
                        text=texts[s.code][0],
                        data=texts[s.code][1],
                    )
                    for s in self.sections
                ]
            )
            events.append(history)
            versions.append(version_numbers)
        Submission.objects.bulk_create(subs, batch_size=500)
        section_rows, event_rows, version_rows = [], [], []
        for sub, secs, history, numbers in zip(subs, sections, events, versions, strict=True):
            for s in secs:
                s.submission = sub
            section_rows.extend(secs)
            for kind, at, actor, version, comment in history:
                event_rows.append(
                    SubmissionEvent(
                        submission=sub,
                        kind=kind,
                        at=at,
                        actor=actor,
                        version=version,
                        comment=comment,
                    )
                )
            content = {
                "title": sub.title,
                "number": "",
                "sections": [{"code": s.code, "title": s.title, "text": s.text} for s in secs],
            }
            for number, at, actor in numbers:
                version_rows.append(
                    SubmissionVersion(
                        submission=sub,
                        number=number,
                        created_by=actor,
                        created_at=at,
                        content=content,
                    )
                )
        SubmissionSection.objects.bulk_create(section_rows, batch_size=1000)
        SubmissionEvent.objects.bulk_create(event_rows, batch_size=1000)
        SubmissionVersion.objects.bulk_create(version_rows, batch_size=1000)
        # auto_now_add wrote today's date: put the real moments back.
        for sub in subs:
            sub.created_at = sub.updated_at = sub._drafted_at
        Submission.objects.bulk_update(subs, ["created_at", "updated_at"], batch_size=500)
        return len(subs)

    def _wants_real(self, unit: Unit, schedule: Schedule, period: Period) -> bool:
        """Lê Chân's and the area officer's recent reports are drafted for real."""
        recent_enough = (
            period.due_at > self.now - dt.timedelta(days=22) and period.due_at <= self.now
        )
        officer = self.users.get("chuyenvien")
        dept = officer and self.compilers.get(unit.pk) == officer
        return recent_enough and (unit == self.lechan or bool(dept))

    def _plan(self, unit: Unit, period: Period, is_open: bool):
        """(outcome, submitted at) or None for a report never written."""
        rng = self.rng
        if is_open:
            if unit == self.lechan or rng.random() > 0.45:
                return None
            if rng.random() < 0.7 or period.due_at - self.now > dt.timedelta(days=3):
                return ("draft", None)
            return (
                "early",
                min(
                    period.due_at - dt.timedelta(hours=rng.randint(3, 40)),
                    self.now - dt.timedelta(minutes=10),
                ),
            )
        roll = rng.random()
        diligence = self.diligence.get(unit.pk, 0.9)
        if roll > diligence + (1 - diligence) * 0.5:
            return None  # missing
        if roll > diligence:
            late = period.due_at + dt.timedelta(hours=rng.randint(1, 60))
            return (
                "late",
                min(
                    late,
                    (period.lock_at or late) - dt.timedelta(minutes=5),
                    self.now - dt.timedelta(hours=1),
                ),
            )
        sent = period.due_at - dt.timedelta(hours=rng.randint(1, 30), minutes=rng.randint(0, 59))
        return ("returned", sent) if rng.random() < 0.05 else ("on_time", sent)

    def _submission(self, unit: Unit, schedule: Schedule, period: Period, plan):
        outcome, sent = plan
        compiler = self.compilers[unit.pk]
        reviewer = self.users.get("tonghop")
        drafted = (sent or self.now) - dt.timedelta(hours=self.rng.randint(2, 20))
        sub = Submission(
            unit=unit,
            unit_path=unit.path,
            schedule=schedule,
            period_key=period.key,
            window_start=period.start,
            window_end=period.end,
            due_at=period.due_at,
            lock_at=period.lock_at,
            title=f"{self.template.title_prefix} {period.phrase}",
            created_by=compiler,
        )
        sub._drafted_at = drafted
        history = [(SubmissionEvent.Kind.DRAFTED, drafted, compiler, 0, "")]
        numbers = []
        if outcome == "draft":
            return sub, history, numbers
        sub.first_submitted_at = sub.submitted_at = sent
        sub.submitted_by, sub.version, sub.status = compiler, 1, Status.SUBMITTED
        history.append((SubmissionEvent.Kind.SUBMITTED, sent, compiler, 1, ""))
        numbers.append((1, sent, compiler))
        age = self.now - period.due_at
        if outcome == "returned":
            returned = min(
                sent + dt.timedelta(hours=self.rng.randint(3, 20)),
                self.now - dt.timedelta(minutes=30),
            )
            history.append(
                (
                    SubmissionEvent.Kind.RETURNED,
                    returned,
                    reviewer,
                    1,
                    self.rng.choice(RETURN_COMMENTS),
                )
            )
            sub.status, sub.reviewed_at, sub.reviewed_by = Status.RETURNED, returned, reviewer
            if age < dt.timedelta(days=4) and self.rng.random() < 0.5:
                return sub, history, numbers  # still with the unit
            again = min(
                returned + dt.timedelta(hours=self.rng.randint(2, 30)),
                self.now - dt.timedelta(minutes=10),
            )
            sub.submitted_at, sub.version, sub.status = again, 2, Status.SUBMITTED
            history.append(
                (SubmissionEvent.Kind.SUBMITTED, again, compiler, 2, "Đã bổ sung theo ý kiến.")
            )
            numbers.append((2, again, compiler))
        if age > dt.timedelta(days=10) or (age > dt.timedelta(days=1) and self.rng.random() < 0.5):
            accepted = min(
                (sub.submitted_at or sent) + dt.timedelta(hours=self.rng.randint(4, 48)), self.now
            )
            sub.status, sub.reviewed_at, sub.reviewed_by = Status.ACCEPTED, accepted, reviewer
            history.append((SubmissionEvent.Kind.ACCEPTED, accepted, reviewer, sub.version, ""))
        return sub, history, numbers

    def _texts(
        self, unit: Unit, period: Period, s: Counter, notable: list
    ) -> dict[str, tuple[str, dict]]:
        total = s["total"]
        top = sorted(
            (
                (n, self.fields[k[1]])
                for k, n in s.items()
                if isinstance(k, tuple) and k[0] == "field"
            ),
            key=lambda x: -x[0],
        )[:3]
        top_text = ", ".join(f"{f.name} ({n})" for n, f in top) or "không có nổi bật"
        table = {
            "title": "Thông tin theo lĩnh vực",
            "columns": ["Nội dung", "Kỳ này"],
            "rows": [
                [
                    f.name,
                    {
                        "v": n,
                        "href": item_list_url(
                            unit=unit, start=period.start, end=period.end, field=f.pk
                        ),
                    },
                ]
                for n, f in top
            ],
        }
        general = (
            f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}, đã nắm bắt {total} thông tin "
            f"tình hình Nhân dân. Các lĩnh vực được Nhân dân quan tâm nhiều nhất: {top_text}."
        )
        if not total:
            general = (
                "Trong kỳ, tình hình Nhân dân trên địa bàn cơ bản ổn định; Nhân dân tin tưởng vào sự lãnh "
                "đạo của cấp ủy, chính quyền, tích cực hưởng ứng các phong trào thi đua."
            )
        pos, neg = s[("valence", "positive")], s[("valence", "negative")]
        mood = (
            f"Tình hình tư tưởng Nhân dân cơ bản ổn định; ghi nhận {pos} thông tin có tâm trạng tích cực "
            f"và {neg} thông tin còn băn khoăn, lo lắng, bức xúc."
        )
        recs = [
            i for i in notable if i.kind_id and i.kind.code in ("kien_nghi", "khieu_nai_to_cao")
        ][:3]
        rec_text = (
            f"Ghi nhận {s[('kind', 'kien_nghi')]} kiến nghị, bức xúc và {s[('kind', 'khieu_nai_to_cao')]} "
            "đơn thư khiếu nại, tố cáo."
        )
        if recs:
            rec_text += "\n\n" + "\n".join(
                f"- {i.observed_on:%d/%m/%Y}: {i.headline}" for i in recs
            )
        signals = [i for i in notable if i.kind_id and i.kind.code == "vu_viec"][:2]
        incidents = (
            "\n".join(f"- {i.observed_on:%d/%m/%Y}: {i.headline}" for i in signals)
            if signals
            else "Trong kỳ không phát sinh vụ việc phức tạp, “điểm nóng”."
        )
        notes = [
            {"text": i.headline, "href": reverse("intake:item_detail", args=[i.pk])}
            for i in recs + signals
        ]
        return {
            "general": (general, {"tables": [table], "notes": [], "sources": []}),
            "mood": (mood, {}),
            "recommendations": (rec_text, {"tables": [], "notes": notes, "sources": []}),
            "incidents": (incidents, {}),
            "forecast": (
                "Dự báo thời gian tới tình hình Nhân dân cơ bản ổn định; cần tiếp tục quan tâm các vấn đề "
                f"về {top[0][1].name.lower() if top else 'đời sống'}.",
                {},
            ),
            "proposals": (self.rng.choice(PROPOSALS), {}),
        }

    # Reports drafted for real ---------------------------------------------------------------
    def real_drafts(self) -> int:
        count = 0
        tonghop, lanhdao = self.users.get("tonghop"), self.users.get("lanhdao")
        schedules = {s.pk: s for s in Schedule.objects.all()}
        returned_once = False
        for unit_id, schedule_id, key in sorted(self.real):
            unit, schedule = Unit.objects.get(pk=unit_id), schedules[schedule_id]
            period = period_of(schedule, PeriodRef.parse(key), self.holidays)
            compiler = self.compilers[unit_id]
            sub = services.submission_draft(
                actor=compiler,
                unit=unit,
                schedule=schedule,
                period_key=key,
                now=period.due_at - dt.timedelta(days=1),
            )
            sent = period.due_at - dt.timedelta(hours=self.rng.randint(2, 20))
            services.submission_submit(actor=compiler, submission=sub, now=sent)
            if tonghop and unit == self.lechan and not returned_once:
                returned_once = True
                services.submission_return(
                    actor=tonghop,
                    submission=sub,
                    comment=RETURN_COMMENTS[0],
                    now=sent + dt.timedelta(hours=2),
                )
                services.section_update(
                    actor=compiler,
                    submission=sub,
                    code="recommendations",
                    text=sub.sections.get(code="recommendations").text
                    + "\n\nĐã bổ sung: các kiến nghị tập trung ở tổ dân phố có dự án giải phóng mặt bằng.",
                )
                sent = sent + dt.timedelta(hours=5)
                services.submission_submit(
                    actor=compiler, submission=sub, now=sent, note="Đã bổ sung theo ý kiến."
                )
            if tonghop and self.now - period.due_at > dt.timedelta(days=2):
                services.submission_accept(
                    actor=tonghop, submission=sub, now=sent + dt.timedelta(hours=20)
                )
            count += 1
        # The city's composite reports: last week's being compiled, last month's approved.
        weekly, monthly = schedules_by_slug("weekly"), schedules_by_slug("monthly")
        if tonghop and weekly:
            last_week = recent(weekly, self.now, 2, self.holidays)[1]
            services.submission_draft(
                actor=tonghop,
                unit=self.province,
                schedule=weekly,
                period_key=last_week.key,
                now=min(self.now, last_week.lock_at or self.now) - dt.timedelta(minutes=1),
            )
            count += 1
        if tonghop and lanhdao and monthly:
            month = recent(monthly, self.now, 3, self.holidays)[2]
            at = month.due_at + dt.timedelta(days=2)
            city = services.submission_draft(
                actor=tonghop,
                unit=self.province,
                schedule=monthly,
                period_key=month.key,
                now=at - dt.timedelta(hours=3),
            )
            city = services.submission_set_header(
                actor=tonghop, submission=city, title=city.title, number="125"
            )
            services.submission_submit(actor=tonghop, submission=city, now=at)
            services.submission_accept(
                actor=lanhdao,
                submission=city,
                now=at + dt.timedelta(hours=5),
                comment="Đồng ý, trình Thường trực Thành ủy.",
            )
            count += 1
        return count

    # Reminders, notifications, an ad-hoc request ---------------------------------------------------
    def follow_up(self) -> None:
        weekly = schedules_by_slug("weekly")
        tonghop = self.users.get("tonghop")
        if weekly is None:
            return
        periods = recent(weekly, self.now, 4, self.holidays)[1:]
        submitted = set(
            Submission.objects.filter(
                schedule=weekly, first_submitted_at__isnull=False
            ).values_list("unit_id", "period_key")
        )
        reminders, notes = [], []
        for period in periods:
            for unit in obligated_units(weekly, period=period):
                if (unit.pk, period.key) in submitted or unit.pk not in self.compilers:
                    continue
                params = {
                    "unit": unit.full_name,
                    "title": f"{self.template.title_prefix} {period.phrase}",
                    "due": format_deadline(period.due_at),
                }
                url = f"{reverse('reporting:submission_open')}?unit={unit.pk}&schedule=weekly&period={period.key}"
                reminders.append(
                    Reminder(
                        unit=unit,
                        unit_path=unit.path,
                        schedule=weekly,
                        period_key=period.key,
                        kind=Reminder.Kind.OVERDUE,
                        created_at=period.due_at + dt.timedelta(minutes=15),
                        recipients=1,
                        emails=1,
                        attempts=1,
                        status=Reminder.Status.SENT,
                        tried_at=period.due_at + dt.timedelta(minutes=15),
                        notified_at=period.due_at + dt.timedelta(minutes=15),
                    )
                )
                notes.append(
                    Notification(
                        user=self.compilers[unit.pk],
                        unit_path=unit.path,
                        kind=Notification.Kind.REMIND_OVERDUE,
                        params=params,
                        url=url,
                        created_at=period.due_at + dt.timedelta(minutes=15),
                    )
                )
        Reminder.objects.bulk_create(reminders, ignore_conflicts=True)
        if tonghop:
            latest = periods[0]
            for sub in Submission.objects.filter(
                schedule=weekly, period_key=latest.key, status=Status.SUBMITTED
            ).select_related("unit")[:25]:
                notes.append(
                    Notification(
                        user=tonghop,
                        unit_path=sub.unit_path,
                        kind=Notification.Kind.SUBMITTED,
                        params={"unit": sub.unit.full_name, "title": sub.title, "due": ""},
                        url=reverse("reporting:submission_detail", args=[sub.pk]),
                        created_at=sub.submitted_at,
                    )
                )
        Notification.objects.bulk_create(notes)
        self._adhoc()

    def _adhoc(self) -> None:
        lanhdao = self.users.get("lanhdao")
        if lanhdao is None:
            return
        central = list(
            Unit.objects.filter(
                parent=self.province,
                valid_to__isnull=True,
                full_name__in=[
                    "Phường Hồng Bàng",
                    "Phường Ngô Quyền",
                    "Phường Gia Viên",
                    "Phường Lê Chân",
                    "Phường An Biên",
                    "Phường Hải An",
                    "Phường Đông Hải",
                    "Phường Kiến An",
                ],
            )
        )
        if not central:
            return
        today = self.now.astimezone(TZ).date()
        config_services.adhoc_request_create(
            actor=lanhdao,
            unit=self.province,
            title="Tình hình Nhân dân trước thềm Đại hội Đảng các cấp",
            instructions="Báo cáo tâm trạng, tư tưởng, dư luận của Nhân dân và những vấn đề cần quan tâm.",
            template=self.template,
            units=central,
            window_start=today - dt.timedelta(days=14),
            window_end=today,
            due_at=dt.datetime.combine(today + dt.timedelta(days=3), dt.time(16, 0), tzinfo=TZ),
            lock_at=dt.datetime.combine(today + dt.timedelta(days=6), dt.time(16, 0), tzinfo=TZ),
        )


def schedules_by_slug(slug: str) -> Schedule | None:
    return Schedule.objects.filter(slug=slug).first()
