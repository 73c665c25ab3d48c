"""The demo's media monitor: feeds and a social export written for the project, taken offline,
grouped into stories, the rumour surging into an alert; built once."""

import pytest

from dantinh.alerts.models import Alert
from dantinh.demo.media import build_media_demo
from dantinh.media.models import Source, Story
from dantinh.org.models import Unit
from tests.factories import make_unit

pytestmark = pytest.mark.django_db


def test_the_media_demo(db):
    city = make_unit("Thành phố Hải Phòng", code="31", code_scheme=Unit.CodeScheme.GSO_2025)
    make_unit("Xã Tiên Lãng", city, code="11755", code_scheme=Unit.CodeScheme.GSO_2025)
    build_media_demo(province=city, log=lambda m: None)

    assert Source.objects.count() == 3
    assert set(Source.objects.values_list("state", flat=True)) == {"ok", "new"}
    rumour = Story.objects.order_by("-post_count").first()
    assert rumour.post_count == 8 and "Tiên Lãng" in rumour.title
    assert Story.objects.filter(source_count=2).count() >= 2  # the same news in both papers
    alert = Alert.objects.get(kind="media_surge")
    assert alert.evidence["story"] == rumour.pk
    before = Story.objects.count()
    build_media_demo(province=city, log=lambda m: None)
    assert Story.objects.count() == before
