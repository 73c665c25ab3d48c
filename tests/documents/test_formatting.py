import datetime as dt

import pytest

from dantinh.documents.formatting import (
    date_line,
    format_cell,
    number_line,
    recipient_line,
    section_heading,
    split_paragraphs,
)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2026, 11, 5), "Hải Phòng, ngày 05 tháng 11 năm 2026"),
        (dt.date(2026, 3, 20), "Hải Phòng, ngày 20 tháng 3 năm 2026"),
        (dt.date(2026, 1, 9), "Hải Phòng, ngày 09 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "Hải Phòng, ngày 28 tháng 02 năm 2026"),
        (dt.date(2026, 12, 31), "Hải Phòng, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_date_line_pads_days_below_10_and_months_1_and_2(date, expected):
    assert date_line("Hải Phòng", date) == expected


def test_date_line_without_place():
    assert date_line("", dt.date(2026, 4, 3)) == "Ngày 03 tháng 4 năm 2026"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("Số 125-BC/BDVTU", "Số 125-BC/BDVTU"),
        ("125-BC/BDVTU", "Số 125-BC/BDVTU"),
        ("số 7-BC/BDVHU", "Số 7-BC/BDVHU"),
        ("Số      -BC/BDVTU", "Số      -BC/BDVTU"),
        ("", ""),
    ],
)
def test_number_line(number, expected):
    assert number_line(number) == expected


@pytest.mark.parametrize(
    ("index", "title", "expected"),
    [
        (1, "Tình hình chung", "I. TÌNH HÌNH CHUNG"),
        (4, "Vụ việc phức tạp, điểm nóng", "IV. VỤ VIỆC PHỨC TẠP, ĐIỂM NÓNG"),
        (9, "Dự báo", "IX. DỰ BÁO"),
        (2, "III. Kiến nghị", "III. KIẾN NGHỊ"),
        (2, "2. Đề xuất", "2. ĐỀ XUẤT"),
    ],
)
def test_section_heading(index, title, expected):
    assert section_heading(index, title) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1284, "1.284"),
        (1234567, "1.234.567"),
        (12.5, "12,5"),
        (13.0, "13"),
        (-2.8, "-2,8"),
        (0.333333, "0,33"),
        (None, ""),
        ("Khác", "Khác"),
    ],
)
def test_format_cell_uses_vietnamese_separators(value, expected):
    assert format_cell(value) == expected


def test_recipient_lines_and_paragraphs():
    assert recipient_line("Lưu BDVTU.") == "- Lưu BDVTU."
    assert recipient_line("- Thường trực Thành ủy,") == "- Thường trực Thành ủy,"
    assert split_paragraphs("Một.\n\n  Hai.  \n") == ["Một.", "Hai."]


def test_vietnamese_numbers_and_shares():
    from dantinh.documents.formatting import format_number, format_numbers, format_percent

    assert format_number(1419) == "1.419"
    assert format_number(1234567.25) == "1.234.567,25"
    assert format_percent(12.5) == "12,5%" and format_percent(40.0) == "40%"
    assert format_numbers({"n": 1419, "name": "Lê Chân", "flag": True}) == {
        "n": "1.419",
        "name": "Lê Chân",
        "flag": True,
    }
