"""Drafting a submission from the items of the window, through the contributor interface."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from dantinh.intake import features
from dantinh.intake import services as item_services
from dantinh.intake.models import Field, Item, ItemFeatures, Kind, Mood
from dantinh.language import features as language_features
from dantinh.org.models import Unit
from dantinh.reporting import contributors, services
from dantinh.reporting.contributors import Note, SectionDraft
from dantinh.reporting.coverage import coverage_paths
from dantinh.reporting.models import Submission
from tests.factories import Role, make_item, make_unit, member
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db
BEFORE_DUE = at(2026, 11, 3, 9, 0)


@pytest.fixture
def window_items(world):
    """W45 runs Thursday 29/10 – Wednesday 4/11; W44 is the week before."""
    return {
        "land": make_item(
            world.reporter_a,
            world.village_a1,
            "Người dân tổ 1 bức xúc vì giải phóng mặt bằng chậm",
            field=Field.objects.get(code="dat_dai"),
            scale=40,
        ),
        "road": make_item(
            world.reporter_a,
            world.village_a2,
            "Bà con mong sửa đường ngõ 12",
            observed_on=dt.date(2026, 11, 4),
            mood=Mood.objects.get(code="mong_muon"),
        ),
        "happy": make_item(
            world.reporter_a,
            world.commune_a,
            "Nhân dân phấn khởi với phong trào làm đường",
            kind=Kind.objects.get(code="hoat_dong"),
            mood=Mood.objects.get(code="phan_khoi"),
            observed_on=dt.date(2026, 10, 29),
        ),
        "previous": make_item(
            world.reporter_a,
            world.village_a1,
            "Tuần trước: phản ánh rác thải",
            observed_on=dt.date(2026, 10, 27),
            field=Field.objects.get(code="moi_truong"),
        ),
        "other_commune": make_item(
            world.reporter_b,
            world.village_b1,
            "Thôn Đông lo lắng giá phân bón tăng",
            field=Field.objects.get(code="nong_nghiep"),
        ),
    }


def draft(world, unit=None, actor=None, key="2026-W45", schedule="weekly"):
    from dantinh.reporting.models import Schedule

    return services.submission_draft(
        actor=actor or world.compiler_a,
        unit=unit or world.commune_a,
        schedule=Schedule.objects.get(slug=schedule),
        period_key=key,
        now=BEFORE_DUE,
    )


def test_draft_has_the_templates_six_sections(world, window_items):
    submission = draft(world)
    assert [s.code for s in submission.sections.all()] == [
        "general",
        "mood",
        "recommendations",
        "incidents",
        "forecast",
        "proposals",
    ]
    assert submission.title == "Tình hình Nhân dân tuần 45 năm 2026"
    assert submission.status == Submission.Status.DRAFT
    assert (submission.window_start, submission.window_end) == (
        dt.date(2026, 10, 29),
        dt.date(2026, 11, 4),
    )


def test_figures_compare_with_the_previous_period_and_link_to_the_items(
    client, world, window_items
):
    submission = draft(world)
    general = submission.sections.get(code="general")
    assert "3" in general.text and "29/10/2026" in general.text
    by_field = next(t for t in general.data["tables"] if t["title"] == "Thông tin theo lĩnh vực")
    land = next(r for r in by_field["rows"] if r[0].startswith("Đất đai"))
    assert land[1]["v"] == 1 and land[2] == 0
    environment = next(r for r in by_field["rows"] if r[0] == "Môi trường")
    assert environment[1]["v"] == 0 and environment[2] == 1  # only in the previous period
    href = land[1]["href"]
    assert (
        f"unit={world.commune_a.pk}" in href
        and "date_from=2026-10-29" in href
        and "date_to=2026-11-04" in href
    )
    client.force_login(world.compiler_a)
    page = client.get(href).content.decode()
    assert "giải phóng mặt bằng" in page and "ngõ 12" not in page


def test_draft_stays_in_the_units_subtree(world, window_items):
    submission = draft(world)
    text = " ".join(s.text for s in submission.sections.all())
    assert "phân bón" not in text
    assert "giải phóng mặt bằng" in submission.sections.get(code="recommendations").text


def test_mood_notable_items_and_incidents(world, window_items):
    submission = draft(world)
    mood = submission.sections.get(code="mood")
    assert "phấn khởi" in mood.text.lower()
    assert any(
        n["href"] == reverse("intake:item_detail", args=[window_items["land"].pk])
        for n in mood.data["notes"]
    )
    incidents = submission.sections.get(code="incidents")
    assert incidents.text == "Trong kỳ không ghi nhận vụ việc phức tạp, “điểm nóng”."


def test_drafting_twice_gives_the_same_submission(world, window_items):
    assert draft(world).pk == draft(world).pk
    assert Submission.objects.count() == 1


def test_a_new_part_plugs_in_through_the_contributor_interface(world, window_items):
    def cases(*, unit, period, user):
        return SectionDraft(
            paragraphs=[f"Vụ việc của {unit.name} kỳ {period.key}"],
            notes=[Note("Vụ A", "/cases/1/")],
        )

    def broken(*, unit, period, user):
        raise RuntimeError("a part failing")

    contributors.register_contributor("incidents", cases, name="test.cases", order=5)
    contributors.register_contributor("incidents", broken, name="test.broken", order=6)
    try:
        incidents = draft(world).sections.get(code="incidents")
    finally:
        contributors.unregister_contributor("incidents", "test.cases")
        contributors.unregister_contributor("incidents", "test.broken")
    assert incidents.text.startswith("Vụ việc của Phường Lê Chân kỳ 2026-W45")
    assert "- Vụ A" in incidents.text
    assert incidents.data["notes"][0] == {"text": "Vụ A", "href": "/cases/1/"}


def test_a_contributor_failing_in_the_database_does_not_lose_the_draft(world, window_items):
    """On PostgreSQL an error inside a transaction aborts it: each contributor runs in its
    own savepoint, so a part whose query fails (a missing table, a duplicate row) is left
    out and the rest of the report is drafted and saved."""
    from django.db import connection

    from dantinh.reporting.models import Holiday

    def missing_table(*, unit, period, user):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM cases_case_not_migrated")
        return SectionDraft(paragraphs=["never"])

    def duplicate(*, unit, period, user):
        Holiday.objects.create(date=Holiday.objects.first().date, name="Trùng")
        return SectionDraft(paragraphs=["never"])

    contributors.register_contributor("incidents", missing_table, name="test.table", order=5)
    contributors.register_contributor("forecast", duplicate, name="test.duplicate", order=5)
    try:
        submission = draft(world)
    finally:
        contributors.unregister_contributor("incidents", "test.table")
        contributors.unregister_contributor("forecast", "test.duplicate")
    saved = Submission.objects.get(pk=submission.pk)
    assert saved.sections.count() == 6
    assert "giải phóng mặt bằng" in saved.sections.get(code="recommendations").text
    assert saved.sections.get(code="incidents").text == (
        "Trong kỳ không ghi nhận vụ việc phức tạp, “điểm nóng”."
    )
    assert "never" not in " ".join(s.text for s in saved.sections.all())
    assert saved.events.get().kind == "drafted"


def test_reports_flow_upward(world, window_items):
    """The province's composite takes in what the commune submitted, section by section."""
    commune = draft(world)
    services.section_update(
        actor=world.compiler_a,
        submission=commune,
        code="proposals",
        text="Đề nghị sớm giải ngân bồi thường.",
    )
    services.submission_submit(
        actor=world.compiler_a, submission=commune, now=at(2026, 11, 5, 10, 0)
    )
    city = draft(world, unit=world.province, actor=world.admin)
    proposals = city.sections.get(code="proposals")
    assert "Phường Lê Chân: Đề nghị sớm giải ngân bồi thường." in proposals.text
    general = city.sections.get(code="general")
    below = next(
        t for t in general.data["tables"] if t["title"] == "Báo cáo của các đơn vị cấp dưới"
    )
    assert below["rows"][0][0]["href"] == reverse("reporting:submission_detail", args=[commune.pk])
    assert (
        "phân bón" in city.sections.get(code="mood").text
    )  # the city's own figures span both communes


