"""The demo texts: valid codes, believable proportions, varied wording, seasons, places."""

import collections
import csv
import datetime as dt
import random
import re
from functools import cache
from pathlib import Path

import pytest

import dantinh
from dantinh.demo.texts import generate_item, village_names
from dantinh.intake.defaults import AUTHORITIES, CHANNELS, FIELDS, KINDS, MOODS

FIELD_CODES = {row[0] for row in FIELDS}
KIND_CODES = {row[0] for row in KINDS}
CHANNEL_CODES = {row[0] for row in CHANNELS}
AUTHORITY_CODES = {row[0] for row in AUTHORITIES}
VALENCE = {code: valence for code, _, valence in MOODS}
STORM = re.compile(r"bão số|cơn bão|mưa bão|lũ|ngập")
NAMED_STORM = re.compile(r"bão số|cơn bão")


def _communes():
    path = Path(dantinh.__file__).parent / "org" / "data" / "communes_2025.csv"
    with path.open(encoding="utf-8") as f:
        return [(r["name"], r["type"]) for r in csv.DictReader(f) if r["province_code"] == "31"]


COMMUNES = _communes()


@cache
def _villages():
    rng = random.Random(2026)
    return {name: village_names(rng, ctype, rng.randint(4, 18)) for name, ctype in COMMUNES}


@cache
def sample(n: int, seed: int = 7, month: int | None = None):
    """``n`` items over the communes of Hải Phòng, June–November 2026 (or one month)."""
    rng = random.Random(seed)
    villages = _villages()
    out = []
    for _ in range(n):
        name, ctype = rng.choice(COMMUNES)
        on = dt.date(2026, month or rng.randint(6, 11), rng.randint(1, 28))
        village = rng.choice(villages[name]) if rng.random() < 0.7 else None
        item = generate_item(rng, on=on, commune=name, commune_type=ctype, village=village)
        out.append((name, on, item))
    return tuple(out)


def shares(items, key):
    counts = collections.Counter(key(item) for _, _, item in items)
    return {k: v / len(items) for k, v in counts.items()}


def test_the_communes_file_has_the_city():
    assert len(COMMUNES) == 114
    assert {t for _, t in COMMUNES} == {"Xã", "Phường", "Đặc khu"}


def test_every_code_is_a_default_code():
    for _, _, item in sample(5000):
        assert set(item) == {
            "text",
            "field",
            "secondary_fields",
            "kind",
            "mood",
            "channel",
            "authority",
            "scale",
            "verification",
            "source_url",
            "notable",
        }
        assert item["field"] in FIELD_CODES
        assert isinstance(item["secondary_fields"], list)
        assert set(item["secondary_fields"]) <= FIELD_CODES
        assert item["field"] not in item["secondary_fields"]
        assert len(set(item["secondary_fields"])) == len(item["secondary_fields"])
        assert item["kind"] in KIND_CODES
        assert item["mood"] is None or item["mood"] in VALENCE
        assert item["channel"] in CHANNEL_CODES
        assert item["authority"] is None or item["authority"] in AUTHORITY_CODES
        assert item["scale"] is None or (isinstance(item["scale"], int) and item["scale"] > 0)
        assert item["verification"] in {"unverified", "verified"}
        assert isinstance(item["notable"], bool)
        if item["channel"] == "bao_chi_mang_xa_hoi":
            assert re.match(r"^https://[a-z0-9.-]+\.[a-z]+/\S+$", item["source_url"]), item[
                "source_url"
            ]
        else:
            assert item["source_url"] == ""


def test_kinds_in_realistic_proportions():
    kinds = shares(sample(5000), lambda i: i["kind"])
    assert 0.35 <= kinds["tam_trang"] <= 0.45
    assert 0.30 <= kinds["kien_nghi"] <= 0.40
    assert 0.11 <= kinds["hoat_dong"] <= 0.19
    assert 0.035 <= kinds["khieu_nai_to_cao"] <= 0.09
    assert 0.02 <= kinds["vu_viec"] <= 0.07


def test_moods_in_realistic_proportions():
    valence = shares(sample(5000), lambda i: VALENCE.get(i["mood"], "none"))
    assert 0.28 <= valence["positive"] <= 0.42
    assert 0.13 <= valence["neutral"] <= 0.27
    assert 0.38 <= valence["negative"] <= 0.52
    assert valence.get("none", 0) <= 0.05


