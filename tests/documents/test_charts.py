"""Charts drawn on the server: a PNG for the web page, a picture in the Word file just above
the table that gives its figures."""

import io

from docx import Document
from docx.oxml.ns import qn

from dantinh.documents.charts import BAR, LINE, Chart, Series, render_png
from dantinh.documents.model import Section, Table
from dantinh.documents.render import render_docx
from tests.documents.sample import sample_report

FIELDS = Chart(
    BAR,
    "Thông tin theo lĩnh vực",
    ["Giá cả, đời sống", "An sinh xã hội, chính sách", "Đất đai, thu hồi đất"],
    [Series("Kỳ này", [1419, 161, 153]), Series("Kỳ trước", [1387, 170, 140])],
)


def test_a_chart_is_a_png_and_survives_a_round_trip_through_its_data():
    for chart in (FIELDS, Chart(LINE, "Theo tuần", ["T44", "T45"], [Series("Số", [3, 5])])):
        png = render_png(chart)
        assert png.startswith(b"\x89PNG") and len(png) > 5_000
        assert Chart.from_dict(chart.as_dict()) == chart
    assert Chart(BAR, "Trống", ["A"], [Series("Kỳ này", [0])]).empty


def test_the_word_file_shows_the_chart_above_its_table():
    table = Table(["Lĩnh vực", "Kỳ này", "Kỳ trước"], [["Giá cả, đời sống", 1419, 1387]], "Bảng 1")
    doc = sample_report(
        sections=[
            Section(title="Tình hình chung", paragraphs=["Đoạn."], tables=[table], charts=[FIELDS])
        ]
    )
    document = Document(io.BytesIO(render_docx(doc)))
    body = list(document.element.body)
    pictures = [i for i, el in enumerate(body) if el.findall(".//" + qn("w:drawing"))]
    tables = [
        i
        for i, el in enumerate(body)
        if el.tag == qn("w:tbl") and "1.419" in "".join(el.itertext())
    ]
    assert len(pictures) == 1 and len(tables) == 1
    caption = body[pictures[0] + 1]
    assert caption.find(".//" + qn("w:t")).text == "Bảng 1" and pictures[0] + 2 == tables[0]


def test_a_chart_without_its_table_is_left_out():
    doc = sample_report(
        sections=[Section(title="Tình hình chung", paragraphs=["Đoạn."], charts=[FIELDS])]
    )
    document = Document(io.BytesIO(render_docx(doc)))
    assert not document.element.body.findall(".//" + qn("w:drawing"))
