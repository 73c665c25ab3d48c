"""The demo's complex incidents: two cases at each risk level, with their timelines, opened,
followed and raised by the demo's accounts through the case services (so that leadership's
notices, the ad-hoc report of a hotspot and the audit trail are what the product makes).

The situations are written for the demo; places are real units of Hải Phòng, the events are
not real."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from dantinh.cases import services
from dantinh.cases.models import Case, Risk
from dantinh.intake.models import Field, Item
from dantinh.org import paths
from dantinh.org.models import Unit
from dantinh.recommendations.models import Body
from dantinh.reporting.periods import TZ


@dataclass
class Step:
    """Days before today, then either a development (text) or a risk change (level, reason)."""

    days_ago: int
    text: str = ""
    level: str = ""
    report: bool = False  # ask the units concerned for an ad-hoc report with this raise


@dataclass
class Story:
    title: str
    actor: str
    unit: str  # the unit following the case: "city" or a commune's full name
    place: str  # a commune's full name, or "village" for the first village of `unit`
    field: str
    opened_days_ago: int
    situation: str
    origin: str
    causes: str
    mood_impact: str
    resolution: str = ""
    direction: str = ""
    scale: int | None = None
    level: str = Risk.LATENT
    reason: str = ""
    involved: list[str] = field(default_factory=list)
    others: str = ""
    # Competent bodies involved, by authority code: the commune's committee, the city's others.
    bodies: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)


STORIES = [
    Story(
        title="Công nhân một doanh nghiệp may trong khu công nghiệp ngừng việc tập thể",
        actor="tonghop",
        unit="city",
        place="Phường Đông Hải",
        field="lao_dong_viec_lam",
        opened_days_ago=41,
        situation=(
            "Khoảng 1.200 công nhân của một doanh nghiệp may xuất khẩu trong khu công nghiệp "
            "ngừng việc từ sáng, tập trung tại cổng nhà máy, yêu cầu trả lương tháng trước và "
            "công khai việc đóng bảo hiểm xã hội."
        ),
        origin="Doanh nghiệp chậm trả lương hai tháng liên tiếp, nợ bảo hiểm xã hội từ đầu năm.",
        causes=(
            "Đơn hàng giảm, doanh nghiệp thiếu vốn lưu động; việc thông tin cho người lao động "
            "không kịp thời; công đoàn cơ sở chưa phát huy vai trò đại diện."
        ),
        mood_impact=(
            "Công nhân lo lắng mất việc, bức xúc vì không được giải thích; dư luận trên mạng xã "
            "hội lan nhanh, một số tài khoản kêu gọi công nhân các nhà máy lân cận cùng ngừng việc."
        ),
        direction=(
            "Liên đoàn Lao động thành phố chủ trì đối thoại giữa doanh nghiệp và người lao động; "
            "đề nghị doanh nghiệp cam kết lộ trình trả lương, đóng bảo hiểm; lực lượng công an "
            "nắm tình hình, không để phần tử xấu kích động."
        ),
        scale=1200,
        involved=["Liên đoàn Lao động thành phố", "Công an thành phố"],
        others="Ban Quản lý khu kinh tế; doanh nghiệp may",
        bodies=["ubnd_xa", "so_noi_vu", "bhxh"],
        steps=[
            Step(
                34, "Công nhân bàn tán về việc chậm lương; công đoàn cơ sở đã kiến nghị giám đốc."
            ),
            Step(
                26,
                level=Risk.LIKELY,
                text="Hàng trăm công nhân ký đơn tập thể, đe dọa ngừng việc nếu không được trả lương.",
            ),
            Step(
                19,
                "Liên đoàn Lao động thành phố làm việc với doanh nghiệp; doanh nghiệp hứa trả 50% lương.",
            ),
            Step(
                6,
                level=Risk.HOTSPOT,
                text="Công nhân ngừng việc tập thể, tụ tập tại cổng nhà máy; có người livestream kêu gọi.",
                report=True,
            ),
            Step(4, "Tổ chức đối thoại lần 1; doanh nghiệp chưa đưa ra được lộ trình cụ thể."),
            Step(2, "Khoảng một nửa số công nhân đã trở lại làm việc ca chiều."),
        ],
    ),
    Story(
        title="Hộ dân khu chung cư cũ phản đối phương án bồi thường, tái định cư",
        actor="bdv.lechan",
        unit="Phường Lê Chân",
        place="village",
        field="dat_dai",
        opened_days_ago=72,
        level=Risk.LIKELY,
        reason="Hơn 80 hộ ký đơn tập thể gửi nhiều cơ quan, đề nghị đối thoại với lãnh đạo thành phố.",
        situation=(
            "Các hộ dân tại khu chung cư cũ thuộc diện cải tạo không đồng ý hệ số bồi thường và "
            "vị trí bố trí tái định cư; nhiều lần tập trung tại trụ sở phường."
        ),
        origin="Dự án cải tạo, xây dựng lại chung cư cũ được phê duyệt phương án bồi thường đầu năm.",
        causes=(
            "Hệ số bồi thường thấp hơn kỳ vọng của người dân; chưa công khai đầy đủ cách tính; "
            "một số hộ có diện tích cơi nới không được tính."
        ),
        mood_impact=(
            "Người dân bức xúc, thiếu tin tưởng vào chủ đầu tư; một số hộ tuyên bố không bàn giao "
            "mặt bằng; tâm lý chờ đợi lan sang các khu chung cư khác."
        ),
        direction=(
            "Phường phối hợp chủ đầu tư tổ chức đối thoại, công khai cách tính bồi thường; kiến "
            "nghị thành phố xem xét hệ số cho các hộ tầng 1."
        ),
        scale=86,
        involved=["Ủy ban MTTQ Việt Nam phường lê chân", "Công an phường lê chân"],
        others="Chủ đầu tư dự án",
        bodies=["ubnd_xa", "so_xay_dung"],
        steps=[
            Step(60, "Đối thoại lần 1 tại nhà văn hóa; người dân yêu cầu công khai đơn giá."),
            Step(45, "Chủ đầu tư công bố bảng tính bồi thường chi tiết của từng hộ."),
            Step(
                12,
                level=Risk.HOTSPOT,
                text="Khoảng 50 người căng băng rôn trước công trình, ngăn xe thi công vào khu đất.",
            ),
            Step(9, "Ủy ban MTTQ phường cử cán bộ gặp từng hộ, ghi nhận ý kiến."),
        ],
    ),
    Story(
        title="Tiểu thương phản đối việc di dời sang chợ tạm",
        actor="chuyenvien",
        unit="Phường Ngô Quyền",
        place="Phường Ngô Quyền",
        field="kinh_te_doanh_nghiep",
        opened_days_ago=21,
        situation=(
            "Tiểu thương chợ dân sinh phản đối việc di dời sang chợ tạm để xây dựng lại chợ; nhiều "
            "hộ tiếp tục bày bán tại vỉa hè quanh chợ cũ."
        ),
        origin="Kế hoạch xây dựng lại chợ được thông báo trước ngày di dời một tháng.",
        causes="Chợ tạm xa khu dân cư, ít khách; mức phí thuê ki-ốt mới chưa được công bố.",
        mood_impact="Tiểu thương lo mất khách, giảm thu nhập; người dân quanh chợ đồng tình với tiểu thương.",
        direction="Đề nghị phường công bố mức phí, lộ trình xây dựng; xem xét hỗ trợ tiểu thương trong thời gian ở chợ tạm.",
        scale=240,
        steps=[
            Step(14, "Ban quản lý chợ họp với đại diện tiểu thương; chưa thống nhất."),
            Step(
                4,
                level=Risk.LIKELY,
                text="Tiểu thương ký đơn tập thể và tuyên bố đóng cửa hàng loạt vào cuối tuần.",
            ),
        ],
    ),
    Story(
        title="Mùi hôi từ trạm trung chuyển rác gây bức xúc kéo dài",
        actor="bdv.lechan",
        unit="Phường Lê Chân",
        place="village",
        field="moi_truong",
        opened_days_ago=52,
        situation="Người dân quanh trạm trung chuyển rác phản ánh mùi hôi, nước rỉ rác chảy ra đường vào buổi tối.",
        origin="Trạm trung chuyển quá tải từ khi nhận thêm rác của khu đô thị mới.",
        causes="Xe thu gom đến muộn, rác lưu qua đêm; hệ thống thu nước rỉ rác hỏng.",
        mood_impact="Người dân bức xúc, nhiều lần chặn xe chở rác; các hộ kinh doanh ăn uống lân cận giảm khách.",
        direction="Công ty môi trường điều chỉnh giờ thu gom, sửa hệ thống thu nước rỉ; phường giám sát hằng tuần.",
        resolution="Đối thoại giữa người dân, phường và công ty môi trường; thống nhất lịch thu gom mới.",
        scale=300,
        others="Công ty môi trường đô thị",
        bodies=["ubnd_xa", "so_nong_nghiep_moi_truong"],
        steps=[
            Step(
                31,
                level=Risk.HOTSPOT,
                text="Khoảng 60 người dân chặn xe chở rác vào trạm từ 21 giờ đến nửa đêm.",
            ),
            Step(24, "Đối thoại tại phường, công ty cam kết không để rác tồn qua đêm."),
            Step(
                10,
                level=Risk.LIKELY,
                text="Hai tuần liền rác được thu gom trong ngày; người dân không còn chặn xe.",
            ),
        ],
    ),
    Story(
        title="Tranh chấp mặt nước nuôi trồng thủy sản ven biển",
        actor="tonghop",
        unit="city",
        place="Xã Tiên Lãng",
        field="nong_nghiep",
        opened_days_ago=16,
        situation="Một số hộ nuôi trồng thủy sản tranh chấp ranh giới đầm nuôi sau khi đo đạc lại diện tích giao khoán.",
        origin="Đo đạc lại diện tích mặt nước giao khoán phục vụ gia hạn hợp đồng.",
        causes="Hồ sơ giao khoán cũ không có sơ đồ; mốc giới bị xói lở.",
        mood_impact="Các hộ băn khoăn về quyền lợi khi gia hạn hợp đồng; chưa có biểu hiện tụ tập.",
        direction="Xã tổ chức hòa giải, cắm lại mốc giới có sự chứng kiến của các hộ.",
        scale=14,
        steps=[Step(9, "Xã mời các hộ hòa giải lần 1, hai hộ chưa đồng ý.")],
    ),
    Story(
        title="Lo ngại về tiến độ chi trả bồi thường đoạn đường cao tốc",
        actor="tonghop",
        unit="city",
        place="Xã An Hưng",
        field="dat_dai",
        opened_days_ago=9,
        situation="Người dân có đất thu hồi cho đường cao tốc hỏi nhiều về thời điểm nhận tiền bồi thường đợt 2.",
        origin="Đợt 2 chi trả chậm so với thông báo ban đầu.",
        causes="Hồ sơ một số thửa đất còn vướng xác minh nguồn gốc.",
        mood_impact="Người dân băn khoăn, chờ đợi; chưa có đơn thư.",
        direction="Đề nghị xã thông báo công khai lịch chi trả và danh sách hồ sơ còn thiếu.",
        steps=[Step(3, "Xã niêm yết danh sách các hộ còn thiếu hồ sơ tại nhà văn hóa thôn.")],
    ),
    Story(
        title="Khiếu nại đông người về giá đất bồi thường dự án đường ven sông",
        actor="tonghop",
        unit="city",
        place="Phường Hải An",
        field="dat_dai",
        opened_days_ago=150,
        level=Risk.LIKELY,
        reason="Hơn 100 hộ cùng ký đơn khiếu nại, có kế hoạch kéo lên trụ sở thành phố.",
        situation="Các hộ có đất thu hồi cho dự án đường ven sông khiếu nại giá đất cụ thể dùng để bồi thường.",
        origin="Giá đất cụ thể được phê duyệt thấp hơn giá giao dịch thực tế trong khu vực.",
        causes="Thời điểm định giá cách xa thời điểm chi trả; thông tin về cách định giá chưa đến được người dân.",
        mood_impact="Người dân bức xúc lúc đầu; sau khi được giải thích và điều chỉnh, đa số đồng tình.",
        direction="Thành phố giao rà soát, xác định lại giá đất cụ thể theo thời điểm chi trả.",
        resolution=(
            "Thành phố phê duyệt điều chỉnh giá đất cụ thể; các hộ được chi trả phần chênh lệch; "
            "đối thoại công khai tại phường; 98/104 hộ rút đơn, 6 hộ được hướng dẫn khởi kiện."
        ),
        scale=104,
        involved=["Ủy ban nhân dân thành phố"],
        bodies=["ubnd_tinh", "so_nong_nghiep_moi_truong", "thanh_tra"],
        steps=[
            Step(
                121,
                level=Risk.HOTSPOT,
                text="Khoảng 70 người kéo đến trụ sở tiếp công dân thành phố.",
            ),
            Step(110, "Lãnh đạo thành phố tiếp công dân, giao rà soát giá đất."),
            Step(
                88, level=Risk.LIKELY, text="Kết quả rà soát được công bố; người dân chờ phê duyệt."
            ),
            Step(52, "Quyết định điều chỉnh giá đất cụ thể được ban hành."),
            Step(
                44,
                level=Risk.RESOLVED,
                text="Chi trả xong phần chênh lệch; đa số các hộ rút đơn khiếu nại.",
            ),
        ],
    ),
    Story(
        title="Tranh chấp lối đi chung giữa các hộ trong tổ dân phố",
        actor="bdv.lechan",
        unit="Phường Lê Chân",
        place="village",
        field="xay_dung_quy_hoach",
        opened_days_ago=101,
        situation="Hai nhóm hộ tranh chấp lối đi chung sau khi một hộ xây tường rào lấn ra ngõ.",
        origin="Một hộ xây lại nhà, dựng tường rào theo ranh giới trên giấy chứng nhận cũ.",
        causes="Ranh giới trên hồ sơ cũ không khớp hiện trạng sử dụng nhiều năm.",
        mood_impact="Mâu thuẫn giữa các hộ kéo dài, ảnh hưởng tình làng nghĩa xóm.",
        direction="Tổ hòa giải cơ sở chủ trì, phường đo đạc hiện trạng.",
        resolution="Hòa giải thành tại tổ dân phố; hộ xây tường rào lùi lại, các hộ cùng góp tiền lát lại ngõ.",
        scale=12,
        steps=[
            Step(88, "Tổ hòa giải gặp các hộ, lần 1 chưa thành."),
            Step(70, "Phường đo đạc hiện trạng ngõ có mặt các hộ."),
            Step(61, level=Risk.RESOLVED, text="Hòa giải thành, các bên ký biên bản."),
        ],
    ),
]

REASONS = {
    Risk.LIKELY: "Diễn biến phức tạp hơn, có nguy cơ tụ tập đông người.",
    Risk.HOTSPOT: "Đã xảy ra tụ tập đông người, có dấu hiệu kích động; cần tập trung chỉ đạo.",
    Risk.LATENT: "Tình hình đã lắng dịu sau đối thoại, tiếp tục theo dõi.",
    Risk.RESOLVED: "Vụ việc đã được giải quyết dứt điểm, các bên thống nhất.",
}


def build_cases_demo(
    *, province: Unit, today: dt.date | None = None, log: Callable[[str], None] = print
) -> int:
    """The demo's cases; nothing when they exist already. Returns how many were opened."""
    if Case.objects.exists():
        return 0
    with transaction.atomic():
        return _build_all(province=province, today=today or timezone.localdate(), log=log)


