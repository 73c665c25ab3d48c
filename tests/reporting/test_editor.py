"""The report editor loses nothing: every part saves itself (autosave), "Submit" sends the
report as shown (every section's text saved in the same transaction), and a part changed by
someone else meanwhile is never overwritten silently (optimistic locking, with what is
stored now shown in Vietnamese and the person's text kept)."""

import re

import pytest
from django.urls import reverse

from dantinh.core.concurrency import ConflictError
from dantinh.core.errors import ValidationError
from dantinh.reporting import services
from dantinh.reporting.models import Submission
from tests.reporting.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world, weekly):
    return services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=weekly,
        period_key="2026-W48",
        now=at(2026, 11, 23),
    )


def version_of(submission, code):
    return submission.sections.get(code=code).version


def editor(submission, **texts):
    """What the editor posts: every section shown, with the version it was read at."""
    data = {"title": submission.title, "number": "", "note": ""}
    data["header_version"] = Submission.objects.get(pk=submission.pk).header_version
    for s in submission.sections.all():
        data[f"text-{s.code}"] = texts.get(s.code, s.text)
        data[f"version-{s.code}"] = s.version
    return data


# Submit saves everything shown -------------------------------------------------------------


def test_submitting_sends_every_section_as_shown(client, world, draft):
    """Two sections edited, neither saved yet, then "Submit": both texts are in the version
    sent (before, only the note was posted and both edits were lost)."""
    client.force_login(world.compiler_a)
    data = editor(draft, general="Tình hình chung ổn định.", proposals="Đề nghị sửa đường.")
    data["title"] = "Báo cáo tuần 48 (đã sửa)"
    response = client.post(reverse("reporting:submit", args=[draft.pk]), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.title == "Báo cáo tuần 48 (đã sửa)"
    sent = {s["code"]: s["text"] for s in draft.versions.get().content["sections"]}
    assert sent["general"] == "Tình hình chung ổn định."
    assert sent["proposals"] == "Đề nghị sửa đường."
    assert draft.versions.get().content["title"] == "Báo cáo tuần 48 (đã sửa)"


def test_save_saves_every_section_at_once(client, world, draft):
    client.force_login(world.compiler_a)
    data = editor(draft, mood="Nhân dân phấn khởi.", forecast="Ổn định.")
    response = client.post(reverse("reporting:submission_save", args=[draft.pk]), data)
    assert response.status_code == 302
    assert draft.sections.get(code="mood").text == "Nhân dân phấn khởi."
    assert draft.sections.get(code="forecast").text == "Ổn định."
    assert (version_of(draft, "mood"), version_of(draft, "general")) == (2, 1)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_refused_submission_keeps_what_was_typed(client, world, draft):
    """Sending after the closing is refused, but the text typed is saved, not lost."""
    from dantinh.reporting.models import Schedule

    closed = services.submission_draft(
        actor=world.compiler_a,
        unit=world.commune_a,
        schedule=Schedule.objects.get(slug="weekly"),
        period_key="2026-W45",
        now=at(2026, 11, 3),
    )  # W45 closed on 9/11
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("reporting:submit", args=[closed.pk]),
        editor(closed, general="Đã sửa sau hạn."),
        follow=True,
    )
    page = response.content.decode()
    assert "Kỳ báo cáo đã khóa sổ lúc 16:00 Thứ Hai, 09/11/2026" in page
    assert "Nội dung đã được lưu; báo cáo chưa được gửi." in page
    closed.refresh_from_db()
    assert closed.status == "draft"
    assert closed.sections.get(code="general").text == "Đã sửa sau hạn."


# Autosave ----------------------------------------------------------------------------------


