"""Surveys: typed questions with skip rules, anonymous answers entered or imported (all rows
or none), results by unit and group with small groups never broken down, last year beside
this year, Word and Excel exports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.programme import survey_selectors, survey_services
from dantinh.programme.models import Answer, Response, Survey, SurveyJob
from tests.programme.test_meetings import MISSING, _page

pytestmark = pytest.mark.django_db


def _survey(world, year=2026, status="open"):
    s = survey_services.survey_create(
        actor=world.admin,
        unit=world.province,
        year=year,
        title="Khảo sát tình hình Nhân dân",
        groups="Nông dân\nCông nhân\nCán bộ hưu trí",
    )
    add = survey_services.question_add
    add(
        actor=world.admin,
        survey=s,
        code="hai_long",
        text="Mức độ hài lòng với chính quyền cơ sở",
        kind="scale",
        section="A. Đánh giá",
        required=True,
    )
    add(
        actor=world.admin,
        survey=s,
        code="van_de",
        text="Vấn đề quan tâm nhất",
        kind="multiple",
        choices="dat_dai = Đất đai\nmoi_truong = Môi trường\ngia_ca = Giá cả, đời sống",
    )
    q3 = add(
        actor=world.admin,
        survey=s,
        code="co_kien_nghi",
        text="Có kiến nghị không?",
        kind="single",
        choices="co = Có\nkhong = Không",
        section="B. Kiến nghị",
    )
    add(
        actor=world.admin,
        survey=s,
        code="kien_nghi",
        text="Kiến nghị cụ thể",
        kind="text",
        show_if=q3,
        show_values="co",
    )
    add(
        actor=world.admin,
        survey=s,
        code="so_lan",
        text="Số lần dự họp thôn trong năm",
        kind="number",
    )
    if status == "open":
        s = survey_services.survey_update(
            actor=world.admin,
            survey=s,
            version=s.version,
            title=s.title,
            groups=s.groups,
            status="open",
        )
    return s


@pytest.fixture
def survey(world):
    return _survey(world)


def _answer(world, survey, unit, group="Nông dân", **answers):
    values = {"hai_long": 4, "van_de": ["dat_dai"], "co_kien_nghi": "khong"} | answers
    return survey_services.response_submit(
        actor=world.compiler_a if unit.path.startswith(world.commune_a.path) else world.compiler_b,
        survey=survey,
        unit=unit,
        answers=values,
        group=group,
    )


def test_skip_rules_and_types(world, survey):
    response = _answer(
        world, survey, world.village_a1, co_kien_nghi="khong", kien_nghi="Đề nghị làm đường"
    )
    codes = set(response.answers.values_list("question__code", flat=True))
    assert "kien_nghi" not in codes  # skipped: no recommendation
    response = _answer(
        world,
        survey,
        world.commune_a,
        co_kien_nghi="Có",
        kien_nghi="Đề nghị sớm nạo vét kênh thủy lợi",
        so_lan="3",
    )
    text = response.answers.get(question__code="kien_nghi")
    assert text.text and text.labels.get("field")  # labelled by the language engine
    assert response.answers.get(question__code="so_lan").number == 3


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"hai_long": ""}, "hai_long"),  # required
        ({"hai_long": 9}, "hai_long"),  # outside the scale
        ({"van_de": ["dat_dai", "bau_troi"]}, "van_de"),
        ({"co_kien_nghi": "có lẽ"}, "co_kien_nghi"),
        ({"so_lan": "ba"}, "so_lan"),
    ],
)
def test_bad_answers_are_refused_by_question(world, survey, answers, code):
    with pytest.raises(ValidationError) as exc:
        _answer(world, survey, world.commune_a, **answers)
    assert code in exc.value.errors
    assert not Response.objects.exists()


def test_answers_only_where_one_may_and_while_open(world, survey):
    with pytest.raises(PermissionDeniedError):
        survey_services.response_submit(
            actor=world.reporter_a, survey=survey, unit=world.commune_b, answers={"hai_long": 3}
        )
    closed = _survey(world, year=2025, status="draft")
    with pytest.raises(ValidationError):
        _answer(world, closed, world.commune_a)


def test_small_groups_are_not_broken_down(world, survey):
    for _ in range(6):
        _answer(world, survey, world.village_a1, group="Nông dân", hai_long=5)
    for _ in range(3):
        _answer(world, survey, world.village_b1, group="Công nhân", hai_long=1)
    n, results = survey_selectors.results(user=world.leader, survey=survey, root=world.province)
    assert n == 9
    scale = results[0]
    assert scale.total.shown and scale.total.mean == round((6 * 5 + 3 * 1) / 9, 2)
    units = {c.label: c for c in scale.by_unit}
    assert units["Phường Lê Chân"].shown and units["Phường Lê Chân"].mean == 5
    assert not units["Xã An Hưng"].shown and units["Xã An Hưng"].mean is None
    groups = {c.label: c for c in scale.by_group}
    assert groups["Nông dân"].shown and not groups["Công nhân"].shown
    # commune B's compiler sees commune B's three answers only: not shown at all
    n_b, results_b = survey_selectors.results(
        user=world.compiler_b, survey=survey, root=world.province
    )
    assert n_b == 3 and not results_b[0].total.shown and results_b[0].counts == []


def test_the_page_hides_small_groups(client, world, survey):
    for _ in range(5):
        _answer(world, survey, world.commune_a)
    for _ in range(2):
        _answer(world, survey, world.commune_b, group="Công nhân")
    client.force_login(world.leader)
    body = client.get(reverse("programme:survey_results", args=[survey.pk])).content.decode()
    assert "ít hơn 5" in body or "fewer than 5" in body
    assert "Phường Lê Chân" in body


def test_results_beside_last_year(world):
    last = _survey(world, year=2025)
    for _ in range(5):
        _answer(world, last, world.commune_a, van_de=["moi_truong"])
    survey = _survey(world)
    assert survey.previous == last
    for _ in range(5):
        _answer(world, survey, world.commune_a, van_de=["dat_dai", "moi_truong"])
    _n, results = survey_selectors.results(user=world.leader, survey=survey, root=world.province)
    bars = {label: (pct, prev) for label, _count, pct, prev in results[1].bars}
    assert bars["Đất đai"] == (100, 0) and bars["Môi trường"] == (100, 100)


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("tra-loi.csv", text.encode("utf-8"))


@pytest.fixture
def now(django_capture_on_commit_callbacks):
    """Run `start(**kwargs)` and the job it queues when its transaction commits."""

    def run(start, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            job = start(**kwargs)
        job.refresh_from_db()
        return job

    return run


def test_an_import_with_one_bad_row_saves_nothing(world, survey, now):
    job = now(
        survey_services.import_start,
        actor=world.compiler_a,
        survey=survey,
        unit=world.commune_a,
        upload=_csv(
            "hai_long,van_de,co_kien_nghi,kien_nghi,nhóm\n4,dat_dai,khong,,Nông dân\n7,gia_ca,co,Sửa đường,Công nhân\n"
        ),
    )
    job.refresh_from_db()
    assert job.status == SurveyJob.Status.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "hai_long")]
    assert job.errors[0]["message"] == "Hãy ghi số nguyên từ 1 đến 5."  # said in Vietnamese
    assert "chưa lưu" in job.message
    assert not Response.objects.exists()


def test_an_xlsform_tools_export_is_imported_whole(world, survey, now):
    header = "start,end,danh_gia/hai_long,van_de,van_de/dat_dai,van_de/moi_truong,van_de/gia_ca,kien_nghi_nhom/co_kien_nghi,kien_nghi_nhom/kien_nghi,so_lan,nhom,_uuid,_submission_time"
    rows = [
        "2026-10-01,2026-10-01,5,dat_dai gia_ca,1,0,1,co,Đề nghị hỗ trợ giống lúa,2,Nông dân,a1,2026-10-01",
        "2026-10-02,2026-10-02,3,moi_truong,0,1,0,khong,,1,Công nhân,a2,2026-10-02",
    ]
    job = now(
        survey_services.import_start,
        actor=world.compiler_a,
        survey=survey,
        unit=world.commune_a,
        upload=_csv("\n".join([header, *rows]) + "\n"),
    )
    job.refresh_from_db()
    assert job.status == SurveyJob.Status.DONE, job.errors
    assert Response.objects.filter(unit=world.commune_a).count() == 2
    first = Answer.objects.get(question__code="van_de", response__group="Nông dân")
    assert sorted(first.choices) == ["dat_dai", "gia_ca"]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_export_to_word_and_excel(world, survey, fmt, now):
    for _ in range(5):
        _answer(world, survey, world.commune_a)
    _answer(world, survey, world.commune_b)
    from dantinh.programme import survey_exports

    job = now(
        survey_exports.export_start, actor=world.leader, survey=survey, unit=world.province, fmt=fmt
    )
    job.refresh_from_db()
    assert job.status == SurveyJob.Status.DONE and job.file.read(2) == b"PK"
    doc = survey_exports.document(user=world.leader, survey=survey, unit=world.province)
    cells = [c for s in doc.sections for t in s.tables for row in t.rows for c in row]
    assert survey_exports.HIDDEN in cells  # commune B's single answer is not broken down


def test_the_phone_form_saves_one_respondent(client, world, survey):
    client.force_login(world.reporter_a)
    url = reverse("programme:survey_answer", args=[survey.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "unit": world.village_a1.pk,
            "group": "Nông dân",
            "hai_long": "4",
            "van_de": ["dat_dai", "gia_ca"],
            "co_kien_nghi": "co",
            "kien_nghi": "Đề nghị lắp đèn đường",
        },
    )
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.unit == world.village_a1 and saved.answers.count() == 4
    bad = client.post(url, {"unit": world.village_a1.pk, "hai_long": "", "van_de": ["dat_dai"]})
    assert bad.status_code == 200 and Response.objects.count() == 1


# role × outcome on the city's survey, answered in commune B: (name, method, data, {who: status})
TABLE = [
    (
        "programme:survey_detail",
        "get",
        None,
        {"compiler_b": 200, "reporter_a": 200, "leader": 200, "outsider": 404},
    ),
    ("programme:survey_answer", "get", None, {"reporter_b": 200, "leader": 404, "outsider": 404}),
    (
        "programme:survey_import",
        "get",
        None,
        {"compiler_b": 200, "reporter_b": 404, "outsider": 404},
    ),
    ("programme:survey_results", "get", None, {"leader": 200, "compiler_b": 200, "outsider": 404}),
    (
        "programme:survey_detail",
        "post",
        {"title": "Đổi", "status": "closed"},
        {"compiler_b": 403, "leader": 403, "outsider": 404},
    ),
]


@pytest.mark.parametrize(
    ("name", "method", "data", "expected"), TABLE, ids=[f"{t[1]} {t[0]}" for t in TABLE]
)
def test_role_by_outcome(client, world, survey, name, method, data, expected):
    for who, status in sorted(expected.items(), key=lambda e: e[1] != 404):
        client.force_login(getattr(world, who))
        call = getattr(client, method)
        url, missing_url = reverse(name, args=[survey.pk]), reverse(name, args=[MISSING])
        response = call(url, data)
        assert response.status_code == status, who
        if status == 404:
            gone = call(missing_url, data)
            assert _page(response, url) == _page(gone, missing_url), who
    assert Survey.objects.get().status == "open"


def test_a_job_is_its_requesters_alone(client, world, survey, now):
    job = now(
        survey_services.import_start,
        actor=world.compiler_b,
        survey=survey,
        unit=world.commune_b,
        upload=_csv("hai_long\n3\n"),
    )
    for who, status in (("compiler_a", 404), ("leader", 404), ("compiler_b", 200)):
        client.force_login(getattr(world, who))
        assert client.get(reverse("programme:survey_job", args=[job.pk])).status_code == status
