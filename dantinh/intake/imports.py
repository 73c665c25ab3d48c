"""Spreadsheet import of items: the template, reading .xlsx/.csv, validating every row, and
saving all rows or none.

Values may be given by their Vietnamese name or their code, with or without diacritics.
Every bad row is reported with its row number, its column and the reason, in Vietnamese.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from dantinh.core import audit
from dantinh.intake.models import Authority, Channel, Field, ImportJob, Item, Kind, Mood
from dantinh.language.normalize import search_text
from dantinh.org import paths
from dantinh.org.models import Unit

MAX_ROWS = 50_000
MAX_TEXT = 20_000


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    help: str


COLUMNS = [
    Column("observed_on", "Ngày nắm bắt", True, "Ngày/tháng/năm, ví dụ 15/10/2026"),
    Column(
        "unit_code", "Mã đơn vị", False, "Mã của đơn vị nơi xảy ra (mã hành chính hoặc mã nội bộ)"
    ),
    Column(
        "unit_name",
        "Tên đơn vị",
        False,
        "Tên đơn vị nơi xảy ra nếu không ghi mã, ví dụ: Phường Lê Chân",
    ),
    Column("kind", "Loại tin", False, "Theo danh mục Loại tin; để trống thì hệ thống tự phân loại"),
    Column(
        "field",
        "Lĩnh vực",
        False,
        "Lĩnh vực chính, theo danh mục; để trống thì hệ thống tự phân loại",
    ),
    Column(
        "secondary_fields", "Lĩnh vực khác", False, "Các lĩnh vực khác, cách nhau bởi dấu chấm phẩy"
    ),
    Column(
        "mood", "Tâm trạng", False, "Theo danh mục Tâm trạng; để trống thì hệ thống tự phân loại"
    ),
    Column("channel", "Kênh nắm bắt", True, "Theo danh mục Kênh nắm bắt"),
    Column("text", "Nội dung", True, "Nội dung thông tin"),
    Column("scale", "Số người liên quan", False, "Số nguyên"),
    Column("authority", "Cơ quan có thẩm quyền giải quyết", False, "Theo danh mục cơ quan"),
    Column("source_url", "Đường link nguồn", False, "Địa chỉ bài báo, bài đăng (nếu có)"),
]
TAXONOMIES = {
    "kind": Kind,
    "field": Field,
    "mood": Mood,
    "channel": Channel,
    "authority": Authority,
}
SHEET_NAMES = {
    "kind": "Loại tin",
    "field": "Lĩnh vực",
    "mood": "Tâm trạng",
    "channel": "Kênh nắm bắt",
    "authority": "Cơ quan",
}


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why, in Vietnamese."""


def template_xlsx() -> bytes:
    """The downloadable template: headers with notes, drop-down lists, and the lists themselves."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Thông tin"
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="A5141B")
    for index, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(
            row=1, column=index, value=column.header + (" (*)" if column.required else "")
        )
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.cell(row=2, column=index, value=column.help).font = Font(italic=True, color="666666")
        ws.column_dimensions[cell.column_letter].width = 60 if column.key == "text" else 22
    ws.freeze_panes = "A3"
    lists = wb.create_sheet("Danh mục")
    for col_index, (key, model) in enumerate(TAXONOMIES.items(), start=1):
        lists.cell(row=1, column=col_index, value=SHEET_NAMES[key]).font = Font(bold=True)
        names = list(
            model.objects.filter(is_active=True)
            .order_by("order", "name")
            .values_list("name", flat=True)
        )
        for row_index, name in enumerate(names, start=2):
            lists.cell(row=row_index, column=col_index, value=name)
        letter = lists.cell(row=1, column=col_index).column_letter
        lists.column_dimensions[letter].width = 40
        target = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)
        target_letter = ws.cell(row=1, column=target).column_letter
        validation = DataValidation(
            type="list",
            formula1=f"='Danh mục'!${letter}$2:${letter}${len(names) + 1}",
            allow_blank=True,
        )
        validation.error = "Giá trị không có trong danh mục"
        validation.showErrorMessage = False  # values may also be typed as codes
        ws.add_data_validation(validation)
        validation.add(f"{target_letter}3:{target_letter}{MAX_ROWS}")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rows_xlsx(data: bytes) -> Iterator[list]:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRejected(_("The file is not a valid Excel (.xlsx) workbook.")) from exc
    ws = wb.worksheets[0]
    for row in ws.iter_rows(values_only=True):
        yield list(row)


def _rows_csv(data: bytes) -> Iterator[list]:
    for encoding in ("utf-8-sig", "cp1258", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text[:2000]:
        raise FileRejected(_("The file is not a text (.csv) file."))
    try:
        dialect = csv.Sniffer().sniff(text[:5000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def read_rows(name: str, data: bytes) -> list[list]:
    """All rows of the first sheet; raises FileRejected for unreadable or oversized files."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        reader = _rows_xlsx(data)
    elif lower.endswith(".csv"):
        reader = _rows_csv(data)
    else:
        raise FileRejected(_("Only .xlsx and .csv files can be imported."))
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 2:
                raise FileRejected(
                    _("The file has more than %(n)s rows; split it into several files.")
                    % {"n": MAX_ROWS}
                )
    except csv.Error as exc:
        raise FileRejected(_("The file could not be read as CSV: %(e)s") % {"e": exc}) from exc
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_key(text: str) -> str | None:
    folded = search_text(text.replace("(*)", ""))
    for column in COLUMNS:
        if folded == search_text(column.header) or folded == column.key.replace("_", " "):
            return column.key
    return None


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:  # an Excel serial day
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = _cell_text(value)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


