"""Every endpoint that names an object, against commune B's objects: for people of commune A
and for someone with no role, each answers 404, exactly as it does for an id that does not
exist, and nothing changes; commune B's compiler gets the page (the control)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dantinh.accounts import services as account_services
from dantinh.accounts.models import ApiToken
from dantinh.cases import services as case_services
from dantinh.intake import services as item_services
from dantinh.intake.models import ItemExportJob
from dantinh.media import services as media_services
from dantinh.org.models import User
from dantinh.reporting import exports, notify, services
from dantinh.reporting.models import ExportJob, Notification, Submission
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db
MISSING = 999_999
NOT_YOURS = ["reporter_a", "compiler_a", "outsider"]


class Key(str):
    """In an endpoint's data: the id of one of commune B's objects (a query or form value)."""


@pytest.fixture
def b(world, items, weekly):
    """Commune B's objects: an item, an import, an items export, a report with an attachment and a finished
    Word export, a notification to its compiler, and its compiler's membership."""
    submission = services.submission_draft(
        actor=world.compiler_b,
        unit=world.commune_b,
        schedule=weekly,
        period_key="2026-W45",
        now=at(2026, 11, 3),
    )
    attachment = services.submission_attach(
        actor=world.compiler_b,
        submission=submission,
        upload=SimpleUploadedFile("bien-ban.txt", b"bien ban"),
    )
    services.submission_submit(
        actor=world.compiler_b, submission=submission, now=at(2026, 11, 5, 10, 0)
    )
    job = exports.export_start(actor=world.compiler_b, submission=submission, fmt="docx")
    job.file.save(job.file_name, ContentFile(b"docx"), save=False)
    job.status = ExportJob.Status.DONE
    job.save()
    notify.notify(
        [world.compiler_b],
        kind=Notification.Kind.CHASE,
        unit=world.commune_b,
        params={"unit": "Xã An Hưng", "title": "Báo cáo tuần"},
    )
    item_export = ItemExportJob.objects.create(
        requested_by=world.compiler_b,
        unit_path=world.commune_b.path,
        status=ItemExportJob.Status.DONE,
        file_name="thong-tin.xlsx",
    )
    item_export.file.save("thong-tin.xlsx", ContentFile(b"xlsx"), save=True)
    imported = item_services.import_start(
        actor=world.compiler_b,
        unit=world.commune_b,
        upload=SimpleUploadedFile("b.csv", "Nội dung\nGiá phân bón\n".encode()),
    )
    token, _ = account_services.token_issue(actor=world.compiler_b, name="B", days=30)
    media_source = media_services.source_create(
        actor=world.admin, unit=world.commune_b, name="Zalo xã", kind="push"
    )
    media_services.posts_push(
        actor=world.admin,
        source=media_source,
        posts=[{"text": "Bà con Thôn Đông lo giá phân bón tăng trước vụ xuân", "id": "1"}],
    )
    post = media_source.posts.get()
    case = case_services.case_create(
        actor=world.compiler_b,
        unit=world.commune_b,
        place=world.village_b1,
        title="Ngừng việc tập thể ở thôn Đông",
        situation="Công nhân ngừng việc đòi trả lương.",
        opened_on="10/11/2026",
        items=[items["b"]],
    )
    return {
        "media_source": media_source.pk,
        "post": post.pk,
        "story": post.story_id,
        "case": case.pk,
        "person": world.compiler_b.pk,
        "token": token.pk,
        "item": items["b"].pk,
        "import": imported.pk,
        "item_export": item_export.pk,
        "unit": world.commune_b.pk,
        "submission": submission.pk,
        "attachment": attachment.pk,
        "export": job.pk,
        "membership": world.compiler_b.memberships.get().pk,
        "notification": Notification.objects.get(user=world.compiler_b).pk,
    }


