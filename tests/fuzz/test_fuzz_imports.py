"""Spreadsheet and CSV import of items (`intake/imports.py`), fuzzed: any bytes under any name
are read into rows or refused with a Vietnamese message (RejectedFile), never anything else;
and a whole import job ends done with every row saved or failed with nothing saved, each
error in Vietnamese, the items already saved untouched."""

import csv
import io
import re
from xml.sax.saxutils import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import event, example, given
from hypothesis import strategies as st

from dantinh.intake import imports, services
from dantinh.intake.models import ImportJob, Item
from tests.factories import make_item
from tests.fuzz.conftest import assert_vietnamese, rolled_back, through_the_database
from tests.intake.test_import import GOOD, HEADER, xlsx
from tests.intake.test_import_hostile import sheet, workbook

pytestmark = pytest.mark.django_db

# --- cells: the values a person types, a spreadsheet holds, and worse -------------------------

plausible_cells = st.sampled_from(
    [
        "02/11/2026",
        "2026-11-03",
        "31/02/2026",
        "15/10/0001",
        "01/01/2027",
        "Tổ dân phố số 1",
        "to dan pho so 2",
        "11311",
        "Phường Lê Chân",
        "Kiến nghị, bức xúc",
        "tam_trang",
        "Giao thông, hạ tầng",
        "moi_truong; khac",
        "Bức xúc",
        "lo lang",
        "du_luan_xa_hoi",
        "Cốt cán, người có uy tín, người dân",
        "Người dân phản ánh đường ngõ ngập sau mưa",
        "40",
        "3.7",
        "1.000",
        "5000000000",
        "-1",
        "1e30",
        "baodientu.vn/bai-viet",
        "javascript:alert(1)",
        '=HYPERLINK("http://x")',
        "",
        " ",
    ]
)
any_text = st.text(max_size=40)
cells = st.one_of(plausible_cells, any_text)
header_cells = st.one_of(st.sampled_from([*HEADER, "Nội dung (*)", "noi dung", "text"]), any_text)


@st.composite
def tables(draw):
    """A header (the template's, shuffled, cut or padded) and a few rows of cells."""
    if draw(st.booleans()):  # the template as given, rows nearly right
        rows = []
        for _i in range(draw(st.integers(min_value=1, max_value=5))):
            row = [str(v) for v in draw(st.sampled_from(GOOD))]
            for _j in range(draw(st.integers(min_value=0, max_value=2))):
                row[draw(st.integers(min_value=0, max_value=len(row) - 1))] = draw(cells)
            rows.append(row)
        return [list(HEADER), *rows]
    header = list(HEADER)
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    header = header[: draw(st.integers(min_value=0, max_value=len(header)))] or header
    header += draw(st.lists(header_cells, max_size=2))
    width = len(header)
    rows = draw(
        st.lists(
            st.one_of(
                st.lists(cells, min_size=width, max_size=width),
                st.lists(cells, max_size=width + 3),
            ),
            max_size=6,
        )
    )
    return [header, *rows]


@st.composite
def csv_files(draw):
    table = draw(tables())
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(table)
    text = buffer.getvalue()
    if draw(st.booleans()):  # a hand-edited file: a character dropped, doubled or inserted
        at = draw(st.integers(min_value=0, max_value=max(0, len(text) - 1)))
        edit = draw(st.sampled_from(["drop", "insert"]))
        piece = draw(st.sampled_from(['"', "\n", delimiter, "\x00", "\r"]))
        text = text[:at] + ("" if edit == "drop" else piece) + text[at + (edit == "drop") :]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1258", "utf-16"]))
    return text.encode(encoding, errors="replace")


class Number(str):
    """A cell's raw <v>alue, as a workbook's XML holds it."""


# Characters XML 1.0 cannot hold (Excel writes them as _x000B_): a generated text cell leaves
# them out, so that the workbook is refused only when the fuzzer meant it to be broken.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_cell(ref: str, value) -> str:
    if isinstance(value, Number):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(_NOT_XML.sub("", str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


numeric_xml = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["1e400", "NaN", "-0", "45000", "45000.5", "9" * 30, "1e30", ""]),
).map(lambda v: Number(str(v)))


def _column(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index] if index < 26 else "A" + _column(index - 26)


