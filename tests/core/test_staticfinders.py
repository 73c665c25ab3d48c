"""plotly.js comes from the installed plotly package, not from the repository or a CDN: the
chart pages load it as one of the application's static files."""

from django.contrib.staticfiles import finders

from dantinh.core.staticfinders import PLOTLY_JS, PackageDataFinder


def test_plotly_js_is_found_in_the_installed_package():
    path = finders.find(PLOTLY_JS)
    assert path and "/plotly/package_data/" in path
    with open(path, encoding="utf-8") as js:
        assert "plotly.js v" in js.read(200)


def test_plotly_js_is_served_as_a_static_file(client):
    response = client.get("/static/" + PLOTLY_JS)
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    assert int(response["Content-Length"]) > 1_000_000  # the whole library, not a stub


def test_collectstatic_copies_it(tmp_path, settings):
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / PLOTLY_JS).stat().st_size > 1_000_000


def test_a_missing_package_is_reported_by_the_checks(monkeypatch):
    monkeypatch.setattr(
        PackageDataFinder, "FILES", {"vendor/x/x.js": ("no_such_package_here", "x.js")}
    )
    finder = PackageDataFinder()
    assert [e.id for e in finder.check()] == ["dantinh.E100"]
    assert finder.find("vendor/x/x.js") == []


def test_the_installed_plotly_skips_its_map_stylesheet_when_the_page_marks_it():
    """The id the chart pages carry is the one this plotly.js checks before injecting its map
    stylesheet (an inline <style> the Content-Security-Policy would refuse)."""
    from pathlib import Path

    from dantinh.core.staticfinders import plotly_marks_its_map_style

    assert plotly_marks_its_map_style(Path(finders.find(PLOTLY_JS)))
    assert [e.id for e in PackageDataFinder().check()] == []


def test_a_plotly_with_another_map_stylesheet_id_is_reported(tmp_path, monkeypatch):
    (tmp_path / "plotly.min.js").write_text('document.getElementById("0123")', encoding="utf-8")
    finder = PackageDataFinder()
    monkeypatch.setattr(finder, "find", lambda path, **kwargs: str(tmp_path / "plotly.min.js"))
    assert [e.id for e in finder.check()] == ["dantinh.W101"]