# (method, url name, arguments by the keys of `b`, data, status for commune B's compiler)
ENDPOINTS = [
    ("get", "intake:item_detail", ["item"], None, 200),
    ("get", "intake:item_update", ["item"], None, 200),
    ("post", "intake:item_update", ["item"], {"text": "Sửa"}, 200),
    ("post", "intake:item_delete", ["item"], {}, 302),
    ("get", "intake:import_detail", ["import"], None, 200),
    ("get", "intake:item_export_detail", ["item_export"], None, 200),
    ("get", "intake:item_export_download", ["item_export"], None, 200),
    ("get", "org:unit_detail", ["unit"], None, 200),
    ("get", "org:unit_add", ["unit"], None, 403),
    ("post", "org:membership_toggle", ["membership"], {}, 404),  # a compiler manages no one
    ("get", "reporting:submission_detail", ["submission"], None, 200),
    ("post", "reporting:section_save", ["submission", "general"], {"text": "Mới"}, 302),
    ("post", "reporting:header_save", ["submission"], {"title": "Mới"}, 302),
    # Sent already: the owner is told it can no longer be changed, on the page itself.
    ("post", "reporting:submission_save", ["submission"], {"text-general": "Mới"}, 400),
    ("post", "reporting:redraft", ["submission"], {}, 302),
    ("post", "reporting:attach", ["submission"], {}, 302),
    ("get", "reporting:attachment", ["submission", "attachment"], None, 200),
    ("post", "reporting:attachment_delete", ["submission", "attachment"], {}, 302),
    (
        "get",
        "reporting:original",
        ["submission"],
        None,
        404,
    ),  # written in dantinh: no Word original
    ("post", "reporting:submit", ["submission"], {}, 302),
    (
        "post",
        "reporting:review",
        ["submission"],
        {"decision": "accept"},
        403,
    ),  # the superior reviews
    ("get", "reporting:version", ["submission", 1], None, 200),
    ("post", "reporting:export_start", ["submission", "docx"], {}, 302),
    ("get", "reporting:export_detail", ["export"], None, 200),
    ("get", "reporting:export_download", ["export"], None, 200),
    ("get", "reporting:notification_open", ["notification"], None, 302),
    ("get", "reporting:unit_document", ["unit"], None, 404),  # configured by an administrator
    ("post", "accounts:person_password_reset", ["person"], {}, 404),  # a compiler manages no one
    ("post", "accounts:person_second_factor_reset", ["person"], {}, 404),
    ("post", "accounts:person_unlock", ["person"], {}, 404),
    ("post", "accounts:token_revoke", ["token"], {}, 302),  # one's own token only
    ("get", "reporting:matrix_export", [], {"schedule": "weekly", "unit": Key("unit")}, 200),
    ("get", "cases:case_detail", ["case"], None, 200),
    ("get", "cases:case_edit", ["case"], None, 200),
    ("post", "cases:case_edit", ["case"], {"title": ""}, 200),
    ("get", "cases:case_risk", ["case"], None, 200),
    ("post", "cases:case_risk", ["case"], {"level": "co_kha_nang", "reason": "Tụ tập đông"}, 302),
    ("post", "cases:development_add", ["case"], {"happened_on": "20/11/2026", "text": "Họp"}, 302),
    ("post", "cases:items_link", ["case"], {"numbers": Key("item")}, 302),
    ("post", "cases:item_unlink", ["case", "item"], {}, 302),
    ("post", "cases:recommendations_link", ["case"], {"numbers": "1"}, 302),
    ("get", "media:story_detail", ["story"], None, 200),
    ("post", "media:story_case", ["story"], {"case": ""}, 302),
    ("post", "media:post_promote", ["post"], {}, 302),
    ("post", "media:story_promote", ["story"], {}, 302),
    ("get", "media:source_detail", ["media_source"], None, 200),
    # sources are an administrator's: their compiler reads them, changes nothing
    ("post", "media:source_detail", ["media_source"], {"name": "x"}, 403),
    ("post", "media:source_upload", ["media_source"], {}, 403),
    ("post", "media:source_poll", ["media_source"], {}, 403),
    ("post", "media:source_delete", ["media_source"], {}, 403),
]


def _args(keys, objects, missing=False):
    return [(MISSING if missing else objects[k]) if k in objects else k for k in keys]


def _data(data, objects, missing=False):
    if data is None:
        return None
    return {
        k: ((MISSING if missing else objects[v]) if isinstance(v, Key) else v)
        for k, v in data.items()
    }


