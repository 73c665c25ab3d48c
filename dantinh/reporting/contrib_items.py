"""What the items of the window contribute to a report: figures by field, kind, channel and
mood against the previous period, the subjects most raised and those rising (key phrases), a
short extract of what was raised in each main field (extractive summaries), notable items,
recommendations raised again and again (near-duplicates) and incident signals.

Registered through the contributor interface like any other part of the product.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from dantinh.documents.charts import BAR, LINE, Chart, Series
from dantinh.documents.formatting import format_number, format_numbers
from dantinh.intake.features import values_with_features
from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.language import pii
from dantinh.language.dedup import group
from dantinh.language.excerpt import excerpt
from dantinh.language.normalize import fold
from dantinh.language.summarize import key_phrases, phrase_documents, summarize
from dantinh.org import paths
from dantinh.org.models import Unit
from dantinh.reporting.contributors import FigureTable, Note, SectionDraft, register_contributor
from dantinh.reporting.coverage import coverage_paths, item_list_url, items_for
from dantinh.reporting.wording import UP, change, trend

RECOMMENDATION_KINDS = ("kien_nghi", "khieu_nai_to_cao")
NOTABLE = 6
# A notable item is told in its opening sentences, up to this many characters.
NOTE_LENGTH = 220
# The language engine reads at most this many texts of a window (the newest), so that a
# province's yearly report drafts in seconds; the figures always count every item.
TEXTS_READ = 3000
PHRASES = 8
SUMMARY_FIELDS = 3
# A subject belongs to a field: a phrase whose items spread over many fields ("xử lý", "cử
# tri", "bức xúc") is the register of reports, not what the people raised. Measured on the
# demo's items, topical phrases keep more than half of their items in one field ("bão số"
# 0.56, "khu công nghiệp" 0.60, "học sinh" 0.73) and the register less ("xử lý" 0.31).
SUBJECT_FIELD_SHARE = 0.5
REPEATED = 5
# The charts: the fields with most items, and at least this many weeks of the trend.
CHART_BARS = 10
TREND_WEEKS = 12


@dataclass
class Window:
    """The current and previous windows' items, and counts helpers over both."""

    unit: object
    period: object

    def __post_init__(self):
        prev_start, _prev_end = self.period.previous_window
        self.start, self.end = self.period.start, self.period.end
        self.both = items_for(unit=self.unit, start=prev_start, end=self.end)
        self.current = self.both.filter(observed_on__gte=self.start)

    def counts(self, column: str, qs=None) -> dict:
        """{value of `column`: (current, previous)} in one grouped query."""
        qs = self.both if qs is None else qs
        rows = (
            qs.values(column)
            .annotate(
                cur=Count("id", filter=Q(observed_on__gte=self.start)),
                prev=Count("id", filter=Q(observed_on__lt=self.start)),
            )
            .order_by()
        )
        return {r[column]: (r["cur"], r["prev"]) for r in rows}

    def field_counts(self) -> dict:
        """By field, primary or secondary (as the item list's field filter counts them)."""
        result = dict(self.counts("field"))
        through = Item.secondary_fields.through.objects.filter(item__in=self.both.values("pk"))
        rows = (
            through.values("field_id")
            .annotate(
                cur=Count("id", filter=Q(item__observed_on__gte=self.start)),
                prev=Count("id", filter=Q(item__observed_on__lt=self.start)),
            )
            .order_by()
        )
        for r in rows:
            cur, prev = result.get(r["field_id"], (0, 0))
            result[r["field_id"]] = (cur + r["cur"], prev + r["prev"])
        return result

    def url(self, **filters) -> str:
        return item_list_url(unit=self.unit, start=self.start, end=self.end, **filters)

    def texts(self, qs=None) -> list[str]:
        """The texts of the newest `TEXTS_READ` items of `qs` (default: the current window)."""
        qs = self.current if qs is None else qs
        return [row[0] for row in _read(qs)]


