"""What a report document says, independent of how it is rendered (docx, pdf, xlsx).

Reporting builds a ReportDocument from a submission or a composite report; the renderers in
this package lay it out as an official Party report (guide 36-HD/VPTW, 2018) or as a workbook
of its figures. Nothing here holds personal data: reports never carry any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dantinh.documents.charts import Chart


@dataclass
class Table:
    """A table of figures: header row, body rows, an optional caption. Cells are str or numbers."""

    columns: list[str]
    rows: list[list[str | int | float | None]]
    caption: str = ""


@dataclass
class Section:
    """A numbered part of the body: its heading, paragraphs (plain text, one per entry),
    bullet points and tables, in that order; its charts, as images, just before its first
    table (which gives the same figures)."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Signature:
    """The signature block, e.g. authority "K/T TRƯỞNG BAN", position "PHÓ TRƯỞNG BAN"."""

    authority: str = ""
    position: str = ""
    name: str = ""


@dataclass
class ReportDocument:
    superior_body: str  # e.g. "THÀNH ỦY HẢI PHÒNG" (regular weight, above the issuing body)
    issuing_body: str  # e.g. "BAN DÂN VẬN" (caps, bold, "*" under it)
    number: str  # e.g. "Số 125-BC/BDVTU" (blank numbers allowed: "Số      -BC/BDVTU")
    place: str  # e.g. "Hải Phòng"
    date: dt.date
    doc_type: str  # "BÁO CÁO"
    summary: str  # the title line under the type, e.g. "Tình hình Nhân dân tháng 10 năm 2026"
    sections: list[Section]
    recipients: list[str] = field(
        default_factory=list
    )  # lines of "Nơi nhận:", e.g. "- Thường trực Thành ủy,"
    signature: Signature = field(default_factory=Signature)
    preamble: str = ""  # an opening paragraph before the first section
    period_label: str = ""  # e.g. "Tháng 10/2026", for the workbook and file names