def test_a_department_reports_on_the_areas_its_officers_follow(world, window_items):
    department = make_unit(
        "Phòng Dân vận chính quyền",
        world.province,
        kind=Unit.Kind.SECTOR,
        sector=Unit.Sector.COMMISSION_DEPARTMENT,
    )
    officer = member("chuyenvien", department, Role.AREA_OFFICER, areas=[world.commune_b])
    assert coverage_paths(department) == sorted([department.path, world.commune_b.path])
    submission = draft(world, unit=department, actor=officer, schedule="officer-weekly")
    text = " ".join(s.text for s in submission.sections.all())
    assert "phân bón" in text and "giải phóng mặt bằng" not in text


def test_the_draft_is_the_units_whoever_drafts_it(world, window_items):
    """A department's compiler sees only the department's own items, its area officer also
    those of the commune they follow: drafting the same period, both get the unit's text."""
    from dantinh.reporting import drafting
    from dantinh.reporting.models import Schedule
    from dantinh.reporting.periods import resolve

    department = make_unit(
        "Phòng Dân vận chính quyền",
        world.province,
        kind=Unit.Kind.SECTOR,
        sector=Unit.Sector.COMMISSION_DEPARTMENT,
    )
    officer = member("chuyenvien", department, Role.AREA_OFFICER, areas=[world.commune_b])
    compiler = member("tp.phong", department, Role.COMPILER)
    schedule = Schedule.objects.get(slug="officer-weekly")
    period = resolve(schedule, "2026-W45")

    def text(user):
        sections = drafting.draft_sections(
            unit=department, schedule=schedule, period=period, user=user
        )
        return [(s.code, s.text, s.data) for s in sections]

    by_officer = text(officer)
    assert text(compiler) == by_officer
    assert "phân bón" in " ".join(t for _c, t, _d in by_officer)
    submission = draft(world, unit=department, actor=compiler, schedule="officer-weekly")
    assert [(s.code, s.text, s.data) for s in submission.sections.all()] == by_officer


