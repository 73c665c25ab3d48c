"""Backup and restore (issue 14, part 7): `dantinh backup FILE`, `dantinh backup --check FILE`,
`dantinh restore FILE`.

A backup is one encrypted file holding the database's rows (every table of every installed
app, as JSON lines per table, read in one transaction: a consistent snapshot taken while the
application keeps running), the uploaded files, the trained language models and the non-secret
configuration. It never holds the keys: the data keys stay in the environment, so a stolen
backup shows only ciphertext for what is encrypted, and the backup itself is encrypted under a
backup key of its own (DANTINH_BACKUP_KEY; the embedded default keeps one in var/).

The manifest gives, per table, the row count and a digest of its rows in a canonical form: a
restore rebuilds the database inside one transaction and refuses to finish unless the restored
tables give the same digests. The format does not depend on the database, so a backup of the
embedded SQLite restores into PostgreSQL and back.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import decimal
import hashlib
import io
import json
import os
import shutil
import struct
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, models, transaction

FORMAT = 1
MAGIC = b"DANTINH-BACKUP\n"
CHUNK = 4 * 1024 * 1024
BATCH = 2000
SECRET_SETTINGS = ("SECRET", "KEY", "PASSWORD", "TOKEN")


class BackupError(Exception):
    """A backup that cannot be read or restored, said plainly."""


# --- the backup key ------------------------------------------------------------------------


def backup_key() -> bytes:
    """DANTINH_BACKUP_KEY, or (embedded only) the key kept in var/.backup_key."""
    value = os.environ.get("DANTINH_BACKUP_KEY", "").strip()
    if value:
        return value.encode()
    if getattr(settings, "PRODUCTION", False):
        raise BackupError("DANTINH_BACKUP_KEY must be set in production (`dantinh keys new`).")
    path = Path(settings.VAR_DIR) / ".backup_key"
    if not path.exists():
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_bytes().strip()


# --- the encrypted container: chunks, each a Fernet token of (index, last, data) ------------


class _Encrypting(io.RawIOBase):
    def __init__(self, out, key: bytes):
        self.out, self.fernet, self.buffer, self.index = out, Fernet(key), bytearray(), 0
        out.write(MAGIC)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.buffer.extend(data)
        while len(self.buffer) >= CHUNK:
            self._emit(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _emit(self, data: bytes, *, last: bool) -> None:
        token = self.fernet.encrypt(struct.pack(">Q?", self.index, last) + data)
        self.out.write(struct.pack(">I", len(token)) + token)
        self.index += 1

    def finish(self) -> None:
        self._emit(bytes(self.buffer), last=True)
        self.buffer.clear()


def _chunks(source, key: bytes) -> Iterator[bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("This file is not a dantinh backup.")
    fernet, expected = Fernet(key), 0
    while True:
        head = source.read(4)
        if len(head) < 4:
            raise BackupError("The backup is truncated.")
        token = source.read(struct.unpack(">I", head)[0])
        try:
            plain = fernet.decrypt(token)
        except InvalidToken:
            raise BackupError(
                "The backup cannot be decrypted with this backup key, or it was altered."
            ) from None
        index, last = struct.unpack(">Q?", plain[:9])
        if index != expected:
            raise BackupError("The backup's parts are out of order.")
        expected += 1
        yield plain[9:]
        if last:
            return


class _Decrypting(io.RawIOBase):
    def __init__(self, source, key: bytes):
        self.parts, self.buffer = _chunks(source, key), b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self.buffer:
            try:
                self.buffer = next(self.parts)
            except StopIteration:
                return 0
        n = min(len(target), len(self.buffer))
        target[:n], self.buffer = self.buffer[:n], self.buffer[n:]
        return n


# --- rows in a form that does not depend on the database -----------------------------------


def tables() -> list[type[models.Model]]:
    """Every table Django manages, many-to-many tables included, in a stable order."""
    found = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]
    return sorted(found, key=lambda m: m._meta.db_table)


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields]


def _encode(value):
    if isinstance(value, memoryview | bytes | bytearray):
        return {"b64": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    return value


def _decode(f: models.Field, value):
    if value is None:
        return None
    if isinstance(f, models.BinaryField):
        return base64.b64decode(value["b64"])
    if isinstance(f, models.JSONField):
        return value
    if isinstance(f, models.DurationField):
        return dt.timedelta(seconds=value)
    if isinstance(f, models.DateTimeField):
        moment = dt.datetime.fromisoformat(value)
        return moment if settings.USE_TZ else moment.replace(tzinfo=None)
    return f.to_python(value)


def _rows(model) -> Iterator[list]:
    names = [f.attname for f in _columns(model)]
    queryset = model._base_manager.order_by("pk").values_list(*names)
    for row in queryset.iterator(chunk_size=BATCH):
        yield [_encode(v) for v in row]


def _line(row: list | dict) -> bytes:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def fingerprint() -> dict[str, dict]:
    """{table: {"rows", "sha256"}} of the database as it is (inside the caller's transaction)."""
    result = {}
    for model in tables():
        digest, count = hashlib.sha256(), 0
        for row in _rows(model):
            digest.update(_line(row) + b"\n")
            count += 1
        result[model._meta.db_table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


# --- making a backup -----------------------------------------------------------------------


@contextlib.contextmanager
def _snapshot():
    """A transaction that reads one consistent state while writers go on (PostgreSQL:
    repeatable read; SQLite in WAL mode: a read transaction sees one state)."""
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _settings_copy() -> dict:
    return {
        k: v
        for k, v in sorted(os.environ.items())
        if k.startswith("DANTINH_")
        and not any(word in k for word in SECRET_SETTINGS)
        and k != "DANTINH_DATABASE_URL"
    }


def _folders() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "models": Path(settings.DANTINH_MODEL_DIR)}


@dataclass
class Summary:
    tables: int = 0
    rows: int = 0
    files: int = 0
    manifest: dict = field(default_factory=dict)


def backup(path: str | Path, *, key: bytes | None = None) -> Summary:
    """Write the backup to `path` (the database read in one snapshot; then the files)."""
    key = key or backup_key()
    summary = Summary()
    with tempfile.TemporaryDirectory(prefix="dantinh-backup-") as staging:
        data_path = Path(staging) / "data.jsonl"
        digests: dict[str, dict] = {}
        with _snapshot(), open(data_path, "wb") as out:
            for model in tables():
                table = model._meta.db_table
                columns = [f.attname for f in _columns(model)]
                out.write(_line({"table": table, "columns": columns}) + b"\n")
                digest, count = hashlib.sha256(), 0
                for row in _rows(model):
                    line = _line(row)
                    out.write(line + b"\n")
                    digest.update(line + b"\n")
                    count += 1
                digests[table] = {"rows": count, "sha256": digest.hexdigest()}
            migrations = _applied_migrations()
        manifest = {
            "format": FORMAT,
            "made_at": dt.datetime.now(dt.UTC).isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "tables": digests,
            "settings": _settings_copy(),
        }
        summary.manifest = manifest
        summary.tables = len(digests)
        summary.rows = sum(d["rows"] for d in digests.values())
        tmp = Path(str(path) + ".part")
        with open(tmp, "wb") as raw:
            sink = _Encrypting(raw, key)
            with tarfile.open(fileobj=sink, mode="w|") as tar:
                _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
                tar.add(str(data_path), arcname="data.jsonl")
                for name, folder in _folders().items():
                    if folder.is_dir():
                        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
                            tar.add(str(file), arcname=f"{name}/{file.relative_to(folder)}")
                            summary.files += 1
            sink.finish()
        os.replace(tmp, path)
    return summary


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(dt.datetime.now(dt.UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def _applied_migrations() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


# --- checking and restoring ----------------------------------------------------------------


def _open(path: str | Path, key: bytes | None):
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller through the tar
    reader = io.BufferedReader(_Decrypting(raw, key or backup_key()), buffer_size=CHUNK)
    return raw, tarfile.open(fileobj=reader, mode="r|")


def _read_data(stream, sink) -> dict[str, dict]:
    """Walk data.jsonl: `sink(table, columns, rows)` per batch; returns each table's digest."""
    digests: dict[str, dict] = {}
    table, columns, batch = None, None, []
    digest, count = hashlib.sha256(), 0

    def close():
        if table is not None:
            if batch:
                sink(table, columns, batch)
            digests[table] = {"rows": count, "sha256": digest.hexdigest()}

    for line in stream:
        line = line.rstrip(b"\n")
        row = json.loads(line)
        if isinstance(row, dict):  # a table's header; its rows are lists
            close()
            table, columns, batch = row["table"], row["columns"], []
            digest, count = hashlib.sha256(), 0
            continue
        digest.update(line + b"\n")
        count += 1
        batch.append(row)
        if len(batch) >= BATCH:
            sink(table, columns, batch)
            batch = []
    close()
    return digests


def check(path: str | Path, *, key: bytes | None = None) -> Summary:
    """Read the whole backup: it decrypts, every part is in place, and every table's rows give
    the digest the manifest records. Writes nothing."""
    raw, tar = _open(path, key)
    summary = Summary()
    try:
        manifest = None
        for member in tar:
            if member.name == "manifest.json":
                manifest = json.loads(tar.extractfile(member).read())
            elif member.name == "data.jsonl":
                digests = _read_data(tar.extractfile(member), lambda *a: None)
                if manifest is None or digests != manifest["tables"]:
                    raise BackupError("The backup's rows do not match its manifest.")
                summary.tables = len(digests)
                summary.rows = sum(d["rows"] for d in digests.values())
            elif member.isfile():
                summary.files += 1
        if manifest is None or not summary.tables:
            raise BackupError("The backup is incomplete.")
        summary.manifest = manifest
    finally:
        tar.close()
        raw.close()
    return summary


def restore(path: str | Path, *, key: bytes | None = None) -> Summary:
    """Replace the database's rows and the files with the backup's, in one transaction: the
    database must be migrated to the backup's release (`dantinh migrate`) first. The restored
    tables are compared with the manifest's digests before the transaction ends; any
    difference undoes the whole restore."""
    from dantinh.core.dbtriggers import add_audit_triggers, drop_audit_triggers

    by_table = {m._meta.db_table: m for m in tables()}
    raw, tar = _open(path, key)
    summary = Summary()
    staging = Path(tempfile.mkdtemp(prefix="dantinh-restore-"))
    try:
        manifest = None
        with transaction.atomic():
            for member in tar:
                if member.name == "manifest.json":
                    manifest = json.loads(tar.extractfile(member).read())
                    _check_compatible(manifest, by_table)
                    drop_audit_triggers(connection)
                    _empty(by_table.values())
                elif member.name == "data.jsonl":
                    if manifest is None:
                        raise BackupError("The backup is incomplete.")
                    _read_data(
                        tar.extractfile(member),
                        lambda table, columns, rows: _insert(by_table[table], columns, rows),
                    )
                elif member.isfile():
                    target = staging / member.name
                    if ".." in Path(member.name).parts or Path(member.name).is_absolute():
                        raise BackupError("The backup holds a file outside its folders.")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with open(target, "wb") as out:
                        shutil.copyfileobj(tar.extractfile(member), out)
                    summary.files += 1
            if manifest is None:
                raise BackupError("The backup is incomplete.")
            _after_load(by_table.values())
            add_audit_triggers(connection)
            now = fingerprint()
            if now != manifest["tables"]:
                differ = sorted(
                    t for t in manifest["tables"] if now.get(t) != manifest["tables"][t]
                )
                raise BackupError(
                    "The restored tables differ from the backup: " + ", ".join(differ)
                )
            summary.manifest = manifest
            summary.tables = len(now)
            summary.rows = sum(d["rows"] for d in now.values())
        _replace_folders(staging)
    finally:
        tar.close()
        raw.close()
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _check_compatible(manifest: dict, by_table: dict) -> None:
    if manifest.get("format") != FORMAT:
        raise BackupError("This backup was made by an unknown version of dantinh.")
    missing = set(manifest["migrations"]) - set(_applied_migrations())
    if missing:
        raise BackupError(
            "Migrate this database first (`dantinh migrate`): it lacks "
            + ", ".join(sorted(missing)[:5])
        )
    unknown = set(manifest["tables"]) - set(by_table)
    if unknown:
        raise BackupError(
            "The backup holds tables this release does not know: " + ", ".join(sorted(unknown))
        )


def _empty(models_: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models_)
            # Checks still pending in this transaction would forbid the TRUNCATE: run them
            # now; then defer every check to the end, so that tables load in any order.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {names} CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for model in models_:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _insert(model, columns: list[str], rows: list[list]) -> None:
    """Insert rows as they were: plain INSERTs (bulk_create would stamp `auto_now` fields with
    the time of the restore), each value prepared for this database by its field."""
    fields = [next(f for f in _columns(model) if f.attname == name) for name in columns]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = [
        [
            f.get_db_prep_save(_decode(f, value), connection)
            for f, value in zip(fields, row, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _after_load(models_: list) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in connection.ops.sequence_reset_sql(no_style(), list(models_)):
                cursor.execute(statement)
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='intake_item_fts'"
            )
            if cursor.fetchone():
                cursor.execute("INSERT INTO intake_item_fts(intake_item_fts) VALUES ('rebuild')")
    connection.check_constraints()


def _replace_folders(staging: Path) -> None:
    for name, folder in _folders().items():
        source = staging / name
        if folder.exists():
            shutil.rmtree(folder)
        if source.exists():
            shutil.copytree(source, folder)
        else:
            folder.mkdir(parents=True, exist_ok=True)
