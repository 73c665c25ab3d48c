"""The demo's programme work: this year's targets set by the city's commission and partly met
(plans, coordination mechanisms, monthly commune briefings, six-monthly meetings with groups
of the people, the partners' monthly reports), meetings whose points became items, and the
yearly survey with a few hundred anonymous answers beside last year's.

Everything goes through the programme's services, acted by the demo's accounts. The figures
are invented; the places are real units of Hải Phòng."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dantinh.demo import texts
from dantinh.org.actors import system_actor
from dantinh.org.models import Unit
from dantinh.programme import services, survey_services, target_services
from dantinh.programme.models import Survey, Target

GROUPS = [
    "Nông dân",
    "Công nhân",
    "Cán bộ hưu trí",
    "Trí thức",
    "Doanh nghiệp, hộ kinh doanh",
    "Học sinh, sinh viên",
]
# code, section, question, type, choices, extra
QUESTIONS = [
    (
        "doi_song",
        "A. Đời sống",
        "So với năm trước, đời sống gia đình ông/bà thế nào?",
        "single",
        "cai_thien = Được cải thiện\nnhu_cu = Vẫn như cũ\nkho_khan = Khó khăn hơn",
        {"required": True},
    ),
    (
        "hai_long",
        "A. Đời sống",
        "Mức độ hài lòng với việc giải quyết công việc của chính quyền cơ sở (1: rất không hài lòng, 5: rất hài lòng)",
        "scale",
        "",
        {"required": True},
    ),
    (
        "quan_tam",
        "A. Đời sống",
        "Những vấn đề ông/bà quan tâm nhất hiện nay",
        "multiple",
        "dat_dai = Đất đai, bồi thường, giải phóng mặt bằng\nmoi_truong = Ô nhiễm môi trường\ny_te = Y tế, khám chữa bệnh\n"
        "giao_duc = Giáo dục, học phí\ngia_ca = Giá cả, thu nhập\nviec_lam = Việc làm\nan_ninh = An ninh, trật tự",
        {},
    ),
    (
        "nguon_tin",
        "B. Thông tin",
        "Ông/bà thường nắm thông tin thời sự qua đâu?",
        "multiple",
        "truyen_hinh = Truyền hình\nloa = Loa truyền thanh cơ sở\nhop_thon = Họp thôn, tổ dân phố\n"
        "mang_xa_hoi = Mạng xã hội\nbao = Báo in, báo điện tử",
        {},
    ),
    (
        "tin_tuong",
        "B. Thông tin",
        "Ông/bà có tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền địa phương?",
        "single",
        "rat_tin = Rất tin tưởng\ntin = Tin tưởng\nphan_van = Còn phân vân\nkhong = Không tin tưởng",
        {"required": True},
    ),
    (
        "so_lan_hop",
        "B. Thông tin",
        "Số lần ông/bà dự họp thôn, tổ dân phố trong năm",
        "number",
        "",
        {},
    ),
    (
        "co_kien_nghi",
        "C. Kiến nghị",
        "Ông/bà có kiến nghị gì với cấp ủy, chính quyền không?",
        "single",
        "co = Có\nkhong = Không",
        {},
    ),
    (
        "kien_nghi",
        "C. Kiến nghị",
        "Kiến nghị cụ thể của ông/bà",
        "text",
        "",
        {"show_if": "co_kien_nghi", "show_values": "co"},
    ),
]
# How this year's answers lean compared with last year's (weights per choice).
WEIGHTS = {
    "last": {
        "doi_song": [40, 42, 18],
        "hai_long": [6, 12, 30, 35, 17],
        "tin_tuong": [30, 45, 20, 5],
    },
    "this": {
        "doi_song": [52, 36, 12],
        "hai_long": [4, 8, 25, 40, 23],
        "tin_tuong": [36, 46, 15, 3],
    },
}
MEETING_PLACES = ["Hội trường Đảng ủy", "Hội trường UBND", "Nhà văn hóa trung tâm"]


def _users() -> dict:
    names = {"tonghop", "bdv.lechan", "cb.lechan", "cb.anhung", "bdv.anhung"}
    return {u.username: u for u in get_user_model().objects.filter(username__in=names)}


def _commune(communes: list[Unit], full_name: str) -> Unit | None:
    return next((c for c in communes if c.full_name == full_name), None)


def _points(rng: random.Random, commune: Unit, on: dt.date, n: int) -> list[str]:
    kind = "Xã" if commune.full_name.startswith("Xã") else "Phường"
    return [
        texts.generate_item(rng, on=on, commune=commune.full_name, commune_type=kind, village=None)[
            "text"
        ]
        for _ in range(n)
    ]


def build_programme_demo(
    *,
    province: Unit,
    today: dt.date | None = None,
    rng: random.Random | None = None,
    respondents: int = 320,
    log: Callable[[str], None] = print,
) -> int:
    """The demo's targets, meetings and survey for this year; nothing when the year's targets
    exist already. Returns the number of meetings recorded."""
    today = today or timezone.localdate()
    if Target.objects.filter(unit=province, year=today.year).exists():
        return 0
    rng = rng or random.Random(2026)
    users = _users()
    city_actor = users.get("tonghop") or system_actor()
    communes = list(
        Unit.objects.filter(parent=province, kind=Unit.Kind.TERRITORIAL, valid_to__isnull=True)
        .select_related("level")
        .order_by("path")
    )
    with transaction.atomic():
        log("Chỉ tiêu Đề án, gặp gỡ, đối thoại…")
        targets = {
            t.kind: t
            for t in target_services.targets_set_defaults(
                actor=city_actor, unit=province, year=today.year
            )
        }
        _documents(targets, province, communes, city_actor, rng, today)
        meetings = _meetings(province, communes, users, city_actor, rng, today)
        log("Khảo sát tình hình Nhân dân…")
        _surveys(province, communes, users, city_actor, rng, today, respondents)
        for target in targets.values():
            target_services.target_collect(actor=city_actor, target=target)
    log(f"Đã ghi {meetings} buổi gặp gỡ, giao ban.")
    return meetings


def _document(title: str, unit: Unit) -> ContentFile:
    body = f"{title}\n{unit.full_name}\n(Văn bản minh họa của bản demo.)\n"
    return ContentFile(body.encode("utf-8"), name=f"{title.lower().replace(' ', '-')[:60]}.txt")


def _documents(targets, province, communes, actor, rng, today) -> None:
    """Plans (three quarters of the units, by the end of March) and coordination mechanisms
    (about half, by the end of June)."""
    for kind, share, months, title in (
        (Target.Kind.PLAN, 0.75, (1, 3), "Kế hoạch nắm tình hình Nhân dân"),
        (Target.Kind.COORDINATION, 0.55, (3, 6), "Quy chế phối hợp nắm tình hình Nhân dân"),
    ):
        target = targets.get(kind)
        if target is None:
            continue
        for unit in [province, *communes]:
            if unit is not province and rng.random() > share:
                continue
            day = dt.date(today.year, rng.randint(*months), rng.randint(1, 28))
            if day > today:
                continue
            target_services.evidence_add(
                actor=actor,
                target=target,
                unit=unit,
                dated=day,
                upload=_document(f"{title} năm {today.year}", unit),
            )
    # the survey target is met by the survey itself (`target_collect`, at the end)


def _meetings(province, communes, users, city_actor, rng, today) -> int:
    count = 0
    le_chan = _commune(communes, "Phường Lê Chân")
    an_hung = _commune(communes, "Xã An Hưng")
    talkers = {c.pk for c in (le_chan, an_hung) if c is not None}
    actor_of = {
        getattr(le_chan, "pk", None): users.get("bdv.lechan") or city_actor,
        getattr(an_hung, "pk", None): users.get("cb.anhung") or city_actor,
    }
    villages = dict(
        (c.pk, Unit.objects.filter(parent=c, kind=Unit.Kind.TERRITORIAL).count()) for c in communes
    )
    # monthly briefings: most communes most months; the two named communes every month, with
    # what the branch secretaries and village heads reported turned into items
    for month in range(1, today.month + 1):
        for commune in communes:
            named = commune.pk in talkers
            if not named and rng.random() > 0.7:
                continue
            day = dt.date(today.year, month, rng.randint(3, 9))
            if day > today:
                continue
            heads = max(villages.get(commune.pk, 0), 3)
            services.meeting_record(
                actor=actor_of.get(commune.pk, city_actor),
                unit=commune,
                kind="briefing",
                held_on=day,
                place=f"{rng.choice(MEETING_PLACES)} {commune.full_name.lower()}",
                title=f"Giao ban tháng {month}/{today.year}",
                groups={"branch_secretaries": heads, "village_heads": heads, "officials": 4},
                points=_points(rng, commune, day, 2) if named and month >= today.month - 3 else [],
                make_items=named,
            )
            count += 1
    # six-monthly meetings with groups of the people: the city and some communes
    for half, month in ((1, 6), (2, 11)):
        day = dt.date(today.year, month, 18)
        if day > today:
            continue
        for unit in [province, *communes]:
            if (
                unit is not province
                and unit.pk not in talkers
                and rng.random() > (0.45 if half == 1 else 0.3)
            ):
                continue
            points = []
            if unit is province or unit.pk in talkers:
                points = [
                    "Cán bộ hưu trí phấn khởi trước kết quả sắp xếp tổ chức bộ máy, đề nghị tiếp tục quan tâm chế độ cho cán bộ dôi dư.",
                    "Đại diện doanh nghiệp đề nghị rút ngắn thời gian giải quyết thủ tục cấp phép xây dựng nhà xưởng.",
                    "Chức sắc tôn giáo đồng tình với chủ trương của thành phố, kiến nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho cơ sở thờ tự.",
                ][: 3 if unit is province else 2]
            services.meeting_record(
                actor=city_actor if unit is province else actor_of.get(unit.pk, city_actor),
                unit=unit,
                kind="group_meeting",
                held_on=day,
                place=f"Hội trường {unit.full_name}",
                title=f"Gặp mặt các tầng lớp Nhân dân {'6 tháng đầu năm' if half == 1 else '6 tháng cuối năm'} {today.year}",
                groups={
                    "retired_cadres": rng.randint(8, 25),
                    "intellectuals": rng.randint(4, 12),
                    "artists": rng.randint(2, 6),
                    "business": rng.randint(3, 10),
                    "ethnic": rng.randint(0, 3),
                    "religious": rng.randint(2, 6),
                },
                points=points,
                make_items=bool(points),
            )
            count += 1
    # dialogues and voter contacts in the named communes
    for commune, kind, title, ago in (
        (le_chan, "voter_contact", "Tiếp xúc cử tri trước kỳ họp HĐND", 20),
        (le_chan, "dialogue", "Đối thoại với Nhân dân về chỉnh trang đô thị", 9),
        (an_hung, "dialogue", "Đối thoại với hộ dân về dự án mở rộng đường liên xã", 14),
    ):
        if commune is None:
            continue
        day = today - dt.timedelta(days=ago)
        services.meeting_record(
            actor=actor_of.get(commune.pk, city_actor),
            unit=commune,
            kind=kind,
            held_on=day,
            place=f"Nhà văn hóa {commune.full_name.lower()}",
            title=title,
            groups={"voters": rng.randint(60, 140), "officials": 6},
            points=_points(rng, commune, day, 3),
            make_items=True,
        )
        count += 1
    return count


def _survey(province, actor, year: int, previous: Survey | None) -> Survey:
    survey = survey_services.survey_create(
        actor=actor,
        unit=province,
        year=year,
        title="Khảo sát tình hình Nhân dân",
        description="Phiếu khảo sát không ghi danh, do tổ dân vận thôn, tổ dân phố phát và thu lại.",
        groups=GROUPS,
        previous=previous,
    )
    made = {}
    for code, section, text, kind, choices, extra in QUESTIONS:
        show_if = made.get(extra.get("show_if", ""))
        made[code] = survey_services.question_add(
            actor=actor,
            survey=survey,
            code=code,
            section=section,
            text=text,
            kind=kind,
            choices=choices,
            required=extra.get("required", False),
            show_if=show_if,
            show_values=extra.get("show_values", ""),
        )
    return survey_services.survey_update(
        actor=actor,
        survey=survey,
        version=survey.version,
        title=survey.title,
        description=survey.description,
        groups=survey.groups,
        status="open",
    )


def _pick(rng: random.Random, codes: list[str], weights: list[int] | None = None) -> str:
    return rng.choices(codes, weights=weights)[0]


def _answers(rng: random.Random, lean: dict, commune: Unit, on: dt.date) -> dict:
    answers: dict = {
        "doi_song": _pick(rng, ["cai_thien", "nhu_cu", "kho_khan"], lean["doi_song"]),
        "hai_long": int(_pick(rng, ["1", "2", "3", "4", "5"], lean["hai_long"])),
        "quan_tam": rng.sample(
            ["dat_dai", "moi_truong", "y_te", "giao_duc", "gia_ca", "viec_lam", "an_ninh"],
            rng.randint(1, 3),
        ),
        "nguon_tin": rng.sample(
            ["truyen_hinh", "loa", "hop_thon", "mang_xa_hoi", "bao"], rng.randint(1, 3)
        ),
        "tin_tuong": _pick(rng, ["rat_tin", "tin", "phan_van", "khong"], lean["tin_tuong"]),
        "so_lan_hop": rng.randint(0, 12),
        "co_kien_nghi": _pick(rng, ["co", "khong"], [35, 65]),
    }
    if answers["co_kien_nghi"] == "co" and rng.random() < 0.6:
        answers["kien_nghi"] = _points(rng, commune, on, 1)[0]
    return answers


def _surveys(province, communes, users, actor, rng, today, respondents: int) -> None:
    """Last year's survey (closed) and this year's (collecting), in about ten communes each;
    one commune this year has only three answers, so that its figures stay hidden."""
    last = _survey(province, actor, today.year - 1, None)
    this = _survey(province, actor, today.year, last)
    sample = communes[:: max(1, len(communes) // 10)][:10]
    villages = {
        c.pk: list(Unit.objects.filter(parent=c, kind=Unit.Kind.TERRITORIAL).order_by("path")[:6])
        for c in sample
    }
    for survey, lean, total, on in (
        (last, WEIGHTS["last"], respondents * 3 // 4, dt.date(today.year - 1, 10, 15)),
        (this, WEIGHTS["this"], respondents, min(today, dt.date(today.year, 10, 15))),
    ):
        for i in range(total):
            commune = sample[i % len(sample)] if len(sample) > 1 else province
            if (
                survey is this
                and len(sample) > 2
                and commune == sample[-1]
                and i >= 3 * len(sample)
            ):
                commune = sample[0]  # the last commune keeps three answers: not broken down
            unit = rng.choice(villages.get(commune.pk) or [commune])
            survey_services.response_submit(
                actor=actor,
                survey=survey,
                unit=unit,
                answers=_answers(rng, lean, commune, on),
                group=rng.choice(GROUPS),
            )
    survey_services.survey_update(
        actor=actor,
        survey=last,
        version=Survey.objects.get(pk=last.pk).version,
        title=last.title,
        description=last.description,
        groups=last.groups,
        status="closed",
    )
