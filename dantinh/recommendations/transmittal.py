"""The transmittal letter (phiếu chuyển / công văn chuyển kiến nghị) of a forwarding, in the
Party document format the reports use (dantinh.documents). It names the grievance, the place,
the field and the deadline — never the complainant."""

from __future__ import annotations

from django.utils import timezone

from dantinh.core import audit
from dantinh.documents.model import ReportDocument, Section, Signature
from dantinh.documents.render import render_docx
from dantinh.org.models import User
from dantinh.recommendations.models import Recommendation
from dantinh.reporting.docbuild import header_for


def build(rec: Recommendation) -> ReportDocument:
    header = header_for(rec.owner)
    body = rec.body
    forwarded = rec.forwarded_on or timezone.localdate()
    due = rec.due_on.strftime("%d/%m/%Y") if rec.due_on else ""
    facts = [
        f"Nơi phát sinh: {rec.unit.full_name}.",
        f"Lĩnh vực: {rec.field.name}.",
        f"Ngày tiếp nhận: {rec.received_on:%d/%m/%Y}.",
    ]
    paragraphs = [
        f"{header.issuing_body.capitalize()} nhận được phản ánh, kiến nghị của Nhân dân với nội dung sau:",
        rec.item.text,
        *facts,
        (
            f"Nội dung trên thuộc thẩm quyền giải quyết của {body.name}. "  # type: ignore[union-attr]
            f"Đề nghị {body.name} xem xét, giải quyết theo quy định"  # type: ignore[union-attr]
            + (f" và trả lời trước ngày {due}" if due else "")
            + "; kết quả giải quyết đề nghị gửi về "
            + f"{header.issuing_body.capitalize()} để thông tin đến Nhân dân."
        ),
    ]
    return ReportDocument(
        superior_body=header.superior_body,
        issuing_body=header.issuing_body,
        number=f"Số      -CV/{header.number_suffix.split('/')[-1]}",
        place=header.place,
        date=forwarded,
        doc_type="CÔNG VĂN",
        summary=f"V/v chuyển kiến nghị của Nhân dân đến {body.name}",  # type: ignore[union-attr]
        sections=[Section(title="", paragraphs=paragraphs)],
        recipients=[f"- {body.name},", "- Lưu VT."],  # type: ignore[union-attr]
        signature=Signature(
            header.signature_authority, header.signature_position, header.signer_name
        ),
    )


def transmittal(*, actor: User, rec: Recommendation) -> tuple[bytes, str]:
    """The .docx and its file name; the download is recorded as an export."""
    data = render_docx(build(rec))
    audit.record(actor=actor, action=audit.Action.EXPORT, obj=rec, note="transmittal")
    return data, f"chuyen-kien-nghi-{rec.pk}.docx"
