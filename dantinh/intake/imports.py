"""Spreadsheet import of items: the template, reading .xlsx/.csv, validating every row, and
saving all rows or none.

Values may be given by their Vietnamese name or their code, with or without diacritics.
Every bad row is reported with its row number, its column and the reason, in Vietnamese; the
rules are the item rules of `validation`, the same as the entry form's and the API's.

Reading is for files from anyone: `read_rows(data, name)` takes any bytes and either returns
the rows or raises `RejectedFile` with a Vietnamese message. A workbook is checked before it is
read (its parts' uncompressed size, its declared size), read as a stream (only the first
MAX_COLUMNS columns, at most MAX_ROWS rows) and parsed with `defusedxml` (no entity
expansion, no external entities).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import logging
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import openpyxl
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from dantinh.core import audit, jobs
from dantinh.core.cells import safe_row
from dantinh.intake import bulk, changes, features, validation
from dantinh.intake.models import Authority, Channel, Field, ImportJob, Kind, Mood
from dantinh.language.normalize import search_text
from dantinh.org import paths
from dantinh.org.models import Unit

if TYPE_CHECKING:
    from dantinh.intake.labelling import Labeller

logger = logging.getLogger(__name__)

MAX_ROWS = 50_000
# Columns read from each row: the template has 12; a file may add a few of its own.
MAX_COLUMNS = 40
# A workbook is a zip of XML parts: past these uncompressed sizes it is a zip bomb, not a
# list of items (50,000 rows of the template take about 40 MB).
MAX_UNCOMPRESSED = 150 * 2**20
MAX_SHARED_STRINGS = 60 * 2**20
MAX_PARTS = 1_000
# Errors kept on the job (each bad row is still counted).
MAX_ERRORS = 1_000


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


class RejectedFile(Exception):
    """The file as a whole cannot be read; the message says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
            # a list entry is typed by administrators: never a live formula in the template
            lists.cell(row=row_index, column=col_index, value=safe_row([name])[0])
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


def _too_many_rows() -> RejectedFile:
    return RejectedFile(
        _("The file has more than %(n)s rows; split it into several files.") % {"n": MAX_ROWS}
    )


