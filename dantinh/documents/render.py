"""Render a ReportDocument as an official Party report (.docx, .pdf) or a workbook (.xlsx).

The Word document is the report template (default `templates/bao_cao.docx`, built by
`template_builder.build_default_template`) filled with docxtpl: the template holds the layout and
the styles, this module only supplies the text. A deployment's own template (an edited copy)
is passed as `template=` or named by the DANTINH_REPORT_TEMPLATE setting.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Mm
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate

from dantinh.documents import ooxml
from dantinh.documents.charts import render_png
from dantinh.documents.convert import ConversionFailed, ConversionUnavailable, docx_to_pdf
from dantinh.documents.formatting import (
    date_line,
    format_cell,
    is_numeric,
    number_line,
    recipient_line,
    section_heading,
    split_paragraphs,
)
from dantinh.documents.model import ReportDocument, Table
from dantinh.documents.template_builder import DEFAULT_TEMPLATE, TEXT_WIDTH
from dantinh.documents.workbook import render_xlsx

__all__ = [
    "ConversionFailed",
    "ConversionUnavailable",
    "render_context",
    "render_docx",
    "render_pdf",
    "render_xlsx",
    "template_path",
]

TEMPLATE_SETTING = "DANTINH_REPORT_TEMPLATE"
CHART_WIDTH = 0.85  # of the text width


def template_path(template: Path | str | None = None) -> Path:
    """The template to fill: `template` if given, else the DANTINH_REPORT_TEMPLATE setting (or
    environment variable), else the default one shipped with dantinh."""
    if template:
        return Path(template)
    configured = _configured_template()
    return Path(configured) if configured else DEFAULT_TEMPLATE


def _configured_template() -> str:
    try:
        from django.conf import settings

        if settings.configured:
            value = getattr(settings, TEMPLATE_SETTING, "")
            if value:
                return str(value)
    except ImportError:  # pragma: no cover - Django is a dependency; keeps the module standalone
        pass
    return os.environ.get(TEMPLATE_SETTING, "")


def render_docx(doc: ReportDocument, template: Path | str | None = None) -> bytes:
    """The report as a .docx laid out per guide 36-HD/VPTW, from the report template.

    Raises FileNotFoundError if the template does not exist, and jinja2.TemplateError if an
    edited template has a broken placeholder.
    """
    path = template_path(template)
    if not path.is_file():
        raise FileNotFoundError(f"Report template not found: {path}")
    tpl = DocxTemplate(str(path))
    tpl.render(render_context(doc), autoescape=True)
    _lay_out_data_tables(tpl.docx, doc)
    _place_charts(tpl.docx, doc)
    _keep_closing_with_body(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def render_pdf(
    doc: ReportDocument, template: Path | str | None = None, *, timeout: float = 120
) -> bytes:
    """The report as PDF: the .docx converted by LibreOffice (headless).

    Raises ConversionUnavailable (with a message for the user) when LibreOffice is not
    installed, ConversionFailed when it fails or takes longer than `timeout` seconds.
    """
    return docx_to_pdf(render_docx(doc, template), timeout=timeout)


def render_context(doc: ReportDocument) -> dict:
    """What the template's placeholders receive; docs/report-template.md lists them."""
    signature = doc.signature
    return {
        "superior_body": _upper(doc.superior_body),
        "issuing_body": _upper(doc.issuing_body),
        "number": number_line(doc.number),
        "place": (doc.place or "").strip(),
        "date": doc.date.strftime("%d/%m/%Y"),
        "date_line": date_line((doc.place or "").strip(), doc.date),
        "doc_type": _upper(doc.doc_type) or "BÁO CÁO",
        "summary": (doc.summary or "").strip(),
        "preamble": split_paragraphs(doc.preamble),
        "sections": [_section(i, s) for i, s in enumerate(doc.sections, start=1)],
        "recipients": [line for line in map(recipient_line, doc.recipients) if line],
        "signature": {
            "authority": _upper(signature.authority),
            "position": _upper(signature.position),
            "name": (signature.name or "").strip(),
        },
        "period_label": doc.period_label,
    }


def _upper(text: str) -> str:
    return (text or "").strip().upper()


def _section(index: int, section) -> dict:
    paragraphs = [p for text in section.paragraphs for p in split_paragraphs(text)]
    bullets = [b.lstrip("-+•– ").strip() for b in section.bullets if b and b.strip()]
    return {
        "heading": section_heading(index, section.title),
        "title": section.title,
        "paragraphs": paragraphs,
        "bullets": bullets,
        "tables": [t for t in map(_table, section.tables) if t is not None],
    }


def _width(table: Table) -> int:
    return max([len(table.columns)] + [len(row) for row in table.rows])


def _table(table: Table) -> dict | None:
    """A table as the template gets it: rectangular (short rows and a short or missing header
    padded with empty cells), cells as text; None for a table without any cell."""
    width = _width(table)
    if width == 0:
        return None
    columns = [str(c) for c in table.columns] + [""] * (width - len(table.columns))
    rows = [[format_cell(v) for v in row] + [""] * (width - len(row)) for row in table.rows]
    return {"caption": (table.caption or "").strip(), "columns": columns, "rows": rows}