def test_a_large_layer_is_summarised_and_boilerplate_left_out(world, weekly):
    """A city with many communes quotes only the dozen that say the most."""
    from dantinh.reporting.contrib_subordinates import QUOTED

    for i in range(QUOTED + 3):
        commune = make_unit(f"Xã Thử {i:02d}", world.province)
        sub = services.submission_draft(
            actor=world.admin, unit=commune, schedule=weekly, period_key="2026-W45", now=BEFORE_DUE
        )
        text = (
            "Không phát sinh vụ việc."
            if i < 5
            else f"Vụ việc số {i}: " + "tranh chấp đất đai kéo dài " * i
        )
        services.section_update(actor=world.admin, submission=sub, code="incidents", text=text)
        services.submission_submit(actor=world.admin, submission=sub, now=at(2026, 11, 5, 9, 0))
    city = draft(world, unit=world.province, actor=world.admin)
    incidents = city.sections.get(code="incidents")
    assert "Không phát sinh vụ việc." not in incidents.text  # written by five units word for word
    quoted = [n for n in incidents.data["notes"] if n["href"]]
    assert len(quoted) == 10  # 15 units, 5 left out as boilerplate
    general = city.sections.get(code="general")
    assert "15 đơn vị cấp dưới đã gửi báo cáo." in general.text


