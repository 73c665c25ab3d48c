"""Meetings: recorded with groups and counts, what was heard becoming items in one step."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.intake.models import Item
from dantinh.programme import services
from dantinh.programme.models import Meeting, MeetingPoint

pytestmark = pytest.mark.django_db
MISSING = 999_999


def test_points_become_items_with_the_meeting_as_channel_and_source(world):
    meeting = services.meeting_record(
        actor=world.compiler_a,
        unit=world.commune_a,
        kind="group_meeting",
        held_on=dt.date(2026, 7, 3),
        place="Hội trường Đảng ủy phường",
        groups={"retired_cadres": 20, "religious": 4},
        points=[
            "Cán bộ hưu trí phấn khởi trước kết quả sắp xếp bộ máy",
            "Chức sắc tôn giáo kiến nghị sớm cấp giấy chứng nhận đất cơ sở thờ tự",
        ],
        make_items=True,
    )
    items = list(Item.objects.filter(unit=world.commune_a).order_by("id"))
    assert [i.text for i in items] == [p.text for p in meeting.points.order_by("order")]
    assert {i.channel.code for i in items} == {"doi_thoai_tiep_xuc"}
    assert {i.observed_on for i in items} == {dt.date(2026, 7, 3)}
    assert all(f"/programme/meetings/{meeting.pk}/" in i.source_url for i in items)
    # labelled by the engine: the suggestion is stored with each item
    assert all(i.suggested.get("field") for i in items)
    assert meeting.participants == 24


def test_the_person_corrects_the_engine_before_the_items_are_made(world, meeting_b):
    first, second = meeting_b.points.order_by("order")
    assert first.suggested["field"]  # the engine proposed a field for each point
    made = services.meeting_make_items(
        actor=world.compiler_b,
        meeting=meeting_b,
        labels={first.pk: {"field": "moi_truong", "kind": "kien_nghi", "mood": ""}},
    )
    assert len(made) == 2
    first.refresh_from_db()
    assert first.item.field.code == "moi_truong" and first.item.mood is None
    assert first.item.label_corrected or first.suggested["field"] == "moi_truong"
    # once made, made again changes nothing
    assert services.meeting_make_items(actor=world.compiler_b, meeting=meeting_b) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"groups": {}}, "groups"),
        ({"groups": {"voters": "nhiều"}}, "groups"),
        ({"held_on": "30/02/2026"}, "held_on"),
        ({"held_on": dt.date(2026, 12, 1)}, "held_on"),  # after today (25/11/2026)
        ({"place": " "}, "place"),
        ({"kind": "party"}, "kind"),
        ({"points": ["x" * 5001]}, "points"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(world, change, field):
    values = {
        "kind": "dialogue",
        "held_on": "15/11/2026",
        "place": "Trụ sở UBND xã",
        "groups": {"voters": 30},
        "points": ["Người dân hỏi về tiến độ bồi thường"],
    } | change
    with pytest.raises(ValidationError) as exc:
        services.meeting_record(actor=world.compiler_b, unit=world.commune_b, **values)
    assert field in exc.value.errors
    assert not Meeting.objects.exists() and not Item.objects.exists()


def test_only_where_one_may_record(world):
    with pytest.raises(PermissionDeniedError):
        services.meeting_record(
            actor=world.reporter_a,
            unit=world.commune_b,
            kind="dialogue",
            held_on="15/11/2026",
            place="X",
            groups={"voters": 3},
            points=[],
        )


def test_a_meeting_whose_points_are_items_is_not_deleted(world, meeting_b):
    services.meeting_make_items(actor=world.compiler_b, meeting=meeting_b)
    with pytest.raises(ValidationError):
        services.meeting_delete(actor=world.compiler_b, meeting=meeting_b)
    assert Meeting.objects.filter(pk=meeting_b.pk).exists()


def test_editing_keeps_the_points_already_items(world, meeting_b):
    first = meeting_b.points.order_by("order").first()
    services.meeting_make_items(actor=world.compiler_b, meeting=meeting_b)
    services.meeting_update(
        actor=world.reporter_b,  # their own record
        meeting=meeting_b,
        version=meeting_b.version,
        kind="voter_contact",
        held_on="10/11/2026",
        place="Nhà văn hóa thôn Đông",
        groups={"voters": 50},
        new_points=["Cử tri đề nghị lắp thêm đèn chiếu sáng"],
    )
    texts = list(MeetingPoint.objects.filter(meeting=meeting_b).values_list("text", flat=True))
    assert first.text in texts and "Cử tri đề nghị lắp thêm đèn chiếu sáng" in texts
    assert meeting_b.groups.get().count == 50


def test_the_page_records_a_meeting_typed_on_a_phone(client, world):
    client.force_login(world.reporter_b)
    response = client.post(
        reverse("programme:meeting_create"),
        {
            "unit": world.village_b1.pk,
            "kind": "briefing",
            "held_on": "05/11/2026",
            "place": "Nhà văn hóa",
            "group_branch_secretaries": "6",
            "group_village_heads": "6",
            "points": "- Bà con phản ánh rác thải ven sông\n\n- Đề nghị nạo vét kênh mương",
            "make_items": "1",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.held_on == dt.date(2026, 11, 5)
    assert Item.objects.filter(unit=world.village_b1).count() == 2
    page = client.get(reverse("programme:meeting_detail", args=[meeting.pk]))
    assert "Bà con phản ánh rác thải ven sông" in page.content.decode()


def test_a_bad_date_is_said_in_vietnamese_and_what_was_typed_stays(client, world):
    client.force_login(world.reporter_b)
    response = client.post(
        reverse("programme:meeting_create"),
        {
            "unit": world.commune_b.pk,
            "kind": "dialogue",
            "held_on": "31/11/2026",
            "place": "Nhà văn hóa",
            "group_voters": "12",
            "points": "Người dân hỏi về tiến độ bồi thường",
        },
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "không phải là ngày" in body
    assert "Người dân hỏi về tiến độ bồi thường" in body
    assert not Meeting.objects.exists()


def _page(response, url: str) -> str:
    """The page without its per-response CSRF token and its own address."""
    body = response.content.decode().replace(url, "")
    return re.sub(r'"X-CSRFToken": "[^"]*"|value="[A-Za-z0-9]{64}"', "", body)


# role × outcome on commune B's meeting: (url name, method, data, {who: status})
OUTSIDERS = {"reporter_a": 404, "compiler_a": 404, "outsider": 404}
TABLE = [
    (
        "programme:meeting_detail",
        "get",
        None,
        {"reporter_b": 200, "compiler_b": 200, "leader": 200, "area_officer": 200, **OUTSIDERS},
    ),
    (
        "programme:meeting_update",
        "get",
        None,
        {"reporter_b": 200, "compiler_b": 200, "leader": 403, "area_officer": 403, **OUTSIDERS},
    ),
    (
        "programme:meeting_items",
        "post",
        {},
        {"leader": 403, "area_officer": 403, "compiler_b": 302, **OUTSIDERS},
    ),
    ("programme:meeting_delete", "post", {}, {"leader": 403, **OUTSIDERS, "reporter_b": 302}),
]


@pytest.mark.parametrize(("name", "method", "data", "expected"), TABLE, ids=[t[0] for t in TABLE])
def test_role_by_outcome(client, world, meeting_b, name, method, data, expected):
    # outsiders first: a message left for the owner would show on the next page
    for who, status in sorted(expected.items(), key=lambda e: e[1] != 404):
        client.force_login(getattr(world, who))
        call = getattr(client, method)
        url, missing_url = reverse(name, args=[meeting_b.pk]), reverse(name, args=[MISSING])
        response = call(url, data)
        assert response.status_code == status, who
        if status == 404:
            gone = call(missing_url, data)
            assert gone.status_code == 404
            assert _page(response, url) == _page(gone, missing_url), who


@pytest.mark.parametrize(
    ("who", "status"),
    [("reporter_a", 200), ("leader", 404), ("outsider", 404), ("compiler_b", 200)],
)
def test_who_may_open_the_recording_form(client, world, who, status):
    client.force_login(getattr(world, who))
    assert client.get(reverse("programme:meeting_create")).status_code == status


def test_the_list_shows_only_the_scope(client, world, meeting_b):
    client.force_login(world.compiler_a)
    assert (
        "Tiếp xúc cử tri thôn Đông"
        not in client.get(reverse("programme:meeting_list")).content.decode()
    )
    client.force_login(world.leader)
    assert (
        "Tiếp xúc cử tri thôn Đông"
        in client.get(reverse("programme:meeting_list")).content.decode()
    )
    client.logout()
    assert client.get(reverse("programme:meeting_list")).status_code == 302
