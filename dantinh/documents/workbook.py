"""The figures of a report as an Excel workbook: a cover sheet with the document's header, then
one sheet per section that has tables, each table with its caption, a bold header row and
numbers kept as numbers (formatted, not turned into text). Every text cell goes through
`cells.safe_cell`: text that a spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dantinh.core.cells import safe_row
from dantinh.documents.formatting import (
    date_line,
    is_numeric,
    number_line,
    section_heading,
    section_label,
)
from dantinh.documents.model import ReportDocument, Section

COVER_TITLE = "Thông tin chung"
FONT = "Times New Roman"
INT_FORMAT = "#,##0"
FLOAT_FORMAT = "#,##0.0#"
DATE_FORMAT = "dd/mm/yyyy"

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")


def render_xlsx(doc: ReportDocument) -> bytes:
    """The report's figures as .xlsx bytes."""
    wb = Workbook()
    _cover(wb.active, doc)
    used = {COVER_TITLE}
    for index, section in enumerate(doc.sections, start=1):
        if any(t.columns or t.rows for t in section.tables):
            title = _sheet_title(section_label(index, section.title), used)
            _section_sheet(wb.create_sheet(title), index, section)
    wb.properties.title = doc.summary or doc.doc_type
    wb.properties.creator = "dantinh"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cover(ws, doc: ReportDocument) -> None:
    ws.title = COVER_TITLE
    sig = doc.signature
    rows = [
        ("Cơ quan cấp trên", doc.superior_body.upper()),
        ("Cơ quan ban hành", doc.issuing_body.upper()),
        ("Số, ký hiệu", number_line(doc.number)),
        ("Địa danh, ngày tháng", date_line(doc.place, doc.date)),
        ("Ngày ban hành", doc.date),
        ("Loại văn bản", (doc.doc_type or "BÁO CÁO").upper()),
        ("Trích yếu", doc.summary),
        ("Kỳ báo cáo", doc.period_label),
        (
            "Người ký",
            " - ".join(p for p in (sig.authority.upper(), sig.position.upper(), sig.name) if p),
        ),
        ("Nơi nhận", "\n".join(doc.recipients)),
    ]
    ws.append(["Mục", "Nội dung"])
    for label, value in rows:
        ws.append(safe_row([label, value]))
    _style_header(ws, 1, 2)
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row):
        row[0].font = Font(name=FONT, bold=True)
        row[1].font = Font(name=FONT)
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
        row[0].alignment = Alignment(vertical="top")
        if row[0].value == "Ngày ban hành":
            row[1].number_format = DATE_FORMAT
            row[1].alignment = Alignment(horizontal="left", vertical="top")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 70
    ws.freeze_panes = "A2"


def _section_sheet(ws, index: int, section: Section) -> None:
    ws.append(safe_row([section_heading(index, section.title)]))
    ws.cell(row=1, column=1).font = Font(name=FONT, bold=True, size=13)
    widths: dict[int, int] = {}
    header_rows = []
    for table in section.tables:
        if not (table.columns or table.rows):
            continue
        ws.append([])
        if table.caption:
            ws.append(safe_row([table.caption]))
            ws.cell(row=ws.max_row, column=1).font = Font(name=FONT, bold=True, italic=True)
        ncols = max([len(table.columns)] + [len(r) for r in table.rows])
        ws.append(safe_row(list(table.columns) + [""] * (ncols - len(table.columns))))
        header_rows.append(ws.max_row)
        _style_header(ws, ws.max_row, ncols)
        for values in table.rows:
            ws.append(safe_row(values))
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=ws.max_row, column=col)
                cell.font = Font(name=FONT)
                cell.border = _BORDER
                if is_numeric(value):
                    cell.number_format = FLOAT_FORMAT if isinstance(value, float) else INT_FORMAT
                else:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            for col in range(len(values) + 1, ncols + 1):
                ws.cell(row=ws.max_row, column=col).border = _BORDER
        for col in range(ncols):
            texts = [str(table.columns[col]) if col < len(table.columns) else ""]
            texts += [_display(r[col]) for r in table.rows if col < len(r)]
            widths[col + 1] = max(widths.get(col + 1, 0), *(len(t) for t in texts))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, 10), 60)
    if len(header_rows) == 1:
        ws.freeze_panes = ws.cell(row=header_rows[0] + 1, column=1)


def _style_header(ws, row: int, ncols: int) -> None:
    for col in range(1, ncols + 1):
        cell = ws.cell(row=row, column=col)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _sheet_title(heading: str, used: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\) from a section heading."""
    base = _INVALID_TITLE.sub(" ", heading).strip().strip("'") or "Bảng"
    base = re.sub(r"\s+", " ", base)[:31].rstrip()
    title, n = base, 2
    while title.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    used.add(title)
    return title