def _build_all(*, province: Unit, today: dt.date, log: Callable[[str], None]) -> int:
    log("Vụ việc phức tạp, điểm nóng…")
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in={s.actor for s in STORIES})
    }
    count = 0
    for story in STORIES:
        if story.actor not in users:
            continue
        _build(story, province=province, actor=users[story.actor], today=today)
        count += 1
    log(f"Đã tạo {count} vụ việc.")
    return count


def _unit(province: Unit, name: str) -> Unit:
    return Unit.objects.get(parent=province, full_name=name, valid_to__isnull=True)


def _named(province: Unit, unit: Unit, names: list[str]) -> list[Unit]:
    """Bodies by name, beside the unit following the case or at the city (case-insensitive)."""
    wanted = {n.lower() for n in names}
    near = Unit.objects.filter(parent_id__in=[province.pk, unit.pk], valid_to__isnull=True)
    return [u for u in near if u.full_name.lower() in wanted]


def _bodies(province: Unit, place: Unit, codes: list[str]) -> list[Body]:
    """The directory's bodies by authority code: the place's commune committee for
    "ubnd_xa", the city's for the others (none when the directory has not been seeded)."""
    commune_id = paths.ids_in_path(place.path)[min(1, place.depth)]
    found = []
    for code in codes:
        unit_id = commune_id if code == "ubnd_xa" else province.pk
        body = Body.objects.filter(authority__code=code, unit_id=unit_id, is_active=True).first()
        if body is not None:
            found.append(body)
    return found


