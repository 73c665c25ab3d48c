"""A realistic report for the tests and for looking at the output (monthly situation report of
a city mass-mobilisation commission, as in the seeds)."""

from __future__ import annotations

import datetime as dt

from dantinh.documents.model import ReportDocument, Section, Signature, Table


def sample_report(**overrides) -> ReportDocument:
    values = dict(
        superior_body="Thành ủy Hải Phòng",
        issuing_body="Ban Dân vận",
        number="Số 125-BC/BDVTU",
        place="Hải Phòng",
        date=dt.date(2026, 11, 5),
        doc_type="Báo cáo",
        summary="Tình hình Nhân dân tháng 10 năm 2026",
        preamble=(
            "Thực hiện Hướng dẫn của Ban Dân vận Thành ủy về công tác nắm bắt tình hình Nhân "
            "dân, Ban Dân vận Thành ủy báo cáo tình hình Nhân dân tháng 10 năm 2026 như sau:"
        ),
        sections=[
            Section(
                title="Tình hình chung",
                paragraphs=[
                    "Trong tháng, tình hình Nhân dân trên địa bàn thành phố cơ bản ổn định; "
                    "Nhân dân phấn khởi, tin tưởng vào sự lãnh đạo của Đảng, sự quản lý, điều "
                    "hành của chính quyền các cấp; tích cực hưởng ứng các phong trào thi đua "
                    "yêu nước, các cuộc vận động do Mặt trận Tổ quốc và các đoàn thể phát động.",
                    "Các cấp đã tiếp nhận 1.284 thông tin phản ánh tình hình Nhân dân, tăng "
                    "12,5% so với tháng trước; trong đó có 214 kiến nghị, bức xúc cần giải quyết.",
                ],
                tables=[
                    Table(
                        caption="Bảng 1. Thông tin tiếp nhận theo lĩnh vực",
                        columns=["Lĩnh vực", "Tháng 9/2026", "Tháng 10/2026", "Tăng, giảm (%)"],
                        rows=[
                            ["Đất đai, giải phóng mặt bằng", 312, 348, 11.54],
                            ["Môi trường", 150, 187, 24.67],
                            ["Giá cả, việc làm, thu nhập", 201, 236, 17.41],
                            ["Y tế, giáo dục", 143, 139, -2.8],
                            ["Tín ngưỡng, tôn giáo", 58, 61, 5.17],
                            ["Khác", 277, 313, 13.0],
                            ["Tổng số", 1141, 1284, 12.53],
                        ],
                    )
                ],
            ),
            Section(
                title="Tâm trạng, tư tưởng, dư luận của Nhân dân",
                paragraphs=[
                    "Nhân dân phấn khởi trước kết quả phát triển kinh tế - xã hội của thành "
                    "phố; đồng tình với chủ trương sắp xếp đơn vị hành chính cấp xã.",
                ],
                bullets=[
                    "Một bộ phận Nhân dân băn khoăn về giá một số mặt hàng thiết yếu tăng.",
                    "Người lao động tại các khu công nghiệp lo lắng về việc làm cuối năm.",
                ],
            ),
            Section(
                title="Kiến nghị, đề xuất",
                bullets=[
                    "Đề nghị Ủy ban nhân dân thành phố chỉ đạo đẩy nhanh tiến độ giải quyết "
                    "các kiến nghị về bồi thường, hỗ trợ tái định cư.",
                ],
            ),
        ],
        recipients=[
            "- Thường trực Thành ủy,",
            "- Ban Dân vận Trung ương,",
            "- Lãnh đạo Ban,",
            "- Lưu BDVTU.",
        ],
        signature=Signature(
            authority="K/T Trưởng ban", position="Phó Trưởng ban", name="Trần Minh Hằng"
        ),
        period_label="Tháng 10/2026",
    )
    values.update(overrides)
    return ReportDocument(**values)