def _read(qs, *fields: str) -> list[tuple]:
    """(text, *fields) of the newest `TEXTS_READ` items of `qs`, their texts' stored features
    handed to the language engine (`intake.features`: what was analysed when they were
    written is not analysed again)."""
    return values_with_features(qs.order_by("-observed_on", "-id"), fields, TEXTS_READ)


def _place_names(unit) -> set[str]:
    """Folded names of the units a report covers and of those above it: a place is where
    things are raised, not what is raised, so it is never one of the subjects."""
    covered = Unit.objects.filter(
        paths.subtree_q("path", coverage_paths(unit)) | Q(pk__in=paths.ids_in_path(unit.path))
    )
    return {fold(n) for n in covered.values_list("name", flat=True) if n}


def subjects(window: Window) -> tuple[list[tuple[str, int]], list[tuple[str, int, int]]]:
    """The subjects most raised in the window — key phrases that belong to one or two fields,
    with the number of items that use them — and those rising against the previous window:
    (phrase, current, previous), rising as `wording.trend` has it (both windows at least five
    items and at least a fifth more)."""
    rows = _read(window.current, "field_id")
    if not rows:
        return [], []
    texts = [r[0] for r in rows]
    places = _place_names(window.unit)
    phrases = [
        p
        for p, _s in key_phrases(texts, top=PHRASES * 5, min_count=2)
        if " " in p and fold(p) not in places  # one syllable ("hộ", "đường") says too little
    ]
    chosen: list[tuple[str, int]] = []
    kept: list[set[int]] = []
    for phrase, hits in phrase_documents(texts, phrases).items():
        top_field = max(Counter(rows[i][1] for i in hits).values(), default=0)
        if len(hits) < 2 or top_field <= SUBJECT_FIELD_SHARE * len(hits):
            continue
        docs = set(hits)
        # Another phrase of items already covered ("giải phóng mặt bằng", then "tiến độ giải
        # phóng mặt bằng" or "chi trả tiền bồi thường" from the same items): one is enough.
        if any(len(docs & d) >= 0.8 * len(docs) for d in kept):
            continue
        kept.append(docs)
        chosen.append((phrase, len(hits)))
    previous_texts = window.texts(window.both.filter(observed_on__lt=window.start))
    before = {
        p: len(hits)
        for p, hits in phrase_documents(previous_texts, [p for p, _n in chosen]).items()
    }
    # Only `TEXTS_READ` texts of each window are read: the previous window's counts are
    # scaled by the two windows' shares read (1 unless a window has more items than that).
    read_now = len(texts) / (window.current.count() if len(texts) >= TEXTS_READ else len(texts))
    read_before = len(previous_texts) / max(
        1,
        window.both.filter(observed_on__lt=window.start).count()
        if len(previous_texts) >= TEXTS_READ
        else len(previous_texts),
    )
    scale = read_now / read_before if read_before else 1.0
    rising = [(p, n, before[p]) for p, n in chosen if trend(n, before[p] * scale) == UP]
    rising.sort(key=lambda r: (-(r[1] - r[2] * scale), r[0]))
    most = sorted(chosen[: PHRASES * 2], key=lambda c: -c[1])[:PHRASES]
    return most, rising[:PHRASES]


def _sentence(text: str) -> str:
    text = text.strip().rstrip(",;:–-").rstrip()
    return text if text[-1:] in ".!?…" else text + "."


