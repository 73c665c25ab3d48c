"""Word → PDF with LibreOffice in headless mode.

Each conversion runs in its own temporary directory with its own LibreOffice profile
(-env:UserInstallation), so concurrent exports do not wait on or corrupt a shared profile, and
in its own process group, so a conversion that hangs is killed whole at the timeout.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

SOFFICE_SETTING = "DANTINH_SOFFICE"
_CANDIDATES = (
    "soffice",
    "libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)

UNAVAILABLE_MESSAGE = (
    "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản Word (.docx) của báo cáo "
    "rồi in hoặc lưu thành PDF, hoặc đề nghị quản trị viên cài LibreOffice."
)
FAILED_MESSAGE = (
    "Chưa chuyển được báo cáo sang PDF; hãy thử lại sau hoặc tải bản Word (.docx) của báo cáo."
)


class ConversionUnavailable(Exception):
    """LibreOffice is not installed: PDF cannot be produced here (the .docx still can)."""

    def __init__(self, message: str = UNAVAILABLE_MESSAGE):
        super().__init__(message)


class ConversionFailed(Exception):
    """LibreOffice ran but produced no PDF, or did not finish in time. `detail` says why."""

    def __init__(self, detail: str, message: str = FAILED_MESSAGE):
        super().__init__(message)
        self.detail = detail


def find_soffice() -> str | None:
    """The LibreOffice executable: the DANTINH_SOFFICE environment variable, else the PATH,
    else the usual install locations."""
    configured = os.environ.get(SOFFICE_SETTING, "").strip()
    candidates = (configured,) if configured else _CANDIDATES
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def docx_to_pdf(data: bytes, *, timeout: float = 120) -> bytes:
    """Convert a .docx (bytes) to PDF (bytes)."""
    soffice = find_soffice()
    if soffice is None:
        raise ConversionUnavailable()
    with tempfile.TemporaryDirectory(prefix="dantinh-pdf-") as tmp:
        workdir = Path(tmp)
        source = workdir / "bao_cao.docx"
        source.write_bytes(data)
        profile = (workdir / "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--nodefault",
            "--nolockcheck",
            "--nologo",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(workdir),
            str(source),
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise ConversionFailed(f"LibreOffice did not finish within {timeout:g} s") from None
        target = workdir / "bao_cao.pdf"
        if process.returncode != 0 or not target.is_file():
            detail = (stderr or stdout).decode("utf-8", "replace").strip()
            raise ConversionFailed(
                f"LibreOffice exited with {process.returncode}: {detail or 'no PDF written'}"
            )
        return target.read_bytes()


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the conversion and whatever it started (soffice.bin), then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
