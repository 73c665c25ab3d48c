"""The shipped defaults: deadline rules (from the laws, see docs/recommendations.md) and a few
reply templates. Put in place by a data migration; a deployment edits them afterwards."""

from __future__ import annotations

REPLY_TEMPLATES = [
    (
        "Đã giải quyết",
        "Qua kiểm tra, xác minh, {body} đã giải quyết nội dung kiến nghị: ...\n"
        "Kết quả cụ thể: ...\nĐề nghị Ban Dân vận thông tin đến Nhân dân được biết.",
    ),
    (
        "Giải thích chính sách",
        "Nội dung kiến nghị đã được {body} xem xét. Theo quy định hiện hành (...), "
        "việc ... được thực hiện như sau: ...\nĐề nghị tuyên truyền, giải thích để Nhân dân hiểu, "
        "đồng thuận.",
    ),
    (
        "Đã đưa vào kế hoạch",
        "{body} ghi nhận kiến nghị và đã đưa nội dung ... vào kế hoạch năm ..., "
        "dự kiến hoàn thành trong ...",
    ),
    (
        "Trả lời đơn khiếu nại, tố cáo",
        "Ngày ..., {body} đã ban hành Quyết định/Kết luận số ... giải quyết nội dung đơn. "
        "Kết quả: ...",
    ),
]


def seed(apps=None) -> None:
    from dantinh.recommendations import deadlines

    deadlines.seed(apps)
    model = apps.get_model("recommendations", "ReplyTemplate") if apps else None
    if model is None:
        from dantinh.recommendations.models import ReplyTemplate as model  # type: ignore[no-redef]
    if model.objects.exists():
        return
    for order, (name, text) in enumerate(REPLY_TEMPLATES, start=1):
        model.objects.create(name=name, text=text, order=order)
