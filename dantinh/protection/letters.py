"""Official documents of data protection, built as `ReportDocument`s and rendered as Word
files by `dantinh.documents`: the answer to a data subject's request, the notification of a
breach, the register of processing activities and the impact-assessment dossier.

The answer letter is addressed to the person and so names them: it is built on demand for
whoever handles the request (a reading of personal data, recorded) and never stored.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dantinh.documents.model import ReportDocument, Section, Signature
from dantinh.documents.render import render_docx
from dantinh.org.models import Unit
from dantinh.reporting.docbuild import header_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document(
    unit: Unit,
    *,
    doc_type: str,
    summary: str,
    sections: list[Section],
    number_kind: str = "CV",
    preamble: str = "",
    date: dt.date | None = None,
) -> ReportDocument:
    header = header_for(unit)
    suffix = header.number_suffix.split("/", 1)[-1] if header.number_suffix else ""
    return ReportDocument(
        superior_body=header.superior_body,
        issuing_body=header.issuing_body,
        number=f"Số      -{number_kind}/{suffix}" if suffix else "",
        place=header.place,
        date=date or timezone.localdate(),
        doc_type=doc_type,
        summary=summary,
        sections=sections,
        recipients=header.recipients,
        signature=Signature(
            header.signature_authority, header.signature_position, header.signer_name
        ),
        preamble=preamble,
    )


def docx(doc: ReportDocument) -> bytes:
    return render_docx(doc)


# --- the answer to a data subject's request --------------------------------------------------

KIND_WORDS = {
    "access": "xem, được cung cấp dữ liệu cá nhân của mình",
    "correction": "chỉnh sửa dữ liệu cá nhân của mình",
    "deletion": "xóa dữ liệu cá nhân của mình",
    "objection": "phản đối, hạn chế việc xử lý dữ liệu cá nhân của mình",
}


def request_answer(request, personal) -> ReportDocument:
    """The letter answering `request` (a SubjectRequest) to the person (`personal`: what
    `requests.request_read` returned)."""
    person = personal.identity
    addressee = person.name or "Ông/Bà"
    received = request.received_on.strftime("%d/%m/%Y")
    asked = KIND_WORDS.get(request.kind, "")
    outcome = (
        "Sau khi xem xét, cơ quan không thể đáp ứng yêu cầu, với lý do nêu dưới đây."
        if request.status == "refused"
        else "Cơ quan đã thực hiện yêu cầu như sau."
    )
    sections = [
        Section(
            "Yêu cầu đã nhận",
            paragraphs=[
                f"Ngày {received}, cơ quan nhận được yêu cầu của {addressee} về việc {asked} "
                f"(số tiếp nhận {request.pk}).",
            ],
        ),
        Section("Kết quả giải quyết", paragraphs=[outcome, personal.answer]),
        Section(
            "Quyền của người yêu cầu",
            paragraphs=[
                "Nếu chưa đồng ý với kết quả giải quyết, người yêu cầu có quyền khiếu nại, tố "
                "cáo hoặc khởi kiện theo quy định của Luật Bảo vệ dữ liệu cá nhân số "
                "91/2025/QH15 và pháp luật có liên quan."
            ],
        ),
    ]
    doc = document(
        request.unit,
        doc_type="CÔNG VĂN",
        summary="V/v trả lời yêu cầu liên quan đến dữ liệu cá nhân",
        sections=sections,
        preamble=f"Kính gửi: {addressee}" + (f", {person.address}" if person.address else "") + ".",
    )
    doc.recipients = ["- Như trên,", "- Lưu VT."]
    return doc
