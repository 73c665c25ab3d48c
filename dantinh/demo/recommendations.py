"""The demo's followed recommendations: the competent bodies of Hải Phòng, two bodies' contacts
with accounts, and the recommendations and complaints of the demo's items taken through every
state — some overdue, some declined and forwarded again, some reopened by unsatisfied
citizens, a grievance logged by two wards and the city merged as duplicates and flagged as
escalated. Everything goes through the recommendations' services (steps dated in the past
with their `on=`), so the history, deadlines and audit trail are what the product makes."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.intake.services import item_create
from dantinh.org.actors import system_actor
from dantinh.org.models import Unit, User
from dantinh.recommendations import bodies, complainants, deadlines, duplicates, services
from dantinh.recommendations.models import Body, Recommendation

S = Recommendation.State
FOLLOWED = 260  # recommendations and complaints of the demo's items, spread over its months
CONTACTS = [
    # (username, full name, position, body category, at the commune named or the city)
    (
        "ubnd.lechan",
        "Nguyễn Thị Thu",
        "Chánh Văn phòng HĐND và UBND phường",
        "ubnd_xa",
        "Phường Lê Chân",
    ),
    ("so.xaydung", "Trịnh Quốc Bảo", "Chánh Văn phòng Sở", "so_xay_dung", None),
]
# How many days each kind of body takes to answer, roughly: who resolves slowly shows.
SPEED = {
    "ubnd_xa": (4, 14),
    "so_xay_dung": (12, 40),
    "so_nong_nghiep_moi_truong": (10, 35),
    "cong_an": (5, 18),
}
ANSWERS = [
    "Đã kiểm tra thực tế và khắc phục xong; đã thông báo kết quả đến tổ dân phố.",
    "Nội dung đã được đưa vào kế hoạch sửa chữa năm sau; trước mắt đã xử lý tạm để bảo đảm an toàn.",
    "Đã giải thích chính sách cho người dân tại buổi đối thoại; hồ sơ đủ điều kiện sẽ được giải quyết trong tháng.",
    "Đã xử phạt vi phạm hành chính và yêu cầu cơ sở cam kết không tái diễn.",
]
DECLINE_REASONS = [
    "Tuyến đường do UBND phường quản lý theo phân cấp từ 01/7/2025; đề nghị chuyển UBND phường.",
    "Nội dung thuộc thẩm quyền của UBND cấp xã (cấp giấy chứng nhận cho hộ gia đình).",
]
STORY = {
    "lechan": (
        "Người dân tổ dân phố số 3 phường Lê Chân phản ánh đoạn đường ngõ 12 bị sụt lún sau đợt "
        "thi công cống thoát nước, mặt đường nứt vỡ, nước đọng nhiều ngày, trẻ em đi học phải lội nước; "
        "đề nghị đơn vị thi công hoàn trả mặt đường"
    ),
    "neighbour": (
        "Cử tri phản ánh đoạn đường ngõ 12 tổ dân phố số 3 bị sụt lún sau khi thi công cống thoát "
        "nước, mặt đường nứt vỡ, nước đọng nhiều ngày, học sinh đi học phải lội nước, đề nghị sớm "
        "hoàn trả mặt đường"
    ),
}


def _days(rng: random.Random, code: str) -> int:
    low, high = SPEED.get(code, (5, 25))
    return rng.randint(low, high)


def _step(day: dt.date, days: int, today: dt.date) -> dt.date | None:
    """A working day `days` after `day`, or None when that is still to come."""
    nxt = deadlines.add_working_days(day, max(1, days))
    return nxt if nxt <= today else None


def _contacts(province: Unit, system: User, password: str) -> list[User]:
    made = []
    for username, name, title, code, commune in CONTACTS:
        unit = (
            province
            if commune is None
            else Unit.objects.get(parent=province, full_name=commune, valid_to__isnull=True)
        )
        body = Body.objects.get(unit=unit, authority__code=code)
        contact = bodies.contact_create(actor=system, body=body, full_name=name, title=title)
        user = bodies.contact_give_account(
            actor=system, contact=contact, username=username, password=password
        )
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        made.append(user)
    return made


def _follow(
    rec: Recommendation, system: User, rng: random.Random, today: dt.date, wrong: Body | None
) -> None:
    """Take one recommendation as far as its age allows, with the odd detour."""
    body = (
        services.suggested_body(rec)
        or Body.objects.filter(
            authority__code="ubnd_xa", unit_id=rec.unit.parent_id or rec.unit_id
        ).first()
    )
    if body is None:
        return
    roll = rng.random()
    day = _step(rec.received_on, rng.randint(1, 4), today)
    if day is None or roll < 0.06:  # still being screened
        return
    if wrong is not None and wrong != body and roll < 0.16:  # forwarded to the wrong body first
        rec = services.recommendation_forward(actor=system, rec=rec, body=wrong, on=day)
        day = _step(day, rng.randint(2, 6), today)
        if day is None:
            return
        rec = services.recommendation_decline(
            actor=system, rec=rec, reason=rng.choice(DECLINE_REASONS), on=day
        )
        day = _step(day, 1, today)
        if day is None:
            return
    rec = services.recommendation_forward(actor=system, rec=rec, body=body, on=day)
    if roll < 0.24:  # never accepted: overdue at the body if old enough
        return
    day = _step(day, rng.randint(1, 6), today)
    if day is None:
        return
    rec = services.recommendation_accept(actor=system, rec=rec, on=day)
    if roll > 0.9 and services.deadlines.extension_allowed(rec):
        rec = services.recommendation_extend(
            actor=system, rec=rec, reason="Vụ việc phức tạp, cần xác minh thêm.", on=day
        )
    day = _step(day, _days(rng, body.authority.code), today)
    if day is None:
        return
    rec = services.recommendation_answer(actor=system, rec=rec, text=rng.choice(ANSWERS), on=day)
    day = _step(day, rng.randint(2, 8), today)
    if day is None or roll < 0.35:  # answered, the citizen not yet asked
        return
    if roll < 0.42:  # not satisfied: reopened, and answered again later
        rec = services.recommendation_reopen(
            actor=system,
            rec=rec,
            reason="Người dân cho biết mới xử lý tạm, sau mưa lại hư hỏng.",
            on=day,
        )
        day = _step(day, _days(rng, body.authority.code), today)
        if day is None:
            return
        rec = services.recommendation_answer(actor=system, rec=rec, text=ANSWERS[0], on=day)
        return
    services.recommendation_close(actor=system, rec=rec, on=day)


def _story(province: Unit, system: User, today: dt.date, log) -> None:
    """The issue's walk-through: a ward's grievance forwarded to the wrong body, declined,
    forwarded again, answered, resolved, reopened; the same grievance logged by the city's
    desk before the ward had answered (escalated) and merged with it."""
    lechan = Unit.objects.get(parent=province, full_name="Phường Lê Chân", valid_to__isnull=True)
    taxonomy = {
        "kind": Kind.objects.get(code="kien_nghi"),
        "field": Field.objects.get(code="giao_thong_ha_tang"),
        "channel": Channel.objects.get(code="to_cong_tac"),
        "mood": Mood.objects.get(code="buc_xuc"),
        "authority": Authority.objects.get(code="ubnd_xa"),
    }
    start = today - dt.timedelta(days=70)
    item = item_create(
        actor=system, unit=lechan, text=STORY["lechan"], observed_on=start, **taxonomy
    )
    rec = services.recommendation_register(actor=system, item=item)
    complainants.complainant_set(
        actor=system,
        rec=rec,
        name="Phan Văn Thịnh",
        phone="0904 112 358",
        address="Ngõ 12, tổ dân phố số 3",
    )
    wrong = Body.objects.get(unit=province, authority__code="so_xay_dung")
    ward = Body.objects.get(unit=lechan, authority__code="ubnd_xa")
    day = deadlines.add_working_days(start, 2)
    rec = services.recommendation_forward(actor=system, rec=rec, body=wrong, on=day)
    day = deadlines.add_working_days(day, 4)
    rec = services.recommendation_decline(actor=system, rec=rec, reason=DECLINE_REASONS[0], on=day)
    day = deadlines.add_working_days(day, 1)
    rec = services.recommendation_forward(actor=system, rec=rec, body=ward, on=day)
    # Before the ward answers, the city's desk receives the same grievance by letter.
    city_item = item_create(
        actor=system,
        unit=lechan,
        text=STORY["neighbour"],
        observed_on=deadlines.add_working_days(day, 3),
        reporting_unit=province,
        **(taxonomy | {"channel": Channel.objects.get(code="van_ban_bao_cao")}),
    )
    city_rec = services.recommendation_register(actor=system, item=city_item, owner=province)
    day = deadlines.add_working_days(day, 2)
    rec = services.recommendation_accept(actor=system, rec=rec, on=day)
    duplicates.recommendations_merge(actor=system, recs=[rec, city_rec])
    day = deadlines.add_working_days(day, 9)
    rec = services.recommendation_answer(
        actor=system,
        rec=rec,
        text="UBND phường đã yêu cầu đơn vị thi công hoàn trả mặt đường ngõ 12; đã thảm lại 120 m² và khơi thông rãnh thoát nước.",
        on=day,
    )
    day = deadlines.add_working_days(day, 3)
    rec = services.recommendation_close(actor=system, rec=rec, on=day)
    day = deadlines.add_working_days(day, 6)
    services.recommendation_reopen(
        actor=system,
        rec=rec,
        reason="Người dân phản ánh đoạn cuối ngõ vẫn đọng nước khi mưa lớn.",
        on=min(day, today),
    )
    log(f"Kiến nghị mẫu: #{rec.pk} (và #{city_rec.pk}, vượt cấp, đã gộp).")


def build_recommendations_demo(
    *,
    province: Unit,
    today: dt.date,
    rng: random.Random,
    password: str,
    log: Callable[[str], None] = print,
) -> int:
    system = system_actor()
    log("Danh bạ cơ quan có thẩm quyền và kiến nghị được theo dõi…")
    bodies.bodies_seed_defaults(actor=system, root=province)
    _contacts(province, system, password)
    wrong = Body.objects.filter(unit=province, authority__code="so_xay_dung").first()
    ids = list(
        Item.objects.filter(kind__code__in=services.KINDS, recommendation__isnull=True)
        .order_by("observed_on", "id")
        .values_list("id", flat=True)
    )
    step = max(1, len(ids) // FOLLOWED)
    chosen = ids[::step][:FOLLOWED]
    items = list(
        Item.objects.filter(pk__in=chosen)
        .select_related("kind", "authority", "unit", "reporting_unit")
        .order_by("observed_on", "id")
    )
    for item in items:
        rec = services.recommendation_register(actor=system, item=item)
        if rng.random() < 0.08:
            complainants.complainant_set(
                actor=system,
                rec=rec,
                name=rng.choice(
                    ["Nguyễn Văn An", "Trần Thị Bích", "Lê Văn Cường", "Phạm Thị Dung"]
                ),
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
            )
        _follow(rec, system, rng, today, wrong)
    _story(province, system, today, log)
    return len(items) + 2