def test_moods_follow_the_kind():
    by_kind = collections.defaultdict(collections.Counter)
    for _, _, item in sample(5000):
        by_kind[item["kind"]][VALENCE.get(item["mood"], "none")] += 1
    activities = by_kind["hoat_dong"]
    assert (activities["positive"] + activities["none"]) / activities.total() >= 0.8
    for kind in ("kien_nghi", "khieu_nai_to_cao", "vu_viec"):
        assert by_kind[kind]["positive"] == 0 and by_kind[kind]["none"] == 0, kind
    assert by_kind["vu_viec"]["negative"] == by_kind["vu_viec"].total()
    moods = by_kind["tam_trang"]
    assert moods["positive"] > moods["negative"] > moods["neutral"] > 0


def test_fields_in_realistic_proportions():
    fields = shares(sample(5000), lambda i: i["field"])
    assert set(fields) == FIELD_CODES
    for frequent in (
        "dat_dai",
        "giao_thong_ha_tang",
        "moi_truong",
        "gia_ca_doi_song",
        "an_sinh_xa_hoi",
        "thu_tuc_hanh_chinh",
        "an_ninh_trat_tu",
        "lao_dong_viec_lam",
    ):
        assert fields[frequent] >= 0.04, frequent
    assert max(fields.values()) <= 0.18
    assert fields["dan_toc"] <= 0.015
    assert fields["ton_giao_tin_nguong"] <= 0.03
    assert fields["khac"] <= 0.03
    assert fields["dan_toc"] < fields["ton_giao_tin_nguong"] < fields["dat_dai"]


def test_channels_all_used():
    channels = shares(sample(5000), lambda i: i["channel"])
    assert set(channels) == CHANNEL_CODES
    assert all(0.03 <= s <= 0.35 for s in channels.values()), channels


def test_grievances_carry_an_authority_and_good_news_does_not():
    items = [item for _, _, item in sample(5000)]
    recommendations = [
        i for i in items if i["kind"] in ("kien_nghi", "khieu_nai_to_cao", "vu_viec")
    ]
    assert all(i["authority"] for i in recommendations)
    positive = [i for i in items if VALENCE.get(i["mood"]) == "positive" or i["mood"] is None]
    assert sum(i["authority"] is None for i in positive) / len(positive) >= 0.95
    assert 0.35 <= sum(i["authority"] is None for i in items) / len(items) <= 0.7


def test_notable_items_are_few_and_mostly_incidents():
    items = [item for _, _, item in sample(5000)]
    rate = sum(i["notable"] for i in items) / len(items)
    assert 0.02 <= rate <= 0.09
    incidents = [i for i in items if i["kind"] == "vu_viec"]
    assert sum(i["notable"] for i in incidents) / len(incidents) > 2 * rate


def test_scale_where_people_are_counted():
    items = [item for _, _, item in sample(5000)]
    assert all(i["scale"] for i in items if i["kind"] == "vu_viec")
    assert 0.05 <= sum(i["scale"] is not None for i in items) / len(items) <= 0.4


def test_texts_are_varied_and_complete():
    items = sample(2000, seed=11)
    texts = [item["text"] for _, _, item in items]
    assert len(set(texts)) / len(texts) >= 0.8
    for text in texts:
        assert "{" not in text and "}" not in text, text
        assert "  " not in text and " ," not in text and ".." not in text, text
        assert text[0].isupper() or text[0].isdigit(), text
        assert text.endswith((".", "”", ")")), text
        assert 40 <= len(text) <= 700, text
    lengths = collections.Counter(min(t.count(". ") + 1, 4) for t in texts)
    assert lengths[1] > 0 and lengths[2] > 0 and lengths[3] > 0
    openings = collections.Counter(" ".join(t.split()[:2]) for t in texts)
    assert len(openings) >= 60
    assert openings.most_common(1)[0][1] / len(texts) <= 0.15


def test_the_commune_is_named():
    items = sample(3000, seed=5)
    assert sum(name in item["text"] for name, _, item in items) / len(items) >= 0.95


