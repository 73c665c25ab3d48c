"""The language model in item entry and imports: suggestions, what they record, corrections
that retrain the model."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from dantinh.intake import imports, labelling, services, training
from dantinh.intake.models import Field, ImportJob, Item, ItemFeatures, TrainingJob
from dantinh.language.features import analyse
from tests.factories import make_item
from tests.language.conftest import SAMPLE

pytestmark = pytest.mark.django_db

LAND = "Nhiều hộ dân tổ dân phố số 1 bức xúc vì chưa được bồi thường khi thu hồi đất làm đường"


@pytest.mark.parametrize(
    ("who", "status"), [("reporter_a", 200), ("leader", 200), ("outsider", 404)]
)
def test_suggestions_by_role(client, world, who, status):
    client.force_login(getattr(world, who))
    response = client.post(reverse("intake:item_suggest"), {"text": LAND})
    assert response.status_code == status


def test_anonymous_gets_no_suggestions(client):
    assert client.post(reverse("intake:item_suggest"), {"text": LAND}).status_code == 302


def test_suggestions_name_field_kind_mood_and_the_place_in_scope(client, world):
    client.force_login(world.reporter_a)
    body = client.post(reverse("intake:item_suggest"), {"text": LAND}).content.decode()
    land = Field.objects.get(code="dat_dai")
    assert f'data-field="{land.pk}"' in body and land.name in body
    assert f'data-unit="{world.village_a1.pk}"' in body  # "tổ dân phố số 1" of the reporter's ward
    codes = json.loads(body.split('data-suggested="')[1].split('"')[0].replace("&quot;", '"'))
    assert codes["field"] == "dat_dai" and codes["mood"] == "buc_xuc"


def test_a_place_outside_the_scope_is_not_suggested(client, world):
    client.force_login(world.reporter_b)
    body = client.post(reverse("intake:item_suggest"), {"text": LAND}).content.decode()
    assert f'data-unit="{world.village_a1.pk}"' not in body


def test_the_item_records_the_model_and_its_suggestion(world):
    item = make_item(
        world.reporter_a,
        world.village_a1,
        LAND,
        model_version="abc123",
        suggested={"field": "dat_dai", "kind": "kien_nghi", "junk": "x"},
    )
    assert item.model_version == "abc123" and item.suggested == {
        "field": "dat_dai",
        "kind": "kien_nghi",
    }


def test_a_person_changing_a_suggestion_is_a_correction(world):
    make_item(
        world.reporter_a,
        world.village_a1,
        "Đường ngõ 5 ngập nặng",
        model_version="v1",
        suggested={"field": "giao_thong_ha_tang"},
    )  # accepted as suggested
    corrected = make_item(
        world.reporter_a,
        world.village_a1,
        "Khói lò gạch làm cả xóm ho",
        model_version="v1",
        suggested={"field": "giao_thong_ha_tang"},
        field=Field.objects.get(code="moi_truong"),
    )
    later = make_item(
        world.reporter_a,
        world.village_a1,
        "Trạm y tế thiếu thuốc",
        model_version="v1",
        suggested={"field": "giao_thong_ha_tang"},
    )
    services.item_update(actor=world.compiler_a, item=later, field=Field.objects.get(code="y_te"))
    examples = training.corrections()
    assert {e["text"] for e in examples} == {corrected.text, later.text}
    assert next(e for e in examples if e["text"] == later.text)["field"] == "y_te"


def test_retraining_publishes_a_new_model(
    client, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DANTINH_MODEL_DIR = str(tmp_path)
    # The tests' small corpus instead of the shipped seeds: the same job, trained in a second.
    settings.DANTINH_MODEL_SEED = [str(SAMPLE)]
    make_item(
        world.reporter_a,
        world.village_a1,
        "Khói lò gạch làm cả xóm ho",
        model_version="v1",
        suggested={"field": "giao_thong_ha_tang"},
        field=Field.objects.get(code="moi_truong"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = training.training_start(actor=world.admin)
    job.refresh_from_db()
    assert job.status == TrainingJob.Status.DONE, job.message
    assert job.corrections == 1 and job.model_version and job.model_version != job.previous_version
    assert (tmp_path / "CURRENT").read_text().strip() == job.model_version
    assert labelling.item_model().version == job.model_version  # suggestions come from it
    # The language model page names it as the model in use and lists the job that made it.
    client.force_login(world.admin)
    page = client.get(reverse("intake:language_model")).content.decode()
    assert page.count(f"<code>{job.model_version}</code>") == 2
    assert training.retrain_if_corrected() is None  # nothing new since


def test_only_list_managers_retrain(client, world):
    client.force_login(world.compiler_a)
    assert client.post(reverse("intake:language_model")).status_code == 404
    assert not TrainingJob.objects.exists()


def _import_with_one_row_unlabelled(world) -> ImportJob:
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "Ngày nắm bắt",
            "Tên đơn vị",
            "Loại tin",
            "Lĩnh vực",
            "Tâm trạng",
            "Kênh nắm bắt",
            "Nội dung",
        ]
    )
    ws.append(["02/11/2026", "Tổ dân phố số 1", "", "", "", "to_cong_tac", LAND])
    ws.append(
        [
            "03/11/2026",
            "Tổ dân phố số 2",
            "Kiến nghị, bức xúc",
            "Y tế",
            "Lo lắng",
            "to_cong_tac",
            "Trạm y tế phường thiếu thuốc điều trị",
        ]
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    job = services.import_start(
        actor=world.compiler_a,
        unit=world.commune_a,
        upload=SimpleUploadedFile("nhan.xlsx", buffer.getvalue()),
    )
    job = imports.run(ImportJob.objects.get(pk=job.pk))
    assert job.status == ImportJob.Status.DONE, job.errors or job.message
    return job


def test_an_import_with_blank_labels_is_labelled_in_batches(world):
    _import_with_one_row_unlabelled(world)
    labelled = Item.objects.get(text=LAND)
    assert labelled.field.code == "dat_dai" and labelled.model_version
    assert set(labelled.suggested) == {"kind", "field", "mood"}
    given = Item.objects.get(text__startswith="Trạm y tế")
    assert given.field.code == "y_te" and given.model_version == ""


def test_an_imports_items_have_their_text_analysed_after_its_commit(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        _import_with_one_row_unlabelled(world)
    # The import does not wait for its texts' analysis: jobs after its commit do it.
    assert not ItemFeatures.objects.exists()
    for callback in after_commit:
        callback()
    for item in Item.objects.filter(import_job__isnull=False):
        assert ItemFeatures.objects.get(item=item).data == analyse(item.text)
    assert ItemFeatures.objects.count() == 2


def _suggestion_html(client, user, text=LAND):
    client.force_login(user)
    return client.post(reverse("intake:item_suggest"), {"text": text}).content.decode()


def _suggested_codes(body):
    return json.loads(body.split('data-suggested="')[1].split('"')[0].replace("&quot;", '"'))


def test_an_unsure_label_is_offered_as_two_choices_not_filled_in(client, world, monkeypatch):
    """Below the threshold the form does not fill the label: it shows the model's two
    likeliest answers, and the suggestion it records leaves that label out."""
    from dantinh.language.classify import item as item_model

    sure = _suggestion_html(client, world.reporter_a)
    assert 'data-choose="' not in sure
    land = Field.objects.get(code="dat_dai")
    assert f'data-field="{land.pk}"' in sure

    monkeypatch.setattr(item_model, "UNSURE_BELOW", 1.01)  # every answer is now a guess
    unsure = _suggestion_html(client, world.reporter_a)
    assert 'data-field=""' in unsure
    assert 'data-kind=""' in unsure
    assert "field" not in _suggested_codes(unsure)
    field_choices = unsure.split('data-choices="field"')[1].split("data-choices=")[0]
    assert field_choices.count('data-choose="field"') == 2
    assert f'data-value="{land.pk}"' in field_choices  # the first choice is the model's answer
    assert "Lĩnh vực, chưa chắc chắn:" in unsure
    assert 'data-choose="kind"' in unsure
    assert 'data-choose="mood"' in unsure


def test_an_import_marks_the_rows_whose_labels_the_model_guessed(client, world, monkeypatch):
    from dantinh.language.classify import item as item_model

    def run_import(name):
        wb = Workbook()
        ws = wb.active
        ws.append(
            [
                "Ngày nắm bắt",
                "Tên đơn vị",
                "Loại tin",
                "Lĩnh vực",
                "Tâm trạng",
                "Kênh nắm bắt",
                "Nội dung",
            ]
        )
        ws.append(["02/11/2026", "Tổ dân phố số 1", "", "", "", "to_cong_tac", LAND])
        ws.append(
            [
                "03/11/2026",
                "Tổ dân phố số 2",
                "Kiến nghị, bức xúc",
                "Y tế",
                "Lo lắng",
                "to_cong_tac",
                "Trạm y tế phường thiếu thuốc điều trị",
            ]
        )
        buffer = io.BytesIO()
        wb.save(buffer)
        job = services.import_start(
            actor=world.compiler_a,
            unit=world.commune_a,
            upload=SimpleUploadedFile(name, buffer.getvalue()),
        )
        return imports.run(ImportJob.objects.get(pk=job.pk))

    sure = run_import("sure.xlsx")
    assert sure.status == ImportJob.Status.DONE, sure.errors or sure.message
    assert sure.review == []

    monkeypatch.setattr(item_model, "UNSURE_BELOW", 1.01)
    job = run_import("unsure.xlsx")
    assert job.status == ImportJob.Status.DONE, job.errors or job.message
    labelled = Item.objects.get(text=LAND, import_job=job)
    # The labels are still filled in (the file imports whole); the row is marked for review.
    assert labelled.field.code == "dat_dai"
    (row,) = job.review  # the second row gave every label: the model labelled only the first
    assert row["row"] == 2
    assert row["item"] == labelled.pk
    assert {entry["label"] for entry in row["labels"]} == {"kind", "field", "mood"}
    field_entry = next(e for e in row["labels"] if e["label"] == "field")
    assert field_entry["answer"] == labelled.field.name
    assert field_entry["other"] and field_entry["other"] != field_entry["answer"]
    assert job.message.endswith(
        "Mô hình ngôn ngữ chưa chắc chắn về một số nhãn đã tự điền ở 1 dòng: hãy kiểm tra bên dưới."
    )

    client.force_login(world.compiler_a)
    page = client.get(reverse("intake:import_detail", args=[job.pk])).content.decode()
    assert "Nhãn cần kiểm tra" in page
    assert reverse("intake:item_update", args=[labelled.pk]) in page
