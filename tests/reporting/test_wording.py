"""Figures in the composite report as an officer writes them: Vietnamese numbers, trends only
where the counts carry them, notable items in whole sentences."""

import datetime as dt

import pytest

from dantinh.intake.models import Field
from dantinh.reporting.templatetags.reporting_tags import cell_value
from dantinh.reporting.timeliness import Rates
from dantinh.reporting.wording import change
from tests.factories import make_item
from tests.reporting.test_drafting import draft

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("current", "previous", "said"),
    [
        (5, 0, "chưa đủ số liệu để so sánh"),  # from none: no trend
        (3, 1, "chưa đủ số liệu để so sánh"),
        (4, 12, "chưa đủ số liệu để so sánh"),
        (44, 40, "tương đương"),  # +10%: about the same
        (50, 40, "tăng 25%"),
        (6, 10, "giảm 40%"),
        (2838, 1419, "tăng 100%"),
        (15000, 1000, "tăng 1.400%"),
    ],
)
def test_a_change_is_named_only_when_the_counts_carry_it(current, previous, said):
    assert change(current, previous) == said


def test_large_figures_are_written_the_vietnamese_way():
    assert cell_value({"v": 1419, "href": "/x"}) == "1.419"
    assert cell_value(12.5) == "12,5" and cell_value("Lê Chân") == "Lê Chân"
    sentence = Rates(expected=1419, on_time=1200, late=19).sentence()
    assert "1.219" in sentence and "1.419" in sentence


def _dengue(world, n, day):
    health = Field.objects.get(code="y_te")
    for i in range(n):
        make_item(
            world.reporter_a,
            world.village_a1 if i % 2 else world.village_a2,
            f"Hộ số {i} lo lắng sốt xuất huyết lan rộng, đề nghị phun thuốc diệt muỗi",
            field=health,
            observed_on=day,
        )


def test_a_subject_rises_only_from_enough_items(world):
    _dengue(world, 6, dt.date(2026, 10, 27))  # W44
    _dengue(world, 12, dt.date(2026, 11, 2))  # W45
    general = draft(world).sections.get(code="general").text
    rising = next(p for p in general.split("\n\n") if p.startswith("Nổi lên so với kỳ trước:"))
    assert "sốt xuất huyết (12, kỳ trước 6)" in rising


def test_notable_items_are_told_in_whole_sentences(world):
    long_text = (
        "Công nhân Công ty may Hòa Bình phản ánh doanh nghiệp chậm đóng bảo hiểm xã hội nhiều "
        "tháng liền, ảnh hưởng quyền lợi khi ốm đau, thai sản. Đề nghị cơ quan chức năng sớm "
        "kiểm tra, xử lý dứt điểm. Người lao động lo lắng vì nhiều lần kiến nghị nhưng chưa được "
        "giải quyết, nhiều người có ý định nghỉ việc."
    )
    make_item(world.reporter_a, world.village_a1, long_text, scale=200)
    item = make_item(world.reporter_a, world.village_a1, long_text.replace("may", "dệt"))
    assert not item.headline.endswith(("bảo…", "xã…"))
    notes = draft(world).sections.get(code="recommendations").data["notes"]
    told = next(n["text"] for n in notes if "Hòa Bình" in n["text"])
    assert told.endswith("kiểm tra, xử lý dứt điểm.")  # two whole sentences, no "…"
