"""Word upload (`reporting/docx_import.py`), fuzzed: any bytes are a document's paragraphs or
NotADocx with a Vietnamese message; the sections are split without losing a paragraph; and an
upload refused leaves the report exactly as it was saved."""

import io
import re
import zipfile
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from hypothesis import event, example, given
from hypothesis import strategies as st

from dantinh.core.errors import ValidationError
from dantinh.reporting import docx_import, services
from dantinh.reporting.models import Schedule, Submission
from tests.fuzz.conftest import assert_vietnamese, rolled_back, through_the_database

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOT_XML = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ud800-\\udfff\\ufffe\\uffff]")
_BASE: dict[str, bytes] = {}


def _base_parts() -> dict[str, bytes]:
    """The parts of a document Word would write (python-docx's template), made once."""
    if not _BASE:
        buffer = io.BytesIO()
        document = Document()
        document.add_paragraph("I. TÌNH HÌNH CHUNG")
        document.add_paragraph("Tình hình ổn định.")
        document.save(buffer)
        with zipfile.ZipFile(buffer) as archive:
            _BASE.update({name: archive.read(name) for name in archive.namelist()})
    return _BASE


def _docx(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _base_parts().items():
            archive.writestr(name, document_xml if name == "word/document.xml" else data)
    return buffer.getvalue()


headings = st.sampled_from(
    [
        "I. TÌNH HÌNH CHUNG",
        "II. TÂM TRẠNG, TƯ TƯỞNG, DƯ LUẬN",
        "3. Kiến nghị, bức xúc",
        "IV. VỤ VIỆC PHỨC TẠP",
        "Dự báo",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "a) đề xuất",
        "BÁO CÁO",
    ]
)
texts = st.one_of(headings, st.text(max_size=60))


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(_NOT_XML.sub("", text))}</w:t></w:r>'


blocks = st.one_of(
    texts.map(lambda t: f"<w:p>{_run(t)}</w:p>"),
    st.lists(st.lists(texts, max_size=3), max_size=3).map(
        lambda rows: (
            "<w:tbl>"
            + "".join(
                "<w:tr>" + "".join(f"<w:tc><w:p>{_run(c)}</w:p></w:tc>" for c in row) + "</w:tr>"
                for row in rows
            )
            + "</w:tbl>"
        )
    ),
)


@st.composite
def document_xml(draw) -> bytes:
    body = "".join(draw(st.lists(blocks, max_size=12)))
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    if draw(st.integers(min_value=0, max_value=3)) == 0:  # a part edited by hand
        at = draw(st.integers(min_value=0, max_value=len(xml)))
        piece = draw(
            st.sampled_from(
                ["<", "&", "&x;", "<!DOCTYPE d [<!ENTITY x 'y'>]>", "</w:body>", "<w:p>"]
            )
        )
        xml = xml[:at] + piece + xml[at:]
    if draw(st.integers(min_value=0, max_value=7)) == 0:  # not a Word document at all
        xml = draw(st.sampled_from(['<a xmlns="urn:x"/>', f'<w:document xmlns:w="{W}"/>', ""]))
    return xml.encode()


def _mutated(at: int, piece: bytes, cut: bool) -> bytes:
    data = _docx(_base_parts()["word/document.xml"])
    at %= len(data)
    return data[:at] if cut else data[:at] + piece + data[at + len(piece) :]


files = st.one_of(
    document_xml().map(_docx),
    st.binary(max_size=300),
    st.builds(_mutated, st.integers(min_value=0), st.binary(min_size=1, max_size=8), st.booleans()),
)


@given(data=files)
@example(data=_docx(b"<w:document"))
@example(data=_docx(f'<a xmlns:w="{W}"/>'.encode()))
def test_any_file_is_paragraphs_or_refused_with_a_message(data):
    try:
        paragraphs = docx_import.extract(data)
    except docx_import.NotADocx as refused:
        assert_vietnamese(refused)
        event("refused")
        return
    event("read")
    assert all(isinstance(p, str) and p.strip() for p in paragraphs)


SECTIONS = [
    ("general", "Tình hình chung"),
    ("mood", "Tâm trạng, tư tưởng, dư luận"),
    ("recommendations", "Kiến nghị, bức xúc"),
    ("incidents", "Vụ việc phức tạp"),
    ("proposals", "Kiến nghị, đề xuất"),
]


@given(paragraphs=st.lists(texts.filter(str.strip), max_size=20), count=st.integers(0, 5))
def test_splitting_into_sections_loses_no_paragraph_of_text(paragraphs, count):
    sections = SECTIONS[:count]
    texts_by_code = docx_import.split_into_sections(paragraphs, sections)
    assert set(texts_by_code) == {code for code, _t in sections}
    kept = "\n\n".join(texts_by_code.values())
    for paragraph in paragraphs:
        # every paragraph is kept, unless it was read as the heading of a section
        assert paragraph in kept or docx_import._looks_like_heading(paragraph) or not sections


@pytest.fixture
def draft(world, reporting_clock) -> Submission:
    """Commune A's draft of week 48, its sections saved: made once, each input rolled back."""
    weekly = Schedule.objects.get(slug="weekly")
    submission = services.submission_draft(
        actor=world.compiler_a, unit=world.commune_a, schedule=weekly, period_key="2026-W48"
    )
    sections = list(submission.sections.all())
    for section in sections:
        section.text = f"Nội dung đã lưu của phần {section.title}"
    type(sections[0]).objects.bulk_update(sections, ["text"])
    return submission


def _sections(submission: Submission) -> dict:
    return {s.code: (s.text, s.version) for s in submission.sections.all()}


@pytest.mark.django_db
@through_the_database
@given(data=files)
def test_a_refused_upload_leaves_the_report_as_it_was(world, draft, data):
    before = _sections(draft)
    with rolled_back():
        try:
            services.submission_upload_docx(
                actor=world.compiler_a,
                unit=world.commune_a,
                schedule=draft.schedule,
                period_key=draft.period_key,
                upload=SimpleUploadedFile("bao-cao.docx", data),
            )
        except ValidationError as refused:
            assert_vietnamese(refused.message)
            draft.refresh_from_db()
            assert _sections(draft) == before
            assert draft.source != Submission.Source.UPLOADED
            return
        draft.refresh_from_db()
        assert draft.source == Submission.Source.UPLOADED
