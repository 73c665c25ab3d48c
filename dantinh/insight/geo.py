"""Boundaries of units for the map: carried by the package (the 34 provinces, the communes of
Hải Phòng and Tuyên Quang, simplified), or added by a deployment (`dantinh units boundaries
FILE.geojson`, stored in `Boundary`). Drawn on the server as SVG: no tile server, no network.

Codes are the statistics office's codes of 1/7/2025 (`Unit.CodeScheme.GSO_2025`): a unit whose
code matches a boundary's code is drawn with it."""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

from django.db import transaction

DATA = Path(__file__).resolve().parent / "data" / "boundaries"
# Douglas-Peucker tolerance in degrees (~1 km for provinces, ~120 m for communes), and the
# number of decimals kept (4 ≈ 11 m).
PROVINCE_TOLERANCE, COMMUNE_TOLERANCE, DECIMALS = 0.01, 0.0012, 4


def _perpendicular(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def _douglas_peucker(points: list, tolerance: float) -> list:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, 0
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: list, tolerance: float) -> list | None:
    """A closed ring simplified and rounded; None when it shrinks to nothing."""
    pts = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y, *_ in ring]
    pts = _douglas_peucker(pts, tolerance)
    out: list = []
    for p in pts:
        if not out or p != out[-1]:
            out.append(p)
    if len(out) < 4:
        return None
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def simplify_geometry(geometry: dict, tolerance: float) -> dict | None:
    """A (Multi)Polygon as a MultiPolygon of simplified rings (holes dropped: a commune's
    enclave is drawn by its own feature, on top)."""
    kind = geometry.get("type")
    polygons = (
        [geometry["coordinates"]]
        if kind == "Polygon"
        else geometry["coordinates"]
        if kind == "MultiPolygon"
        else []
    )
    result = []
    for polygon in polygons:
        if not polygon:
            continue
        outer = simplify_ring(polygon[0], tolerance)
        if outer is not None:
            result.append([outer])
    return {"type": "MultiPolygon", "coordinates": result} if result else None


def read_features(path: Path | str, *, tolerance: float) -> list[dict[str, Any]]:
    """The features of a GeoJSON file as {code, name, geometry}, simplified. Raises ValueError
    with a plain message when the file is not GeoJSON with coded features."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValueError(f"{path} is not a GeoJSON FeatureCollection")
    features = []
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = str(props.get("code") or props.get("ma") or "").strip()
        geometry = simplify_geometry(feature.get("geometry") or {}, tolerance)
        if not code or geometry is None:
            continue
        name = props.get("fullName") or props.get("name") or code
        features.append({"code": code, "name": str(name)[:200], "geometry": geometry})
    if not features:
        raise ValueError(f"{path} has no feature with a code and a polygon")
    return features


@functools.cache
def packaged() -> dict[str, dict[str, Any]]:
    """The boundaries carried by the package, by code (provinces have 2 digits, communes 5)."""
    result: dict[str, dict[str, Any]] = {}
    for path in sorted(DATA.glob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for f in data["features"]:
            result[f["properties"]["code"]] = {
                "code": f["properties"]["code"],
                "name": f["properties"].get("name", ""),
                "geometry": f["geometry"],
            }
    return result


def boundaries(codes: list[str]) -> dict[str, dict[str, Any]]:
    """The boundaries of these codes: a deployment's own (the database) before the package's."""
    from dantinh.insight.models import Boundary

    found = {c: packaged()[c] for c in codes if c in packaged()}
    for b in Boundary.objects.filter(code__in=codes):
        found[b.code] = {"code": b.code, "name": b.name, "geometry": b.geometry}
    return found


@transaction.atomic
def store(features: list[dict[str, Any]]) -> tuple[int, int]:
    """Add or replace boundaries by code; returns (created, updated)."""
    from dantinh.insight.models import Boundary

    created = updated = 0
    for f in features:
        _, new = Boundary.objects.update_or_create(
            code=f["code"], defaults={"name": f["name"], "geometry": f["geometry"]}
        )
        created += new
        updated += not new
    return created, updated


def project(shapes: dict[str, dict], width: int = 800) -> tuple[dict[str, str], int]:
    """SVG path data per code, in a viewBox `width` wide (equirectangular, scaled by the
    cosine of the middle latitude, north up); returns (paths, height)."""
    xs, ys = [], []
    for shape in shapes.values():
        for polygon in shape["geometry"]["coordinates"]:
            for x, y in polygon[0]:
                xs.append(x)
                ys.append(y)
    if not xs:
        return {}, 0
    k = math.cos(math.radians((min(ys) + max(ys)) / 2))
    span_x = (max(xs) - min(xs)) * k or 1e-6
    span_y = max(ys) - min(ys) or 1e-6
    scale = (width - 4) / span_x
    height = int(span_y * scale) + 4
    x0, y1 = min(xs), max(ys)
    result = {}
    for code, shape in shapes.items():
        d = []
        for polygon in shape["geometry"]["coordinates"]:
            ring = polygon[0]
            pts = [f"{2 + (x - x0) * k * scale:.1f} {2 + (y1 - y) * scale:.1f}" for x, y in ring]
            d.append("M" + "L".join(pts) + "Z")
        result[code] = "".join(d)
    return result, height