@pytest.fixture
def talked_about(world):
    """W45 in commune A: the same land matter raised in both villages, a dengue worry in three
    items, and the register of reports ("xử lý", "cử tri") spread over many fields; W44 talks
    of land but not of dengue."""
    land, health = Field.objects.get(code="dat_dai"), Field.objects.get(code="y_te")
    rows = [
        (
            world.village_a1,
            "Cử tri tổ 1 kiến nghị đẩy nhanh tiến độ giải phóng mặt bằng dự án đường ven sông, "
            "chi trả tiền bồi thường cho các hộ đã bàn giao đất",
            land,
        ),
        (
            world.village_a2,
            "Nhân dân tổ 2 kiến nghị đẩy nhanh tiến độ giải phóng mặt bằng dự án đường ven sông "
            "và sớm chi trả tiền bồi thường cho các hộ đã bàn giao đất",
            land,
        ),
        (
            world.commune_a,
            "Hộ ông Tâm chưa đồng ý phương án giải phóng mặt bằng vì giá đất thấp",
            land,
        ),
        (
            world.village_a1,
            "Bà con lo lắng sốt xuất huyết tăng, đề nghị phun thuốc diệt muỗi",
            health,
        ),
        (
            world.village_a2,
            "Nhiều gia đình có con mắc sốt xuất huyết, mong trạm y tế xử lý ổ dịch",
            health,
        ),
        (world.commune_a, "Cử tri mong ngành y tế tuyên truyền phòng chống sốt xuất huyết", health),
        (
            world.commune_a,
            "Cử tri đề nghị xử lý xe quá tải làm hỏng đường",
            Field.objects.get(code="giao_thong_ha_tang"),
        ),
        (
            world.commune_a,
            "Cử tri đề nghị xử lý cơ sở gây ô nhiễm",
            Field.objects.get(code="moi_truong"),
        ),
        (
            world.commune_a,
            "Cử tri phản ánh việc xử lý hồ sơ chậm",
            Field.objects.get(code="thu_tuc_hanh_chinh"),
        ),
    ]
    items = [make_item(world.reporter_a, unit, text, field=field) for unit, text, field in rows]
    make_item(
        world.reporter_a,
        world.village_a1,
        "Tuần trước: giải phóng mặt bằng dự án đường ven sông còn chậm",
        field=land,
        observed_on=dt.date(2026, 10, 27),
    )
    make_item(
        world.reporter_a,
        world.village_a2,
        "Tuần trước: giải phóng mặt bằng và bồi thường",
        field=land,
        observed_on=dt.date(2026, 10, 26),
    )
    make_item(
        world.reporter_b,
        world.village_b1,
        "Xã B: sốt xuất huyết, sốt xuất huyết, sốt xuất huyết",
        field=health,
    )  # another commune: never read for commune A's report
    return items


def test_the_subjects_raised_and_those_rising(world, talked_about):
    general = draft(world).sections.get(code="general").text
    raised = next(
        line
        for line in general.split("\n\n")
        if line.startswith("Những nội dung được phản ánh nhiều:")
    )
    assert "giải phóng mặt bằng (3)" in raised and "sốt xuất huyết (3)" in raised
    assert "tiến độ giải phóng" not in raised  # one wording of a subject is enough
    # The register of reports and the unit's own name are not subjects.
    assert "xử lý" not in raised and "cử tri" not in raised and "lê chân" not in raised.lower()
    # From none to three is too few to call a trend (`wording.TREND_MIN`).
    assert "Nổi lên so với kỳ trước:" not in general


def test_each_main_field_is_told_in_a_few_of_its_own_sentences(world, talked_about):
    mood = draft(world).sections.get(code="mood")
    assert "Nhân dân quan tâm, phản ánh ở các lĩnh vực chính:" in mood.text
    extract = next(n for n in mood.data["notes"] if n["text"].startswith("Y tế (3): "))
    assert "sốt xuất huyết" in extract["text"] and "Xã B" not in extract["text"]
    assert f"field={Field.objects.get(code='y_te').pk}" in extract["href"]


def test_a_matter_raised_in_several_places_is_shown_once_with_its_count(world, talked_about):
    recommendations = draft(world).sections.get(code="recommendations")
    assert "Nội dung được phản ánh nhiều lần, nhiều nơi:" in recommendations.text
    repeated = [n for n in recommendations.data["notes"] if " lượt ở " in n["text"]]
    assert len(repeated) == 1
    assert repeated[0]["text"].startswith("2 lượt ở 2 đơn vị: Cử tri tổ 1 kiến nghị đẩy nhanh")
    assert repeated[0]["href"] == reverse("intake:item_detail", args=[talked_about[0].pk])


