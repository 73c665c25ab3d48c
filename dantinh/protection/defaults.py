"""The shipped defaults of data protection, put in place by migrations (and read by them with
historical models, so nothing here imports a model)."""

from __future__ import annotations

# The shipped periods (migration 0002 puts them in place; administrators change them).
# Each: kind -> (days, counted from, reason).
RETENTION: dict[str, tuple[int, str, str]] = {
    "complainant": (
        5 * 365,
        "sau khi kiến nghị, vụ việc liên quan được giải quyết xong",
        "Chỉ giữ danh tính người phản ánh trong thời gian cần để giải quyết và trả lời; "
        "sau đó xóa (Luật 91/2025/QH15, Điều 14).",
    ),
    "items": (
        10 * 365,
        "sau ngày ghi nhận thông tin",
        "Thông tin tình hình phục vụ tổng hợp, so sánh nhiều năm; quá thời hạn thì xóa hẳn.",
    ),
    "attachments": (
        5 * 365,
        "sau ngày tải tệp lên",
        "Tệp đính kèm có thể chứa hình ảnh, giấy tờ của cá nhân: giữ ngắn hơn nội dung thông tin.",
    ),
    "import_files": (
        30,
        "sau ngày nhập",
        "Bảng tính đã nhập xong không còn cần: nội dung đã nằm trong các thông tin.",
    ),
    "exports": (
        7,
        "sau khi tạo tệp",
        "Tệp xuất ra chỉ để người yêu cầu tải về.",
    ),
    "notifications": (
        365,
        "sau khi gửi",
        "Thông báo trong ứng dụng chỉ có giá trị nhắc việc.",
    ),
    "logs": (
        90,
        "sau ngày ghi",
        "Bản sao thư điện tử và nhật ký kỹ thuật trên máy chủ (không phải nhật ký kiểm toán, "
        "vốn chỉ ghi thêm và không xóa được).",
    ),
    "requests": (
        5 * 365,
        "sau khi yêu cầu được trả lời",
        "Sổ yêu cầu của chủ thể dữ liệu được giữ làm bằng chứng tuân thủ; danh tính người yêu "
        "cầu thì xóa sau thời hạn này.",
    ),
}


def seed_retention(model) -> int:
    """Put the shipped rules in place where none exists (idempotent); `model` is
    RetentionRule, or its historical version in a migration."""
    made = 0
    for kind, (days, counted_from, basis) in RETENTION.items():
        _rule, created = model.objects.get_or_create(
            kind=kind, defaults={"keep_days": days, "counted_from": counted_from, "basis": basis}
        )
        made += int(created)
    return made


# Time limits of data subjects' requests: step -> (days, working days?, basis). Decree
# 356/2025/NĐ-CP has the controller answer a request within 2 working days and carry it out
# within 10 to 20 days depending on the request, extendable once by up to 15 days; the exact
# day counts per kind below are our reading of it and are data: check them against the text
# in force and correct them on the Requests page (docs/data-protection.md says the same).
TIME_LIMITS: dict[str, tuple[int, bool, str]] = {
    "acknowledge": (2, True, "Nghị định 356/2025/NĐ-CP: phản hồi trong 02 ngày làm việc"),
    "access": (10, False, "Luật 91/2025/QH15, Điều 4; Nghị định 356/2025/NĐ-CP (cần đối chiếu)"),
    "correction": (
        10,
        False,
        "Luật 91/2025/QH15, Điều 4; Nghị định 356/2025/NĐ-CP (cần đối chiếu)",
    ),
    "deletion": (
        20,
        False,
        "Luật 91/2025/QH15, Điều 4, Điều 14; Nghị định 356/2025/NĐ-CP (cần đối chiếu)",
    ),
    "objection": (
        15,
        False,
        "Luật 91/2025/QH15, Điều 4; Nghị định 356/2025/NĐ-CP: dừng xử lý trong 15 ngày",
    ),
    "extension": (15, False, "Nghị định 356/2025/NĐ-CP: gia hạn một lần, tối đa 15 ngày"),
}


def seed_time_limits(model) -> int:
    made = 0
    for step, (days, working, basis) in TIME_LIMITS.items():
        _row, created = model.objects.get_or_create(
            step=step, defaults={"days": days, "working_days": working, "basis": basis}
        )
        made += int(created)
    return made
