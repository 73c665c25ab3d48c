"""The reporting regime that ships (Hướng dẫn II.3 and III; Đề án II.2): the standard
template, the schedules, who owes them, and Vietnam's public holidays 2025–2027.

All of it is data: created when missing by a data migration (`0005_seed_defaults`), never
overwritten, and edited by administrators afterwards. `seed()` is idempotent; tests that empty
the database call it again.
"""

from __future__ import annotations

import datetime as dt

TEMPLATE = (
    "tinh-hinh-nhan-dan",
    "Báo cáo tình hình Nhân dân",
    "Mẫu báo cáo tình hình Nhân dân theo Hướng dẫn nắm bắt tình hình Nhân dân.",
)
SECTIONS = [
    (
        "general",
        "Tình hình chung",
        "Khái quát tình hình Nhân dân trong kỳ: số thông tin nắm bắt được, các lĩnh vực được quan tâm, "
        "so sánh với kỳ trước; hoạt động hưởng ứng các phong trào, cuộc vận động; hoạt động tín ngưỡng, "
        "tôn giáo, dân tộc; các hoạt động có sức lan tỏa trong cộng đồng.",
    ),
    (
        "mood",
        "Tâm trạng, tư tưởng, dư luận của Nhân dân",
        "Những vấn đề Nhân dân vui mừng, phấn khởi, đồng tình; những vấn đề còn băn khoăn, lo lắng, bức xúc.",
    ),
    (
        "recommendations",
        "Kiến nghị, bức xúc của Nhân dân",
        "Các kiến nghị, bức xúc, đơn thư khiếu nại, tố cáo cần các cấp, các ngành quan tâm giải quyết; "
        "những kiến nghị chưa được giải quyết.",
    ),
    (
        "incidents",
        "Vụ việc phức tạp, “điểm nóng”",
        "Tình hình, diễn biến, nguồn gốc, nguyên nhân; quá trình và hướng giải quyết; tác động tới tâm "
        "trạng, tư tưởng, dư luận của Nhân dân.",
    ),
    (
        "forecast",
        "Dự báo tình hình",
        "Dự báo tình hình Nhân dân thời gian tới, những vấn đề cần quan tâm.",
    ),
    (
        "proposals",
        "Đề xuất, kiến nghị",
        "Đề xuất với cấp ủy, chính quyền, Ban Dân vận cấp trên biện pháp giải quyết.",
    ),
]

PARTNER_SECTORS = (
    "front,women,youth,farmers,veterans,labour,police,military,border_guard,council,government"
)

# slug, name, description, frequency, timing, rules.
# timing keys: due_weekday, window_end_weekday, due_day, due_months_after, window_end_day,
# due_time (h, m), lock_after_days, holiday_rule, remind_before_hours.
# rules: (kind, sectors, level code, parent level code).
SCHEDULES = [
    (
        "weekly",
        "Báo cáo tuần — Ban Dân vận cấp xã gửi Ban Dân vận Thành ủy",
        "Hằng tuần vào thứ Năm, trước 16h00 (Hướng dẫn, mục II.3).",
        "weekly",
        {"due_weekday": 3, "window_end_weekday": 2, "due_time": (16, 0), "lock_after_days": 4},
        [("territorial", "", "xa", None), ("territorial", "", "huyen", None)],
    ),
    (
        "officer-weekly",
        "Báo cáo tuần — chuyên viên, các phòng gửi Phòng Tôn giáo, Dân tộc và Tổng hợp",
        "Hằng tuần vào thứ Năm, trước 17h00 (Hướng dẫn, mục III.2).",
        "weekly",
        {"due_weekday": 3, "window_end_weekday": 2, "due_time": (17, 0), "lock_after_days": 4},
        [("sector", "department", None, None)],
    ),
    (
        "officer-monthly",
        "Báo cáo tháng — chuyên viên, các phòng gửi Phòng Tôn giáo, Dân tộc và Tổng hợp",
        "Hằng tháng, trước ngày 20 (Hướng dẫn, mục III.2). Số liệu từ ngày 16 tháng trước đến ngày 15.",
        "monthly",
        {
            "due_day": 20,
            "due_months_after": 0,
            "window_end_day": 15,
            "due_time": (0, 0),
            "lock_after_days": 5,
        },
        [("sector", "department", None, None)],
    ),
    (
        "monthly",
        "Báo cáo tháng",
        "Hằng tháng, trong báo cáo kết quả công tác dân vận tháng.",
        "monthly",
        {"due_day": 3, "due_months_after": 1, "due_time": (17, 0), "lock_after_days": 10},
        [("territorial", "", "xa", None), ("territorial", "", "huyen", None)],
    ),
    (
        "quarterly",
        "Báo cáo quý",
        "Hằng quý, trong báo cáo kết quả công tác dân vận quý.",
        "quarterly",
        {"due_day": 5, "due_months_after": 1, "due_time": (17, 0), "lock_after_days": 10},
        [("territorial", "", "xa", None), ("territorial", "", "huyen", None)],
    ),
    (
        "half-yearly",
        "Báo cáo 6 tháng",
        "Sáu tháng đầu năm và sáu tháng cuối năm.",
        "half_yearly",
        {"due_day": 10, "due_months_after": 1, "due_time": (17, 0), "lock_after_days": 10},
        [("territorial", "", "xa", None), ("territorial", "", "huyen", None)],
    ),
    (
        "yearly",
        "Báo cáo năm",
        "Hằng năm.",
        "yearly",
        {"due_day": 10, "due_months_after": 1, "due_time": (17, 0), "lock_after_days": 15},
        [("territorial", "", "xa", None), ("territorial", "", "huyen", None)],
    ),
    (
        "partner-monthly",
        "Báo cáo tháng — Mặt trận, đoàn thể và các cơ quan phối hợp",
        "Mặt trận Tổ quốc, các đoàn thể và cơ quan phối hợp báo cáo hằng tháng (Đề án, mục II.2).",
        "monthly",
        {"due_day": 3, "due_months_after": 1, "due_time": (17, 0), "lock_after_days": 10},
        [("sector", PARTNER_SECTORS, None, "tinh")],
    ),
    (
        "ad-hoc",
        "Báo cáo đột xuất",
        "Theo yêu cầu của cấp ủy, Ban Dân vận cấp trên; hạn nộp theo từng yêu cầu.",
        "ad_hoc",
        {},
        [],
    ),
]

