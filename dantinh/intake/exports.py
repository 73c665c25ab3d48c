"""Items as a spreadsheet. Items carry no personal data, so an export never holds any."""

from __future__ import annotations

import io

from django.db.models import QuerySet
from openpyxl import Workbook

EXPORT_CAP = 100_000
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


def items_xlsx(items: QuerySet) -> tuple[bytes, int]:
    """(xlsx bytes, row count) of at most EXPORT_CAP items, streamed from the database."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Thông tin")
    ws.append(HEADERS)
    rows = 0
    qs = items.select_related("unit", "reporting_unit", "kind", "field", "mood", "channel")
    for item in qs[:EXPORT_CAP].iterator(chunk_size=2000):
        ws.append(
            [
                item.observed_on.strftime("%d/%m/%Y"),
                item.unit.full_name,
                item.unit.code,
                item.reporting_unit.full_name,
                item.kind.name,
                item.field.name,
                item.mood.name if item.mood else "",
                item.channel.name,
                item.text,
                item.scale,
                item.get_verification_display(),
                item.source_url,
            ]
        )
        rows += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), rows
