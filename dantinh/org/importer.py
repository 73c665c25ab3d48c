"""Loading Vietnam's administrative units from the data the package carries.

Units are matched by (code scheme, code), so running an import again updates names in place
and creates only what is missing: a new edition of the list applies as a patch.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext as _

from dantinh.core import audit
from dantinh.core.errors import PermissionDeniedError, ValidationError
from dantinh.language.normalize import search_text
from dantinh.org import paths, policies
from dantinh.org.actors import require_actor
from dantinh.org.models import Unit, UnitLevel, User

REFORM_DATE = dt.date(2025, 7, 1)
DEFAULT_LEVELS = [
    ("tinh", "Tỉnh, thành phố", 1),
    ("huyen", "Quận, huyện (trước 1/7/2025)", 2),
    ("xa", "Xã, phường, đặc khu", 3),
    ("thon", "Thôn, tổ dân phố", 4),
]


def read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("dantinh.org").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def provinces_2025() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in read_csv("provinces_2025.csv")}


def unknown_province_message(codes: list[str]) -> str:
    return _("Unknown province code(s): %(codes)s. Known: %(known)s.") % {
        "codes": ", ".join(str(c)[:10] for c in codes[:10]),
        "known": ", ".join(sorted(provinces_2025())),
    }


def ensure_levels() -> dict[str, UnitLevel]:
    levels = {}
    for code, name, rank in DEFAULT_LEVELS:
        levels[code], _ = UnitLevel.objects.get_or_create(
            code=code, defaults={"name": name, "rank": rank}
        )
    return levels


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    provinces: list[str] = field(default_factory=list)


def _bulk_place(units: list[Unit], parent_of: Callable[[Unit], Unit]) -> None:
    """Insert units, then give each its materialised path under its parent."""
    for unit in units:
        unit.path = f"new-{id(unit)}"
    Unit.objects.bulk_create(units, batch_size=500)
    for unit in units:
        parent = parent_of(unit)
        unit.path = paths.child_path(parent.path, unit.pk)
        unit.depth = parent.depth + 1
    Unit.objects.bulk_update(units, ["path", "depth"], batch_size=500)


def _sync(unit: Unit, *, name: str, full_name: str, summary: ImportSummary) -> None:
    if unit.name != name or unit.full_name != full_name:
        unit.name, unit.full_name = name, full_name
        unit.search_name = search_text(full_name)
        unit.save(update_fields=["name", "full_name", "search_name", "updated_at"])
        summary.updated += 1


@transaction.atomic
def import_province(
    code: str, *, actor: User, with_history: bool = True, summary: ImportSummary | None = None
) -> ImportSummary:
    """Load a province (2025 code) with its communes, and optionally the pre-2025 communes
    that went into them, as retired units under their successors.

    Only an unrestricted actor (a superuser, or the system from the command line) may load
    official units: they are roots of the deployment's tree. A code that is not a province's
    raises ValidationError with a message, before anything is written."""
    require_actor(actor)
    if not policies.is_unrestricted(actor):
        raise PermissionDeniedError()
    summary = summary or ImportSummary()
    levels = ensure_levels()
    row = provinces_2025().get(code) if isinstance(code, str) else None
    if row is None:  # was a bare KeyError (found by fuzzing, issue 9.18)
        raise ValidationError({"province": unknown_province_message([code])})
    gso2025, gso2008 = Unit.CodeScheme.GSO_2025, Unit.CodeScheme.GSO_2008

    province = Unit.objects.filter(code_scheme=gso2025, code=code).first()
    if province is None:
        province = Unit(
            name=row["name"],
            full_name=row["full_name"],
            level=levels["tinh"],
            code=code,
            code_scheme=gso2025,
            valid_from=REFORM_DATE,
            search_name=search_text(row["full_name"]),
        )
        _bulk_place([province], parent_of=lambda u: Unit(path="", depth=-1))
        summary.created += 1
    else:
        _sync(province, name=row["name"], full_name=row["full_name"], summary=summary)

    commune_rows = [r for r in read_csv("communes_2025.csv") if r["province_code"] == code]
    existing = {
        u.code: u
        for u in Unit.objects.filter(
            code_scheme=gso2025, code__in=[r["code"] for r in commune_rows]
        )
    }
    new_units = []
    for r in commune_rows:
        unit = existing.get(r["code"])
        if unit is None:
            new_units.append(
                Unit(
                    name=r["name"],
                    full_name=r["full_name"],
                    level=levels["xa"],
                    parent=province,
                    code=r["code"],
                    code_scheme=gso2025,
                    valid_from=REFORM_DATE,
                    search_name=search_text(r["full_name"]),
                )
            )
        else:
            _sync(unit, name=r["name"], full_name=r["full_name"], summary=summary)
    _bulk_place(new_units, parent_of=lambda u: province)
    summary.created += len(new_units)
    communes = {u.code: u for u in [*existing.values(), *new_units]}

    if with_history:
        old_names = {r["code"]: r for r in read_csv("communes_2008.csv")}
        successors: dict[str, str] = {}
        for r in read_csv("conversion_communes.csv"):
            if r["new_province_code"] == code and r["new_commune_code"] in communes:
                successors.setdefault(r["old_commune_code"], r["new_commune_code"])
        existing_old = {
            u.code: u for u in Unit.objects.filter(code_scheme=gso2008, code__in=list(successors))
        }
        retired = []
        for old_code, new_code in successors.items():
            old = old_names.get(old_code)
            if old is None:
                continue
            if old_code in existing_old:
                _sync(
                    existing_old[old_code],
                    name=old["name"],
                    full_name=old["full_name"],
                    summary=summary,
                )
                continue
            successor = communes[new_code]
            retired.append(
                Unit(
                    name=old["name"],
                    full_name=old["full_name"],
                    level=levels["xa"],
                    parent=successor,
                    successor=successor,
                    code=old_code,
                    code_scheme=gso2008,
                    valid_to=REFORM_DATE - dt.timedelta(days=1),
                    search_name=search_text(old["full_name"]),
                )
            )
        by_pk = {u.pk: u for u in communes.values()}
        _bulk_place(retired, parent_of=lambda u: by_pk[u.parent_id])
        summary.created += len(retired)

    summary.provinces.append(code)
    audit.record(
        actor=actor,
        action=audit.Action.IMPORT,
        obj=province,
        note=f"units import: province {code}, created {summary.created}, updated {summary.updated}",
    )
    return summary
