"""Complainant data (SPEC §11): optional, apart, encrypted with rotation, shown only to those
who must act, each reading recorded, and never in a list, an export, a report, an API list,
a notification or the trail's values."""

import json

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse

from dantinh.core import audit, crypto
from dantinh.core.errors import PermissionDeniedError
from dantinh.core.models import AuditEntry
from dantinh.recommendations import complainants, selectors, services
from dantinh.recommendations.models import Complainant
from dantinh.reporting.models import Notification

pytestmark = pytest.mark.django_db
NAME, PHONE, ID = "Nguyễn Thị Hoa", "0912 345 678", "031190001234"


@pytest.fixture
def with_complainant(world, directory, rec):
    complainants.complainant_set(
        actor=world.compiler_a, rec=rec, name=NAME, phone=PHONE, id_number=ID, address="Số 5 ngõ 12"
    )
    return rec


def _secrets(text: str) -> list[str]:
    return [s for s in (NAME, "0912345678", "0912 345 678", ID, "Số 5 ngõ 12") if s in text]


def test_stored_apart_and_encrypted(world, with_complainant):
    row = Complainant.objects.get()
    raw = bytes(row.data)
    assert not _secrets(raw.decode("latin-1"))
    assert not _secrets(row.lookup)
    assert not _secrets(json.dumps(list(type(with_complainant).objects.values())[0], default=str))


def test_readable_only_by_those_who_act_and_each_read_is_recorded(
    world, directory, with_complainant
):
    rec = with_complainant
    assert complainants.complainant_read(user=world.compiler_a, rec=rec).name == NAME
    for user in (
        world.reporter_a,
        world.leader,
        world.compiler_b,
        world.outsider,
        directory.contact_a,
    ):
        with pytest.raises(PermissionDeniedError):
            complainants.complainant_read(user=user, rec=rec)
    rec = services.recommendation_forward(actor=world.compiler_a, rec=rec, body=directory.ubnd_a)
    assert complainants.complainant_read(user=directory.contact_a, rec=rec).phone == PHONE
    reads = AuditEntry.objects.filter(
        action="read_personal", object_type="recommendations.complainant"
    )
    assert sorted(reads.values_list("actor_name", flat=True)) == ["compiler_a", "ubnd_a"]


def test_never_in_the_trail_values(world, directory, with_complainant):
    complainants.complainant_read(user=world.compiler_a, rec=with_complainant)
    complainants.complainant_set(actor=world.compiler_a, rec=with_complainant, name="Trần Văn Nam")
    entries = list(AuditEntry.objects.all())
    values = audit.values_of(entries)
    assert not _secrets(
        json.dumps(
            [v.__dict__ if hasattr(v, "__dict__") else v for v in values.values()],
            default=str,
            ensure_ascii=False,
        )
    )
    assert "Trần Văn Nam" not in json.dumps(
        [getattr(v, "__dict__", v) for v in values.values()], default=str, ensure_ascii=False
    )


def test_never_in_lists_pages_or_notifications(
    client, world, directory, with_complainant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.recommendation_forward(
            actor=world.compiler_a, rec=with_complainant, body=directory.ubnd_a
        )
    client.force_login(world.compiler_a)
    for url in (
        reverse("recommendations:list") + "?view=all",
        reverse("recommendations:list") + "?view=queue",
        reverse("recommendations:detail", args=[with_complainant.pk]),
        reverse("recommendations:figures"),
        reverse("reporting:notifications"),
    ):
        assert not _secrets(client.get(url).content.decode()), url
    assert not AuditEntry.objects.filter(action="read_personal").exists()  # not read by a page
    for note in Notification.objects.all():
        assert not _secrets(json.dumps(note.params, ensure_ascii=False))
    transmittal = client.get(reverse("recommendations:transmittal", args=[with_complainant.pk]))
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(transmittal.content)).read("word/document.xml").decode()
    assert not _secrets(xml)


def test_the_complainant_page_shows_it_and_records_the_read(
    client, world, directory, with_complainant
):
    client.force_login(world.compiler_a)
    page = client.get(reverse("recommendations:complainant", args=[with_complainant.pk]))
    assert NAME in page.content.decode()
    assert AuditEntry.objects.filter(action="read_personal").count() == 1
    client.force_login(world.reporter_a)
    assert (
        client.get(reverse("recommendations:complainant", args=[with_complainant.pk])).status_code
        == 404
    )
    assert AuditEntry.objects.filter(action="read_personal").count() == 1


def test_bad_phone_keeps_what_was_saved(client, world, with_complainant):
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("recommendations:complainant", args=[with_complainant.pk]),
        {"name": "Ai đó", "phone": "gọi tôi", "id_number": "", "address": ""},
    )
    assert "Hãy nhập số điện thoại" in response.content.decode()
    assert complainants.decrypt(Complainant.objects.get()).name == NAME


def test_rotation_re_encrypts_under_the_new_key(settings, world, with_complainant):
    old = list(settings.DATA_KEYS)
    new = Fernet.generate_key().decode()
    settings.DATA_KEYS = [new, *old]
    crypto.rotate()
    row = Complainant.objects.get()
    assert Fernet(new.encode()).decrypt(bytes(row.data))
    settings.DATA_KEYS = [new]
    assert complainants.decrypt(row).name == NAME


def test_a_data_subject_request_finds_their_rows(world, directory, with_complainant):
    found = selectors.complainants_matching(world.admin, phone="+84 912 345 678")
    assert [(r.pk, i.name) for r, i in found] == [(with_complainant.pk, NAME)]
    assert (
        selectors.complainants_matching(world.admin, name="nguyen thi hoa")[0][0]
        == with_complainant
    )
    assert selectors.complainants_matching(world.admin, id_number="999") == []
    assert AuditEntry.objects.filter(action="read_personal", actor_name="admin").count() == 2
    with pytest.raises(PermissionDeniedError):
        selectors.complainants_matching(world.compiler_a, phone=PHONE)