def test_villages_are_mentioned_when_given():
    rng = random.Random(3)
    hits = 0
    for _ in range(500):
        item = generate_item(
            rng,
            on=dt.date(2026, 8, 12),
            commune="An Hưng",
            commune_type="Xã",
            village="Thôn Tiền Phong",
        )
        hits += "thôn Tiền Phong" in item["text"] or "Thôn Tiền Phong" in item["text"]
    assert hits / 500 >= 0.4


def test_storm_season():
    july = sample(2000, seed=17, month=7)
    share = sum(bool(STORM.search(item["text"])) for _, _, item in july) / len(july)
    assert 0.05 <= share <= 0.35
    for month in (1, 3, 12):
        items = sample(1500, seed=month, month=month)
        assert not any(NAMED_STORM.search(item["text"]) for _, _, item in items), month
        assert sum(bool(STORM.search(item["text"])) for _, _, item in items) / len(items) < 0.02


def test_other_seasons():
    def share(month, pattern):
        items = sample(1500, seed=100 + month, month=month)
        return sum(bool(re.search(pattern, item["text"])) for _, _, item in items) / len(items)

    assert share(11, r"Tết|Đại đoàn kết") > 0.02
    assert share(7, r"Tết|Đại đoàn kết") == 0
    assert share(9, r"năm học|khai giảng") > share(11, r"năm học|khai giảng")
    assert share(9, r"sốt xuất huyết") > 0 and share(3, r"sốt xuất huyết") == 0
    assert share(6, r"nắng nóng|mất điện") > share(10, r"nắng nóng|mất điện")
    assert share(6, r"tốt nghiệp THPT") > 0 and share(10, r"tốt nghiệp THPT") == 0
    assert share(9, r"[Tt]rung thu|trăng rằm") > 0 and share(6, r"[Tt]rung thu|trăng rằm") == 0


def test_local_colour_depends_on_the_place():
    def texts(name, ctype, month):
        rng = random.Random(8)
        return [
            generate_item(
                rng, on=dt.date(2026, month, 10), commune=name, commune_type=ctype, village=None
            )["text"]
            for _ in range(800)
        ]

    assert any("vải thiều" in t for t in texts("Thanh Hà", "Xã", 6))
    assert not any("vải thiều" in t for t in texts("Lê Chân", "Phường", 6))
    assert any("Chọi trâu" in t for t in texts("Đồ Sơn", "Phường", 9))
    farming = [t for t in texts("Lê Chân", "Phường", 9) if "cánh đồng" in t or "lúa" in t]
    assert len(farming) < 0.02 * 800


def test_deterministic_for_a_seed():
    def run(seed):
        rng = random.Random(seed)
        return [
            generate_item(
                rng,
                on=dt.date(2026, 10, 2),
                commune="Lê Chân",
                commune_type="Phường",
                village="Tổ dân phố số 3",
            )
            for _ in range(200)
        ]

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_commune_given_with_its_type():
    rng = random.Random(4)
    item = generate_item(
        rng, on=dt.date(2026, 7, 1), commune="Xã An Hưng", commune_type="Xã", village=None
    )
    assert "An Hưng" in item["text"] and "Xã xã" not in item["text"] and "xã Xã" not in item["text"]


@pytest.mark.parametrize(
    ("ctype", "prefixes"),
    [
        ("Phường", ("Tổ dân phố ",)),
        ("Xã", ("Thôn ",)),
        ("Đặc khu", ("Thôn ", "Khu dân cư số ", "Tổ dân phố số ")),
    ],
)
def test_village_names(ctype, prefixes):
    for seed in range(30):
        for n in (1, 5, 12, 40, 150):
            names = village_names(random.Random(seed), ctype, n)
            assert len(names) == n
            assert len(set(names)) == n
            assert all(name.startswith(prefixes + ("Khu dân cư số ",)) for name in names), names
            assert names == village_names(random.Random(seed), ctype, n)
    assert village_names(random.Random(1), ctype, 0) == []


def test_village_name_styles():
    ward = {village_names(random.Random(s), "Phường", 6)[0] for s in range(40)}
    assert any("số" in n for n in ward) and any("số" not in n for n in ward)
    commune = {n for s in range(40) for n in village_names(random.Random(s), "Xã", 8)}
    assert any(n.split()[-1].isdigit() for n in commune) and any(
        not n.split()[-1].isdigit() for n in commune
    )
