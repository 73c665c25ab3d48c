"""The composite report page says what its Word file says: the same six sections, in the same
order and numbering, with sorted tables."""

import html
import re

import pytest
from django.urls import reverse

from dantinh.reporting import docbuild
from dantinh.reporting.models import Schedule
from dantinh.reporting.periods import resolve
from tests.reporting.test_drafting import window_items  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _page(client, world, unit):
    client.force_login(world.compiler_a)
    response = client.get(
        reverse("reporting:composite"),
        {"unit": unit.pk, "schedule": "weekly", "period": "2026-W45"},
    )
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_page_has_the_six_sections_of_the_word_file(client, world, window_items):  # noqa: F811
    page = _page(client, world, world.commune_a)
    weekly = Schedule.objects.get(slug="weekly")
    document, _submission = docbuild.for_period(
        unit=world.commune_a,
        schedule=weekly,
        period=resolve(weekly, "2026-W45"),
        user=world.compiler_a,
    )
    headings = re.findall(r'<h2 id="section-\d+">([^<]+)</h2>', page)
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI"]
    assert [h.split(". ", 1)[1] for h in headings] == [s.title for s in document.sections]
    for section in document.sections:
        for paragraph in section.paragraphs:
            assert paragraph.removeprefix("- ") in page, paragraph
        for table in section.tables:
            assert table.caption in page


def test_the_tables_put_the_largest_first(client, world, window_items):  # noqa: F811
    from dantinh.intake.models import Field
    from tests.factories import make_item

    for _ in range(3):
        make_item(
            world.reporter_a,
            world.village_a1,
            "Ô nhiễm rác thải",
            field=Field.objects.get(code="moi_truong"),
        )
    page = _page(client, world, world.commune_a)
    table = page.split("<caption")[1].split("</table>")[0]
    assert table.index("Môi trường") < table.index("Đất đai")  # 3 items before 1


def test_the_main_charts_are_in_the_page_and_the_word_file(client, world, window_items):  # noqa: F811
    import io

    from docx import Document
    from docx.oxml.ns import qn

    from dantinh.documents.render import render_docx

    page = _page(client, world, world.commune_a)
    charts = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)"', page)
    assert charts == [
        "Biểu đồ: Thông tin theo lĩnh vực (số liệu ở bảng bên dưới)",
        "Biểu đồ: Thông tin theo tuần (số liệu ở bảng bên dưới)",
        "Biểu đồ: Thông tin theo chiều hướng tâm trạng (số liệu ở bảng bên dưới)",
    ]
    weekly = Schedule.objects.get(slug="weekly")
    document, _submission = docbuild.for_period(
        unit=world.commune_a, schedule=weekly, period=resolve(weekly, "2026-W45"), user=world.admin
    )
    word = Document(io.BytesIO(render_docx(document)))
    assert len(word.element.body.findall(".//" + qn("w:drawing"))) == 3
