import datetime as dt
import io

from openpyxl import load_workbook

from dantinh.documents.model import Section, Table
from dantinh.documents.render import render_xlsx
from tests.documents.sample import sample_report


def _workbook(report):
    return load_workbook(io.BytesIO(render_xlsx(report)))


def test_a_cover_sheet_and_one_sheet_per_section_with_tables():
    wb = _workbook(sample_report())
    assert wb.sheetnames == ["Thông tin chung", "I. Tình hình chung"]
    cover = {row[0]: row[1] for row in wb["Thông tin chung"].iter_rows(min_row=2, values_only=True)}
    assert cover["Cơ quan ban hành"] == "BAN DÂN VẬN"
    assert cover["Số, ký hiệu"] == "Số 125-BC/BDVTU"
    assert cover["Địa danh, ngày tháng"] == "Hải Phòng, ngày 05 tháng 11 năm 2026"
    assert cover["Ngày ban hành"] == dt.datetime(2026, 11, 5)
    assert cover["Trích yếu"] == "Tình hình Nhân dân tháng 10 năm 2026"
    assert cover["Kỳ báo cáo"] == "Tháng 10/2026"
    assert cover["Người ký"] == "K/T TRƯỞNG BAN - PHÓ TRƯỞNG BAN - Trần Minh Hằng"


def test_figures_stay_numbers_under_a_bold_header():
    ws = _workbook(sample_report())["I. Tình hình chung"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "I. TÌNH HÌNH CHUNG"
    assert rows[2][0] == "Bảng 1. Thông tin tiếp nhận theo lĩnh vực"
    assert rows[3] == ("Lĩnh vực", "Tháng 9/2026", "Tháng 10/2026", "Tăng, giảm (%)")
    assert rows[4] == ("Đất đai, giải phóng mặt bằng", 312, 348, 11.54)
    assert rows[-1] == ("Tổng số", 1141, 1284, 12.53)
    header = ws.cell(row=4, column=2)
    assert header.font.b
    assert ws.cell(row=5, column=2).number_format == "#,##0"
    assert ws.cell(row=5, column=4).number_format == "#,##0.0#"
    assert ws.column_dimensions["A"].width > ws.column_dimensions["B"].width
    assert ws.freeze_panes == "A5"


def test_sheet_names_are_valid_and_unique():
    table = Table(columns=["A"], rows=[[1]])
    long = "Tình hình: kiến nghị/bức xúc [đất đai] của Nhân dân các xã ven biển"
    wb = _workbook(
        sample_report(
            sections=[
                Section(title=long, tables=[table]),
                Section(title="II. " + long[12:], tables=[table]),
                Section(title=long, tables=[table]),
                Section(title="Không có bảng"),
            ]
        )
    )
    names = wb.sheetnames[1:]
    assert len(names) == 3 and len(set(names)) == 3
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)


HOSTILE = ['=HYPERLINK("http://x.invalid","Bấm")', "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


def test_text_that_looks_like_a_formula_is_written_as_text():
    """Formula injection: whatever a unit typed (a section title, a table cell, the header)
    opens in Excel as the text it is, never as a live formula."""
    report = sample_report(
        summary=HOSTILE[0],
        recipients=["=1+1", "- Lưu VT."],
        sections=[
            Section(
                title="=cmd|'/c calc'!A1",
                tables=[
                    Table(
                        caption="@caption",
                        columns=["=header", "Số"],
                        rows=[[text, -5] for text in HOSTILE],
                    )
                ],
            )
        ],
    )
    wb = _workbook(report)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert cells
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    cover = {row[0]: row[1] for row in wb["Thông tin chung"].iter_rows(min_row=2, values_only=True)}
    assert cover["Trích yếu"] == "'" + HOSTILE[0]
    assert cover["Nơi nhận"] == "'=1+1\n- Lưu VT."
    sheet = wb.worksheets[1]
    values = list(sheet.iter_rows(values_only=True))
    assert values[3] == ("'=header", "Số")
    assert [row[0] for row in values[4:]] == ["'" + text for text in HOSTILE]
    assert [row[1] for row in values[4:]] == [-5] * len(HOSTILE)  # numbers stay numbers
