"""The Word rendering, opened with python-docx and checked against guide 36-HD/VPTW."""

import io
import shutil

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt

from dantinh.documents import ooxml
from dantinh.documents.model import Section, Signature, Table
from dantinh.documents.render import render_docx
from dantinh.documents.template_builder import DEFAULT_TEMPLATE, STYLES
from tests.documents.sample import sample_report

TNR = "Times New Roman"


def _styles(style):
    while style is not None:
        yield style
        style = style.base_style


def font(para, attr, run=None):
    """A run's effective font property: the run's own, else its paragraph style's chain."""
    run = run if run is not None else para.runs[0]
    value = getattr(run.font, attr)
    if value is not None:
        return value
    for style in _styles(para.style):
        value = getattr(style.font, attr)
        if value is not None:
            return value
    return None


def para_format(para, attr):
    value = getattr(para.paragraph_format, attr)
    if value is not None:
        return value
    for style in _styles(para.style):
        value = getattr(style.paragraph_format, attr)
        if value is not None:
            return value
    return None


def mm(length) -> float:
    """Lengths are stored in twips: compare them to a tenth of a millimetre."""
    return round(Length(length).mm, 1)


def texts(cell_or_doc):
    return [p.text for p in cell_or_doc.paragraphs]


def body_paragraph(docx, text_start):
    return next(p for p in docx.paragraphs if p.text.startswith(text_start))


def render(report, **kwargs):
    return Document(io.BytesIO(render_docx(report, **kwargs)))


@pytest.fixture(scope="module")
def docx():
    """The sample report rendered with the default template, opened with python-docx."""
    return render(sample_report())


# --- page ----------------------------------------------------------------------------------


def test_page_is_a4_portrait_with_the_guides_margins(docx):
    section = docx.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25
    assert 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20


def test_every_run_is_times_new_roman(docx):
    paragraphs = list(docx.paragraphs)
    for table in docx.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    runs = [(p, r) for p in paragraphs for r in p.runs if r.text.strip()]
    assert runs
    assert {font(p, "name", r) for p, r in runs} == {TNR}


def test_no_template_command_is_left(docx):
    xml = docx.element.xml
    assert "{{" not in xml and "{%" not in xml and "%}" not in xml


# --- header blocks -------------------------------------------------------------------------


