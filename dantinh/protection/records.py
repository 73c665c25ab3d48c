"""The records the law asks for, generated from the system's own configuration so that they
stay current: the register of processing activities and the personal-data processing
impact-assessment dossier (Law 91/2025/QH15 and Decree 356/2025/NĐ-CP; see
docs/data-protection.md for the articles).

Nothing here is typed by hand once and forgotten: the categories come from the lists (the
item fields and kinds, sensitive ones marked), the recipients from the roles of the policy
and the people who hold them, the retention from the retention rules, the safeguards from
the settings in force.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from dantinh.documents.model import ReportDocument, Section, Table
from dantinh.intake.models import Field, Kind
from dantinh.org import policies
from dantinh.org.models import Membership, Unit
from dantinh.protection import letters, retention
from dantinh.protection.models import JobStatus, KeyRotationJob, RetentionRule

# Item fields and kinds whose items reveal what Decree 356/2025/NĐ-CP, Art. 4 lists as
# sensitive: political views and religion, ethnic origin, health, offences.
SENSITIVE_FIELDS = {
    "ton_giao_tin_nguong": "tôn giáo, tín ngưỡng",
    "dan_toc": "nguồn gốc dân tộc",
    "xay_dung_dang_chinh_quyen": "quan điểm chính trị",
    "y_te": "tình trạng sức khỏe",
    "an_ninh_trat_tu": "hành vi vi phạm, tội phạm",
}
SENSITIVE_KINDS = {
    "tam_trang": "quan điểm, tư tưởng",
    "khieu_nai_to_cao": "nội dung khiếu nại, tố cáo",
}


@dataclass
class Category:
    name: str
    data: str
    subjects: str
    sensitive: str  # why it is sensitive; "" when basic
    retention: str
    where: str


def _retention_text(kind: str) -> str:
    rule = RetentionRule.objects.filter(kind=kind).first()
    if rule is None:
        return "—"
    if not rule.enabled:
        return f"{rule.keep_days} ngày {rule.counted_from} (chưa tự động xóa)"
    return f"{rule.keep_days} ngày {rule.counted_from}"


def categories() -> list[Category]:
    """The categories of personal data the deployment processes, from its configuration."""
    sensitive_fields = [
        f"{f.name} ({SENSITIVE_FIELDS[f.code]})"
        for f in Field.objects.filter(code__in=SENSITIVE_FIELDS, is_active=True)
    ]
    sensitive_kinds = [
        f"{k.name} ({SENSITIVE_KINDS[k.code]})"
        for k in Kind.objects.filter(code__in=SENSITIVE_KINDS, is_active=True)
    ]
    return [
        Category(
            "Nội dung thông tin tình hình",
            "Ý kiến, tâm trạng, kiến nghị của Nhân dân về các lĩnh vực; mô tả tình hình, "
            "không ghi danh tính cá nhân",
            "Người dân được phản ánh trong thông tin (gián tiếp)",
            "Có thể tiết lộ: " + "; ".join(sensitive_kinds + sensitive_fields),
            _retention_text(RetentionRule.Kind.ITEMS),
            "Cơ sở dữ liệu, bảng thông tin; chỉ mục tìm kiếm",
        ),
        Category(
            "Tệp đính kèm thông tin",
            "Ảnh, biên bản, văn bản kèm theo thông tin",
            "Người dân, cán bộ có trong tệp",
            "Có thể chứa hình ảnh giấy tờ tùy thân",
            _retention_text(RetentionRule.Kind.ATTACHMENTS),
            "Thư mục tệp tải lên",
        ),
        Category(
            "Danh tính người phản ánh, kiến nghị",
            "Họ tên, số điện thoại, số định danh cá nhân, địa chỉ (không bắt buộc)",
            "Người dân gửi kiến nghị, khiếu nại",
            "",
            _retention_text(RetentionRule.Kind.COMPLAINANT),
            "Cơ sở dữ liệu, mã hóa bằng khóa dữ liệu",
        ),
        Category(
            "Yêu cầu của chủ thể dữ liệu",
            "Họ tên, số điện thoại, số định danh, địa chỉ, nội dung yêu cầu và trả lời",
            "Người gửi yêu cầu về dữ liệu cá nhân",
            "",
            _retention_text(RetentionRule.Kind.REQUESTS),
            "Cơ sở dữ liệu, mã hóa bằng khóa dữ liệu",
        ),
        Category(
            "Tài khoản cán bộ sử dụng hệ thống",
            "Họ tên, tên đăng nhập, thư điện tử, đơn vị, vai trò, lịch sử đăng nhập",
            "Cán bộ, công chức sử dụng hệ thống",
            "",
            "Trong thời gian sử dụng; nhật ký kiểm toán giữ lâu dài (chỉ ghi thêm)",
            "Cơ sở dữ liệu; nhật ký kiểm toán",
        ),
        Category(
            "Nhật ký kiểm toán",
            "Ai, lúc nào, làm gì với đối tượng nào; giá trị thay đổi (mã hóa theo từng đối tượng)",
            "Cán bộ sử dụng; người dân (gián tiếp, qua giá trị đã mã hóa)",
            "",
            "Lâu dài; giá trị bị xóa (xóa khóa) khi đối tượng bị xóa",
            "Cơ sở dữ liệu, chuỗi băm không sửa được",
        ),
        Category(
            "Thông báo, thư nhắc việc",
            "Tên đơn vị, tên báo cáo; bản sao thư khi không có máy chủ thư",
            "Cán bộ nhận thông báo",
            "",
            _retention_text(RetentionRule.Kind.NOTIFICATIONS)
            + "; bản sao thư: "
            + _retention_text(RetentionRule.Kind.LOGS),
            "Cơ sở dữ liệu; thư mục var/mail",
        ),
    ]


ROLE_NAMES = dict(Membership.Role.choices)


def recipients() -> list[list]:
    """Who receives or sees personal data: each role, how many hold it, and what it may do
    with data (from the policy)."""
    held = dict(
        Membership.objects.filter(is_active=True, user__is_active=True)
        .values_list("role")
        .annotate(n=Count("user", distinct=True))
        .values_list("role", "n")
    )
    rows = []
    for role, actions in policies.ROLE_ACTIONS.items():
        reads = sorted(a for a in actions if a.endswith((".view", ".personal_request")))
        writes = sorted(a for a in actions if a not in reads)
        rows.append(
            [
                str(ROLE_NAMES.get(role, role)),
                held.get(role, 0),
                ", ".join(reads) or "—",
                ", ".join(writes) or "—",
            ]
        )
    return rows


def safeguards() -> list[str]:
    last = KeyRotationJob.objects.filter(status=JobStatus.DONE).order_by("-finished_at").first()
    return [
        "Mã hóa khi lưu trữ: danh tính, nội dung yêu cầu và giá trị nhật ký được mã hóa "
        f"(Fernet: AES-128-CBC, HMAC-SHA256) bằng {len(settings.DATA_KEYS)} khóa dữ liệu đang "
        "dùng; khóa không lưu trong cơ sở dữ liệu hay bản sao lưu."
        + (
            f" Đổi khóa lần gần nhất: {timezone.localtime(last.finished_at):%d/%m/%Y}."
            if last and last.finished_at
            else " Chưa đổi khóa lần nào."
        ),
        "Mã hóa khi truyền: "
        + (
            "chuyển hướng HTTPS và HSTS đang bật."
            if getattr(settings, "SECURE_SSL_REDIRECT", False)
            else "cần đặt máy chủ sau proxy TLS (chế độ nhúng không bật HTTPS)."
        ),
        "Phân quyền theo cây đơn vị: mỗi người chỉ thấy dữ liệu của các đơn vị mình phụ "
        "trách; danh tính người phản ánh chỉ hiện cho người giải quyết, mỗi lần xem đều ghi "
        "nhật ký.",
        "Đăng nhập hai bước cho lãnh đạo và quản trị: "
        + ("bắt buộc." if settings.DANTINH_REQUIRE_2FA else "đang tắt (cần bật)."),
        f"Khóa tài khoản sau {settings.AXES_FAILURE_LIMIT} lần nhập sai mật khẩu; "
        f"phiên làm việc kết thúc sau {settings.SESSION_COOKIE_AGE // 60} phút không thao tác.",
        "Nhật ký kiểm toán chỉ ghi thêm, nối chuỗi băm (kiểm tra bằng `dantinh audit verify`).",
        "Xóa thật khi hết thời hạn lưu giữ (lượt xóa hằng đêm), kể cả tệp, chỉ mục tìm kiếm "
        "và giá trị trong nhật ký.",
        "Xuất tệp và báo cáo tổng hợp không bao giờ chứa danh tính người phản ánh.",
    ]


PURPOSES = [
    "Nắm bắt tình hình Nhân dân phục vụ lãnh đạo, chỉ đạo của cấp ủy, chính quyền (xử lý "
    "không cần sự đồng ý theo quy định đối với cơ quan Đảng, Nhà nước, kèm các biện pháp bảo "
    "vệ).",
    "Theo dõi, đôn đốc giải quyết kiến nghị, vụ việc đến khi giải quyết xong và trả lời người "
    "phản ánh.",
    "Tổng hợp báo cáo định kỳ, đột xuất theo chế độ báo cáo (không chứa dữ liệu cá nhân).",
    "Giải quyết yêu cầu của chủ thể dữ liệu; ghi nhận và thông báo vi phạm.",
]


def _controller() -> Unit | None:
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def _category_table(rows: list[Category]) -> Table:
    return Table(
        columns=["Loại dữ liệu", "Nội dung", "Chủ thể", "Nhạy cảm", "Thời hạn lưu giữ"],
        rows=[[c.name, c.data, c.subjects, c.sensitive or "Không", c.retention] for c in rows],
    )


def _recipient_table() -> Table:
    return Table(
        columns=["Vai trò", "Số người", "Được xem", "Được làm"],
        rows=recipients(),
        caption="Theo phân quyền đang áp dụng",
    )


def _retention_table() -> Table:
    return Table(
        columns=["Loại dữ liệu", "Thời hạn (ngày)", "Tính từ", "Lý do", "Tự động xóa"],
        rows=[
            [
                r.get_kind_display(),
                r.keep_days,
                r.counted_from,
                r.basis,
                "Có" if r.enabled else "Không",
            ]
            for r in retention.rules()
        ],
    )


def register_document() -> ReportDocument:
    """The register of processing activities (sổ ghi nhận hoạt động xử lý dữ liệu cá nhân)."""
    cats = categories()
    sections = [
        Section("Mục đích xử lý", bullets=list(PURPOSES)),
        Section(
            "Các loại dữ liệu cá nhân được xử lý",
            paragraphs=["Các loại có dữ liệu cá nhân nhạy cảm được ghi rõ ở cột “Nhạy cảm”."],
            tables=[_category_table(cats)],
        ),
        Section("Người nhận, người được tiếp cận", tables=[_recipient_table()]),
        Section("Thời hạn lưu giữ và xóa", tables=[_retention_table()]),
        Section("Biện pháp bảo vệ", bullets=safeguards()),
        Section(
            "Chuyển dữ liệu ra nước ngoài",
            paragraphs=["Không có: hệ thống chạy trong mạng nội bộ, không dùng dịch vụ bên ngoài."],
        ),
    ]
    return _document("Ghi nhận các hoạt động xử lý dữ liệu cá nhân", sections)


def impact_assessment_document() -> ReportDocument:
    """The personal-data processing impact-assessment dossier (hồ sơ đánh giá tác động xử lý
    dữ liệu cá nhân)."""
    cats = categories()
    sensitive = [c for c in cats if c.sensitive]
    sections = [
        Section(
            "Thông tin về bên kiểm soát và xử lý dữ liệu",
            paragraphs=[
                f"{_controller_name()} là bên kiểm soát và xử lý dữ liệu cá nhân trong hệ thống "
                "thông tin nắm bắt tình hình Nhân dân (dantinh), triển khai trong mạng nội bộ."
            ],
        ),
        Section("Mục đích xử lý", bullets=list(PURPOSES)),
        Section(
            "Loại dữ liệu cá nhân được xử lý",
            paragraphs=[
                f"Có {len(sensitive)} loại dữ liệu có thể chứa dữ liệu cá nhân nhạy cảm: "
                + "; ".join(c.name for c in sensitive)
                + "."
            ],
            tables=[_category_table(cats)],
        ),
        Section("Người được tiếp cận dữ liệu", tables=[_recipient_table()]),
        Section("Thời hạn xử lý, lưu giữ và xóa", tables=[_retention_table()]),
        Section(
            "Đánh giá rủi ro",
            bullets=[
                "Lộ danh tính người phản ánh dẫn đến bị trù dập, gây áp lực: giảm thiểu bằng mã "
                "hóa, chỉ hiện cho người giải quyết, ghi nhật ký mỗi lần xem, không xuất ra báo cáo.",
                "Lập hồ sơ về cá nhân theo quan điểm, niềm tin: hệ thống không có chức năng nào "
                "tổng hợp thông tin theo cá nhân; thông tin mô tả tình hình, không mô tả người.",
                "Truy cập trái phép do lộ mật khẩu: đăng nhập hai bước, khóa tài khoản, phiên "
                "ngắn, phân quyền theo cây đơn vị.",
                "Mất dữ liệu: sao lưu mã hóa, khóa giữ riêng khỏi bản sao lưu, diễn tập khôi phục.",
                "Vi phạm dữ liệu: ghi nhận, thông báo trong 72 giờ, nhắc người phụ trách.",
            ],
        ),
        Section("Biện pháp bảo vệ", bullets=safeguards()),
    ]
    return _document("Đánh giá tác động xử lý dữ liệu cá nhân", sections)


def _controller_name() -> str:
    root = _controller()
    return root.full_name or root.name if root else "Cơ quan"


def _document(summary: str, sections: list[Section]) -> ReportDocument:
    root = _controller()
    if root is None:
        return ReportDocument(
            superior_body="",
            issuing_body="",
            number="",
            place="",
            date=timezone.localdate(),
            doc_type="HỒ SƠ",
            summary=summary,
            sections=sections,
        )
    doc = letters.document(
        root, doc_type="HỒ SƠ", summary=summary, sections=sections, number_kind="HS"
    )
    doc.recipients = ["- Lưu VT."]
    return doc
