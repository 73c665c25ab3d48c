import pytest
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError
from dantinh.core.models import AuditEntry
from dantinh.intake import services
from dantinh.intake.models import Field, Kind, Mood
from tests.factories import Role, member

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


@pytest.fixture
def admin_a(world):
    """An administrator of a commune: manages its users, not the deployment's lists."""
    return member("admin_a", world.commune_a, Role.ADMIN)


# who, the lists page, saving an entry (the lists are the whole deployment's: issue 8.4)
ROLES = [
    ("admin", 200, 302),
    ("superuser", 200, 302),
    ("admin_a", 404, 404),
    ("compiler_a", 404, 404),
    ("leader", 404, 404),
    ("reporter_a", 404, 404),
    ("outsider", 404, 404),
]


@pytest.mark.parametrize(("who", "page", "save"), ROLES)
def test_lists_by_role(client, world, admin_a, who, page, save):
    client.force_login(admin_a if who == "admin_a" else getattr(world, who))
    url = reverse("intake:taxonomy_edit", args=["fields"])
    assert client.get(url).status_code == page
    field = Field.objects.get(code="khac")
    response = client.post(
        f"{url}?edit={field.pk}", {"entry-name": "Khác (đã sửa)", "entry-order": 1}
    )
    assert response.status_code == save
    field.refresh_from_db()
    assert (field.name == "Khác (đã sửa)") is (save == 302)
    menu = client.get(reverse("home")).content.decode()
    assert (f'href="{reverse("intake:taxonomy_edit")}"' in menu) is (page == 200)


def test_a_communes_administrator_cannot_save_through_the_service(world, admin_a):
    with pytest.raises(PermissionDeniedError):
        services.taxonomy_save(actor=admin_a, model=Mood, code="moi", name="Mới", valence="neutral")
    assert not Mood.objects.filter(code="moi").exists()


@pytest.mark.parametrize("edit", ["abc", "9" * 25, "-1"])
def test_a_bad_entry_id_shows_the_add_form(client, world, edit):
    client.force_login(world.admin)
    response = client.get(reverse("intake:taxonomy_edit", args=["fields"]), {"edit": edit})
    assert response.status_code == 200
    assert "Thêm mục" in response.content.decode()


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