# Official days off. Tết and the National Day's second day are set each year by the Prime
# Minister; dates marked "dự kiến" are expected and should be checked against the decision.
HOLIDAYS = [
    ("2025-01-01", "Tết Dương lịch"),
    *[(f"2025-01-{d:02d}", "Tết Nguyên đán Ất Tỵ") for d in range(25, 32)],
    ("2025-02-01", "Tết Nguyên đán Ất Tỵ"),
    ("2025-02-02", "Tết Nguyên đán Ất Tỵ"),
    ("2025-04-07", "Giỗ Tổ Hùng Vương"),
    ("2025-04-30", "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    ("2025-05-01", "Ngày Quốc tế Lao động"),
    ("2025-05-02", "Nghỉ bù (hoán đổi ngày làm việc)"),
    ("2025-09-01", "Quốc khánh"),
    ("2025-09-02", "Quốc khánh"),
    ("2026-01-01", "Tết Dương lịch"),
    *[(f"2026-02-{d:02d}", "Tết Nguyên đán Bính Ngọ") for d in range(14, 23)],
    ("2026-04-26", "Giỗ Tổ Hùng Vương"),
    ("2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương"),
    ("2026-04-30", "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    ("2026-05-01", "Ngày Quốc tế Lao động"),
    ("2026-09-01", "Quốc khánh (dự kiến)"),
    ("2026-09-02", "Quốc khánh"),
    ("2027-01-01", "Tết Dương lịch"),
    *[(f"2027-02-{d:02d}", "Tết Nguyên đán Đinh Mùi (dự kiến)") for d in range(5, 11)],
    ("2027-04-16", "Giỗ Tổ Hùng Vương"),
    ("2027-04-30", "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    ("2027-05-01", "Ngày Quốc tế Lao động"),
    ("2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động"),
    ("2027-09-02", "Quốc khánh"),
    ("2027-09-03", "Quốc khánh (dự kiến)"),
]


def seed(apps=None) -> None:
    """Create the shipped regime where its tables are empty; never touch a deployment's edits.
    `apps` is a migration's app registry (the installed models by default)."""
    from django.apps import apps as installed

    from dantinh.org.importer import DEFAULT_LEVELS

    get = (apps or installed).get_model
    Holiday = get("reporting", "Holiday")
    ReportTemplate = get("reporting", "ReportTemplate")
    Schedule = get("reporting", "Schedule")
    ScheduleRule = get("reporting", "ScheduleRule")
    TemplateSection = get("reporting", "TemplateSection")
    UnitLevel = get("org", "UnitLevel")

    if not Holiday.objects.exists():
        Holiday.objects.bulk_create(
            [Holiday(date=dt.date.fromisoformat(day), name=name) for day, name in HOLIDAYS]
        )
    if not ReportTemplate.objects.exists():
        slug, name, description = TEMPLATE
        template = ReportTemplate.objects.create(slug=slug, name=name, description=description)
        TemplateSection.objects.bulk_create(
            [
                TemplateSection(
                    template=template, code=code, title=title, guidance=guidance, order=i
                )
                for i, (code, title, guidance) in enumerate(SECTIONS, start=1)
            ]
        )
    if Schedule.objects.exists():
        return
    template = ReportTemplate.objects.order_by("id").first()
    levels = {
        code: UnitLevel.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})[0]
        for code, name, rank in DEFAULT_LEVELS
    }
    for order, (slug, name, description, frequency, timing, rules) in enumerate(SCHEDULES, start=1):
        timing = dict(timing)
        if "due_time" in timing:
            timing["due_time"] = dt.time(*timing["due_time"])
        schedule = Schedule.objects.create(
            slug=slug,
            name=name,
            description=description,
            frequency=frequency,
            template=template,
            order=order,
            **timing,
        )
        for kind, sectors, level, parent_level in rules:
            ScheduleRule.objects.create(
                schedule=schedule,
                kind=kind,
                sectors=sectors,
                level=levels[level] if level else None,
                parent_level=levels[parent_level] if parent_level else None,
            )
