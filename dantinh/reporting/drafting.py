"""Drafting a report: for each section of the template, what the contributors write."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dantinh.reporting.contributors import draft_section
from dantinh.reporting.models import AdHocRequest, ReportTemplate, Schedule
from dantinh.reporting.periods import Period


@dataclass
class DraftedSection:
    code: str
    title: str
    guidance: str
    order: int
    text: str
    data: dict = field(default_factory=dict)


def template_for(schedule: Schedule, period: Period) -> ReportTemplate:
    if period.adhoc_id is not None:
        return AdHocRequest.objects.select_related("template").get(pk=period.adhoc_id).template
    return schedule.template


def title_for(template: ReportTemplate, period: Period) -> str:
    """ "Tình hình Nhân dân tháng 10 năm 2026"; an ad-hoc report takes its request's subject."""
    if period.adhoc_id is not None:
        return period.phrase
    return f"{template.title_prefix} {period.phrase}".strip()


def draft_sections(*, unit, schedule: Schedule, period: Period, user) -> list[DraftedSection]:
    """Every active section of the template, written by the contributors for `unit` and
    `period` within the unit's coverage: the same text whoever drafts (`user`, who asked for
    it, is passed on for audit and links only). The caller checks that `user` may compile or
    export the unit's report."""
    template = template_for(schedule, period)
    result = []
    for section in template.sections.filter(is_active=True).order_by("order", "id"):
        draft = draft_section(section.code, unit=unit, period=period, user=user)
        result.append(
            DraftedSection(
                code=section.code,
                title=section.title,
                guidance=section.guidance,
                order=section.order,
                text=draft.text(),
                data=draft.data(),
            )
        )
    return result


def window_sentence(period: Period) -> str:
    return _("Period from %(start)s to %(end)s") % {
        "start": f"{period.start:%d/%m/%Y}",
        "end": f"{period.end:%d/%m/%Y}",
    }