def test_autosave_answers_with_the_time_and_the_next_version(client, world, draft):
    client.force_login(world.compiler_a)
    response = client.post(
        reverse("reporting:section_save", args=[draft.pk, "general"]),
        {"text-general": "Bản nháp tự lưu.", "version-general": "1"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and response["X-Save-State"] == "saved"
    assert "Đã lưu lúc 17:00" in body  # the pinned clock
    assert 'name="version-general" value="2"' in body
    assert "<html" not in body
    # The next autosave sends version 2 and goes through.
    again = client.post(
        reverse("reporting:section_save", args=[draft.pk, "general"]),
        {"text-general": "Bản nháp tự lưu, lần hai.", "version-general": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert again["X-Save-State"] == "saved"
    assert draft.sections.get(code="general").text == "Bản nháp tự lưu, lần hai."


def test_the_editor_page_autosaves_each_part_without_inline_scripts(client, world, draft):
    services.section_update(
        actor=world.compiler_a, submission=draft, code="mood", text="Đã sửa.", version=1
    )
    client.force_login(world.compiler_a)
    page = client.get(reverse("reporting:submission_detail", args=[draft.pk])).content.decode()
    assert page.count("data-autosave") == 7  # the header and six sections
    assert page.count('form="report-form"') >= 6 * 2 + 3
    assert "Đã lưu lúc 17:00" in page  # the section saved above
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    main = page.split('<main id="content">')[1].split("</main>")[0]
    assert re.findall(r"\son[a-z]+=", main) == []  # the page's own content (not the frame)
    assert "reporting/reporting.js" in page


# Two people, one report ------------------------------------------------------------------


def test_a_section_changed_meanwhile_is_not_overwritten(world, draft):
    services.section_update(
        actor=world.compiler_a, submission=draft, code="general", text="Bản của A.", version=1
    )
    with pytest.raises(ConflictError) as conflict:
        services.section_update(
            actor=world.admin, submission=draft, code="general", text="Bản của B.", version=1
        )
    message = conflict.value.message
    assert message.startswith("compiler_a đã sửa bản ghi này lúc 17:00 25/11/2026")
    assert "Hiện đang lưu: Tình hình chung: “Bản của A.”." in message
    assert draft.sections.get(code="general").text == "Bản của A."
    # Read again (version 2), B's save goes through.
    services.section_update(
        actor=world.admin, submission=draft, code="general", text="Bản của B.", version=2
    )
    assert draft.sections.get(code="general").text == "Bản của B."


def test_autosave_of_a_stale_section_stops_with_the_message(client, world, draft):
    services.section_update(
        actor=world.compiler_a, submission=draft, code="general", text="Bản của A.", version=1
    )
    client.force_login(world.admin)
    response = client.post(
        reverse("reporting:section_save", args=[draft.pk, "general"]),
        {"text-general": "Bản của B.", "version-general": "1"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response["X-Save-State"] == "conflict"
    assert "đã sửa bản ghi này" in body and "“Bản của A.”" in body
    # The version to save deliberately is now the stored one; nothing was overwritten.
    assert 'name="version-general" value="2"' in body
    assert draft.sections.get(code="general").text == "Bản của A."


def test_submitting_over_a_stale_section_keeps_the_persons_text(client, world, draft):
    shown = editor(draft, general="Bản của B.", proposals="Đề xuất của B.")
    services.section_update(
        actor=world.compiler_a, submission=draft, code="general", text="Bản của A.", version=1
    )
    client.force_login(world.admin)
    response = client.post(reverse("reporting:submit", args=[draft.pk]), shown)
    assert response.status_code == 409
    page = response.content.decode()
    assert "đã sửa bản ghi này" in page and "“Bản của A.”" in page
    assert ">Bản của B.</textarea>" in page  # the person's text, still in the editor
    assert ">Đề xuất của B.</textarea>" in page
    assert 'name="version-general" value="2"' in page  # saving again is a deliberate choice
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.versions.exists()
    assert draft.sections.get(code="proposals").text != "Đề xuất của B."  # all or nothing


def test_the_header_is_locked_like_the_sections(client, world, draft):
    services.submission_set_header(
        actor=world.compiler_a, submission=draft, title="Tiêu đề của A", number="12", version=1
    )
    with pytest.raises(ConflictError) as conflict:
        services.submission_set_header(
            actor=world.admin, submission=draft, title="Tiêu đề của B", number="", version=1
        )
    assert "Tiêu đề: “Tiêu đề của A”" in conflict.value.message
    assert "Số văn bản: “12”" in conflict.value.message
    client.force_login(world.admin)
    response = client.post(
        reverse("reporting:header_save", args=[draft.pk]),
        {"title": "Tiêu đề của B", "number": "", "header_version": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response["X-Save-State"] == "conflict"
    draft.refresh_from_db()
    assert (draft.title, draft.number, draft.header_version) == ("Tiêu đề của A", "12", 2)


def test_drafting_a_section_again_counts_as_a_change(world, draft):
    services.section_update(
        actor=world.compiler_a, submission=draft, code="general", text="Sửa tay.", version=1
    )
    services.submission_redraft(
        actor=world.compiler_a, submission=draft, codes=["general"], replace_text=True
    )
    assert version_of(draft, "general") == 3
    with pytest.raises(ConflictError):
        services.section_update(
            actor=world.compiler_a, submission=draft, code="general", text="Cũ.", version=2
        )


def test_a_text_too_long_is_refused_and_nothing_is_saved(world, draft):
    with pytest.raises(ValidationError):
        services.submission_save(
            actor=world.compiler_a,
            submission=draft,
            sections={
                "general": services.SectionEdit("Ngắn.", 1),
                "mood": services.SectionEdit("x" * 100_001, 1),
            },
        )
    assert draft.sections.get(code="general").text != "Ngắn."
