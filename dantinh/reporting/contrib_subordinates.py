"""Reports flow upward: a unit's draft takes in what the units below it reported for the same
schedule and period (commune → district → city), section by section, with a link to each.

A district with a dozen communes quotes each of them; a city with a hundred quotes the
dozen that say the most (the table of reports lists them all), and leaves out the lines that
many units wrote word for word ("no incident in the period").
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from types import SimpleNamespace

from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from dantinh.documents.formatting import format_number
from dantinh.language.excerpt import excerpt
from dantinh.org import paths
from dantinh.reporting.contributors import FigureTable, Note, SectionDraft, register_contributor
from dantinh.reporting.models import Submission, SubmissionSection, TemplateSection

EXCERPT = 400
QUOTED = 12
SENT = Submission.SENT


def _layer_query(*, unit, period):
    return Submission.objects.filter(
        schedule_id=period.schedule_id,
        period_key=period.key,
        status__in=SENT,
        unit_path__gt=unit.path,
        unit_path__lt=paths.upper_bound(unit.path),
    )


def layer(*, unit, period) -> tuple[list[Submission], dict[str, dict[int, str]]]:
    """The nearest layer's sent submissions and their sections' texts ({code: {submission id:
    text}}), read once for the six sections of a report: kept while none of those
    submissions changes (their ids, states and last changes are the key)."""
    stamp = tuple(
        _layer_query(unit=unit, period=period)
        .order_by("pk")
        .values_list("pk", "status", "updated_at")
    )
    return _layer(unit.pk, unit.path, period.schedule_id, period.key, stamp)


@lru_cache(maxsize=64)
def _layer(unit_id, unit_path, schedule_id, key, stamp) -> tuple[list, dict]:
    from dantinh.org.models import Unit

    unit = Unit(pk=unit_id, path=unit_path)
    period = SimpleNamespace(schedule_id=schedule_id, key=key)
    subs = nearest_submissions(unit=unit, period=period)
    texts: dict[str, dict[int, str]] = {}
    for section in SubmissionSection.objects.filter(submission__in=subs).only(
        "submission_id", "code", "text"
    ):
        texts.setdefault(section.code, {})[section.submission_id] = section.text.strip()
    return subs, texts


def nearest_submissions(*, unit, period) -> list[Submission]:
    """The sent submissions of the same schedule and period from the nearest layer below
    `unit` (its subtree, whoever drafts: the report is the unit's): a submission whose unit
    lies below another submitting unit is already inside that unit's report."""
    qs = _layer_query(unit=unit, period=period).select_related("unit")
    found = sorted(qs, key=lambda s: s.unit_path)
    result: list[Submission] = []
    for submission in found:
        if not any(submission.unit_path.startswith(r.unit_path) for r in result):
            result.append(submission)
    return result


def _excerpt(text: str) -> str:
    """A report below quoted in its opening whole sentences (`language.excerpt`)."""
    return excerpt(text, EXCERPT)


def _url(submission: Submission) -> str:
    return reverse("reporting:submission_detail", args=[submission.pk])


def timeliness_of_units_below(*, unit, period) -> str:
    """How the units below sent this report — the composite page's figures, in words."""
    from django.utils import timezone

    from dantinh.reporting import timeliness
    from dantinh.reporting.models import Schedule

    schedule = Schedule.objects.get(pk=period.schedule_id)
    rows = timeliness.below(unit=unit, schedule=schedule, period=period, now=timezone.now())
    if not rows:
        return ""
    return _("Reports of the units below: %(figures)s") % {
        "figures": timeliness.rates(rows).sentence()
    }


def for_section(code: str):
    def contribute(*, unit, period, user) -> SectionDraft | None:
        subs, layer_texts = layer(unit=unit, period=period)
        figures = (
            timeliness_of_units_below(unit=unit, period=period)
            if code == TemplateSection.Code.GENERAL
            else ""
        )
        if not subs:
            return SectionDraft(paragraphs=[figures]) if figures else None
        texts = layer_texts.get(code, {})
        draft = SectionDraft(paragraphs=[figures] if figures else [])
        if code == TemplateSection.Code.GENERAL:
            draft.tables.append(
                FigureTable(
                    _("Reports of the units below"),
                    [_("Unit"), _("Status"), _("Submitted at")],
                    [
                        [
                            {"v": s.unit.full_name, "href": _url(s)},
                            s.get_status_display(),
                            f"{localtime(s.first_submitted_at):%d/%m/%Y %H:%M}"
                            if s.first_submitted_at
                            else "",
                        ]
                        for s in subs
                    ],
                )
            )
            if len(subs) > QUOTED:
                draft.paragraphs.append(
                    _("%(n)s units below have sent their reports.")
                    % {"n": format_number(len(subs))}
                )
                return draft
        common = Counter(texts.values())
        quoted = [
            s for s in subs if texts.get(s.pk) and (len(subs) <= 3 or common[texts[s.pk]] < 3)
        ]
        left_out = 0
        if len(quoted) > QUOTED:
            left_out = len(quoted) - QUOTED
            keep = {s.pk for s in sorted(quoted, key=lambda s: -len(texts[s.pk]))[:QUOTED]}
            quoted = [s for s in quoted if s.pk in keep]
        if quoted:
            draft.paragraphs.append(_("The units below report:"))
            draft.notes.extend(
                Note(f"{s.unit.full_name}: {_excerpt(texts[s.pk])}", _url(s)) for s in quoted
            )
        if left_out:
            draft.notes.append(
                Note(
                    _("and %(n)s other units (see the table of their reports).")
                    % {"n": format_number(left_out)}
                )
            )
        return draft

    return contribute


def register() -> None:
    for code in TemplateSection.Code.values:
        register_contributor(
            code, for_section(code), name=f"reporting.subordinates.{code}", order=50
        )
