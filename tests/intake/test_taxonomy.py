import pytest
from django.urls import reverse

from dantinh.core.models import AuditEntry
from dantinh.intake.models import Field, Kind, Mood

pytestmark = pytest.mark.django_db


def test_defaults_are_seeded_with_stable_codes(db):
    assert Field.objects.count() == 19 and Field.objects.filter(code="dat_dai").exists()
    assert set(Kind.objects.values_list("code", flat=True)) == {
        "hoat_dong",
        "tam_trang",
        "kien_nghi",
        "khieu_nai_to_cao",
        "vu_viec",
    }
    assert Mood.objects.get(code="buc_xuc").valence == "negative"


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("compiler_a", 404), ("reporter_a", 404)]
)
def test_lists_page_by_role(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(reverse("intake:taxonomy_edit", args=["fields"])).status_code == status


def test_rename_and_retire_keep_the_code(client, world):
    client.force_login(world.admin)
    field = Field.objects.get(code="moi_truong")
    response = client.post(
        reverse("intake:taxonomy_edit", args=["fields"]) + f"?edit={field.pk}",
        {"entry-code": "doi_ma", "entry-name": "Môi trường, biến đổi khí hậu", "entry-order": 2},
    )
    assert response.status_code == 302
    field.refresh_from_db()
    assert field.code == "moi_truong" and field.name == "Môi trường, biến đổi khí hậu"
    assert field.is_active is False  # the box was left unticked: retired
    entry = AuditEntry.objects.get(object_type="intake.field", action="update")
    assert entry.changes["name"] == ["Môi trường", "Môi trường, biến đổi khí hậu"]


def test_adding_an_entry(client, world):
    client.force_login(world.admin)
    client.post(
        reverse("intake:taxonomy_edit", args=["moods"]),
        {
            "entry-code": "tu_hao",
            "entry-name": "Tự hào",
            "entry-order": 9,
            "entry-is_active": "on",
            "entry-valence": "positive",
        },
    )
    assert Mood.objects.get(code="tu_hao").valence == "positive"
