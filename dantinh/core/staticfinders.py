"""Static files taken from installed Python packages rather than copied into the repository.

plotly.js, the charts' JavaScript, ships inside the ``plotly`` package from the registry
(``plotly/package_data/plotly.min.js``). This finder offers it as the static file
``vendor/plotly/plotly.min.js``: WhiteNoise serves it from the package in development, and
``collectstatic`` (run by ``dantinh serve``) copies and fingerprints it like any other static
file, so an intranet deployment needs no CDN and the version is the one ``pip`` installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "vendor/plotly/plotly.min.js"
# plotly.js carries the stylesheet of its MapLibre maps and, on loading, writes it into the
# page as an inline <style> with this id unless an element with the id is already there. The
# Content-Security-Policy refuses inline styles (a console error on every chart page), and
# dantinh draws no plotly map (the province map is SVG drawn on the server), so
# ``_chart_scripts.html`` puts an empty element with this id in the page: the stylesheet is
# neither injected nor refused, and the policy stays as strict. The id changes with the
# MapLibre CSS plotly bundles: the checks below say so when an upgrade changes it.
PLOTLY_MAP_STYLE_ID = "9f215cf04c5486422605d13261cb87401f4e7763b6296af81e98efbc0130da53"


def _package_data(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "package_data"


def plotly_marks_its_map_style(path: Path) -> bool:
    """Does this plotly.min.js skip its map stylesheet when PLOTLY_MAP_STYLE_ID is in the page?"""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return f'getElementById("{PLOTLY_MAP_STYLE_ID}")' in text


class PackageDataFinder(BaseFinder):
    """Finds the files listed in ``FILES`` (static path → package, file in its package_data)."""

    FILES = {PLOTLY_JS: ("plotly", "plotly.min.js")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storages: dict[str, tuple[str, FileSystemStorage]] = {}
        for static_path, (package, name) in self.FILES.items():
            folder = _package_data(package)
            if folder is None or not (folder / name).is_file():
                continue
            storage = FileSystemStorage(location=folder)
            # collectstatic and WhiteNoise put a storage's files under its prefix
            storage.prefix = static_path.rsplit("/", 1)[0]  # type: ignore[attr-defined]
            self.storages[static_path] = (name, storage)

    def check(self, **kwargs):
        errors = [
            Error(
                f"{package}/package_data/{name} is missing: reinstall dantinh's dependencies "
                "(make setup).",
                id="dantinh.E100",
            )
            for static_path, (package, name) in self.FILES.items()
            if static_path not in self.storages
        ]
        plotly = self.find(PLOTLY_JS)
        if plotly and not plotly_marks_its_map_style(Path(plotly)):
            errors.append(
                CheckWarning(
                    "plotly.min.js no longer looks for its map stylesheet under the id in "
                    "dantinh.core.staticfinders.PLOTLY_MAP_STYLE_ID: chart pages will log a "
                    "Content-Security-Policy error. Put the id of the installed version there "
                    '(the 64 hex digits after the one getElementById("…") that injects '
                    "'.maplibregl-map').",
                    id="dantinh.W101",
                )
            )
        return errors

    def find(self, path, find_all=False, **kwargs):
        found = self.storages.get(path)
        if found is None:
            return []
        name, storage = found
        full = storage.path(name)
        return [full] if find_all or kwargs.get("all") else full

    def list(self, ignore_patterns):
        yield from self.storages.values()