@st.composite
def xlsx_files(draw):
    """A workbook written part by part, so that its cells may hold what Excel would not."""
    table = draw(tables())
    rows = []
    for r, row in enumerate(table, start=1):
        rendered = []
        for c, value in enumerate(row):
            if r > 1 and draw(st.integers(min_value=0, max_value=4)) == 0:
                value = draw(numeric_xml)
            rendered.append(_xml_cell(f"{_column(c)}{r}", value))
        rows.append(f'<row r="{r}">{"".join(rendered)}</row>')
    xml = sheet("".join(rows))
    if draw(st.booleans()):  # a part edited by hand: any text inserted anywhere
        at = draw(st.integers(min_value=0, max_value=len(xml)))
        xml = (
            xml[:at]
            + draw(st.sampled_from(["<", "&", "&x;", "<!DOCTYPE a>", "\x01", ""]))
            + xml[at:]
        )
    return workbook(xml)


def _mutate(data: bytes, at: int, piece: bytes, cut: bool) -> bytes:
    at %= max(1, len(data))
    return data[:at] if cut else data[:at] + piece + data[at + len(piece) :]


BASE_XLSX = None


def _base_xlsx() -> bytes:
    global BASE_XLSX
    if BASE_XLSX is None:
        BASE_XLSX = xlsx(GOOD)
    return BASE_XLSX


files = st.one_of(
    st.tuples(csv_files(), st.just("tuan.csv")),
    st.tuples(xlsx_files(), st.just("tuan.xlsx")),
    st.tuples(st.binary(max_size=300), st.sampled_from(["a.csv", "a.xlsx", "a.XLSX", "a.xls", ""])),
    st.builds(
        lambda at, piece, cut: (_mutate(_base_xlsx(), at, piece, cut), "mau.xlsx"),
        st.integers(min_value=0),
        st.binary(min_size=1, max_size=8),
        st.booleans(),
    ),
)


def _check_rows(data: bytes, name: str) -> list[list] | None:
    try:
        rows = imports.read_rows(data, name)
    except imports.RejectedFile as refused:
        assert_vietnamese(refused.message)
        event(f"{name} refused")
        return None
    event(f"{name} read")
    assert isinstance(rows, list)
    assert all(isinstance(row, list) and len(row) <= imports.MAX_COLUMNS for row in rows)
    return rows


@given(file=files)
@example(file=(b'"Ng\xc3\xa0y,N\xe1\xbb\x99i dung\n"abc', "a.csv"))
@example(file=(b"PK\x05\x06" + b"\x00" * 18, "a.xlsx"))
@example(
    file=(workbook(sheet('<row r="1"><c r="A1"><v>' + "9" * 5000 + "</v></c></row>")), "a.xlsx")
)
def test_any_file_is_read_into_rows_or_refused_with_a_message(file):
    _check_rows(*file)


# --- a whole import job ---------------------------------------------------------------------


@pytest.fixture
def in_memory_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@through_the_database
@given(
    file=st.one_of(
        st.tuples(csv_files(), st.just("tuan.csv")), st.tuples(xlsx_files(), st.just("tuan.xlsx"))
    )
)
@example(file=(xlsx(GOOD), "tuan.xlsx"))
def test_an_import_saves_every_row_or_nothing(world, in_memory_files, file):
    data, name = file
    with rolled_back():
        kept = make_item(world.compiler_a, world.village_a1, "Tin đã lưu trước khi nhập tệp")
        before = Item.objects.count()
        job = services.import_start(
            actor=world.compiler_a, unit=world.commune_a, upload=SimpleUploadedFile(name, data)
        )
        job = imports.run(ImportJob.objects.get(pk=job.pk))
        assert job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED)
        event(f"{name[-4:]} {job.status}: {job.message[:30]}")
        assert job.finished_at is not None
        assert_vietnamese(job.message)
        for error in job.errors:
            assert_vietnamese(error["message"])
        if job.status == ImportJob.Status.DONE:
            assert job.created_count > 0
            assert Item.objects.count() == before + job.created_count
            assert Item.objects.filter(import_job=job).count() == job.created_count
        else:
            assert job.created_count == 0
            assert Item.objects.count() == before
        kept_now = Item.objects.get(pk=kept.pk)
        assert (kept_now.text, kept_now.version) == (kept.text, kept.version)
