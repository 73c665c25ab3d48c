"""`dantinh units boundaries FILE.geojson [...]`: add (or replace) a deployment's boundaries."""

from __future__ import annotations

from dantinh.insight import geo


def run(args: list[str], stdout) -> None:
    if not args:
        raise ValueError("Give one or more GeoJSON files: dantinh units boundaries FILE.geojson")
    for path in args:
        features = geo.read_features(path, tolerance=geo.COMMUNE_TOLERANCE)
        created, updated = geo.store(features)
        stdout.write(f"{path}: {created} boundaries added, {updated} replaced")
