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
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = "vendor/plotly/plotly.min.js"


def _package_data(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "package_data"


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
        return [
            Error(
                f"{package}/package_data/{name} is missing: reinstall dantinh's dependencies "
                "(make setup).",
                id="dantinh.E100",
            )
            for static_path, (package, name) in self.FILES.items()
            if static_path not in self.storages
        ]

    def find(self, path, find_all=False, **kwargs):
        found = self.storages.get(path)
        if found is None:
            return []
        name, storage = found
        full = storage.path(name)
        return [full] if find_all or kwargs.get("all") else full

    def list(self, ignore_patterns):
        yield from self.storages.values()
