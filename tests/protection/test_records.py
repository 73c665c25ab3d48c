"""The register of processing activities and the impact-assessment dossier are generated from
the system's configuration: change a retention period or a list, and the documents follow."""

import io

import pytest
from django.urls import reverse
from docx import Document

from dantinh.core.models import AuditEntry
from dantinh.intake.models import Field
from dantinh.protection import letters, records
from dantinh.protection.models import RetentionRule
from tests.protection.conftest import login

pytestmark = pytest.mark.django_db


def _text(doc) -> str:
    document = Document(io.BytesIO(letters.docx(doc)))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_register_follows_the_configuration(world):
    RetentionRule.objects.filter(kind="items").update(keep_days=1234)
    text = _text(records.register_document())
    assert "1234" in text
    assert "Tôn giáo, tín ngưỡng (tôn giáo, tín ngưỡng)" in text  # a sensitive field, marked
    assert "quản trị" in text.lower()  # the roles, by their names
    Field.objects.filter(code="ton_giao_tin_nguong").update(is_active=False)
    assert "Tôn giáo, tín ngưỡng (tôn giáo" not in _text(records.register_document())


def test_the_dossier_names_the_controller_the_sensitive_categories_and_the_safeguards(world):
    text = _text(records.impact_assessment_document())
    assert "Thành phố Hải Phòng" in text
    assert "ĐÁNH GIÁ RỦI RO" in text.upper()
    assert "Đăng nhập hai bước" in text
    sensitive = [c for c in records.categories() if c.sensitive]
    assert f"Có {len(sensitive)} loại dữ liệu" in text


def test_recipients_count_who_holds_each_role(world):
    rows = {row[0]: row for row in records.recipients()}
    counts = {name: row[1] for name, row in rows.items()}
    assert sum(counts.values()) == 7  # the world's seven memberships


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("reporter_a", 404),
        ("compiler_a", 404),
        ("leader", 404),
        ("commune_admin", 404),
        ("admin", 200),
        ("superuser", 200),
    ],
)
def test_records_pages_by_role(client, world, commune_admin, who, status):
    login(client, world, who, commune_admin)
    assert client.get(reverse("protection:records")).status_code == status
    for which in ("register", "impact"):
        response = client.get(reverse("protection:records_download", args=[which]))
        assert response.status_code == status
        if status == 200:
            assert response["Content-Type"] == letters.DOCX
    exported = AuditEntry.objects.filter(action="export", object_type__startswith="protection.")
    assert exported.count() == (2 if status == 200 else 0)


def test_an_unknown_record_is_not_found(client, world):
    client.force_login(world.admin)
    assert client.get(reverse("protection:records_download", args=["other"])).status_code == 404
