"""The demo province: Hải Phòng (31) from the real unit list, with villages, sector bodies,
demo users for every role and about six months of items written for the project."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from dantinh.alerts.services import run_detectors
from dantinh.core import audit
from dantinh.demo import story, texts
from dantinh.demo.cases import build_cases_demo
from dantinh.demo.media import build_media_demo
from dantinh.demo.programme import build_programme_demo
from dantinh.demo.recommendations import build_recommendations_demo
from dantinh.insight import rollup
from dantinh.intake import features
from dantinh.intake.models import Authority, Channel, Field, Item, Kind, Mood
from dantinh.language.normalize import search_text
from dantinh.org import importer, paths
from dantinh.org.actors import system_actor
from dantinh.org.models import Membership, Unit
from dantinh.org.services import membership_grant, unit_create
from dantinh.reporting.demo import build_reporting_demo

PROVINCE = "31"
PASSWORD = "dantinh2026"
DAYS = 183
SEED = 2026
Role = Membership.Role
# A competent body's contact: an account with no role, made by the recommendations' demo.
BODY_CONTACT = "body_contact"
Sector = Unit.Sector

CITY_BODIES = [
    ("Phòng Tôn giáo, Dân tộc và Tổng hợp", Sector.COMMISSION_DEPARTMENT),
    ("Phòng Dân vận chính quyền, Mặt trận và các đoàn thể", Sector.COMMISSION_DEPARTMENT),
    ("Ủy ban MTTQ Việt Nam thành phố", Sector.FRONT),
    ("Hội Liên hiệp Phụ nữ thành phố", Sector.WOMEN),
    ("Thành đoàn Hải Phòng", Sector.YOUTH),
    ("Hội Nông dân thành phố", Sector.FARMERS),
    ("Hội Cựu chiến binh thành phố", Sector.VETERANS),
    ("Liên đoàn Lao động thành phố", Sector.LABOUR),
    ("Công an thành phố", Sector.POLICE),
    ("Bộ Chỉ huy Quân sự thành phố", Sector.MILITARY),
    ("Bộ Chỉ huy Bộ đội Biên phòng thành phố", Sector.BORDER_GUARD),
    ("Hội đồng nhân dân thành phố", Sector.COUNCIL),
    ("Ủy ban nhân dân thành phố", Sector.GOVERNMENT),
]


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str
    role: str
    unit: str
    note: str = ""


def is_built() -> bool:
    return get_user_model().objects.filter(username="tonghop").exists() and Item.objects.exists()


def _unit(code: str) -> Unit:
    return Unit.objects.get(code_scheme=Unit.CodeScheme.GSO_2025, code=code)


def _commune_by_name(province: Unit, full_name: str) -> Unit:
    return Unit.objects.get(parent=province, full_name=full_name, valid_to__isnull=True)


def build(*, today: dt.date | None = None, log: Callable[[str], None] = print) -> list[Account]:
    """Build the demo once; returns the accounts to print. Idempotent: a built demo is kept."""
    if is_built():
        build_cases_demo(province=_unit(PROVINCE), log=log)  # a demo built before cases existed
        build_programme_demo(province=_unit(PROVINCE), log=log)  # … or before the programme
        build_media_demo(province=_unit(PROVINCE), log=log)  # … or before the media monitor
        second_factors()
        return accounts()
    today = today or timezone.localdate()
    rng = random.Random(SEED)
    system = system_actor()
    with transaction.atomic():
        log("Đơn vị hành chính thành phố Hải Phòng…")
        importer.import_province(PROVINCE, actor=system, with_history=True)
        province = _unit(PROVINCE)
        levels = importer.ensure_levels()
        communes = list(
            Unit.objects.filter(
                parent=province, valid_to__isnull=True, level=levels["xa"]
            ).order_by("path")
        )
        log(f"Thôn, tổ dân phố và các cơ quan, đoàn thể của {len(communes)} xã, phường, đặc khu…")
        bodies = {
            name: unit_create(
                actor=system,
                name=name,
                parent=province,
                kind=Unit.Kind.SECTOR,
                sector=sector,
                audit_entry=False,
            )
            for name, sector in CITY_BODIES
        }
        villages: dict[int, list[Unit]] = {}
        for commune in communes:
            kind = (
                commune.full_name.split(" ")[0]
                if not commune.full_name.startswith("Đặc khu")
                else "Đặc khu"
            )
            names = texts.village_names(rng, kind, rng.randint(5, 9))
            villages[commune.pk] = [
                unit_create(
                    actor=system,
                    name=n,
                    full_name=n,
                    parent=commune,
                    level=levels["thon"],
                    audit_entry=False,
                )
                for n in names
            ]
            unit_create(
                actor=system,
                name=f"Ủy ban MTTQ Việt Nam {commune.full_name.lower()}",
                parent=commune,
                kind=Unit.Kind.SECTOR,
                sector=Sector.FRONT,
                audit_entry=False,
            )
            unit_create(
                actor=system,
                name=f"Công an {commune.full_name.lower()}",
                parent=commune,
                kind=Unit.Kind.SECTOR,
                sector=Sector.POLICE,
                audit_entry=False,
            )
        log("Tài khoản minh họa…")
        reporters = _users(province, communes, villages, bodies, rng)
        log("Thông tin tình hình Nhân dân của sáu tháng qua…")
        count = _items(province, communes, villages, bodies, reporters, rng, today)
        surging = communes[len(communes) // 3]
        count += story.add(
            commune=surging,
            villages=villages[surging.pk],
            reporter=reporters[surging.pk],
            today=today,
            seed=SEED + 7,
        )
        # The city-wide rise: sharp in two central wards, one or two items in every third
        # commune of the rest (not the land story's commune).
        by_name = {c.full_name: c for c in communes}
        wards = [by_name["Phường Lê Chân"], by_name["Phường Hồng Bàng"]]
        rest = [c for c in communes if c not in wards and c != surging][::3]
        count += story.add_citywide(
            wards=[(c, villages[c.pk], reporters[c.pk]) for c in wards],
            communes=[(c, villages[c.pk], reporters[c.pk]) for c in rest],
            today=today,
            seed=SEED + 8,
        )
        build_reporting_demo(province=province, today=today, rng=random.Random(SEED + 1), log=log)
        build_recommendations_demo(
            province=province, today=today, rng=random.Random(SEED + 2), password=PASSWORD, log=log
        )
        build_cases_demo(province=province, today=today, log=log)
        build_programme_demo(province=province, today=today, rng=random.Random(SEED + 3), log=log)
        build_media_demo(province=province, log=log)
        audit.record(
            actor=system,
            action=audit.Action.IMPORT,
            obj=province,
            note=f"demo: {len(communes)} communes, {count} items",
        )
    second_factors()
    rollup.rebuild()  # the items went in in bulk, past the jobs that keep the roll-up
    log("Phân tích văn bản các thông tin…")
    features.rebuild()  # likewise past the jobs that analyse each item's text
    log("Cảnh báo sớm…")
    run_detectors(actor=system, today=today)
    log(f"Đã tạo {count} thông tin.")
    return accounts()


def accounts() -> list[Account]:
    lechan = "Phường Lê Chân"
    return [
        Account("quantri", "Nguyễn Văn Quản", Role.ADMIN, "Thành phố Hải Phòng"),
        Account("lanhdao", "Trần Thị Hạnh", Role.LEADER, "Thành phố Hải Phòng", "Phó Trưởng Ban"),
        Account(
            "tonghop",
            "Phạm Minh Tuấn",
            Role.COMPILER,
            "Thành phố Hải Phòng",
            "Phòng Tôn giáo, Dân tộc và Tổng hợp",
        ),
        Account(
            "chuyenvien",
            "Lê Thu Trang",
            Role.AREA_OFFICER,
            "Phòng Dân vận chính quyền, Mặt trận và các đoàn thể",
            "theo dõi 8 phường khu vực trung tâm",
        ),
        Account("bdv.lechan", "Hoàng Văn Nam", Role.COMPILER, lechan, "Ban Dân vận Đảng ủy phường"),
        Account("cb.lechan", "Đỗ Thị Lan", Role.REPORTER, lechan, "Khối dân vận phường"),
        Account("cb.anhung", "Vũ Văn Hải", Role.REPORTER, "Xã An Hưng", "Khối dân vận xã"),
        Account("mttq", "Bùi Thị Mai", Role.COMPILER, "Ủy ban MTTQ Việt Nam thành phố"),
        Account("ubnd.lechan", "Nguyễn Thị Thu", BODY_CONTACT, "UBND Phường Lê Chân"),
        Account("so.xaydung", "Trịnh Quốc Bảo", BODY_CONTACT, "Sở Xây dựng Hải Phòng"),
    ]


# The demo's leader and administrator sign in in two steps, as the production rule requires of
# their roles; their authenticators have fixed secrets, printed with the accounts, so that any
# authenticator app (or `dantinh demo --code USER`) gives their codes.
DEMO_DEVICE = "Minh họa"
SECOND_FACTOR_ACCOUNTS = ("quantri", "lanhdao")


def demo_secret_hex(username: str) -> str:
    return hashlib.sha1(f"dantinh-demo-{SEED}-{username}".encode()).hexdigest()


def second_factors() -> dict[str, TOTPDevice]:
    """The demo authenticators of the leader and the administrator (created if missing)."""
    User = get_user_model()
    devices = {}
    for username in SECOND_FACTOR_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        devices[username], _ = TOTPDevice.objects.get_or_create(
            user=user,
            name=DEMO_DEVICE,
            defaults={"key": demo_secret_hex(username), "confirmed": True},
        )
    return devices


def secret_b32(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def current_code(username: str) -> str | None:
    """The code a demo authenticator shows now (only the demo's own devices)."""
    device = TOTPDevice.objects.filter(
        user__username=username, name=DEMO_DEVICE, confirmed=True
    ).first()
    if device is None:
        return None
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(
        device.digits
    )


def _users(province, communes, villages, bodies, rng) -> dict[int, object]:
    User = get_user_model()
    by_name = {c.full_name: c for c in communes}
    central = [
        by_name[n]
        for n in (
            "Phường Hồng Bàng",
            "Phường Ngô Quyền",
            "Phường Gia Viên",
            "Phường Lê Chân",
            "Phường An Biên",
            "Phường Hải An",
            "Phường Đông Hải",
            "Phường Kiến An",
        )
    ]
    units = {"Thành phố Hải Phòng": province, **by_name, **bodies}
    system = system_actor()
    for acc in accounts():
        if acc.role == BODY_CONTACT:
            continue
        user = User.objects.create_user(acc.username, password=PASSWORD, full_name=acc.full_name)
        membership_grant(
            actor=system,
            user=user,
            unit=units[acc.unit],
            role=acc.role,
            title=acc.note,
            assigned_areas=central if acc.role == Role.AREA_OFFICER else None,
        )
    User.objects.filter(username="quantri").update(is_staff=True)
    # One grassroots reporter per commune, who logs that commune's items.
    reporters = {}
    named = {"Phường Lê Chân": "cb.lechan", "Xã An Hưng": "cb.anhung"}
    for commune in communes:
        username = named.get(commune.full_name)
        if username:
            reporters[commune.pk] = User.objects.get(username=username)
            continue
        user = User.objects.create_user(
            f"cb.{commune.code}", password=None, full_name=f"Cán bộ dân vận {commune.full_name}"
        )
        Membership.objects.create(user=user, unit=commune, role=Role.REPORTER)
        reporters[commune.pk] = user
    return reporters


def _items(province, communes, villages, bodies, reporters, rng, today) -> int:
    taxonomy = {
        "kind": {k.code: k for k in Kind.objects.all()},
        "field": {f.code: f for f in Field.objects.all()},
        "mood": {m.code: m for m in Mood.objects.all()},
        "channel": {c.code: c for c in Channel.objects.all()},
        "authority": {a.code: a for a in Authority.objects.all()},
    }
    start = today - dt.timedelta(days=DAYS - 1)
    # Busier wards and communes log more; each has its own weekly rhythm.
    weights = {c.pk: rng.lognormvariate(0, 0.45) for c in communes}
    items, secondary, created = [], [], []
    tz = timezone.get_current_timezone()
    for commune in communes:
        kind_word = (
            commune.full_name.split(" ")[0]
            if not commune.full_name.startswith("Đặc khu")
            else "Đặc khu"
        )
        per_week = 2.6 * weights[commune.pk]
        day = start
        while day <= today:
            n = _poisson(rng, per_week / 7)
            for _ in range(n):
                village = rng.choice(villages[commune.pk]) if rng.random() < 0.6 else None
                spec = texts.generate_item(
                    rng,
                    on=day,
                    commune=commune.name,
                    commune_type=kind_word,
                    village=village.name if village else None,
                )
                unit = village or commune
                item = Item(
                    unit=unit,
                    unit_path=unit.path,
                    reporting_unit=commune,
                    observed_on=day,
                    kind=taxonomy["kind"][spec["kind"]],
                    field=taxonomy["field"][spec["field"]],
                    mood=taxonomy["mood"].get(spec["mood"]) if spec["mood"] else None,
                    channel=taxonomy["channel"][spec["channel"]],
                    authority=taxonomy["authority"].get(spec["authority"])
                    if spec["authority"]
                    else None,
                    text=spec["text"],
                    scale=spec["scale"],
                    verification=spec["verification"],
                    source_url=spec["source_url"],
                    search_text=search_text(spec["text"]),
                    created_by=reporters[commune.pk],
                )
                items.append(item)
                secondary.append([taxonomy["field"][c] for c in spec["secondary_fields"]])
                entered = dt.datetime.combine(day, dt.time(8)) + dt.timedelta(
                    minutes=rng.randint(0, 600)
                )
                created.append(min(timezone.make_aware(entered, tz), timezone.now()))
            day += dt.timedelta(days=1)
    Item.objects.bulk_create(items, batch_size=1000)
    for item, at in zip(items, created, strict=True):
        item.created_at = item.updated_at = at
    Item.objects.bulk_update(items, ["created_at", "updated_at"], batch_size=1000)
    through = Item.secondary_fields.through
    through.objects.bulk_create(
        [
            through(item_id=i.pk, field_id=f.pk)
            for i, fs in zip(items, secondary, strict=True)
            for f in fs
            if f.pk != i.field_id
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(items)


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method: fine for the small rates of a commune's day.
    limit, k, p = pow(2.718281828459045, -lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def subtree_item_count(unit: Unit) -> int:
    return Item.objects.filter(
        unit_path__gte=unit.path, unit_path__lt=paths.upper_bound(unit.path)
    ).count()