def _zip_entries(data: bytes) -> int | None:
    """The number of entries the zip's end record declares (None if it has none: not a zip,
    or a zip64 that zipfile will read itself) — checked before zipfile reads the directory."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        return None
    total = struct.unpack("<H", data[end + 10 : end + 12])[0]
    return None if total == 0xFFFF else total


def _check_workbook_zip(data: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than the caps (a zip bomb), before
    any XML of it is parsed. zipfile never yields more than a part's declared size, so the
    declared sizes bound what reading can cost."""
    entries = _zip_entries(data)
    if entries is not None and entries > MAX_PARTS:
        raise RejectedFile(_("The file is not a valid Excel (.xlsx) workbook."))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise RejectedFile(_("The file is not a valid Excel (.xlsx) workbook."))
        total = sum(info.file_size for info in infos)
        shared = sum(
            info.file_size for info in infos if info.filename.lower().endswith("sharedstrings.xml")
        )
    if total > MAX_UNCOMPRESSED or shared > MAX_SHARED_STRINGS:
        raise RejectedFile(
            _(
                "The workbook would take more than %(mb)s MB once unpacked: it is not a list of "
                "items. Save it again from Excel, or split it."
            )
            % {"mb": MAX_UNCOMPRESSED // 2**20}
        )


def _rows_xlsx(data: bytes) -> Iterator[list]:
    _check_workbook_zip(data)
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if not wb.worksheets:
            raise RejectedFile(_("The workbook has no sheet."))
        ws = wb.worksheets[0]
        # The size the sheet declares, checked before reading it (a file that declares none
        # is counted as it is read).
        if ws.max_row is not None and ws.max_row > MAX_ROWS + 2:
            raise _too_many_rows()
        for row in ws.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield list(row)
    finally:
        wb.close()


def _decode(data: bytes) -> str:
    # Excel's "Unicode text" is UTF-16 with a byte-order mark: read as cp1258 it was full of
    # NULs and refused as "not a text file" (found by fuzzing, issue 9.18)
    encodings = ("utf-16", "utf-8-sig", "cp1258")
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = encodings[1:]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _rows_csv(data: bytes) -> Iterator[list]:
    text = _decode(data)
    if "\x00" in text[:2000]:
        raise RejectedFile(_("The file is not a text (.csv) file."))
    try:
        dialect = csv.Sniffer().sniff(text[:5000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # Strictly first, to find a quote that is never closed (a lenient reader would swallow
    # the rest of the file into one cell and the header would seem missing); a file that is
    # only sloppy elsewhere (text after a closing quote) is then read leniently.
    try:
        rows = list(_read_csv(text, dialect, strict=True))
    except RejectedFile:
        raise
    except csv.Error:
        rows = list(_read_csv(text, dialect, strict=False))
    yield from rows


def _read_csv(text: str, dialect, *, strict: bool) -> Iterator[list]:
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=strict)
    line = 0
    count = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = line + 1  # the row that failed starts on the line after the last good one
            if _quote_left_open(text, start, dialect.quotechar or '"'):
                raise RejectedFile(
                    _("Line %(n)s: a double quote is not closed.") % {"n": start}
                ) from exc
            if "field larger" in str(exc):
                raise RejectedFile(
                    _("Line %(n)s: a cell is longer than %(max)s characters.")
                    % {"n": start, "max": csv.field_size_limit()}
                ) from exc
            if strict:
                raise
            raise RejectedFile(_("Line %(n)s cannot be read as CSV.") % {"n": start}) from exc
        line = reader.line_num
        count += 1
        if count > MAX_ROWS + 2:
            raise _too_many_rows()
        yield row[:MAX_COLUMNS]


def _quote_left_open(text: str, line: int, quotechar: str) -> bool:
    """Is a quote opened on `line` (1-based) or after it never closed? (An odd number of
    quote characters from that line to the end of the text.)"""
    position = 0
    for _i in range(line - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return False
    return text.count(quotechar, position) % 2 == 1


def read_rows(data: bytes, name: str) -> list[list]:
    """The rows of the first sheet of an .xlsx or .csv file, each cut to MAX_COLUMNS cells.

    Takes any bytes: a damaged, hostile or oversized file raises RejectedFile with a message
    for the person who sent it (unforeseen errors of the libraries are logged too); nothing
    else is raised, MemoryError and RecursionError included."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        reader = _rows_xlsx(data)
    elif lower.endswith(".csv"):
        reader = _rows_csv(data)
    else:
        raise RejectedFile(_("Only .xlsx and .csv files can be imported."))
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 2:
                raise _too_many_rows()
    except RejectedFile:
        raise
    except Exception as exc:  # noqa: BLE001 - any bytes in, a message out
        causes = _causes(exc)
        if any(isinstance(c, _XML_FORBIDDEN) for c in causes):
            message = _("The workbook contains forbidden XML (entity declarations).")
        elif any(isinstance(c, MemoryError | RecursionError) for c in causes):
            message = _("The file is too complex to read.")
        elif lower.endswith(".csv"):
            message = _("The file could not be read as CSV.")
        else:
            message = _("The file is not a valid Excel (.xlsx) workbook.")
        logger.warning("import: %s refused after %s: %s", name, type(exc).__name__, exc)
        raise RejectedFile(message) from exc
    return rows


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and those it was raised from (openpyxl wraps what its parser raised)."""
    found: list[BaseException] = []
    while exc is not None and len(found) < 10:
        found.append(exc)
        exc = exc.__cause__ or exc.__context__
    return found


def _defused_errors() -> tuple[type[Exception], ...]:
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - a dependency; openpyxl would then not use it
        return ()
    return (DefusedXmlException,)


_XML_FORBIDDEN = _defused_errors()
if not openpyxl.DEFUSEDXML:  # openpyxl parses through defusedxml when it is installed
    raise ImportError("defusedxml must be installed to read uploaded workbooks")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return str(value).strip()


def _header_key(text: str) -> str | None:
    folded = search_text(text.replace("(*)", ""))
    for column in COLUMNS:
        if folded == search_text(column.header) or folded == column.key.replace("_", " "):
            return column.key
    return None


def _date_cell(value):
    """A date cell as the date rule reads it: an Excel serial day number becomes its date."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    if isinstance(value, str):
        return value.strip()
    return value


@dataclass
class Lookup:
    """Taxonomy entries and units findable by code or folded name."""

    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    units_by_code: dict[str, list[Unit]] = field(default_factory=dict)
    units_by_name: dict[str, list[Unit]] = field(default_factory=dict)
    # the day the rows are checked against ("not in the future"), read once per file
    today: dt.date = field(default_factory=lambda: timezone.localdate())
    # a file repeats the same few channels and places in every row: each folded once
    folded: dict[str, str] = field(default_factory=dict)

    def fold(self, text: str) -> str:
        found = self.folded.get(text)
        if found is None:
            found = search_text(text)
            if len(self.folded) < 100_000:
                self.folded[text] = found
        return found

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
        return self.entries[key].get(self.fold(text))

    def unit(self, code: str, name: str) -> Unit:
        if code:
            found = self.units_by_code.get(code.strip().lower(), [])
        else:
            found = self.units_by_name.get(self.fold(name), [])
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


def _find_header(rows: list[list]) -> tuple[int, dict[int, str]]:
    for index, row in enumerate(rows[:5]):
        candidate = {i: _header_key(_cell_text(v)) for i, v in enumerate(row)}
        candidate = {i: k for i, k in candidate.items() if k}
        if "text" in candidate.values():
            return index, candidate
    raise RejectedFile(_("No header row with a “Nội dung” column was found; use the template."))


def validate(
    rows: list[list],
    reporting_unit: Unit,
    progress: Callable[[int, int], None] | None = None,
    labeller: Labeller | None = None,
):
    """(valid rows as service kwargs, errors, count of rows with errors, the `Lookup` that
    found the entries). The header row is found among the first rows; the template's help
    row and blank rows are skipped. Each value passes its rule of `validation`; at most
    MAX_ERRORS errors are kept. The labels a row left blank are filled in later, as the rows
    are written (`labelled`); with a `labeller`, the text of each valid row that needs them
    is handed to it as soon as the row is checked, so that the labelling processes work
    while the rest of the file is read, until a bad row (then it is cancelled)."""
    header_index, mapping = _find_header(rows)
    missing = [c.header for c in COLUMNS if c.required and c.key not in mapping.values()]
    if not ({"unit_code", "unit_name"} & set(mapping.values())):
        missing.append("Mã đơn vị / Tên đơn vị")
    if missing:
        raise RejectedFile(_("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)})

    lookup = Lookup.build(reporting_unit)
    headers = {c.key: c.header for c in COLUMNS}
    help_texts = {search_text(c.help) for c in COLUMNS}
    valid: list[dict] = []
    errors: list[RowError] = []
    bad_rows = 0
    body = rows[header_index + 1 :]
    for offset, row in enumerate(body):
        number = header_index + offset + 2  # the row number the user sees in Excel
        values = {key: row[i] if i < len(row) else None for i, key in mapping.items()}
        texts = {k: _cell_text(v) for k, v in values.items()}
        if not any(texts.values()) or lookup.fold(texts.get("observed_on", "")) in help_texts:
            continue
        data, row_errors = _validate_row(values, texts, lookup)
        if row_errors:
            if labeller is not None and not bad_rows:
                labeller.cancel()  # nothing will be written: stop labelling
            bad_rows += 1
            room = MAX_ERRORS - len(errors)
            errors.extend(RowError(number, headers[k], m) for k, m in row_errors[: max(0, room)])
        else:
            data["row"] = number
            valid.append(data)
            if labeller is not None and not bad_rows and _needs_labels(data):
                labeller.add(data["text"])
        if progress and offset % 200 == 0:
            progress(offset, len(body))
    return valid, errors, bad_rows, lookup


def _validate_row(values: dict, texts: dict, lookup: Lookup) -> tuple[dict, list[tuple]]:
    """One row: (service kwargs, [(column key, message)])."""
    failed: list[tuple[str, str]] = []
    data: dict = {}

    def apply(key, rule, value):
        try:
            return rule(value)
        except validation.FieldError as exc:
            failed.append((key, exc.message))
            return None

    data["observed_on"] = apply(
        "observed_on",
        functools.partial(validation.clean_observed_on, today=lookup.today),
        _date_cell(values.get("observed_on")),
    )
    try:
        data["unit"] = lookup.unit(texts.get("unit_code", ""), texts.get("unit_name", ""))
    except LookupError as exc:
        failed.append(("unit_code" if texts.get("unit_code") else "unit_name", str(exc)))
    for key in ("kind", "field", "channel", "mood", "authority"):
        text = texts.get(key, "")
        entry = lookup.entry(key, text) if text else None
        if text and entry is None:
            failed.append((key, validation.not_in_list_message(text)))
            continue
        # kind, field and mood left blank are filled in by the language model
        rule = validation.RULES[key] if key in ("channel", "authority") else _optional_entry
        data[key] = apply(key, rule, entry)
    secondary = []
    for part in texts.get("secondary_fields", "").replace(",", ";").split(";"):
        if part.strip():
            entry = lookup.entry("field", part)
            if entry is None:
                failed.append(("secondary_fields", validation.not_in_list_message(part.strip())))
            else:
                secondary.append(entry)
    data["secondary_fields"] = apply(
        "secondary_fields", validation.clean_secondary_fields, secondary
    )
    data["text"] = apply("text", validation.clean_text, texts.get("text", ""))
    scale = values.get("scale")
    data["scale"] = apply(
        "scale", validation.clean_scale, scale.strip() if isinstance(scale, str) else scale
    )
    data["source_url"] = apply("source_url", validation.clean_source_url, texts.get("source_url"))
    return data, failed


_optional_entry = validation.entry_rule(required=False)


LABELLED = ("kind", "field", "mood")
FALLBACK = {"kind": "tam trang", "field": "khac"}


def _needs_labels(row: dict) -> bool:
    return any(row.get(k) is None for k in LABELLED)


def labelled(
    rows: list[dict], lookup: Lookup, labels: Iterator[dict] | None = None
) -> Iterator[dict]:
    """The rows in order, each with the kind, field and mood that the file left blank filled
    in with the language model's labels as they come back from the labelling processes, and
    with which model labelled it and what it said. A label the model was unsure of
    (calibrated probability below UNSURE_BELOW) is still filled in, so the file imports
    whole, and the row is marked for review with the model's runner-up (row["review"]).
    `labels`: the labels of the rows that need them, in order (a `Labeller` that was handed
    their texts); without it they are labelled here."""
    from dantinh.intake.labelling import label_stream

    todo = [_needs_labels(row) for row in rows]
    stream = (
        labels
        if labels is not None
        else label_stream([row["text"] for row, blank in zip(rows, todo, strict=True) if blank])
    )
    by_code: dict[tuple[str, str], object] = {}  # the model answers in a few dozen codes
    try:
        for row, blank in zip(rows, todo, strict=True):
            if blank:
                _fill_in(row, next(stream), lookup, by_code)
            yield row
    finally:
        if labels is None:
            stream.close()  # type: ignore[attr-defined]  # a failure stops the processes


def label_missing(rows: list[dict], lookup: Lookup) -> None:
    """`labelled`, all at once."""
    for _row in labelled(rows, lookup):
        pass


def _fill_in(row: dict, labels: dict, lookup: Lookup, by_code: dict) -> None:
    suggested, review = {}, []
    for key in LABELLED:
        if row.get(key) is not None:
            continue
        code = labels.get(key)
        if code:
            if (key, code) not in by_code:
                by_code[key, code] = lookup.entry(key, code.replace("_", " "))
            row[key] = by_code[key, code]
            suggested[key] = code
        if key in labels["unsure"]:
            review.append(_review_entry(key, labels, lookup))
        if row.get(key) is None and key in FALLBACK:  # a code this deployment retired
            row[key] = lookup.entry(key, FALLBACK[key])
    row["model_version"], row["suggested"] = labels["model_version"], suggested
    row["search_text"] = labels["search_text"]
    if review:
        row["review"] = review


def _review_entry(key: str, labels: dict, lookup: Lookup) -> dict:
    """What an import report says of a label the model was unsure of: its answer and the
    runner-up, by name ("" for "no mood"), and the answer's probability."""

    def name(code):
        entry = lookup.entry(key, code.replace("_", " ")) if code else None
        return entry.name if entry is not None else ""

    (answer, p), *rest = labels["alternatives"][key]
    other = rest[0][0] if rest else None
    return {"label": key, "answer": name(answer), "other": name(other), "p": round(p, 2)}


def _create_items(
    job: ImportJob, rows: list[dict], lookup: Lookup, labels: Iterator[dict] | None = None
) -> tuple[int, list[dict]]:
    """Label the validated rows and insert them in bulk (`bulk.insert_items`: on PostgreSQL
    each row is sent to COPY as its labels come back, so the database works while the model
    does); one audit entry covers the import. Returns the number of items and the review
    list: the rows whose labels the model was unsure of, with their item."""
    secondary: list[list[int]] = []

    def values() -> Iterator[dict]:
        for data in labelled(rows, lookup, labels):
            unit = data["unit"]
            primary = data["field"].pk
            secondary.append(
                list(dict.fromkeys(f.pk for f in data["secondary_fields"] if f.pk != primary))
            )
            yield {
                "unit_id": unit.pk,
                "unit_path": unit.path,
                "reporting_unit_id": job.unit_id,
                "observed_on": data["observed_on"],
                "kind_id": data["kind"].pk,
                "field_id": primary,
                "mood_id": data["mood"].pk if data["mood"] else None,
                "channel_id": data["channel"].pk,
                "authority_id": data["authority"].pk if data["authority"] else None,
                "text": data["text"],
                "scale": data["scale"],
                "source_url": data["source_url"],
                "search_text": data.get("search_text") or search_text(data["text"]),
                "created_by_id": job.created_by_id,
                "import_job_id": job.pk,
                "model_version": data.get("model_version", ""),
                "suggested": data.get("suggested", {}),
            }

    ids = bulk.insert_items(values(), secondary, count=len(rows))
    changes.touched((data["unit"].path, data["observed_on"]) for data in rows)
    # Each text's features (about 1 ms of CPU an item, more than labelling it) are computed by
    # jobs after the commit, not by the labelling workers: the import does not wait for them.
    features.queue(ids)
    review = [
        {"row": data["row"], "item": item_id, "labels": data["review"]}
        for item_id, data in zip(ids, rows, strict=True)
        if data.get("review")
    ]
    return len(ids), review


def run(job: ImportJob) -> ImportJob:
    """The worker's part: validate the job's file and, if every row is valid, save all its
    items at once. The job always ends: done, refused with the reasons, or failed (`jobs`)."""
    return jobs.run(
        job, _run, failure=_("The import failed because of an unexpected error; nothing was saved.")
    )


def _run(job: ImportJob) -> ImportJob:
    def progress(done: int, total: int) -> None:
        jobs.heartbeat(job, processed_rows=done, total_rows=total)

    try:
        with job.file.open("rb") as fh:
            data = fh.read()
        rows = read_rows(data, job.original_name)
    except RejectedFile as exc:
        return _finish(job, ImportJob.Status.FAILED, message=exc.message)
    from dantinh.intake.labelling import Labeller

    jobs.heartbeat(job)
    # The labelling processes start on the first rows while the rest are validated.
    with Labeller(len(rows)) as labeller:
        return _save(job, rows, labeller, progress)


def _save(job: ImportJob, rows: list[list], labeller: Labeller, progress) -> ImportJob:
    try:
        valid, errors, bad_rows, lookup = validate(rows, job.unit, progress, labeller)
    except RejectedFile as exc:
        return _finish(job, ImportJob.Status.FAILED, message=exc.message)
    total = len(valid) + bad_rows
    if bad_rows:
        return _finish(
            job,
            ImportJob.Status.FAILED,
            total=total,
            errors=[e.as_dict() for e in errors],
            message=_(
                "%(n)s rows have errors; nothing was saved. Fix them and upload the file again."
            )
            % {"n": bad_rows},
        )
    if not valid:
        return _finish(job, ImportJob.Status.FAILED, message=_("The file has no rows of data."))
    jobs.heartbeat(job, processed_rows=total, total_rows=total)
    with transaction.atomic():
        created, review = _create_items(job, valid, lookup, labeller.labels())
        audit.record(
            actor=job.created_by,
            action=audit.Action.IMPORT,
            obj=job,
            changes={"items": [0, created]},
            note=job.original_name,
        )
    message = _("%(n)s items were saved.") % {"n": created}
    if review:
        message += " " + _(
            "The language model was unsure of some labels it filled in on %(n)s rows: check "
            "them below."
        ) % {"n": len(review)}
    return _finish(
        job,
        ImportJob.Status.DONE,
        total=total,
        created=created,
        message=message,
        review=review,
    )


def _finish(job, status, *, total=None, created=0, errors=None, message="", review=None):
    job.status = status
    job.total_rows = total if total is not None else job.total_rows
    job.processed_rows = job.total_rows
    job.created_count = created
    job.errors = errors or []
    job.review = review or []
    job.message = message[:500]
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "status",
            "total_rows",
            "processed_rows",
            "created_count",
            "errors",
            "review",
            "message",
            "finished_at",
            "updated_at",
        ]
    )
    return job
