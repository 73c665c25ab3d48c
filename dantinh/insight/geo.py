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


def _box(shape: dict) -> tuple[float, float, float, float]:
    xs = [x for polygon in shape["geometry"]["coordinates"] for x, _ in polygon[0]]
    ys = [y for polygon in shape["geometry"]["coordinates"] for _, y in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


def _outlying(boxes: dict[str, tuple[float, float, float, float]]) -> set[str]:
    """Far-off islands (Bạch Long Vĩ, 130 km out at sea): a unit whose centre lies more than
    three times the typical distance from the middle of the others is drawn in the corner,
    so that the mainland keeps the map's width."""
    if len(boxes) < 5:
        return set()
    centres = {c: ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2) for c, b in boxes.items()}
    xs = sorted(x for x, _ in centres.values())
    ys = sorted(y for _, y in centres.values())
    mx, my = xs[len(xs) // 2], ys[len(ys) // 2]
    distances = {c: math.hypot(x - mx, y - my) for c, (x, y) in centres.items()}
    typical = sorted(distances.values())[len(distances) // 2] or 1e-6
    return {c for c, d in distances.items() if d > 3 * typical}


def project(shapes: dict[str, dict], width: int = 800) -> tuple[dict[str, str], int]:
    """SVG path data per code, in a viewBox `width` wide (equirectangular, scaled by the
    cosine of the middle latitude, north up); far-off islands are moved into the bottom-right
    corner, at the same scale. Returns (paths, height)."""
    shapes = {c: s for c, s in shapes.items() if s["geometry"]["coordinates"]}
    if not shapes:
        return {}, 0
    boxes = {c: _box(s) for c, s in shapes.items()}
    far = _outlying(boxes)
    main = [b for c, b in boxes.items() if c not in far]
    x0, y0 = min(b[0] for b in main), min(b[1] for b in main)
    x1, y1 = max(b[2] for b in main), max(b[3] for b in main)
    k = math.cos(math.radians((y0 + y1) / 2))
    scale = (width - 4) / (((x1 - x0) * k) or 1e-6)
    height = int((y1 - y0) * scale) + 4
    result = {}
    for code, shape in shapes.items():
        dx = dy = 0.0
        if code in far:  # its box's bottom-right corner at the map's
            bx0, by0, bx1, by1 = boxes[code]
            dx = (width - 8) - (2 + (bx1 - x0) * k * scale)
            dy = (height - 8) - (2 + (y1 - by0) * scale)
        d = []
        for polygon in shape["geometry"]["coordinates"]:
            pts = [
                f"{2 + (x - x0) * k * scale + dx:.1f} {2 + (y1 - y) * scale + dy:.1f}"
                for x, y in polygon[0]
            ]
            d.append("M" + "L".join(pts) + "Z")
        result[code] = "".join(d)
    return result, height
