"""The country-scale generator's items: the same data whatever the number of processes, and
the search form the product would compute."""

import datetime as dt
import random
from types import SimpleNamespace

from bench import itemgen, texts
from dantinh.language.normalize import search_text


def _plan(n: int) -> itemgen.Plan:
    rng = random.Random(7)
    places = []
    for i in range(5):
        names = texts.village_names(rng, province_code="31", commune_type="Xã", n=12)
        place = texts.Place(
            province="Thành phố Hải Phòng",
            province_code="31",
            commune=f"Xã Thử {i}",
            commune_type="Xã",
            villages=names,
        )
        texts.place_extras(rng, place)
        places.append(
            itemgen.Commune(
                unit=SimpleNamespace(pk=100 + i, path=f"000{i}"),
                province_code="31",
                weight=1 + i,
                villages=[(1000 + 100 * i + j, f"000{i}{j:04d}") for j in range(12)],
                predecessors=[],
                place=place,
                fields=itemgen.cumulative(itemgen.FIELD_WEIGHTS),
                reporter_id=9,
            )
        )
    ids = {
        "kind": {k: i for i, k in enumerate(itemgen.KIND_WEIGHTS)},
        "field": {k: i for i, k in enumerate(itemgen.FIELD_WEIGHTS)},
        "mood": {
            k: i
            for i, k in enumerate(
                [
                    "vui_mung",
                    "phan_khoi",
                    "dong_tinh",
                    "tin_tuong",
                    "mong_muon",
                    "ban_khoan",
                    "lo_lang",
                    "buc_xuc",
                ]
            )
        },
        "channel": {k: i for i, k in enumerate(itemgen.CHANNEL_WEIGHTS)},
        "authority": {k: i for i, k in enumerate(set(itemgen.AUTHORITY_BY_FIELD.values()))},
    }
    p = itemgen.plan(n=n, seed=2026, rng=rng, today=dt.date(2026, 12, 7), places=places, ids=ids)
    p.vendor = "postgresql"
    p.now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    return p


def test_a_chunk_is_the_same_whichever_process_makes_it_and_whenever():
    n = 2 * itemgen.CHUNK + 500
    alone = list(itemgen.chunk_rows(_plan(n), 1))
    in_turn = [list(itemgen.chunk_rows(_plan(n), i)) for i in range(3)]
    assert in_turn[1] == alone
    ids = [row[0] for chunk in in_turn for row, _ in chunk]
    assert ids == list(range(1, n + 1))  # every id once, in date order
    days = [row[6] for chunk in in_turn for row, _ in chunk]
    assert days == sorted(days)
    assert days[0] >= dt.date(2026, 12, 7) - dt.timedelta(days=itemgen.DAYS - 1)


def test_the_generated_search_form_is_the_products():
    rows = list(itemgen.chunk_rows(_plan(3000), 0))
    assert len({row[12] for row, _ in rows}) > 2900  # texts differ
    assert all(row[16] == search_text(row[12]) for row, _ in rows)
