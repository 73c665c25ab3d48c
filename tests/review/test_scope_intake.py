"""Scope of the item pages beyond the item itself: import jobs after the tree changes,
uploaded files, and the language model's page (whose figures are the whole deployment's)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError
from dantinh.intake import services, training
from dantinh.intake.models import ImportJob
from dantinh.org import services as org_services
from tests.factories import Role, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def job_a1(world):
    """An import for village A1, made by commune A's compiler (left waiting in the queue)."""
    return services.import_start(
        actor=world.compiler_a,
        unit=world.village_a1,
        upload=SimpleUploadedFile("thon-a1.csv", "Nội dung\nGiá phân bón tăng\n".encode()),
    )


@pytest.mark.parametrize(
    ("who", "before", "after"),
    [
        ("compiler_a", 200, 404),
        ("compiler_b", 404, 200),
        ("admin", 200, 200),
        ("reporter_b", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_an_import_follows_its_unit_when_the_unit_moves(client, world, job_a1, who, before, after):
    client.force_login(getattr(world, who))
    url = reverse("intake:import_detail", args=[job_a1.pk])
    assert client.get(url).status_code == before
    org_services.unit_move(actor=world.admin, unit=world.village_a1, new_parent=world.commune_b)
    assert client.get(url).status_code == after
    job = ImportJob.objects.select_related("unit").get(pk=job_a1.pk)
    assert job.unit_path == job.unit.path


def test_uploaded_files_are_not_served_by_address(client, world, items, settings):
    attachment = services.item_attach(
        actor=world.reporter_a,
        item=items["a"],
        upload=SimpleUploadedFile("bien-ban.txt", b"bien ban"),
    )
    for who in (world.reporter_a, world.reporter_b, None):
        if who is None:
            client.logout()
        else:
            client.force_login(who)
        assert client.get(settings.MEDIA_URL + attachment.file.name).status_code == 404


@pytest.fixture
def admin_a(world):
    return member("admin_a", world.commune_a, Role.ADMIN)


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("admin_a", 404), ("compiler_a", 404), ("outsider", 404)]
)
def test_the_language_model_page_is_for_the_whole_deployments_administrators(
    client, world, admin_a, who, status
):
    """It counts the corrections of every item in the deployment and lists every retraining:
    only for those who manage the shared lists, which is at a root unit (issue 8.4)."""
    user = admin_a if who == "admin_a" else getattr(world, who)
    client.force_login(user)
    assert client.get(reverse("intake:language_model")).status_code == status
    lists = client.get(reverse("intake:taxonomy_edit"))
    assert lists.status_code == status
    if status == 200:
        assert reverse("intake:language_model") in lists.content.decode()


def test_a_communes_administrator_cannot_start_a_retraining(world, admin_a):
    with pytest.raises(PermissionDeniedError):
        training.training_start(actor=admin_a)


def test_an_item_with_an_attachment_shows_its_history(client, world, items):
    """Found by this review: the history read "attachments" as a field and the page failed."""
    services.item_attach(
        actor=world.reporter_a, item=items["a"], upload=SimpleUploadedFile("bien-ban.txt", b"x")
    )
    client.force_login(world.reporter_a)
    page = client.get(reverse("intake:item_detail", args=[items["a"].pk]))
    assert page.status_code == 200
    assert "bien-ban.txt" in page.content.decode()