def _snapshot(world):
    from dantinh.core.models import AuditEntry
    from dantinh.intake.models import Item

    return (
        Item.objects.count(),
        AuditEntry.objects.count(),
        list(Submission.objects.values_list("status", "title")),
        Notification.objects.filter(read_at__isnull=False).count(),
        list(world.compiler_b.memberships.values_list("is_active", flat=True)),
        User.objects.get(pk=world.compiler_b.pk).password,
        list(ApiToken.objects.values_list("revoked_at", flat=True)),
    )


@pytest.mark.parametrize(
    ("method", "name", "keys", "data", "owner"),
    ENDPOINTS,
    ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS],
)
def test_not_yours_reads_like_not_found(client, world, b, method, name, keys, data, owner):
    before = _snapshot(world)
    for who in NOT_YOURS:
        client.force_login(getattr(world, who))
        call = getattr(client, method)
        url, missing_url = (
            reverse(name, args=_args(keys, b)),
            reverse(name, args=_args(keys, b, True)),
        )
        assert call(url, _data(data, b)).status_code == 404, who
        assert call(missing_url, _data(data, b, missing=True)).status_code == 404, who
    assert _snapshot(world) == before
    client.force_login(world.compiler_b)
    response = getattr(client, method)(reverse(name, args=_args(keys, b)), _data(data, b))
    assert response.status_code == owner


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("items", "item"),
        ("units", "unit"),
        ("submissions", "submission"),
        ("cases", "case"),
        ("media/stories", "story"),
        ("media/sources", "media_source"),
    ],
)
def test_the_api_reads_like_not_found(client, world, b, path, key):
    client.force_login(world.compiler_a)
    assert client.get(f"/api/v1/{path}/{b[key]}/").status_code == 404
    assert client.get(f"/api/v1/{path}/{MISSING}/").status_code == 404
    assert client.patch(
        f"/api/v1/{path}/{b[key]}/", {"text": "Sửa"}, content_type="application/json"
    ).status_code in (404, 405)
    assert client.delete(f"/api/v1/{path}/{b[key]}/").status_code in (404, 405)
    client.force_login(world.compiler_b)
    assert client.get(f"/api/v1/{path}/{b[key]}/").status_code == 200


@pytest.mark.parametrize("who", ["compiler_a", "reporter_a"])
def test_lists_and_filters_name_nothing_of_commune_b(
    client, world, b, who, django_capture_on_commit_callbacks
):
    client.force_login(getattr(world, who))
    unit_b = {"unit": b["unit"]}
    pages = [
        client.get(reverse("intake:item_list"), unit_b),
        client.get(reverse("intake:item_list"), {"q": "phan bon"}),
        client.get(reverse("home")),
        client.get(reverse("org:unit_list")),
        client.get(reverse("org:unit_picker"), {"unit_q": "An Hưng"}),
        client.get(reverse("reporting:home")),
        client.get(reverse("reporting:notifications")),
        client.get(reverse("reporting:adhoc_list")),
        client.get("/api/v1/items/", unit_b),
        client.get("/api/v1/units/", {"q": "An Hung"}),
        client.get("/api/v1/submissions/"),
        client.get(reverse("cases:board")),
        client.get(reverse("cases:case_list")),
        client.get("/api/v1/cases/"),
        client.get(reverse("media:story_list")),
        client.get(reverse("media:post_list")),
        client.get(reverse("media:source_list")),
        client.get("/api/v1/media/stories/"),
        client.get("/api/v1/media/sources/"),
        client.get("/api/v1/timeliness/", {"schedule": "weekly", "period": "2026-W45"}),
    ]
    for response in pages:
        body = response.content.decode()
        assert "An Hưng" not in body and "phân bón" not in body and "Thôn Đông" not in body, (
            response.request
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:item_export"), {"query": f"unit={b['unit']}"})
    job = ItemExportJob.objects.get(requested_by=getattr(world, who))
    export = client.get(reverse("intake:item_export_download", args=[job.pk]))
    assert export.status_code == 200
    text = _xlsx_text(b"".join(export.streaming_content))
    assert "An Hưng" not in text and "phân bón" not in text


def _xlsx_text(content: bytes) -> str:
    import io

    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return "\n".join(str(c) for row in ws.iter_rows(values_only=True) for c in row)


def test_the_api_description_is_for_signed_in_users(client, world):
    assert client.get("/api/v1/schema/").status_code in (401, 403)
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/login/")
    client.force_login(world.reporter_a)
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200