# --- the texts' features stored with the items (`intake.features`) ---------------------------


def _sections(submission) -> list[tuple]:
    return [(s.code, s.text, s.data) for s in submission.sections.order_by("code")]


def _drafted_in_a_new_process(world) -> list[tuple]:
    """The sections drafted as a new process drafts them: nothing of any text in memory."""
    language_features.forget_all()
    sections = _sections(draft(world))
    Submission.objects.filter(unit=world.commune_a).delete()
    return sections


def test_the_composite_drafted_from_stored_features_is_the_one_computed_from_the_texts(
    world, window_items, talked_about
):
    computed = _drafted_in_a_new_process(world)
    assert ItemFeatures.objects.count() == 0  # items written in tests queue no job
    features.rebuild()
    stored = _drafted_in_a_new_process(world)
    assert stored == computed
    general = dict((code, text) for code, text, _data in stored)["general"]
    assert "giải phóng mặt bằng (" in general and "sốt xuất huyết (3)" in general
    # ...and the engine was handed the stored features instead of analysing the texts.
    assert all(language_features.known_text(item.text) for item in talked_about)


def test_an_edited_items_features_follow_its_text(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(world.reporter_a, world.village_a1, "Đường ngõ 5 ngập khi mưa lớn")
    stored = ItemFeatures.objects.get(item=item)
    assert stored.data == language_features.analyse("Đường ngõ 5 ngập khi mưa lớn")
    new_text = "Cống thoát nước ngõ 5 bị tắc, đề nghị nạo vét trước mùa mưa"
    with django_capture_on_commit_callbacks(execute=True):
        item_services.item_update(actor=world.reporter_a, item=item, text=new_text)
    stored.refresh_from_db()
    assert stored.data == language_features.analyse(new_text)
    assert language_features.usable(new_text, stored.engine, stored.digest)
    assert "nạo vét" in " ".join(stored.data["w"]).replace("_", " ")


def test_features_of_another_text_or_none_at_all_fall_back_to_the_text(world, talked_about):
    computed = _drafted_in_a_new_process(world)
    features.rebuild()
    missing, edited = talked_about[0], talked_about[3]
    ItemFeatures.objects.filter(item=missing).delete()
    # An edit whose job has not run yet: the row still holds the former text's features.
    item_services.item_update(
        actor=world.reporter_a, item=edited, text=edited.text.replace("sốt xuất huyết", "sốt rét")
    )
    edited.refresh_from_db()
    changed = _drafted_in_a_new_process(world)
    assert not language_features.known_text(missing.text)
    assert not language_features.known_text(edited.text)
    assert language_features.known_text(talked_about[1].text)
    ItemFeatures.objects.all().delete()
    assert changed == _drafted_in_a_new_process(world)  # the same as computed from the texts
    assert changed != computed  # the edit shows


def test_the_rebuild_command_analyses_every_item_lacking_features(world, talked_about):
    out = io.StringIO()
    call_command("intake", "features", "--rebuild", stdout=out)
    assert ItemFeatures.objects.count() == Item.objects.count() > 0
    assert f"{Item.objects.count()} items analysed" in out.getvalue()
    out = io.StringIO()
    call_command("intake", "features", "--rebuild", stdout=out)
    assert "0 items analysed" in out.getvalue()  # all up to date


def test_a_rebuild_limited_to_some_items_analyses_only_those(world, talked_about):
    ItemFeatures.objects.all().delete()
    chosen = talked_about[:2]
    written = features.rebuild(items=Item.objects.filter(pk__in=[i.pk for i in chosen]))
    assert written == 2
    assert set(ItemFeatures.objects.values_list("item_id", flat=True)) == {i.pk for i in chosen}
    assert features.rebuild() == Item.objects.count() - 2  # the rest, later