def field_extracts(*, unit, period, user) -> SectionDraft | None:
    """For the fields most raised, two sentences that stand for what their items say, each
    linked to the field's items."""
    w = Window(unit, period)
    counts = w.counts("field", w.current)
    fields = Field.objects.in_bulk([pk for pk, (cur, _p) in counts.items() if pk and cur >= 2])
    ranked = sorted(fields.values(), key=lambda f: (-counts[f.pk][0], f.order, f.name))
    draft = SectionDraft()
    for f in ranked[:SUMMARY_FIELDS]:
        extract = summarize(w.texts(w.current.filter(field=f)), max_sentences=2)
        if extract:
            said = pii.mask(" ".join(_sentence(excerpt(e, NOTE_LENGTH)) for e in extract))
            draft.notes.append(
                Note(f"{f.name} ({format_number(counts[f.pk][0])}): {said}", w.url(field=f.pk))
            )
    if not draft.notes:
        return None
    draft.paragraphs.append(_("What the people raised in the main fields:"))
    return draft


def repeated_recommendations(*, unit, period, user) -> SectionDraft | None:
    """Recommendations of the window raised several times, by several people or places."""
    w = Window(unit, period)
    again = repeated(w.current.filter(kind__code__in=RECOMMENDATION_KINDS))
    if not again:
        return None
    return SectionDraft(
        paragraphs=[_("Raised several times (the same matter, worded differently):")],
        notes=[
            Note(
                _("%(n)s items in %(u)s units: %(text)s")
                % format_numbers({"n": n, "u": units, "text": told(item.text)}),
                reverse("intake:item_detail", args=[item.pk]),
            )
            for item, n, units in again
        ],
    )


def repeated(qs) -> list[tuple[Item, int, int]]:
    """Recommendations raised several times in the window — the same matter worded
    differently, by several people or places: (the first item, how many items, how many
    units), the most repeated first."""
    rows = _read(qs, "id", "unit_id")
    groups: dict[int, list[tuple[int, int]]] = {}
    for item_id, root in group([(r[1], r[0]) for r in rows]).items():
        groups.setdefault(root, []).append(item_id)
    unit_of = {r[1]: r[2] for r in rows}
    found = [
        (members, len({unit_of[m] for m in members}))
        for members in groups.values()
        if len(members) > 1
    ]
    found.sort(key=lambda g: (-len(g[0]), -g[1], min(g[0])))
    found = found[:REPEATED]
    first = Item.objects.in_bulk([min(m) for m, _u in found])
    return [(first[min(m)], len(m), units) for m, units in found]


def _table(title: str, window: Window, counts: dict, entries, param: str) -> FigureTable:
    rows = []
    for entry in entries:
        cur, prev = counts.get(entry.pk, (0, 0))
        if cur or prev:
            rows.append(
                [
                    entry.name,
                    {"v": cur, "href": window.url(**{param: entry.pk})},
                    prev,
                    change(cur, prev),
                ]
            )
    # The largest first; equal ones by the previous period, then by name.
    rows.sort(key=lambda r: (-r[1]["v"], -r[2], r[0]))
    return FigureTable(
        title, [_("Breakdown"), _("This period"), _("Previous period"), _("Change")], rows
    )


