"""Personal identifiers typed into items: the entry form warns, exports and composite reports
mask them by default."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dantinh.intake import exports
from dantinh.intake.models import Item
from dantinh.reporting import contrib_items
from tests.factories import make_item

pytestmark = pytest.mark.django_db
TEXT = "Bà Trần Thị Mai (0912 345 678) ở số 12 ngõ 45 Lê Lợi phản ánh cống tắc gây ngập"


def test_the_entry_form_warns_while_typing(client, world):
    client.force_login(world.reporter_a)
    url = reverse("intake:item_similar")
    warned = client.post(url, {"text": TEXT}).content.decode()
    assert "số điện thoại" in warned and 'role="alert"' in warned
    clean = client.post(url, {"text": "Cống tắc gây ngập ở tổ 1"}).content.decode()
    assert 'role="alert"' not in clean


def test_the_items_export_masks_identifiers(world):
    make_item(world.compiler_a, world.village_a1, TEXT)
    out = io.BytesIO()
    exports.write_xlsx(Item.objects.all(), out)
    cells = [
        c
        for row in load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(values_only=True)
        for c in row
    ]
    text = next(c for c in cells if isinstance(c, str) and "cống tắc" in c)
    assert "0912" not in text and "Trần Thị Mai" not in text and "Lê Lợi" not in text
    assert "[số điện thoại]" in text and "[họ tên]" in text


def test_the_composite_reports_notes_mask_identifiers(world):
    make_item(world.compiler_a, world.village_a1, TEXT, scale=50)
    notes = contrib_items.notes(Item.objects.all())
    assert notes and "0912" not in notes[0].text and "[số điện thoại]" in notes[0].text