@dataclass
class Lookup:
    """Taxonomy entries and units findable by code or folded name."""

    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    units_by_code: dict[str, list[Unit]] = field(default_factory=dict)
    units_by_name: dict[str, list[Unit]] = field(default_factory=dict)

    @classmethod
    def build(cls, reporting_unit: Unit) -> Lookup:
        lookup = cls()
        for key, model in TAXONOMIES.items():
            table: dict[str, object] = {}
            for entry in model.objects.all():
                table[search_text(entry.code.replace("_", " "))] = entry
                table[search_text(entry.name)] = entry
            lookup.entries[key] = table
        subtree = Unit.objects.filter(
            path__gte=reporting_unit.path, path__lt=paths.upper_bound(reporting_unit.path)
        ).only("id", "path", "code", "name", "full_name", "parent_id", "valid_to")
        for unit in subtree:
            if unit.code:
                lookup.units_by_code.setdefault(unit.code.strip().lower(), []).append(unit)
            for name in {unit.full_name, unit.name}:
                lookup.units_by_name.setdefault(search_text(name), []).append(unit)
        return lookup

    def entry(self, key: str, text: str):
        return self.entries[key].get(search_text(text))

    def unit(self, code: str, name: str) -> Unit:
        if code:
            found = self.units_by_code.get(code.strip().lower(), [])
        else:
            found = self.units_by_name.get(search_text(name), [])
        active = [u for u in found if u.valid_to is None] or found
        if not active:
            raise LookupError(_("no unit with this code or name within the reporting unit"))
        if len(active) > 1:
            raise LookupError(_("several units have this name; give the unit code"))
        return active[0]


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


