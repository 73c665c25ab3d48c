"""Hostile spreadsheets (issue 9.5 and 9.6): files built to exhaust memory, to expand XML
entities or read local files, or simply broken, are refused with a Vietnamese message, and
every import job ends, whatever goes wrong inside it."""

import io
import logging
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dantinh.intake import imports, services
from dantinh.intake.models import ImportJob, Item
from tests.intake.test_import import GOOD, xlsx

pytestmark = pytest.mark.django_db

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(sheet_xml: str, shared_strings: str | None = None) -> bytes:
    """A minimal .xlsx written by hand, so that its parts can say anything."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        overrides = (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            if shared_strings
            else ""
        )
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            f"{overrides}</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}"><sheets><sheet name="Thông tin" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        shared_rel = (
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            if shared_strings
            else ""
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{shared_rel}'
            "</Relationships>",
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared_strings:
            z.writestr("xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


def sheet(rows: str, dimension: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">{dim}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def run_upload(world, name: str, content: bytes) -> ImportJob:
    job = services.import_start(
        actor=world.compiler_a, unit=world.commune_a, upload=SimpleUploadedFile(name, content)
    )
    return imports.run(ImportJob.objects.get(pk=job.pk))


def test_rows_stretched_to_the_last_column_stay_small_in_memory():
    """Each row's one cell in column XFD made every row 16,384 cells wide: 50,000 such rows
    needed about 6 GB. Only the template's columns are read now."""
    rows = 2_000
    body = text_cell("A1", "Nội dung") + "".join(
        f'<row r="{n}">{text_cell(f"XFD{n}", "x")}</row>' for n in range(2, rows + 2)
    )
    data = workbook(sheet(f'<row r="1">{text_cell("A1", "Nội dung")}</row>' + body))
    assert len(data) < 200_000
    tracemalloc.start()
    try:
        read = imports.read_rows(data, "rong.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(read) == rows + 1
    assert max(len(r) for r in read) == imports.MAX_COLUMNS
    assert peak < 200 * 2**20 / 10  # the bound is 200 MB for 50,000 rows; 2,000 take 1/25th


def test_a_sheet_declaring_too_many_rows_is_refused_before_reading():
    data = workbook(
        sheet(f'<row r="1">{text_cell("A1", "Nội dung")}</row>', dimension="A1:L200000")
    )
    with pytest.raises(imports.RejectedFile) as refused:
        imports.read_rows(data, "lon.xlsx")
    assert refused.value.message == "Tệp có hơn 50000 dòng; hãy tách thành nhiều tệp."


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNCOMPRESSED", 2 * 2**20)
    padding = " " * (4 * 2**20)  # compresses to a few kilobytes
    data = workbook(sheet(f'<row r="1">{text_cell("A1", "Nội dung")}</row>{padding}'))
    assert len(data) < 50_000
    with pytest.raises(imports.RejectedFile) as refused:
        imports.read_rows(data, "bom.xlsx")
    assert refused.value.message.startswith("Tệp Excel khi giải nén sẽ lớn hơn 2 MB")


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + f']><sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>'
)


@pytest.mark.parametrize("shared", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_xml_entities_are_refused_and_the_job_ends(world, shared):
    data = workbook(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared)
    job = run_upload(world, "thuc-the.xlsx", data)
    assert job.status == ImportJob.Status.FAILED
    assert job.message == "Tệp Excel chứa nội dung XML bị cấm (khai báo thực thể)."
    assert job.finished_at is not None
    assert "root:" not in str(job.errors) + job.message


def test_a_csv_with_an_unclosed_quote_says_where(world):
    text = (
        "Ngày nắm bắt;Tên đơn vị;Loại tin;Lĩnh vực;Kênh nắm bắt;Nội dung\n"
        "05/11/2026;Tổ dân phố số 2;kien_nghi;moi_truong;to_cong_tac;Rác tồn đọng ở chợ\n"
        '06/11/2026;Tổ dân phố số 2;kien_nghi;moi_truong;to_cong_tac;"Đèn đường hỏng\n'
        "07/11/2026;Tổ dân phố số 1;kien_nghi;moi_truong;to_cong_tac;Ngập nước\n"
    )
    job = run_upload(world, "tuan.csv", text.encode())
    assert job.status == ImportJob.Status.FAILED
    assert job.message == "Dòng 3: dấu ngoặc kép chưa đóng."
    assert not Item.objects.exists()


def test_a_csv_with_sloppy_quotes_elsewhere_is_still_read(world):
    text = (
        "Ngày nắm bắt;Tên đơn vị;Loại tin;Lĩnh vực;Kênh nắm bắt;Nội dung\n"
        '05/11/2026;Tổ dân phố số 2;kien_nghi;moi_truong;to_cong_tac;"Chợ" tạm ngập rác\n'
    )
    job = run_upload(world, "tuan.csv", text.encode())
    assert job.status == ImportJob.Status.DONE, job.message
    assert Item.objects.get().text == "Chợ tạm ngập rác"


@pytest.mark.parametrize(
    "failure",
    [MemoryError, RecursionError, RuntimeError("bug")],
    ids=["memory", "recursion", "bug"],
)
def test_an_import_always_ends_whatever_fails_inside(world, monkeypatch, caplog, failure):
    def explode(*args, **kwargs):
        raise failure

    monkeypatch.setattr(imports, "validate", explode)
    with caplog.at_level(logging.ERROR, logger="dantinh.jobs"):
        job = run_upload(world, "tuan.xlsx", xlsx(GOOD))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.message == (
        "Việc nhập dữ liệu không hoàn thành do một lỗi ngoài dự kiến; chưa lưu dòng nào."
    )
    assert job.finished_at is not None
    assert f"ImportJob {job.pk} failed" in caplog.text
    assert not Item.objects.exists()


def _truncated_workbook() -> bytes:
    data = xlsx(GOOD)
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.xlsx", b""),
        ("a.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4),
        ("a.xlsx", _truncated_workbook()),
        ("a.xlsx", workbook("<worksheet><sheetData><row r='x'>")),
        ("a.xlsx", workbook(sheet('<row r="1"><c r="A1"><v>inf</v></c></row>'))),
        ("a.xlsx", workbook(sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'))),
        ("a.csv", b"\xff\xfe\x00\x00" * 100),
        ("a.csv", b'"' * 10_000),
        ("a.csv", b"a,b\n" + b"x" * 200_000),
    ],
    ids=[
        "empty",
        "zip-noise",
        "truncated",
        "broken-xml",
        "infinite-number",
        "missing-shared-string",
        "binary-csv",
        "quotes",
        "huge-cell",
    ],
)
def test_any_bytes_give_rows_or_a_message(name, content):
    try:
        rows = imports.read_rows(content, name)
    except imports.RejectedFile as refused:
        assert refused.message
    else:
        assert isinstance(rows, list)
