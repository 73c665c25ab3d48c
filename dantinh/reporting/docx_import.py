"""Reading a report a unit wrote in Word: its text (paragraphs and table rows, in order), and
a best effort to split it into the template's sections by their headings."""

from __future__ import annotations

import io
import logging
import re
import zipfile

from django.utils.translation import gettext as _

from dantinh.language.normalize import fold

logger = logging.getLogger(__name__)

MAX_PARAGRAPHS = 20_000
# A report of a few hundred pages unpacks to a few MB; past this it is a zip bomb.
MAX_UNCOMPRESSED = 200 * 2**20
# Heading openings that name a section whatever the template calls it.
KEYWORDS = {
    "general": ["tinh hinh chung", "khai quat", "tinh hinh nhan dan"],
    "mood": ["tam trang", "tu tuong", "du luan"],
    "recommendations": ["kien nghi", "buc xuc", "don thu", "y kien"],
    "incidents": ["vu viec", "diem nong", "tinh hinh phuc tap"],
    "forecast": ["du bao"],
    "proposals": ["de xuat", "kien nghi de xuat"],
}
_NUMBERING = re.compile(r"^\s*((?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[\.\)/:-]\s*)+", re.IGNORECASE)


class NotADocx(ValueError):
    pass


def extract(data: bytes) -> list[str]:
    """The non-empty paragraphs of the body, table rows joined with " | ".

    Takes any bytes: what is not a Word document (a damaged zip, a part that is not XML or
    not a document, a zip bomb) raises NotADocx with a message; nothing else is raised."""
    try:
        return _paragraphs(_body(data))
    except NotADocx:
        raise
    except Exception as exc:  # noqa: BLE001 - any bytes in, a message out
        # lxml's XMLSyntaxError is neither a ValueError nor an OSError: a document.xml that
        # was not XML answered 500 (found by fuzzing, issue 9.18)
        logger.warning("docx upload refused after %s: %s", type(exc).__name__, exc)
        raise NotADocx(_not_a_docx()) from exc


def _not_a_docx() -> str:
    return _("The file is not a valid Word (.docx) document.")


def _body(data: bytes):
    from docx import Document

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
            raise NotADocx(
                _("The document would take more than %(mb)s MB once unpacked.")
                % {"mb": MAX_UNCOMPRESSED // 2**20}
            )
    document = Document(io.BytesIO(data))
    # a main part whose root is not <w:document> has no body (it raised AttributeError)
    body = getattr(document.element, "body", None)
    if body is None:
        raise NotADocx(_not_a_docx())
    return body


def _paragraphs(body) -> list[str]:
    result: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(
                node.text or "" for node in child.iter() if node.tag.endswith("}t")
            ).strip()
            if text:
                result.append(text)
        elif tag == "tbl":
            for row in child.iter():
                if not row.tag.endswith("}tr"):
                    continue
                cells = []
                for cell in row.iterchildren():
                    if cell.tag.endswith("}tc"):
                        cells.append(
                            " ".join(
                                "".join(
                                    t.text or "" for t in cell.iter() if t.tag.endswith("}t")
                                ).split()
                            )
                        )
                line = " | ".join(c for c in cells if c)
                if line:
                    result.append(line)
        if len(result) > MAX_PARAGRAPHS:
            break
    return result


def _heading_key(text: str) -> str:
    return " ".join(
        fold(_NUMBERING.sub("", text)).replace(",", " ").replace("“", "").replace("”", "").split()
    )


def split_into_sections(paragraphs: list[str], sections: list[tuple[str, str]]) -> dict[str, str]:
    """{section code: text}. A heading (short, numbered or in capitals) that is a section's
    title or opens with its keywords starts that section; text before any heading, or with no heading found, goes to the
    first section."""
    if not sections:
        return {}
    openings: list[tuple[str, str]] = []
    for code, title in sections:
        title_key = _heading_key(title)
        if title_key:
            openings.append((title_key, code))
        openings.extend((k, code) for k in KEYWORDS.get(code, []))
    openings.sort(key=lambda kv: -len(kv[0]))  # the longest opening wins
    titles = {_heading_key(title): code for code, title in sections}
    current = sections[0][0]
    texts: dict[str, list[str]] = {code: [] for code, _t in sections}
    for paragraph in paragraphs:
        if _looks_like_heading(paragraph):
            key = _heading_key(paragraph)
            match = titles.get(key) or next(
                (code for opening, code in openings if key.startswith(opening)), None
            )
            if match is not None:
                current = match
                continue
        texts[current].append(paragraph)
    return {code: "\n\n".join(lines) for code, lines in texts.items()}


def _looks_like_heading(paragraph: str) -> bool:
    """Short, and numbered ("II. …", "3. …") or in capitals: a sentence of the body that
    happens to open with "Đề xuất…" is not a heading."""
    text = paragraph.strip()
    if len(text) > 150 or text.endswith((".", ";", ":")) and not _NUMBERING.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(_NUMBERING.match(text)) or (bool(letters) and all(c.isupper() for c in letters))