def validate(
    rows: list[list], reporting_unit: Unit, progress: Callable[[int, int], None] | None = None
):
    """(valid rows as service kwargs, errors). The header row is found among the first rows;
    the template's help row and blank rows are skipped."""
    header_index, mapping = None, {}
    for index, row in enumerate(rows[:5]):
        candidate = {i: _header_key(_cell_text(v)) for i, v in enumerate(row)}
        candidate = {i: k for i, k in candidate.items() if k}
        if "text" in candidate.values():
            header_index, mapping = index, candidate
            break
    if header_index is None:
        raise FileRejected(_("No header row with a “Nội dung” column was found; use the template."))
    missing = [c.header for c in COLUMNS if c.required and c.key not in mapping.values()]
    if not ({"unit_code", "unit_name"} & set(mapping.values())):
        missing.append("Mã đơn vị / Tên đơn vị")
    if missing:
        raise FileRejected(_("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)})

    lookup = Lookup.build(reporting_unit)
    headers = {c.key: c.header for c in COLUMNS}
    help_texts = {search_text(c.help) for c in COLUMNS}
    today = timezone.localdate()
    valid, errors = [], []
    body = rows[header_index + 1 :]
    for offset, row in enumerate(body):
        number = header_index + offset + 2  # the row number the user sees in Excel
        values = {key: row[i] if i < len(row) else None for i, key in mapping.items()}
        texts = {k: _cell_text(v) for k, v in values.items()}
        if not any(texts.values()) or search_text(texts.get("observed_on", "")) in help_texts:
            continue
        row_errors: list[RowError] = []

        def fail(key, message, _row_errors=row_errors, _number=number):
            _row_errors.append(RowError(_number, headers[key], message))

        data: dict = {}
        try:
            data["observed_on"] = parse_date(values.get("observed_on"))
            if data["observed_on"] > today + dt.timedelta(days=1):
                fail("observed_on", _("the date is in the future"))
        except ValueError:
            fail(
                "observed_on",
                _("“%(v)s” is not a date (dd/mm/yyyy)") % {"v": texts.get("observed_on", "")},
            )
        try:
            data["unit"] = lookup.unit(texts.get("unit_code", ""), texts.get("unit_name", ""))
        except LookupError as exc:
            fail("unit_code" if texts.get("unit_code") else "unit_name", str(exc))
        for key in ("kind", "field", "channel", "mood", "authority"):
            text = texts.get(key, "")
            if not text:
                if key == "channel":
                    fail(key, _("required"))
                data[key] = None
                continue
            entry = lookup.entry(key, text)
            if entry is None:
                fail(key, _("“%(v)s” is not in the list") % {"v": text[:60]})
            data[key] = entry
        secondary = []
        for part in texts.get("secondary_fields", "").replace(",", ";").split(";"):
            if part.strip():
                entry = lookup.entry("field", part)
                if entry is None:
                    fail(
                        "secondary_fields",
                        _("“%(v)s” is not in the list") % {"v": part.strip()[:60]},
                    )
                else:
                    secondary.append(entry)
        data["secondary_fields"] = secondary
        text = texts.get("text", "")
        if not text:
            fail("text", _("required"))
        elif len(text) > MAX_TEXT:
            fail("text", _("longer than %(n)s characters") % {"n": MAX_TEXT})
        data["text"] = text.replace("\x00", "")
        scale = texts.get("scale", "")
        data["scale"] = None
        if scale:
            try:
                data["scale"] = int(float(scale.replace(".", "").replace(",", "")))
                if data["scale"] < 0:
                    raise ValueError
            except ValueError:
                fail("scale", _("“%(v)s” is not a whole number") % {"v": scale[:20]})
        url = texts.get("source_url", "")
        if url and not url.startswith(("http://", "https://")):
            fail("source_url", _("a link must start with http:// or https://"))
        data["source_url"] = url[:500]
        if row_errors:
            errors.extend(row_errors)
        else:
            valid.append(data)
        if progress and offset % 200 == 0:
            progress(offset, len(body))
    if valid and not errors:
        label_missing(valid, lookup)
    return valid, errors


LABELLED = ("kind", "field", "mood")
FALLBACK = {"kind": "tam trang", "field": "khac"}


def label_missing(rows: list[dict], lookup: Lookup) -> None:
    """Fill the kind, field and mood that a file left blank with the language model's labels,
    in batches, and record on each row which model labelled it and what it said."""
    from dantinh.intake.labelling import label_texts

    todo = [row for row in rows if any(row.get(k) is None for k in LABELLED)]
    if not todo:
        return
    for row, labels in zip(todo, label_texts([row["text"] for row in todo]), strict=True):
        suggested = {}
        for key in LABELLED:
            if row.get(key) is None and labels.get(key):
                row[key] = lookup.entry(key, labels[key].replace("_", " "))
                suggested[key] = labels[key]
            if row.get(key) is None and key in FALLBACK:  # a code this deployment retired
                row[key] = lookup.entry(key, FALLBACK[key])
        row["model_version"], row["suggested"] = labels["model_version"], suggested


def _create_items(job: ImportJob, rows: list[dict]) -> int:
    """Insert the validated rows in bulk; one audit entry covers the import."""
    items, secondary = [], []
    for data in rows:
        unit = data["unit"]
        items.append(
            Item(
                unit=unit,
                unit_path=unit.path,
                reporting_unit=job.unit,
                observed_on=data["observed_on"],
                kind=data["kind"],
                field=data["field"],
                mood=data["mood"],
                channel=data["channel"],
                authority=data["authority"],
                text=data["text"],
                scale=data["scale"],
                source_url=data["source_url"],
                search_text=search_text(data["text"]),
                created_by=job.created_by,
                import_job=job,
                model_version=data.get("model_version", ""),
                suggested=data.get("suggested", {}),
            )
        )
    Item.objects.bulk_create(items, batch_size=1000)
    through = Item.secondary_fields.through
    for item, data in zip(items, rows, strict=True):
        for f in data["secondary_fields"]:
            if f.pk != item.field_id:
                secondary.append(through(item_id=item.pk, field_id=f.pk))
    through.objects.bulk_create(secondary, batch_size=1000, ignore_conflicts=True)
    return len(items)


def run(job: ImportJob) -> ImportJob:
    """Validate the job's file and, if every row is valid, save all its items at once."""
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

    try:
        with job.file.open("rb") as fh:
            data = fh.read()
        rows = read_rows(job.original_name, data)
        valid, errors = validate(rows, job.unit, progress)
    except FileRejected as exc:
        return _finish(job, ImportJob.Status.FAILED, message=str(exc))
    total = len(valid) + len({e.row for e in errors})
    if errors:
        return _finish(
            job,
            ImportJob.Status.FAILED,
            total=total,
            errors=[e.as_dict() for e in errors],
            message=_(
                "%(n)s rows have errors; nothing was saved. Fix them and upload the file again."
            )
            % {"n": len({e.row for e in errors})},
        )
    if not valid:
        return _finish(job, ImportJob.Status.FAILED, message=_("The file has no rows of data."))
    with transaction.atomic():
        created = _create_items(job, valid)
        audit.record(
            actor=job.created_by,
            action=audit.Action.IMPORT,
            obj=job,
            changes={"items": [0, created]},
            note=job.original_name,
        )
    return _finish(
        job,
        ImportJob.Status.DONE,
        total=total,
        created=created,
        message=_("%(n)s items were saved.") % {"n": created},
    )


def _finish(job, status, *, total=None, created=0, errors=None, message=""):
    job.status = status
    job.total_rows = total if total is not None else job.total_rows
    job.processed_rows = job.total_rows
    job.created_count = created
    job.errors = errors or []
    job.message = message[:500]
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "status",
            "total_rows",
            "processed_rows",
            "created_count",
            "errors",
            "message",
            "finished_at",
            "updated_at",
        ]
    )
    return job
