"""The recommendations section of a unit's monthly report: the register's figures, each
opening its records, and never a complainant."""

import json

import pytest
from django.utils import timezone

from dantinh.recommendations import complainants, services
from dantinh.reporting import services as report_services
from dantinh.reporting.models import Schedule
from tests.recommendations.conftest import make_rec

pytestmark = pytest.mark.django_db


def test_the_monthly_report_carries_the_register(client, world, directory, rec):
    complainants.complainant_set(
        actor=world.compiler_a, rec=rec, name="Lê Văn Bình", phone="0987654321"
    )
    rec = services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    rec = services.recommendation_answer(actor=directory.contact_a, rec=rec, text="Đã sửa đường")
    services.recommendation_close(actor=world.compiler_a, rec=rec)
    make_rec(
        world,
        "Kiến nghị lắp thêm đèn chiếu sáng ngõ 12 tổ dân phố số 2 vì tối",
        unit=world.village_a2,
    )
    submission = report_services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=Schedule.objects.get(slug="monthly"),
        period_key="2026-11",
        now=timezone.now(),
    )
    section = submission.sections.get(code="recommendations")
    assert "đã tiếp nhận 2," in section.text
    assert directory.ubnd_a.name in json.dumps(section.data, ensure_ascii=False)
    table = next(
        t
        for t in section.data["tables"]
        if t["rows"] and t["rows"][0][1] and isinstance(t["rows"][0][1], dict)
    )
    href = table["rows"][0][1]["href"]
    client.force_login(world.compiler_a)
    page = client.get(href).content.decode()
    assert rec.item.headline in page
    everything = section.text + json.dumps(section.data, ensure_ascii=False)
    assert "Lê Văn Bình" not in everything and "0987654321" not in everything
    # Another commune's report does not count them.
    other = report_services.submission_draft(
        actor=world.compiler_b,
        unit=world.commune_b,
        schedule=Schedule.objects.get(slug="monthly"),
        period_key="2026-11",
        now=timezone.now(),
    )
    assert directory.ubnd_a.name not in json.dumps(
        other.sections.get(code="recommendations").data, ensure_ascii=False
    )