def _build(story: Story, *, province: Unit, actor, today: dt.date) -> Case:
    unit = province if story.unit == "city" else _unit(province, story.unit)
    if story.place == "village":
        # a village or residential group of today, not a former commune merged into it
        villages = unit.children.filter(kind=Unit.Kind.TERRITORIAL, valid_to__isnull=True)
        place = villages.exclude(level__code="xa").order_by("path").first() or unit
    else:
        place = _unit(province, story.place)
    case = services.case_create(
        actor=actor,
        unit=unit,
        place=place,
        title=story.title,
        situation=story.situation,
        opened_on=today - dt.timedelta(days=story.opened_days_ago),
        level=story.level,
        reason=story.reason,
        field=Field.objects.filter(code=story.field).first(),
        origin=story.origin,
        causes=story.causes,
        mood_impact=story.mood_impact,
        direction=story.direction,
        resolution=story.resolution,
        scale=story.scale,
        involved_units=_named(province, unit, story.involved),
        involved_others=story.others,
        involved_bodies=_bodies(province, place, story.bodies),
        items=list(
            Item.objects.filter(
                paths.subtree_q("unit_path", [place.path]), field__code=story.field
            ).order_by("-observed_on", "-id")[:3]
        ),
    )
    for step in story.steps:
        day = today - dt.timedelta(days=step.days_ago)
        if step.text:
            services.development_add(actor=actor, case=case, happened_on=day, text=step.text)
        if step.level:
            report = None
            if step.report:
                # due three days from the real moment of building, whatever `today` says
                soon = timezone.now().astimezone(TZ).date() + dt.timedelta(days=3)
                due = dt.datetime.combine(soon, dt.time(17, 0), tzinfo=TZ)
                report = services.ReportAsk(due_at=due)
            with _entered_on(day):
                services.case_change_risk(
                    actor=actor,
                    case=case,
                    level=step.level,
                    reason=REASONS[step.level],
                    on=day,
                    report=report,
                )
    return case


@contextlib.contextmanager
def _entered_on(day: dt.date):
    """The demo writes months of history at once; each risk change is entered as the desk
    entered it on the day it happened (news then, told at once), not recorded after the fact
    today (`cases.risk.recorded_late`)."""
    moment = dt.datetime.combine(day, dt.time(9, 0), tzinfo=TZ)
    with mock.patch.object(timezone, "now", return_value=moment):
        yield
