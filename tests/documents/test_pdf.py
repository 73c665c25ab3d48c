import re
import shutil
import subprocess

import pytest

from dantinh.documents.convert import (
    ConversionFailed,
    ConversionUnavailable,
    docx_to_pdf,
    find_soffice,
)
from dantinh.documents.render import render_pdf
from tests.documents.sample import sample_report

needs_soffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed"
)


def _pdftotext(pdf: bytes, tmp_path, page: int) -> str:
    path = tmp_path / "bao_cao.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return out.stdout


@needs_soffice
def test_the_report_converts_to_pdf(tmp_path):
    pdf = render_pdf(sample_report())
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 1
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    first = _pdftotext(pdf, tmp_path, 1)
    for text in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN DÂN VẬN",
        "Số 125-BC/BDVTU",
        "Hải Phòng, ngày 05 tháng 11 năm 2026",
        "BÁO CÁO",
        "I. TÌNH HÌNH CHUNG",
    ):
        assert text in first
    # Page numbers start on page 2, at the top.
    assert first.split()[0] != "1"
    second = _pdftotext(pdf, tmp_path, 2)
    assert second.split()[0] == "2"
    assert "Nơi nhận:" in second and "K/T TRƯỞNG BAN" in second


def test_without_libreoffice_the_user_is_told_to_download_the_docx(monkeypatch, tmp_path):
    monkeypatch.setenv("DANTINH_SOFFICE", str(tmp_path / "no-soffice"))
    assert find_soffice() is None
    with pytest.raises(ConversionUnavailable) as raised:
        render_pdf(sample_report())
    assert "LibreOffice" in str(raised.value) and ".docx" in str(raised.value)


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """A stand-in for soffice that records its arguments and writes no PDF."""
    script = tmp_path / "soffice"
    args = tmp_path / "args.txt"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {args}\necho "boom" >&2\nexit 1\n')
    script.chmod(0o755)
    monkeypatch.setenv("DANTINH_SOFFICE", str(script))
    return args


def test_a_failed_conversion_says_why_and_uses_a_private_profile(fake_soffice):
    with pytest.raises(ConversionFailed) as raised:
        docx_to_pdf(b"not really a docx")
    assert "boom" in raised.value.detail
    args = fake_soffice.read_text().splitlines()
    profile = next(a for a in args if a.startswith("-env:UserInstallation="))
    assert profile.startswith("-env:UserInstallation=file:///")
    assert "--headless" in args and "pdf:writer_pdf_Export" in args
