"""The directory's knowledge since the 2025 reorganisation: commune-first matters go to the
commune's committee whatever the engine says; an organisation's or a province's matter
keeps the engine's body; a denunciation goes to whoever supervises the person denounced."""

import pytest

from dantinh.recommendations.routing import route


@pytest.mark.parametrize(
    "text,engine,want",
    [
        (
            "Người dân đề nghị đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình",
            "so_nong_nghiep_moi_truong",
            "ubnd_xa",
        ),
        ("Trường THCS của phường thiếu giáo viên tiếng Anh", "so_giao_duc", "ubnd_xa"),
        ("Đường ngõ xóm tổ 5 nhiều ổ gà", "so_xay_dung", "ubnd_xa"),
        (
            "Công ty Hưng Phát chậm được cấp giấy chứng nhận quyền sử dụng đất cho dự án",
            "so_nong_nghiep_moi_truong",
            "so_nong_nghiep_moi_truong",
        ),
        ("Trường THPT của khu vực thiếu phòng học bộ môn", "so_giao_duc", "so_giao_duc"),
        ("Đoạn quốc lộ qua xã nhiều ổ gà", "so_xay_dung", "so_xay_dung"),
        ("Giá điện tăng cao làm người dân lo lắng", "so_cong_thuong", "so_cong_thuong"),
    ],
)
def test_commune_first(text, engine, want):
    assert route(text, engine_code=engine).authority == want


@pytest.mark.parametrize(
    "text,want",
    [
        ("Tố cáo chủ tịch UBND xã nhận tiền khi giao đất", "ubnd_tinh"),
        ("Tố cáo cán bộ địa chính xã gây khó khăn khi làm thủ tục", "ubnd_xa"),
        ("Tố cáo công an xã đánh người", "cong_an"),
    ],
)
def test_denunciations_go_to_the_supervisor(text, want):
    assert route(text, engine_code="thanh_tra", procedure="to_cao").authority == want