def _weeks_table(window: Window) -> FigureTable:
    """Items by week — seven days ending with the period's last day, then the seven before… —
    over the period, and at least the last `TREND_WEEKS` weeks: whole weeks only, so the last
    point of the trend is never a week cut short."""
    end = window.end
    weeks = max(TREND_WEEKS, -(-((end - window.start).days + 1) // 7))
    first = end - dt.timedelta(days=7 * weeks - 1)
    counts = [0] * weeks
    rows = (
        items_for(unit=window.unit, start=first, end=end)
        .values("observed_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        counts[(row["observed_on"] - first).days // 7] += row["n"]
    table_rows = []
    for i, n in enumerate(counts):
        start = first + dt.timedelta(weeks=i)
        last = start + dt.timedelta(days=6)
        table_rows.append(
            [
                f"{start:%d/%m}–{last:%d/%m}",
                {"v": n, "href": item_list_url(unit=window.unit, start=start, end=last)},
            ]
        )
    return FigureTable(_("Items by week"), [_("Week"), _("Items")], table_rows)


def _bar_chart(table: FigureTable, bars: int) -> Chart:
    """The first `bars` rows of a table of this and the previous period, as bars."""
    rows = table.rows[:bars]
    return Chart(
        BAR,
        table.title,
        [str(r[0]) for r in rows],
        [
            Series(str(table.columns[1]), [float(_value(r[1])) for r in rows]),
            Series(str(table.columns[2]), [float(_value(r[2])) for r in rows]),
        ],
    )


def _line_chart(table: FigureTable) -> Chart:
    labels = [str(r[0]).split("–")[0] for r in table.rows]  # the first day of each week
    return Chart(
        LINE,
        table.title,
        labels,
        [Series(str(table.columns[1]), [float(_value(r[1])) for r in table.rows])],
    )


def _value(cell) -> float:
    return (cell.get("v") if isinstance(cell, dict) else cell) or 0


def _top(counts: dict, entries, n: int = 3) -> str:
    ranked = sorted(((counts.get(e.pk, (0, 0))[0], e.name) for e in entries), reverse=True)
    return ", ".join(f"{name} ({format_number(cur)})" for cur, name in ranked[:n] if cur)


def told(text: str) -> str:
    """An item as a report tells it: its opening whole sentences, personal data masked."""
    return excerpt(pii.mask(text), NOTE_LENGTH)


def _place(item: Item) -> str:
    unit = item.unit
    if unit.parent_id and unit.level_id and unit.level.code == "thon" and unit.parent:
        return f"{unit.full_name} ({unit.parent.full_name})"
    return unit.full_name


def notes(qs, limit: int = NOTABLE) -> list[Note]:
    """The notable items first: the most people involved, then the newest."""
    items = qs.select_related("unit__parent", "unit__level").order_by(
        F("scale").desc(nulls_last=True), "-observed_on", "-id"
    )[:limit]
    return [
        Note(
            f"{_place(i)}, {i.observed_on:%d/%m/%Y}: {told(i.text)}",
            reverse("intake:item_detail", args=[i.pk]),
        )
        for i in items
    ]


def general(*, unit, period, user) -> SectionDraft:
    w = Window(unit, period)
    totals = w.both.aggregate(
        cur=Count("id", filter=Q(observed_on__gte=w.start)),
        prev=Count("id", filter=Q(observed_on__lt=w.start)),
    )
    fields = list(Field.objects.order_by("order", "name"))
    kinds = list(Kind.objects.order_by("order", "name"))
    channels = list(Channel.objects.order_by("order", "name"))
    field_counts, kind_counts, channel_counts = (
        w.field_counts(),
        w.counts("kind"),
        w.counts("channel"),
    )
    draft = SectionDraft()
    draft.paragraphs.append(
        _(
            "From %(start)s to %(end)s, %(n)s items on the people's situation were grasped "
            "(%(prev)s in the previous period, %(change)s)."
        )
        % {
            "start": f"{w.start:%d/%m/%Y}",
            "end": f"{w.end:%d/%m/%Y}",
            "n": format_number(totals["cur"]),
            "prev": format_number(totals["prev"]),
            "change": change(totals["cur"], totals["prev"]),
        }
    )
    if totals["cur"]:
        draft.paragraphs.append(
            _("The fields of most concern: %(list)s.") % {"list": _top(field_counts, fields)}
        )
        draft.paragraphs.append(
            _("Most items came through: %(list)s.") % {"list": _top(channel_counts, channels)}
        )
        most, rising = subjects(w)
        if most:
            draft.paragraphs.append(
                _("The subjects most raised: %(list)s.")
                % {"list": ", ".join(f"{p} ({format_number(n)})" for p, n in most)}
            )
        if rising:
            draft.paragraphs.append(
                _("Rising against the previous period: %(list)s.")
                % {
                    "list": ", ".join(
                        f"{p} ({format_number(n)}, "
                        + _("previously %(n)s") % {"n": format_number(b)}
                        + ")"
                        for p, n, b in rising
                    )
                }
            )
        activities = w.current.filter(kind__code="hoat_dong")
        if activities.exists():
            draft.paragraphs.append(_("Activities of the people:"))
            draft.notes.extend(notes(activities, 4))
    by_field = _table(_("Items by field"), w, field_counts, fields, "field")
    by_week = _weeks_table(w)
    draft.tables += [
        by_field,
        by_week,
        _table(_("Items by kind"), w, kind_counts, kinds, "kind"),
        _table(_("Items by channel"), w, channel_counts, channels, "channel"),
    ]
    draft.charts += [_bar_chart(by_field, CHART_BARS), _line_chart(by_week)]
    draft.sources.append(Note(_("All items of the period"), w.url()))
    return draft


def mood(*, unit, period, user) -> SectionDraft:
    w = Window(unit, period)
    moods = list(Mood.objects.order_by("order", "name"))
    mood_counts = w.counts("mood")
    valence = {v: [0, 0] for v in Mood.Valence.values}
    for m in moods:
        cur, prev = mood_counts.get(m.pk, (0, 0))
        valence[m.valence][0] += cur
        valence[m.valence][1] += prev
    cur_total = sum(v[0] for v in valence.values())
    prev_total = sum(v[1] for v in valence.values())

    def share(i: int, v: str, total: int) -> int:
        return round(100 * valence[v][i] / total) if total else 0

    draft = SectionDraft()
    if cur_total:
        draft.paragraphs.append(
            _(
                "Of the items stating a mood, %(pos)s%% were positive, %(neu)s%% neutral and %(neg)s%% "
                "negative (previous period: %(ppos)s%%, %(pneu)s%% and %(pneg)s%%)."
            )
            % {
                "pos": share(0, "positive", cur_total),
                "neu": share(0, "neutral", cur_total),
                "neg": share(0, "negative", cur_total),
                "ppos": share(1, "positive", prev_total),
                "pneu": share(1, "neutral", prev_total),
                "pneg": share(1, "negative", prev_total),
            }
        )
        draft.paragraphs.append(
            _("The moods most often recorded: %(list)s.") % {"list": _top(mood_counts, moods)}
        )
    else:
        draft.paragraphs.append(_("No item of the period states a mood."))
    negative = w.current.filter(mood__valence=Mood.Valence.NEGATIVE)
    positive = w.current.filter(mood__valence=Mood.Valence.POSITIVE)
    if positive.exists():
        draft.notes.extend(notes(positive, 3))
    if negative.exists():
        draft.notes.extend(notes(negative, NOTABLE))
    draft.tables.append(
        FigureTable(
            _("Items by valence"),
            [_("Valence"), _("This period"), _("Previous period"), _("Change")],
            [
                [
                    str(label),
                    {"v": valence[v][0], "href": w.url(valence=v)},
                    valence[v][1],
                    change(*valence[v]),
                ]
                for v, label in Mood.Valence.choices
            ],
        )
    )
    draft.tables.append(_table(_("Items by mood"), w, mood_counts, moods, "mood"))
    draft.charts.append(_bar_chart(draft.tables[0], len(Mood.Valence.choices)))
    return draft


def recommendations(*, unit, period, user) -> SectionDraft:
    w = Window(unit, period)
    kinds = {k.code: k for k in Kind.objects.filter(code__in=RECOMMENDATION_KINDS)}
    kind_counts = w.counts("kind")
    recs = w.both.filter(kind__code__in=RECOMMENDATION_KINDS)
    draft = SectionDraft()
    rec = kind_counts.get(getattr(kinds.get("kien_nghi"), "pk", None), (0, 0))
    letters = kind_counts.get(getattr(kinds.get("khieu_nai_to_cao"), "pk", None), (0, 0))
    draft.paragraphs.append(
        _(
            "%(n)s recommendations and grievances and %(m)s complaint or denunciation letters were "
            "recorded (previous period: %(pn)s and %(pm)s)."
        )
        % format_numbers({"n": rec[0], "m": letters[0], "pn": rec[1], "pm": letters[1]})
    )
    current = recs.filter(observed_on__gte=w.start)
    if current.exists():
        draft.paragraphs.append(_("Recommendations and grievances awaiting resolution:"))
        draft.notes.extend(notes(current, 8))
        fields = list(Field.objects.order_by("order", "name"))
        draft.tables.append(
            _table(_("Recommendations by field"), w, w.counts("field", recs), fields, "field")
        )
        authorities = list(Authority.objects.order_by("order", "name"))
        by_authority = w.counts("authority", recs)
        draft.tables.append(
            FigureTable(
                _("Recommendations by competent authority"),
                [_("Competent authority"), _("This period")],
                sorted(
                    (
                        [a.name, by_authority[a.pk][0]]
                        for a in authorities
                        if by_authority.get(a.pk, (0, 0))[0]
                    ),
                    key=lambda r: (-r[1], r[0]),
                ),
            )
        )
    for kind in kinds.values():
        draft.sources.append(Note(kind.name, w.url(kind=kind.pk)))
    return draft


def incidents(*, unit, period, user) -> SectionDraft:
    w = Window(unit, period)
    signals = w.current.filter(kind__code="vu_viec")
    draft = SectionDraft()
    count = signals.count()
    if count:
        draft.paragraphs.append(
            _("%(n)s signals of complex incidents or hotspots were recorded:")
            % {"n": format_number(count)}
        )
        draft.notes.extend(notes(signals, 10))
        kind = Kind.objects.filter(code="vu_viec").first()
        if kind:
            draft.sources.append(Note(kind.name, w.url(kind=kind.pk)))
    else:
        draft.paragraphs.append(_("No complex incident or hotspot was recorded in the period."))
    return draft


def forecast(*, unit, period, user) -> SectionDraft:
    """A first suggestion from the figures; the forecasting part will contribute better."""
    w = Window(unit, period)
    fields = {f.pk: f.name for f in Field.objects.all()}
    rising = sorted(
        (
            (cur - prev, fields.get(pk, "?"))
            for pk, (cur, prev) in w.field_counts().items()
            if trend(cur, prev) == UP
        ),
        reverse=True,
    )
    draft = SectionDraft()
    if rising:
        names = ", ".join(name for _, name in rising[:3])
        draft.paragraphs.append(
            _("Issues of %(fields)s are rising and may continue to arise in the coming period.")
            % {"fields": names}
        )
    else:
        draft.paragraphs.append(
            _("The situation of the people is expected to remain stable in the coming period.")
        )
    return draft


def proposals(*, unit, period, user) -> SectionDraft:
    w = Window(unit, period)
    by_authority = w.counts("authority", w.current.filter(kind__code__in=RECOMMENDATION_KINDS))
    names = dict(Authority.objects.values_list("pk", "name"))
    draft = SectionDraft()
    for pk, (cur, _prev) in sorted(by_authority.items(), key=lambda kv: -kv[1][0])[:5]:
        if pk is not None and cur:
            draft.paragraphs.append(
                _(
                    "Propose that %(body)s consider and resolve the %(n)s recommendations within its competence."
                )
                % {"body": names.get(pk, "?"), "n": format_number(cur)}
            )
    return draft


def register() -> None:
    for code, func in [
        ("general", general),
        ("mood", mood),
        ("recommendations", recommendations),
        ("incidents", incidents),
        ("forecast", forecast),
        ("proposals", proposals),
    ]:
        register_contributor(code, func, name=f"intake.{code}", order=10)
    register_contributor("mood", field_extracts, name="intake.mood.extracts", order=11)
    register_contributor(
        "recommendations",
        repeated_recommendations,
        name="intake.recommendations.repeated",
        order=11,
    )
