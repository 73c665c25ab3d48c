"""`dantinh units boundaries FILE.geojson` adds a deployment's own boundaries, drawn instead of
the package's; a file that is not GeoJSON is refused with a plain message and changes nothing."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dantinh.insight import geo
from dantinh.insight.models import Boundary

pytestmark = pytest.mark.django_db


def _square(x, y, size=0.01):
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_the_package_carries_the_demo_provinces_communes():
    shapes = geo.packaged()
    assert "31" in shapes and "08" in shapes  # provinces
    assert "11311" in shapes and "11674" in shapes  # Lê Chân, An Hưng (Hải Phòng)
    assert sum(1 for code in shapes if len(code) == 5) == 114 + 124


def test_a_deployments_boundaries_replace_the_packages(client, world, items, tmp_path, capsys):
    path = tmp_path / "mine.geojson"
    features = [
        {
            "type": "Feature",
            "properties": {"code": "11311", "name": "Lê Chân"},
            "geometry": _square(106.6, 20.8),
        },
        {
            "type": "Feature",
            "properties": {"code": "99999", "name": "Xã Mới"},
            "geometry": _square(106.7, 20.8),
        },
    ]
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    call_command("units", "boundaries", str(path))
    assert "2 boundaries added" in capsys.readouterr().out
    assert set(Boundary.objects.values_list("code", flat=True)) == {"11311", "99999"}
    assert geo.boundaries(["11311"])["11311"]["name"] == "Lê Chân"
    client.force_login(world.leader)
    html = client.get(reverse("insight_map")).content.decode()
    drawn = html[html.index('class="map-box"') :]
    drawn = drawn[: drawn.index("</svg>")]
    # Lê Chân drawn from the deployment's square (5 points), An Hưng from the package.
    assert drawn.count("<path d=") == 2
    assert any(d.count("L") == 4 for d in drawn.split('<path d="')[1:])


def test_a_file_that_is_not_geojson_is_refused(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("units", "boundaries", str(bad))
    with pytest.raises(CommandError, match="GeoJSON"):
        call_command("units", "boundaries")
    assert not Boundary.objects.exists()
