"""From a submission (or a report drafted on the fly) to the `ReportDocument` that the
documents package renders. Header values come from the unit's document settings, and where
those are empty, from the unit itself. Reports never carry personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from dantinh.documents.charts import Chart
from dantinh.documents.model import ReportDocument, Section, Signature, Table
from dantinh.language.normalize import fold
from dantinh.org import services as org_services
from dantinh.org.models import Unit
from dantinh.reporting.models import Submission, UnitReportSettings

PREFIXES = [
    "Thành phố ",
    "Tỉnh ",
    "Phường ",
    "Xã ",
    "Đặc khu ",
    "Thị trấn ",
    "Quận ",
    "Huyện ",
    "Thị xã ",
]


@dataclass
class Header:
    superior_body: str
    issuing_body: str
    number_suffix: str
    place: str
    recipients: list[str]
    signature_authority: str
    signature_position: str
    signer_name: str


def short_name(unit: Unit) -> str:
    name = unit.full_name or unit.name
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _committee(root: Unit) -> str:
    """ "Thành ủy" for a city under the central government, "Tỉnh ủy" for a province."""
    return "Thành ủy" if (root.full_name or root.name).startswith("Thành phố") else "Tỉnh ủy"


def _initials(text: str) -> str:
    return "".join(w[0] for w in fold(text).replace(",", " ").split() if w[0].isalpha()).upper()


def default_header(unit: Unit) -> Header:
    """Sensible values derived from the unit's place in the tree."""
    chain = org_services.ancestors(unit) + [unit]
    root = chain[0]
    committee = _committee(root)
    place = short_name(root)
    if unit.pk == root.pk:
        return Header(
            f"{committee} {short_name(root)}".upper(),
            "BAN DÂN VẬN",
            "BC/BDVTU",
            place,
            [
                f"- Thường trực {committee} (để b/c),",
                "- Ban Dân vận Trung ương (để b/c),",
                "- Lưu BDVTU.",
            ],
            "K/T TRƯỞNG BAN",
            "PHÓ TRƯỞNG BAN",
            "",
        )
    if unit.kind == Unit.Kind.TERRITORIAL:
        return Header(
            f"ĐẢNG ỦY {unit.full_name}".upper(),
            "BAN DÂN VẬN",
            "BC/BDVĐU",
            short_name(unit),
            [
                f"- Ban Dân vận {committee} (để b/c),",
                "- Thường trực Đảng ủy (để b/c),",
                "- Lưu BDV.",
            ],
            "TRƯỞNG BAN",
            "",
            "",
        )
    parent = chain[-2] if len(chain) > 1 else root
    superior = (
        f"BAN DÂN VẬN {committee} {place}"
        if unit.sector == Unit.Sector.COMMISSION_DEPARTMENT
        else parent.full_name
    )
    return Header(
        superior.upper(),
        unit.name.upper(),
        f"BC/{_initials(unit.name)}",
        place,
        [f"- Ban Dân vận {committee} (để b/c),", "- Lưu VT."],
        "TRƯỞNG PHÒNG" if unit.sector == Unit.Sector.COMMISSION_DEPARTMENT else "",
        "",
        "",
    )


def header_for(unit: Unit) -> Header:
    """The unit's settings over the defaults, value by value."""
    header = default_header(unit)
    saved = UnitReportSettings.objects.filter(unit=unit).first()
    if saved is None:
        return header
    for name in (
        "superior_body",
        "issuing_body",
        "number_suffix",
        "place",
        "signature_authority",
        "signature_position",
        "signer_name",
    ):
        value = getattr(saved, name).strip()
        if value:
            setattr(header, name, value)
    if saved.recipients.strip():
        header.recipients = [line.strip() for line in saved.recipients.splitlines() if line.strip()]
    return header


def _cell(value):
    if isinstance(value, dict):
        return value.get("v")
    return value


def to_section(title: str, text: str, data: dict | None) -> Section:
    """A section's narrative becomes paragraphs (its lines, blank lines dropped), its figures
    tables and charts; links are for the screen only."""
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    tables = [
        Table(
            columns=list(t["columns"]),
            rows=[[_cell(c) for c in row] for row in t["rows"]],
            caption=t.get("title", ""),
        )
        for t in (data or {}).get("tables", [])
        if t.get("rows")
    ]
    charts = [Chart.from_dict(c) for c in (data or {}).get("charts", [])]
    return Section(title=title, paragraphs=paragraphs, tables=tables, charts=charts)


def build(
    *,
    unit: Unit,
    title: str,
    number: str,
    date: dt.date,
    sections: list[tuple[str, str, dict]],
    period_label: str = "",
    with_tables: bool = True,
) -> ReportDocument:
    header = header_for(unit)
    number_text = (
        f"Số {number.strip() or '     '}-{header.number_suffix}"
        if header.number_suffix
        else (number or "")
    )
    return ReportDocument(
        superior_body=header.superior_body,
        issuing_body=header.issuing_body,
        number=number_text,
        place=header.place,
        date=date,
        doc_type="BÁO CÁO",
        summary=title,
        sections=[to_section(t, text, data if with_tables else None) for t, text, data in sections],
        recipients=header.recipients,
        signature=Signature(
            header.signature_authority, header.signature_position, header.signer_name
        ),
        period_label=period_label,
    )


def for_submission(submission: Submission, *, with_tables: bool = True) -> ReportDocument:
    sent = submission.submitted_at or submission.created_at or timezone.now()
    from dantinh.reporting.periods import resolve

    try:
        label = resolve(submission.schedule, submission.period_key).label
    except Exception:
        label = submission.period_key
    return build(
        unit=submission.unit,
        title=submission.title,
        number=submission.number,
        date=timezone.localtime(sent).date(),
        period_label=label,
        with_tables=with_tables,
        sections=[(s.title, s.text, s.data) for s in submission.sections.all()],
    )


def sections_for_period(
    *, unit: Unit, schedule, period, user
) -> tuple[list[tuple[str, str, dict]], Submission | None]:
    """The sections (title, text, data) of the unit's report for `schedule` and `period`: its
    saved submission's if there is one, else as they would be drafted now from the unit's
    coverage (and the reports below). The one source of the composite page and of its Word,
    PDF and Excel files. The caller has checked that `user` may see or export the report."""
    from dantinh.reporting import drafting

    submission = (
        Submission.objects.select_related("unit", "schedule")
        .filter(unit=unit, schedule=schedule, period_key=period.key)
        .first()
    )
    if submission is not None:
        return [(s.title, s.text, s.data) for s in submission.sections.all()], submission
    drafted = drafting.draft_sections(unit=unit, schedule=schedule, period=period, user=user)
    return [(s.title, s.text, s.data) for s in drafted], None


def for_period(*, unit: Unit, schedule, period, user) -> tuple[ReportDocument, Submission | None]:
    """The unit's report for `schedule` and `period` as a document (`sections_for_period`):
    the unit's content, whoever asks (`user` is passed on for audit and links). The caller has
    checked that `user` may export the unit's report. Nothing is saved. The command line's
    export and the web's export jobs both come here."""
    from dantinh.reporting import drafting

    sections, submission = sections_for_period(
        unit=unit, schedule=schedule, period=period, user=user
    )
    if submission is not None:
        return for_submission(submission), submission
    template = drafting.template_for(schedule, period)
    document = build(
        unit=unit,
        title=drafting.title_for(template, period),
        number="",
        date=timezone.localdate(),
        sections=sections,
        period_label=period.label,
    )
    return document, None
