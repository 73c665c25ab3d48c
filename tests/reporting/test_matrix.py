"""The timeliness matrix as people read it: every mark explained, both rates apart, worst
units first, and the same table as an Excel file (formula-safe, within scope)."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dantinh.core.models import AuditEntry
from dantinh.reporting import services
from tests.factories import Role, make_unit, member
from tests.reporting.conftest import at
from tests.reporting.test_timeliness import send

pytestmark = pytest.mark.django_db
HOSTILE = '=HYPERLINK("http://x.invalid","Bấm")'


@pytest.fixture
def weeks(world, weekly):
    """Commune A on time in W45, returned in W46, a draft for W48 (not yet due); commune B
    late in W45, nothing since; a third commune whose name is a formula, nothing sent."""
    send(world, world.commune_a, world.compiler_a, at(2026, 11, 5, 10, 0))
    w46 = send(world, world.commune_a, world.compiler_a, at(2026, 11, 12, 10, 0), "2026-W46")
    services.submission_return(
        actor=world.leader, submission=w46, comment="Sửa", now=at(2026, 11, 12, 11)
    )
    services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W48",
        now=at(2026, 11, 24),
    )
    send(world, world.commune_b, world.compiler_b, at(2026, 11, 5, 17, 0))
    hostile = make_unit(HOSTILE, world.province)
    member("bdv.hostile", hostile, Role.COMPILER)
    return hostile


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("reporting:matrix"), {"schedule": "weekly", "n": 4, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_every_mark_in_the_matrix_is_in_the_legend(client, world, weeks):
    page = _page(client, world.leader)
    legend = page.split('<ul class="legend"')[1].split("</ul>")[0]
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    marks = set(re.findall(r'aria-hidden="true">([^<]+)</span>', body))
    assert marks == {"✓", "!", "↩", "✕", "…", "·"}
    explained = set(re.findall(r'<i class="cell [a-z_ ]+">([^<]+)</i>', legend))
    assert marks <= explained
    # A unit's mark opens its report (the links are written from the reports' ids).
    links = re.findall(r'<a href="([^"]+/(\d+)/)" title=', body)
    assert len(links) >= 4
    for href, pk in links:
        assert href == reverse("reporting:submission_detail", args=[int(pk)])
        assert client.get(href).status_code == 200


def test_worst_units_come_first_and_both_rates_are_told_apart(client, world, weeks):
    page = _page(client, world.leader)
    names = re.findall(r'<th scope="row" class="unit">(?:<a [^>]*>)?([^<]+)', page)
    # Periods due: W45, W46, W47. The formula-named commune sent nothing (0%), commune B one
    # late of three (33%), commune A one on time, one returned, W47 missing (33%, 33% on time).
    assert names == [HOSTILE.replace('"', "&quot;"), "Xã An Hưng", "Phường Lê Chân", "Tất cả"]
    by_name = _page(client, world.leader, sort="name")
    names = re.findall(r'<th scope="row" class="unit">(?:<a [^>]*>)?([^<]+)', by_name)
    assert names == [HOSTILE.replace('"', "&quot;"), "Phường Lê Chân", "Xã An Hưng", "Tất cả"]
    footer = page.split("<tfoot>")[1]
    w45 = re.findall(
        r'<span class="r-submitted">(\d+)%</span><span class="r-on-time">(\d+)%', footer
    )
    # W45: A on time, B late, the third missing: 2 of 3 submitted (67%), 1 on time (33%).
    assert w45[0] == ("67", "33")
    assert "Đã nộp 2/3 báo cáo (67%), trong đó đúng hạn 1 (33% số phải nộp)" in footer


def test_the_current_period_is_marked_and_the_matrix_scrolls_inside_itself(client, world, weeks):
    page = _page(client, world.leader)
    assert re.search(r'<th scope="col" class="current" aria-current="true"[^>]*>Tuần 48/2026', page)
    assert '<div class="matrix-wrap" data-scroll-end' in page


def test_the_matrix_downloads_as_a_formula_safe_workbook(client, world, weeks):
    client.force_login(world.leader)
    response = client.get(
        reverse("reporting:matrix_export"),
        {"schedule": "weekly", "n": 4, "unit": world.province.pk},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "Đơn vị")
    assert header[1:5] == ("Tuần 45/2026", "Tuần 46/2026", "Tuần 47/2026", "Tuần 48/2026")
    by_unit = {r[0]: r for r in rows[rows.index(header) + 1 :]}
    assert by_unit["Phường Lê Chân"][1:5] == (
        "đúng hạn",
        "bị trả lại, chưa gửi lại",
        "chưa nộp",
        "chưa đến hạn",
    )
    assert by_unit["'" + HOSTILE][1] == "chưa nộp"  # the name is text, not a live formula
    assert by_unit["Tất cả"][1] == "nộp 2/3 (67%); đúng hạn 1/3 (33%)"
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    entry = AuditEntry.objects.filter(action="export", object_type="reporting.timeliness").get()
    assert entry.actor_name == "leader" and entry.unit_id == world.province.pk


def test_the_workbook_holds_only_the_scope(client, world, weeks):
    client.force_login(world.compiler_b)
    response = client.get(reverse("reporting:matrix_export"), {"schedule": "weekly"})
    text = str(
        [r for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    )
    assert "Xã An Hưng" in text and "Phường Lê Chân" not in text and "HYPERLINK" not in text
    forbidden = client.get(
        reverse("reporting:matrix_export"), {"schedule": "weekly", "unit": world.province.pk}
    )
    assert forbidden.status_code == 404
