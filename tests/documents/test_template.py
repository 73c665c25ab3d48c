import zipfile

from dantinh.documents.template_builder import DEFAULT_TEMPLATE, build_default_template


def test_the_committed_template_is_the_builders_output(tmp_path):
    """Run `python -m dantinh.documents.template_builder` after changing the builder."""
    built = build_default_template(tmp_path / "bao_cao.docx")
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as committed, zipfile.ZipFile(built) as fresh:
        assert sorted(committed.namelist()) == sorted(fresh.namelist())
        for name in fresh.namelist():
            assert committed.read(name) == fresh.read(name), name
