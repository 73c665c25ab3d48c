"""Malformed period keys and ids reach every reporting entry point as a refusal (400 or 404
with a message), never as a server error: year 0, year 99999, negative years, 25-digit
numbers, as a period and as a unit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dantinh.reporting.periods import PeriodError, PeriodRef, resolve

pytestmark = pytest.mark.django_db
HUGE = "9" * 25
BAD_PERIODS = [
    ("monthly", "0000-01"),
    ("monthly", "99999-01"),
    ("monthly", "-2026-01"),
    ("monthly", "-0001-12"),
    ("monthly", f"{HUGE}-01"),
    ("monthly", HUGE),
    ("weekly", "0000-W01"),
    ("weekly", "0001-W53"),
    ("weekly", f"{HUGE}-W01"),
    ("weekly", f"2026-W{HUGE}"),
    ("yearly", "0000"),
    ("yearly", "99999"),
    ("ad-hoc", f"R{HUGE}"),
    ("ad-hoc", "R-1"),
]
BAD_IDS = [HUGE, "-1", "0", "1e3", "١٢"]


@pytest.mark.parametrize("key", ["0000-01", "0000-W01", "0000", "2101-01", "1999-Q4"])
def test_periods_outside_the_years_are_refused_with_a_message(key):
    with pytest.raises(PeriodError) as refused:
        PeriodRef.parse(key)
    assert str(refused.value) == (
        f"Không có kỳ báo cáo “{key}”: các kỳ báo cáo từ năm 2000 đến năm 2100."
    )


@pytest.mark.parametrize("key", [HUGE, f"{HUGE}-01", "-2026-01", "20266-01"])
def test_numbers_that_are_no_period_are_refused_with_a_message(key):
    with pytest.raises(PeriodError) as refused:
        PeriodRef.parse(key)
    assert str(refused.value).startswith(f"“{key}” không phải là kỳ báo cáo")


@pytest.mark.parametrize(("schedule", "key"), BAD_PERIODS)
def test_every_page_refuses_a_malformed_period(client, world, schedule, key):
    from dantinh.reporting.models import Schedule

    with pytest.raises(PeriodError):
        resolve(Schedule.objects.get(slug=schedule), key)
    client.force_login(world.admin)
    unit = world.commune_a.pk
    pages = [
        client.get(reverse("reporting:composite"), {"schedule": schedule, "period": key}),
        client.get(
            reverse("reporting:submission_open"),
            {"unit": unit, "schedule": schedule, "period": key},
        ),
        client.post(
            reverse("reporting:submission_open"),
            {"unit": unit, "schedule": schedule, "period": key},
        ),
        client.get(reverse("reporting:chasing"), {"schedule": schedule, "period": key}),
        client.post(
            reverse("reporting:export_period", args=["docx"]),
            {"unit": unit, "schedule": schedule, "period": key},
        ),
    ]
    for response in pages:
        assert response.status_code == 404, response.request
        assert "Không tìm thấy" in response.content.decode()
    api = client.get("/api/v1/timeliness/", {"schedule": schedule, "period": key})
    assert api.status_code == 400
    assert api.json()["period"][0]
    upload = client.post(
        reverse("reporting:upload"),
        {
            "unit": unit,
            "schedule": schedule,
            "period": key[:20],
            "file": SimpleUploadedFile("r.docx", b"PK"),
        },
    )
    assert upload.status_code == 200 and 'class="errorlist' in upload.content.decode()


@pytest.mark.parametrize("bad", BAD_IDS)
def test_every_page_refuses_a_malformed_unit(client, world, bad):
    client.force_login(world.admin)
    week = {"schedule": "weekly", "period": "2026-W45"}
    pages = [
        client.get(reverse("reporting:composite"), {"unit": bad, **week}),
        client.get(reverse("reporting:matrix"), {"unit": bad, "schedule": "weekly"}),
        client.get(reverse("reporting:chasing"), {"unit": bad, **week}),
        client.get(reverse("reporting:submission_open"), {"unit": bad, **week}),
        client.post(reverse("reporting:export_period", args=["xlsx"]), {"unit": bad, **week}),
        client.post(reverse("reporting:chasing"), {"units": [bad], **week}),
    ]
    for response in pages:
        assert response.status_code == 404, response.request
    # The upload page offers the person's own units whatever is asked for.
    assert client.get(reverse("reporting:upload"), {"unit": bad}).status_code == 200
    for url in ("/api/v1/timeliness/", "/api/v1/submissions/"):
        response = client.get(url, {"unit": bad, **week})
        assert response.status_code == 400, url
        assert response.json()["unit"] == [f"“{bad}” không phải là mã số hợp lệ."]
    form = client.post(
        reverse("reporting:adhoc_create"),
        {"unit": bad, "title": "Đột xuất", "template": bad, "level": "children"},
    )
    assert form.status_code == 200 and 'class="errorlist' in form.content.decode()