# --- after filling: what a template cannot say ---------------------------------------------


def _lay_out_data_tables(document, doc: ReportDocument) -> None:
    """Column widths from the content, figures right-aligned, the header row repeated.

    The rendered tables of figures are the copies of the template's marked table, in the order
    of the sections and their tables.
    """
    tables = [t for section in doc.sections for t in section.tables if _width(t) > 0]
    rendered = [t for t in document.tables if ooxml.has_caption(t._tbl, ooxml.DATA_TABLE_MARK)]
    page = document.sections[0]
    text_width = Length(page.page_width - page.left_margin - page.right_margin).mm
    for source, table in zip(tables, rendered, strict=False):
        widths = _column_widths(source, text_width)
        ooxml.table_width(table._tbl.tblPr, int(Mm(sum(widths)).twips))
        grid = table._tbl.tblGrid
        for col, width in zip(grid.gridCol_lst, widths, strict=False):
            col.w = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Mm(width)
        if table.rows:
            ooxml.repeat_header_row(table.rows[0]._tr)
        for row in table.rows:
            ooxml.cant_split(row._tr)
        for values, row in zip(source.rows, table.rows[1:], strict=False):
            for value, cell in zip(values, row.cells, strict=False):
                if is_numeric(value):
                    for para in cell.paragraphs:
                        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _place_charts(document, doc: ReportDocument) -> None:
    """Each section's charts as pictures most of the text's width, centred, just above the
    caption of its first table of figures (a section without a table shows none: a chart
    never stands without the table that gives its figures)."""
    rendered = [t for t in document.tables if ooxml.has_caption(t._tbl, ooxml.DATA_TABLE_MARK)]
    page = document.sections[0]
    width = Length(page.page_width - page.left_margin - page.right_margin)
    first = 0
    for section in doc.sections:
        count = sum(1 for t in section.tables if _width(t) > 0)
        charts = [c for c in section.charts if not c.empty]
        if charts and count and first < len(rendered):
            anchor = rendered[first]._tbl
            caption = anchor.getprevious()
            if caption is not None and caption.tag == qn("w:p") and "".join(caption.itertext()):
                anchor = caption
            for chart in charts:
                paragraph = document.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run().add_picture(
                    io.BytesIO(render_png(chart)), width=int(width * CHART_WIDTH)
                )
                anchor.addprevious(paragraph._p)
        first += count


def _keep_closing_with_body(document) -> None:
    """The closing blocks (recipients, signature) never stand alone on the last page: the last
    paragraph of the body moves with them."""
    body = document.element.body
    closing = next(
        (
            t
            for t in reversed(body.findall(qn("w:tbl")))
            if not ooxml.has_caption(t, ooxml.DATA_TABLE_MARK)
        ),
        None,
    )
    if closing is None:
        return
    previous = closing.getprevious()
    while previous is not None and previous.tag == qn("w:p"):
        Paragraph(previous, document).paragraph_format.keep_with_next = True
        if "".join(previous.itertext()).strip():
            break
        previous = previous.getprevious()


# Rough text widths in 13 pt Times New Roman (mm): an average character of the body, of the
# bold header, and a cell's left and right padding together.
_CHAR_MM = 2.5
_HEADER_CHAR_MM = 3.0
_PADDING_MM = 4.2


def _column_widths(table: Table, text_width: float = TEXT_WIDTH) -> list[float]:
    """Column widths (mm) that fill the text width, the way a browser lays out an automatic
    table: each column gets at least its longest word, then the rest of the width goes to the
    columns whose text would otherwise wrap, in proportion to how much more they need."""
    minimum, desired = [], []
    for i in range(_width(table)):
        header = str(table.columns[i]) if i < len(table.columns) else ""
        cells = [format_cell(r[i]) if i < len(r) else "" for r in table.rows] or [""]
        words = [len(w) * _CHAR_MM for text in cells for w in text.split()]
        words += [len(w) * _HEADER_CHAR_MM for w in header.split()]
        # A header may take two lines: it asks for half its length.
        texts = [len(text) * _CHAR_MM for text in cells] + [len(header) * _HEADER_CHAR_MM / 2]
        minimum.append(max(words + [2 * _CHAR_MM]) + _PADDING_MM)
        desired.append(max(texts + [minimum[-1] - _PADDING_MM]) + _PADDING_MM)
    if sum(minimum) >= text_width:
        return [w * text_width / sum(minimum) for w in minimum]
    if sum(desired) <= text_width:
        return [w * text_width / sum(desired) for w in desired]
    spare = text_width - sum(minimum)
    wanted = [d - m for d, m in zip(desired, minimum, strict=True)]
    return [m + spare * w / sum(wanted) for m, w in zip(minimum, wanted, strict=True)]