def test_header_left_block_superior_body_issuing_body_star_and_number(docx):
    header = docx.tables[0]
    left = header.cell(0, 0)
    assert texts(left) == ["THÀNH ỦY HẢI PHÒNG", "BAN DÂN VẬN", "*"]
    superior, issuing, star = left.paragraphs
    assert not font(superior, "bold") and font(superior, "size") == Pt(14)
    assert font(issuing, "bold") and font(issuing, "size") == Pt(14)
    assert para_format(star, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    (number,) = header.cell(1, 0).paragraphs
    assert number.text == "Số 125-BC/BDVTU"
    assert not font(number, "bold") and not font(number, "italic")
    assert font(number, "size") == Pt(14)


def test_header_right_block_party_title_with_rule_and_date_line(docx):
    header = docx.tables[0]
    (title,) = header.cell(0, 1).paragraphs
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert font(title, "bold") and font(title, "size") == Pt(15)
    # The rule under the title is the paragraph style's solid bottom border.
    bottom = title.style.element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single"
    (date,) = header.cell(1, 1).paragraphs
    assert date.text == "Hải Phòng, ngày 05 tháng 11 năm 2026"
    assert font(date, "italic") and not font(date, "bold")
    assert font(date, "size") == Pt(14)


def test_header_blocks_sit_side_by_side_without_borders(docx):
    header = docx.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {el.get(qn("w:val")) for el in borders} == {"nil"}
    assert header.cell(0, 1).width > header.cell(0, 0).width


# --- title and body ------------------------------------------------------------------------


def test_document_type_and_summary_are_centred_and_bold(docx):
    doc_type, summary, rule = docx.paragraphs[:3]
    assert doc_type.text == "BÁO CÁO"
    assert font(doc_type, "bold") and Pt(15) <= font(doc_type, "size") <= Pt(16)
    assert para_format(doc_type, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert summary.text == "Tình hình Nhân dân tháng 10 năm 2026"
    assert font(summary, "bold") and Pt(14) <= font(summary, "size") <= Pt(15)
    assert para_format(summary, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert rule.text == "-----"


def test_body_is_14pt_justified_with_a_first_line_indent(docx):
    para = body_paragraph(docx, "Trong tháng, tình hình Nhân dân")
    assert para.style.name == STYLES["body"]
    assert font(para, "size") == Pt(14)
    assert para_format(para, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert Cm(1) <= para_format(para, "first_line_indent") <= Cm(1.27)
    assert para_format(para, "space_before") == Pt(6)
    assert 1.0 <= para_format(para, "line_spacing") <= 1.5


def test_preamble_then_sections_in_order_with_their_content(docx):
    body = [p.text for p in docx.paragraphs[3:] if p.text]
    assert body == [
        "Thực hiện Hướng dẫn của Ban Dân vận Thành ủy về công tác nắm bắt tình hình Nhân dân, "
        "Ban Dân vận Thành ủy báo cáo tình hình Nhân dân tháng 10 năm 2026 như sau:",
        "I. TÌNH HÌNH CHUNG",
        sample_report().sections[0].paragraphs[0],
        sample_report().sections[0].paragraphs[1],
        "Bảng 1. Thông tin tiếp nhận theo lĩnh vực",
        "II. TÂM TRẠNG, TƯ TƯỞNG, DƯ LUẬN CỦA NHÂN DÂN",
        sample_report().sections[1].paragraphs[0],
        "- Một bộ phận Nhân dân băn khoăn về giá một số mặt hàng thiết yếu tăng.",
        "- Người lao động tại các khu công nghiệp lo lắng về việc làm cuối năm.",
        "III. KIẾN NGHỊ, ĐỀ XUẤT",
        "- Đề nghị Ủy ban nhân dân thành phố chỉ đạo đẩy nhanh tiến độ giải quyết các kiến "
        "nghị về bồi thường, hỗ trợ tái định cư.",
    ]
    heading = body_paragraph(docx, "I. TÌNH HÌNH CHUNG")
    assert heading.style.name == STYLES["heading"] and font(heading, "bold")
    bullet = body_paragraph(docx, "- Một bộ phận")
    assert bullet.style.name == STYLES["bullet"]


def test_the_table_sits_in_its_section_after_its_caption(docx):
    body = docx.element.body
    caption = body_paragraph(docx, "Bảng 1.")._p
    assert caption.getnext().tag == qn("w:tbl")
    next_heading = body_paragraph(docx, "II. TÂM TRẠNG")._p
    assert body.index(caption) < body.index(next_heading)


def test_table_of_figures_is_bordered_with_a_bold_header_and_formatted_numbers(docx):
    table = docx.tables[1]
    assert ooxml.has_caption(table._tbl, ooxml.DATA_TABLE_MARK)
    assert table.style.name == "Table Grid"
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Lĩnh vực", "Tháng 9/2026", "Tháng 10/2026", "Tăng, giảm (%)"]
    assert rows[1] == ["Đất đai, giải phóng mặt bằng", "312", "348", "11,54"]
    assert rows[-1] == ["Tổng số", "1.141", "1.284", "12,53"]
    assert len(rows) == 8
    header = table.rows[0].cells[1].paragraphs[0]
    assert font(header, "bold")
    assert Pt(12) <= font(header, "size") <= Pt(13)
    figure = table.rows[1].cells[1].paragraphs[0]
    assert para_format(figure, "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
    assert not font(figure, "bold")
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    widths = [c.width for c in table.rows[1].cells]
    assert widths[0] > widths[1]  # the label column is the widest
    assert mm(sum(widths, Mm(0))) == pytest.approx(165, abs=0.5)


# --- closing blocks ------------------------------------------------------------------------


def test_recipients_block(docx):
    left = docx.tables[-1].cell(0, 0)
    label, *lines = left.paragraphs
    assert label.text == "Nơi nhận:"
    assert font(label, "underline") and font(label, "size") == Pt(14)
    assert [p.text for p in lines] == [
        "- Thường trực Thành ủy,",
        "- Ban Dân vận Trung ương,",
        "- Lãnh đạo Ban,",
        "- Lưu BDVTU.",
    ]
    assert {font(p, "size") for p in lines} == {Pt(12)}


def test_signature_block(docx):
    right = docx.tables[-1].cell(0, 1)
    authority, position, name = right.paragraphs
    assert (authority.text, position.text, name.text) == (
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Trần Minh Hằng",
    )
    assert all(font(p, "bold") for p in (authority, position, name))
    assert {para_format(p, "alignment") for p in (authority, position, name)} == {
        WD_ALIGN_PARAGRAPH.CENTER
    }
    # Room for the signature and the seal above the name.
    assert para_format(name, "space_before") >= Pt(60)


def test_page_numbers_from_the_second_page(docx):
    section = docx.sections[0]
    assert section.different_first_page_header_footer
    instructions = [t.text.strip() for t in section.header._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))
    para = section.header.paragraphs[0]
    assert para_format(para, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


# --- content edge cases --------------------------------------------------------------------


def test_optional_parts_are_left_out():
    docx = render(
        sample_report(
            superior_body="",
            preamble="",
            recipients=[],
            signature=Signature(position="Trưởng ban", name="Lê Văn A"),
        )
    )
    assert texts(docx.tables[0].cell(0, 0)) == ["BAN DÂN VẬN", "*"]
    assert docx.paragraphs[3].text == "I. TÌNH HÌNH CHUNG"
    assert "Nơi nhận:" not in docx.tables[-1].cell(0, 0).text
    assert texts(docx.tables[-1].cell(0, 1)) == ["TRƯỞNG BAN", "Lê Văn A"]


def test_text_is_escaped_not_interpreted():
    docx = render(sample_report(summary='Kiến nghị <về> "đất" & {{ môi trường }}'))
    assert docx.paragraphs[1].text == 'Kiến nghị <về> "đất" & {{ môi trường }}'


def test_a_blank_number_keeps_its_spaces():
    docx = render(sample_report(number="Số      -BC/BDVTU"))
    assert docx.tables[0].cell(1, 0).text == "Số      -BC/BDVTU"


def test_line_breaks_make_paragraphs_and_bullet_marks_are_not_doubled():
    docx = render(
        sample_report(
            sections=[
                Section(
                    title="Tình hình chung",
                    paragraphs=["Đoạn một.\nĐoạn hai."],
                    bullets=["- Ý một.", "Ý hai."],
                ),
            ]
        )
    )
    body = [p.text for p in docx.paragraphs[4:] if p.text]
    assert body == ["I. TÌNH HÌNH CHUNG", "Đoạn một.", "Đoạn hai.", "- Ý một.", "- Ý hai."]


def test_ragged_and_headless_tables_are_made_rectangular():
    docx = render(
        sample_report(
            sections=[
                Section(
                    title="Số liệu",
                    tables=[
                        Table(columns=["Đơn vị", "Số tin"], rows=[["Xã A", 3, "thừa"], ["Xã B"]]),
                        Table(columns=[], rows=[[1, 2]]),
                        Table(columns=[], rows=[]),
                    ],
                ),
            ]
        )
    )
    first, second = docx.tables[1:-1]
    assert [[c.text for c in r.cells] for r in first.rows] == [
        ["Đơn vị", "Số tin", ""],
        ["Xã A", "3", "thừa"],
        ["Xã B", "", ""],
    ]
    assert [[c.text for c in r.cells] for r in second.rows] == [["", ""], ["1", "2"]]


def test_several_tables_in_a_section_stay_separate():
    table = Table(columns=["A", "B"], rows=[[1, 2]])
    docx = render(sample_report(sections=[Section(title="Số liệu", tables=[table, table])]))
    assert len(docx.tables) == 4  # header, two tables of figures, closing


# --- the template --------------------------------------------------------------------------


@pytest.fixture
def edited_template(tmp_path):
    """A deployment's copy of the template, edited as one would in Word."""
    path = tmp_path / "mau_bao_cao.docx"
    shutil.copy(DEFAULT_TEMPLATE, path)
    tpl = Document(str(path))
    tpl.styles[STYLES["body"]].font.size = Pt(13)
    tpl.styles[STYLES["signature_name"]].font.italic = True
    tpl.sections[0].left_margin = Mm(35)
    tpl.save(str(path))
    return path


def test_an_edited_template_is_honoured(edited_template):
    docx = render(sample_report(), template=edited_template)
    para = body_paragraph(docx, "Trong tháng, tình hình Nhân dân")
    assert font(para, "size") == Pt(13)
    assert mm(docx.sections[0].left_margin) == 35
    # Tables of figures fill the narrower text width.
    widths = [c.width for c in docx.tables[1].rows[0].cells]
    assert mm(sum(widths, Mm(0))) == pytest.approx(160, abs=0.5)
    name = docx.tables[-1].cell(0, 1).paragraphs[-1]
    assert name.text == "Trần Minh Hằng" and font(name, "italic")


def test_the_setting_names_the_template(edited_template, settings):
    settings.DANTINH_REPORT_TEMPLATE = str(edited_template)
    docx = render(sample_report())
    assert mm(docx.sections[0].left_margin) == 35


def test_a_missing_template_is_reported(tmp_path):
    with pytest.raises(FileNotFoundError):
        render_docx(sample_report(), template=tmp_path / "none.docx")


def test_the_last_body_paragraph_keeps_with_the_closing_blocks(docx):
    last = body_paragraph(docx, "- Đề nghị Ủy ban nhân dân")
    assert last.paragraph_format.keep_with_next
    assert docx.tables[-1].rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_short_column_is_not_squeezed_below_its_header():
    rows = [[i, "Ban Dân vận Huyện ủy " * 3, i * 3, "Đang theo dõi, xử lý " * 4] for i in range(30)]
    docx = render(
        sample_report(
            sections=[
                Section(
                    title="Số liệu",
                    tables=[
                        Table(columns=["STT", "Đơn vị", "Số vụ", "Ghi chú"], rows=rows),
                    ],
                )
            ]
        )
    )
    widths = [mm(c.width) for c in docx.tables[1].rows[0].cells]
    assert widths[0] >= 12  # "STT" in bold 13 pt plus the cell's padding
    assert widths[1] > widths[0] and widths[3] > widths[2]
    assert sum(widths) == pytest.approx(165, abs=0.5)


def test_the_environment_names_the_template(edited_template, monkeypatch):
    monkeypatch.setenv("DANTINH_REPORT_TEMPLATE", str(edited_template))
    docx = render(sample_report())
    assert mm(docx.sections[0].left_margin) == 35


def test_a_placeholder_split_across_runs_by_word_still_works(tmp_path):
    """Word often stores what one typed as several runs; the placeholder must survive that."""
    path = tmp_path / "split.docx"
    tpl = Document(str(DEFAULT_TEMPLATE))
    para = next(p for p in tpl.paragraphs if p.text == "{{ summary }}")
    para.runs[0].text = "{{ sum"
    para.add_run("mary }}").italic = True
    tpl.save(str(path))
    docx = render(sample_report(), template=path)
    assert docx.paragraphs[1].text == "Tình hình Nhân dân tháng 10 năm 2026"
